package take

import (
	"fmt"
	"strings"

	"retake/scoring"
)

// RenderCardMarkdown writes a report as a Markdown rubric card: the
// score, the time against the plan per section, every flag with the words
// that raised it and what to do instead, and the delivery figures. text is
// the transcript the report's spans point into; a span outside it is
// quoted from the report's own copy of the words.
func RenderCardMarkdown(r scoring.Report, text string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Rubric card: %d/100\n\n", r.Score)
	fmt.Fprintf(&b, "- Rubric: %s (analyzer %s)\n", mdInline(r.Rubric), mdInline(r.AnalyzerVersion))
	fmt.Fprintf(&b, "- Length: %s of a %s target", clock(r.DurationS), clock(r.TargetS))
	if r.DurationSource != "" {
		fmt.Fprintf(&b, " (%s)", mdInline(r.DurationSource))
	}
	fmt.Fprintf(&b, ", %d words\n\n", r.Words)

	if len(r.Sections) > 0 {
		b.WriteString("## Sections\n\n| Section | Weight | Score | Time | Planned |\n|---|---:|---:|---:|---:|\n")
		for _, s := range r.Sections {
			fmt.Fprintf(&b, "| %s | %.0f%% | %d | %s | %s |\n", mdInline(s.Title), s.Weight*100, s.Score, clock(s.Seconds), clock(s.PlannedS))
		}
		fmt.Fprintf(&b, "\nHow the score is made: %s\n\n", mdInline(scoring.ScoreSum(r)))
		for _, s := range r.Sections {
			if len(s.Criteria) == 0 && len(s.Reasons) == 0 {
				continue
			}
			fmt.Fprintf(&b, "**%s**\n\n", mdInline(s.Title))
			for _, c := range s.Criteria {
				mark := "[ ] not met:"
				if c.Met {
					mark = "[x] met:"
				}
				fmt.Fprintf(&b, "- %s %s (%d points)\n", mark, mdInline(c.Text), c.Points)
			}
			if len(s.Criteria) == 0 {
				for _, why := range s.Reasons {
					fmt.Fprintf(&b, "- %s\n", mdInline(why))
				}
			}
			if s.Timing != "" {
				fmt.Fprintf(&b, "- Timing: %s\n", mdInline(s.Timing))
			}
			b.WriteString("\n")
		}
	}

	b.WriteString("## What to fix\n\n")
	if len(r.Flags) == 0 {
		b.WriteString("No flags raised.\n\n")
	}
	for _, f := range r.Flags {
		fmt.Fprintf(&b, "### %s (%s)\n\n%s\n\n", mdInline(f.ID), mdInline(string(f.Severity)), mdLine(f.Message))
		for _, sp := range f.Spans {
			fmt.Fprintf(&b, "> %s\n\n", quote(sp, text))
		}
		if f.Suggestion != "" {
			fmt.Fprintf(&b, "Try instead: %s\n\n", mdInline(f.Suggestion))
		}
	}

	b.WriteString("## Delivery\n\n")
	fmt.Fprintf(&b, "- Fillers: %s\n", scoring.FillerSummary(r))
	if d := r.Delivery; d != nil {
		fmt.Fprintf(&b, "- Pace: %.0f words a minute over %s of speaking\n", d.WPM, clock(d.SpeakingS))
		fmt.Fprintf(&b, "- Pauses of %.1f s or more: %d", scoring.LongPauseS, len(d.Pauses))
		if d.LongestPauseS > 0 {
			fmt.Fprintf(&b, ", the longest %.1f s", d.LongestPauseS)
		}
		b.WriteString("\n")
	}
	if src := scoring.SourceSummary(r, mdInline(r.Source.Name)); src != "" {
		fmt.Fprintf(&b, "- Transcript: %s\n", src)
	}
	fmt.Fprintf(&b, "- First person: %.0f%% of I/we after the first section\n", r.FirstPersonRatio*100)
	if len(r.Passive) > 0 {
		b.WriteString("- Passive voice:\n")
		for _, sp := range r.Passive {
			fmt.Fprintf(&b, "  - %s\n", quote(sp, text))
		}
	}
	return b.String()
}

// quote returns the words of a span, from the text when the span fits in
// it, with the time it was spoken when known.
func quote(sp scoring.Span, text string) string {
	words := sp.Text
	if sp.Start >= 0 && sp.Start <= sp.End && sp.End <= len(text) {
		words = text[sp.Start:sp.End]
	}
	q := "\u201c" + mdInline(words) + "\u201d"
	if sp.T >= 0 {
		q += " at " + clock(sp.T)
	}
	return q
}

// clock formats seconds as m:ss.
func clock(s float64) string {
	if !finite(s) || s < 0 {
		return "?"
	}
	n := int(s + 0.5)
	return fmt.Sprintf("%d:%02d", n/60, n%60)
}

// mdLine is mdInline for text that starts a line, where a leading #, >,
// list marker or "1." would turn it into a heading, quote or list.
func mdLine(s string) string {
	s = mdInline(s)
	if s != "" && strings.ContainsRune("#>-+=~", rune(s[0])) {
		return "\\" + s
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}

// mdInline keeps text on one line and stops it from being read as
// Markdown markup, so a transcript cannot inject headings, links or HTML.
func mdInline(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		// Only inline markup matters here; mdLine handles text that
		// starts a line, where #, - and > would be markup too.
		if strings.ContainsRune("\\`*_[]<>|", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
