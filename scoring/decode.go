package scoring

import (
	"math"

	"retake/scoring/text"
)

// Sections are found from what each clause does, in any order: a
// Viterbi pass over the units where each unit votes for the sections its
// cues and facts point to, moving on to the next section in the rubric's
// order costs a little, jumping elsewhere more, and going back to a
// section already told more again. Position is a weak prior that breaks
// ties when the words do not decide; timer marks add a vote for the
// section they say was being told.

// votes are the units' raw votes for each section, before the prior:
// row u holds unit u's vote for every section.
type votes struct {
	k    int
	flat []float32
}

// row returns unit u's votes.
func (v votes) row(u int) []float32 { return v.flat[u*v.k : (u+1)*v.k : (u+1)*v.k] }

// emissions scores each unit for each section from its own cues and
// facts, capped so one cue-dense clause cannot outvote its neighbours.
func (a *analysis) emissions() votes {
	c, d := a.c, a.d
	k := len(a.r.Sections)
	em := votes{k: k, flat: make([]float32, len(d.units)*k)}
	for s, vs := range c.cues {
		for _, v := range vs {
			for _, h := range d.hits[v.list] {
				em.flat[int(d.tokUnit[h.lo])*k+s] += float32(h.weight * v.w)
			}
		}
		for _, v := range c.facts[s] {
			for u := range d.units {
				if n := d.facts[u][v.fact]; n > 0 {
					em.flat[u*k+s] += float32(float64(n) * v.w)
				}
			}
		}
	}
	if capV := float32(a.r.Decoder.Cap); capV > 0 {
		for i, x := range em.flat {
			em.flat[i] = min(x, capV)
		}
	}
	// The cue votes alone say whether a section is told at all.
	a.cueVotes = votes{k: k, flat: append([]float32(nil), em.flat...)}
	// Marks pressed during the take say which section the speaker meant
	// to be in; with real word times that is a vote, never a veto.
	if a.times != nil && len(a.in.Marks) > 0 && a.r.Decoder.MarkWeight > 0 {
		for u, un := range d.units {
			em.flat[u*k+a.markedSection(a.times[un.lo])] += float32(a.r.Decoder.MarkWeight)
		}
	}
	if cw := float32(a.r.Decoder.CueWeight); cw > 0 && cw != 1 {
		for i := range em.flat {
			em.flat[i] *= cw
		}
	}
	a.modelVotes(em)
	return em
}

// markedSection is the section the timer marks place time t in.
func (a *analysis) markedSection(t float64) int {
	s := 0
	for s < len(a.in.Marks) && s < len(a.r.Sections)-1 && t >= a.in.Marks[s] {
		s++
	}
	return s
}

// maxMaskStates bounds the decoder that remembers which sections have
// been told; larger rubrics or very long texts use the plain decoder.
const (
	maxMaskStates = 5000
	maxMaskUnits  = 3000
)

// scorer gives the decoder each unit's score for each section: its
// votes less the position prior.
type scorer struct {
	em     votes
	mid    []float32 // each unit's middle, as a share of the words
	pos    []float64
	weight float64
	width  float64
	cap    float64
}

func (sc *scorer) at(u, s int) float64 {
	dist := (float64(sc.mid[u]) - sc.pos[s]) / sc.width
	d2 := dist * dist
	if sc.cap > 0 {
		d2 = math.Min(d2, sc.cap)
	}
	return float64(sc.em.flat[u*sc.em.k+s]) - sc.weight*d2
}

// decode assigns every unit a section.
func (a *analysis) decode() []int {
	if len(a.d.units) == 0 {
		return []int{}
	}
	a.em = a.emissions()
	return a.viterbi()
}

// viterbi finds the best assignment for the votes in a.em.
func (a *analysis) viterbi() []int {
	n := len(a.d.units)
	k := len(a.r.Sections)
	dec := a.r.Decoder
	sc := &scorer{em: a.em, mid: make([]float32, n), weight: dec.PriorWeight, width: math.Max(dec.PriorWidth, 0.01), cap: dec.PriorCap}
	for _, s := range a.r.Sections {
		sc.pos = append(sc.pos, s.Position)
	}
	total := math.Max(float64(a.d.words), 1)
	seen := 0
	for u, un := range a.d.units {
		w := a.d.wordsIn(un.lo, un.hi)
		sc.mid[u] = float32((float64(seen) + float64(w)/2) / total)
		seen += w
	}
	// Paragraph starts, where a section change is cheaper.
	para := make([]bool, n)
	paras := 0
	for u := 1; u < n; u++ {
		if a.d.Toks[a.d.units[u].lo-1].After == text.Paragraph {
			para[u] = true
			paras++
		}
	}
	factor, mid := 1.0, 0.0
	if paras >= 2 {
		factor, mid = dec.ParagraphFactor, dec.MidParagraphCost
		if factor <= 0 {
			factor = 1
		}
	}
	// Clauses that open with a word of moving on, where a change is
	// cheaper too (the only such sign in unpunctuated speech).
	opener := make([]bool, n)
	if li := a.c.ls.list(dec.Openers); li >= 0 && dec.OpenerFactor > 0 {
		for _, h := range a.d.hits[li] {
			// Fillers may come first: "so um basically".
			u := a.d.unitOf(h.lo)
			if a.d.wordsIn(a.d.units[u].lo, h.lo) == 0 {
				opener[u] = true
			}
		}
	}
	scale := func(u int, c float64) float64 {
		if para[u] {
			c *= factor
		} else {
			c += mid
		}
		if opener[u] {
			c *= dec.OpenerFactor
		}
		return c
	}
	move := func(u, p, s int) float64 {
		c := dec.JumpCost
		switch {
		case p == s:
			return 0
		case s == p+1:
			c = dec.NextCost
		}
		return scale(u, c)
	}
	start := func(s int) float64 {
		if s == 0 {
			return 0
		}
		return dec.NextCost
	}
	if (1<<k)*k*k <= maxMaskStates && n <= maxMaskUnits {
		// Knowing what has been told, a move costs NextCost to a section
		// not yet told (OrderCost more when it skips ahead of the first
		// untold one in the rubric's order), and ReturnCost to one told
		// already; a paragraph start makes any move cheaper.
		told := func(u, p, s, mask int) float64 {
			if p == s {
				return 0
			}
			c := dec.NextCost
			switch {
			case mask&(1<<s) != 0:
				c = dec.ReturnCost
			case s != firstUntold(mask, k):
				c += dec.OrderCost
			}
			return scale(u, c)
		}
		return decodeMasked(sc, n, k, told, start)
	}
	return decodePlain(sc, n, k, move, start)
}

// decodePlain is Viterbi over the sections alone.
func decodePlain(sc *scorer, n, k int, move func(u, p, s int) float64, start func(s int) float64) []int {
	score := make([]float64, k)
	next := make([]float64, k)
	back := make([]int8, n*k)
	for s := 0; s < k; s++ {
		score[s] = sc.at(0, s) - start(s)
	}
	for u := 1; u < n; u++ {
		for s := 0; s < k; s++ {
			best, arg := math.Inf(-1), 0
			for p := 0; p < k; p++ {
				if v := score[p] - move(u, p, s); v > best {
					best, arg = v, p
				}
			}
			next[s] = best + sc.at(u, s)
			back[u*k+s] = int8(arg)
		}
		score, next = next, score
	}
	bestS := 0
	for s := 1; s < k; s++ {
		if score[s] > score[bestS] {
			bestS = s
		}
	}
	out := make([]int, n)
	for u := n - 1; u >= 0; u-- {
		out[u] = bestS
		bestS = int(back[u*k+bestS])
	}
	return out
}

// firstUntold is the first section in the rubric's order not in mask.
func firstUntold(mask, k int) int {
	for s := 0; s < k; s++ {
		if mask&(1<<s) == 0 {
			return s
		}
	}
	return k
}

// decodeMasked is Viterbi over (sections told so far, current section),
// so going back to a section already told can cost extra.
func decodeMasked(sc *scorer, n, k int, move func(u, p, s, mask int) float64, start func(s int) float64) []int {
	states := (1 << k) * k
	neg := math.Inf(-1)
	score := make([]float64, states)
	next := make([]float64, states)
	back := make([]int32, n*states)
	for i := range score {
		score[i] = neg
	}
	for s := 0; s < k; s++ {
		score[(1<<s)*k+s] = sc.at(0, s) - start(s)
	}
	e := make([]float64, k)
	for u := 1; u < n; u++ {
		for i := range next {
			next[i] = neg
		}
		for s := 0; s < k; s++ {
			e[s] = sc.at(u, s)
		}
		for mask := 1; mask < 1<<k; mask++ {
			for p := 0; p < k; p++ {
				from := mask*k + p
				v0 := score[from]
				if v0 == neg {
					continue
				}
				for s := 0; s < k; s++ {
					cost := move(u, p, s, mask)
					to := (mask|1<<s)*k + s
					if v := v0 - cost + e[s]; v > next[to] {
						next[to] = v
						back[u*states+to] = int32(from)
					}
				}
			}
		}
		score, next = next, score
	}
	best := 0
	for i := range score {
		if score[i] > score[best] {
			best = i
		}
	}
	out := make([]int, n)
	for u := n - 1; u >= 0; u-- {
		out[u] = best % k
		best = int(back[u*states+best])
	}
	return out
}

// dropCueless folds a decoded section whose units carry too little cue
// weight of their own into the section told before it (or after, for
// the first): the decoder placed it by position alone, so the answer
// most likely lacks it.
func (a *analysis) dropCueless(em votes) {
	k := len(a.r.Sections)
	own := make([]float64, k)
	present := make([]bool, k)
	for u, s := range a.sec {
		present[s] = true
		if v := em.flat[u*k+s]; v > 0 {
			own[s] += float64(v)
		}
	}
	for s := 0; s < k; s++ {
		if !present[s] || own[s] >= a.r.Decoder.Drop || a.c.keep[s] {
			continue
		}
		for u := range a.sec {
			if a.sec[u] != s {
				continue
			}
			into := -1
			for p := u - 1; p >= 0; p-- {
				if a.sec[p] != s {
					into = a.sec[p]
					break
				}
			}
			if into < 0 {
				for q := u + 1; q < len(a.sec); q++ {
					if a.sec[q] != s {
						into = a.sec[q]
						break
					}
				}
			}
			if into >= 0 {
				a.sec[u] = into
			}
		}
	}
}
