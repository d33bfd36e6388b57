package scoring

// The non-answers: a strength dressed up as a mistake, and claiming to
// have none.

// selfNouns follow "my" when the speaker talks about their own error.
var selfNouns = map[string]bool{
	"mistake": true, "problem": true, "weakness": true, "flaw": true, "error": true, "issue": true,
	"fault": true, "downside": true, "tendency": true, "habit": true, "failing": true, "trouble": true,
}

// ruleFakeMistake: a strength or a flattering trait offered as the error.
func (a *analysis) ruleFakeMistake() {
	var keep []hit
	for _, h := range a.d.hits["fake-mistake"] {
		first := a.d.toks[h.lo].norm
		if a.negated(h.lo) {
			continue
		}
		if !firstPersonWords[first] && !a.aboutSpeaker(h.lo) {
			continue
		}
		if a.contrastedAway(h) {
			continue
		}
		keep = append(keep, h)
	}
	if sumWeights(keep) >= 2.5 {
		a.raise("fake-mistake", "", a.spansOf(keep, 5))
	}
}

// contrastedAway reports whether the sentence turns from the trait to a
// real error: "people call me a perfectionist, but the mistake was...".
func (a *analysis) contrastedAway(h hit) bool {
	for k := h.hi; k < len(a.d.toks); k++ {
		t := a.d.toks[k-1]
		if t.brk {
			return false
		}
		if w := a.d.toks[k].norm; w == "but" || w == "however" || w == "though" {
			for j := k + 1; j < len(a.d.toks) && j < k+8; j++ {
				switch a.d.toks[j].norm {
				case "mistake", "error", "problem", "real", "actual", "slip":
					return true
				}
			}
		}
	}
	return false
}

// recurrence reports whether an immunity-like phrase is really about
// a mistake not happening again ("I haven't made that mistake since"),
// which is evidence of change, not a non-answer.
func (a *analysis) recurrence(h hit) bool {
	for k := h.lo; k < h.hi; k++ {
		switch a.d.toks[k].norm {
		case "that", "this", "same", "particular":
			for j := k + 1; j <= k+2 && j < h.hi+1; j++ {
				switch a.d.normAt(j) {
				case "mistake", "error", "slip", "one", "kind":
					return true
				}
			}
		}
	}
	for k := h.hi; k < len(a.d.toks) && k < h.hi+4; k++ {
		switch a.d.toks[k].norm {
		case "since", "again", "anymore", "twice":
			return true
		case "faster", "quicker", "sooner", "than", "more":
			// "nothing comes to mind faster than the time I..." leads
			// into a real story.
			return true
		}
	}
	return false
}

// ruleClaimsImmunity: "I can't think of a real mistake".
func (a *analysis) ruleClaimsImmunity() {
	var keep []hit
	for _, h := range a.d.hits["immunity"] {
		if (a.d.toks[h.lo].norm == "no" || !a.negated(h.lo)) && !a.recurrence(h) {
			keep = append(keep, h)
		}
	}
	if sumWeights(keep) >= 2.5 {
		a.raise("claims-immunity", "", a.spansOf(keep, 5))
	}
}
