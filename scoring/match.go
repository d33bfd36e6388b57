package scoring

import "retake/scoring/text"

// findAll runs every word list over the token stream in one pass and
// returns each list's matches. At each start the heaviest (then the
// longest) match of a list wins; where a list's matches from different
// starts overlap, the heavier (then the longer, then the earlier) is
// kept, so "i'm struggling to" cannot hide "struggling to think of one".
func (ls *lexSet) findAll(s stream) [][]hit {
	n := len(ls.lexicons)
	cands := make([][]hit, n)
	m := matcher{s: s, best: make([]hit, n), touched: make([]int, 0, 8)}
	for i := range m.best {
		m.best[i] = hit{hi: -1}
	}
	for k, ti32 := range s.idx {
		ti := int(ti32)
		t := s.toks[ti]
		if t.Word > 0 && int(t.Word) < len(ls.first) {
			for _, r := range ls.first[t.Word] {
				m.walk(r, k+1, ti)
			}
		}
		if t.Is(text.Number) {
			for _, r := range ls.numeric {
				m.walk(r, k+1, ti)
			}
		}
		for _, r := range ls.prefix {
			if r.part.matches(&s, t) {
				m.walk(r, k+1, ti)
			}
		}
		for _, li := range m.touched {
			cands[li] = append(cands[li], m.best[li])
			m.best[li] = hit{hi: -1}
		}
		m.touched = m.touched[:0]
	}
	for i := range cands {
		cands[i] = resolveOverlaps(cands[i])
	}
	return cands
}

// matcher walks the pattern tries from one start token and keeps the
// best match found.
type matcher struct {
	s stream
	// best is the best match of each list from the current start, and
	// touched the lists that have one.
	best    []hit
	touched []int
}

// walk is called when node n has matched, with k the stream position of
// the next token and lo the full-token index where the match began.
func (m *matcher) walk(n *node, k, lo int) {
	s := m.s
	if n.part.kind != gapPart {
		for _, e := range n.ends {
			h := hit{lo: lo, hi: int(s.idx[k-1]) + 1, weight: e.pat.weight, pat: e.pat}
			b := &m.best[e.lex]
			if b.hi < 0 {
				m.touched = append(m.touched, e.lex)
			}
			if b.hi < 0 || h.weight > b.weight || (h.weight == b.weight && h.hi > b.hi) {
				*b = h
			}
		}
	}
	if len(n.kids) == 0 || s.ends(k-1) {
		return
	}
	kids := n.kids
	if n.byWord != nil {
		// Jump straight to the children that name this word, or the
		// word after up to two soft adverbs.
		for j, skips := k, 0; skips <= 2 && j < len(s.idx); j, skips = j+1, skips+1 {
			t := s.at(j)
			if t.Word > 0 {
				for _, kid := range n.byWord[t.Word] {
					m.walk(kid, j+1, lo)
				}
			}
			if !s.ls.isSoft(t.Word) || s.ends(j) {
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
	s := m.s
	if kid.part.kind != gapPart {
		m.step(kid, k, lo)
		return
	}
	for skip := 0; skip <= 3 && k+skip < len(s.idx); skip++ {
		if skip > 0 && s.ends(k+skip-1) {
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
	s := m.s
	if k >= len(s.idx) {
		return
	}
	if kid.part.matches(&s, s.at(k)) {
		m.walk(kid, k+1, lo)
		return
	}
	j := k
	for skips := 0; skips < 2 && j < len(s.idx); skips++ {
		t := s.at(j)
		if !s.ls.isSoft(t.Word) || s.ends(j) {
			return
		}
		j++
		if j < len(s.idx) && kid.part.matches(&s, s.at(j)) {
			m.walk(kid, j+1, lo)
			return
		}
	}
}
