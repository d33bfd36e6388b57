package scoring

// Root cause: whether the answer says why.

// ruleRootCause: the answer never says why the speaker erred.
func (a *analysis) ruleRootCause() {
	secs := []int{secMistake, secRoot, secResponse}
	if len(a.d.units) <= 2 {
		secs = append(secs, secSituation, secChange)
	}
	var causes []hit
	for _, h := range a.hitsInSections("cues-rootcause", secs...) {
		// "I don't know why it happened" names no cause, and "I called
		// the client because I wanted them to hear it from me" gives the
		// reason for a response, not for the mistake.
		if !a.unknownCause(h.lo) && !a.motiveOfResponse(h) {
			causes = append(causes, h)
		}
	}
	// In a strength dressed up as a mistake, the "cause" explains the
	// virtue ("because I want everything to be right"): it is no
	// diagnosis.
	if a.raised("fake-mistake") {
		causes = a.outsideSentencesOf(causes, "fake-mistake")
	}
	if sumWeights(causes) >= 2 {
		return
	}
	a.raise("no-root-cause", "", a.sectionLead(secRoot))
}

// unknownCause reports whether the sentence around token i says the
// speaker does not know why ("why it happened I still don't know"); "I
// didn't know the form had changed" is a cause and does not count.
func (a *analysis) unknownCause(i int) bool {
	// A window, not the sentence: speech-recognizer text may have no
	// sentence ends at all.
	lo, hi := max(i-8, 0), min(i+10, len(a.d.toks)-1)
	why, unknown := false, false
	for k := lo; k <= hi; k++ {
		switch a.d.toks[k].norm {
		case "why":
			why = true
		case "don't", "didn't", "doesn't":
			if next := a.d.normAt(k + 1); next == "know" || (next == "really" && a.d.normAt(k+2) == "know") {
				unknown = true
			}
		case "no":
			unknown = unknown || a.d.normAt(k+1) == "idea"
		case "not":
			unknown = unknown || a.d.normAt(k+1) == "sure"
		}
	}
	if why && unknown {
		return true
	}
	return false
}

// motiveOfResponse reports whether a "because" follows, in the same
// clause, an action of the immediate response: it explains why the
// speaker acted, not why they erred.
func (a *analysis) motiveOfResponse(h hit) bool {
	if a.d.toks[h.lo].norm != "because" {
		return false
	}
	for _, r := range a.d.hits["cues-response"] {
		if r.hi <= h.lo && h.lo-r.hi <= 8 && !patternHas(r, timeCueWords) && sameClause(a.d.toks, r.hi, h.lo) {
			return true
		}
	}
	return false
}

// sameClause reports whether no sentence end lies between tokens i and j.
func sameClause(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if toks[k].brk {
			return false
		}
	}
	return true
}
