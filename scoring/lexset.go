package scoring

import (
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"

	"retake/assets"
	"retake/scoring/text"
)

// lexSet is a set of word lists compiled together: a shared vocabulary
// gives each word an id, so matching a token against a part is a bit
// test, and one index from a word to the pattern tries it starts lets a
// single pass over the text run all the lists at once.
type lexSet struct {
	names []string       // list names, in index order
	index map[string]int // list name -> index in names
	vocab *text.Vocab
	// roots are every list's trie merged into one, so a phrase that
	// starts several lists' patterns is walked once, in the order of
	// their first field.
	roots   []*node
	first   []*node // by word id, the roots that word starts, merged (firstword.go)
	numeric []*node
	prefix  []*node
	soft    []bool // by word id: adverbs a phrase may skip over
	stops   []bool // by word id: words a "*" part never matches
}

// isSoft reports whether the word with this id is a soft adverb.
func (ls *lexSet) isSoft(id int32) bool { return int(id) < len(ls.soft) && ls.soft[id] }

// stop reports whether a "*" part refuses the word with this id.
func (ls *lexSet) stop(id int32) bool { return int(id) < len(ls.stops) && ls.stops[id] }

// list returns the index of a named list, or -1.
func (ls *lexSet) list(name string) int {
	if i, ok := ls.index[name]; ok {
		return i
	}
	return -1
}

// notPatternLists are the files of assets/wordlists that are not phrase
// patterns: the passive detector's own lists and the tokenizer's tables.
func notPatternList(name string) bool {
	return strings.HasPrefix(name, "passive-") || name == "grammar" || name == "contractions"
}

var (
	builtinOnce sync.Once
	builtinSet  *lexSet
	builtinErr  error
)

// builtinLists returns every phrase list shipped in assets/wordlists,
// compiled once. The lists are part of the binary, so a broken one is a
// programming error that the tests catch.
func builtinLists() *lexSet {
	builtinOnce.Do(compileBuiltin)
	if builtinErr != nil {
		panic(builtinErr)
	}
	return builtinSet
}

// compileBuiltin loads the shipped lists from their compiled image, or
// compiles them when the image does not stand for them (see
// listimage.go); builtinImageErr keeps why, for TestListImage.
func compileBuiltin() {
	if builtinSet, builtinImageErr = loadListImage(); builtinImageErr == nil {
		return
	}
	builtinSet, builtinErr = compileLists(nil)
}

// builtinImageErr is why the shipped lists were compiled rather than
// loaded from their image, or nil.
var builtinImageErr error

// prefetchBuiltinLists starts loading the shipped lists on another
// goroutine, so a rubric's own JSON and section model are read while
// they load; builtinLists waits for it.
func prefetchBuiltinLists() { go builtinOnce.Do(compileBuiltin) }

// embeddedListNames lists the phrase lists in assets/wordlists.
func embeddedListNames() ([]string, error) {
	entries, err := fs.ReadDir(assets.FS, "wordlists")
	if err != nil {
		return nil, fmt.Errorf("word lists: %w", err)
	}
	var out []string
	for _, e := range entries {
		n, ok := strings.CutSuffix(e.Name(), ".txt")
		if ok && !notPatternList(n) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out, nil
}

// compileLists compiles the embedded lists together with a rubric's own
// inline lists (extra, by name), which may add lists or replace
// embedded ones of the same name.
func compileLists(extra map[string][]string) (*lexSet, error) {
	names, err := embeddedListNames()
	if err != nil {
		return nil, err
	}
	srcs := map[string]string{}
	for _, n := range names {
		b, err := assets.Read("wordlists/" + n + ".txt")
		if err != nil {
			return nil, err
		}
		srcs[n] = string(b)
	}
	for n, lines := range extra {
		if _, ok := srcs[n]; !ok {
			names = append(names, n)
		}
		srcs[n] = strings.Join(lines, "\n")
	}
	sort.Strings(names)
	lexes, err := parseLexicons(names, srcs)
	if err != nil {
		return nil, err
	}
	ls := newLexSet(names)
	ls.roots = mergeLexicons(lexes)
	ls.setVocab(trieWords(ls.roots))
	ls.indexRoots()
	if len(ls.prefix) > maxPrefixRoots {
		return nil, fmt.Errorf("%d different first words end in * (such as %q); at most %d may", len(ls.prefix), ls.prefix[0].key, maxPrefixRoots)
	}
	return ls, nil
}

// parseLexicons parses the named lists; the first error, in name order,
// is returned.
func parseLexicons(names []string, srcs map[string]string) ([]*lexicon, error) {
	lexes := make([]*lexicon, len(names))
	errs := make([]error, len(names))
	parse := func(i int) { lexes[i], errs[i] = parseLexicon(names[i], srcs[names[i]]) }
	// The lists are independent, and compiling them is most of a
	// command's start: a second goroutine takes every other list by
	// size, so the two halves weigh about the same.
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(srcs[names[order[a]]]) > len(srcs[names[order[b]]]) })
	var wg sync.WaitGroup
	wg.Go(func() {
		for j := 1; j < len(order); j += 2 {
			parse(order[j])
		}
	})
	for j := 0; j < len(order); j += 2 {
		parse(order[j])
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return lexes, nil
}

// newLexSet returns an empty set of the named lists, indexed by name.
func newLexSet(names []string) *lexSet {
	ls := &lexSet{names: names, index: make(map[string]int, len(names))}
	for i, n := range names {
		ls.index[n] = i
	}
	return ls
}

// mergeLexicons merges the lists' tries into one, returning its roots
// in the order of their first field.
func mergeLexicons(lexes []*lexicon) []*node {
	union := map[string]*node{}
	for li, lx := range lexes {
		for _, k := range sortedKeys(lx.roots) {
			r := lx.roots[k]
			u, ok := union[k]
			if !ok {
				u = &node{part: r.part, key: k}
				union[k] = u
			}
			mergeNode(u, r, li)
		}
	}
	roots := make([]*node, 0, len(union))
	for _, k := range sortedKeys(union) {
		roots = append(roots, union[k])
	}
	return roots
}

// trieWords returns every word the tries under roots name that is not
// a class word, sorted.
func trieWords(roots []*node) []string {
	loadClasses()
	seen := map[string]bool{}
	for _, w := range classList {
		seen[w] = true
	}
	var words []string
	var walk func(n *node)
	walk = func(n *node) {
		for _, w := range n.part.words {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	sort.Strings(words)
	return words
}

// setVocab makes the set's vocabulary: the class words first, in the
// same order in every lexSet, so their ids are the same for every
// rubric (see loadClasses), then the lists' own words.
func (ls *lexSet) setVocab(words []string) {
	loadClasses()
	g := text.Grammar()
	ls.vocab = text.NewVocab(append(append(make([]string, 0, len(classList)+len(words)), classList...), words...)...)
	size := int(ls.vocab.Len())
	ls.soft = make([]bool, size)
	for w := range g.Class("soft") {
		ls.soft[ls.vocab.ID(w)] = true
	}
	ls.stops = make([]bool, size)
	for w := range g.Class("wildcard-stops") {
		ls.stops[ls.vocab.ID(w)] = true
	}
}

// indexRoots fills each part's word ids, indexes wide nodes' children
// by word and the roots by their first word (merging the roots a word
// starts, see firstword.go).
func (ls *lexSet) indexRoots() {
	size := ls.vocab.Len()
	var fill func(n *node)
	fill = func(n *node) {
		if w := n.part.words; len(w) > 0 {
			n.part.ids = make([]int32, len(w))
			for i, x := range w {
				n.part.ids[i] = ls.vocab.ID(x)
			}
		}
		setBits(&n.part, size)
		for _, k := range n.kids {
			fill(k)
		}
		ls.indexKids(n)
	}
	starts := make([][]*node, size)
	for _, r := range ls.roots {
		fill(r)
		for _, id := range r.part.ids {
			starts[id] = append(starts[id], r)
		}
	}
	ls.indexSpecialRoots()
	ls.first = make([]*node, size)
	for id, rs := range starts {
		ls.first[id] = ls.mergeRoots(rs)
	}
}

// indexSpecialRoots lists the roots that no word id leads to: numbers
// and prefixes ("sav*").
func (ls *lexSet) indexSpecialRoots() {
	ls.numeric, ls.prefix = nil, nil
	for _, r := range ls.roots {
		switch {
		case r.part.kind == numPart:
			ls.numeric = append(ls.numeric, r)
		case len(r.part.prefixes) > 0:
			ls.prefix = append(ls.prefix, r)
		}
	}
}

// setBits gives a part of many words its bit set over a vocabulary of
// size ids.
func setBits(p *part, size int32) {
	if len(p.ids) <= smallPart {
		return
	}
	p.bits = make([]uint64, (size+63)/64)
	for _, id := range p.ids {
		p.bits[id>>6] |= 1 << (id & 63)
	}
}

// indexKids indexes a wide node's plain-word children by word id; its
// other children are kept in order in other.
func (ls *lexSet) indexKids(n *node) {
	n.byWord, n.other = nil, nil
	if len(n.kids) <= wideNode {
		return
	}
	n.byWord = map[int32][]*node{}
	for _, k := range n.kids {
		if k.part.kind != litPart || len(k.part.prefixes) > 0 {
			n.other = append(n.other, k)
			continue
		}
		for _, id := range k.part.ids {
			n.byWord[id] = append(n.byWord[id], k)
		}
	}
}

// mergeNode adds list li's trie under src into the merged node dst.
func mergeNode(dst, src *node, li int) {
	if src.end != nil {
		dst.ends = append(dst.ends, listEnd{lex: li, pat: src.end})
	}
	for _, k := range src.kids {
		c := dst.kid(k.key)
		if c == nil {
			c = dst.addKid(k.part, k.key)
		}
		mergeNode(c, k, li)
	}
}

// smallPart is the most words a part tests one by one; a larger part
// tests a bit set over the vocabulary.
const smallPart = 6

// wideNode is the number of children above which a trie node indexes
// them by word.
const wideNode = 2

// wordSet returns the single words of a list as a set of vocabulary ids
// and words, for exception lists that a check tests one token against.
func (ls *lexSet) wordSet(name string) (text.Set, error) {
	i := ls.list(name)
	if i < 0 {
		return nil, fmt.Errorf("no word list %q", name)
	}
	// A one-word pattern of the list is a root where one of its
	// patterns ends.
	out := text.Set{}
	for _, r := range ls.roots {
		if slices.ContainsFunc(r.ends, func(e listEnd) bool { return e.lex == i }) {
			for _, id := range r.part.ids {
				out[ls.vocab.Word(id)] = struct{}{}
			}
		}
	}
	return out, nil
}
