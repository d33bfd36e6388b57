package scoring

import (
	"retake/scoring/passive"
)

// analysis holds one run of the analyzer: the document, which section
// each unit belongs to, and what the checks have found so far.
type analysis struct {
	r   *Rubric
	c   *compiled
	d   *doc
	in  Input
	sec []int // section of each unit
	// em are the units' raw votes for each section (before the prior).
	em       votes
	cueVotes votes     // the cue and fact votes alone
	times    []float64 // per token, when it was said; nil when nothing is timed
	ends     []float64 // per token, when it ended
	secs     []SectionResult
	dl       *Delivery
	passive  []passiveHit
	flags    []Flag
	// ev keeps each evidence detector's hits, by name.
	ev map[string]*evidenceCell
	// durS is the answer's length in seconds, durSrc where it came from.
	durS   float64
	durSrc string
}

// passiveHit is a passive construction with the token it starts at.
type passiveHit struct {
	span    Span
	tok     int
	end     int // token after the participle
	subject string
	part    string
	byAgent bool
}

// sectionOfTok is the section of the unit holding token i.
func (a *analysis) sectionOfTok(i int) int {
	if len(a.sec) == 0 || i < 0 || i >= len(a.d.Toks) {
		return -1
	}
	return a.sec[a.d.tokUnit[i]]
}

// inScope reports whether token i lies in one of the sections (nil: all).
func (a *analysis) inScope(i int, scope []bool) bool {
	if scope == nil {
		return true
	}
	s := a.sectionOfTok(i)
	return s >= 0 && scope[s]
}

// scoped keeps the hits that start in the sections (nil: all). A short
// answer of one or two units has no sections worth the name, so scope
// does not apply to it.
func (a *analysis) scoped(hs []hit, scope []bool) []hit {
	if scope == nil || len(a.d.units) <= 2 {
		return hs
	}
	var out []hit
	for _, h := range hs {
		if a.inScope(h.lo, scope) {
			out = append(out, h)
		}
	}
	return out
}

// sectionTokens returns the token range from the first to the last unit
// of section s, or -1, -1 when the section is missing.
func (a *analysis) sectionTokens(s int) (int, int) {
	lo, hi := -1, -1
	for u, us := range a.sec {
		if us != s {
			continue
		}
		if lo < 0 {
			lo = a.d.units[u].lo
		}
		hi = a.d.units[u].hi
	}
	return lo, hi
}

// sectionUnits lists the units of section s.
func (a *analysis) sectionUnits(s int) []int {
	var out []int
	for u, us := range a.sec {
		if us == s {
			out = append(out, u)
		}
	}
	return out
}

// spansOf turns hits into spans, at most limit of them.
func (a *analysis) spansOf(hs []hit, limit int) []Span {
	out := []Span{}
	for _, h := range hs {
		if len(out) == limit {
			break
		}
		out = append(out, a.timed(a.d.span(h.lo, h.hi), h.lo))
	}
	return out
}

// timed adds the spoken time of token i to a span when times are known.
func (a *analysis) timed(s Span, i int) Span {
	if a.times != nil && i >= 0 && i < len(a.times) {
		s.T = a.times[i]
	}
	return s
}

// lead returns the first unit of section s (or of the answer) as the
// place a missing element belongs.
func (a *analysis) lead(s int) []Span {
	for u, us := range a.sec {
		if us == s {
			return []Span{a.timed(a.d.unitSpan(a.d.units[u]), a.d.units[u].lo)}
		}
	}
	if len(a.d.units) > 0 {
		u := a.d.units[len(a.d.units)-1]
		return []Span{a.timed(a.d.unitSpan(u), u.lo)}
	}
	return []Span{}
}

// raised returns the flag raised with this id, or nil.
func (a *analysis) raised(id string) *Flag {
	for i := range a.flags {
		if a.flags[i].ID == id {
			return &a.flags[i]
		}
	}
	return nil
}

// findPassives ties each match of the passive detector (run on the
// shared tokens) to the tokens it spans.
func (a *analysis) findPassives(ms []passive.Match) {
	k := 0
	for _, m := range ms {
		for k < len(a.d.Toks) && int(a.d.Toks[k].End) <= m.Start {
			k++
		}
		tok := min(k, len(a.d.Toks)-1)
		e := tok
		for e < len(a.d.Toks) && int(a.d.Toks[e].Start) < m.End {
			e++
		}
		sp := Span{Start: m.Start, End: m.End, Text: a.d.Text[m.Start:m.End], T: -1}
		a.passive = append(a.passive, passiveHit{span: a.timed(sp, tok), tok: tok, end: e, subject: m.Subject, part: m.Participle, byAgent: m.ByAgent})
	}
}
