package take

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestSecondOpenIsReadOnly(t *testing.T) {
	first := openTest(t)
	tk := recordTake(t, first, classic, "", 1, nil)

	second, err := Open(Options{Root: first.Root()})
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

	if _, err := Open(Options{Root: first.Root(), RequireWrite: true}); !errors.Is(err, ErrLocked) {
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

	l, err := Open(Options{Root: root})
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
