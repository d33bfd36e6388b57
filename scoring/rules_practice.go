package scoring

import "sort"

// The behavioral change: a concrete practice, or a lesson told as a
// sentiment.

// mechanismIn reports whether units [ulo, uhi) name a concrete practice:
// an artifact or routine with a habitual frame or a verb that puts it in
// place, or a routine verb said habitually about something specific.
func (a *analysis) mechanismIn(ulo, uhi int) bool {
	if ulo < 0 {
		return false
	}
	for u := ulo; u < uhi && u < len(a.d.units); u++ {
		lo, hi := a.d.units[u].lo, a.d.units[u].hi
		// A practice often spans two clauses of one sentence:
		// "whenever I move an appointment, I phone the patient".
		if u+1 < len(a.d.units) && !a.d.toks[hi-1].brk {
			hi = a.d.units[u+1].hi
		}
		art := sumWeights(a.d.hitsIn("mech-artifacts", lo, hi))
		frame := sumWeights(a.d.hitsIn("mech-frames", lo, hi))
		verb := sumWeights(a.d.hitsIn("mech-verbs", lo, hi))
		generic := sumWeights(a.d.hitsIn("lesson-generic", lo, hi))
		if a.maximOnly(lo, hi) {
			// "you should always double-check" is advice to anyone,
			// not a practice the speaker runs.
			continue
		}
		if verb == 0 && (generic > 0 || a.lessonIn(lo, hi)) {
			// "I now understand how important the review step is" is
			// a sentiment about a practice, not the practice.
			continue
		}
		switch {
		case art >= 2 && (frame >= 1.5 || verb >= 1):
			return true
		case art >= 1 && frame >= 2 && verb >= 1:
			return true
		case frame >= 2 && verb >= 1 && generic == 0 && a.d.wordsIn(lo, hi) >= 8:
			return true
		case frame >= 1.5 && verb >= 1.5 && generic == 0 && a.d.wordsIn(lo, hi) >= 8:
			// "I always open the tap and wait a minute before...": a
			// habitual routine said with its steps.
			return true
		}
	}
	return false
}

// ruleMechanism: no concrete practice runs differently now (no-mechanism),
// and lessons told as sentiments with no practice after them
// (generic-lesson).
func (a *analysis) ruleMechanism() {
	start := a.firstUnitFrom(secResponse)
	if len(a.d.units) <= 2 {
		start = 0
	}
	hasMech := a.mechanismIn(start, len(a.d.units))
	var generic []hit
	for _, h := range a.lessonSentiments() {
		u := a.d.tokUnit[h.lo]
		if a.negated(h.lo) || a.mechanismIn(u, u+3) {
			continue
		}
		generic = append(generic, h)
	}
	if sumWeights(generic) >= 2 {
		a.raise("generic-lesson", "", a.spansOf(generic, 5))
	}
	if !hasMech {
		spans := a.spansOf(generic, 3)
		if len(spans) == 0 {
			spans = a.sectionLead(secChange)
		}
		a.raise("no-mechanism", "", spans)
	}
}

// lessonWindow is how many words after a lesson intro ("what I took
// away was") its content may run.
const lessonWindow = 25

// lessonSentiments returns the generic lessons: the stock phrases of
// lesson-generic.txt, and any lesson intro followed closely by a
// sentiment ("...is really important", "you have to...", "be more
// careful") rather than a fact or a practice.
func (a *analysis) lessonSentiments() []hit {
	if a.lessons != nil {
		return *a.lessons
	}
	out := append([]hit(nil), a.d.hits["lesson-generic"]...)
	sent := a.d.hits["lesson-sentiment"]
	k := 0
	for _, in := range a.d.hits["lesson-intro"] {
		for k < len(sent) && sent[k].lo < in.hi {
			k++
		}
		if k < len(sent) && sent[k].lo-in.hi <= lessonWindow {
			out = append(out, hit{lo: in.lo, hi: sent[k].hi, weight: 2.5, pat: in.pat})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	// Drop overlaps so a phrase is quoted once.
	var dedup []hit
	for _, h := range out {
		if n := len(dedup); n > 0 && h.lo < dedup[n-1].hi {
			continue
		}
		dedup = append(dedup, h)
	}
	a.lessons = &dedup
	return dedup
}

// maximOnly reports whether tokens [lo, hi) state a maxim in the second
// or generic person ("you have to", "one should") with no first-person
// word at all.
func (a *analysis) maximOnly(lo, hi int) bool {
	maxim := false
	for k := lo; k < hi; k++ {
		w := a.d.toks[k].norm
		if firstPersonWords[w] {
			return false
		}
		switch w {
		case "you", "one", "everyone", "everybody", "people", "you've", "we've":
			switch a.d.normAt(k + 1) {
			case "should", "have", "need", "must", "ought", "gotta", "got", "can't", "cannot", "always", "never":
				maxim = true
			}
		}
	}
	return maxim
}

// lessonIn reports whether a lesson intro in [lo, hi) is followed by
// a sentiment.
func (a *analysis) lessonIn(lo, hi int) bool {
	for _, h := range a.lessonSentiments() {
		if h.lo >= lo && h.lo < hi && h.pat != nil && h.weight >= 2 {
			return true
		}
	}
	return false
}
