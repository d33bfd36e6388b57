package scoring

import (
	"fmt"
	"math"
	"strings"
)

// timeCueWords mark the response lexicon's patterns that are about
// timing ("within the hour") rather than action ("rolled back").
var timeCueWords = []string{"day", "hour", "minute", "immediately", "right", "straight", "soon", "moment", "first", "morning", "noon", "overnight", "night", "within", "spot", "afternoon", "evening", "under", "next", "lunch", "midnight"}

// evidenceWords mark the change lexicon's patterns that show a practice
// has worked since.
var evidenceWords = []string{"caught", "prevented", "saved", "since", "hasn't", "haven't", "next", "times", "twice", "zero", "flagged"}

func patternHas(h hit, words []string) bool {
	for _, f := range strings.Fields(h.pat.text) {
		for _, alt := range strings.Split(f, "|") {
			for _, w := range words {
				if alt == w {
					return true
				}
			}
		}
	}
	return false
}

// scoreSection grades one present section 0-100 against what earns its
// points in the rubric, with a short reason for each part won or lost.
func (a *analysis) scoreSection(s, lo, hi int, res *SectionResult) {
	in := func(name string) []hit { return a.d.hitsIn(name, lo, hi) }
	pts := 0.0
	reason := func(ok bool, gain float64, good, bad string) {
		text := bad
		if ok {
			pts += gain
			text = good
		}
		res.Reasons = append(res.Reasons, text)
		res.Criteria = append(res.Criteria, Criterion{ID: fmt.Sprintf("%s-%d", res.ID, len(res.Criteria)+1), Met: ok, Points: int(gain), Text: text})
	}
	switch s {
	case secSituation:
		reason(true, 40, "Tells the context.", "")
		reason(sumWeights(in("cues-situation")) >= 1.5, 30, "Sets the scene: role, team or time.", "Say who you were, the team and the goal in a sentence.")
		// Shares of a very short answer say little: a context needs
		// more than a couple of sentences to run long.
		long := res.Share > res.Weight*1.6 && res.Share-res.Weight > 0.05 && res.Words > 35
		reason(!long, 30, "Brief, as context should be.", "Runs long: context needs one or two sentences.")
	case secMistake:
		own := 0.0
		for _, h := range in("cues-mistake") {
			if firstPersonWords[a.d.toks[h.lo].norm] || a.d.toks[h.lo].norm == "without" || a.d.toks[h.lo].norm == "that" {
				own += h.weight
			}
		}
		reason(own >= 2, 45, "Owns the error in the first person.", "State plainly what you did or failed to do: \"I skipped...\", \"I assumed...\".")
		reason(a.stakesWeight() >= 2.5, 30, "Says what it cost.", "Say what it cost: who was affected and how much.")
		clean := !a.hasFlagIn("passive-voice", lo, hi) && !a.hasFlagIn("blame-diffusion", lo, hi)
		reason(clean, 25, "Active voice, no one else blamed.", "Keep yourself the subject: no passive, no \"we\" for the error.")
	case secRoot:
		causes := in("cues-rootcause")
		reason(sumWeights(causes) >= 2, 50, "Gives a cause.", "Explain why: the assumption, habit or pressure behind it.")
		mine := 0.0
		for _, h := range causes {
			if firstPersonWords[a.d.toks[h.lo].norm] || a.d.toks[h.lo].norm == "because" {
				mine += h.weight
			}
		}
		reason(mine >= 2, 30, "Ties the cause to your own thinking or habits.", "Tie the cause to your own model or habit, not circumstances.")
		reason(a.d.wordsIn(lo, hi) >= 20, 20, "Goes deep enough to be a diagnosis.", "Too brief to be a diagnosis; one more sentence on why.")
	case secResponse:
		var act, when float64
		for _, h := range in("cues-response") {
			if patternHas(h, timeCueWords) {
				when += h.weight
			} else {
				act += h.weight
			}
		}
		reason(act >= 2, 45, "Concrete actions.", "Name the actions you took: rolled back, told, fixed.")
		reason(when >= 1.5, 30, "Says how fast you acted.", "Say when: \"that same afternoon\", \"within the hour\".")
		i, _, _ := a.personCounts(lo, hi)
		reason(i > 0, 25, "You are the one acting.", "Put yourself in the response: what did you do?")
	case secChange:
		u0, u1 := a.d.tokUnit[lo], a.d.tokUnit[hi-1]+1
		reason(a.mechanismIn(u0, u1), 50, "Names a concrete practice.", "Name the practice you run now: a checklist, an alert, a review step.")
		reason(sumWeights(in("mech-frames")) >= 2, 15, "Habitual: what you do every time.", "Say when it runs: \"before every release\", \"every Monday\".")
		ev := false
		for _, h := range in("cues-change") {
			if patternHas(h, evidenceWords) {
				ev = true
			}
		}
		reason(ev, 20, "Shows it has worked since.", "Add evidence: what it has caught since.")
		reason(sumWeights(in("lesson-generic")) < 2, 15, "Specific, not a platitude.", "Drop the moral (\"communication is key\"); keep the practice.")
	}
	res.Score = int(math.Round(math.Min(pts, 100)))
}

// hasFlagIn reports whether a raised flag has a span inside [lo, hi) tokens.
func (a *analysis) hasFlagIn(id string, lo, hi int) bool {
	s, e := a.d.toks[lo].start, a.d.toks[hi-1].end
	for _, f := range a.flags {
		if f.ID != id {
			continue
		}
		for _, sp := range f.Spans {
			if sp.Start >= s && sp.Start < e {
				return true
			}
		}
	}
	return false
}
