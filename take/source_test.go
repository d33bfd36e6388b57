package take

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// v2Take is a take.json in the second layout, as Retake wrote it before
// sources became records: one file source, one typed, one from the
// transcriber command.
func v2Take(id, source string) string {
	return `{
  "schema": 2,
  "id": "` + id + `",
  "question": {"id": "mistake-classic"},
  "created": "2026-02-01T10:00:00Z",
  "duration_s": 12,
  "marks": [2, 4],
  "transcript": "I sent the invoice twice, and the client paid it twice.",
  "transcript_source": "` + source + `",
  "audio": "audio.wav",
  "status": "ok"
}
`
}

func TestMigrateFromV2Sources(t *testing.T) {
	tests := []struct {
		stored string
		want   Source
	}{
		{"typed", SourceTyped},
		{"file:answer.srt", FileSource("answer.srt")},
		{"transcriber", EngineSource("command")},
		{"", SourceTyped}, // a transcript with no source was typed
	}
	root := testRoot(t)
	for i, tc := range tests {
		id := "20260201T100000000Z-0000000" + string(rune('a'+i))
		dir := filepath.Join(root, takesDir, id)
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, takeFile), []byte(v2Take(id, tc.stored)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	l, err := Open(Options{Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for i, tc := range tests {
		id := "20260201T100000000Z-0000000" + string(rune('a'+i))
		tk, err := l.Get(id)
		if err != nil {
			t.Fatalf("v2 %q: %v", tc.stored, err)
		}
		if tk.Schema != SchemaVersion || tk.TranscriptSource != tc.want || tk.Words != nil || tk.DurationS != 12 || len(tk.Marks) != 2 {
			t.Errorf("v2 source %q migrated to %+v (schema %d)", tc.stored, tk.TranscriptSource, tk.Schema)
		}
		data, _ := os.ReadFile(filepath.Join(root, takesDir, id, takeFile))
		if !strings.Contains(string(data), `"schema": 3`) || strings.Contains(string(data), `"transcript_source": "`) {
			t.Errorf("take.json not rewritten in the current layout:\n%s", data)
		}
	}
}

// draftWords are timed words an engine might return for draftText.
var draftWords = []Word{
	{Text: "i", Start: 0.5, End: 0.6, Conf: 0.9}, {Text: "skipped", Start: 0.6, End: 1.1, Conf: 0.8}, {Text: "the", Start: 1.1, End: 1.2, Conf: 0.95},
	{Text: "dry", Start: 1.2, End: 1.5, Conf: 0.4}, {Text: "run", Start: 1.5, End: 1.8, Conf: 0.7},
}

const draftText = "i skipped the dry run"

func TestDraftThenCorrection(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 2, nil)
	got, err := l.SetDraft(tk.ID, draftText, draftWords, "pocketsphinx", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.TranscriptSource != EngineSource("pocketsphinx") || !reflect.DeepEqual(got.Words, draftWords) || got.Report == nil {
		t.Fatalf("draft stored as %+v, words %v, report %v", got.TranscriptSource, got.Words, got.Report != nil)
	}
	// Saving the same text from the editor is no correction.
	if got, err = l.SetTranscript(tk.ID, draftText, SourceTyped); err != nil || got.TranscriptSource.Corrected {
		t.Fatalf("unchanged text marked corrected: %+v, %v", got.TranscriptSource, err)
	}
	fixed := "I skipped the dry run on Friday."
	if got, err = l.SetTranscript(tk.ID, fixed, SourceTyped); err != nil {
		t.Fatal(err)
	}
	want := Source{Kind: SourceKindEngine, Name: "pocketsphinx", Corrected: true}
	if got.TranscriptSource != want || !reflect.DeepEqual(got.Words, draftWords) || got.Transcript != fixed {
		t.Fatalf("corrected draft: source %+v, words %v", got.TranscriptSource, got.Words)
	}
	again, err := l.Get(tk.ID)
	if err != nil || again.TranscriptSource != want || !reflect.DeepEqual(again.Words, draftWords) {
		t.Fatalf("stored correction: %+v %v %v", again.TranscriptSource, again.Words, err)
	}
	// Importing a file replaces the draft and its words.
	if got, err = l.SetTranscript(tk.ID, answer, FileSource("answer.txt")); err != nil {
		t.Fatal(err)
	}
	if got.TranscriptSource != FileSource("answer.txt") || got.Words != nil {
		t.Fatalf("file over a draft: source %+v, words %v", got.TranscriptSource, got.Words)
	}
}

func TestDraftChecks(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 2, nil)
	nan := 0.0
	nan /= nan
	bad := map[string][]Word{
		"reversed":   {{Text: "a", Start: 2, End: 1, Conf: 0.5}},
		"negative":   {{Text: "a", Start: -1, End: 1, Conf: 0.5}},
		"conf":       {{Text: "a", Start: 0, End: 1, Conf: 1.5}},
		"nan":        {{Text: "a", Start: nan, End: 1, Conf: 0.5}},
		"backwards":  {{Text: "a", Start: 1, End: 2, Conf: 0.5}, {Text: "b", Start: 0.5, End: 0.6, Conf: 0.5}},
		"empty word": {{Text: "", Start: 0, End: 1, Conf: 0.5}},
		"long word":  {{Text: strings.Repeat("x", maxWordLen+1), Start: 0, End: 1, Conf: 0.5}},
	}
	for name, ws := range bad {
		if _, err := l.SetDraft(tk.ID, "a", ws, "pocketsphinx", nil); err == nil {
			t.Errorf("%s words accepted", name)
		}
	}
	for _, engine := range []string{"", "two\nlines", strings.Repeat("e", 300)} {
		if _, err := l.SetDraft(tk.ID, "a", nil, engine, nil); err == nil {
			t.Errorf("engine name %q accepted", engine)
		}
	}
	if _, err := l.SetTranscript(tk.ID, "a", EngineSource("x")); err == nil {
		t.Error("SetTranscript stored an engine draft without its words")
	}
	if got, _ := l.Get(tk.ID); got.TranscriptSource != SourceTyped || got.Transcript != answer {
		t.Errorf("a refused draft changed the take: %+v", got.TranscriptSource)
	}
}
