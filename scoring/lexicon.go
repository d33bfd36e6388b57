package scoring

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"retake/assets"
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
type lexicon struct {
	name    string
	byFirst map[string][]*pattern
	prefix  []*pattern // patterns starting with a number or a word prefix: tried everywhere
}

type pattern struct {
	text   string
	parts  []part
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
}

func (p part) matches(t token) bool {
	switch p.kind {
	case anyPart:
		return true
	case numPart:
		return t.num
	}
	for _, w := range p.words {
		if t.norm == w {
			return true
		}
	}
	for _, pre := range p.prefixes {
		if strings.HasPrefix(t.norm, pre) {
			return true
		}
	}
	return false
}

// parseLexicon compiles the lines of a word list.
func parseLexicon(name, data string) (*lexicon, error) {
	lx := &lexicon{name: name, byFirst: map[string][]*pattern{}}
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
			if err := lx.add(line); err != nil {
				return nil, fmt.Errorf("%s line %d: %v", name, n+1, err)
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
		case "<n>":
			p.parts = append(p.parts, part{kind: numPart})
		case "...":
			p.parts = append(p.parts, part{kind: gapPart})
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
		}
	}
	if len(p.parts) == 0 || (p.parts[0].kind != litPart && p.parts[0].kind != numPart) {
		return fmt.Errorf("a pattern must start with a word or a number: %q", line)
	}
	first := p.parts[0]
	if first.kind == numPart || len(first.prefixes) > 0 {
		lx.prefix = append(lx.prefix, p)
		return nil
	}
	for _, w := range first.words {
		lx.byFirst[w] = append(lx.byFirst[w], p)
	}
	return nil
}

var (
	lexMu    sync.Mutex
	lexCache = map[string]*lexicon{}
)

// lex returns the compiled word list assets/wordlists/<name>.txt. The
// lists are part of the binary, so a broken one is a programming error
// that the tests catch.
func lex(name string) *lexicon {
	lexMu.Lock()
	defer lexMu.Unlock()
	if lx, ok := lexCache[name]; ok {
		return lx
	}
	b, err := assets.Read("wordlists/" + name + ".txt")
	if err != nil {
		panic(err)
	}
	lx, err := parseLexicon(name, string(b))
	if err != nil {
		panic(err)
	}
	lexCache[name] = lx
	return lx
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
	toks []token
	idx  []int
}

func newStream(toks []token) stream {
	s := stream{toks: toks, idx: make([]int, 0, len(toks))}
	for i, t := range toks {
		if !t.filler {
			s.idx = append(s.idx, i)
		}
	}
	return s
}

// find returns the matches of the lexicon that start within tokens
// [from, to) of the full token slice and end by to. At each start the
// heaviest (then the longest) match wins; where matches from different starts overlap, the
// heavier (then the longer, then the earlier) is kept, so "i'm
// struggling to" cannot hide "struggling to think of one".
func (lx *lexicon) find(s stream, from, to int) []hit {
	var cands []hit
	k0 := sort.SearchInts(s.idx, from)
	for k := k0; k < len(s.idx); k++ {
		ti := s.idx[k]
		if ti >= to {
			break
		}
		best := hit{hi: -1}
		try := func(p *pattern) {
			if end, ok := matchAt(s, k, p.parts, to); ok {
				h := hit{lo: ti, hi: end, weight: p.weight, pat: p}
				if h.weight > best.weight || (h.weight == best.weight && h.hi > best.hi) {
					best = h
				}
			}
		}
		for _, p := range lx.byFirst[s.toks[ti].norm] {
			try(p)
		}
		for _, p := range lx.prefix {
			try(p)
		}
		if best.hi >= 0 {
			cands = append(cands, best)
		}
	}
	return resolveOverlaps(cands)
}

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

// matchAt matches parts from stream position k; it returns the end (in
// full-token indices, exclusive) of the shortest match.
func matchAt(s stream, k int, parts []part, to int) (int, bool) {
	if len(parts) == 0 {
		return s.idx[k-1] + 1, true
	}
	if k >= len(s.idx) || s.idx[k] >= to {
		return 0, false
	}
	p := parts[0]
	if p.kind == gapPart {
		for skip := 0; skip <= 3; skip++ {
			if k+skip > len(s.idx) {
				break
			}
			if skip > 0 && s.toks[s.idx[k+skip-1]].brk {
				break
			}
			if end, ok := matchAt(s, k+skip, parts[1:], to); ok {
				return end, true
			}
		}
		return 0, false
	}
	t := s.toks[s.idx[k]]
	if !p.matches(t) {
		// Speech puts soft adverbs between the words of a phrase ("I
		// basically trusted", "I just assumed"): look through up to
		// two of them, but never before the first word.
		if skips := 0; k > 0 && softWords[t.norm] && !t.brk {
			for skips < 2 && k < len(s.idx) && s.idx[k] < to && softWords[s.toks[s.idx[k]].norm] && !s.toks[s.idx[k]].brk {
				k++
				skips++
			}
			if k < len(s.idx) && s.idx[k] < to && p.matches(s.toks[s.idx[k]]) {
				return matchAt(s, k, parts, to)
			}
		}
		return 0, false
	}
	if len(parts) > 1 && t.brk {
		return 0, false
	}
	return matchAt(s, k+1, parts[1:], to)
}

// softWords are adverbs and hedges that speakers drop between the words
// of a phrase without changing it.
var softWords = map[string]bool{
	"just": true, "basically": true, "actually": true, "really": true, "honestly": true,
	"literally": true, "totally": true, "simply": true, "probably": true, "definitely": true,
	"obviously": true, "also": true, "still": true, "even": true, "like": true, "kind": true,
	"sort": true, "of": false, "genuinely": true, "truly": true, "completely": true, "personally": true,
	"then": true, "naively": true, "wrongly": true, "mistakenly": true, "clearly": true,
}

// score adds the weights of the lexicon's matches in tokens [from, to).
func (lx *lexicon) score(s stream, from, to int) float64 {
	total := 0.0
	for _, h := range lx.find(s, from, to) {
		total += h.weight
	}
	return total
}
