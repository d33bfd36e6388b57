package scoring

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestTune prints, for a rubric edited by RETAKE_TUNE (a JSON object
// merged into the mistake rubric's file: {"decoder": {...}} or
// {"sections": {"change": {"facts": {...}}}}), the section starts found
// and the pooled killer figures on every labeled set, so a change to
// the decoder's data can be weighed before it is made. It does nothing
// without RETAKE_TUNE.
func TestTune(t *testing.T) {
	patch := os.Getenv("RETAKE_TUNE")
	if patch == "" {
		t.Skip("set RETAKE_TUNE to a JSON patch of the mistake rubric")
	}
	var p map[string]any
	if err := json.Unmarshal([]byte(patch), &p); err != nil {
		t.Fatal(err)
	}
	// "grid": {"param": [values...]} tries every combination of decoder
	// parameters and prints one line each.
	if grid, ok := p["grid"].(map[string]any); ok {
		delete(p, "grid")
		keys := sortedKeys(grid)
		var rec func(i int, dec map[string]any)
		rec = func(i int, dec map[string]any) {
			if i == len(keys) {
				q := map[string]any{}
				for k, v := range p {
					q[k] = v
				}
				d := map[string]any{}
				if base, ok := p["decoder"].(map[string]any); ok {
					for k, v := range base {
						d[k] = v
					}
				}
				for k, v := range dec {
					d[k] = v
				}
				q["decoder"] = d
				b, _ := json.Marshal(dec)
				fmt.Print(string(b), " ")
				tuneOnce(t, q, []string{"mistake"})
				return
			}
			for _, v := range grid[keys[i]].([]any) {
				dec[keys[i]] = v
				rec(i+1, dec)
			}
		}
		rec(0, map[string]any{})
		return
	}
	tuneOnce(t, p, []string{"mistake", "failure"})
}

// tuneOnce prints the figures for one patch of the rubrics.
func tuneOnce(t *testing.T, p map[string]any, ids []string) {
	for _, id := range ids {
		m := rubricJSON(t, id)
		if dec, ok := p["decoder"].(map[string]any); ok {
			for k, v := range dec {
				m["decoder"].(map[string]any)[k] = v
			}
		}
		if secs, ok := p["sections"].(map[string]any); ok {
			for _, s := range m["sections"].([]any) {
				sm := s.(map[string]any)
				if over, ok := secs[sm["id"].(string)].(map[string]any); ok {
					for k, v := range over {
						sm[k] = v
					}
				}
			}
		}
		r, err := ParseRubric(encode(t, m))
		if err != nil {
			t.Fatal(err)
		}
		var line []string
		for _, set := range sectionSets {
			answers := loadAnswersIfAny(t, set...)
			var mine []labeledAnswer
			for _, a := range answers {
				if a.Rubric == id {
					mine = append(mine, a)
				}
			}
			if len(mine) == 0 {
				continue
			}
			hit, total := 0, 0
			var all confusion
			for _, a := range mine {
				rep := AnalyzeWith(r, Input{Text: a.Text})
				h, n := startsOf(rep, a)
				hit, total = hit+h, total+n
				for _, f := range a.Must {
					if rep.HasFlag(f) {
						all.tp++
					} else {
						all.fn++
					}
				}
				for _, f := range a.MustNot {
					if rep.HasFlag(f) {
						all.fp++
					}
				}
			}
			line = append(line, fmt.Sprintf("%s %.2f (p%.2f r%.2f)", set[len(set)-2], float64(hit)/float64(max(total, 1)), all.precision(), all.recall()))
		}
		fmt.Println(id+":", strings.Join(line, "  "))
	}
}
