package take

import (
	"os"
	"strings"
	"testing"
)

func TestCrashedRecordingIsRecovered(t *testing.T) {
	l := openTest(t)
	tk, err := l.Create(classic, "crash")
	if err != nil {
		t.Fatal(err)
	}
	if tk.Status != Recording {
		t.Fatalf("new take status %q", tk.Status)
	}
	// The recorder wrote 1.5 s of audio and marks past that before the
	// crash, and never updated the WAV header.
	writeWAV(t, tk.AudioPath(), 1.5, true)
	tk.Marks = []float64{0.5, 1, 2, 3}
	if err := l.Save(tk); err != nil {
		t.Fatal(err)
	}
	empty, err := l.Create(classic, "no audio")
	if err != nil {
		t.Fatal(err)
	}
	l.Close()

	l2, err := Open(Options{Root: l.Root(), Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	got, err := l2.Get(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != Recovered || got.DurationS != 1.5 || len(got.Marks) != 2 || got.Note != "" {
		t.Errorf("recovered take: status %q, duration %v, marks %v, note %q", got.Status, got.DurationS, got.Marks, got.Note)
	}
	if d, _, _ := probeTestPath(got.AudioPath()); d != 1.5 {
		t.Errorf("WAV header not repaired: probe says %v s", d)
	}
	e, err := l2.Get(empty.ID)
	if err != nil {
		t.Fatal(err)
	}
	if e.Status != Recovered || !strings.Contains(e.Note, "no audio") {
		t.Errorf("take with no audio: status %q, note %q", e.Status, e.Note)
	}
	list, _ := l2.List()
	for _, s := range list {
		if s.Status != Recovered {
			t.Errorf("listed as %+v, want recovered", s)
		}
	}
}

func TestReadOnlyOpenLeavesRecordingAlone(t *testing.T) {
	holder := openTest(t)
	tk, err := holder.Create(classic, "live")
	if err != nil {
		t.Fatal(err)
	}
	writeWAV(t, tk.AudioPath(), 1, true)
	before, _ := os.ReadFile(tk.AudioPath())
	ro, err := Open(Options{Root: holder.Root(), Audio: testHooks, LockWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	got, err := ro.Get(tk.ID)
	if err != nil || got.Status != Recording {
		t.Fatalf("read-only view of a live recording: %+v, %v", got, err)
	}
	after, _ := os.ReadFile(tk.AudioPath())
	if string(before) != string(after) {
		t.Error("read-only open modified audio that was being recorded")
	}
}
