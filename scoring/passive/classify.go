package passive

import "strings"

// wordKind is what a word after be/get can be, before context decides.
type wordKind int

const (
	kindNone      wordKind = iota // not a participle
	kindPart                      // a past participle
	kindAdjective                 // a participle-like adjective of feeling or state
	kindAmbiguous                 // a state of a person, an action on a thing
	kindUsed                      // "used": "used to" needs context
)

// classify decides what w can be from the word alone.
func (lx *lexicon) classify(w string) wordKind {
	if i := strings.LastIndexByte(w, '-'); i > 0 {
		if !verbPrefixes.has(w[:i]) {
			// "detail-oriented", "well-prepared", "short-staffed": a
			// compound adjective, not a verb form.
			if lx.classify(w[i+1:]) != kindNone {
				return kindAdjective
			}
			return kindNone
		}
		w = w[i+1:] // "re-tested", "double-checked"
	}
	switch {
	case w == "":
		return kindNone
	case lx.intransitive.has(w):
		return kindNone
	case lx.adjectival.has(w):
		return kindAdjective
	case lx.ambiguous.has(w):
		return kindAmbiguous
	case w == "used":
		return kindUsed
	case strings.HasPrefix(w, "un") && !strings.HasPrefix(w, "under") && len(w) > 4 &&
		(strings.HasSuffix(w, "ed") || lx.irregular.has(w[2:]) || lx.unVerbs.has(w)):
		// "untested", "unseen" are adjectives with no verb behind them;
		// only "unlocked" and the like come from a real verb.
		if lx.unVerbs.has(w) {
			return kindPart
		}
		return kindAdjective
	case lx.irregular.has(w) || lx.prefixedIrregular(w):
		return kindPart
	case strings.HasSuffix(w, "eed"):
		if lx.eed.has(w) {
			return kindPart
		}
		return kindNone
	case strings.HasSuffix(w, "ed") && len(w) >= 4 && isLetters(w) && !lx.notPart.has(w):
		return kindPart
	}
	return kindNone
}

func isLetters(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// irregularPrefixes make new verbs from old ones ("overspent",
// "rewritten", "misread", "outgrown"); the participle stays irregular.
var irregularPrefixes = []string{"over", "under", "out", "re", "mis", "pre", "fore"}

// prefixedIrregular reports whether w is a verb prefix plus an irregular
// participle of at least four letters, so "overspent" is found without
// listing every prefixed form.
func (lx *lexicon) prefixedIrregular(w string) bool {
	for _, p := range irregularPrefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 4 && lx.irregular.has(rest) {
			return true
		}
	}
	return false
}
