package scoring

import (
	"strings"
	"testing"
)

// TestMinorFlagsInEachRubric: every shipped rubric raises its delivery
// and length flags on an answer built to show the fault, and not on the
// same answer without it. Taking any of these checks out of a rubric
// file fails here (the killer flags have their own corpus floors).
func TestMinorFlagsInEachRubric(t *testing.T) {
	strong := strings.Join(strings.Fields(answerWith(nil)), " ")
	// An answer of each family whose sections are near their planned
	// shares: the strong answer above tells its stakes with the mistake,
	// which then runs over its share, so the mistake family's is that
	// answer without them; the failure family's is a strong corpus answer.
	even := map[string]string{"mistake": answerWith(map[string]string{"stakes": ""})}
	for _, a := range loadAnswers(t, "testdata", "failure", "answers") {
		if a.Name == "01-roof-appeal-one-channel.txt" {
			even["failure"] = a.Text
		}
	}
	// Context told at length before a short story: the situation takes
	// most of the answer.
	context := strings.Repeat("The clinic sat on a busy road and the waiting room was small, so mornings were crowded and the phones rang all day. ", 9)
	timed := func(dur, gap float64, pauses map[int]float64) Input {
		cues, end := wordCues(strong, dur, gap, pauses)
		return Input{Text: strong, Cues: cues, RecordingS: end}
	}
	cases := []struct {
		flag      string
		with, not Input
	}{
		{"too-short", Input{Text: "I sent the wrong file.", RecordingS: 20}, Input{Text: "I sent the wrong file.", RecordingS: 140}},
		{"too-long", Input{Text: strong, RecordingS: 260}, Input{Text: strong, RecordingS: 140}},
		{"hedging", Input{Text: "It was kind of a small thing, just a minor slip really. " + strong}, Input{Text: strong}},
		{"fillers", Input{Text: "um so I uh booked it, you know, um for the wrong day, uh, like, um. " + strong, RecordingS: 60}, Input{Text: strong, RecordingS: 60}},
		{"pace", timed(0.5, 0.3, nil), timed(0.3, 0.1, nil)},
		{"long-pauses", timed(0.3, 0.1, map[int]float64{3: 2.0, 9: 1.5, 30: 3}), timed(0.3, 0.1, nil)},
	}
	for _, id := range []string{"mistake", "failure"} {
		r := MustRubric(id)
		for _, tc := range cases {
			t.Run(id+"/"+tc.flag, func(t *testing.T) {
				with, not := tc.with, tc.not
				with.Rubric, not.Rubric = id, id
				if rep := AnalyzeWith(r, with); !rep.HasFlag(tc.flag) {
					t.Errorf("%s not raised on an answer that shows it; flags %v", tc.flag, flagIDs(rep))
				}
				if rep := AnalyzeWith(r, not); rep.HasFlag(tc.flag) {
					t.Errorf("%s raised on the answer without the fault; flags %v", tc.flag, flagIDs(rep))
				}
			})
		}
		t.Run(id+"/section-balance", func(t *testing.T) {
			if even[id] == "" {
				t.Fatalf("no %s answer to build on (testdata/failure/answers/01-roof-appeal-one-channel.txt missing?)", id)
			}
			if rep := AnalyzeWith(r, Input{Text: context + even[id], Rubric: id}); !rep.HasFlag("section-balance") {
				t.Errorf("section-balance not raised when the context takes most of the answer; flags %v", flagIDs(rep))
			}
			if rep := AnalyzeWith(r, Input{Text: even[id], Rubric: id}); rep.HasFlag("section-balance") {
				t.Errorf("section-balance raised on an answer near its plan; flags %v", flagIDs(rep))
			}
		})
	}
}
