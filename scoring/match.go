package scoring

import (
	"retake/scoring/text"
	"slices"
)

// findAll runs every word list over the token stream in one pass and
// returns each list's matches. At each start the heaviest (then the
// longest) match of a list wins; where a list's matches from different
// starts overlap, the heavier (then the longer, then the earlier) is
// kept, so "i'm struggling to" cannot hide "struggling to think of one".
func (ls *lexSet) findAll(s stream) [][]hit {
	// A phrase never runs past a sentence end, so a long text is matched
	// in two halves cut at one, side by side.
	if cut := s.sentenceCut(s.n / 2); cut > 0 && s.n >= parallelFrom && s.n < parallelUpTo && !sequential {
		var second [][][]hit
		done := make(chan struct{})
		go func() {
			second = ls.findChunked(s, cut, s.n)
			close(done)
		}()
		first := ls.findChunked(s, 0, cut)
		<-done
		for i := range first {
			first[i] = append(first[i], second[i]...)
		}
		return joinParts(first)
	}
	return joinParts(ls.findChunked(s, 0, s.n))
}

// joinParts joins each list's matches, found a chunk at a time, into
// one slice per list.
func joinParts(parts [][][]hit) [][]hit {
	out := make([][]hit, len(parts))
	for i, ps := range parts {
		out[i] = joinHits(ps...)
		parts[i] = nil
	}
	return out
}

// parallelFrom is the stream length from which matching runs in two
// halves; below it a goroutine costs more than it saves.
const parallelFrom = 40000

// parallelUpTo is the stream length from which matching is one pass
// again: joining the halves copies every match, and on a text of many
// megabytes that copy costs more memory than the second core saves time.
const parallelUpTo = 800000

// chunk is about how many stream positions are matched at a time: the
// candidates of one chunk are resolved before the next is read, so a
// long text never holds all its candidates at once.
const chunk = 16384

// sentenceCut returns the first stream position at or after k that
// follows a sentence end, or 0 when there is none.
func (s *stream) sentenceCut(k int) int {
	for ; k > 0 && k < s.n-1; k++ {
		if s.ends(k) {
			return k + 1
		}
	}
	return 0
}

// findChunked matches stream positions [from, to) a chunk at a time and
// returns each list's resolved matches, a slice per chunk.
func (ls *lexSet) findChunked(s stream, from, to int) [][][]hit {
	// Each chunk's matches are kept at their exact size and joined once
	// at the end (both halves' at once, for a text matched in two):
	// growing one slice per list as the chunks come would allocate
	// several times the final matches on a long text.
	parts := make([][][]hit, len(ls.names))
	var cands [][]hit
	var prefixOf []uint64
	for lo := from; lo < to; {
		hi := to
		if to-lo > 2*chunk {
			if c := s.sentenceCut(lo + chunk); c > 0 && c < to {
				hi = c
			}
		}
		cands, prefixOf = ls.findIn(s, lo, hi, cands, prefixOf)
		for i := range cands {
			if r := resolveOverlaps(cands[i]); len(r) > 0 {
				parts[i] = append(parts[i], slices.Clone(r))
			}
		}
		lo = hi
	}
	return parts
}

// joinHits returns the hits of the slices in order, in one slice of
// exactly their length (the only one when there is one).
func joinHits(ps ...[]hit) []hit {
	n, only := 0, []hit(nil)
	for _, p := range ps {
		n += len(p)
		if len(p) > 0 {
			only = p
		}
	}
	if n == len(only) {
		return only
	}
	out := make([]hit, 0, n)
	for _, p := range ps {
		out = append(out, p...)
	}
	return out
}

// findIn returns each list's candidate matches that start at stream
// positions [from, to), before overlaps are resolved, reusing the
// slices of cands, and the matcher's memo of prefix roots by word
// (prefixOf), which the next chunk reuses.
func (ls *lexSet) findIn(s stream, from, to int, cands [][]hit, prefixOf []uint64) ([][]hit, []uint64) {
	n := len(ls.names)
	if cands == nil {
		cands = make([][]hit, n)
	}
	for i := range cands {
		cands[i] = cands[i][:0]
	}
	m := matcher{s: s, best: make([]hit, n), touched: make([]int, 0, 8), prefixOf: prefixOf}
	for i := range m.best {
		m.best[i] = hit{hi: -1}
	}
	for k := from; k < to; k++ {
		ti := s.tok(k)
		t := s.toks[ti]
		if t.Word > 0 && int(t.Word) < len(ls.first) {
			if r := ls.first[t.Word]; r != nil {
				m.walk(r, k+1, ti)
			}
		}
		if t.Is(text.Number) {
			for _, r := range ls.numeric {
				m.walk(r, k+1, ti)
			}
		}
		if len(ls.prefix) > 0 {
			mask := m.prefixMask(t)
			for i, r := range ls.prefix {
				if mask&(1<<i) != 0 {
					m.walk(r, k+1, ti)
				}
			}
		}
		for _, li := range m.touched {
			cands[li] = append(cands[li], m.best[li])
			m.best[li] = hit{hi: -1}
		}
		m.touched = m.touched[:0]
	}
	return cands, m.prefixOf
}

// matcher walks the pattern tries from one start token and keeps the
// best match found.
type matcher struct {
	s stream
	// best is the best match of each list from the current start, and
	// touched the lists that have one.
	best    []hit
	touched []int
	// prefixOf remembers, by word id, which of the lexSet's prefix roots
	// ("sav*") the word starts (bit i+1 for root i; 0 means not yet
	// known), so each distinct word of a long text is compared once.
	prefixOf []uint64
}

// maxPrefixRoots is how many prefix roots prefixMask can remember; the
// shipped lists have a handful, and compileLists refuses more.
const maxPrefixRoots = 63

// prefixMask returns the prefix roots token t's word starts, as bits.
func (m *matcher) prefixMask(t text.Token) uint64 {
	id := int(t.Word)
	if id < len(m.prefixOf) && m.prefixOf[id] != 0 {
		return m.prefixOf[id] >> 1
	}
	var mask uint64
	for i, r := range m.s.ls.prefix {
		if r.part.matches(&m.s, t) {
			mask |= 1 << i
		}
	}
	if id > 0 {
		if id >= len(m.prefixOf) {
			m.prefixOf = append(m.prefixOf, make([]uint64, id+1-len(m.prefixOf)+len(m.prefixOf)/2)...)
		}
		m.prefixOf[id] = mask<<1 | 1
	}
	return mask
}

// walk is called when node n has matched, with k the stream position of
// the next token and lo the full-token index where the match began.
func (m *matcher) walk(n *node, k, lo int) {
	s := &m.s
	if n.part.kind != gapPart {
		for _, e := range n.ends {
			h := hit{lo: lo, hi: s.tok(k-1) + 1, weight: e.pat.weight, pat: e.pat}
			b := &m.best[e.lex]
			if b.hi < 0 {
				m.touched = append(m.touched, e.lex)
			}
			if b.hi < 0 || h.weight > b.weight || (h.weight == b.weight && h.hi > b.hi) {
				*b = h
			}
		}
	}
	if len(n.kids) == 0 || s.stops(k-1) {
		return
	}
	kids := n.kids
	if n.byWord != nil {
		// Jump straight to the children that name this word, or the
		// word after up to two soft adverbs.
		for j, skips := k, 0; skips <= 2 && j < s.n; j, skips = j+1, skips+1 {
			t := s.at(j)
			if t.Word > 0 {
				for _, kid := range n.byWord[t.Word] {
					m.walk(kid, j+1, lo)
				}
			}
			if !s.ls.isSoft(t.Word) || s.stops(j) {
				break
			}
		}
		kids = n.other
	}
	for _, kid := range kids {
		m.enter(kid, k, lo)
	}
}

// enter tries node kid at stream position k: a gap passes over up to
// three words (never past a sentence end) to its own children, any other
// part must match the word there.
func (m *matcher) enter(kid *node, k, lo int) {
	s := &m.s
	if kid.part.kind != gapPart {
		m.step(kid, k, lo)
		return
	}
	for skip := 0; skip <= 3 && k+skip < s.n; skip++ {
		if skip > 0 && s.stops(k+skip-1) {
			break
		}
		for _, gk := range kid.kids {
			m.enter(gk, k+skip, lo)
		}
	}
}

// step tries to match node kid at stream position k, looking through up
// to two soft adverbs ("I basically trusted") when the word itself does
// not match.
func (m *matcher) step(kid *node, k, lo int) {
	s := &m.s
	if k >= s.n {
		return
	}
	if kid.part.matches(s, s.at(k)) {
		m.walk(kid, k+1, lo)
		return
	}
	j := k
	for skips := 0; skips < 2 && j < s.n; skips++ {
		t := s.at(j)
		if !s.ls.isSoft(t.Word) || s.stops(j) {
			return
		}
		j++
		if j < s.n && kid.part.matches(s, s.at(j)) {
			m.walk(kid, j+1, lo)
			return
		}
	}
}
