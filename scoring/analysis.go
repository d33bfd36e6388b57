package scoring

// analysis holds one run of the analyzer: the document, which section
// each unit belongs to, and what the rules have found so far.
type analysis struct {
	d       *doc
	rubric  *Rubric
	in      Input
	sec     assignment
	times   []float64 // per token, nil when nothing is timed
	passive []passiveHit
	flags   []Flag
	lessons *[]hit // generic lessons, found once
}

// passiveHit is a passive construction with the token it starts at.
type passiveHit struct {
	span    Span
	tok     int
	subject string
	part    string
	byAgent bool
}

// sectionOfTok is the section of the unit holding token i.
func (a *analysis) sectionOfTok(i int) int {
	if len(a.sec) == 0 {
		return -1
	}
	return a.sec[a.d.tokUnit[i]]
}

// sectionTokens returns the token range [lo, hi) of section s, or -1, -1
// when the section is missing.
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

// hitsInSections returns the lexicon's hits in the given sections.
func (a *analysis) hitsInSections(name string, secs ...int) []hit {
	var out []hit
	for _, h := range a.d.hits[name] {
		s := a.sectionOfTok(h.lo)
		for _, want := range secs {
			if s == want {
				out = append(out, h)
				break
			}
		}
	}
	return out
}

func sumWeights(hs []hit) float64 {
	t := 0.0
	for _, h := range hs {
		t += h.weight
	}
	return t
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

// raise records a finding with the rubric's wording for it; detail, when
// given, is appended to the message.
func (a *analysis) raise(id, detail string, spans []Span) {
	spec := a.rubric.Flags[id]
	msg := spec.Message
	if detail != "" {
		msg += " " + detail
	}
	if spans == nil {
		spans = []Span{}
	}
	a.flags = append(a.flags, Flag{ID: id, Severity: spec.Severity, Message: msg, Suggestion: spec.Suggestion, Spans: spans})
}

// raiseWith is raise with a severity other than the rubric's default.
func (a *analysis) raiseWith(id string, sev Severity, detail string, spans []Span) {
	a.raise(id, detail, spans)
	a.flags[len(a.flags)-1].Severity = sev
}
