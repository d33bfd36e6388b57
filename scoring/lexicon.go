package scoring

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"retake/scoring/text"
)

// A lexicon is a list of phrase patterns read from a word list in
// assets/wordlists. Each line is one pattern of space-separated parts:
//
//	word        that word (lower case; "didn't" also matches "did not")
//	a|b|c       any one of these words
//	assum*      any word starting with "assum"
//	*           any one word
//	<n>         a number: digits or a number word
//	...         up to three words of anything
//	{a b|c}     alternatives that may be several words each
//
// A line may end in "= W" to give the pattern a weight other than 1.
// Lines starting with '#' are comments. Matching looks through pure
// fillers (um, uh) and never crosses a sentence boundary.
//
// The patterns are kept in a trie of parts, so the many patterns that
// brace expansion makes from one line share their common beginnings and
// are matched once.
type lexicon struct {
	roots map[string]*node // first-level nodes by part text
}

// node is one part of one or more patterns; end is the heaviest pattern
// of its list that ends here. In the merged trie of a lexSet, ends holds
// that for every list with a pattern ending here.
type node struct {
	part part
	key  string
	kids []*node
	end  *pattern
	ends []listEnd
	// byWord indexes the plain-word children of a node with many
	// children by vocabulary id; other holds the rest. Both are built by
	// loadLexSet, and only for wide nodes.
	byWord map[int32][]*node
	other  []*node
}

// listEnd is a pattern of one list that ends at a merged node.
type listEnd struct {
	lex int
	pat *pattern
}

// child returns the node's child for a field, making it when needed. A
// field's part is read only when its node is new: most patterns of a
// list share their first fields.
func (n *node) child(key string) *node {
	if k := n.kid(key); k != nil {
		return k
	}
	return n.addKid(partOf(key), key)
}

// kid returns the node's child for a field, or nil.
func (n *node) kid(key string) *node {
	for _, k := range n.kids {
		if k.key == key {
			return k
		}
	}
	return nil
}

// addKid adds a child node for part p, read from field key.
func (n *node) addKid(p part, key string) *node {
	c := &node{part: p, key: key}
	n.kids = append(n.kids, c)
	return c
}

// pattern is what a trie node that ends a pattern records: the line it
// came from and its weight.
type pattern struct {
	text   string
	weight float64
}

type partKind uint8

const (
	litPart partKind = iota
	anyPart
	numPart
	gapPart
)

type part struct {
	kind     partKind
	words    []string // alternatives, for litPart
	prefixes []string // alternatives ending in '*', for litPart
	// ids are the words as vocabulary ids, in order, built with the
	// vocabulary; a part of many words also has them as bits, which
	// matches tests instead.
	ids  []int32
	bits []uint64
}

// matches reports whether the part matches token t of stream s.
func (p *part) matches(s *stream, t text.Token) bool {
	switch p.kind {
	case anyPart:
		// A wildcard stands for a word of a name or a noun phrase,
		// never for a pronoun, a form of "be" or a joining word: "the
		// next one I never checked" and "the report was never checked"
		// are not someone else failing.
		return !s.ls.stop(t.Word)
	case numPart:
		return t.Is(text.Number)
	}
	if id := t.Word; id > 0 {
		if p.bits != nil {
			if int(id>>6) < len(p.bits) && p.bits[id>>6]&(1<<(id&63)) != 0 {
				return true
			}
		} else {
			for _, x := range p.ids {
				if x == id {
					return true
				}
			}
		}
	}
	if len(p.prefixes) > 0 {
		w := s.vocab.Word(t.Word)
		for _, pre := range p.prefixes {
			if len(w) >= len(pre) && w[:len(pre)] == pre {
				return true
			}
		}
	}
	return false
}

// parseLexicon compiles the lines of a word list.
func parseLexicon(name, data string) (*lexicon, error) {
	lx := &lexicon{roots: map[string]*node{}}
	for n, raw := range strings.Split(data, "\n") {
		raw = strings.TrimSpace(raw)
		if raw == "" || strings.HasPrefix(raw, "#") {
			continue
		}
		if err := lx.addLine(raw); err != nil {
			return nil, fmt.Errorf("%s line %d: %v", name, n+1, err)
		}
	}
	return lx, nil
}

// addLine compiles one line. Its words are spelled as the tokenizer
// reads the text ("didn't" is "did not"), so "i didn't" matches "I
// didn't", "I did not" and "i didnt" alike. Alternatives that are one
// word each become one part, so "{the|our|my} * {missed|forgot}" is one
// pattern, not six; only alternatives of several words branch.
func (lx *lexicon) addLine(raw string) error {
	body, weight := raw, 1.0
	if i := strings.LastIndex(raw, "="); i >= 0 {
		w, err := strconv.ParseFloat(strings.TrimSpace(raw[i+1:]), 64)
		if err != nil {
			return fmt.Errorf("bad weight: %v", err)
		}
		body, weight = raw[:i], w
	}
	slots, err := splitSlots(strings.ToLower(strings.ReplaceAll(body, "\u2019", "'")))
	if err != nil {
		return err
	}
	// Each slot is a list of branches, each branch a list of fields; the
	// line is every combination of one branch per slot.
	lines := [][]string{{}}
	for _, sl := range slots {
		if len(sl) == 1 {
			// One branch: every line so far (each its own slice) grows.
			for i := range lines {
				lines[i] = append(lines[i], sl[0]...)
			}
			continue
		}
		var next [][]string
		for _, br := range sl {
			for _, l := range lines {
				next = append(next, append(append([]string(nil), l...), br...))
			}
		}
		lines = next
		if len(lines) > maxExpansion {
			return fmt.Errorf("the line expands to more than %d patterns", maxExpansion)
		}
	}
	for _, l := range lines {
		if len(l) == 0 {
			continue
		}
		if err := lx.add(l, weight, raw); err != nil {
			return err
		}
	}
	return nil
}

// maxExpansion bounds the patterns one line may make.
const maxExpansion = 4096

// splitSlots reads a pattern body into slots: a plain field, or a brace
// group of alternatives (an empty alternative makes the group optional).
func splitSlots(body string) ([][][]string, error) {
	var slots [][][]string
	rest := body
	for {
		rest = strings.TrimLeft(rest, " \t")
		if rest == "" {
			break
		}
		switch {
		case rest[0] == '{':
			end := strings.IndexByte(rest, '}')
			if end < 0 || strings.IndexByte(rest[1:end], '{') >= 0 {
				return nil, fmt.Errorf("unbalanced braces in %q", body)
			}
			if end+1 < len(rest) && rest[end+1] != ' ' && rest[end+1] != '\t' {
				return nil, fmt.Errorf("a brace group must stand apart from the next word in %q", body)
			}
			var branches [][]string
			merged := []string{}
			for _, alt := range strings.Split(rest[1:end], "|") {
				fields := strings.Fields(alt)
				if len(fields) == 0 {
					branches = append(branches, nil)
					continue
				}
				if len(fields) == 1 && !special(fields[0]) && !strings.Contains(fields[0], "|") {
					if one, multi, ok := spellAlt(fields[0]); ok && multi == nil {
						merged = append(merged, one)
						continue
					}
				}
				bs, err := spellFields(fields)
				if err != nil {
					return nil, err
				}
				branches = append(branches, bs...)
			}
			if len(merged) > 0 {
				branches = append(branches, []string{strings.Join(merged, "|")})
			}
			if len(branches) == 0 {
				return nil, nil // nothing in the group can match
			}
			slots = append(slots, branches)
			rest = rest[end+1:]
		default:
			end := strings.IndexAny(rest, " \t")
			if end < 0 {
				end = len(rest)
			}
			f := rest[:end]
			if strings.ContainsAny(f, "{}") {
				return nil, fmt.Errorf("unbalanced braces in %q", body)
			}
			bs, err := spellFields([]string{f})
			if err != nil {
				return nil, err
			}
			if len(bs) == 0 {
				return nil, nil
			}
			slots = append(slots, bs)
			rest = rest[end:]
		}
	}
	return slots, nil
}

// special reports whether a field is a wildcard, a number or a gap.
func special(f string) bool { return f == "*" || f == "<n>" || f == "..." }

// spellFields spells a sequence of fields, returning the branches it
// makes: a field whose alternatives spell to several words ("was|wasn't"
// is "was" or "was not") branches.
func spellFields(fields []string) ([][]string, error) {
	out := [][]string{{}}
	for _, f := range fields {
		var opts [][]string
		if special(f) {
			opts = [][]string{{f}}
		} else {
			var single []string
			for _, alt := range strings.Split(f, "|") {
				if alt == "" {
					continue
				}
				if strings.HasSuffix(alt, "*") {
					single = append(single, alt)
					continue
				}
				one, multi, ok := spellAlt(alt)
				switch {
				case !ok:
					// A symbol such as "%" is never a word of the text
					// (it stays on its number: "20%"); it matches nothing.
				case multi != nil:
					opts = append(opts, multi)
				default:
					single = append(single, one)
				}
			}
			if len(single) > 0 {
				opts = append(opts, []string{strings.Join(single, "|")})
			}
		}
		if len(opts) == 0 {
			return nil, nil // this field can never match
		}
		if len(opts) == 1 {
			// No branch: every branch so far (each its own slice) grows.
			for i := range out {
				out[i] = append(out[i], opts[0]...)
			}
			continue
		}
		var next [][]string
		for _, o := range opts {
			for _, l := range out {
				next = append(next, append(append([]string(nil), l...), o...))
			}
		}
		out = next
	}
	return out, nil
}

var (
	spellMu    sync.Mutex
	spellCache = map[string][]string{}
)

// spellAlt spells one word as the tokenizer reads it: one word (one), or
// several (multi); ok is false when it holds no word at all.
func spellAlt(w string) (one string, multi []string, ok bool) {
	spellMu.Lock()
	words, seen := spellCache[w]
	spellMu.Unlock()
	if !seen {
		d := text.Tokenize(w, text.BaseVocab())
		for j := range d.Toks {
			words = append(words, d.Norm(j))
		}
		spellMu.Lock()
		spellCache[w] = words
		spellMu.Unlock()
	}
	switch len(words) {
	case 0:
		return "", nil, false
	case 1:
		return words[0], nil, true
	}
	return "", words, true
}

// add compiles one pattern of fields into the trie.
func (lx *lexicon) add(fields []string, weight float64, line string) error {
	if len(fields) == 0 {
		return fmt.Errorf("a pattern must start with a word or a number: %q", line)
	}
	root, ok := lx.roots[fields[0]]
	if !ok {
		// A first field is checked once, when its root is made.
		p := partOf(fields[0])
		if p.kind != litPart && p.kind != numPart {
			return fmt.Errorf("a pattern must start with a word or a number: %q", line)
		}
		root = &node{part: p, key: fields[0]}
		lx.roots[fields[0]] = root
	}
	n := root
	for _, f := range fields[1:] {
		n = n.child(f)
	}
	if n.end == nil || weight > n.end.weight {
		n.end = &pattern{text: line, weight: weight}
	}
	return nil
}

// partOf reads one field of a pattern: a wildcard, a number, a gap, or
// words and prefixes ("sav*") separated by "|".
func partOf(f string) part {
	switch f {
	case "*":
		return part{kind: anyPart}
	case "<n>":
		return part{kind: numPart}
	case "...":
		return part{kind: gapPart}
	}
	var pt part
	for alt := range strings.SplitSeq(f, "|") {
		if root, ok := strings.CutSuffix(alt, "*"); ok {
			pt.prefixes = append(pt.prefixes, root)
		} else if alt != "" {
			pt.words = append(pt.words, alt)
		}
	}
	return pt
}

// hit is one match of a pattern: tokens [lo, hi) of the token slice.
type hit struct {
	lo, hi int
	weight float64
	pat    *pattern
}

// stream is the token sequence with fillers removed, which is what
// patterns match against; idx maps back to the full token slice. A text
// without fillers (most typed ones) needs no map: idx is nil and stream
// positions are token indices.
type stream struct {
	toks  []text.Token
	idx   []int32
	n     int // stream length
	vocab *text.Vocab
	ls    *lexSet
}

func newStream(d *text.Doc, ls *lexSet) stream {
	s := stream{toks: d.Toks, n: len(d.Toks), vocab: d.Vocab, ls: ls}
	fillers := 0
	for _, t := range d.Toks {
		if t.Is(text.Filler) {
			fillers++
		}
	}
	if fillers == 0 {
		return s
	}
	s.idx = make([]int32, 0, len(d.Toks)-fillers)
	for i, t := range d.Toks {
		if !t.Is(text.Filler) {
			s.idx = append(s.idx, int32(i))
		}
	}
	s.n = len(s.idx)
	return s
}

// tok is the token index of stream position k.
func (s *stream) tok(k int) int {
	if s.idx == nil {
		return k
	}
	return int(s.idx[k])
}

// at is the token at stream position k.
func (s *stream) at(k int) text.Token { return s.toks[s.tok(k)] }

// ends reports whether a sentence ends after stream position k.
func (s *stream) ends(k int) bool { return s.toks[s.tok(k)].After >= text.Sentence }

// stops reports whether a phrase cannot run on past stream position k:
// a sentence ends there, or a clause (a colon, semicolon or dash: "two
// habits since: I send" is not "since I").
func (s *stream) stops(k int) bool { return s.toks[s.tok(k)].After >= text.Clause }

// maxCluster bounds the quadratic overlap resolution.
const maxCluster = 32

// resolveOverlaps keeps a set of non-overlapping hits, preferring heavy,
// then long, then early ones, and returns them in text order. Runs of
// overlapping hits are short, so this stays linear in practice.
func resolveOverlaps(cands []hit) []hit {
	// The result is written over cands: it never holds more hits than
	// have been read, and a cluster is copied out before its winners go
	// back.
	out := cands[:0]
	var cluster, kept []hit
	i := 0
	for i < len(cands) {
		// Gather a cluster of hits that overlap one another in a chain.
		j, end := i+1, cands[i].hi
		for j < len(cands) && cands[j].lo < end {
			end = max(end, cands[j].hi)
			j++
		}
		if j == i+1 {
			out = append(out, cands[i])
			i = j
			continue
		}
		if j-i > maxCluster {
			// A pathological chain: fall back to greedy, left to right.
			last := -1
			for k := i; k < j; k++ {
				if c := cands[k]; c.lo >= last {
					out = append(out, c)
					last = c.hi
				}
			}
			i = j
			continue
		}
		cluster = append(cluster[:0], cands[i:j]...)
		slices.SortStableFunc(cluster, func(ca, cb hit) int {
			if ca.weight != cb.weight {
				return cmp.Compare(cb.weight, ca.weight)
			}
			if la, lb := ca.hi-ca.lo, cb.hi-cb.lo; la != lb {
				return lb - la
			}
			return ca.lo - cb.lo
		})
		kept = kept[:0]
		for _, c := range cluster {
			free := true
			for _, k := range kept {
				if c.lo < k.hi && k.lo < c.hi {
					free = false
					break
				}
			}
			if free {
				kept = append(kept, c)
			}
		}
		slices.SortFunc(kept, func(a, b hit) int { return a.lo - b.lo })
		out = append(out, kept...)
		i = j
	}
	return out
}
