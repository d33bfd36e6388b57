package scoring

import (
	"fmt"
	"sort"
)

// A check decides whether a flag is raised and with which words. The
// kinds are few and general; what each flag looks for (its lists,
// filters, sections and thresholds) is the rubric's data.
type check interface {
	run(a *analysis) finding
}

// finding is what a check found: whether it fires, the spans that show
// it, a detail for the message, and a severity when the check raises it
// above or below the rubric's default.
type finding struct {
	fire   bool
	spans  []Span
	detail string
	sev    Severity
}

// checkKinds build each kind of check from its spec.
var checkKinds map[string]func(b *builder, c CheckSpec, at string) (check, error)

func init() {
	checkKinds = map[string]func(b *builder, c CheckSpec, at string) (check, error){
		"phrases":  buildPhraseCheck,
		"missing":  buildMissingCheck,
		"lessons":  buildLessonCheck,
		"stakes":   buildStakesCheck,
		"blame":    buildBlameCheck,
		"passive":  buildPassiveCheck,
		"length":   buildLengthCheck,
		"balance":  buildBalanceCheck,
		"rate":     buildRateCheck,
		"pace":     buildPaceCheck,
		"pauses":   buildPauseCheck,
		"any":      buildAnyCheck,
		"together": buildTogetherCheck,
	}
}

func (b *builder) check(c CheckSpec, at string) (check, error) {
	mk, ok := checkKinds[c.Kind]
	if !ok {
		return nil, fmt.Errorf("%s.kind: unknown check kind %q (known: %v)", at, c.Kind, sortedKeys(checkKinds))
	}
	return mk(b, c, at)
}

// anyCheck fires when one of its parts does, with that part's words.
type anyCheck struct{ of []check }

func buildAnyCheck(b *builder, c CheckSpec, at string) (check, error) {
	of, err := buildParts(c, at, "check", b.check)
	return anyCheck{of}, err
}

// buildParts builds the parts of an "any" check or criterion (what),
// of which there must be at least two.
func buildParts[T any](c CheckSpec, at, what string, build func(CheckSpec, string) (T, error)) ([]T, error) {
	if err := only(c, at, "of"); err != nil {
		return nil, err
	}
	if len(c.Of) < 2 {
		return nil, fmt.Errorf("%s.of: an any %s needs at least two parts", at, what)
	}
	var out []T
	for i, sub := range c.Of {
		part, err := build(sub, fmt.Sprintf("%s.of[%d]", at, i))
		if err != nil {
			return nil, err
		}
		out = append(out, part)
	}
	return out, nil
}

func (c anyCheck) run(a *analysis) finding {
	for _, ch := range c.of {
		if f := ch.run(a); f.fire {
			return f
		}
	}
	return finding{}
}

// phraseCheck fires when a list's matches, after the filters and within
// the sections, weigh at least min; or, with the per100 parameter, when
// they weigh at least the floor and that many per hundred words.
type phraseCheck struct {
	list   int
	unless []hitFilter
	scope  []bool
	min    float64
	floor  float64
	per100 float64
	quote  bool
	limit  int
}

func buildPhraseCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "list", "unless", "sections", "min", "params", "limit"); err != nil {
		return nil, err
	}
	li, f, err := b.filteredList(c, at)
	if err != nil {
		return nil, err
	}
	scope, err := b.sections(c.Sections, at+".sections")
	if err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"floor": 0, "per100": 0, "quote": 0})
	if err != nil {
		return nil, err
	}
	return phraseCheck{li, f, scope, num(c.Min, 1), p["floor"], p["per100"], p["quote"] > 0, limitOr(c.Limit, 5)}, nil
}

// filteredList resolves a check's or criterion's list and its "unless"
// filters.
func (b *builder) filteredList(c CheckSpec, at string) (int, []hitFilter, error) {
	li, err := b.list(c.List, at+".list")
	if err != nil {
		return 0, nil, err
	}
	f, err := buildFilters(c.Unless, at)
	return li, f, err
}

func limitOr(n, def int) int {
	if n <= 0 {
		return def
	}
	return n
}

func (p phraseCheck) run(a *analysis) finding {
	hs := a.scoped(a.filterHits(a.d.hits[p.list], p.unless), p.scope)
	w := sumWeights(hs)
	fire := w >= p.min
	if !fire && p.per100 > 0 && w >= p.floor && w > 0 {
		fire = w*100/float64(max(a.d.words, 1)) >= p.per100
	}
	if !fire {
		return finding{}
	}
	f := finding{fire: true, spans: a.spansOf(hs, p.limit)}
	if p.quote {
		f.detail = "(" + joinQuoted(f.spans, 4) + ")"
	}
	return f
}

// missingCheck fires when an evidence weighs less than min within the
// sections. Hits in a sentence that a named flag quotes do not count (a
// "cause" inside a strength dressed as a mistake explains the virtue).
// Its words are the spans of the quote flags when they are raised, else
// the lead of the section where the missing part belongs.
type missingCheck struct {
	evidence string
	scope    []bool
	min      float64
	ignore   []string
	quote    []string
	at       int
	limit    int
}

func buildMissingCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "evidence", "sections", "min", "flags", "at", "limit"); err != nil {
		return nil, err
	}
	ev, err := b.evidenceRef(c.Evidence, at+".evidence")
	if err != nil {
		return nil, err
	}
	scope, err := b.sections(c.Sections, at+".sections")
	if err != nil {
		return nil, err
	}
	m := missingCheck{evidence: ev, scope: scope, min: num(c.Min, 1), at: -1, limit: limitOr(c.Limit, 3)}
	// flags name what to ignore ("ignore:ID") or quote ("quote:ID").
	for _, f := range c.Flags {
		if id, ok := cutPrefix(f, "ignore:"); ok {
			m.ignore = append(m.ignore, id)
		} else if id, ok := cutPrefix(f, "quote:"); ok {
			m.quote = append(m.quote, id)
		} else {
			return nil, fmt.Errorf("%s.flags: %q: want \"ignore:<flag>\" or \"quote:<flag>\"", at, f)
		}
	}
	if m.at, err = b.optSection(c.At, at+".at"); err != nil {
		return nil, err
	}
	return m, nil
}

func (m missingCheck) run(a *analysis) finding {
	hs := a.scoped(a.evidenceHits(m.evidence), m.scope)
	for _, id := range m.ignore {
		hs = a.outsideSentencesOf(hs, id)
	}
	if sumWeights(hs) >= m.min {
		return finding{}
	}
	var spans []Span
	for _, id := range m.quote {
		if f := a.raised(id); f != nil {
			spans = append(spans, f.Spans...)
		}
	}
	if len(spans) > m.limit {
		spans = spans[:m.limit]
	}
	if len(spans) == 0 {
		spans = a.lead(m.at)
	}
	return finding{fire: true, spans: spans}
}

// outsideSentencesOf drops the hits that share a sentence with a span of
// the given flag.
func (a *analysis) outsideSentencesOf(hs []hit, id string) []hit {
	f := a.raised(id)
	if f == nil {
		return hs
	}
	var out []hit
	for _, h := range hs {
		lo, hi := a.d.sentenceOf(h.lo)
		s, e := a.d.Span(lo, hi)
		inside := false
		for _, sp := range f.Spans {
			if sp.Start >= s && sp.Start < e {
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

// lessonCheck fires on lessons told as sentiments with no practice in
// the next few units.
type lessonCheck struct {
	lessons, practice string
	min               float64
	near              int
	limit             int
}

func buildLessonCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "lists", "min", "params", "limit"); err != nil {
		return nil, err
	}
	// The lists here name evidence, by role.
	for role := range c.Lists {
		if role != "lessons" && role != "practice" {
			return nil, fmt.Errorf("%s.lists.%s: the lessons kind reads \"lessons\" and \"practice\" evidence", at, role)
		}
	}
	l, err := b.evidenceRef(c.Lists["lessons"], at+".lists.lessons")
	if err != nil {
		return nil, err
	}
	pr, err := b.evidenceRef(c.Lists["practice"], at+".lists.practice")
	if err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"near": 3})
	if err != nil {
		return nil, err
	}
	return lessonCheck{l, pr, num(c.Min, 2), int(p["near"]), limitOr(c.Limit, 5)}, nil
}

func (l lessonCheck) run(a *analysis) finding {
	practice := a.evidenceSorted(l.practice)
	var generic []hit
	for _, h := range a.evidenceHits(l.lessons) {
		u := a.d.unitOf(h.lo)
		if a.negated(h) || practiceNear(a, practice, u, u+l.near) {
			continue
		}
		generic = append(generic, h)
	}
	if sumWeights(generic) < l.min {
		return finding{}
	}
	return finding{fire: true, spans: a.spansOf(generic, l.limit)}
}

// practiceNear reports whether a practice hit (practice in text order)
// starts in units [lo, hi). Units cover the tokens in order, so that is
// a hit starting in their tokens.
func practiceNear(a *analysis, practice []hit, lo, hi int) bool {
	units := a.d.units
	hi = min(hi, len(units))
	if lo < 0 || lo >= hi {
		return false
	}
	return len(hitsFrom(practice, units[lo].lo, units[hi-1].hi)) > 0
}

// stakesCheck fires when the answer never says what the mistake cost,
// or says nothing was harmed and shows little cost besides.
type stakesCheck struct {
	evidence string
	// harm says nothing was harmed; softeners (optional) shrink what was
	// ("technically", "only against the stretch goal").
	harm, soft int
	p          map[string]float64
	at         int
	scope      []bool
}

func buildStakesCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "evidence", "lists", "min", "params", "at", "sections"); err != nil {
		return nil, err
	}
	ev, err := b.evidenceRef(c.Evidence, at+".evidence")
	if err != nil {
		return nil, err
	}
	ls, err := b.roleLists(c.Lists, at, []string{"minimisers"}, "softeners")
	if err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"harm": 2.5, "outweigh": 5, "dismiss": 5})
	if err != nil {
		return nil, err
	}
	p["min"] = num(c.Min, 2)
	lead, err := b.optSection(c.At, at+".at")
	if err != nil {
		return nil, err
	}
	// Sections name where minimising counts: not in the change, whose
	// "caught it before anyone saw" is the practice working.
	scope, err := b.sections(c.Sections, at+".sections")
	if err != nil {
		return nil, err
	}
	return stakesCheck{ev, ls["minimisers"], ls["softeners"], p, lead, scope}, nil
}

func (s stakesCheck) run(a *analysis) finding {
	var kept []hit
	for _, li := range []int{s.harm, s.soft} {
		if li < 0 {
			continue
		}
		for _, h := range a.scoped(a.d.hits[li], s.scope) {
			if !a.negated(h) {
				kept = append(kept, h)
			}
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].lo < kept[j].lo })
	w := sumWeights(a.evidenceHits(s.evidence))
	nh := sumWeights(kept)
	// Nothing at stake, or the harm said to be nothing (and little shown
	// besides), or minimised over and over whatever was shown.
	if w >= s.p["min"] && !(nh >= s.p["harm"] && w < s.p["outweigh"]) && nh < s.p["dismiss"] {
		return finding{}
	}
	spans := a.spansOf(kept, 4)
	if len(spans) == 0 {
		spans = a.lead(s.at)
	}
	return finding{fire: true, spans: spans}
}

// togetherCheck fires when every list, by role, weighs at least min in
// the answer (after the filters): two signs that only mean something
// side by side, like doing more than asked and a story that ends well.
type togetherCheck struct {
	lists  []int
	unless []hitFilter
	min    float64
	limit  int
}

func buildTogetherCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "lists", "unless", "min", "limit"); err != nil {
		return nil, err
	}
	if len(c.Lists) < 2 {
		return nil, fmt.Errorf("%s.lists: a together check needs at least two lists", at)
	}
	var tc togetherCheck
	for _, role := range sortedKeys(c.Lists) {
		li, err := b.list(c.Lists[role], at+".lists."+role)
		if err != nil {
			return nil, err
		}
		tc.lists = append(tc.lists, li)
	}
	f, err := buildFilters(c.Unless, at)
	if err != nil {
		return nil, err
	}
	tc.unless, tc.min, tc.limit = f, num(c.Min, 1.5), limitOr(c.Limit, 4)
	return tc, nil
}

func (tc togetherCheck) run(a *analysis) finding {
	var all []hit
	for _, li := range tc.lists {
		hs := a.filterHits(a.d.hits[li], tc.unless)
		if sumWeights(hs) < tc.min {
			return finding{}
		}
		all = append(all, hs...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].lo < all[j].lo })
	return finding{fire: true, spans: a.spansOf(all, tc.limit)}
}
