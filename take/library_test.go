package take

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"retake/scoring"
)

var classic = Question{ID: "mistake-classic", Text: "Tell me about a time you made a mistake.", Rubric: "mistake"}

func TestRoundTrip(t *testing.T) {
	l := openTest(t)
	made := recordTake(t, l, classic, "billing migration", 2, []float64{0.2, 0.5, 1, 1.4})
	if made.Status != OK || made.Report == nil || made.AnalyzerVersion != scoring.Version {
		t.Fatalf("after finish and transcript: status %q, report %v, analyzer %q", made.Status, made.Report != nil, made.AnalyzerVersion)
	}
	got, err := l.Get(made.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, made) {
		t.Errorf("take changed on the way through disk:\n got %+v\nwant %+v", got, made)
	}

	// A fresh Library over the same root reads the same take.
	l.Close()
	l2, err := Open(Options{Root: l.Root(), Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	again, err := l2.Get(made.ID)
	if err != nil || !reflect.DeepEqual(again, made) {
		t.Fatalf("reopened: %v, equal %v", err, reflect.DeepEqual(again, made))
	}

	list, err := l2.List()
	if err != nil || len(list) != 1 {
		t.Fatalf("List = %v, %v", list, err)
	}
	s := list[0]
	if s.ID != made.ID || s.Question != classic.ID || s.Story != "billing migration" || s.Status != OK ||
		s.DurationS != 2 || s.Score == nil || *s.Score != made.Report.Score || !s.Created.Equal(made.Created) {
		t.Errorf("summary %+v does not match the take", s)
	}
}

func TestPermissions(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, nil)
	for path, want := range map[string]os.FileMode{
		l.Root(): 0o700, filepath.Join(l.Root(), "takes"): 0o700, filepath.Join(l.Root(), "trash"): 0o700,
		tk.Dir(): 0o700, filepath.Join(tk.Dir(), "take.json"): 0o600, filepath.Join(l.Root(), "lock"): 0o600,
	} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", path, got, want)
		}
	}
}

func TestRootFromEnvironment(t *testing.T) {
	testRoot(t)
	dir := t.TempDir()
	t.Setenv(EnvDataDir, dir)
	root, err := DefaultRoot()
	if err != nil || root != dir {
		t.Fatalf("DefaultRoot = %q, %v; want %q", root, err, dir)
	}
	l, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := os.Stat(filepath.Join(dir, "takes")); err != nil {
		t.Errorf("takes folder not made under %s: %v", EnvDataDir, err)
	}
}

func TestValidateID(t *testing.T) {
	for _, tc := range []struct {
		id string
		ok bool
	}{
		{"20260301T090100000Z-1a2b3c4d", true},
		{"take_1.v2", true},
		{"", false},
		{".", false},
		{"..", false},
		{"../etc", false},
		{"a/../../b", false},
		{"a/b", false},
		{`a\b`, false},
		{"/abs", false},
		{".hidden", false},
		{"a..b", false},
		{"nul\x00byte", false},
		{"space id", false},
		{"\u00e9t\u00e9", false},
		{strings.Repeat("a", 65), false},
	} {
		err := ValidateID(tc.id)
		if (err == nil) != tc.ok {
			t.Errorf("ValidateID(%q) = %v, want ok=%v", tc.id, err, tc.ok)
		}
		if err != nil && !errors.Is(err, ErrBadID) {
			t.Errorf("ValidateID(%q) error %v does not wrap ErrBadID", tc.id, err)
		}
	}
}

func TestNewIDSortsByTime(t *testing.T) {
	base := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	prev := ""
	for i := range 50 {
		id := NewID(base.Add(time.Duration(i) * 7 * time.Millisecond))
		if err := ValidateID(id); err != nil {
			t.Fatal(err)
		}
		if id <= prev {
			t.Fatalf("id %q does not sort after %q", id, prev)
		}
		prev = id
	}
	if a, b := NewID(base), NewID(base); a == b {
		t.Errorf("two ids made in the same millisecond are equal: %q", a)
	}
}

func TestEscapingIDsAreRefused(t *testing.T) {
	l := openTest(t)
	outside := filepath.Join(filepath.Dir(l.Root()), "victim")
	if err := os.MkdirAll(outside, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"../victim", "../../victim", "a/b", "", "..", ".import.tmp-x"} {
		checks := map[string]error{}
		_, checks["Get"] = l.Get(id)
		_, checks["SetTranscript"] = l.SetTranscript(id, "text", SourceTyped)
		_, checks["SetStory"] = l.SetStory(id, "x")
		_, checks["Finish"] = l.Finish(id, 1, nil)
		checks["Delete"] = l.Delete(id)
		checks["Restore"] = l.Restore(id)
		checks["Export"] = l.Export(id, filepath.Join(t.TempDir(), "x.zip"))
		for op, err := range checks {
			if !errors.Is(err, ErrBadID) {
				t.Errorf("%s(%q) = %v, want ErrBadID", op, id, err)
			}
		}
	}
	if _, err := os.Stat(outside); err != nil {
		t.Errorf("folder outside the library was touched: %v", err)
	}
}

func TestFinishChecksMarks(t *testing.T) {
	l := openTest(t)
	tk, err := l.Create(classic, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		d     float64
		marks []float64
	}{
		{10, []float64{3, 2}},
		{10, []float64{1, 2, 3, 4, 5}},
		{10, []float64{11}},
		{10, []float64{-1}},
		{-1, nil},
	} {
		if _, err := l.Finish(tk.ID, tc.d, tc.marks); err == nil {
			t.Errorf("Finish(%v, %v) accepted", tc.d, tc.marks)
		}
	}
	if got, _ := l.Get(tk.ID); got.Status != Recording {
		t.Errorf("a refused Finish changed the stored take: status %q", got.Status)
	}
}

func TestStoryLabels(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "  first story ", 1, nil)
	if tk.Story != "first story" {
		t.Errorf("story %q not trimmed", tk.Story)
	}
	for _, bad := range []string{strings.Repeat("x", MaxStoryLen+1), "two\nlines", "bell\a"} {
		if _, err := l.SetStory(tk.ID, bad); err == nil {
			t.Errorf("SetStory(%q) accepted", bad)
		}
	}
	got, err := l.SetStory(tk.ID, "renamed")
	if err != nil || got.Story != "renamed" {
		t.Fatalf("SetStory = %+v, %v", got, err)
	}
	if again, _ := l.Get(tk.ID); again.Story != "renamed" {
		t.Errorf("story not stored: %q", again.Story)
	}
}

func TestClearTranscriptDropsReport(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, nil)
	got, err := l.SetTranscript(tk.ID, "", SourceTyped)
	if err != nil {
		t.Fatal(err)
	}
	if got.Report != nil || got.TranscriptSource != (Source{}) {
		t.Errorf("cleared transcript kept report %v / source %q", got.Report, got.TranscriptSource)
	}
	if _, err := l.SetTranscript(tk.ID, "\x00\x01binary", FileSource("x.bin")); err == nil {
		t.Error("binary transcript accepted")
	}
}

func TestSetAnalyzedTranscriptKeepsTheCallersReport(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, nil)
	text := "I approved the rota without checking the holiday list, so two nurses were missing on Sunday."
	rep := scoring.Analyze(scoring.Input{Text: text, Target: 3 * time.Minute, RecordingS: 1})
	// A score above 100, which no analysis produces, shows the report was kept,
	// not recomputed.
	rep.Score = 101
	got, err := l.SetAnalyzedTranscript(tk.ID, text, SourceTyped, rep)
	if err != nil {
		t.Fatal(err)
	}
	if got.Report == nil || got.Report.Score != 101 || got.TargetS != 180 {
		t.Fatalf("kept report %v with target %v, want score 101 and target 180", got.Report, got.TargetS)
	}
	again, err := l.Get(tk.ID)
	if err != nil || again.Report.Score != 101 || again.TargetS != 180 {
		t.Fatalf("stored take lost the report or target: %v %v", again, err)
	}

	// A report from another analyzer version is recomputed.
	stale := rep
	stale.AnalyzerVersion = "0.0.1"
	got, err = l.SetAnalyzedTranscript(tk.ID, text, SourceTyped, stale)
	if err != nil {
		t.Fatal(err)
	}
	if got.Report.Score == 101 || got.Report.AnalyzerVersion != scoring.Version {
		t.Fatalf("stale report stored as given: %+v", got.Report)
	}
}

func TestLaxFoldersAreTightened(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, nil)
	l.Close()
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	for _, d := range []string{l.Root(), filepath.Join(l.Root(), takesDir), filepath.Join(l.Root(), trashDir), tk.Dir()} {
		if err := os.Chmod(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	l2, err := Open(Options{Root: l.Root(), Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	for _, d := range []string{l.Root(), filepath.Join(l.Root(), takesDir), filepath.Join(l.Root(), trashDir), tk.Dir()} {
		if fi, _ := os.Stat(d); fi.Mode().Perm() != 0o700 {
			t.Errorf("%s left %o, want 0700", d, fi.Mode().Perm())
		}
	}
	if _, err := l2.SetStory(tk.ID, "after"); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(filepath.Join(tk.Dir(), takeFile)); fi.Mode().Perm() != 0o600 {
		t.Errorf("take.json written under umask 0 is %o", fi.Mode().Perm())
	}
}
