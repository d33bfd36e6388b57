package take

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
)

// Summary is one row of the library listing. For a damaged take only ID,
// Status and Reason are known.
type Summary struct {
	ID           string    `json:"id"`
	Question     string    `json:"question"`
	QuestionText string    `json:"question_text,omitempty"`
	Story        string    `json:"story"`
	Created      time.Time `json:"created"`
	DurationS    float64   `json:"duration_s"`
	// Score is the last report's score, nil when there is no report.
	Score  *int   `json:"score"`
	Status Status `json:"status"`
	Reason string `json:"reason,omitempty"`
	// SectionSeconds is the time spent in each rubric section, as in
	// History, or nil when the take is not timed.
	SectionSeconds []float64 `json:"section_seconds,omitempty"`
	// WPM is the last report's pace in words per speaking minute, for
	// History's pace trend; 0 when the report has no delivery (no word
	// times to measure it by).
	WPM float64 `json:"wpm,omitempty"`
}

// summarize makes the listing row of a loaded take.
func summarize(t *Take) Summary {
	s := Summary{
		ID: t.ID, Question: t.Question.ID, QuestionText: t.Question.Text, Story: t.Story,
		Created: t.Created, DurationS: t.DurationS, Status: t.Status, Reason: t.Note,
	}
	if t.Report != nil {
		v := t.Report.Score
		s.Score = &v
		if d := t.Report.Delivery; d != nil {
			s.WPM = d.WPM
		}
	}
	if secs, timed := timing(t); timed {
		s.SectionSeconds = make([]float64, len(secs))
		for i, x := range secs {
			s.SectionSeconds[i] = x.Seconds
		}
	}
	return s
}

// List returns every take in the library, oldest first. A take whose
// take.json cannot be read is listed with Status Damaged and the Reason;
// it does not stop the others from loading.
func (l *Library) List() ([]Summary, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	takes, damaged, err := l.loadAll()
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(takes)+len(damaged))
	for _, t := range takes {
		out = append(out, summarize(t))
	}
	out = append(out, damaged...)
	sortSummaries(out)
	return out, nil
}

// loadAll loads every take, splitting off the damaged ones as summaries.
// The caller holds l.mu.
func (l *Library) loadAll() ([]*Take, []Summary, error) {
	names, err := ids(l.root + "/" + takesDir)
	if err != nil {
		return nil, nil, err
	}
	var takes []*Take
	var damaged []Summary
	for _, id := range names {
		t, err := l.load(id)
		switch {
		case errors.Is(err, ErrNotFound):
			continue // removed while we listed
		case err != nil:
			damaged = append(damaged, damagedSummary(id, err))
		default:
			takes = append(takes, t)
		}
	}
	return takes, damaged, nil
}

// damagedSummary keeps the reason a take could not be read, without the
// "take <id>: take is damaged:" prefix the listing already shows.
func damagedSummary(id string, err error) Summary {
	reason := err.Error()
	if i := strings.Index(reason, ErrDamaged.Error()+": "); i >= 0 {
		reason = reason[i+len(ErrDamaged.Error())+2:]
	}
	return Summary{ID: id, Status: Damaged, Reason: reason}
}

// sortSummaries orders by creation time, then id; damaged takes, whose
// time is unknown, fall back on their id, which starts with it.
func sortSummaries(s []Summary) {
	key := func(x Summary) string {
		if x.Created.IsZero() {
			return x.ID
		}
		u := x.Created.UTC()
		return fmt.Sprintf("%s%03dZ\x00%s", u.Format("20060102T150405"), u.Nanosecond()/1e6, x.ID)
	}
	sort.SliceStable(s, func(i, j int) bool { return key(s[i]) < key(s[j]) })
}
