package scoring

// Version is the analyzer version stored with every report. Bump it when
// a rule change would alter a report, so stored takes get recomputed.
const Version = "0.5.0"

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
	// Criteria are the section's point criteria, each met or not, with
	// what it is worth out of the section's 100 and the reason to show.
	Criteria []Criterion `json:"criteria"`
	// Spans are the pieces of the text the section is told in, in text
	// order; Start and End are the first piece's. Empty when missing.
	Spans []Piece `json:"spans"`
	// MarkS is when the speaker pressed on to this section during the
	// take, -1 when no mark says. ToldS is when its content starts
	// being told, -1 when the words carry no times.
	MarkS float64 `json:"mark_s"`
	ToldS float64 `json:"told_s"`
	// Timing says, when set, how the timer marks and the content
	// disagree for this section ("you moved on to Root cause at 0:31;
	// the cause is told from 1:20").
	Timing string `json:"timing,omitempty"`
}

// Criterion is one thing a section earns points for.
type Criterion struct {
	ID string `json:"id"`
	// Met says whether the answer earned the points.
	Met bool `json:"met"`
	// Points is what the criterion is worth out of the section's 100.
	Points int `json:"points"`
	// Text is the reason to show: what earned the points when met, what
	// to do when not.
	Text string `json:"text"`
}

// Piece is one stretch of text [Start, End) that a section is told in.
type Piece struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// ScorePart is one term of the total: a section's weighted points, a
// flag's penalty, or the clamp to 0..100. The parts of a report add up
// exactly to its Score.
type ScorePart struct {
	// Kind is "section", "penalty" or "clamp".
	Kind string `json:"kind"`
	// ID is the section id or the flag id ("" for the clamp).
	ID string `json:"id"`
	// Points is the part's contribution to the score (negative for a
	// penalty).
	Points int `json:"points"`
	// Of is, for a section, the most it could contribute (its weight
	// times 100).
	Of int `json:"of,omitempty"`
}

// FillerStats counts filler words over the whole answer.
type FillerStats struct {
	Count     int     `json:"count"`
	PerMinute float64 `json:"per_minute"`
	// Heard is false when the transcript came from a speech engine that
	// drops fillers: the count then says nothing, and the card shows
	// "not heard" rather than 0.
	Heard bool `json:"heard"`
}

// Pause is a silence in the recording, in seconds from its start.
type Pause struct {
	Start float64 `json:"start"`
	End   float64 `json:"end"`
}

// Delivery is how the answer was spoken, from the audio and word times.
type Delivery struct {
	// SpeakingS is the time spent speaking: the duration less the long
	// pauses.
	SpeakingS float64 `json:"speaking_s"`
	// WPM is words per speaking minute.
	WPM float64 `json:"wpm"`
	// LongestPauseS is the longest pause, 0 when none.
	LongestPauseS float64 `json:"longest_pause_s"`
	// Pauses are the pauses of at least LongPauseS seconds.
	Pauses []Pause `json:"pauses"`
	// Sections is the delivery of each section that has words and times.
	Sections []SectionDelivery `json:"sections"`
}

// SectionDelivery is the delivery of one section.
type SectionDelivery struct {
	ID        string  `json:"id"`
	SpeakingS float64 `json:"speaking_s"`
	WPM       float64 `json:"wpm"`
	Pauses    int     `json:"pauses"`
}

// Source says where a transcript came from.
type Source struct {
	// Kind is "typed", "file" or "engine".
	Kind string `json:"kind"`
	// Name is the file name or the engine's name.
	Name string `json:"name,omitempty"`
	// Corrected is set when a person has edited an engine's draft.
	Corrected bool `json:"corrected,omitempty"`
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
	// ScoreParts explain Score: they add up to it exactly.
	ScoreParts []ScorePart `json:"score_parts"`
	// Order lists the section ids in the order the answer tells them
	// (a section told in two pieces appears twice).
	Order []string `json:"order"`
	// Delivery is nil when neither the audio nor the words carry times.
	Delivery *Delivery `json:"delivery,omitempty"`
	// Source is where the transcript came from.
	Source Source `json:"source"`
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
