package scoring

// Root cause: whether the answer says why.

// ruleRootCause: the answer never says why the speaker erred.
func (a *analysis) ruleRootCause() {
	secs := []int{secMistake, secRoot, secResponse}
	if len(a.d.units) <= 2 {
		secs = append(secs, secSituation, secChange)
	}
	causes := a.hitsInSections("cues-rootcause", secs...)
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
