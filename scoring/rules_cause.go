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
		// "I don't know why it happened" names no cause.
		if !a.unknownCause(h.lo) {
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
