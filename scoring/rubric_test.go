package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"retake/assets"
)

// rubricJSON returns an embedded rubric file decoded into a generic
// tree, so a test can change one field and write it back.
func rubricJSON(t testing.TB, id string) map[string]any {
	t.Helper()
	b, err := assets.Read("rubrics/" + id + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func encode(t testing.TB, m map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// partsAddUp checks the report's score against its parts.
func partsAddUp(t *testing.T, name string, rep Report) {
	t.Helper()
	sum := 0
	secs := map[string]SectionResult{}
	for _, s := range rep.Sections {
		secs[s.ID] = s
	}
	flags := map[string]bool{}
	for _, f := range rep.Flags {
		flags[f.ID] = true
	}
	for _, p := range rep.ScoreParts {
		sum += p.Points
		switch p.Kind {
		case "section":
			s, ok := secs[p.ID]
			if !ok {
				t.Fatalf("%s: a part for unknown section %q", name, p.ID)
			}
			if want := int(math.Round(s.Weight * float64(s.Score))); p.Points != want {
				t.Errorf("%s: section %s part %d, want %.2f x %d = %d", name, p.ID, p.Points, s.Weight, s.Score, want)
			}
			if p.Of != int(math.Round(s.Weight*100)) {
				t.Errorf("%s: section %s is worth %d, want %v", name, p.ID, p.Of, s.Weight*100)
			}
		case "penalty":
			if !flags[p.ID] || p.Points >= 0 {
				t.Errorf("%s: penalty part %+v for a flag not raised or not negative", name, p)
			}
		case "clamp":
		default:
			t.Errorf("%s: part of unknown kind %q", name, p.Kind)
		}
	}
	if sum != rep.Score {
		t.Errorf("%s: parts add up to %d, score is %d", name, sum, rep.Score)
	}
	if rep.Score < 0 || rep.Score > 100 {
		t.Errorf("%s: score %d outside 0..100", name, rep.Score)
	}
}

// TestScoreIsItsParts pins how the total is made, on every corpus
// answer: the section parts are weight times section score, the
// penalties belong to raised flags, and everything adds up to the score.
func TestScoreIsItsParts(t *testing.T) {
	for _, a := range loadAnswers(t) {
		rep := Analyze(Input{Text: a.Text})
		partsAddUp(t, a.Name, rep)
		// The penalties are the rubric's, doubled for a flag raised
		// above its usual severity.
		r := MustRubric("mistake")
		for _, f := range rep.Flags {
			want := r.Flags[f.ID].Penalty
			if f.Severity == Major && r.Flags[f.ID].Severity != Major {
				want *= 2
			}
			got := 0
			for _, p := range rep.ScoreParts {
				if p.Kind == "penalty" && p.ID == f.ID {
					got = -p.Points
				}
			}
			if got != int(math.Round(want)) {
				t.Errorf("%s: %s costs %d, want %v", a.Name, f.ID, got, want)
			}
		}
	}
}

// TestWeightChangesTheTotal moves weight from the situation to the
// behavioral change and checks the total moves exactly as the parts
// predict.
func TestWeightChangesTheTotal(t *testing.T) {
	m := rubricJSON(t, "mistake")
	secs := m["sections"].([]any)
	secs[0].(map[string]any)["weight"] = 0.05
	secs[4].(map[string]any)["weight"] = 0.40
	r, err := ParseRubric(encode(t, m))
	if err != nil {
		t.Fatal(err)
	}
	same := 0
	for _, a := range loadAnswers(t) {
		base := Analyze(Input{Text: a.Text})
		moved := AnalyzeWith(r, Input{Text: a.Text})
		want := base.Score
		if len(base.ScoreParts) > 0 && base.ScoreParts[len(base.ScoreParts)-1].Kind == "clamp" {
			continue // a clamped total hides the change
		}
		// Weights are also time shares, so a section may run long
		// against its new share; compare only answers whose section
		// scores and flags the move leaves alone.
		if fmt.Sprint(sectionScores(base), flagIDs(base)) != fmt.Sprint(sectionScores(moved), flagIDs(moved)) {
			continue
		}
		same++
		want -= int(math.Round(0.10*float64(base.Sections[0].Score))) - int(math.Round(0.05*float64(base.Sections[0].Score)))
		want += int(math.Round(0.40*float64(base.Sections[4].Score))) - int(math.Round(0.35*float64(base.Sections[4].Score)))
		want = max(0, min(100, want))
		if moved.Score != want {
			t.Errorf("%s: score %d with the weights moved, want %d (was %d)", a.Name, moved.Score, want, base.Score)
		}
	}
	if same < 20 {
		t.Errorf("only %d answers kept their section scores and flags; the test compares too few", same)
	}
}

func sectionScores(r Report) []int {
	var out []int
	for _, s := range r.Sections {
		out = append(out, s.Score)
	}
	return out
}

func flagIDs(r Report) []string {
	var out []string
	for _, f := range r.Flags {
		out = append(out, f.ID+string(f.Severity))
	}
	return out
}

// TestScoreSumText shows the sentence the cards print.
func TestScoreSumText(t *testing.T) {
	rep := Report{Score: 51, Sections: []SectionResult{{ID: "a", Title: "Situation"}, {ID: "b", Title: "Change"}},
		ScoreParts: []ScorePart{{Kind: "section", ID: "a", Points: 10, Of: 10}, {Kind: "section", ID: "b", Points: 56, Of: 90}, {Kind: "penalty", ID: "blame-diffusion", Points: -15}}}
	want := "Situation 10 of 10 + Change 56 of 90 minus 15 for blame-diffusion = 51"
	if got := ScoreSum(rep); got != want {
		t.Errorf("ScoreSum = %q, want %q", got, want)
	}
}

// shapeRubric builds a rubric of n sections from the mistake rubric's
// pieces: section i takes the cues and criteria of mistake section i mod
// 5, a new id, and an equal weight (the last takes the rounding).
func shapeRubric(t testing.TB, n int) []byte {
	t.Helper()
	m := rubricJSON(t, "mistake")
	base := m["sections"].([]any)
	var secs []any
	left := 1.0
	for i := 0; i < n; i++ {
		s := map[string]any{}
		for k, v := range base[i%len(base)].(map[string]any) {
			s[k] = v
		}
		s["id"] = fmt.Sprintf("part-%d", i+1)
		s["title"] = fmt.Sprintf("Part %d", i+1)
		w := math.Round(1000/float64(n)) / 1000
		if i == n-1 {
			w = math.Round(left*1000) / 1000
		}
		left -= w
		s["weight"] = w
		s["position"] = (float64(i) + 0.5) / float64(n)
		secs = append(secs, s)
	}
	m["sections"] = secs
	m["id"] = fmt.Sprintf("shape-%d", n)
	// The mistake rubric's section model knows only its five sections.
	delete(m["decoder"].(map[string]any), "model")
	// Checks that name the mistake rubric's sections now name the parts
	// that took their pieces.
	rename := map[string]string{"situation": "part-1", "mistake": "part-2", "root-cause": "part-3", "response": "part-4", "change": "part-5"}
	for old, nw := range rename {
		var k int
		fmt.Sscanf(nw, "part-%d", &k)
		if k > n {
			rename[old] = "part-1"
		}
	}
	var fix func(v any) any
	fix = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				x[k] = fix(e)
			}
		case []any:
			for i, e := range x {
				x[i] = fix(e)
			}
		case string:
			if r, ok := rename[x]; ok {
				return r
			}
		}
		return v
	}
	m["flags"] = fix(m["flags"])
	m["evidence"] = fix(m["evidence"])
	m["decoder"] = fix(m["decoder"])
	return encode(t, m)
}

// TestRubricShapes analyzes real answers against rubrics of 3, 4, 6 and
// 8 sections: no panic, that many sections, scores that add up.
func TestRubricShapes(t *testing.T) {
	answers := loadAnswers(t)
	for _, n := range []int{2, 3, 4, 6, 8, 10} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			r, err := ParseRubric(shapeRubric(t, n))
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range answers[:10] {
				rep := AnalyzeWith(r, Input{Text: a.Text, Marks: []float64{5, 10, 15, 20, 25, 30, 35, 40, 45}, RecordingS: 120})
				if len(rep.Sections) != n {
					t.Fatalf("%s: %d sections, want %d", a.Name, len(rep.Sections), n)
				}
				partsAddUp(t, a.Name, rep)
				told := 0
				for _, s := range rep.Sections {
					told += s.Words
				}
				if told != rep.Words {
					t.Errorf("%s: sections hold %d of %d words", a.Name, told, rep.Words)
				}
			}
		})
	}
}

// TestRubricErrors feeds broken rubric files to the loader: each gets
// one error naming the field at fault, never a panic.
func TestRubricErrors(t *testing.T) {
	edit := func(f func(m map[string]any)) []byte {
		m := rubricJSON(t, "mistake")
		f(m)
		return encode(t, m)
	}
	sec := func(m map[string]any, i int) map[string]any { return m["sections"].([]any)[i].(map[string]any) }
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"bad JSON", []byte(`{"id": "x", "sections": [`), "bad JSON"},
		{"empty file", []byte("  \n"), "empty"},
		{"not an object", []byte(`[1, 2]`), "rubric"},
		{"unknown field", edit(func(m map[string]any) { m["colour"] = "blue" }), `"colour"`},
		{"missing weight", edit(func(m map[string]any) { delete(sec(m, 2), "weight") }), "sections[2].weight: missing"},
		{"weights do not sum", edit(func(m map[string]any) { sec(m, 0)["weight"] = 0.3 }), "weights add up to 1.200"},
		{"negative weight", edit(func(m map[string]any) { sec(m, 0)["weight"] = -0.1 }), "sections[0].weight"},
		{"weight as text", edit(func(m map[string]any) { sec(m, 0)["weight"] = "ten" }), "weight"},
		{"one section", edit(func(m map[string]any) { m["sections"] = m["sections"].([]any)[:1] }), "1 sections, want 2 to 10"},
		{"eleven sections", edit(func(m map[string]any) {
			s := m["sections"].([]any)
			m["sections"] = append(append(s, s...), s[0])
		}), "11 sections"},
		{"duplicate section id", edit(func(m map[string]any) { sec(m, 1)["id"] = "situation" }), `sections[1].id: "situation" is used twice`},
		{"missing id", edit(func(m map[string]any) { delete(m, "id") }), "id: missing"},
		{"unknown check kind", edit(func(m map[string]any) {
			m["flags"].(map[string]any)["hedging"].(map[string]any)["check"].(map[string]any)["kind"] = "vibes"
		}), `flags.hedging.check.kind: unknown check kind "vibes"`},
		{"unknown word list", edit(func(m map[string]any) {
			m["flags"].(map[string]any)["hedging"].(map[string]any)["check"].(map[string]any)["list"] = "hedgez"
		}), `flags.hedging.check.list: no word list "hedgez"`},
		{"unknown cue list", edit(func(m map[string]any) { sec(m, 0)["cues"] = map[string]any{"nope": 1} }), `sections[0].cues: no word list "nope"`},
		{"unknown fact", edit(func(m map[string]any) { sec(m, 0)["facts"] = map[string]any{"mood": 1} }), `sections[0].facts: no clause fact "mood"`},
		{"unknown filter", edit(func(m map[string]any) {
			m["flags"].(map[string]any)["hedging"].(map[string]any)["check"].(map[string]any)["unless"] = []any{"sarcasm"}
		}), `"sarcasm" is not a filter`},
		{"unknown evidence", edit(func(m map[string]any) {
			m["flags"].(map[string]any)["no-root-cause"].(map[string]any)["check"].(map[string]any)["evidence"] = "reasons"
		}), `no evidence "reasons"`},
		{"unknown section in a check", edit(func(m map[string]any) {
			m["flags"].(map[string]any)["passive-voice"].(map[string]any)["check"].(map[string]any)["sections"] = []any{"epilogue"}
		}), `flags.passive-voice.check.sections: no section "epilogue"`},
		{"field a kind does not read", edit(func(m map[string]any) {
			m["flags"].(map[string]any)["passive-voice"].(map[string]any)["check"].(map[string]any)["list"] = "hedges"
		}), `flags.passive-voice.check.list: the "passive" kind does not read it`},
		{"flags in a cycle", edit(func(m map[string]any) {
			fl := m["flags"].(map[string]any)
			fl["no-mechanism"].(map[string]any)["check"].(map[string]any)["flags"] = []any{"quote:generic-lesson"}
			fl["generic-lesson"] = map[string]any{"severity": "major", "penalty": 5, "message": "m", "suggestion": "s",
				"check": map[string]any{"kind": "missing", "evidence": "cause", "flags": []any{"quote:no-mechanism"}}}
		}), "cycle"},
		{"criteria points", edit(func(m map[string]any) {
			sec(m, 0)["criteria"].([]any)[0].(map[string]any)["points"] = 41
		}), "sections[0].criteria: points add up to 101, not 100"},
		{"missing penalty", edit(func(m map[string]any) {
			delete(m["flags"].(map[string]any)["hedging"].(map[string]any), "penalty")
		}), "flags.hedging.penalty: missing"},
		{"bad severity", edit(func(m map[string]any) {
			m["flags"].(map[string]any)["hedging"].(map[string]any)["severity"] = "grave"
		}), "flags.hedging.severity"},
		{"bad inline list", edit(func(m map[string]any) { m["wordlists"] = map[string]any{"mine": []any{"{unclosed"}} }), "wordlists.mine"},
		{"unknown parameter", edit(func(m map[string]any) {
			m["flags"].(map[string]any)["fillers"].(map[string]any)["check"].(map[string]any)["params"] = map[string]any{"speed": 2}
		}), `flags.fillers.check.params.speed: not a parameter`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseRubric(tc.data)
			if err == nil {
				t.Fatalf("accepted a broken rubric")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not name %q", err, tc.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is more than one line: %q", err)
			}
		})
	}
}

// TestInlineWordlists shows a rubric may bring its own list.
func TestInlineWordlists(t *testing.T) {
	m := rubricJSON(t, "mistake")
	m["wordlists"] = map[string]any{"bravado": []any{"nailed it = 3"}}
	m["flags"].(map[string]any)["bravado"] = map[string]any{"severity": "minor", "penalty": 1, "message": "Bravado.", "suggestion": "Say it plainly.",
		"check": map[string]any{"kind": "phrases", "list": "bravado", "min": 2}}
	r, err := ParseRubric(encode(t, m))
	if err != nil {
		t.Fatal(err)
	}
	if !AnalyzeWith(r, Input{Text: "Honestly I nailed it."}).HasFlag("bravado") {
		t.Error("the rubric's own list raised nothing")
	}
	if Analyze(Input{Text: "Honestly I nailed it."}).HasFlag("bravado") {
		t.Error("the rubric's own list leaked into the shipped rubric")
	}
}

// TestShippedRubrics loads every rubric the question bank names.
func TestShippedRubrics(t *testing.T) {
	for _, id := range []string{"mistake", "failure"} {
		r, err := LoadRubric(id)
		if err != nil {
			t.Fatal(err)
		}
		if r.ID != id {
			t.Errorf("rubric %s says it is %s", id, r.ID)
		}
	}
	if _, err := LoadRubric("../rubrics/mistake"); err == nil {
		t.Error("a path was accepted as a rubric id")
	}
}

// FuzzParseRubric feeds arbitrary bytes to the loader: it must fail
// cleanly or give a rubric that analyzes an answer without panicking.
func FuzzParseRubric(f *testing.F) {
	f.Add(shapeRubric(f, 3))
	f.Add(shapeRubric(f, 7))
	b, _ := assets.Read("rubrics/failure.json")
	f.Add(b)
	f.Add([]byte(`{"id":"x","title":"y","sections":[]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRubric(data)
		if err != nil {
			return
		}
		rep := AnalyzeWith(r, Input{Text: "I skipped the check because I assumed it was fine. Now I always run it.", Marks: []float64{1, 2}, RecordingS: 9})
		if len(rep.Sections) != len(r.Sections) {
			t.Fatalf("%d sections for a rubric of %d", len(rep.Sections), len(r.Sections))
		}
	})
}

// FuzzAnalyzeShapes analyzes arbitrary text against generated rubric
// shapes of 2 to 10 sections.
func FuzzAnalyzeShapes(f *testing.F) {
	var rubrics []*Rubric
	for n := 2; n <= 10; n++ {
		r, err := ParseRubric(shapeRubric(f, n))
		if err != nil {
			f.Fatal(err)
		}
		rubrics = append(rubrics, r)
	}
	f.Add(uint8(1), "I skipped the dry run. Now every migration has one.", uint8(3))
	f.Add(uint8(8), "we didnt test it and qa missed it um like", uint8(0))
	f.Fuzz(func(t *testing.T, shape uint8, text string, marks uint8) {
		r := rubrics[int(shape)%len(rubrics)]
		var ms []float64
		for i := 0; i < int(marks%12); i++ {
			ms = append(ms, float64(i*3))
		}
		rep := AnalyzeWith(r, Input{Text: text, Marks: ms, RecordingS: float64(len(text) % 300)})
		if len(rep.Sections) != len(r.Sections) {
			t.Fatalf("%d sections for %d", len(rep.Sections), len(r.Sections))
		}
		for _, fl := range rep.Flags {
			checkSpans(t, text, fl.Spans)
		}
	})
}

// TestReadmeExample loads the complete example of
// assets/rubrics/README.md and analyzes an answer with it, so the
// documented format stays the real one.
func TestReadmeExample(t *testing.T) {
	b, err := assets.Read("rubrics/README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	open := strings.Index(s, "```json\n")
	end := strings.Index(s[open+8:], "```")
	if open < 0 || end < 0 {
		t.Fatal("no json example in assets/rubrics/README.md")
	}
	r, err := ParseRubric([]byte(s[open+8 : open+8+end]))
	if err != nil {
		t.Fatalf("the README's example does not load: %v", err)
	}
	rep := AnalyzeWith(r, Input{Text: "Last year I was the lead on a billing project. I disagreed with our designer about the checkout flow and pushed back hard in a review. Now before every review I write down what we agree on first, and since then two reviews have ended with a plan."})
	if len(rep.Sections) != 3 || rep.HasFlag("no-mechanism") {
		t.Errorf("the example rubric read the answer as %+v, flags %+v", rep.Sections, rep.Flags)
	}
	partsAddUp(t, "readme", rep)
}
