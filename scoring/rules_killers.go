package scoring

import (
	"fmt"
	"sort"
	"strings"
)

// negators are words that, just before a cue, turn it around ("I'm not
// a perfectionist", "nobody would call it no big deal").
var negators = map[string]bool{
	"not": true, "never": true, "isn't": true, "wasn't": true, "aren't": true, "don't": true,
	"didn't": true, "won't": true, "no": true, "rather": true, "instead": true,
	"say": true, "saying": true, "cliché": true, "cliche": true, "classic": true, "than": true,
}

// negated reports whether one of the three words before token i negates
// or distances the cue that starts there.
func (a *analysis) negated(i int) bool {
	u := a.d.units[a.d.tokUnit[i]]
	for k := i - 1; k >= u.lo && k >= i-3; k-- {
		if negators[a.d.toks[k].norm] {
			return true
		}
	}
	return false
}

var firstPersonWords = map[string]bool{"i": true, "i'm": true, "i've": true, "i'd": true, "i'll": true, "me": true, "my": true, "myself": true}
var thirdPersonWords = map[string]bool{"he": true, "she": true, "they": true, "he's": true, "she's": true, "they're": true, "his": true, "her": true, "their": true, "you": true, "you're": true}

// aboutSpeaker reports whether the clause around token i talks about the
// speaker: a first-person word before it in its unit, and no third
// person nearer.
func (a *analysis) aboutSpeaker(i int) bool {
	u := a.d.units[a.d.tokUnit[i]]
	for k := i; k >= u.lo && k >= i-8; k-- {
		w := a.d.toks[k].norm
		if firstPersonWords[w] {
			return true
		}
		if thirdPersonWords[w] {
			return false
		}
	}
	return false
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
		keep = append(keep, h)
	}
	if sumWeights(keep) >= 2.5 {
		a.raise("fake-mistake", "", a.spansOf(keep, 5))
	}
}

// ruleClaimsImmunity: "I can't think of a real mistake".
func (a *analysis) ruleClaimsImmunity() {
	var keep []hit
	for _, h := range a.d.hits["immunity"] {
		if a.d.toks[h.lo].norm == "no" || !a.negated(h.lo) {
			keep = append(keep, h)
		}
	}
	if sumWeights(keep) >= 2.5 {
		a.raise("claims-immunity", "", a.spansOf(keep, 5))
	}
}

// ownership is how strongly the speaker owns the error in the first
// person outside the Situation: the weight of "I skipped", "I assumed",
// "my mistake was" and the like.
func (a *analysis) ownership() float64 {
	own := 0.0
	for _, name := range []string{"cues-mistake", "cues-rootcause"} {
		for _, h := range a.hitsInSections(name, secMistake, secRoot, secResponse, secChange) {
			w := a.d.toks[h.lo].norm
			if firstPersonWords[w] || w == "that" || w == "that's" || w == "it" || w == "without" {
				own += h.weight
			}
		}
	}
	return own
}

var weWords = map[string]bool{"we": true, "we're": true, "we've": true, "we'd": true, "we'll": true, "us": true, "our": true, "ours": true, "ourselves": true}
var iWords = map[string]bool{"i": true, "i'm": true, "i've": true, "i'd": true, "i'll": true, "me": true, "my": true, "myself": true, "mine": true}

// personCounts counts first-person singular and plural words in the
// given token range.
func (a *analysis) personCounts(lo, hi int) (i, we int, weToks []int) {
	for k := lo; k < hi; k++ {
		w := a.d.toks[k].norm
		switch {
		case iWords[w]:
			i++
		case weWords[w]:
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

// ruleBlameDiffusion: someone else, "we" or "the team" carries the
// failure where the speaker's own action belongs. "We" in the Situation
// is context and never counts.
func (a *analysis) ruleBlameDiffusion() {
	// Blame cues name a failure, so they count even where the decoder
	// placed the clause in the Situation; plain "we" there never does.
	blame := a.d.hits["blame"]
	b := sumWeights(blame)
	own := a.ownership()
	spans := a.spansOf(blame, 6)
	fire := b >= 2 && (own < 2.5 || b >= own+1)
	// A mistake told entirely as "we": plural subjects and no "I".
	if lo, hi := a.sectionTokens(secMistake); lo >= 0 {
		i, we, weToks := a.personCounts(lo, hi)
		if we >= 2 && i == 0 && own < 2.5 {
			fire = true
			for _, k := range weToks {
				if len(spans) < 6 {
					spans = append(spans, a.timed(a.d.span(k, k+1), k))
				}
			}
		}
	}
	if r := a.firstPersonRatio(); r < 0.3 && own < 4 {
		if l, h := a.sectionTokens(secMistake); l >= 0 {
			_, we, _ := a.personCounts(l, h)
			if we >= 2 {
				fire = true
			}
		}
	}
	if fire {
		a.raise("blame-diffusion", "", spans)
	}
}

// impactParticiples are passives that describe who was hurt, not who
// acted: "forty orders were delayed" is stakes, not a dodge.
var impactParticiples = map[string]bool{
	"affected": true, "impacted": true, "delayed": true, "hurt": true, "injured": true,
	"stranded": true, "blocked": true, "stuck": true, "inconvenienced": true, "disappointed": true,
	"upset": true, "harmed": true, "exposed": true, "left": true, "locked": true,
	"promoted": true, "hired": true, "born": true, "paid": true, "invited": true, "asked": true,
}

// rulePassiveVoice: a passive where the speaker's own action belongs, in
// the mistake, its cause or the response. Passives elsewhere are listed
// in the report but not flagged.
func (a *analysis) rulePassiveVoice() {
	short := len(a.d.units) <= 2
	var spans []Span
	for _, p := range a.passive {
		s := a.sectionOfTok(p.tok)
		if !short && s != secMistake && s != secRoot && s != secResponse {
			continue
		}
		if p.subject == "i" || p.subject == "me" || p.subject == "we" || impactParticiples[p.part] {
			continue
		}
		spans = append(spans, p.span)
	}
	if len(spans) > 0 {
		a.raise("passive-voice", fmt.Sprintf("(%d in the mistake, cause or response)", len(spans)), spans)
	}
}

// stakesWeight sums the evidence that the mistake cost something. A
// clause counts its impact cues ("lost", "delayed", "complained") plus
// its quantities and parties ("1,200 customers", "$4,000", "the CFO");
// quantities in a clause with no impact cue are scale, not stakes ("we
// have 3,000 customers"), and count a little. Cues in the Situation and
// the behavioral change count half.
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
		if s := a.sec[u]; s == secSituation || s == secChange {
			if len(a.d.units) > 2 {
				uw /= 2
			}
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

// sectionLead returns the first unit of a section (or of the answer) as
// the place a missing element belongs.
func (a *analysis) sectionLead(s int) []Span {
	for u, us := range a.sec {
		if us == s {
			return []Span{a.timed(a.d.unitSpan(a.d.units[u]), a.d.units[u].lo)}
		}
	}
	if len(a.d.units) > 0 {
		u := a.d.units[len(a.d.units)-1]
		return []Span{a.timed(a.d.unitSpan(u), u.lo)}
	}
	return nil
}

// mechanismIn reports whether units [ulo, uhi) name a concrete practice:
// an artifact or routine with a habitual frame or a verb that puts it in
// place, or a routine verb said habitually about something specific.
func (a *analysis) mechanismIn(ulo, uhi int) bool {
	if ulo < 0 {
		return false
	}
	for u := ulo; u < uhi && u < len(a.d.units); u++ {
		un := a.d.units[u]
		art := sumWeights(a.d.hitsIn("mech-artifacts", un.lo, un.hi))
		frame := sumWeights(a.d.hitsIn("mech-frames", un.lo, un.hi))
		verb := sumWeights(a.d.hitsIn("mech-verbs", un.lo, un.hi))
		generic := sumWeights(a.d.hitsIn("lesson-generic", un.lo, un.hi))
		switch {
		case art >= 2 && (frame >= 1.5 || verb >= 1):
			return true
		case art >= 1 && frame >= 2 && verb >= 1:
			return true
		case frame >= 2 && verb >= 1 && generic == 0 && a.d.unitWords(un) >= 8:
			return true
		}
	}
	return false
}

// firstUnitFrom returns the first unit in section s or later.
func (a *analysis) firstUnitFrom(s int) int {
	for u, us := range a.sec {
		if us >= s {
			return u
		}
	}
	return -1
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
	return dedup
}

// ruleRootCause: the answer never says why the speaker erred.
func (a *analysis) ruleRootCause() {
	secs := []int{secMistake, secRoot, secResponse}
	if len(a.d.units) <= 2 {
		secs = append(secs, secSituation, secChange)
	}
	causes := a.hitsInSections("cues-rootcause", secs...)
	if sumWeights(causes) >= 2 {
		return
	}
	a.raise("no-root-cause", "", a.sectionLead(secRoot))
}

// joinQuoted lists span texts in quotes for a message.
func joinQuoted(spans []Span, limit int) string {
	var parts []string
	for i, s := range spans {
		if i == limit {
			break
		}
		parts = append(parts, fmt.Sprintf("%q", strings.TrimSpace(s.Text)))
	}
	return strings.Join(parts, ", ")
}
