package scoring

// Stakes: whether the mistake cost anything, and to whom.

// stakesWeight sums the evidence that the mistake cost something. A
// clause counts its impact cues ("lost", "delayed", "complained") plus
// its quantities and parties ("1,200 customers", "$4,000", "the CFO");
// quantities in a clause with no impact cue are scale, not stakes ("we
// have 3,000 customers"), and count a little. Cues in the behavioral
// change count half.
func (a *analysis) stakesWeight() float64 {
	impact := make([]float64, len(a.d.units))
	qty := make([]float64, len(a.d.units))
	for _, h := range a.d.hits["impact"] {
		if !a.negated(h.lo) {
			impact[a.d.tokUnit[h.lo]] += h.weight
		}
	}
	for _, h := range a.d.hits["stakes"] {
		qty[a.d.tokUnit[h.lo]] += h.weight
	}
	w := 0.0
	for u := range a.d.units {
		uw := qty[u] * 0.3
		if impact[u] > 0 {
			uw = impact[u] + qty[u]
		}
		// Numbers in the behavioral change are usually its evidence
		// ("it has caught two since"), not the mistake's cost.
		if a.sec[u] == secChange && len(a.d.units) > 2 {
			uw /= 2
		}
		w += uw
	}
	return w
}

// ruleNoStakes: nothing and nobody was affected, or the speaker says so.
func (a *analysis) ruleNoStakes() {
	harm := a.d.hits["no-harm"]
	var kept []hit
	for _, h := range harm {
		if !a.negated(h.lo) || a.d.toks[h.lo].norm == "no" || a.d.toks[h.lo].norm == "not" {
			kept = append(kept, h)
		}
	}
	w := a.stakesWeight()
	nh := sumWeights(kept)
	if w >= 2 && !(nh >= 2.5 && w < 5) {
		return
	}
	spans := a.spansOf(kept, 4)
	if len(spans) == 0 {
		spans = a.sectionLead(secMistake)
	}
	a.raise("no-stakes", "", spans)
}
