package scoring

// QuoteFrom rewrites the text of every span in the report from src, the
// bytes the person gave (a transcript's markup is blanked in the analyzed
// text, but offsets are the same), so each span's text is exactly the
// source's bytes at that span. Spans outside src are left as they are.
func (r *Report) QuoteFrom(src string) {
	fix := func(s *Span) {
		if s.Start >= 0 && s.End <= len(src) && s.Start <= s.End {
			s.Text = src[s.Start:s.End]
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
