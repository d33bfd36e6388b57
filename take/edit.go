package take

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"retake/scoring"
	"retake/scoring/transcript"
)

// MaxStoryLen bounds a story label, which is a short name such as
// "billing migration", not a description.
const MaxStoryLen = 80

// maxMarks is one mark per section after the first, for the largest
// rubric there can be; a take's own rubric may allow fewer (marksFor).
const maxMarks = scoring.MaxSections - 1

// Create starts a new take in the Recording state with an empty folder;
// the recorder writes into AudioPath and calls Finish when it stops. If
// the app dies first, the next writable Open repairs and recovers it.
func (l *Library) Create(q Question, story string) (*Take, error) {
	story, err := cleanStory(story)
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return nil, fmt.Errorf("create take: %w", err)
	}
	return l.create(q, story, "audio.wav", Recording)
}

// create makes the folder and first take.json of a new take. The caller
// holds l.mu.
func (l *Library) create(q Question, story, audio string, st Status) (*Take, error) {
	now := l.opts.Now()
	t := &Take{
		Schema: SchemaVersion, ID: NewID(now), Question: q, Story: story,
		Created: now.UTC(), Marks: []float64{}, Audio: audio, Status: st,
	}
	dir := l.takeDir(t.ID)
	if err := os.Mkdir(dir, dirPerm); err != nil {
		return nil, fmt.Errorf("create take %s: %w", t.ID, err)
	}
	if err := l.save(t); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return t, nil
}

// Finish records the length and section marks of a take whose recording
// has stopped, marks it OK (a recovered take stays Recovered),
// re-analyzes its transcript if it has one, and saves it. Marks are the
// seconds at which the second and later sections started; they must be
// in order, within the recording, and no more than the take's rubric has
// sections after the first.
func (l *Library) Finish(id string, durationS float64, marks []float64) (*Take, error) {
	if err := ValidateID(id); err != nil {
		return nil, err
	}
	if !finite(durationS) || durationS < 0 {
		return nil, fmt.Errorf("finish take %s: duration %v is not a non-negative number", id, durationS)
	}
	if err := checkMarks(marks, durationS, maxMarks); err != nil {
		return nil, fmt.Errorf("finish take %s: %w", id, err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return nil, fmt.Errorf("finish take %s: %w", id, err)
	}
	t, err := l.load(id)
	if err != nil {
		return nil, err
	}
	if err := checkMarks(marks, durationS, marksFor(t)); err != nil {
		return nil, fmt.Errorf("finish take %s: %w", id, err)
	}
	t.DurationS = durationS
	t.Marks = append([]float64{}, marks...)
	if t.Status == Recording {
		t.Status = OK
	}
	l.measurePauses(t)
	if err := analyze(t); err != nil {
		return nil, fmt.Errorf("finish take %s: %w", id, err)
	}
	if err := l.save(t); err != nil {
		return nil, err
	}
	dropJournal(t.dir) // its marks are in take.json now
	return t, nil
}

// SetTranscript stores a take's transcript, typed (SourceTyped) or
// imported (FileSource(name)), analyzes it and stores the report. Typed
// text over an engine's draft is a correction of that draft: the source
// stays the engine, marked corrected once the text changes, and the
// engine's timed words are kept so the edit can be aligned to them. An
// imported file replaces the draft and its words. An empty text clears
// the transcript and the report.
func (l *Library) SetTranscript(id, text string, source Source) (*Take, error) {
	return l.setTranscript(id, text, source, nil, nil)
}

// SetAnalyzedTranscript is SetTranscript for a caller that has just
// analyzed the text itself, as the app does while the person types: a
// report this analyzer version made with the take's rubric is stored as
// it is, and the take's target length follows it, so the text is not
// analyzed twice and the stored report is the one on screen. Any other
// report is recomputed.
func (l *Library) SetAnalyzedTranscript(id, text string, source Source, rep scoring.Report) (*Take, error) {
	return l.setTranscript(id, text, source, nil, &rep)
}

// SetDraft stores the transcript a speech engine made from the take's
// audio: its text, its timed words and the engine's name, replacing any
// transcript the take had. rep is the report the caller made for text,
// kept as SetAnalyzedTranscript keeps one; nil means analyze here.
func (l *Library) SetDraft(id, text string, words []Word, engine string, rep *scoring.Report) (*Take, error) {
	src := EngineSource(engine)
	if err := src.check(); err != nil {
		return nil, fmt.Errorf("set draft of take %s: engine name: %w", id, err)
	}
	if err := checkWords(words); err != nil {
		return nil, fmt.Errorf("set draft of take %s: %w", id, err)
	}
	if words == nil {
		words = []Word{}
	}
	return l.setTranscript(id, text, src, append([]Word(nil), words...), rep)
}

// setTranscript stores text from source; words are the engine's words of
// a new draft, nil for typed or imported text.
func (l *Library) setTranscript(id, text string, source Source, words []Word, rep *scoring.Report) (*Take, error) {
	if len(text) > transcript.MaxBytes {
		return nil, fmt.Errorf("set transcript of take %s: %w", id, transcript.ErrTooLarge)
	}
	if err := ValidateID(id); err != nil {
		return nil, err
	}
	if source.Kind == "" || source.Corrected {
		return nil, fmt.Errorf("set transcript of take %s: transcript source %q is not typed, a file or an engine", id, source)
	}
	if err := source.check(); err != nil {
		return nil, fmt.Errorf("set transcript of take %s: %w", id, err)
	}
	if source.IsDraft() && words == nil {
		return nil, fmt.Errorf("set transcript of take %s: an engine's draft is stored with SetDraft, with its words", id)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return nil, fmt.Errorf("set transcript of take %s: %w", id, err)
	}
	t, err := l.load(id)
	if err != nil {
		return nil, err
	}
	switch {
	case source.IsDraft():
		t.Words = words
	case source.Kind == SourceKindTyped && t.TranscriptSource.IsDraft():
		// An edit of the draft: it keeps its engine and its words.
		if text != t.Transcript {
			t.TranscriptSource.Corrected = true
		}
		source = t.TranscriptSource
	default:
		t.Words = nil
	}
	t.Transcript, t.TranscriptSource = text, source
	if text == "" && !source.IsDraft() {
		t.TranscriptSource = Source{}
	}
	if rep != nil && strings.TrimSpace(text) != "" && rep.AnalyzerVersion == scoring.Version && rep.Rubric == rubricOf(t) {
		t.Report, t.AnalyzerVersion, t.TargetS = rep, scoring.Version, rep.TargetS
	} else if err := analyze(t); err != nil {
		return nil, err
	}
	if err := l.save(t); err != nil {
		return nil, err
	}
	return t, nil
}

// SetStory renames the story a take tells; stories group takes in the
// history, so a take moved to another story is compared with that one's.
func (l *Library) SetStory(id, story string) (*Take, error) {
	story, err := cleanStory(story)
	if err != nil {
		return nil, err
	}
	if err := ValidateID(id); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return nil, fmt.Errorf("set story of take %s: %w", id, err)
	}
	t, err := l.load(id)
	if err != nil {
		return nil, err
	}
	t.Story = story
	if err := l.save(t); err != nil {
		return nil, err
	}
	return t, nil
}

// cleanStory trims a story label and rejects one that is too long or
// holds control characters (it ends up in file listings and terminals).
func cleanStory(s string) (string, error) {
	s = strings.TrimSpace(s)
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > MaxStoryLen {
		return "", fmt.Errorf("story label must be valid text of at most %d characters", MaxStoryLen)
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "", errors.New("story label must not contain control characters")
	}
	return s, nil
}

// marksFor is how many marks a take's rubric has room for: one per
// section after the first.
func marksFor(t *Take) int {
	r, err := loadRubric(t.Question.Rubric)
	if err != nil {
		return maxMarks
	}
	return len(r.Sections) - 1
}

// checkMarks validates section marks against a recording's length and
// the most marks allowed.
func checkMarks(marks []float64, durationS float64, most int) error {
	if len(marks) > most {
		return fmt.Errorf("%d section marks, expected at most %d", len(marks), most)
	}
	prev := 0.0
	for _, m := range marks {
		if !finite(m) || m < prev || m > durationS {
			return fmt.Errorf("section marks %v are not in order within the %.1f s recording", marks, durationS)
		}
		prev = m
	}
	return nil
}

// marksWithin drops the marks past the end of a recording that a crash
// cut short.
func marksWithin(marks []float64, durationS float64) []float64 {
	out := marks[:0:0]
	for _, m := range marks {
		if m <= durationS {
			out = append(out, m)
		}
	}
	return out
}
