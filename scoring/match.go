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
	m := matcher{s: s}
	best := make([]hit, n)
	touched := make([]int, 0, 8)
	try := func(r rootRef, k, ti int) {
		m.best = best[r.lex]
		m.walk(r.node, k+1, ti)
		if m.best.hi >= 0 && best[r.lex].hi < 0 {
			touched = append(touched, r.lex)
		}
		best[r.lex] = m.best
	}
	for i := range best {
		best[i] = hit{hi: -1}
	}
	for k, ti32 := range s.idx {
		ti := int(ti32)
		t := s.toks[ti]
		if t.Word > 0 && int(t.Word) < len(ls.first) {
			for _, r := range ls.first[t.Word] {
				try(r, k, ti)
			}
		}
		if t.Is(text.Number) {
			for _, r := range ls.numeric {
				try(r, k, ti)
			}
		}
		for _, r := range ls.prefix {
			if r.node.part.matches(&s, t) {
				try(r, k, ti)
			}
		}
		for _, li := range touched {
			cands[li] = append(cands[li], best[li])
			best[li] = hit{hi: -1}
		}
		touched = touched[:0]
	}
	for i := range cands {
		cands[i] = resolveOverlaps(cands[i])
	}
	return cands
}

// matcher walks the pattern tries from one start token and keeps the
// best match found.
type matcher struct {
	s    stream
	best hit
}

// walk is called when node n has matched, with k the stream position of
// the next token and lo the full-token index where the match began.
func (m *matcher) walk(n *node, k, lo int) {
	s := m.s
	if n.end != nil && n.part.kind != gapPart {
		h := hit{lo: lo, hi: int(s.idx[k-1]) + 1, weight: n.end.weight, pat: n.end}
		if m.best.hi < 0 || h.weight > m.best.weight || (h.weight == m.best.weight && h.hi > m.best.hi) {
			m.best = h
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
