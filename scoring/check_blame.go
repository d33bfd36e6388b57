package scoring

import (
	"fmt"
	"sort"
	"strings"

	"retake/scoring/text"
)

// blameCheck fires when someone else, "we" or "the team" carries the
// failure where the speaker's own action belongs. Blame phrases count
// wherever they are; the "we" of the context sections never does, nor
// does "we" doing shared work in the response or the change. Who carries
// the failure when it is first told matters most: blame before any
// first-person ownership is diffusion even if the speaker owns a cause
// later on.
type blameCheck struct {
	blame      int
	ownership  string
	context    []bool
	p          map[string]float64
	failed     idSet
	selfAgents idSet
	limit      int
}

func buildBlameCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "lists", "evidence", "sections", "params", "limit"); err != nil {
		return nil, err
	}
	ls, err := b.roleLists(c.Lists, at, []string{"blame"})
	if err != nil {
		return nil, err
	}
	own, err := b.evidenceRef(c.Evidence, at+".evidence")
	if err != nil {
		return nil, err
	}
	// Sections are the context, where "we" is the team being described.
	ctx, err := b.sections(c.Sections, at+".sections")
	if err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{
		"min": 2, "owned": 2.5, "margin": 1, "before": 2, "first_weight": 1.5,
		"we_ratio": 0.25, "we_count": 4, "agent_weight": 2, "other_omission": 2, "absent_min": 3,
	})
	if err != nil {
		return nil, err
	}
	return blameCheck{ls["blame"], own, ctx, p, fw("failure-participles"), fw("self-agents"), limitOr(c.Limit, 6)}, nil
}

func (c blameCheck) run(a *analysis) finding {
	var blame []hit
	for _, h := range a.d.hits[c.blame] {
		if !a.ownedAfter(h) {
			blame = append(blame, h)
		}
	}
	blame = append(blame, c.failedByOthers(a)...)
	// Someone else not doing their part, read from the grammar: "the
	// partner didn't look at it".
	if w := c.p["other_omission"]; w > 0 {
		for u, un := range a.d.units {
			if n := a.d.facts[u][factOtherOmission]; n > 0 && !c.inContext(a, un.lo) {
				blame = append(blame, hit{lo: un.lo, hi: un.hi, weight: w * float64(n)})
			}
		}
	}
	sort.SliceStable(blame, func(i, j int) bool { return blame[i].lo < blame[j].lo })
	b := sumWeights(blame)
	owned := a.evidenceHits(c.ownership)
	own := 0.0
	for _, h := range owned {
		if !c.inContext(a, h.lo) {
			own += h.weight
		}
	}
	spans := a.spansOf(blame, c.limit)
	first := len(a.d.Toks)
	for _, h := range owned {
		if h.weight < c.p["first_weight"] || h.lo >= first || c.inContext(a, h.lo) && len(a.d.units) > 2 {
			continue
		}
		first = h.lo
	}
	before := 0.0
	for _, h := range blame {
		if h.lo < first {
			before += h.weight
		}
	}
	fire := b >= c.p["min"] && (own < c.p["owned"] || b >= own+c.p["margin"] || before >= c.p["before"])
	// The whole story told as "we": the speaker is nearly absent after
	// the context.
	if r, we := c.weRatio(a); r <= c.p["we_ratio"] && float64(len(we)) >= c.p["we_count"] && own < c.p["owned"] {
		fire = true
		for _, k := range we {
			if len(spans) < c.limit {
				spans = append(spans, a.timed(a.d.span(k, k+1), k))
			}
		}
	}
	// Nobody owns it: "we" tells the whole failure and the speaker never
	// says "I" of it.
	if own == 0 && !fire {
		var absent []hit
		for u, un := range a.d.units {
			if !c.inContext(a, un.lo) && a.d.facts[u][factWePast] > 0 {
				absent = append(absent, hit{lo: un.lo, hi: un.hi, weight: 1})
			}
		}
		if float64(len(absent)) >= c.p["absent_min"] {
			sort.SliceStable(absent, func(i, j int) bool { return absent[i].lo < absent[j].lo })
			fire, spans = true, a.spansOf(absent, c.limit)
		}
	}
	if !fire {
		return finding{}
	}
	return finding{fire: true, spans: spans}
}

// inContext reports whether token i is in a context section.
func (c blameCheck) inContext(a *analysis, i int) bool {
	return c.context != nil && a.inScope(i, c.context)
}

// failedByOthers finds passives that pin a failure on a named agent:
// "it hadn't been handed over by the night staff", "it was missed by QA".
// An agent-ful passive that is not a failure ("posted by accounts") is
// not blame, and "by me" is ownership.
func (c blameCheck) failedByOthers(a *analysis) []hit {
	var out []hit
	neg := fw("negators")
	for _, p := range a.passive {
		if !p.byAgent || text.Grammar().Class("person-i").Has(p.subject) {
			continue
		}
		negative := false
		for k := p.tok; k < p.end; k++ {
			negative = negative || neg.at(a.d, k)
		}
		if !negative && !c.failed.Has(p.part) {
			continue
		}
		k := p.end
		if k+1 < len(a.d.Toks) && fw("by-word").at(a.d, k) && c.selfAgents.at(a.d, k+1) {
			continue
		}
		out = append(out, hit{lo: p.tok, hi: min(k+3, len(a.d.Toks)), weight: c.p["agent_weight"]})
	}
	return out
}

// weRatio is I / (I + we) outside the context sections (1 when neither
// appears), with the tokens of "we" as a subject there.
func (c blameCheck) weRatio(a *analysis) (float64, []int) {
	i, we := 0, 0
	var weToks []int
	for k, t := range a.d.Toks {
		if c.inContext(a, k) {
			continue
		}
		switch t.Person {
		case text.Speaker:
			i++
		case text.We:
			we++
			weToks = append(weToks, k)
		case text.Us:
			we++
		}
	}
	if i+we == 0 {
		return 1, nil
	}
	return float64(i) / float64(i+we), weToks
}

// firstPersonRatio is I / (I + we) outside the first section, or 1 when
// neither appears.
func (a *analysis) firstPersonRatio() float64 {
	i, we := 0, 0
	for k, t := range a.d.Toks {
		if a.sectionOfTok(k) == 0 && len(a.d.units) > 1 {
			continue
		}
		switch t.Person {
		case text.Speaker:
			i++
		case text.We, text.Us:
			we++
		}
	}
	if i+we == 0 {
		return 1
	}
	return float64(i) / float64(i+we)
}

// passiveCheck fires on a passive where the speaker's own action
// belongs, in the sections it names. Passives elsewhere are listed in
// the report but not flagged, and so are passives that hide no one: of
// the speaker or the team as subject, of who was hurt, with a named
// agent, in a relative or time clause, reported by the speaker, or dated
// long before.
type passiveCheck struct {
	scope []bool
	p     map[string]float64
}

func buildPassiveCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "sections", "params"); err != nil {
		return nil, err
	}
	scope, err := b.sections(c.Sections, at+".sections")
	if err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"reach": 4, "background_perfect": 1})
	if err != nil {
		return nil, err
	}
	return passiveCheck{scope, p}, nil
}

func (c passiveCheck) run(a *analysis) finding {
	short := len(a.d.units) <= 2
	var spans []Span
	for _, p := range a.passive {
		if !short && !a.inScope(p.tok, c.scope) {
			continue
		}
		if fw("own-subjects").Has(p.subject) || fw("passive-not-dodge").Has(p.part) {
			continue
		}
		if p.byAgent || fw("relative-subjects").Has(p.subject) || a.relative(p.tok) || a.datedAfter(p) || a.subordinate(p.tok, int(c.p["reach"])) {
			continue
		}
		// What the mistake did to many things is its cost, not a dodge:
		// "forty-one contracts had been signed", "every customer was
		// counted twice". And an affirmative past perfect sets out what
		// had happened before: "the job had been booked and cancelled".
		if a.countedSubject(p.tok) || c.p["background_perfect"] > 0 && a.backgroundPerfect(p) {
			continue
		}
		spans = append(spans, p.span)
	}
	if len(spans) == 0 {
		return finding{}
	}
	return finding{fire: true, spans: spans, detail: fmt.Sprintf("(%d where your own action belongs)", len(spans))}
}

// datedAfter reports whether a passive is followed by a date or a time
// long past: "was built in 2018", "had been set up years ago".
func (a *analysis) datedAfter(p passiveHit) bool {
	dating := fw("dating-words")
	for j := p.end; j < len(a.d.Toks) && j < p.end+4; j++ {
		w := a.d.norm(j)
		if dating.Has(w) || len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && a.d.Toks[j].Is(text.Number) {
			return true
		}
		if a.d.ends(j) {
			break
		}
	}
	return false
}

// countedSubject reports whether the subject before the passive at token
// i is counted: a number or a word like "every" or "all" in the clause
// just before it.
func (a *analysis) countedSubject(i int) bool {
	q := fw("quantifiers")
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if a.d.Toks[k].After >= text.Clause || k < i-1 && a.d.Toks[k].After == text.Comma {
			return false
		}
		if a.d.Toks[k].Is(text.Number) || q.at(a.d, k) {
			return true
		}
	}
	return false
}

// backgroundPerfect reports whether a passive is an affirmative past
// perfect ("had been booked"): what had happened before, told as such.
func (a *analysis) backgroundPerfect(p passiveHit) bool {
	had, neg := false, false
	for k := p.tok; k < p.end; k++ {
		switch {
		case fw("have-past").at(a.d, k):
			had = true
		case fw("negation").at(a.d, k):
			neg = true
		}
	}
	return had && !neg
}

// relative reports whether the passive starting at token i sits in a
// relative or embedded clause: a relative word just before it, or one
// word before that ("a deck which had been made for the other bank",
// "listing which reports were hit").
func (a *analysis) relative(i int) bool {
	rel := fw("relative-words")
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if a.d.ends(k) {
			return false
		}
		if rel.at(a.d, k) {
			return true
		}
	}
	return false
}

// subordinate reports whether the passive starting at token i sits in a
// time clause, or a clause the speaker reports ("I said it was fixed"):
// such a word up to reach words before it, in the same sentence.
func (a *analysis) subordinate(i, reach int) bool {
	for k := i - 1; k >= 0 && k >= i-reach; k-- {
		if a.d.ends(k) {
			return false
		}
		w := a.d.norm(k)
		if fw("time-clauses").Has(w) || fw("reporting-ing").Has(w) {
			return true
		}
		if fw("reporting-verbs").Has(w) {
			return a.firstPerson(k - 1)
		}
	}
	return false
}
