package scoring

// Analyze scores an answer against its rubric. It is pure: the same
// input always gives the same report.
func Analyze(in Input) Report {
	r := MustRubric(in.Rubric)
	rep := Report{Version: ReportVersion, AnalyzerVersion: Version, Rubric: r.ID}
	plan := r.Plan(in.Target)
	for i, s := range r.Sections {
		rep.Sections = append(rep.Sections, SectionResult{ID: s.ID, Title: s.Title, Weight: s.Weight, PlannedS: plan[i], Start: -1, End: -1, Reasons: []string{}})
	}
	rep.Flags = []Flag{}
	rep.Passive = []Span{}
	return rep
}
