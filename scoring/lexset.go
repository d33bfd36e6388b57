package scoring

import (
	"fmt"
	"sync"

	"retake/assets"
)

// lexNames lists the word lists the analyzer runs over every answer, in
// the order of their index in lexSet.lexicons.
var lexNames = []string{
	"cues-situation", "cues-mistake", "cues-rootcause", "cues-response", "cues-change",
	"mech-artifacts", "mech-frames", "mech-verbs", "lesson-generic", "stakes", "no-harm",
	"fake-mistake", "immunity", "blame", "hedges", "clause-starts", "lesson-intro",
	"lesson-sentiment", "impact",
}

// lexSet is every word list compiled together: a shared vocabulary gives
// each word an id, so matching a token against a part is a bit test, and
// one index from a word to the pattern tries it starts lets a single pass
// over the text run all the lists at once.
type lexSet struct {
	lexicons []*lexicon
	vocab    map[string]wordInfo
	first    [][]rootRef // by word id
	numeric  []rootRef
	prefix   []rootRef
}

// wordInfo is what the analyzer knows of a word before reading context.
type wordInfo struct {
	id   int32
	soft bool
}

// rootRef is a first-level trie node and the lexicon it belongs to.
type rootRef struct {
	lex  int
	node *node
}

var (
	lexOnce sync.Once
	lexAll  *lexSet
)

// lexicons returns the compiled word lists, loading them on first use.
// The lists are part of the binary, so a broken one is a programming
// error that the tests catch.
func lexicons() *lexSet {
	lexOnce.Do(func() {
		ls, err := loadLexSet(lexNames)
		if err != nil {
			panic(err)
		}
		lexAll = ls
	})
	return lexAll
}

func loadLexSet(names []string) (*lexSet, error) {
	ls := &lexSet{vocab: map[string]wordInfo{}}
	for _, n := range names {
		b, err := assets.Read("wordlists/" + n + ".txt")
		if err != nil {
			return nil, err
		}
		lx, err := parseLexicon(n, string(b))
		if err != nil {
			return nil, err
		}
		ls.lexicons = append(ls.lexicons, lx)
	}
	// Ids start at 1: 0 is any word no list mentions.
	addWord := func(w string) int32 {
		if wi, ok := ls.vocab[w]; ok {
			return wi.id
		}
		id := int32(len(ls.vocab) + 1)
		ls.vocab[w] = wordInfo{id: id, soft: softWords[w]}
		return id
	}
	for w := range softWords {
		addWord(w)
	}
	var walk func(n *node)
	walk = func(n *node) {
		for _, w := range n.part.words {
			addWord(w)
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	for _, lx := range ls.lexicons {
		for _, r := range lx.roots {
			walk(r)
		}
	}
	words := len(ls.vocab) + 1
	var fill func(n *node)
	fill = func(n *node) {
		if len(n.part.words) > 0 {
			n.part.bits = make([]uint64, (words+63)/64)
			for _, w := range n.part.words {
				id := ls.vocab[w].id
				n.part.bits[id>>6] |= 1 << (id & 63)
			}
		}
		for _, k := range n.kids {
			fill(k)
		}
		if len(n.kids) > wideNode {
			n.byWord = map[int32][]*node{}
			for _, k := range n.kids {
				if k.part.kind != litPart || len(k.part.prefixes) > 0 {
					n.other = append(n.other, k)
					continue
				}
				for _, w := range k.part.words {
					id := ls.vocab[w].id
					n.byWord[id] = append(n.byWord[id], k)
				}
			}
		}
	}
	ls.first = make([][]rootRef, words)
	for li, lx := range ls.lexicons {
		for _, r := range lx.roots {
			fill(r)
			ref := rootRef{lex: li, node: r}
			for _, w := range r.part.words {
				id := ls.vocab[w].id
				ls.first[id] = append(ls.first[id], ref)
			}
			switch {
			case r.part.kind == numPart:
				ls.numeric = append(ls.numeric, ref)
			case len(r.part.prefixes) > 0:
				ls.prefix = append(ls.prefix, ref)
			}
		}
	}
	if len(ls.lexicons) != len(names) {
		return nil, fmt.Errorf("loaded %d word lists, want %d", len(ls.lexicons), len(names))
	}
	return ls, nil
}

// wideNode is the number of children above which a trie node indexes
// them by word.
const wideNode = 6
