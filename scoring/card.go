package scoring

import (
	"fmt"
	"math"
	"strings"
)

// RenderCard formats a report as a plain-text rubric card for a
// terminal: the score, each section's time against the plan with its
// score and reasons, then the flags with the quoted words and the fix.
func RenderCard(r Report) string {
	var b strings.Builder
	fmt.Fprintf(&b, "RUBRIC CARD (%s)\n", r.Rubric)
	fmt.Fprintf(&b, "Score %d/100    %d words    %s (%s)    target %s\n\n",
		r.Score, r.Words, clock(r.DurationS), r.DurationSource, clock(r.TargetS))
	w := 20
	for _, s := range r.Sections {
		w = max(w, len([]rune(s.Title)))
	}
	fmt.Fprintf(&b, "%-*s %6s %11s %6s  %s\n", w, "SECTION", "WEIGHT", "TIME / PLAN", "SCORE", "")
	for _, s := range r.Sections {
		t := "  missing  "
		if s.Words > 0 {
			t = fmt.Sprintf("%s / %s", clock(s.Seconds), clock(s.PlannedS))
		}
		fmt.Fprintf(&b, "%-*s %5.0f%% %11s %6d  %s\n", w, s.Title, s.Weight*100, t, s.Score, bar(s.Score, 10))
		for _, c := range s.Criteria {
			mark := "[ ]"
			if c.Met {
				mark = "[x]"
			}
			fmt.Fprintf(&b, "%*s%s %s (%d)\n", w+2, "", mark, c.Text, c.Points)
		}
		if s.Words == 0 {
			for _, why := range s.Reasons {
				fmt.Fprintf(&b, "%*s- %s\n", w+2, "", why)
			}
		}
	}
	fmt.Fprintf(&b, "\nHow the score is made: %s\n", ScoreSum(r))
	for _, s := range r.Sections {
		if s.Timing != "" {
			fmt.Fprintf(&b, "Timing: %s\n", s.Timing)
		}
	}
	if len(r.Flags) == 0 {
		b.WriteString("\nNo flags: nothing undercuts this answer.\n")
	} else {
		b.WriteString("\nFLAGS\n")
	}
	for _, f := range r.Flags {
		fmt.Fprintf(&b, "[%s] %s: %s\n", f.Severity, f.ID, f.Message)
		if q := quotes(f.Spans, 4); q != "" {
			fmt.Fprintf(&b, "    words: %s\n", q)
		}
		fmt.Fprintf(&b, "    fix:   %s\n", f.Suggestion)
	}
	if len(r.Passive) > 0 {
		fmt.Fprintf(&b, "\nPassive voice (%d): %s\n", len(r.Passive), quotes(r.Passive, 8))
	}
	fmt.Fprintf(&b, "Fillers: %s    I vs we after the first section: %.0f%% I\n", FillerSummary(r), r.FirstPersonRatio*100)
	if d := r.Delivery; d != nil {
		fmt.Fprintf(&b, "Delivery: %.0f words a minute over %s of speaking, %d pauses of %.1f s or more", d.WPM, clock(d.SpeakingS), len(d.Pauses), LongPauseS)
		if d.LongestPauseS > 0 {
			fmt.Fprintf(&b, ", the longest %.1f s", d.LongestPauseS)
		}
		b.WriteString("\n")
	}
	if src := SourceSummary(r, r.Source.Name); src != "" {
		fmt.Fprintf(&b, "Transcript: %s\n", src)
	}
	return b.String()
}

// FillerSummary says how many fillers the answer has, or that they were
// not heard: an engine that drops "um" must not read as none said.
func FillerSummary(r Report) string {
	if !r.Fillers.Heard && r.Fillers.Count == 0 {
		return "not heard (the speech engine drops them)"
	}
	return fmt.Sprintf("%d (%.1f a minute)", r.Fillers.Count, r.Fillers.PerMinute)
}

// SourceSummary says which engine made a draft transcript and whether
// the person corrected it ("from pocketsphinx, a draft, not corrected"),
// with the engine's name as name (escaped for the card it goes in); ""
// for typed or imported text.
func SourceSummary(r Report, name string) string {
	if r.Source.Kind != "engine" {
		return ""
	}
	if r.Source.Corrected {
		return "from " + name + ", corrected by you"
	}
	return "from " + name + ", a draft, not corrected"
}

// ScoreSum writes how the score is made: each section's points of its
// most, each penalty, the clamp, and the total ("Situation 10 of 10 + ...
// - 15 for blame-diffusion = 51"). Sections are named by their titles.
func ScoreSum(r Report) string {
	title := map[string]string{}
	for _, s := range r.Sections {
		title[s.ID] = s.Title
	}
	var parts []string
	for i, p := range r.ScoreParts {
		var t string
		switch p.Kind {
		case "section":
			t = fmt.Sprintf("%s %d of %d", title[p.ID], p.Points, p.Of)
		case "penalty":
			t = fmt.Sprintf("minus %d for %s", -p.Points, p.ID)
		default:
			t = fmt.Sprintf("%+d to stay within 0 to 100", p.Points)
		}
		if i > 0 && p.Kind == "section" {
			t = "+ " + t
		}
		parts = append(parts, t)
	}
	return fmt.Sprintf("%s = %d", strings.Join(parts, " "), r.Score)
}

// joinQuoted lists span texts in quotes for a message.
func joinQuoted(spans []Span, limit int) string {
	var parts []string
	for i, s := range spans {
		if i == limit {
			break
		}
		parts = append(parts, fmt.Sprintf("%q", strings.TrimSpace(s.Text)))
	}
	return strings.Join(parts, ", ")
}

// bar draws a score as a row of filled and empty cells.
func bar(score, cells int) string {
	n := int(math.Round(float64(score) / 100 * float64(cells)))
	n = max(0, min(cells, n))
	return strings.Repeat("#", n) + strings.Repeat(".", cells-n)
}

// quotes lists span texts, each in quotes with white space folded and
// long ones shortened.
func quotes(spans []Span, limit int) string {
	var parts []string
	for i, s := range spans {
		if i == limit {
			parts = append(parts, fmt.Sprintf("and %d more", len(spans)-limit))
			break
		}
		t := strings.Join(strings.Fields(s.Text), " ")
		if r := []rune(t); len(r) > 80 {
			t = string(r[:77]) + "..."
		}
		parts = append(parts, fmt.Sprintf("%q", t))
	}
	return strings.Join(parts, ", ")
}
