package main

import (
	"archive/zip"
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"retake/audio"
	"retake/take"
	"retake/ui"
)

// smallDisk mounts a tmpfs of the given size on a temp folder, or skips
// the test where it cannot mount (not root, no tmpfs).
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here, so this full disk test is skipped: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fillDiskTo writes a filler file into dir until only about leave bytes
// are free (0: until the disk is full).
func fillDiskTo(t *testing.T, dir string, leave int64) {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	free := int64(st.Bavail) * st.Bsize
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for n := int64(0); leave == 0 || n < free-leave; n += int64(len(buf)) {
		if _, err := f.Write(buf); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				return
			}
			t.Fatal(err)
		}
	}
}

func TestImportOnAFullDiskNeitherPanicsNorLeavesHalfATake(t *testing.T) {
	disk := smallDisk(t, "2m")
	t.Setenv(take.EnvDataDir, filepath.Join(disk, "lib"))
	src := t.TempDir()
	wav := filepath.Join(src, "good.wav")
	testTakeWAV(t, wav, 100000) // 200 KB: fits
	tr := filepath.Join(src, "tr.txt")
	// 400 KB of transcript: its take.json does not fit.
	os.WriteFile(tr, []byte(strings.Repeat("I shipped the report without checking the totals. ", 8000)), 0o600)
	if code, _, errs := runTakes(t, wrapIO(cmdTakes)); code != 0 { // makes the library
		t.Fatal(errs)
	}
	fillDiskTo(t, disk, 300<<10)

	code, out, errs := runTakes(t, wrapIO(cmdImport), wav, "--transcript", tr)
	if code != 1 || out != "" || !strings.Contains(errs, "nothing was imported") || !strings.Contains(errs, "no space left on device") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("import on a full disk: exit %d, out %q, err %q", code, out, errs)
	}
	code, out, errs = runTakes(t, wrapIO(cmdTakes))
	if code != 0 || out != "no takes\n" {
		t.Errorf("after the failed import: %d %q %q", code, out, errs)
	}
	if ents, _ := os.ReadDir(filepath.Join(disk, "lib", "takes")); len(ents) != 0 {
		t.Errorf("the failed import left %d entries", len(ents))
	}
}

func TestFullDiskAndACrashedTakeStillList(t *testing.T) {
	disk := smallDisk(t, "1m")
	t.Setenv(take.EnvDataDir, filepath.Join(disk, "lib"))
	lib, err := take.Open(take.Options{Audio: takeAudioHooks()})
	if err != nil {
		t.Fatal(err)
	}
	tk, err := lib.Create(take.Question{ID: "mistake-classic"}, "crash")
	if err != nil {
		t.Fatal(err)
	}
	crashedWAV(t, tk.AudioPath(), 12000)
	if err := lib.MarkSection(tk.ID, 1, 0.5); err != nil {
		t.Fatal(err)
	}
	lib.Close() // the app "crashed" mid-take
	fillDiskTo(t, disk, 0)

	// The app opens: the library is usable, and it says what is wrong.
	app, err := take.Open(take.Options{Audio: takeAudioHooks()})
	if err != nil {
		t.Fatalf("open with a full disk: %v", err)
	}
	title, msg := libraryNotice(app, nil)
	if title != "Takes need recovery" || !strings.Contains(msg, tk.ID) || !strings.Contains(msg, "free some disk space") || !strings.Contains(msg, "can still be played and exported") {
		t.Errorf("app notice %q: %q", title, msg)
	}
	rows, err := guiLibrary{app}.List()
	if err != nil || len(rows) != 1 || !strings.HasPrefix(rows[0].Question, "needs recovery: ") {
		t.Errorf("app lists %+v, %v", rows, err)
	}
	app.Close()

	// Every read command works, export to another disk included.
	code, out, errs := runTakes(t, wrapIO(cmdTakes))
	if code != 0 || !strings.Contains(out, "needs recovery") {
		t.Errorf("takes: %d %q %q", code, out, errs)
	}
	if code, out, errs = runTakes(t, wrapIO(cmdShow), tk.ID); code != 0 || !strings.Contains(out, "(needs recovery)") {
		t.Errorf("show: %d %q %q", code, out, errs)
	}
	if code, _, errs = runTakes(t, wrapIO(cmdStats)); code != 0 {
		t.Errorf("stats: %d %q", code, errs)
	}
	zipPath := filepath.Join(t.TempDir(), "out.zip")
	if code, _, errs = runTakes(t, wrapIO(cmdExport), tk.ID, "--out", zipPath); code != 0 {
		t.Fatalf("export to another disk: %d %q", code, errs)
	}
	z, err := zip.OpenReader(zipPath)
	if err != nil || len(z.File) == 0 || z.File[0].Name != "audio.wav" {
		t.Fatalf("exported zip %v, %v", z, err)
	}
	z.Close()
	code, _, errs = runTakes(t, wrapIO(cmdRecover))
	if code != 1 || !strings.Contains(errs, "still needs recovery") || !strings.Contains(errs, "no space left") {
		t.Errorf("recover on a full disk: %d %q", code, errs)
	}

	os.Remove(filepath.Join(disk, "filler"))
	if code, out, errs = runTakes(t, wrapIO(cmdRecover)); code != 0 || out != "recovered "+tk.ID+"\n" {
		t.Fatalf("recover with space: %d %q %q", code, out, errs)
	}
	var got take.Take
	_, out, _ = runTakes(t, wrapIO(cmdShow), tk.ID, "--json")
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Status != take.Recovered || got.DurationS != 1.5 || !reflect.DeepEqual(got.Marks, []float64{0.5}) {
		t.Errorf("recovered take %+v, %v", got, err)
	}
}

// crashedWAV writes n samples behind a header whose sizes a killed
// recorder never filled in.
func crashedWAV(t *testing.T, path string, n int) {
	t.Helper()
	testTakeWAV(t, path, n)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.WriteAt(make([]byte, 4), 4)
	f.WriteAt(make([]byte, 4), 40)
}

func TestEightMegabyteOneLineTranscriptIsStoredOrRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("analyzes 8 MB of text")
	}
	takesEnv(t)
	dir := t.TempDir()
	wav := filepath.Join(dir, "good.wav")
	testTakeWAV(t, wav, 16000)
	tr := filepath.Join(dir, "long.txt")
	line := strings.Repeat("I skipped the dry run because I assumed the schema matched and it was missed ", 8<<20/80)
	os.WriteFile(tr, []byte(line), 0o600)
	code, out, errs := runTakes(t, wrapIO(cmdImport), wav, "--transcript", tr)
	t.Logf("import of an 8 MB one-line transcript: exit %d, %s%s", code, out, errs)
	_, list, _ := runTakes(t, wrapIO(cmdTakes), "--json")
	var rows []take.Summary
	if err := json.Unmarshal([]byte(list), &rows); err != nil {
		t.Fatal(err)
	}
	switch code {
	case 0:
		if len(rows) != 1 || rows[0].Status != take.OK {
			t.Fatalf("stored, then listed as %+v", rows)
		}
	case 1:
		if !strings.Contains(errs, "too large to store") || !strings.Contains(errs, "shorten the transcript") || len(rows) != 0 {
			t.Fatalf("refused with %q, listing %+v", errs, rows)
		}
	default:
		t.Fatalf("exit %d", code)
	}
}

func TestSpecialFilesAreRefusedAtOnce(t *testing.T) {
	takesEnv(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "tr.srt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	wav := filepath.Join(dir, "good.wav")
	testTakeWAV(t, wav, 16000)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, tc := range []struct {
			name string
			run  func() (int, string, string)
			want string
		}{
			{"analyze FIFO", func() (int, string, string) {
				return runTakes(t, wrapIO(analyzeNoStdin), fifo)
			}, "named pipe (FIFO)"},
			{"analyze device", func() (int, string, string) {
				return runTakes(t, wrapIO(analyzeNoStdin), "/dev/zero")
			}, "is a device"},
			{"import --transcript FIFO", func() (int, string, string) {
				return runTakes(t, wrapIO(cmdImport), wav, "--transcript", fifo)
			}, "named pipe (FIFO)"},
			{"import FIFO audio", func() (int, string, string) {
				return runTakes(t, wrapIO(cmdImport), fifo)
			}, "named pipe"},
		} {
			code, _, errs := tc.run()
			if code != 1 || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
				t.Errorf("%s: exit %d, %q; want one line saying %q", tc.name, code, errs, tc.want)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("a command hung on a FIFO")
	}
	if _, out, _ := runTakes(t, wrapIO(cmdTakes)); out != "no takes\n" {
		t.Errorf("refused imports left takes: %q", out)
	}
}

func TestImportOfWAVsWithNoOrHiddenSamples(t *testing.T) {
	takesEnv(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.wav")
	testTakeWAV(t, empty, 0)
	code, _, errs := runTakes(t, wrapIO(cmdImport), empty)
	if code != 1 || !strings.Contains(errs, "no audio samples") {
		t.Errorf("import of a WAV with no samples: %d %q", code, errs)
	}
	// A header that declares 0 data bytes over 2 s of samples: the copy
	// is repaired and the take holds the 2 s; the original is untouched.
	hidden := filepath.Join(dir, "hidden.wav")
	crashedWAV(t, hidden, 16000)
	before, _ := os.ReadFile(hidden)
	code, out, errs := runTakes(t, wrapIO(cmdImport), hidden)
	if code != 0 || !strings.Contains(errs, "repaired on import") {
		t.Fatalf("import of a WAV with a short header: %d %q %q", code, out, errs)
	}
	if after, _ := os.ReadFile(hidden); string(after) != string(before) {
		t.Error("the original WAV was changed")
	}
	var got take.Take
	_, js, _ := runTakes(t, wrapIO(cmdShow), strings.TrimSpace(out), "--json")
	if err := json.Unmarshal([]byte(js), &got); err != nil || got.DurationS != 2 {
		t.Errorf("imported take lasts %v s (%v), want 2", got.DurationS, err)
	}
}

// analyzeNoStdin is retake analyze with an empty standard input.
func analyzeNoStdin(args []string, stdout, stderr io.Writer) int {
	return cmdAnalyze(args, strings.NewReader(""), stdout, stderr)
}

// importChildEnv tells a re-executed test binary to run one `retake
// import` of the WAV it names.
const importChildEnv = "RETAKE_TEST_IMPORT_CHILD"

// TestHelperImportCommand is not a test: it is one `retake import`.
func TestHelperImportCommand(t *testing.T) {
	wav := os.Getenv(importChildEnv)
	if wav == "" {
		t.Skip("helper process only")
	}
	os.Exit(run([]string{"import", wav}))
}

func TestSixImportsAtOnceAllSucceed(t *testing.T) {
	takesEnv(t)
	wav := filepath.Join(t.TempDir(), "good.wav")
	testTakeWAV(t, wav, 8000)
	const n = 6
	cmds := make([]*exec.Cmd, n)
	outs := make([]*strings.Builder, n)
	for i := range cmds {
		outs[i] = &strings.Builder{}
		cmds[i] = exec.Command(os.Args[0], "-test.run=^TestHelperImportCommand$")
		cmds[i].Env = append(os.Environ(), importChildEnv+"="+wav)
		cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("import %d: %v %s", i, err, outs[i])
		}
	}
	var rows []take.Summary
	_, out, _ := runTakes(t, wrapIO(cmdTakes), "--json")
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != n {
		t.Errorf("%d takes after %d imports at once (%v)", len(rows), n, err)
	}
}

func TestTakesWhileAnImportWaitsAndTheAppOpens(t *testing.T) {
	takesEnv(t)
	// A reader holds the library (a long `retake export`, say): the app
	// opening meanwhile waits for it and is writable, not read-only.
	reader, err := take.Open(take.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	other, err := take.Open(take.Options{ReadOnly: true})
	if err != nil || other.OtherWriter() {
		t.Fatalf("second reader: %v (other writer %v)", err, other.OtherWriter())
	}
	other.Close()
	go func() {
		time.Sleep(300 * time.Millisecond)
		reader.Close()
	}()
	app, err := take.Open(take.Options{Audio: takeAudioHooks()})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if app.ReadOnly() {
		t.Fatalf("the app opened read-only beside a reader: %s", app.ReadOnlyReason())
	}
	if _, msg := libraryNotice(app, nil); msg != "" {
		t.Errorf("notice for a healthy library: %q", msg)
	}
}

func TestReadOnlyNoticeSaysItsReasonOnce(t *testing.T) {
	takesEnv(t)
	holder, err := take.Open(take.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	ro, err := take.Open(take.Options{LockWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	title, msg := libraryNotice(ro, nil)
	if title != "Takes are read-only" || strings.Count(strings.ToLower(msg), "another copy of retake") != 1 || strings.Contains(msg, "(") {
		t.Errorf("read-only notice %q: %q", title, msg)
	}
}

// markChildEnv tells a re-executed test binary to record a take through
// the app's adapters, pressing three section marks.
const markChildEnv = "RETAKE_TEST_MARK_CHILD"

// TestHelperRecordWithMarks is not a test: it records on the null
// backend through the same adapters the app uses, presses Space three
// times (the marks journal), and waits to be killed.
func TestHelperRecordWithMarks(t *testing.T) {
	if os.Getenv(markChildEnv) == "" {
		t.Skip("helper process only")
	}
	say := func(s string) { os.Stdout.WriteString(s + "\n") }
	lib, err := take.Open(take.Options{Audio: takeAudioHooks(), RequireWrite: true})
	if err != nil {
		say("error " + err.Error())
		os.Exit(3)
	}
	g := guiLibrary{lib}
	tk, err := g.Create(ui.Question{ID: "mistake-classic", Text: "Tell me about a time you made a mistake.", Rubric: "mistake"})
	if err != nil {
		say("error " + err.Error())
		os.Exit(3)
	}
	rec, err := newGUIRecorder("")
	if err != nil {
		say("error " + err.Error())
		os.Exit(3)
	}
	if err := rec.Start(tk.AudioPath, nil); err != nil {
		say("error " + err.Error())
		os.Exit(3)
	}
	start := time.Now()
	for n := 1; n <= 3; n++ {
		time.Sleep(400 * time.Millisecond)
		if err := g.MarkSection(tk.ID, n, time.Since(start)); err != nil {
			say("error " + err.Error())
			os.Exit(3)
		}
	}
	// Past the recorder's next header update, so the audio holds the marks.
	time.Sleep(1500 * time.Millisecond)
	say("marked " + tk.ID)
	time.Sleep(time.Minute)
	os.Exit(4)
}

func TestMarksPressedBeforeASIGKILLAreRecovered(t *testing.T) {
	dir := takesEnv(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperRecordWithMarks$")
	cmd.Env = append(os.Environ(), markChildEnv+"=1", audio.BackendEnv+"=null", take.EnvDataDir+"="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		lines <- l
	}()
	var id string
	select {
	case l := <-lines:
		var ok bool
		if id, ok = strings.CutPrefix(strings.TrimSpace(l), "marked "); !ok {
			t.Fatalf("child said %q", l)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("child never pressed its marks")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	lib, err := take.Open(take.Options{Audio: takeAudioHooks()}) // the app opens again
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	got, err := lib.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("recovered take: %s, %.2f s, marks %v, note %q", got.Status, got.DurationS, got.Marks, got.Note)
	if got.Status != take.Recovered || len(got.Marks) != 3 {
		t.Fatalf("recovered take has marks %v (status %s), want the three pressed", got.Marks, got.Status)
	}
	for i, m := range got.Marks {
		if lo := 0.4 * float64(i+1); m < lo || m > lo+1 || (i > 0 && m <= got.Marks[i-1]) {
			t.Errorf("mark %d at %v s, want about %v s", i+1, m, lo)
		}
	}
	if got.DurationS < got.Marks[2] {
		t.Errorf("recovered audio (%v s) ends before the last mark", got.DurationS)
	}
}
