package scoring

import "math"

// section ids in rubric order; the analyzer's rules refer to them.
const (
	secSituation = iota
	secMistake
	secRoot
	secResponse
	secChange
	numSections
)

// sectionCues names the lexicon whose hits vote for each section.
var sectionCues = [numSections]string{"cues-situation", "cues-mistake", "cues-rootcause", "cues-response", "cues-change"}

// assignment maps every unit to a section index, or -1 for none.
type assignment []int

// emissions scores each unit for each section from its own cues, capped
// so that one cue-dense clause cannot outvote the order of the answer.
func (d *doc) emissions() [][numSections]float64 {
	em := make([][numSections]float64, len(d.units))
	add := func(name string, sec int, scale float64) {
		for _, h := range d.hits[name] {
			em[d.tokUnit[h.lo]][sec] += h.weight * scale
		}
	}
	for sec, name := range sectionCues {
		add(name, sec, 1)
	}
	add("mech-artifacts", secChange, 0.5)
	add("mech-frames", secChange, 0.8)
	add("lesson-generic", secChange, 0.8)
	add("stakes", secMistake, 0.2)
	add("stakes", secResponse, 0.2)
	add("blame", secMistake, 0.5)
	add("fake-mistake", secMistake, 0.8)
	for u := range em {
		for s := range em[u] {
			em[u][s] = math.Min(em[u][s], 6)
		}
	}
	return em
}

// sectionBounds are the expected relative positions of the sections in
// the answer, from the rubric's time shares.
var sectionCentres = [numSections]float64{0.05, 0.18, 0.35, 0.55, 0.82}

const (
	priorWeight = 3.0
	priorWidth  = 0.22
	skipCost    = 1.5
)

// decode assigns units to sections in order: each section is one run of
// consecutive units, sections never go back, and any may be missing. It
// is a Viterbi pass over (unit, section) maximising cue votes plus a
// prior on where each section usually sits.
func (d *doc) decode() assignment {
	n := len(d.units)
	out := make(assignment, n)
	if n == 0 {
		return out
	}
	em := d.emissions()
	total := float64(d.words)
	score := make([][numSections]float64, n)
	back := make([][numSections]int8, n)
	seen := 0
	for u := 0; u < n; u++ {
		w := d.unitWords(d.units[u])
		mid := (float64(seen) + float64(w)/2) / math.Max(total, 1)
		seen += w
		for s := 0; s < numSections; s++ {
			dist := (mid - sectionCentres[s]) / priorWidth
			e := em[u][s] - priorWeight*dist*dist
			if u == 0 {
				score[u][s] = e - skipCost*float64(s)
				back[u][s] = -1
				continue
			}
			best, arg := math.Inf(-1), 0
			for p := 0; p <= s; p++ {
				v := score[u-1][p] - skipCost*float64(max(s-p-1, 0))
				if v > best {
					best, arg = v, p
				}
			}
			score[u][s] = best + e
			back[u][s] = int8(arg)
		}
	}
	bestS, best := 0, math.Inf(-1)
	for s := 0; s < numSections; s++ {
		if v := score[n-1][s] - skipCost*float64(numSections-1-s); v > best {
			best, bestS = v, s
		}
	}
	for u := n - 1; u >= 0; u-- {
		out[u] = bestS
		if u > 0 {
			bestS = int(back[u][bestS])
		}
	}
	return out
}

// byMarks assigns units to sections by the time their first word was
// spoken, given the times at which sections 2..5 began.
func (d *doc) byMarks(times []float64, marks []float64) assignment {
	out := make(assignment, len(d.units))
	for u, un := range d.units {
		t := times[un.lo]
		s := 0
		for s < len(marks) && s < numSections-1 && t >= marks[s] {
			s++
		}
		out[u] = s
	}
	return out
}
