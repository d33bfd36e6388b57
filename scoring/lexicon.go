package scoring

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

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
// that ends here.
type node struct {
	part part
	key  string
	kids []*node
	end  *pattern
	// byWord indexes the plain-word children of a node with many
	// children by vocabulary id; other holds the rest. Both are built by
	// loadLexSet, and only for wide nodes.
	byWord map[int32][]*node
	other  []*node
}

// child returns the node's child for a part, making it when needed.
func (n *node) child(p part, key string) *node {
	for _, k := range n.kids {
		if k.key == key {
			return k
		}
	}
	c := &node{part: p, key: key}
	n.kids = append(n.kids, c)
	return c
}

type pattern struct {
	text   string
	parts  []part
	keys   []string
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
	bits     []uint64 // the words as a set of vocabulary ids, built by finalize
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
	if id := t.Word; id > 0 && int(id>>6) < len(p.bits) && p.bits[id>>6]&(1<<(id&63)) != 0 {
		return true
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
		lines, err := expandBraces(raw)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %v", name, n+1, err)
		}
		for _, line := range lines {
			// Spell the pattern's words as the tokenizer reads the
			// text ("didn't" is "did not"), which may turn one part
			// into alternatives of different lengths.
			spelled, err := spellLikeText(line)
			if err != nil {
				return nil, fmt.Errorf("%s line %d: %v", name, n+1, err)
			}
			for _, l := range spelled {
				if err := lx.add(l); err != nil {
					return nil, fmt.Errorf("%s line %d: %v", name, n+1, err)
				}
			}
		}
	}
	return lx, nil
}

// expandBraces turns "i {set up|built} a" into "i set up a" and
// "i built a"; an empty alternative drops the group.
func expandBraces(line string) ([]string, error) {
	open := strings.IndexByte(line, '{')
	if open < 0 {
		if strings.ContainsRune(line, '}') {
			return nil, fmt.Errorf("unbalanced braces in %q", line)
		}
		return []string{line}, nil
	}
	end := strings.IndexByte(line[open:], '}')
	if end < 0 {
		return nil, fmt.Errorf("unbalanced braces in %q", line)
	}
	end += open
	var out []string
	for _, alt := range strings.Split(line[open+1:end], "|") {
		rest, err := expandBraces(line[:open] + alt + line[end+1:])
		if err != nil {
			return nil, err
		}
		out = append(out, rest...)
	}
	return out, nil
}

// spellLikeText rewrites each literal word of a pattern line as the
// tokens the tokenizer makes of it, so "i didn't" matches the text "I
// didn't", "I did not" and "i didnt" alike. A part whose alternatives
// split into different numbers of tokens becomes a brace group and is
// expanded again.
func spellLikeText(line string) ([]string, error) {
	body, weight := line, ""
	if i := strings.LastIndex(line, "="); i >= 0 {
		body, weight = line[:i], " "+line[i:]
	}
	fields := strings.Fields(strings.ToLower(body))
	braces := false
	for i, f := range fields {
		if f == "*" || f == "<n>" || f == "..." {
			continue
		}
		var alts []string
		multi := false
		for _, alt := range strings.Split(f, "|") {
			if alt == "" || strings.HasSuffix(alt, "*") {
				alts = append(alts, alt)
				continue
			}
			d := text.Tokenize(alt, text.BaseVocab())
			if len(d.Toks) == 0 {
				// A symbol such as "%" is never a word of the text
				// (it stays on its number: "20%"); it matches nothing.
				continue
			}
			words := make([]string, len(d.Toks))
			for j := range d.Toks {
				words[j] = d.Norm(j)
			}
			alts = append(alts, strings.Join(words, " "))
			multi = multi || len(words) > 1
		}
		if len(alts) == 0 {
			return nil, nil // the pattern can never match: drop it
		}
		switch {
		case multi && len(alts) > 1:
			fields[i] = "{" + strings.Join(alts, "|") + "}"
			braces = true
		default:
			fields[i] = strings.Join(alts, "|")
		}
	}
	out := strings.Join(fields, " ") + weight
	if !braces {
		return []string{out}, nil
	}
	return expandBraces(out)
}

// add compiles one expanded pattern line.
func (lx *lexicon) add(line string) error {
	p := &pattern{text: line, weight: 1}
	if i := strings.LastIndex(line, "="); i >= 0 {
		w, err := strconv.ParseFloat(strings.TrimSpace(line[i+1:]), 64)
		if err != nil {
			return fmt.Errorf("bad weight: %v", err)
		}
		p.weight = w
		line = strings.TrimSpace(line[:i])
		p.text = line
	}
	for _, f := range strings.Fields(strings.ToLower(line)) {
		switch f {
		case "*":
			p.parts = append(p.parts, part{kind: anyPart})
			p.keys = append(p.keys, f)
		case "<n>":
			p.parts = append(p.parts, part{kind: numPart})
			p.keys = append(p.keys, f)
		case "...":
			p.parts = append(p.parts, part{kind: gapPart})
			p.keys = append(p.keys, f)
		default:
			var pt part
			for _, alt := range strings.Split(f, "|") {
				alt = strings.ReplaceAll(alt, "\u2019", "'")
				if strings.HasSuffix(alt, "*") {
					pt.prefixes = append(pt.prefixes, strings.TrimSuffix(alt, "*"))
				} else if alt != "" {
					pt.words = append(pt.words, alt)
				}
			}
			p.parts = append(p.parts, pt)
			p.keys = append(p.keys, strings.ReplaceAll(f, "\u2019", "'"))
		}
	}
	if len(p.parts) == 0 || (p.parts[0].kind != litPart && p.parts[0].kind != numPart) {
		return fmt.Errorf("a pattern must start with a word or a number: %q", line)
	}
	root, ok := lx.roots[p.keys[0]]
	if !ok {
		root = &node{part: p.parts[0], key: p.keys[0]}
		lx.roots[p.keys[0]] = root
	}
	n := root
	for i := 1; i < len(p.parts); i++ {
		n = n.child(p.parts[i], p.keys[i])
	}
	if n.end == nil || p.weight > n.end.weight {
		n.end = p
	}
	return nil
}

// hit is one match of a pattern: tokens [lo, hi) of the token slice.
type hit struct {
	lo, hi int
	weight float64
	pat    *pattern
}

// stream is the token sequence with fillers removed, which is what
// patterns match against; idx maps back to the full token slice.
type stream struct {
	toks  []text.Token
	idx   []int32
	vocab *text.Vocab
	ls    *lexSet
}

func newStream(d *text.Doc, ls *lexSet) stream {
	s := stream{toks: d.Toks, idx: make([]int32, 0, len(d.Toks)), vocab: d.Vocab, ls: ls}
	for i, t := range d.Toks {
		if !t.Is(text.Filler) {
			s.idx = append(s.idx, int32(i))
		}
	}
	return s
}

// at is the token at stream position k.
func (s *stream) at(k int) text.Token { return s.toks[s.idx[k]] }

// ends reports whether a sentence ends after stream position k.
func (s *stream) ends(k int) bool { return s.toks[s.idx[k]].After == text.Sentence }

// maxCluster bounds the quadratic overlap resolution.
const maxCluster = 32

// resolveOverlaps keeps a set of non-overlapping hits, preferring heavy,
// then long, then early ones, and returns them in text order. Runs of
// overlapping hits are short, so this stays linear in practice.
func resolveOverlaps(cands []hit) []hit {
	out := cands[:0:0]
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
			for _, c := range cands[i:j] {
				if c.lo >= last {
					out = append(out, c)
					last = c.hi
				}
			}
			i = j
			continue
		}
		cluster := append([]hit(nil), cands[i:j]...)
		sort.SliceStable(cluster, func(a, b int) bool {
			ca, cb := cluster[a], cluster[b]
			if ca.weight != cb.weight {
				return ca.weight > cb.weight
			}
			if la, lb := ca.hi-ca.lo, cb.hi-cb.lo; la != lb {
				return la > lb
			}
			return ca.lo < cb.lo
		})
		var kept []hit
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
		sort.Slice(kept, func(a, b int) bool { return kept[a].lo < kept[b].lo })
		out = append(out, kept...)
		i = j
	}
	return out
}
