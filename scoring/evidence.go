package scoring

import (
	"fmt"
	"slices"
	"sort"
	"sync"
)

// evidence is a named detector that flags and criteria share: it finds
// the hits that show something (a cause, a practice, a cost) once per
// analysis.
type evidence interface {
	find(a *analysis) []hit
}

// evidenceHits runs (once) and returns the named evidence's hits.
func (a *analysis) evidenceHits(name string) []hit {
	c := a.evidenceCell(name)
	c.found.Do(func() { c.hits = a.c.evidence[name].find(a) })
	return c.hits
}

// evidenceSorted returns the named evidence's hits in text order (by
// first token), for the checks that ask what lies in a stretch of text:
// a binary search there keeps a long transcript linear.
func (a *analysis) evidenceSorted(name string) []hit {
	c := a.evidenceCell(name)
	c.sorted.Do(func() {
		hs := a.evidenceHits(name)
		if !slices.IsSortedFunc(hs, func(x, y hit) int { return x.lo - y.lo }) {
			hs = slices.Clone(hs)
			slices.SortStableFunc(hs, func(x, y hit) int { return x.lo - y.lo })
		}
		c.inOrder = hs
	})
	return c.inOrder
}

// evidenceCell is where one evidence detector's hits are kept for an
// analysis. The cells are made with the analysis, one per evidence the
// rubric defines, and each is filled once however many checks ask at
// the same time (checks of a long text run on two cores).
type evidenceCell struct {
	found, sorted sync.Once
	hits, inOrder []hit
}

// evidenceCell returns the cell of a named evidence. Names are checked
// when the rubric compiles; a name without a cell is a programming
// error.
func (a *analysis) evidenceCell(name string) *evidenceCell {
	c, ok := a.ev[name]
	if !ok {
		panic("scoring: no evidence " + name)
	}
	return c
}

// newEvidenceCells makes an analysis's empty evidence cells.
func newEvidenceCells(c *compiled) map[string]*evidenceCell {
	out := make(map[string]*evidenceCell, len(c.evidence))
	for n := range c.evidence {
		out[n] = &evidenceCell{}
	}
	return out
}

// hitsFrom returns the hits of sorted hs that start in tokens [lo, hi).
func hitsFrom(hs []hit, lo, hi int) []hit {
	i, _ := slices.BinarySearchFunc(hs, lo, func(h hit, t int) int { return h.lo - t })
	for i > 0 && hs[i-1].lo >= lo { // BinarySearch finds any equal one
		i--
	}
	j := i
	for j < len(hs) && hs[j].lo < hi {
		j++
	}
	return hs[i:j:j]
}

// evidenceKinds build each kind of evidence from its spec.
var evidenceKinds = map[string]func(b *builder, e EvidenceSpec, at string) (evidence, error){
	"phrases":  buildPhraseEvidence,
	"owned":    buildOwnedEvidence,
	"cause":    buildCauseEvidence,
	"practice": buildPracticeEvidence,
	"lessons":  buildLessonEvidence,
	"stakes":   buildStakesEvidence,
	"facts":    buildFactEvidence,
}

func (b *builder) evidence(name string, e EvidenceSpec) (evidence, error) {
	at := "evidence." + name
	mk, ok := evidenceKinds[e.Kind]
	if !ok {
		return nil, fmt.Errorf("%s.kind: unknown evidence kind %q (known: %v)", at, e.Kind, sortedKeys(evidenceKinds))
	}
	return mk(b, e, at)
}

// phraseEvidence is a list's hits that pass the filters.
type phraseEvidence struct {
	list   int
	unless []hitFilter
}

func buildPhraseEvidence(b *builder, e EvidenceSpec, at string) (evidence, error) {
	ls, err := b.roleLists(e.Lists, at, []string{"cues"})
	if err != nil {
		return nil, err
	}
	f, err := buildFilters(e.Unless, at)
	if err != nil {
		return nil, err
	}
	if _, err := params(e.Params, at, nil); err != nil {
		return nil, err
	}
	return phraseEvidence{ls["cues"], f}, nil
}

func (p phraseEvidence) find(a *analysis) []hit { return a.filterHits(a.d.hits[p.list], p.unless) }

// ownedEvidence is the speaker owning the error: the hits of the lists
// that have a first-person word or are subjectless ("without checking").
// A start matched by two lists ("I assumed" is an error and a cause)
// counts once, at its heavier weight.
type ownedEvidence struct{ lists []int }

func buildOwnedEvidence(b *builder, e EvidenceSpec, at string) (evidence, error) {
	ls, err := b.roleLists(e.Lists, at, []string{"errors"}, "causes")
	if err != nil {
		return nil, err
	}
	if len(e.Unless) > 0 || len(e.Params) > 0 {
		return nil, fmt.Errorf("%s: the owned kind takes no filters or parameters", at)
	}
	out := ownedEvidence{lists: []int{ls["errors"]}}
	if ls["causes"] >= 0 {
		out.lists = append(out.lists, ls["causes"])
	}
	return out, nil
}

func (o ownedEvidence) find(a *analysis) []hit {
	best := map[int]hit{}
	for _, li := range o.lists {
		for _, h := range a.d.hits[li] {
			if a.owned(h) && h.weight > best[h.lo].weight {
				best[h.lo] = h
			}
		}
	}
	return sortedHits(best)
}

func sortedHits(m map[int]hit) []hit {
	out := make([]hit, 0, len(m))
	for _, h := range m {
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	return out
}

// causeEvidence is the answer saying why: causal cues, except those that
// say the speaker does not know why, and a "because" that gives the
// motive of a response ("I called the client because I wanted them to
// hear it from me").
type causeEvidence struct {
	cues, actions, unknown int
	window                 int
}

func buildCauseEvidence(b *builder, e EvidenceSpec, at string) (evidence, error) {
	ls, err := b.roleLists(e.Lists, at, []string{"cues"}, "actions", "unknown")
	if err != nil {
		return nil, err
	}
	p, err := params(e.Params, at, map[string]float64{"motive_window": 8})
	if err != nil {
		return nil, err
	}
	if len(e.Unless) > 0 {
		return nil, fmt.Errorf("%s.unless: the cause kind has its own filters", at)
	}
	return causeEvidence{ls["cues"], ls["actions"], ls["unknown"], int(p["motive_window"])}, nil
}

func (c causeEvidence) find(a *analysis) []hit {
	var out []hit
	for _, h := range a.d.hits[c.cues] {
		if !a.unknownCause(h.lo, c.unknown) && !a.motiveOfResponse(h, c.actions, c.window) {
			out = append(out, h)
		}
	}
	return out
}

// unknownCause reports whether the words around token i say the speaker
// does not know why ("why it happened I still don't know"); "I didn't
// know the form had changed" is a cause and does not count. It reads a
// window, not the sentence: speech-recognizer text may have no sentence
// ends at all.
func (a *analysis) unknownCause(i, unknown int) bool {
	if unknown < 0 {
		return false
	}
	lo, hi := max(i-8, 0), min(i+10, len(a.d.Toks))
	why := false
	for k := lo; k < hi; k++ {
		if fw("why-words").at(a.d, k) {
			why = true
			break
		}
	}
	return why && len(a.d.hitsIn(unknown, lo, hi)) > 0
}

// motiveOfResponse reports whether a cause cue follows, in the same
// sentence and within a few words, an action of the response.
func (a *analysis) motiveOfResponse(h hit, actions, window int) bool {
	if actions < 0 || !fw("cause-openers").at(a.d, h.lo) {
		return false
	}
	for _, r := range a.d.hitsIn(actions, max(h.lo-window-8, 0), h.lo) {
		if r.hi <= h.lo && h.lo-r.hi <= window && sameSentence(a.d, r.hi, h.lo) {
			return true
		}
	}
	return false
}

// sameSentence reports whether no sentence end lies between tokens i
// and j.
func sameSentence(d *doc, i, j int) bool {
	for k := i; k < j; k++ {
		if d.ends(k) {
			return false
		}
	}
	return true
}

// lessonEvidence is a lesson told as a sentiment: a stock phrase of the
// generic list, or a lesson intro ("what I took away was") followed
// closely by a sentiment ("...is really important") rather than a fact
// or a practice.
type lessonEvidence struct {
	generic, intro, sentiment int
	window                    int
	weight                    float64
}

func buildLessonEvidence(b *builder, e EvidenceSpec, at string) (evidence, error) {
	ls, err := b.roleLists(e.Lists, at, []string{"generic", "intro", "sentiment"})
	if err != nil {
		return nil, err
	}
	p, err := params(e.Params, at, map[string]float64{"window": 25, "weight": 2.5})
	if err != nil {
		return nil, err
	}
	return lessonEvidence{ls["generic"], ls["intro"], ls["sentiment"], int(p["window"]), p["weight"]}, nil
}

func (l lessonEvidence) find(a *analysis) []hit {
	out := append([]hit(nil), a.d.hits[l.generic]...)
	sent := a.d.hits[l.sentiment]
	k := 0
	for _, in := range a.d.hits[l.intro] {
		for k < len(sent) && sent[k].lo < in.hi {
			k++
		}
		if k < len(sent) && sent[k].lo-in.hi <= l.window {
			out = append(out, hit{lo: in.lo, hi: sent[k].hi, weight: l.weight, pat: in.pat})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].lo < out[j].lo })
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

// practiceEvidence is a concrete practice the speaker runs: an artifact
// or routine with a habitual frame or a verb that puts it in place, or a
// routine verb said habitually about something specific. Each practice
// is one hit over its unit.
type practiceEvidence struct {
	artifacts, frames, verbs, generic int
	lessons                           string // evidence name of lessons, may be ""
	p                                 map[string]float64
	// habitOnly are sections where a practice must be told as a routine
	// (a present habit, a perfect, or a habitual frame): in the response,
	// "I designed a reporting module with templates" is what was done.
	habitOnly []bool
}

func buildPracticeEvidence(b *builder, e EvidenceSpec, at string) (evidence, error) {
	ls, err := b.roleLists(e.Lists, at, []string{"artifacts", "frames", "verbs", "generic"})
	if err != nil {
		return nil, err
	}
	p, err := params(e.Params, at, map[string]float64{
		"artifact": 2, "artifact_frame": 1.5, "artifact_verb": 1,
		"some_artifact": 1, "strong_frame": 2, "frame": 1.5, "verb": 1, "strong_verb": 1.5, "min_words": 8,
		"habit_frame": 1.5,
	})
	if err != nil {
		return nil, err
	}
	pe := practiceEvidence{artifacts: ls["artifacts"], frames: ls["frames"], verbs: ls["verbs"], generic: ls["generic"], p: p}
	for role := range e.Sections {
		if role != "habit-only" {
			return nil, fmt.Errorf("%s.sections.%s: the practice kind reads only \"habit-only\"", at, role)
		}
	}
	if pe.habitOnly, err = b.sections(e.Sections["habit-only"], at+".sections.habit-only"); err != nil {
		return nil, err
	}
	for _, n := range e.Unless {
		ref, ok := cutPrefix(n, "lessons:")
		if !ok {
			return nil, fmt.Errorf("%s.unless: %q: the practice kind takes only \"lessons:<evidence>\"", at, n)
		}
		if _, err := b.evidenceRef(ref, at+".unless"); err != nil {
			return nil, err
		}
		pe.lessons = ref
	}
	return pe, nil
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return "", false
}

func (pe practiceEvidence) find(a *analysis) []hit {
	var out []hit
	for u := range a.d.units {
		if lo, hi, ok := pe.practiceAt(a, u); ok {
			out = append(out, hit{lo: lo, hi: hi, weight: 1})
		}
	}
	return out
}

// practiceAt reports whether unit u (with the next unit of its sentence:
// "whenever I move an appointment, I phone the patient") names a
// practice.
func (pe practiceEvidence) practiceAt(a *analysis, u int) (int, int, bool) {
	d, p := a.d, pe.p
	lo, hi := d.units[u].lo, d.units[u].hi
	if u+1 < len(d.units) && !d.ends(hi-1) {
		hi = d.units[u+1].hi
	}
	art := d.weightIn(pe.artifacts, lo, hi)
	frame := d.weightIn(pe.frames, lo, hi)
	verb := d.weightIn(pe.verbs, lo, hi)
	generic := d.weightIn(pe.generic, lo, hi)
	if a.maximOnly(lo, hi) {
		// "you should always double-check" is advice to anyone, not a
		// practice the speaker runs.
		return 0, 0, false
	}
	if pe.habitOnly != nil && pe.habitOnly[a.sec[u]] && !pe.routine(a, u, hi) && frame < p["strong_frame"] {
		return 0, 0, false
	}
	if pe.effortOnly(a, u, hi) {
		// "I try to keep the users in mind" is an intention, not a
		// routine: the speaker's only verbs are of trying or thinking.
		return 0, 0, false
	}
	if verb == 0 && (generic > 0 || pe.lessonIn(a, lo, hi)) {
		// "I now understand how important the review step is" is a
		// sentiment about a practice, not the practice.
		return 0, 0, false
	}
	words := float64(d.wordsIn(lo, hi))
	// A routine the speaker (or the team) runs now, told with when it
	// runs: "I send clarification questions in the first week".
	habit := 0
	for v := u; v < len(d.units) && d.units[v].lo < hi; v++ {
		habit += int(d.facts[v][factSpeakerHabit]) + int(d.facts[v][factWeHabit]) + int(d.facts[v][factSpeakerPerfect])
	}
	routine := frame >= p["strong_frame"] || frame >= p["habit_frame"] && (art > 0 || verb > 0)
	ok := habit > 0 && routine && generic == 0 && words >= p["min_words"] ||
		art >= p["artifact"] && (frame >= p["artifact_frame"] || verb >= p["artifact_verb"]) ||
		art >= p["some_artifact"] && frame >= p["strong_frame"] && verb >= p["verb"] ||
		frame >= p["strong_frame"] && verb >= p["verb"] && generic == 0 && words >= p["min_words"] ||
		frame >= p["frame"] && verb >= p["strong_verb"] && generic == 0 && words >= p["min_words"]
	return lo, hi, ok
}

// routine reports whether the units from u to hi tell something the
// speaker (or the team) does now or has done since: a present habit or a
// perfect.
func (pe practiceEvidence) routine(a *analysis, u, hi int) bool {
	for v := u; v < len(a.d.units) && a.d.units[v].lo < hi; v++ {
		f := a.d.facts[v]
		if f[factSpeakerHabit]+f[factWeHabit]+f[factSpeakerPerfect] > 0 {
			return true
		}
	}
	return false
}

// effortOnly reports whether the units from u to hi have the speaker
// trying or thinking and never doing: no routine, past action or setup.
func (pe practiceEvidence) effortOnly(a *analysis, u, hi int) bool {
	mental, doing := 0, 0
	for v := u; v < len(a.d.units) && a.d.units[v].lo < hi; v++ {
		f := a.d.facts[v]
		mental += int(f[factSpeakerMental])
		doing += int(f[factSpeakerHabit]) + int(f[factWeHabit]) + int(f[factSpeakerPast]) + int(f[factSpeakerPerfect])
	}
	return mental > 0 && doing == 0
}

// lessonIn reports whether a sentiment lesson (intro + sentiment) starts
// in tokens [lo, hi).
func (pe practiceEvidence) lessonIn(a *analysis, lo, hi int) bool {
	if pe.lessons == "" {
		return false
	}
	for _, h := range hitsFrom(a.evidenceSorted(pe.lessons), lo, hi) {
		if h.pat != nil && h.weight >= 2 {
			return true
		}
	}
	return false
}

// maximOnly reports whether tokens [lo, hi) state a maxim in the second
// or generic person ("you have to", "one should") with no first-person
// word at all.
func (a *analysis) maximOnly(lo, hi int) bool {
	subj, verbs := fw("maxim-subjects"), fw("maxim-verbs")
	maxim := false
	for k := lo; k < hi; k++ {
		if a.firstPerson(k) {
			return false
		}
		if subj.at(a.d, k) && verbs.at(a.d, k+1) {
			maxim = true
		}
	}
	return maxim
}

// stakesEvidence is what the mistake cost: per unit, its impact cues
// ("lost", "delayed", "complained") plus its quantities and parties
// ("1,200 customers", "$4,000", "the CFO"). Quantities in a unit with no
// impact cue are scale, not stakes ("we have 3,000 customers"), and count
// a little; cues in the "half" sections (the behavioral change, whose
// numbers are usually its evidence) count half.
type stakesEvidence struct {
	impact, quantities int
	half               []bool
	scale, halfW       float64
}

func buildStakesEvidence(b *builder, e EvidenceSpec, at string) (evidence, error) {
	ls, err := b.roleLists(e.Lists, at, []string{"impact", "quantities"})
	if err != nil {
		return nil, err
	}
	p, err := params(e.Params, at, map[string]float64{"scale": 0.3, "half": 0.5})
	if err != nil {
		return nil, err
	}
	for role := range e.Sections {
		if role != "half" {
			return nil, fmt.Errorf("%s.sections.%s: the stakes kind reads only \"half\"", at, role)
		}
	}
	half, err := b.sections(e.Sections["half"], at+".sections.half")
	if err != nil {
		return nil, err
	}
	return stakesEvidence{ls["impact"], ls["quantities"], half, p["scale"], p["half"]}, nil
}

func (s stakesEvidence) find(a *analysis) []hit {
	d := a.d
	impacts, qtys := d.hits[s.impact], d.hits[s.quantities]
	var out []hit
	// Walk both lists (each in text order) unit by unit.
	i, j := 0, 0
	for i < len(impacts) || j < len(qtys) {
		u := len(d.units)
		if i < len(impacts) {
			u = d.unitOf(impacts[i].lo)
		}
		if j < len(qtys) {
			u = min(u, d.unitOf(qtys[j].lo))
		}
		impact, qty := 0.0, 0.0
		for ; i < len(impacts) && d.unitOf(impacts[i].lo) == u; i++ {
			if !a.negated(impacts[i]) {
				impact += impacts[i].weight
			}
		}
		for ; j < len(qtys) && d.unitOf(qtys[j].lo) == u; j++ {
			qty += qtys[j].weight
		}
		w := qty * s.scale
		if impact > 0 {
			w = impact + qty
		}
		if s.half != nil && s.half[a.sec[u]] && len(d.units) > 2 {
			w *= s.halfW
		}
		if w > 0 {
			out = append(out, hit{lo: d.units[u].lo, hi: d.units[u].hi, weight: w})
		}
	}
	return out
}

// factEvidence is clauses whose grammar shows something: each unit with
// the named facts weighs the sum of their weights ("speaker-omission": 2
// finds "I never synced", "I hadn't looped them in").
type factEvidence struct {
	facts []factVote
}

func buildFactEvidence(b *builder, e EvidenceSpec, at string) (evidence, error) {
	if len(e.Lists) > 0 || len(e.Unless) > 0 || len(e.Sections) > 0 {
		return nil, fmt.Errorf("%s: the facts kind reads only params (fact name: weight)", at)
	}
	if len(e.Params) == 0 {
		return nil, fmt.Errorf("%s.params: name at least one clause fact", at)
	}
	var fe factEvidence
	for _, n := range sortedKeys(e.Params) {
		f, ok := factByName(n)
		if !ok {
			return nil, fmt.Errorf("%s.params.%s: no clause fact %q", at, n, n)
		}
		fe.facts = append(fe.facts, factVote{f, e.Params[n]})
	}
	return fe, nil
}

func (fe factEvidence) find(a *analysis) []hit {
	var out []hit
	for u, un := range a.d.units {
		w := 0.0
		for _, v := range fe.facts {
			w += float64(a.d.facts[u][v.fact]) * v.w
		}
		if w > 0 {
			out = append(out, hit{lo: un.lo, hi: un.hi, weight: w})
		}
	}
	return out
}
