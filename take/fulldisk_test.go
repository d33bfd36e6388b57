package take

import (
	"archive/zip"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"retake/scoring"
)

// diskFull makes every atomic write inside the library named one of
// names (any name when none are given) fail as a full disk does, until
// the returned function is called or the test ends.
func diskFull(t *testing.T, names ...string) (free func()) {
	t.Helper()
	writeFault = func(name string, w io.Writer) io.Writer {
		if len(names) == 0 || strings.Contains(strings.Join(names, "\x00"), name) {
			return noSpace{name}
		}
		return w
	}
	free = func() { writeFault = nil }
	t.Cleanup(free)
	return free
}

// noSpace fails every write with ENOSPC, as a full disk does.
type noSpace struct{ name string }

func (n noSpace) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: n.name, Err: syscall.ENOSPC}
}

// smallDisk mounts a tmpfs of the given size ("1m") on a temp folder and
// returns it; the test is skipped where it cannot mount (not root, or no
// tmpfs).
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here, so the real full disk variant is skipped: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// fillDisk writes a filler file into dir until the disk is full.
func fillDisk(t *testing.T, dir string) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 4096)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			return
		}
	}
}

// crashedTake leaves a take as a crash mid-recording does: in the
// recording state, with 1.5 s of audio behind a header never updated and
// two marks in its journal.
func crashedTake(t *testing.T, l *Library) *Take {
	t.Helper()
	tk, err := l.Create(classic, "crash")
	if err != nil {
		t.Fatal(err)
	}
	writeWAV(t, tk.AudioPath(), 1.5, true)
	for i, m := range []float64{0.5, 1.1} {
		if err := l.MarkSection(tk.ID, i+1, m); err != nil {
			t.Fatal(err)
		}
	}
	return tk
}

// checkReadsWork lists, gets and exports a take that needs recovery.
func checkReadsWork(t *testing.T, l *Library, id string) {
	t.Helper()
	list, err := l.List()
	if err != nil {
		t.Fatalf("List with a take needing recovery: %v", err)
	}
	if len(list) != 1 || list[0].Status != NeedsRecovery || !strings.Contains(list[0].Reason, "no space left on device") ||
		!strings.Contains(list[0].Reason, "free some disk space") {
		t.Fatalf("listed as %+v, want needs recovery saying the disk is full and what to do", list)
	}
	tk, err := l.Get(id)
	if err != nil || tk.Status != NeedsRecovery {
		t.Fatalf("Get = %+v, %v", tk, err)
	}
	// Export goes to another disk, which has room.
	out := filepath.Join(os.TempDir(), "retake-test-"+id+".zip")
	defer os.Remove(out)
	if err := l.Export(id, out); err != nil {
		t.Fatalf("export of a take needing recovery: %v", err)
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if len(z.File) == 0 || z.File[0].Name != "audio.wav" || z.File[0].UncompressedSize64 != 44+2*testRate*3/2 {
		t.Errorf("exported %v, want the 1.5 s audio", z.File)
	}
	if got := l.NeedsRecovery(); len(got) != 1 || got[0].ID != id {
		t.Errorf("NeedsRecovery = %+v", got)
	}
}

func TestFullDiskRecoveryNeverBlocksReading(t *testing.T) {
	l := openTest(t)
	tk := crashedTake(t, l)
	l.Close()

	free := diskFull(t)
	l2, err := Open(Options{Root: l.Root(), Audio: testHooks})
	if err != nil {
		t.Fatalf("a full disk and a crashed take stopped the open: %v", err)
	}
	defer l2.Close()
	if l2.ReadOnly() {
		t.Fatalf("library read-only: %s", l2.ReadOnlyReason())
	}
	checkReadsWork(t, l2, tk.ID)
	// A write to the take says it needs recovery first.
	if _, err := l2.SetStory(tk.ID, "x"); !errors.Is(err, ErrNeedsRecovery) {
		t.Errorf("SetStory on a take needing recovery = %v", err)
	}

	// Space is freed: the next load finishes the recovery, marks included.
	free()
	got, err := l2.Get(tk.ID)
	if err != nil || got.Status != Recovered || got.DurationS != 1.5 || len(got.Marks) != 2 || got.Note != "" {
		t.Fatalf("after freeing space: %+v, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(got.Dir(), journalName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("marks journal kept after recovery: %v", err)
	}
	if len(l2.NeedsRecovery()) != 0 {
		t.Error("still listed as needing recovery")
	}
}

func TestRecoveryRetriesOnTheNextOpen(t *testing.T) {
	l := openTest(t)
	tk := crashedTake(t, l)
	l.Close()
	diskFull(t)
	l2, err := Open(Options{Root: l.Root(), Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	l2.Close()
	writeFault = nil
	l3, err := Open(Options{Root: l.Root(), Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	defer l3.Close()
	if got := l3.Recovered(); len(got) != 1 || got[0] != tk.ID {
		t.Errorf("Recovered = %v", got)
	}
	if got, err := l3.Get(tk.ID); err != nil || got.Status != Recovered || len(got.Marks) != 2 {
		t.Errorf("recovered on the next open: %+v, %v", got, err)
	}
}

func TestFullTmpfsRecoveryNeverBlocksReading(t *testing.T) {
	disk := smallDisk(t, "1m")
	root := filepath.Join(disk, "lib")
	l, err := Open(Options{Root: root, Audio: testHooks, Now: fixedClock()})
	if err != nil {
		t.Fatal(err)
	}
	tk := crashedTake(t, l)
	l.Close()
	fillDisk(t, disk)

	l2, err := Open(Options{Root: root, Audio: testHooks})
	if err != nil {
		t.Fatalf("a full disk and a crashed take stopped the open: %v", err)
	}
	defer l2.Close()
	checkReadsWork(t, l2, tk.ID)
	// A reader (retake takes, show, export) lists it too.
	ro, err := Open(Options{Root: root, Audio: testHooks, ReadOnly: true, LockWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if list, err := ro.List(); err != nil || len(list) != 1 {
		t.Errorf("reader List = %+v, %v", list, err)
	}
	if err := os.Remove(filepath.Join(disk, "filler")); err != nil {
		t.Fatal(err)
	}
	if got, err := l2.Get(tk.ID); err != nil || got.Status != Recovered || len(got.Marks) != 2 {
		t.Errorf("after freeing the disk: %+v, %v", got, err)
	}
}

func TestReadsWorkWhenTheWriteBackFails(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, nil)
	tk.AnalyzerVersion = "0.0.0-old" // Get recomputes and writes back
	if err := l.Save(tk); err != nil {
		t.Fatal(err)
	}
	diskFull(t)
	got, err := l.Get(tk.ID)
	if err != nil || got.AnalyzerVersion != scoring.Version {
		t.Fatalf("Get with a write-back on a full disk = %+v, %v", got, err)
	}
	if list, err := l.List(); err != nil || len(list) != 1 || list[0].Status != OK {
		t.Fatalf("List = %+v, %v", list, err)
	}
	if _, err := l.Stats("", "", 0); err != nil {
		t.Fatalf("Stats: %v", err)
	}
}

func TestFailedWritesLeaveTheTakeAsItWas(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "before", 1, nil)
	before, err := os.ReadFile(filepath.Join(tk.Dir(), takeFile))
	if err != nil {
		t.Fatal(err)
	}
	diskFull(t, takeFile)
	writes := map[string]error{}
	_, writes["SetTranscript"] = l.SetTranscript(tk.ID, "I broke the build.", SourceTyped)
	_, writes["SetStory"] = l.SetStory(tk.ID, "after")
	_, writes["SetDraft"] = l.SetDraft(tk.ID, draftText, draftWords, "pocketsphinx", nil)
	_, writes["Create"] = l.Create(classic, "")
	for op, err := range writes {
		if err == nil || !strings.Contains(err.Error(), "no space left on device") {
			t.Errorf("%s on a full disk = %v", op, err)
		}
	}
	after, _ := os.ReadFile(filepath.Join(tk.Dir(), takeFile))
	if string(after) != string(before) {
		t.Error("a failed write changed take.json")
	}
	assertNoTemps(t, tk.Dir())
	if list, _ := l.List(); len(list) != 1 {
		t.Errorf("a failed Create left a take: %+v", list)
	}
}
