package take

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"retake/scoring"
)

// SchemaVersion is the layout of take.json this package writes. Version 1
// was the first layout (see takeV1); version 2 added story labels, the
// question text and rubric, and the analyzer version of the stored report;
// version 3 made the transcript source a record (typed, file or engine,
// and whether an engine's draft was corrected) and added the engine's
// timed words (see takeV2).
const SchemaVersion = 3

// Status is where a take stands.
type Status string

// The states a take can be in. Damaged and NeedsRecovery are never
// stored: Damaged is how List reports a take whose take.json cannot be
// read, NeedsRecovery a take a crash left recording that is not repaired
// and stored yet (its Note says why and what to do).
const (
	Recording     Status = "recording" // audio is being (or was, before a crash) written
	OK            Status = "ok"
	Recovered     Status = "recovered" // left in Recording by a crash and repaired on open
	Damaged       Status = "damaged"
	NeedsRecovery Status = "needs recovery"
)

// Question identifies what a take answers: the question bank id, the exact
// phrasing asked, and the rubric that grades it ("mistake" when empty).
type Question struct {
	ID     string `json:"id"`
	Text   string `json:"text,omitempty"`
	Rubric string `json:"rubric,omitempty"`
}

// Take is one rehearsal as stored in take.json.
type Take struct {
	Schema   int       `json:"schema"`
	ID       string    `json:"id"`
	Question Question  `json:"question"`
	Story    string    `json:"story,omitempty"`
	Created  time.Time `json:"created"`
	// DurationS is the length of the recording in seconds.
	DurationS float64 `json:"duration_s"`
	// Marks are the seconds at which sections 2..5 started.
	Marks            []float64 `json:"marks"`
	Transcript       string    `json:"transcript"`
	TranscriptSource Source    `json:"transcript_source,omitzero"`
	// Words are the timed words of the speech engine that made the
	// draft, kept while the person corrects its text; nil when no engine
	// has transcribed the take.
	Words []Word `json:"words,omitempty"`
	// Pauses are the recording's silences between speech, measured once
	// when the recording was finished, imported or recovered; nil when
	// they could not be measured.
	Pauses []scoring.Pause `json:"pauses,omitempty"`
	// Audio is the audio file's name inside the take's folder.
	Audio  string `json:"audio"`
	Status Status `json:"status"`
	// Note says what happened during a recovery, when anything went wrong.
	Note string `json:"note,omitempty"`
	// TargetS is the answer length the take was planned for, 0 for the
	// default.
	TargetS float64 `json:"target_s,omitempty"`
	// Report is the last analysis of the transcript, made by the analyzer
	// version in AnalyzerVersion; nil until there is a transcript.
	Report          *scoring.Report `json:"report,omitempty"`
	AnalyzerVersion string          `json:"analyzer_version,omitempty"`

	dir string // the take's folder, set by the library
}

// Dir returns the folder that holds the take's files.
func (t *Take) Dir() string { return t.dir }

// AudioPath returns the path of the take's audio file: where a recorder
// writes a new take, and where a player reads it.
func (t *Take) AudioPath() string { return t.dir + "/" + t.Audio }

// takeV1 is the first take.json layout: the question was a bare id, the
// status was called state, and the report carried no analyzer version of
// its own at the take level.
type takeV1 struct {
	Version    int             `json:"version"`
	ID         string          `json:"id"`
	Question   string          `json:"question"`
	Created    time.Time       `json:"created"`
	Duration   float64         `json:"duration"`
	Marks      []float64       `json:"marks"`
	Transcript string          `json:"transcript"`
	Source     string          `json:"source"`
	Audio      string          `json:"audio"`
	State      string          `json:"state"`
	Report     *scoring.Report `json:"report"`
}

// takeV2 is the second layout: the transcript source was a string
// ("typed", "transcriber" or "file:<name>") and there were no timed
// words. Its outer field shadows the embedded one of the same JSON name.
type takeV2 struct {
	Take
	Source string `json:"transcript_source"`
}

// maxQuestionLen bounds a stored question's text, a sentence or two.
const maxQuestionLen = 2000

// errSchema marks a take.json written by a newer Retake.
var errSchema = errors.New("unsupported schema version")

// decodeTake parses take.json in any known layout and returns it in the
// current one; migrated is true when the stored layout was older.
func decodeTake(data []byte) (t Take, migrated bool, err error) {
	if len(data) > maxTakeSz {
		return Take{}, false, fmt.Errorf("take.json is %d bytes, more than the %d allowed", len(data), maxTakeSz)
	}
	// The current layout is by far the common case: decode it in one
	// pass and only look closer when that does not fit.
	if err := json.Unmarshal(data, &t); err == nil && t.Schema == SchemaVersion {
		return t, false, checkTake(&t)
	}
	t = Take{}
	var head struct {
		Schema  *int `json:"schema"`
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return Take{}, false, fmt.Errorf("take.json is not valid JSON: %w", err)
	}
	switch {
	case head.Schema != nil && *head.Schema == SchemaVersion:
		if err := strictUnmarshal(data, &t); err != nil {
			return Take{}, false, err
		}
	case head.Schema != nil && *head.Schema == 2:
		var old takeV2
		if err := strictUnmarshal(data, &old); err != nil {
			return Take{}, false, err
		}
		t, migrated = old.Take, true
		t.Schema, t.TranscriptSource = SchemaVersion, sourceFromV2(old.Source, t.Transcript)
	case head.Schema == nil && head.Version != nil && *head.Version == 1:
		var old takeV1
		if err := strictUnmarshal(data, &old); err != nil {
			return Take{}, false, err
		}
		t, migrated = fromV1(old), true
	case head.Schema != nil:
		return Take{}, false, fmt.Errorf("%w %d (this Retake reads up to %d)", errSchema, *head.Schema, SchemaVersion)
	default:
		return Take{}, false, errors.New("take.json has no schema version")
	}
	return t, migrated, checkTake(&t)
}

// strictUnmarshal decodes the take; json.Unmarshal already refuses
// trailing bytes, which would mean a file spliced from two writes.
func strictUnmarshal(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("take.json: %w", err)
	}
	return nil
}

// fromV1 maps the first layout onto the current one. A v1 report has no
// trusted analyzer version, so AnalyzerVersion stays empty and the report
// is recomputed on next load.
func fromV1(o takeV1) Take {
	st := Status(o.State)
	if st == "" {
		st = OK
	}
	src := sourceFromV2(o.Source, o.Transcript)
	return Take{
		Schema:           SchemaVersion,
		ID:               o.ID,
		Question:         Question{ID: o.Question},
		Created:          o.Created,
		DurationS:        o.Duration,
		Marks:            o.Marks,
		Transcript:       o.Transcript,
		TranscriptSource: src,
		Audio:            o.Audio,
		Status:           st,
		Report:           o.Report,
	}
}

// checkTake rejects values that would mislead the rest of the program: an
// id that escapes the library, an audio name that is a path, times that
// are not finite.
func checkTake(t *Take) error {
	if err := ValidateID(t.ID); err != nil {
		return fmt.Errorf("take.json: %w", err)
	}
	if t.Audio != "" {
		if err := ValidateID(t.Audio); err != nil {
			return fmt.Errorf("take.json: audio file name: %w", err)
		}
	}
	if len(t.Question.ID) > maxIDLen || len(t.Question.Text) > maxQuestionLen || len(t.Question.Rubric) > maxIDLen || len(t.Story) > 4*MaxStoryLen {
		return errors.New("take.json: question or story is implausibly long")
	}
	switch t.Status {
	case Recording, OK, Recovered:
	default:
		return fmt.Errorf("take.json: unknown status %q", t.Status)
	}
	if !finite(t.DurationS) || t.DurationS < 0 || !finite(t.TargetS) || t.TargetS < 0 {
		return errors.New("take.json: duration is not a non-negative number")
	}
	if len(t.Marks) > 16 {
		return fmt.Errorf("take.json: %d section marks, expected at most 4", len(t.Marks))
	}
	for _, m := range t.Marks {
		if !finite(m) || m < 0 {
			return errors.New("take.json: section mark is not a non-negative number")
		}
	}
	if err := t.TranscriptSource.check(); err != nil {
		return fmt.Errorf("take.json: %w", err)
	}
	if err := checkWords(t.Words); err != nil {
		return fmt.Errorf("take.json: timed words: %w", err)
	}
	if len(checkedPauses(t.Pauses)) != len(t.Pauses) {
		return errors.New("take.json: pauses are not spans in time order")
	}
	return nil
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

// ErrTooLarge is returned for a take whose take.json would be larger
// than the library reads back (a huge transcript, say): it is refused
// before anything is written, rather than stored and listed as damaged.
var ErrTooLarge = errors.New("the take is too large to store")

// encodeStorable is encodeTake, refusing a take the library could not
// read back.
func encodeStorable(t *Take) ([]byte, error) {
	data, err := encodeTake(t)
	if err != nil {
		return nil, err
	}
	if len(data) > maxTakeSz {
		return nil, fmt.Errorf("%w: with its transcript (%.1f MB) and report its take.json would be %.1f MB, and the library keeps at most %d MB a take; shorten the transcript",
			ErrTooLarge, float64(len(t.Transcript))/(1<<20), float64(len(data))/(1<<20), maxTakeSz>>20)
	}
	return data, nil
}

// encodeTake is the on-disk form of a take: indented, so a person can read
// it, and always in the current layout. HTML escaping is off: it would
// store each '<' of a subtitle tag as six bytes for no reader's benefit.
func encodeTake(t *Take) ([]byte, error) {
	t.Schema = SchemaVersion
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(t); err != nil {
		return nil, fmt.Errorf("encode take %s: %w", t.ID, err)
	}
	return b.Bytes(), nil
}
