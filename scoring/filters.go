package scoring

import (
	"fmt"
	"sort"
	"sync"

	"retake/assets"
	"retake/scoring/text"
)

// The filters below drop a phrase match that does not mean what the
// phrase says where it stands: negated, about someone else, turned away
// from, said of one mistake not happening again, used literally. Rubric
// checks name them in "unless"; their words are the classes of
// assets/wordlists/filters.txt.

var (
	classOnce  sync.Once
	classList  []string         // the class words, sorted: ids 1..n in every vocabulary
	classSets  map[string]idSet // every class of grammar.txt and filters.txt
	filterDefs *text.Classes
)

// loadClasses reads filters.txt and gives every class word of it and of
// grammar.txt a stable id: they come first, in sorted order, in the
// vocabulary of every lexSet, so one bit set per class serves any
// rubric's lists.
func loadClasses() {
	classOnce.Do(func() {
		b, err := assets.Read("wordlists/filters.txt")
		if err != nil {
			panic("scoring: " + err.Error())
		}
		c, err := text.ParseClasses("filters.txt", string(b))
		if err != nil {
			panic("scoring: " + err.Error())
		}
		filterDefs = c
		seen := map[string]bool{}
		all := map[string]text.Set{}
		for _, src := range []*text.Classes{text.Grammar(), c} {
			for _, n := range src.Names() {
				set := src.Class(n)
				all[n] = set
				for w := range set {
					if !seen[w] {
						seen[w] = true
						classList = append(classList, w)
					}
				}
			}
		}
		sort.Strings(classList)
		index := map[string]int32{}
		for i, w := range classList {
			index[w] = int32(i + 1)
		}
		classSets = map[string]idSet{}
		for n, set := range all {
			is := idSet{words: set, bits: make([]uint64, (len(classList)+64)/64)}
			for w := range set {
				id := index[w]
				is.bits[id>>6] |= 1 << (id & 63)
			}
			classSets[n] = is
		}
	})
}

// idSet is a word class as a bit set over vocabulary ids, so testing a
// token is a bit lookup, not a string hash.
type idSet struct {
	bits  []uint64
	words text.Set
}

// Has reports whether the word is in the class.
func (s idSet) Has(w string) bool { return s.words.Has(w) }

// at reports whether token i of d is in the class.
func (s idSet) at(d *doc, i int) bool {
	if i < 0 || i >= len(d.Toks) {
		return false
	}
	id := d.Toks[i].Word
	return int(id>>6) < len(s.bits) && s.bits[id>>6]&(1<<(id&63)) != 0
}

// fw returns a class of filters.txt or grammar.txt; an unknown name
// panics (the tests reach every filter).
func fw(name string) idSet {
	loadClasses()
	s, ok := classSets[name]
	if !ok {
		panic(fmt.Sprintf("scoring: no word class %q in filters.txt or grammar.txt", name))
	}
	return s
}

// negated reports whether one of the three words before token i, in its
// unit, negates or distances the cue that starts there. A cue that is
// itself a negation ("no harm done", "not a single") is not turned
// around by a word before it.
func (a *analysis) negated(h hit) bool {
	neg := fw("negators")
	if neg.at(a.d, h.lo) {
		return false
	}
	u := a.d.units[a.d.tokUnit[h.lo]]
	for k := h.lo - 1; k >= u.lo && k >= h.lo-3; k-- {
		if neg.at(a.d, k) {
			return true
		}
	}
	return false
}

// firstPerson reports whether token i is "I", "me", "my" and kin.
func (a *analysis) firstPerson(i int) bool {
	return i >= 0 && i < len(a.d.Toks) && a.d.Toks[i].Person == text.Speaker
}

// aboutSpeaker reports whether the clause around token i talks about the
// speaker: a first-person word at or before it in its unit, and no third
// person nearer.
func (a *analysis) aboutSpeaker(i int) bool {
	u := a.d.units[a.d.tokUnit[i]]
	self, third := fw("self-nouns"), fw("third-person")
	for k := i; k >= u.lo && k >= i-8; k-- {
		w := a.d.norm(k)
		if fw("self-possessive").Has(w) {
			// "my mistake is..." is about the speaker, "my manager
			// was..." about someone else.
			if self.at(a.d, k+1) || self.at(a.d, k+2) {
				return true
			}
			continue
		}
		if a.firstPerson(k) {
			return true
		}
		if third.Has(w) {
			return false
		}
	}
	return false
}

// contrastedAway reports whether the sentence turns from the cue to a
// real error: "people call me a perfectionist, but the mistake was...".
func (a *analysis) contrastedAway(h hit) bool {
	turns, targets := fw("contrast-turns"), fw("contrast-targets")
	for k := h.hi; k < len(a.d.Toks) && !a.d.ends(k-1); k++ {
		if !turns.at(a.d, k) {
			continue
		}
		for j := k + 1; j < len(a.d.Toks) && j < k+8; j++ {
			if targets.at(a.d, j) {
				return true
			}
		}
	}
	return false
}

// ownedAfter reports whether the sentence turns from others' failure to
// the speaker's own: "nobody else checked it, but it was mine to check".
func (a *analysis) ownedAfter(h hit) bool {
	turns, mine := fw("owned-turns"), fw("owned-words")
	for k := h.hi; k < len(a.d.Toks) && !a.d.ends(k-1); k++ {
		if !turns.at(a.d, k) {
			continue
		}
		for j := k + 1; j < len(a.d.Toks) && j < k+8; j++ {
			if mine.at(a.d, j) {
				return true
			}
			if a.d.ends(j - 1) {
				break
			}
		}
	}
	return false
}

// recurrence reports whether an immunity-like phrase is really about a
// mistake not happening again ("I haven't made that mistake since").
func (a *analysis) recurrence(h hit) bool {
	ptr, nouns, after := fw("recurrence-pointers"), fw("recurrence-nouns"), fw("recurrence-after")
	for k := h.lo; k < h.hi; k++ {
		if ptr.at(a.d, k) {
			for j := k + 1; j <= k+2 && j < h.hi+1; j++ {
				if nouns.at(a.d, j) {
					return true
				}
			}
		}
	}
	for k := h.hi; k < len(a.d.Toks) && k < h.hi+4; k++ {
		if after.at(a.d, k) {
			return true
		}
	}
	return false
}

// turnedToStory reports whether a "nothing comes to mind" turns, within
// a few words, to a story: "..., but there's one I still think about".
func (a *analysis) turnedToStory(h hit) bool {
	if !fw("hesitation-openers").at(a.d, h.lo) {
		return false
	}
	turns := fw("story-turns")
	for k := h.hi; k < len(a.d.Toks) && k < h.hi+storyTurnReach; k++ {
		if turns.at(a.d, k) {
			return true
		}
	}
	return false
}

// storyTurnReach is how many words after a non-answer the turn may come.
const storyTurnReach = 8

// literal reports hedge words used literally: "the kind of report" is a
// noun phrase, "a little after nine" a time, not a hedge.
func (a *analysis) literal(h hit) bool {
	switch w := a.d.norm(h.lo); {
	case fw("hedge-kind").Has(w):
		return fw("literal-before-kind").at(a.d, h.lo-1)
	case fw("hedge-a").Has(w):
		return fw("literal-after-a").at(a.d, h.hi)
	}
	return false
}

// owned reports whether a mistake or cause cue is the speaker's own: it
// has a first-person word ("I skipped", "it was mine to check") or is a
// subjectless "without checking" / "that was on me".
func (a *analysis) owned(h hit) bool {
	if fw("subjectless-owners").at(a.d, h.lo) {
		return true
	}
	for k := h.lo; k < h.hi; k++ {
		if a.firstPerson(k) {
			return true
		}
	}
	return false
}

// speakerFirst reports whether a cue opens with the speaker or a causal
// word: "I assumed", "because the form...".
func (a *analysis) speakerFirst(h hit) bool {
	return a.firstPerson(h.lo) || fw("cause-openers").at(a.d, h.lo) || fw("subjectless-owners").at(a.d, h.lo)
}

// hitFilter is one "unless" filter: true drops the hit.
type hitFilter func(a *analysis, h hit) bool

// hitFilters are the filters a phrase check may name.
var hitFilters = map[string]hitFilter{
	"negated":     func(a *analysis, h hit) bool { return a.negated(h) },
	"not-speaker": func(a *analysis, h hit) bool { return !a.firstPerson(h.lo) && !a.aboutSpeaker(h.lo) },
	"contrasted":  func(a *analysis, h hit) bool { return a.contrastedAway(h) },
	"owned-after": func(a *analysis, h hit) bool { return a.ownedAfter(h) },
	"recurrence":  func(a *analysis, h hit) bool { return a.recurrence(h) },
	"turned":      func(a *analysis, h hit) bool { return a.turnedToStory(h) },
	"literal":     func(a *analysis, h hit) bool { return a.literal(h) },
	"not-owned":   func(a *analysis, h hit) bool { return !a.owned(h) },
	"not-speaker-first": func(a *analysis, h hit) bool {
		return !a.speakerFirst(h)
	},
}

// filterNames lists the filters for error messages.
func filterNames() []string { return sortedKeys(hitFilters) }

// filterHits drops the hits any of the named filters refuses.
func (a *analysis) filterHits(hs []hit, unless []hitFilter) []hit {
	if len(unless) == 0 {
		return hs
	}
	var out []hit
next:
	for _, h := range hs {
		for _, f := range unless {
			if f(a, h) {
				continue next
			}
		}
		out = append(out, h)
	}
	return out
}

// buildFilters resolves filter names.
func buildFilters(names []string, at string) ([]hitFilter, error) {
	if _, err := unlessSet(names, at, filterNames()...); err != nil {
		return nil, err
	}
	var out []hitFilter
	for _, n := range names {
		out = append(out, hitFilters[n])
	}
	return out, nil
}
