package scoring

import (
	"sort"
	"strings"
)

// Blame diffusion: who carries the failure, and whether the speaker
// owns it first.

// ownedAfterBut reports whether the sentence turns from others' failure
// to the speaker's own: "nobody else checked it, but it was mine to
// check", "my manager signed it off because I told her I had tested it".
func (a *analysis) ownedAfterBut(h hit) bool {
	for k := h.hi; k < len(a.d.toks) && !a.d.toks[k-1].brk; k++ {
		if w := a.d.toks[k].norm; w != "but" && w != "though" && w != "however" && w != "although" && w != "because" {
			continue
		}
		for j := k + 1; j < len(a.d.toks) && j < k+8; j++ {
			if w := a.d.toks[j].norm; w == "mine" || w == "my" || w == "i" || w == "me" || w == "myself" {
				return true
			}
			if a.d.toks[j-1].brk {
				break
			}
		}
	}
	return false
}

// ownership is how strongly the speaker owns the error in the first
// person outside the Situation: the weight of "I skipped", "I assumed",
// "my mistake was" and the like.
func (a *analysis) ownership() float64 {
	// "I assumed" is both a mistake and a cause cue: count each start
	// once, at its heavier weight.
	best := map[int]float64{}
	for _, name := range []string{"cues-mistake", "cues-rootcause"} {
		for _, h := range a.hitsInSections(name, secMistake, secRoot, secResponse, secChange) {
			if a.owned(h) && h.weight > best[h.lo] {
				best[h.lo] = h.weight
			}
		}
	}
	own := 0.0
	for _, w := range best {
		own += w
	}
	return own
}

// owned reports whether a mistake or cause cue is the speaker's own: it
// has a first-person word ("I skipped", "it was mine to check") or is a
// subjectless "without checking" / "that was on me".
func (a *analysis) owned(h hit) bool {
	w := a.d.toks[h.lo].norm
	if w == "that" || w == "that's" || w == "without" {
		return true
	}
	for k := h.lo; k < h.hi; k++ {
		if firstPersonWords[a.d.toks[k].norm] || a.d.toks[k].norm == "mine" {
			return true
		}
	}
	return false
}

// firstOwnership returns the token at which the speaker first owns the
// error in the first person outside the Situation, or the end of the
// text when they never do.
func (a *analysis) firstOwnership() int {
	first := len(a.d.toks)
	for _, name := range []string{"cues-mistake", "cues-rootcause"} {
		for _, h := range a.d.hits[name] {
			if h.weight < 1.5 || h.lo >= first {
				continue
			}
			if s := a.sectionOfTok(h.lo); s == secSituation && len(a.d.units) > 2 {
				continue
			}
			if a.owned(h) {
				first = h.lo
			}
		}
	}
	return first
}

// failureParticiples are passives that name a failure of duty.
var failureParticiples = map[string]bool{
	"missed": true, "forgotten": true, "overlooked": true, "dropped": true, "ignored": true,
	"lost": true, "skipped": true, "mishandled": true, "neglected": true, "botched": true,
}

// failedByOthers finds passives that pin a failure on a named agent:
// "it hadn't been handed over by the night staff", "it was missed by QA".
// An agent-ful passive that is not a failure ("posted by accounts") is
// not blame.
func (a *analysis) failedByOthers() []hit {
	var out []hit
	for _, p := range a.passive {
		if !p.byAgent || p.subject == "i" {
			continue
		}
		t := strings.ToLower(p.span.Text)
		negative := strings.Contains(t, "n't") || strings.Contains(t, "not ") || strings.Contains(t, "never")
		if !negative && !failureParticiples[p.part] {
			continue
		}
		// The agent is the word after "by"; "by me" is ownership.
		k := p.tok
		for k < len(a.d.toks) && a.d.toks[k].start < p.span.End {
			k++
		}
		if k+1 < len(a.d.toks) && a.d.toks[k].norm == "by" && (a.d.toks[k+1].norm == "me" || a.d.toks[k+1].norm == "myself") {
			continue
		}
		hi := min(k+3, len(a.d.toks))
		out = append(out, hit{lo: p.tok, hi: hi, weight: 2})
	}
	return out
}

// personCounts counts first-person singular and plural words in the
// given token range.
func (a *analysis) personCounts(lo, hi int) (i, we int, weToks []int) {
	for k := lo; k < hi; k++ {
		switch a.d.toks[k].person {
		case 1:
			i++
		case 2, 3:
			we++
			weToks = append(weToks, k)
		}
	}
	return
}

// firstPersonRatio is I / (I + we) over the sections after the
// Situation, or 1 when neither appears.
func (a *analysis) firstPersonRatio() float64 {
	lo, hi := -1, -1
	for s := secMistake; s < numSections; s++ {
		l, h := a.sectionTokens(s)
		if l < 0 {
			continue
		}
		if lo < 0 {
			lo = l
		}
		hi = h
	}
	if lo < 0 {
		return 1
	}
	i, we, _ := a.personCounts(lo, hi)
	if i+we == 0 {
		return 1
	}
	return float64(i) / float64(i+we)
}

// weAfterSituation returns the tokens of "we" as a subject after the
// Situation.
func (a *analysis) weAfterSituation() []int {
	var out []int
	for k, t := range a.d.toks {
		if t.person == 2 && a.sectionOfTok(k) != secSituation {
			out = append(out, k)
		}
	}
	return out
}

// ruleBlameDiffusion: someone else, "we" or "the team" carries the
// failure where the speaker's own action belongs. "We" in the Situation
// is context and never counts.
func (a *analysis) ruleBlameDiffusion() {
	// Blame cues name a failure, so they count even where the decoder
	// placed the clause in the Situation; plain "we" there never does.
	var blame []hit
	for _, h := range a.d.hits["blame"] {
		if !a.ownedAfterBut(h) {
			blame = append(blame, h)
		}
	}
	blame = append(blame, a.failedByOthers()...)
	sort.Slice(blame, func(i, j int) bool { return blame[i].lo < blame[j].lo })
	b := sumWeights(blame)
	own := a.ownership()
	spans := a.spansOf(blame, 6)
	// Who carries the failure when it is first told matters most: blame
	// before any first-person ownership is diffusion even if the speaker
	// owns a cause later on.
	first := a.firstOwnership()
	before := 0.0
	for _, h := range blame {
		if h.lo < first {
			before += h.weight
		}
	}
	fire := b >= 2 && (own < 2.5 || b >= own+1 || before >= 2)
	// The whole story told as "we": the speaker is nearly absent after
	// the Situation.
	if r, we := a.firstPersonRatio(), a.weAfterSituation(); r <= 0.25 && len(we) >= 4 && own < 2.5 {
		fire = true
		for _, k := range we {
			if len(spans) < 6 {
				spans = append(spans, a.timed(a.d.span(k, k+1), k))
			}
		}
	}
	if fire {
		a.raise("blame-diffusion", "", spans)
	}
}
