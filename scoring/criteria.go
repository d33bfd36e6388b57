package scoring

import (
	"fmt"
	"math"

	"retake/scoring/text"
)

// A criterion decides whether a section earns one of its point criteria.
// It runs after every flag, so a criterion may ask that a flag's words
// be absent from the section (that order is the one place where checks
// read each other, and it is always this way round).
type criterion interface {
	met(a *analysis, s int, res *SectionResult) bool
}

// criterionKinds build each kind of criterion from its spec.
var criterionKinds map[string]func(b *builder, c CheckSpec, at string) (criterion, error)

func init() {
	criterionKinds = map[string]func(b *builder, c CheckSpec, at string) (criterion, error){
		"always":   buildAlways,
		"phrases":  buildPhraseCriterion,
		"evidence": buildEvidenceCriterion,
		"no-flag":  buildNoFlag,
		"words":    buildWords,
		"brief":    buildBrief,
		"speaker":  buildSpeaker,
		"any":      buildAnyCriterion,
	}
}

// anyCriterion is met when one of its parts is.
type anyCriterion struct{ of []criterion }

func buildAnyCriterion(b *builder, c CheckSpec, at string) (criterion, error) {
	of, err := buildParts(c, at, "criterion", b.criterion)
	return anyCriterion{of}, err
}

func (a anyCriterion) met(an *analysis, s int, res *SectionResult) bool {
	for _, k := range a.of {
		if k.met(an, s, res) {
			return true
		}
	}
	return false
}

func (b *builder) criterion(c CheckSpec, at string) (criterion, error) {
	mk, ok := criterionKinds[c.Kind]
	if !ok {
		return nil, fmt.Errorf("%s.kind: unknown criterion kind %q (known: %v)", at, c.Kind, sortedKeys(criterionKinds))
	}
	return mk(b, c, at)
}

// sectionRange is the token range of section s's first to last unit.
func sectionRange(a *analysis, s int) (int, int) { return a.sectionTokens(s) }

// inSection keeps the hits that start in a unit of section s.
func inSection(a *analysis, hs []hit, s int) []hit {
	var out []hit
	for _, h := range hs {
		if a.sectionOfTok(h.lo) == s {
			out = append(out, h)
		}
	}
	return out
}

type always struct{}

func buildAlways(b *builder, c CheckSpec, at string) (criterion, error) {
	return always{}, only(c, at)
}

func (always) met(*analysis, int, *SectionResult) bool { return true }

// phraseCriterion is met when a list's matches in the section (after the
// filters) weigh at least min, or, with max, less than max.
type phraseCriterion struct {
	list     int
	unless   []hitFilter
	min, max *float64
}

func buildPhraseCriterion(b *builder, c CheckSpec, at string) (criterion, error) {
	if err := only(c, at, "list", "unless", "min", "max"); err != nil {
		return nil, err
	}
	li, f, err := b.filteredList(c, at)
	if err != nil {
		return nil, err
	}
	if c.Min == nil && c.Max == nil {
		return nil, fmt.Errorf("%s: give min or max", at)
	}
	return phraseCriterion{li, f, c.Min, c.Max}, nil
}

func (p phraseCriterion) met(a *analysis, s int, _ *SectionResult) bool {
	w := sumWeights(a.filterHits(inSection(a, a.d.hits[p.list], s), p.unless))
	return (p.min == nil || w >= *p.min) && (p.max == nil || w < *p.max)
}

// evidenceCriterion is met when an evidence weighs at least min in the
// section (or anywhere in the answer, with the "anywhere" parameter:
// what a mistake cost may be told in any part).
type evidenceCriterion struct {
	evidence string
	min      float64
	anywhere bool
}

func buildEvidenceCriterion(b *builder, c CheckSpec, at string) (criterion, error) {
	if err := only(c, at, "evidence", "min", "params"); err != nil {
		return nil, err
	}
	ev, err := b.evidenceRef(c.Evidence, at+".evidence")
	if err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"anywhere": 0})
	if err != nil {
		return nil, err
	}
	return evidenceCriterion{ev, num(c.Min, 1), p["anywhere"] > 0}, nil
}

func (e evidenceCriterion) met(a *analysis, s int, _ *SectionResult) bool {
	hs := a.evidenceHits(e.evidence)
	if !e.anywhere {
		hs = inSection(a, hs, s)
	}
	return sumWeights(hs) >= e.min
}

// noFlag is met when none of the flags has words in the section.
type noFlag struct{ flags []string }

func buildNoFlag(b *builder, c CheckSpec, at string) (criterion, error) {
	if err := only(c, at, "flags"); err != nil {
		return nil, err
	}
	for _, f := range c.Flags {
		if _, ok := b.r.Flags[f]; !ok {
			return nil, fmt.Errorf("%s.flags: no flag %q", at, f)
		}
	}
	return noFlag{c.Flags}, nil
}

func (n noFlag) met(a *analysis, s int, _ *SectionResult) bool {
	for _, id := range n.flags {
		f := a.raised(id)
		if f == nil {
			continue
		}
		for _, sp := range f.Spans {
			if a.sectionAtByte(sp.Start) == s {
				return false
			}
		}
	}
	return true
}

// sectionAtByte is the section of the unit holding byte b.
func (a *analysis) sectionAtByte(b int) int {
	for u, un := range a.d.units {
		if b >= un.start && b < un.end {
			return a.sec[u]
		}
	}
	return -1
}

// words is met when the section has at least min words.
type words struct{ min int }

func buildWords(b *builder, c CheckSpec, at string) (criterion, error) {
	return words{int(num(c.Min, 1))}, only(c, at, "min")
}

func (w words) met(_ *analysis, _ int, res *SectionResult) bool { return res.Words >= w.min }

// brief is met unless the section runs long: its share of the time well
// over its weight. A short answer's shares say little, so a section needs
// some words before it can run long.
type brief struct{ over, margin, minWords float64 }

func buildBrief(b *builder, c CheckSpec, at string) (criterion, error) {
	if err := only(c, at, "params"); err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"over": 1.6, "margin": 0.05, "min_words": 35})
	return brief{p["over"], p["margin"], p["min_words"]}, err
}

func (br brief) met(_ *analysis, _ int, res *SectionResult) bool {
	long := res.Share > res.Weight*br.over && res.Share-res.Weight > br.margin && float64(res.Words) > br.minWords
	return !long
}

// speaker is met when the speaker is in the section ("I", "me", "my").
type speaker struct{}

func buildSpeaker(b *builder, c CheckSpec, at string) (criterion, error) {
	return speaker{}, only(c, at)
}

func (speaker) met(a *analysis, s int, _ *SectionResult) bool {
	for _, u := range a.sectionUnits(s) {
		un := a.d.units[u]
		for k := un.lo; k < un.hi; k++ {
			if a.d.Toks[k].Person == text.Speaker {
				return true
			}
		}
	}
	return false
}

// scoreSection grades one present section 0-100 by its criteria.
func (a *analysis) scoreSection(s int, res *SectionResult) {
	pts := 0
	for j, spec := range a.r.Sections[s].Criteria {
		ok := a.c.criteria[s][j].met(a, s, res)
		text := spec.Unmet
		if ok {
			pts += spec.Points
			text = spec.Met
		}
		res.Reasons = append(res.Reasons, text)
		res.Criteria = append(res.Criteria, Criterion{ID: spec.ID, Met: ok, Points: spec.Points, Text: text})
	}
	res.Score = int(math.Min(float64(pts), 100))
}
