package take

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSecondOpenIsReadOnly(t *testing.T) {
	first := openTest(t)
	tk := recordTake(t, first, classic, "", 1, nil)

	second, err := Open(Options{Root: first.Root(), LockWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if !second.ReadOnly() || second.ReadOnlyReason() == "" {
		t.Fatalf("second open: read-only %v, reason %q", second.ReadOnly(), second.ReadOnlyReason())
	}
	if first.ReadOnly() {
		t.Fatal("first open lost its lock")
	}
	// Reads work; every write says why it cannot.
	if _, err := second.Get(tk.ID); err != nil {
		t.Errorf("read-only Get: %v", err)
	}
	if _, err := second.List(); err != nil {
		t.Errorf("read-only List: %v", err)
	}
	wav := filepath.Join(t.TempDir(), "a.wav")
	writeWAV(t, wav, 0.5, false)
	writes := map[string]error{}
	_, writes["Create"] = second.Create(classic, "")
	writes["Save"] = second.Save(tk)
	_, writes["Finish"] = second.Finish(tk.ID, 1, nil)
	_, writes["SetTranscript"] = second.SetTranscript(tk.ID, "x", SourceTyped)
	_, writes["SetStory"] = second.SetStory(tk.ID, "x")
	writes["Delete"] = second.Delete(tk.ID)
	writes["Restore"] = second.Restore(tk.ID)
	writes["EmptyTrash"] = second.EmptyTrash()
	_, writes["ImportAudio"] = second.ImportAudio(wav, classic, "")
	for op, err := range writes {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("read-only %s = %v, want ErrReadOnly", op, err)
		}
	}

	if _, err := Open(Options{Root: first.Root(), RequireWrite: true, LockWait: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("Open with RequireWrite while locked = %v, want ErrLocked", err)
	}
	first.Close()
	third, err := Open(Options{Root: first.Root(), RequireWrite: true})
	if err != nil {
		t.Fatalf("open after the holder closed: %v", err)
	}
	third.Close()
}

// TestHelperHoldLock is not a test: TestLockAcrossProcesses runs the test
// binary with it to play a second copy of the app holding the library.
func TestHelperHoldLock(t *testing.T) {
	root := os.Getenv("RETAKE_TEST_HOLD_LOCK")
	if root == "" {
		t.Skip("helper process only")
	}
	l, err := Open(Options{Root: root, RequireWrite: true})
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	os.Stdout.WriteString("locked\n")
	bufio.NewReader(os.Stdin).ReadString('\n') // hold until the parent says
	l.Close()
	os.Exit(0)
}

func TestLockAcrossProcesses(t *testing.T) {
	root := testRoot(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), "RETAKE_TEST_HOLD_LOCK="+root)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("helper said %q, %v", line, err)
	}

	l, err := Open(Options{Root: root, LockWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	if !l.ReadOnly() {
		t.Error("library writable while another process holds it")
	}
	l.Close()

	stdin.Write([]byte("release\n"))
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	l, err = Open(Options{Root: root, RequireWrite: true})
	if err != nil {
		t.Fatalf("open after the other process exited: %v", err)
	}
	l.Close()
}

// readerEnv tells a re-executed test binary to act as a reader (retake
// takes, show, export) of the library at the path it holds.
const readerEnv = "RETAKE_TEST_READER"

// TestHelperReader is not a test: it opens the library for reading,
// says how it holds it, lists it, and waits for a line on stdin.
func TestHelperReader(t *testing.T) {
	root := os.Getenv(readerEnv)
	if root == "" {
		t.Skip("helper process only")
	}
	l, err := Open(Options{Root: root, ReadOnly: true})
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	if _, err := l.List(); err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	how := "shared"
	if l.OtherWriter() {
		how = "beside-a-writer"
	}
	os.Stdout.WriteString("reading " + how + "\n")
	bufio.NewReader(os.Stdin).ReadString('\n')
	l.Close()
	os.Exit(0)
}

// startReader runs a reader process and returns how it holds the library
// and a function that lets it finish.
func startReader(t *testing.T, root string) (how string, release func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperReader$")
	cmd.Env = append(os.Environ(), readerEnv+"="+root)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- l
	}()
	select {
	case l := <-lines:
		how, ok := strings.CutPrefix(strings.TrimSpace(l), "reading ")
		if !ok {
			t.Fatalf("reader said %q", l)
		}
		return how, func() { stdin.Write([]byte("done\n")); cmd.Wait() }
	case <-time.After(10 * time.Second):
		t.Fatal("a reader waited for the library")
	}
	return "", nil
}

func TestReadersShareAndAWriterWaits(t *testing.T) {
	root := testRoot(t)
	// Two readers at once (retake takes and retake show, say) both hold
	// the library: readers never block each other.
	howA, releaseA := startReader(t, root)
	howB, releaseB := startReader(t, root)
	if howA != "shared" || howB != "shared" {
		t.Fatalf("readers hold the library as %q and %q, want both shared", howA, howB)
	}
	// The app starts meanwhile: it waits for the readers instead of
	// opening read-only for its whole session.
	type opened struct {
		l   *Library
		err error
	}
	done := make(chan opened, 1)
	go func() {
		l, err := Open(Options{Root: root, LockWait: 10 * time.Second})
		done <- opened{l, err}
	}()
	select {
	case o := <-done:
		t.Fatalf("the writer did not wait for the readers: %+v", o)
	case <-time.After(300 * time.Millisecond):
	}
	releaseA()
	releaseB()
	var app *Library
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatal(o.err)
		}
		app = o.l
	case <-time.After(10 * time.Second):
		t.Fatal("the writer never got the library after the readers left")
	}
	defer app.Close()
	if app.ReadOnly() {
		t.Fatalf("the app opened read-only: %s", app.ReadOnlyReason())
	}
	// A reader while the app runs does not wait, and knows a writer is on.
	if how, release := startReader(t, root); how != "beside-a-writer" {
		t.Errorf("reader beside the app holds the library as %q", how)
	} else {
		release()
	}
}

// importerEnv tells a re-executed test binary to import a WAV, given as
// "root|wav", into a library, holding it a moment afterwards.
const importerEnv = "RETAKE_TEST_IMPORTER"

// TestHelperImporter is not a test: it plays one `retake import`.
func TestHelperImporter(t *testing.T) {
	arg := os.Getenv(importerEnv)
	if arg == "" {
		t.Skip("helper process only")
	}
	root, wav, _ := strings.Cut(arg, "|")
	l, err := Open(Options{Root: root, RequireWrite: true, Audio: testHooks})
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	tk, err := l.ImportAudio(wav, classic, "")
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	time.Sleep(200 * time.Millisecond) // hold the library, so the others wait
	l.Close()
	os.Stdout.WriteString("imported " + tk.ID + "\n")
	os.Exit(0)
}

func TestConcurrentImportsWaitTheirTurn(t *testing.T) {
	root := testRoot(t)
	wav := filepath.Join(t.TempDir(), "a.wav")
	writeWAV(t, wav, 0.5, false)
	const n = 6
	outs := make([]*strings.Builder, n)
	cmds := make([]*exec.Cmd, n)
	start := time.Now()
	for i := range cmds {
		outs[i] = &strings.Builder{}
		cmds[i] = exec.Command(os.Args[0], "-test.run=^TestHelperImporter$")
		cmds[i].Env = append(os.Environ(), importerEnv+"="+root+"|"+wav)
		cmds[i].Stdout = outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil || !strings.HasPrefix(outs[i].String(), "imported ") {
			t.Errorf("import %d: %v %q", i, err, outs[i].String())
		}
	}
	l, err := Open(Options{Root: root, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if list, _ := l.List(); len(list) != n {
		t.Errorf("%d takes after %d concurrent imports", len(list), n)
	}
	t.Logf("%d imports that each hold the library 200 ms took %v", n, time.Since(start))
}

func TestReadOnlyAppTakesOverWhenTheOtherCopyCloses(t *testing.T) {
	first := openTest(t)
	second, err := Open(Options{Root: first.Root(), Audio: testHooks, LockWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if !second.ReadOnly() || !second.OtherWriter() {
		t.Fatal("second copy is not read-only beside the first")
	}
	if _, err := second.Create(classic, ""); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("Create beside the first copy = %v", err)
	}
	first.Close()
	tk, err := second.Create(classic, "")
	if err != nil {
		t.Fatalf("Create after the first copy closed: %v", err)
	}
	if second.ReadOnly() || tk.Status != Recording {
		t.Errorf("second copy did not take the library over: %v %+v", second.ReadOnlyReason(), tk)
	}
}
