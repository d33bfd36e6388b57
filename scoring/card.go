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
	fmt.Fprintf(&b, "%-20s %6s %11s %6s  %s\n", "SECTION", "WEIGHT", "TIME / PLAN", "SCORE", "")
	for _, s := range r.Sections {
		t := "  missing  "
		if s.Words > 0 {
			t = fmt.Sprintf("%s / %s", clock(s.Seconds), clock(s.PlannedS))
		}
		fmt.Fprintf(&b, "%-20s %5.0f%% %11s %6d  %s\n", s.Title, s.Weight*100, t, s.Score, bar(s.Score, 10))
		for _, why := range s.Reasons {
			fmt.Fprintf(&b, "%22s- %s\n", "", why)
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
	fmt.Fprintf(&b, "Fillers: %d (%.1f a minute)    I vs we after the situation: %.0f%% I\n",
		r.Fillers.Count, r.Fillers.PerMinute, r.FirstPersonRatio*100)
	return b.String()
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
