package scoring

import (
	"fmt"
	"math"
	"sort"

	"retake/scoring/passive"
	"retake/scoring/text"
)

// Analyze scores an answer against its rubric (Input.Rubric, "mistake"
// when empty; an unknown id falls back to the mistake rubric). It is
// pure: the same input always gives the same report.
func Analyze(in Input) Report {
	r, err := LoadRubric(in.Rubric)
	if err != nil {
		r = MustRubric("mistake")
	}
	return AnalyzeWith(r, in)
}

// AnalyzeWith scores an answer against a rubric the caller loaded (for
// example a person's own file, through ParseRubric).
func AnalyzeWith(r *Rubric, in Input) Report {
	if r == nil || r.c == nil {
		r = MustRubric("mistake")
	}
	a := newAnalysis(r, in)
	d := a.d
	durSrc := a.durSrc

	rep := Report{
		Version: ReportVersion, AnalyzerVersion: Version, Rubric: r.ID,
		Words: d.words, DurationS: round1(a.durS), DurationSource: durSrc,
		TargetS: ClampTarget(in.Target).Seconds(),
		Source:  in.Source,
	}
	if rep.Source.Kind == "" {
		rep.Source.Kind = "typed"
	}
	a.secs = a.sectionTiming(r.Plan(in.Target))
	a.dl = a.delivery(a.secs)
	a.runChecks()
	for s := range a.secs {
		if a.secs[s].Words > 0 {
			a.scoreSection(s, &a.secs[s])
		} else {
			a.secs[s].Reasons = append(a.secs[s].Reasons, "Missing: "+r.Sections[s].Prompt)
		}
	}
	a.timingNotes()
	rep.Sections = a.secs
	rep.Delivery = a.dl
	rep.Passive = []Span{}
	for _, p := range a.passive {
		rep.Passive = append(rep.Passive, p.span)
	}
	rep.Fillers = a.fillerStats()
	rep.FirstPersonRatio = math.Round(a.firstPersonRatio()*100) / 100
	sortFlags(a.flags)
	rep.Flags = a.flags
	if rep.Flags == nil {
		rep.Flags = []Flag{} // JSON readers get [], never null
	}
	rep.Score, rep.ScoreParts = a.overall(rep.Sections)
	rep.Order = a.order()
	rep.capQuotes()
	return rep
}

// newAnalysis reads the text and finds its sections: everything the
// checks need before they run.
func newAnalysis(r *Rubric, in Input) *analysis {
	var ms []passive.Match
	d := newDoc(in.Text, r.c.ls, r.Decoder, func(td *text.Doc) { ms = passive.FindIn(td) })
	a := &analysis{r: r, c: r.c, d: d, in: in, ev: newEvidenceCells(r.c)}
	a.durS, a.durSrc = duration(in, d.words)
	if len(in.Cues) > 0 {
		spans := make([]tokenSpan, len(d.Toks))
		for i, t := range d.Toks {
			spans[i] = tokenSpan{int(t.Start), int(t.End)}
		}
		a.times, a.ends = tokenTimes(spans, in.Cues)
	}
	a.findPassives(ms)
	a.assignSections()
	return a
}

// assignSections places every unit in a section by what it says.
func (a *analysis) assignSections() {
	a.sec = a.decode()
	a.dropCueless(a.cueVotes)
}

// raise records a finding with the rubric's wording for it.
func (a *analysis) raise(id string, f finding) {
	spec := a.r.Flags[id]
	msg := spec.Message
	if f.detail != "" {
		msg += " " + f.detail
	}
	sev := spec.Severity
	if f.sev != "" {
		sev = f.sev
	}
	spans := f.spans
	if spans == nil {
		spans = []Span{}
	}
	a.flags = append(a.flags, Flag{ID: id, Severity: sev, Message: msg, Suggestion: spec.Suggestion, Spans: spans})
}

// sectionTiming reports each rubric section: where it is told, its
// words, and its time and share against the plan. Seconds come from the
// words' real times when there are any, else from the timer marks, else
// from the share of the words.
func (a *analysis) sectionTiming(plan []float64) []SectionResult {
	k := len(a.r.Sections)
	out := make([]SectionResult, k)
	for s := range out {
		spec := a.r.Sections[s]
		out[s] = SectionResult{ID: spec.ID, Title: spec.Title, Weight: spec.Weight, PlannedS: round1(plan[s]), Start: -1, End: -1,
			Reasons: []string{}, Criteria: []Criterion{}, Spans: a.pieces(s), MarkS: -1, ToldS: -1}
		switch {
		case s == 0 && len(a.in.Marks) > 0:
			out[s].MarkS = 0
		case s > 0 && s-1 < len(a.in.Marks):
			out[s].MarkS = round1(a.in.Marks[s-1])
		}
		units := a.sectionUnits(s)
		if len(units) == 0 {
			continue
		}
		first := a.d.units[units[0]]
		out[s].Start, out[s].End = out[s].Spans[0].Start, out[s].Spans[0].End
		for _, u := range units {
			out[s].Words += a.d.wordsIn(a.d.units[u].lo, a.d.units[u].hi)
		}
		if a.times != nil {
			out[s].ToldS = round1(a.times[first.lo])
		}
	}
	switch {
	case a.times != nil:
		// Each unit lasts until the next unit starts (the last until the
		// end of the answer), so pauses belong to what they follow.
		for u, un := range a.d.units {
			end := a.durS
			if u+1 < len(a.d.units) {
				end = a.times[a.d.units[u+1].lo]
			}
			start := a.times[un.lo]
			if u == 0 {
				start = 0
			}
			out[a.sec[u]].Seconds += math.Max(end-start, 0)
		}
	case len(a.in.Marks) > 0:
		starts := make([]float64, k+1)
		for s := 1; s < k; s++ {
			if s-1 < len(a.in.Marks) {
				starts[s] = math.Min(a.in.Marks[s-1], a.durS)
			} else {
				starts[s] = a.durS
			}
		}
		starts[k] = a.durS
		for s := range out {
			out[s].Seconds = math.Max(starts[s+1]-math.Max(starts[s], 0), 0)
		}
	case a.d.words > 0:
		for s := range out {
			out[s].Seconds = a.durS * float64(out[s].Words) / float64(a.d.words)
		}
	}
	for s := range out {
		if a.durS > 0 {
			out[s].Share = math.Round(out[s].Seconds/a.durS*1000) / 1000
		}
		out[s].Seconds = round1(out[s].Seconds)
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
		if n := len(out); n > 0 && a.sec[u-1] == s {
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
		if u == 0 || a.sec[u-1] != s {
			out = append(out, a.r.Sections[s].ID)
		}
	}
	return out
}

// timingNotes says, per section, where the timer marks and the content
// disagree: the speaker pressed on to a section well before (or after)
// telling it. Only real word times can tell.
func (a *analysis) timingNotes() {
	if a.times == nil || len(a.in.Marks) == 0 {
		return
	}
	tol := math.Max(6, 0.08*a.durS)
	for s := 1; s < len(a.secs); s++ {
		sec := &a.secs[s]
		if sec.MarkS < 0 {
			continue
		}
		if sec.ToldS < 0 {
			sec.Timing = fmt.Sprintf("You moved on to %s at %s, but the answer never tells it.", sec.Title, clock(sec.MarkS))
			continue
		}
		if math.Abs(sec.ToldS-sec.MarkS) > tol {
			sec.Timing = fmt.Sprintf("You moved on to %s at %s, but you tell it from %s.", sec.Title, clock(sec.MarkS), clock(sec.ToldS))
		}
	}
}

// overall is the weighted sum of section points less the penalties of
// the findings, clamped to 0..100, with the parts that make it up. Each
// part is a whole number and the score is their sum, so what the card
// shows always adds up. A flag raised at a severity above its rubric's
// costs double.
func (a *analysis) overall(secs []SectionResult) (int, []ScorePart) {
	parts := []ScorePart{}
	total := 0
	for _, s := range secs {
		p := int(math.Round(s.Weight * float64(s.Score)))
		parts = append(parts, ScorePart{Kind: "section", ID: s.ID, Points: p, Of: int(math.Round(s.Weight * 100))})
		total += p
	}
	for _, f := range a.flags {
		p := a.r.Flags[f.ID].Penalty
		if f.Severity == Major && a.r.Flags[f.ID].Severity != Major {
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
