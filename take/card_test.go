package take

import (
	"strings"
	"testing"

	"retake/scoring"
)

// cardReport is a report made by hand for the card tests.
func cardReport(text string) scoring.Report {
	at := strings.Index(text, "mistakes were made")
	return scoring.Report{
		Version: 1, AnalyzerVersion: "test", Rubric: "mistake", Words: 12, DurationS: 75, DurationSource: "recording",
		TargetS: 135, Score: 41,
		Sections: []scoring.SectionResult{
			{ID: "situation", Title: "Situation", Weight: 0.1, Seconds: 30, PlannedS: 13.5, Score: 80, Reasons: []string{"too long"},
				Criteria: []scoring.Criterion{{ID: "scene", Met: true, Points: 80, Text: "Sets the scene."}, {ID: "brief", Points: 20, Text: "Runs long."}},
				Timing:   "You moved on at 0:31."},
			{ID: "change", Title: "Behavioral change", Weight: 0.35, Seconds: 5, PlannedS: 47.25, Score: 10},
		},
		ScoreParts: []scoring.ScorePart{{Kind: "section", ID: "situation", Points: 8, Of: 10}, {Kind: "section", ID: "change", Points: 4, Of: 35}, {Kind: "penalty", ID: "passive-voice", Points: -5}},
		Flags: []scoring.Flag{{
			ID: "passive-voice", Severity: scoring.Major, Message: "Ownership hides in the passive.",
			Suggestion: "Say who did it: I made the mistake.",
			Spans:      []scoring.Span{{Start: at, End: at + len("mistakes were made"), Text: "mistakes were made", T: 62}},
		}},
		Passive: []scoring.Span{
			{Start: at, End: at + len("mistakes were made"), T: -1},
			{Start: 5000, End: 5010, Text: "from report", T: -1},
		},
		Fillers:          scoring.FillerStats{Count: 3, PerMinute: 2.4, Heard: true},
		FirstPersonRatio: 0.5,
	}
}

func TestRenderCardMarkdown(t *testing.T) {
	text := "So um, mistakes were made on the launch."
	card := RenderCardMarkdown(cardReport(text), text)
	for _, want := range []string{
		"# Rubric card: 41/100",
		"1:15 of a 2:15 target (recording), 12 words",
		"| Situation | 10% | 80 | 0:30 | 0:14 |",
		"| Behavioral change | 35% | 10 | 0:05 | 0:47 |",
		"**Situation**",
		"- [x] met: Sets the scene. (80 points)",
		"- [ ] not met: Runs long. (20 points)",
		"- Timing: You moved on at 0:31.",
		"How the score is made: Situation 8 of 10 + Behavioral change 4 of 35 minus 5 for passive-voice = 41",
		"### passive-voice (major)",
		"> \u201cmistakes were made\u201d at 1:02",
		"Try instead: Say who did it: I made the mistake.",
		"- Fillers: 3 (2.4 a minute)",
		"- First person: 50%",
		"  - \u201cfrom report\u201d",
	} {
		if !strings.Contains(card, want) {
			t.Errorf("card lacks %q:\n%s", want, card)
		}
	}
}

func TestRenderCardEscapesTranscript(t *testing.T) {
	for _, tc := range []struct{ words, bad string }{
		{"see [here](http://x) now", "[here](http"},
		{"<script>alert(1)</script>", "<script>"},
		{"a | b | c", "a | b"},
		{"line one\n# heading", "\n# heading"},
		{"**bold** and `code`", "**bold**"},
		{"# not a heading", "\n# not"},
		{"> not a quote", "\n> not"},
		{"1. not a list", "\n1. not"},
	} {
		r := scoring.Report{Flags: []scoring.Flag{{ID: "x", Message: tc.words, Spans: []scoring.Span{{Start: 0, End: len(tc.words), T: -1}}}}}
		card := RenderCardMarkdown(r, tc.words)
		if strings.Contains(card, tc.bad) {
			t.Errorf("transcript markup %q reaches the card:\n%s", tc.bad, card)
		}
	}
}

func TestRenderCardNoFlags(t *testing.T) {
	card := RenderCardMarkdown(scoring.Report{Score: 90}, "")
	if !strings.Contains(card, "No flags raised.") || strings.Contains(card, "## Sections") {
		t.Errorf("empty report card:\n%s", card)
	}
}
