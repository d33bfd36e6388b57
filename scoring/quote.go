package scoring

import "unicode/utf8"

// QuoteFrom rewrites the text of every span in the report from src, the
// bytes the person gave (a transcript's markup is blanked in the analyzed
// text, but offsets are the same), so each span's text is exactly the
// source's bytes at that span. Spans outside src are left as they are.
func (r *Report) QuoteFrom(src string) {
	fix := func(s *Span) {
		if s.Start >= 0 && s.End <= len(src) && s.Start <= s.End {
			s.Text = capText(src[s.Start:s.End])
		}
	}
	for i := range r.Flags {
		for j := range r.Flags[i].Spans {
			fix(&r.Flags[i].Spans[j])
		}
	}
	for i := range r.Passive {
		fix(&r.Passive[i])
	}
}

// maxQuote is the most bytes a span quotes: a span of an enormous token
// or line still points at all of it (Start, End), but the report carries
// only its beginning, so a report stays small whatever the transcript.
const maxQuote = 240

// capQuotes cuts every span's text to maxQuote bytes on a rune boundary,
// marking the cut with an ellipsis.
func (r *Report) capQuotes() {
	fix := func(s *Span) { s.Text = capText(s.Text) }
	for i := range r.Flags {
		for j := range r.Flags[i].Spans {
			fix(&r.Flags[i].Spans[j])
		}
	}
	for i := range r.Passive {
		fix(&r.Passive[i])
	}
}

func capText(s string) string {
	if len(s) <= maxQuote {
		return s
	}
	cut := maxQuote
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "\u2026"
}
