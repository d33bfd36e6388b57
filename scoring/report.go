package scoring

// Version is the analyzer version stored with every report. Bump it when
// a rule change would alter a report, so stored takes get recomputed.
const Version = "0.3.1"

// ReportVersion is the schema version of the JSON form of a Report.
const ReportVersion = 1

// Severity ranks a finding: a major flag costs points, a minor flag is
// worth fixing, info is context the coach reports without judging.
type Severity string

// The three severities a finding can carry.
const (
	Major Severity = "major"
	Minor Severity = "minor"
	Info  Severity = "info"
)

// Span is a half-open byte range [Start, End) into the analyzed text,
// with the bytes it covers, so a UI can highlight it and a terminal can
// quote it.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// T is the time in seconds at which the span is spoken, or -1 when
	// the transcript carries no times.
	T float64 `json:"t"`
}

// Flag is one finding of the coach: a stable id, how much it matters,
// what is wrong, how to fix it and the words that triggered it.
type Flag struct {
	ID         string   `json:"id"`
	Severity   Severity `json:"severity"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion"`
	Spans      []Span   `json:"spans"`
}

// SectionResult is how one of the rubric's sections fared: where it is
// in the text, how long it took against the plan and what it scored.
type SectionResult struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Weight   float64  `json:"weight"`
	Words    int      `json:"words"`
	Seconds  float64  `json:"seconds"`
	Share    float64  `json:"share"`
	PlannedS float64  `json:"planned_s"`
	Score    int      `json:"score"`
	Start    int      `json:"start"`
	End      int      `json:"end"`
	Reasons  []string `json:"reasons"`
}

// FillerStats counts filler words over the whole answer.
type FillerStats struct {
	Count     int     `json:"count"`
	PerMinute float64 `json:"per_minute"`
}

// Report is the analyzer's verdict on one answer.
type Report struct {
	Version          int             `json:"version"`
	AnalyzerVersion  string          `json:"analyzer_version"`
	Rubric           string          `json:"rubric"`
	Words            int             `json:"words"`
	DurationS        float64         `json:"duration_s"`
	DurationSource   string          `json:"duration_source"`
	TargetS          float64         `json:"target_s"`
	Score            int             `json:"score"`
	Sections         []SectionResult `json:"sections"`
	Flags            []Flag          `json:"flags"`
	Passive          []Span          `json:"passive"`
	Fillers          FillerStats     `json:"fillers"`
	FirstPersonRatio float64         `json:"first_person_ratio"`
}

// HasFlag reports whether the report raised the flag with this id.
func (r Report) HasFlag(id string) bool {
	for _, f := range r.Flags {
		if f.ID == id {
			return true
		}
	}
	return false
}
