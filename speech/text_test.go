package speech

import (
	"retake/speech/words"
	"strings"
	"testing"
)

func timedWords(spec ...any) []Word {
	var ws []Word
	for i := 0; i < len(spec); i += 3 {
		ws = append(ws, Word{Text: spec[i].(string), Start: spec[i+1].(float64), End: spec[i+2].(float64), Conf: 0.9})
	}
	return ws
}

func TestResultText(t *testing.T) {
	sphinx := Result{Engine: "pocketsphinx", Timed: true, Words: timedWords(
		"i", 0.2, 0.3, "skipped", 0.3, 0.7, "the", 0.7, 0.8, "tests", 0.8, 1.2,
		"then", 2.0, 2.3, "i'd", 2.3, 2.5, "tell", 2.5, 2.7, "my", 2.7, 2.8, "manager", 2.8, 3.3,
		"i", 3.5, 3.6, "learned", 3.6, 4.0)}
	if got, want := sphinx.Text(), "I skipped the tests. Then I'd tell my manager I learned."; got != want {
		t.Errorf("pocketsphinx text %q, want %q", got, want)
	}
	whisper := Result{Engine: "whisper", Timed: true, Punctuated: true, Words: timedWords("I", 0.2, 0.3, "skipped", 0.3, 0.7, "it.", 0.7, 0.9, "idk", 3.0, 3.2)}
	if got := whisper.Text(); got != "I skipped it. idk" {
		t.Errorf("whisper text %q: punctuated words are kept as written", got)
	}
	untimed := Result{Words: []Word{{Text: "i"}, {Text: "typed"}, {Text: "it"}}}
	if got := untimed.Text(); got != "I typed it." {
		t.Errorf("untimed text %q", got)
	}
	if got := (Result{}).Text(); got != "" {
		t.Errorf("empty text %q", got)
	}
	// Align finds every word of the draft among the engine's words.
	for _, a := range words.Align(sphinx.Text(), sphinx.Words) {
		if a.Edit != words.Kept {
			t.Fatalf("draft word %q aligned as %v", a.Text, a.Edit)
		}
	}
}

func TestWriteVTT(t *testing.T) {
	r := Result{Engine: "pocketsphinx", Model: "en-us", Timed: true, Words: timedWords(
		"i", 0.2, 0.3, "skipped", 0.3, 0.7, "the", 0.7, 0.8, "tests", 0.8, 1.2,
		"then", 2.0, 2.3, "i", 2.3, 2.5, "told", 2.5, 2.7, "my", 2.7, 2.8, "manager", 2.8, 3.3, "and", 3.3, 3.4,
		"we", 3.4, 3.5, "fixed", 3.5, 3.8, "it", 3.8, 3.9, "in", 3.9, 4.0, "an", 4.0, 4.1, "hour", 4.1, 4.4, "and", 4.4, 4.5, "moved", 4.5, 4.9, "on", 4.9, 5.0)}
	var b strings.Builder
	if err := r.WriteVTT(&b); err != nil {
		t.Fatal(err)
	}
	want := "WEBVTT\n\nNOTE engine pocketsphinx (en-us)\n\n" +
		"00:00:00.200 --> 00:00:01.200\nI skipped the tests.\n\n" +
		"00:00:02.000 --> 00:00:04.400\nThen I told my manager and we fixed it in an hour\n\n" +
		"00:00:04.400 --> 00:00:05.000\nand moved on.\n\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
	// The cues read back as the same words and times.
	tr, err := readOutput("draft.vtt", []byte(b.String()))
	if err != nil || len(tr.words) != len(r.Words) || tr.words[4].Start != 2.0 {
		t.Fatalf("read back: %v %+v", err, tr.words)
	}
	b.Reset()
	(Result{Engine: "command", Words: []Word{{Text: "typed"}}}).WriteVTT(&b)
	if !strings.Contains(b.String(), "the engine gave no times") || !strings.Contains(b.String(), "00:00:00.000 --> 00:00:00.000\nTyped.") {
		t.Fatalf("untimed VTT:\n%s", b.String())
	}
}
