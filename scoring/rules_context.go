package scoring

import (
	"fmt"
	"strings"
)

// Helpers the rules share: negation, who a clause is about, where a
// finding belongs.

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

// firstUnitFrom returns the first unit in section s or later.
func (a *analysis) firstUnitFrom(s int) int {
	for u, us := range a.sec {
		if us >= s {
			return u
		}
	}
	return -1
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
