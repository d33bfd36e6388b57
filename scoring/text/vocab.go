package text

import "strings"

// Vocab gives every normalized word a small integer id, so tokens stay
// small and word lists can test a token with a bit lookup. A frozen
// vocabulary is shared read-only by every document; each document adds
// the words it alone uses to a child of it.
type Vocab struct {
	parent *Vocab
	ids    map[string]int32
	words  []string
	attrs  []wordAttr
	// first is the id of this vocabulary's first word (the parent's
	// size), so ids of a child never collide with its parent's.
	first int32
}

// NewVocab returns a vocabulary holding the given words, in order, with
// ids from 1 (0 means "no word").
func NewVocab(words ...string) *Vocab {
	v := &Vocab{ids: make(map[string]int32, len(words)), words: []string{""}, attrs: []wordAttr{{}}}
	for _, w := range words {
		v.Add(w)
	}
	return v
}

// Child returns an empty vocabulary that extends v. Words added to the
// child never change v, so v may be shared between goroutines as long as
// nobody adds to it directly.
func (v *Vocab) Child() *Vocab {
	return &Vocab{parent: v, ids: map[string]int32{}, first: v.Len()}
}

// Len is one more than the largest id in the vocabulary.
func (v *Vocab) Len() int32 { return v.first + int32(len(v.words)) }

// ID returns the id of w, or 0 when the vocabulary (and its parents) do
// not hold it.
func (v *Vocab) ID(w string) int32 {
	// The frozen vocabulary a document extends holds most of its words
	// ("the", "I", "we"), so it is asked first: one lookup for those,
	// not two. A child never holds a word a parent does (see Add), so
	// the order does not change the answer.
	if v.parent != nil {
		if id := v.parent.ID(w); id != 0 {
			return id
		}
	}
	return v.ids[w]
}

// Add returns the id of w, adding it when it is new.
func (v *Vocab) Add(w string) int32 {
	if id := v.ID(w); id != 0 || (w == "" && v.parent == nil) {
		return id
	}
	id := v.first + int32(len(v.words))
	v.ids[w] = id
	v.words = append(v.words, w)
	v.attrs = append(v.attrs, attrOf(w))
	return id
}

// Word returns the word with this id, or "" for an unknown id.
func (v *Vocab) Word(id int32) string {
	for x := v; x != nil; x = x.parent {
		if id >= x.first {
			if k := id - x.first; int(k) < len(x.words) {
				return x.words[k]
			}
			return ""
		}
	}
	return ""
}

// idBytes is ID for a word held in a byte slice; the map lookups do not
// allocate.
func (v *Vocab) idBytes(b []byte) int32 {
	if v.parent != nil { // parents first, as in ID
		if id := v.parent.idBytes(b); id != 0 {
			return id
		}
	}
	return v.ids[string(b)]
}

// wordAttr is what a word is, known from the word alone.
type wordAttr struct {
	flags  Flags
	person Person
}

// attr returns the attributes of the word with this id.
func (v *Vocab) attr(id int32) wordAttr {
	for x := v; x != nil; x = x.parent {
		if id >= x.first {
			if k := id - x.first; int(k) < len(x.attrs) {
				return x.attrs[k]
			}
			return wordAttr{}
		}
	}
	return wordAttr{}
}

// attrOf classifies a word when it joins a vocabulary.
func attrOf(w string) wordAttr {
	g := Grammar()
	var a wordAttr
	switch {
	case g.Class("fillers").Has(w):
		a.flags |= Filler
	case isNumber(w, g.Class("numbers")):
		a.flags |= Number
	}
	switch {
	case g.Class("person-i").Has(w):
		a.person = Speaker
	case g.Class("person-we").Has(w):
		a.person = We
	case g.Class("person-us").Has(w):
		a.person = Us
	}
	return a
}

// isNumber reports whether w is digits, an amount ("$4,000", "20%") or
// a number said in words ("forty", "sixty-two").
func isNumber(w string, words Set) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= '0' && w[i] <= '9' {
			return true
		}
	}
	if words.Has(w) {
		return true
	}
	if strings.Contains(w, "-") {
		for _, p := range strings.Split(w, "-") {
			if !words.Has(p) {
				return false
			}
		}
		return true
	}
	return false
}
