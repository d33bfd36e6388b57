package take

import (
	"fmt"
	"io"
	"path"
	"strings"
	"time"

	"retake/scoring"
	"retake/scoring/transcript"
	"retake/speech/words"
)

// input builds the analyzer's input from what the take knows. A
// transcript imported from a subtitle file is stored verbatim, so parsing
// it again recovers the cue times.
func input(t *Take) (scoring.Input, error) {
	name := "typed.txt"
	if t.TranscriptSource.Kind == SourceKindFile {
		name = path.Base(t.TranscriptSource.Name)
	}
	tr, err := transcript.Parse(name, []byte(t.Transcript))
	if err != nil {
		return scoring.Input{}, fmt.Errorf("transcript of take %s: %w", t.ID, err)
	}
	in := scoring.FromTranscript(tr)
	in.Marks = t.Marks
	in.RecordingS = t.DurationS
	in.Target = time.Duration(t.TargetS * float64(time.Second))
	in.Rubric = t.Question.Rubric
	in.Pauses = t.Pauses
	src := t.TranscriptSource
	in.Source = scoring.Source{Kind: src.Kind, Name: src.Name, Corrected: src.Corrected}
	if src.IsDraft() {
		in = in.WithDraft(words.Cues(in.Text, t.Words))
	}
	return in, nil
}

// analyze recomputes the take's report, or clears it when there is no
// transcript to analyze.
func analyze(t *Take) error {
	if strings.TrimSpace(t.Transcript) == "" {
		t.Report, t.AnalyzerVersion = nil, ""
		return nil
	}
	in, err := input(t)
	if err != nil {
		return err
	}
	if _, err := loadRubric(in.Rubric); err != nil {
		// A person's own rubric file: the library cannot grade with it,
		// so the report the app made with it stays as it is.
		if t.Report != nil && t.Report.Rubric == in.Rubric {
			return nil
		}
		return fmt.Errorf("analyze take %s: %w", t.ID, err)
	}
	r := scoring.Analyze(in)
	t.Report, t.AnalyzerVersion = &r, scoring.Version
	return nil
}

// rubricOf is the id of the rubric that grades a take ("mistake" when the
// question names none). A rubric the library cannot load (a person's own
// file) is named by the take's question as it is.
func rubricOf(t *Take) string {
	r, err := loadRubric(t.Question.Rubric)
	if err != nil {
		return t.Question.Rubric
	}
	return r.ID
}

// refreshReport recomputes a report made by an older (or newer) analyzer
// and says whether the take changed. A transcript that no longer parses
// keeps its old report: losing it would be worse than a stale one.
func refreshReport(t *Take) bool {
	if strings.TrimSpace(t.Transcript) == "" || (t.Report != nil && t.AnalyzerVersion == scoring.Version) {
		return false
	}
	return analyze(t) == nil
}

// readLimited reads all of r, failing instead of allocating when it holds
// more than limit bytes. size is the expected length (0 when unknown),
// which saves the buffer regrowing on the way.
func readLimited(r io.Reader, size, limit int64) ([]byte, error) {
	lr := io.LimitReader(r, limit+1)
	b := make([]byte, 0, min(size, limit)+512)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("file is larger than %d bytes", limit)
	}
	return b, nil
}
