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
		if w == "my" {
			// "my mistake is..." is about the speaker, "my manager
			// was..." about someone else.
			if selfNouns[a.d.normAt(k+1)] || selfNouns[a.d.normAt(k+2)] {
				return true
			}
			continue
		}
		if firstPersonWords[w] {
			return true
		}
		if thirdPersonWords[w] {
			return false
		}
	}
	return false
}

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

// ownedAfterBut reports whether the sentence turns from others' failure
// to the speaker's own: "nobody else checked it, but it was mine to check".
func (a *analysis) ownedAfterBut(h hit) bool {
	for k := h.hi; k < len(a.d.toks) && !a.d.toks[k-1].brk; k++ {
		if w := a.d.toks[k].norm; w != "but" && w != "though" && w != "however" && w != "although" {
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
		// A named agent does not hide who acted ("posted by accounts
		// payable"); a relative clause or a dated passive describes the
		// background ("an invoice that had been received", "the flow
		// had been built in 2018").
		if p.byAgent || p.subject == "that" || p.subject == "which" || p.subject == "who" || a.datedAfter(p) {
			continue
		}
		spans = append(spans, p.span)
	}
	if len(spans) > 0 {
		a.raise("passive-voice", fmt.Sprintf("(%d in the mistake, cause or response)", len(spans)), spans)
	}
}

// datedAfter reports whether a passive is followed by a date or a time
// long past: "was built in 2018", "had been set up years ago".
func (a *analysis) datedAfter(p passiveHit) bool {
	k := p.tok
	for k < len(a.d.toks) && a.d.toks[k].start < p.span.End {
		k++
	}
	for j := k; j < len(a.d.toks) && j < k+4; j++ {
		w := a.d.toks[j].norm
		if w == "originally" || w == "ago" || w == "decades" || (len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && a.d.toks[j].num) {
			return true
		}
		if a.d.toks[j].brk {
			break
		}
	}
	return false
}

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
		case frame >= 2 && verb >= 1 && generic == 0 && a.wordsIn(lo, hi) >= 8:
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

// raised reports whether a flag has been raised so far.
func (a *analysis) raised(id string) bool {
	for _, f := range a.flags {
		if f.ID == id {
			return true
		}
	}
	return false
}

// outsideSentencesOf drops the hits that share a sentence with a span of
// the given flag.
func (a *analysis) outsideSentencesOf(hs []hit, id string) []hit {
	var spans []Span
	for _, f := range a.flags {
		if f.ID == id {
			spans = append(spans, f.Spans...)
		}
	}
	var out []hit
	for _, h := range hs {
		lo, hi := a.sentenceBytes(h.lo)
		inside := false
		for _, sp := range spans {
			if sp.Start >= lo && sp.Start < hi {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, h)
		}
	}
	return out
}

// sentenceBytes returns the byte range of the sentence holding token i.
func (a *analysis) sentenceBytes(i int) (int, int) {
	lo, hi := i, i
	for lo > 0 && !a.d.toks[lo-1].brk {
		lo--
	}
	for hi < len(a.d.toks)-1 && !a.d.toks[hi].brk {
		hi++
	}
	return a.d.toks[lo].start, a.d.toks[hi].end
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
