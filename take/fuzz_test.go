package take

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"retake/scoring"
)

func FuzzDecodeTake(f *testing.F) {
	v1, err := os.ReadFile(filepath.Join("testdata", "v1", "takes", v1ID, "take.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(v1)
	cur := &Take{ID: "x1", Question: classic, Marks: []float64{1, 2}, Audio: "audio.wav", Status: OK, Transcript: answer,
		Report: &scoring.Report{Flags: []scoring.Flag{{ID: "no-stakes", Spans: []scoring.Span{{Start: 1, End: 4}}}}}}
	b, _ := encodeTake(cur)
	f.Add(b)
	f.Add([]byte(v2Take("a1", "file:answer.srt")))
	draft := &Take{ID: "x2", Question: classic, Audio: "audio.wav", Status: OK, Transcript: draftText,
		TranscriptSource: Source{Kind: SourceKindEngine, Name: "pocketsphinx", Corrected: true}, Words: draftWords}
	b, _ = encodeTake(draft)
	f.Add(b)
	f.Add([]byte(`{"schema":2,"id":"../x","status":"ok"}`))
	f.Add([]byte(`{"version":1,"id":"a","question":7}`))
	f.Add([]byte(`{"schema":2,"id":"a","status":"ok","duration_s":-1}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tk, _, err := decodeTake(data)
		if err != nil {
			return
		}
		if err := checkTake(&tk); err != nil {
			t.Fatalf("decoded take fails its own check: %v", err)
		}
		// Whatever decodes must survive a write and a read unchanged.
		out, err := encodeTake(&tk)
		if err != nil {
			t.Fatalf("decoded take does not encode: %v", err)
		}
		again, migrated, err := decodeTake(out)
		if err != nil || migrated {
			t.Fatalf("re-decode: %v (migrated %v)\n%s", err, migrated, out)
		}
		if !reflect.DeepEqual(normal(again), normal(tk)) {
			t.Fatalf("round trip changed the take:\n%+v\n%+v", again, tk)
		}
	})
}

// normal makes two takes comparable after JSON: empty and nil slices
// both encode as absent-or-empty, and times lose their monotonic part.
func normal(t Take) string {
	b, _ := encodeTake(&t)
	return string(b)
}

func FuzzValidateID(f *testing.F) {
	for _, s := range []string{"20260301T090100000Z-1a2b3c4d", "..", "a/b", ".x", "a..b", "ok_id.2"} {
		f.Add(s)
	}
	root := filepath.Join(os.TempDir(), "lib", "takes")
	f.Fuzz(func(t *testing.T, id string) {
		if ValidateID(id) != nil {
			return
		}
		p := filepath.Join(root, id)
		if filepath.Dir(p) != root || filepath.Base(p) != id || strings.ContainsAny(id, `/\`) {
			t.Fatalf("valid id %q escapes to %s", id, p)
		}
	})
}

func FuzzRenderCard(f *testing.F) {
	f.Add("mistakes were made", 0, 8, "title", 30.0)
	f.Add("**x** | <b>", -5, 99, "a|b", -1.0)
	f.Add("\xff\xfe broken", 3, 1, "", 1e300)
	f.Fuzz(func(t *testing.T, text string, start, end int, title string, secs float64) {
		r := scoring.Report{
			Score:    50,
			Sections: []scoring.SectionResult{{Title: title, Seconds: secs, Reasons: []string{text}}},
			Flags:    []scoring.Flag{{ID: title, Message: text, Spans: []scoring.Span{{Start: start, End: end, Text: text, T: secs}}}},
			Passive:  []scoring.Span{{Start: start, End: end, T: secs}},
		}
		card := RenderCardMarkdown(r, text)
		if !strings.HasPrefix(card, "# Rubric card: 50/100\n") {
			t.Fatalf("card header missing: %q", card)
		}
		for _, line := range strings.Split(card, "\n") {
			if strings.HasPrefix(line, "#") && !strings.HasPrefix(line, "# Rubric card") && !strings.HasPrefix(line, "## ") && !strings.HasPrefix(line, "### ") {
				t.Fatalf("text made a heading: %q", line)
			}
		}
	})
}
