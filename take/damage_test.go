package take

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInterruptedWriteKeepsOldTake(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "before", 1, nil)

	// The rename never happens: the temp file was written and synced,
	// then the process "died".
	renameFile = func(*os.File, string, string) error { return errors.New("power cut") }
	tk.Story = "after"
	err := l.Save(tk)
	renameFile = renameIn
	if err == nil {
		t.Fatal("Save succeeded without its rename")
	}
	got, err := l.Get(tk.ID)
	if err != nil || got.Story != "before" {
		t.Fatalf("after an interrupted write: %+v, %v; want the old take", got, err)
	}
	assertNoTemps(t, tk.Dir())
}

func TestCrashLeftoversAreIgnoredAndCleaned(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "before", 1, nil)
	// What a crash between write and rename leaves: a half-written temp
	// file beside the intact take.json, and a half-assembled import.
	tmp := filepath.Join(tk.Dir(), ".take.json.tmp-123456")
	if err := os.WriteFile(tmp, []byte(`{"schema":2,"id":"`), 0o600); err != nil {
		t.Fatal(err)
	}
	stage := filepath.Join(l.Root(), "takes", ".import.tmp-99")
	if err := os.MkdirAll(stage, 0o700); err != nil {
		t.Fatal(err)
	}
	list, err := l.List()
	if err != nil || len(list) != 1 || list[0].Story != "before" || list[0].Status != OK {
		t.Fatalf("List with leftovers = %+v, %v", list, err)
	}
	l.Close()
	l2, err := Open(Options{Root: l.Root()})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	assertNoTemps(t, tk.Dir())
	if _, err := os.Stat(stage); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale import folder survived a writable open: %v", err)
	}
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.Contains(e.Name(), tempMark) {
			t.Errorf("temp file %s left in %s", e.Name(), dir)
		}
	}
}

func TestDamagedTakesListWithReason(t *testing.T) {
	l := openTest(t)
	good := recordTake(t, l, classic, "good", 1, nil)
	valid, err := os.ReadFile(filepath.Join(good.Dir(), "take.json"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		id, content, reason string
	}{
		{"garbage", "not json at all", "not valid JSON"},
		{"truncated", string(valid[:len(valid)/2]), "not valid JSON"},
		{"empty", "", "not valid JSON"},
		{"no-schema", `{"id":"no-schema"}`, "no schema version"},
		{"future", `{"schema":9,"id":"future"}`, "unsupported schema version 9"},
		{"other-id", strings.Replace(string(valid), good.ID, "someone-else", 1), `names take "someone-else"`},
		{"escaping-audio", strings.Replace(strings.Replace(string(valid), good.ID, "escaping-audio", 1), `"audio.wav"`, `"../../x"`, 1), "audio file name"},
		{"bad-status", strings.Replace(strings.Replace(string(valid), good.ID, "bad-status", 1), `"status": "ok"`, `"status": "lost"`, 1), `unknown status "lost"`},
		{"spliced", strings.Replace(string(valid), good.ID, "spliced", 1) + `{"schema":2}`, "not valid JSON"},
		{"long-question", strings.Replace(strings.Replace(string(valid), good.ID, "long-question", 1), `"mistake-classic"`, `"`+strings.Repeat("q", 100)+`"`, 1), "implausibly long"},
		{"missing-json", "", "take.json is missing"},
		{"stray-file", "", "not a folder"},
		{"symlink", "", "is a symbolic link"},
		{"huge", "", "larger than"},
	}
	for _, c := range cases {
		dir := filepath.Join(l.Root(), "takes", c.id)
		switch c.id {
		case "stray-file":
			os.WriteFile(dir, []byte("notes"), 0o600)
			continue
		case "symlink":
			if err := os.Symlink(good.Dir(), dir); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, "take.json")
		switch c.id {
		case "missing-json":
			continue
		case "huge":
			// A sparse file: its size, not its bytes, is what must be refused.
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Truncate(maxTakeSz + 1); err != nil {
				t.Fatal(err)
			}
			f.Close()
		default:
			if err := os.WriteFile(p, []byte(c.content), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	list, err := l.List()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Summary{}
	for _, s := range list {
		byID[s.ID] = s
	}
	if s := byID[good.ID]; s.Status != OK {
		t.Errorf("the good take did not load beside damaged ones: %+v", s)
	}
	for _, c := range cases {
		s, ok := byID[c.id]
		if !ok || s.Status != Damaged || !strings.Contains(s.Reason, c.reason) {
			t.Errorf("%s: listed as %+v, want damaged with reason containing %q", c.id, s, c.reason)
		}
		if _, err := l.Get(c.id); !errors.Is(err, ErrDamaged) {
			t.Errorf("Get(%s) = %v, want ErrDamaged", c.id, err)
		}
	}
	// A damaged take can still be moved out of the way.
	if err := l.Delete("garbage"); err != nil {
		t.Errorf("Delete of a damaged take: %v", err)
	}
}
