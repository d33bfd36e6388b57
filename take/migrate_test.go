package take

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"retake/scoring"
)

// v1ID is the take in testdata/v1, written in the first take.json layout.
const v1ID = "20250110T081500000Z-0a1b2c3d"

// copyV1Library copies the v1 fixture library to root.
func copyV1Library(t *testing.T, root string) string {
	t.Helper()
	src := filepath.Join("testdata", "v1", "takes", v1ID, "take.json")
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "takes", v1ID)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "take.json")
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMigrateFromV1(t *testing.T) {
	root := testRoot(t)
	path := copyV1Library(t, root)
	l, err := Open(Options{Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	tk, err := l.Get(v1ID)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Schema != SchemaVersion || tk.Question.ID != "mistake-classic" || tk.Story != "" ||
		tk.DurationS != 131.5 || len(tk.Marks) != 4 || tk.Status != OK || tk.TranscriptSource != SourceTyped ||
		!tk.Created.Equal(time.Date(2025, 1, 10, 8, 15, 0, 0, time.UTC)) {
		t.Errorf("migrated take %+v", tk)
	}
	// The v1 report came from another analyzer: it is recomputed.
	if tk.AnalyzerVersion != scoring.Version || tk.Report == nil || tk.Report.AnalyzerVersion != scoring.Version {
		t.Errorf("report not recomputed: take analyzer %q, report %+v", tk.AnalyzerVersion, tk.Report)
	}
	// And the file on disk is now in the current layout.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var head struct {
		Schema  int  `json:"schema"`
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil || head.Schema != SchemaVersion || head.Version != nil {
		t.Errorf("take.json not rewritten as schema %d: %s", SchemaVersion, data)
	}
}

func TestReadOnlyOpenDoesNotMigrateOnDisk(t *testing.T) {
	root := testRoot(t)
	path := copyV1Library(t, root)
	before, _ := os.ReadFile(path)
	holder, err := Open(Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	// holder already migrated nothing: it has not loaded the take. A
	// second, read-only library reads and migrates in memory only.
	ro, err := Open(Options{LockWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Fatal("second open is writable")
	}
	tk, err := ro.Get(v1ID)
	if err != nil || tk.Schema != SchemaVersion || tk.AnalyzerVersion != scoring.Version {
		t.Fatalf("read-only Get = %+v, %v", tk, err)
	}
	after, _ := os.ReadFile(path)
	if string(before) != string(after) {
		t.Error("read-only library rewrote take.json")
	}
}

func TestStaleAnalyzerVersionIsRecomputed(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, nil)
	tk.AnalyzerVersion = "0.0.0-old"
	tk.Report.Score = 99
	if err := l.Save(tk); err != nil {
		t.Fatal(err)
	}
	got, err := l.Get(tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := scoring.Analyze(scoring.Input{Text: answer, RecordingS: 1, Marks: []float64{}, Rubric: "mistake"})
	if got.AnalyzerVersion != scoring.Version || got.Report.Score != want.Score {
		t.Errorf("stale report kept: analyzer %q score %d, want %q %d", got.AnalyzerVersion, got.Report.Score, scoring.Version, want.Score)
	}
}
