package scoring

import (
	"math"
	"sort"

	"retake/scoring/passive"
)

// Analyze scores an answer against its rubric. It is pure: the same
// input always gives the same report. An unknown rubric id falls back to
// the mistake rubric.
func Analyze(in Input) Report {
	r, err := cachedRubric(in.Rubric)
	if err != nil {
		r = MustRubric("mistake")
	}
	d := newDoc(in.Text)
	a := &analysis{d: d, rubric: r, in: in}
	durS, durSrc := duration(in, d.words)
	target := ClampTarget(in.Target).Seconds()
	a.times = tokenTimes(d.toks, in.Cues)

	a.assignSections()
	a.findPassives()

	a.ruleClaimsImmunity()
	a.ruleFakeMistake()
	a.ruleBlameDiffusion()
	a.rulePassiveVoice()
	a.ruleNoStakes()
	a.ruleRootCause()
	a.ruleMechanism()
	fillers := a.ruleFillers(durS)
	a.ruleHedging()

	rep := Report{
		Version: ReportVersion, AnalyzerVersion: Version, Rubric: r.ID,
		Words: d.words, DurationS: round1(durS), DurationSource: durSrc, TargetS: target,
		Fillers: fillers, FirstPersonRatio: math.Round(a.firstPersonRatio()*100) / 100,
	}
	rep.Sections = a.sectionResults(durS, r.Plan(in.Target))
	if d.words > 0 {
		a.ruleLength(durS, target)
	}
	if d.words >= minBalanceWords {
		a.ruleBalance(rep.Sections)
	}
	rep.Passive = []Span{}
	for _, p := range a.passive {
		rep.Passive = append(rep.Passive, p.span)
	}
	sortFlags(a.flags)
	rep.Flags = a.flags
	if rep.Flags == nil {
		rep.Flags = []Flag{} // JSON readers get [], never null
	}
	rep.Score, rep.ScoreParts = a.overall(rep.Sections)
	rep.Order = a.order()
	rep.Source = in.Source
	if rep.Source.Kind == "" {
		rep.Source.Kind = "typed"
	}
	rep.Fillers.Heard = !in.DropsFillers
	return rep
}

// assignSections places every unit in a section. Marks place words only
// when the words carry times; a typed transcript is split by its own
// cues, and the marks still give each section's seconds.
func (a *analysis) assignSections() {
	if len(a.in.Marks) > 0 && a.times != nil && len(a.d.units) > 0 {
		a.sec = a.d.byMarks(a.times, a.in.Marks)
		return
	}
	a.sec = a.d.decode()
	a.dropCuelessSections()
}

// minBalanceWords is the length below which section shares say too
// little to judge the balance of an answer.
const minBalanceWords = 80

// dropCuelessSections removes a decoded section none of whose units
// carries a single cue of its own: the decoder placed it by position
// alone, so the answer most likely lacks it. Its units join the section
// before (or after, for the first).
func (a *analysis) dropCuelessSections() {
	own := make([]float64, numSections)
	present := make([]bool, numSections)
	for s := 0; s < numSections; s++ {
		for _, h := range a.d.hits[sectionCues[s]] {
			if a.sec[a.d.tokUnit[h.lo]] == s {
				own[s] += h.weight
			}
		}
	}
	for _, s := range a.sec {
		present[s] = true
	}
	// The mistake itself is always told somehow, owned or not, so only
	// the later sections can be missing.
	for s := secRoot; s < numSections; s++ {
		if !present[s] || own[s] > 0 {
			continue
		}
		if s == secChange && (own[s] > 0 || a.changeHints()) {
			continue
		}
		into := -1
		for p := s - 1; p >= 0; p-- {
			if present[p] {
				into = p
				break
			}
		}
		if into < 0 {
			continue
		}
		for u := range a.sec {
			if a.sec[u] == s {
				a.sec[u] = into
			}
		}
		present[s] = false
	}
}

// changeHints reports whether the units decoded as the change section
// talk about a practice or a lesson even without a change cue.
func (a *analysis) changeHints() bool {
	for _, name := range []string{"mech-artifacts", "mech-frames", "lesson-generic"} {
		for _, h := range a.d.hits[name] {
			if a.sec[a.d.tokUnit[h.lo]] == secChange {
				return true
			}
		}
	}
	return false
}

// findPassives runs the passive detector and ties each match to the
// token it starts at.
func (a *analysis) findPassives() {
	ms := passive.Find(a.d.text)
	k := 0
	for _, m := range ms {
		for k < len(a.d.toks) && a.d.toks[k].end <= m.Start {
			k++
		}
		tok := min(k, len(a.d.toks)-1)
		sp := Span{Start: m.Start, End: m.End, Text: a.d.text[m.Start:m.End], T: -1}
		a.passive = append(a.passive, passiveHit{span: a.timed(sp, tok), tok: tok, subject: m.Subject, part: m.Participle, byAgent: m.ByAgent})
	}
}

// sectionResults reports each rubric section: where it is, its words,
// time and share against the plan, and its score.
func (a *analysis) sectionResults(durS float64, plan []float64) []SectionResult {
	out := make([]SectionResult, numSections)
	starts := make([]float64, numSections+1)
	for s := range out {
		spec := a.rubric.Sections[s]
		out[s] = SectionResult{ID: spec.ID, Title: spec.Title, Weight: spec.Weight, PlannedS: round1(plan[s]), Start: -1, End: -1,
			Reasons: []string{}, Criteria: []Criterion{}, Spans: a.pieces(s), MarkS: -1, ToldS: -1}
		if s > 0 && s-1 < len(a.in.Marks) {
			out[s].MarkS = a.in.Marks[s-1]
		} else if s == 0 && len(a.in.Marks) > 0 {
			out[s].MarkS = 0
		}
	}
	ranges := make([][2]int, numSections)
	for s := range out {
		lo, hi := a.sectionTokens(s)
		ranges[s] = [2]int{lo, hi}
		if lo < 0 {
			continue
		}
		out[s].Start, out[s].End = a.d.toks[lo].start, a.d.toks[hi-1].end
		out[s].Words = a.d.wordsIn(lo, hi)
		if a.times != nil {
			out[s].ToldS = round1(a.times[lo])
		}
	}
	// Seconds: from marks when given, else from token times, else by words.
	switch {
	case len(a.in.Marks) > 0:
		starts[0] = 0
		for s := 1; s < numSections; s++ {
			if s-1 < len(a.in.Marks) {
				starts[s] = math.Min(a.in.Marks[s-1], durS)
			} else {
				starts[s] = durS
			}
		}
		starts[numSections] = durS
		for s := range out {
			out[s].Seconds = math.Max(starts[s+1]-starts[s], 0)
		}
	case a.times != nil:
		for s := range out {
			lo := ranges[s][0]
			if lo < 0 {
				continue
			}
			end := durS
			for n := s + 1; n < numSections; n++ {
				if ranges[n][0] >= 0 {
					end = a.times[ranges[n][0]]
					break
				}
			}
			start := a.times[lo]
			if s == 0 || a.firstPresent() == s {
				start = 0
			}
			out[s].Seconds = math.Max(end-start, 0)
		}
	default:
		if a.d.words > 0 {
			for s := range out {
				out[s].Seconds = durS * float64(out[s].Words) / float64(a.d.words)
			}
		}
	}
	for s := range out {
		if durS > 0 {
			out[s].Share = math.Round(out[s].Seconds/durS*1000) / 1000
		}
		out[s].Seconds = round1(out[s].Seconds)
		if lo := ranges[s][0]; lo >= 0 && out[s].Words > 0 {
			a.scoreSection(s, lo, ranges[s][1], &out[s])
		} else {
			out[s].Reasons = append(out[s].Reasons, "Missing: "+a.rubric.Sections[s].Prompt)
			if s == secRoot && sumWeights(a.hitsInSections("cues-rootcause", secMistake, secResponse)) >= 2 {
				out[s].Reasons = append(out[s].Reasons, "The cause is there, folded into another section: give it sentences of its own and go one level deeper.")
			}
		}
	}
	return out
}

// pieces returns the stretches of text section s is told in.
func (a *analysis) pieces(s int) []Piece {
	out := []Piece{}
	for u, us := range a.sec {
		if us != s {
			continue
		}
		un := a.d.units[u]
		if n := len(out); n > 0 && u > 0 && a.sec[u-1] == s {
			out[n-1].End = un.end
			continue
		}
		out = append(out, Piece{Start: un.start, End: un.end})
	}
	return out
}

// order lists the section ids in the order the answer tells them.
func (a *analysis) order() []string {
	out := []string{}
	for u, s := range a.sec {
		if s >= 0 && (u == 0 || a.sec[u-1] != s) {
			out = append(out, a.rubric.Sections[s].ID)
		}
	}
	return out
}

func (a *analysis) firstPresent() int {
	if len(a.sec) == 0 {
		return -1
	}
	return a.sec[0]
}

// overall is the weighted sum of section points less the penalties of
// the findings, clamped to 0..100, with the parts that make it up. Each
// part is a whole number and the score is their sum, so what the card
// shows always adds up.
func (a *analysis) overall(secs []SectionResult) (int, []ScorePart) {
	parts := []ScorePart{}
	total := 0
	for _, s := range secs {
		p := int(math.Round(s.Weight * float64(s.Score)))
		parts = append(parts, ScorePart{Kind: "section", ID: s.ID, Points: p, Of: int(math.Round(s.Weight * 100))})
		total += p
	}
	for _, f := range a.flags {
		p := a.rubric.Flags[f.ID].Penalty
		if f.Severity == Major && a.rubric.Flags[f.ID].Severity != Major {
			p *= 2
		}
		if n := int(math.Round(p)); n > 0 {
			parts = append(parts, ScorePart{Kind: "penalty", ID: f.ID, Points: -n})
			total -= n
		}
	}
	switch {
	case total < 0:
		parts = append(parts, ScorePart{Kind: "clamp", Points: -total})
		total = 0
	case total > 100:
		parts = append(parts, ScorePart{Kind: "clamp", Points: 100 - total})
		total = 100
	}
	return total, parts
}

var severityRank = map[Severity]int{Major: 0, Minor: 1, Info: 2}

// sortFlags orders findings by severity, then by where they first occur.
func sortFlags(fs []Flag) {
	sort.SliceStable(fs, func(i, j int) bool {
		ri, rj := severityRank[fs[i].Severity], severityRank[fs[j].Severity]
		if ri != rj {
			return ri < rj
		}
		return firstStart(fs[i]) < firstStart(fs[j])
	})
}

func firstStart(f Flag) int {
	if len(f.Spans) == 0 {
		return math.MaxInt
	}
	return f.Spans[0].Start
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
