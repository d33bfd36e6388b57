package take

import (
	"sort"
	"sync"
	"time"

	"retake/scoring"
)

// SectionTiming is how long one rubric section took in a take, against
// the plan. Shares are fractions of the take's timed sections.
type SectionTiming struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	Seconds      float64 `json:"seconds"`
	Share        float64 `json:"share"`
	PlannedS     float64 `json:"planned_s"`
	PlannedShare float64 `json:"planned_share"`
}

// HistoryEntry is one take in a history: its score and timing, and how
// its flags moved against the previous analyzed take of the same question
// and story.
type HistoryEntry struct {
	ID        string    `json:"id"`
	Question  string    `json:"question"`
	Story     string    `json:"story"`
	Created   time.Time `json:"created"`
	Status    Status    `json:"status"`
	Score     *int      `json:"score"`
	DurationS float64   `json:"duration_s"`
	// Timed is false when nothing says how the time was split: no
	// timed report and no section marks (an imported take without a
	// subtitle transcript, say). Its section seconds are then all zero
	// and the trends leave it out.
	Timed    bool            `json:"timed"`
	Sections []SectionTiming `json:"sections"`
	// Flags are the ids of the flags this take's report raised.
	Flags []string `json:"flags"`
	// PreviousID is the take Fixed and Raised compare with, "" for the
	// first analyzed take of its story.
	PreviousID string `json:"previous_id,omitempty"`
	// Fixed were raised by the previous take and are gone now; Raised
	// are new in this one.
	Fixed  []string `json:"fixed"`
	Raised []string `json:"raised"`
}

// History returns the takes of a question and story in time order
// (damaged takes left out). An empty question or story matches all; the
// flag comparison is always within one question and story.
func (l *Library) History(question, story string) ([]HistoryEntry, error) {
	l.mu.Lock()
	takes, _, err := l.loadAll()
	l.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return history(takes, question, story), nil
}

// history is History on loaded takes.
func history(takes []*Take, question, story string) []HistoryEntry {
	sort.SliceStable(takes, func(i, j int) bool {
		if !takes[i].Created.Equal(takes[j].Created) {
			return takes[i].Created.Before(takes[j].Created)
		}
		return takes[i].ID < takes[j].ID
	})
	type prev struct {
		id    string
		flags []string
	}
	last := map[string]prev{}
	var out []HistoryEntry
	for _, t := range takes {
		e := entry(t)
		if t.Report != nil {
			key := t.Question.ID + "\x00" + t.Story
			if p, ok := last[key]; ok {
				e.PreviousID = p.id
				e.Fixed, e.Raised = diff(p.flags, e.Flags), diff(e.Flags, p.flags)
			}
			last[key] = prev{t.ID, e.Flags}
		}
		if (question == "" || question == t.Question.ID) && (story == "" || story == t.Story) {
			out = append(out, e)
		}
	}
	return out
}

// entry makes a history entry without the comparison.
func entry(t *Take) HistoryEntry {
	e := HistoryEntry{
		ID: t.ID, Question: t.Question.ID, Story: t.Story, Created: t.Created, Status: t.Status,
		DurationS: t.DurationS, Flags: []string{}, Fixed: []string{}, Raised: []string{},
	}
	e.Sections, e.Timed = timing(t)
	if t.Report != nil {
		s := t.Report.Score
		e.Score = &s
		for _, f := range t.Report.Flags {
			e.Flags = append(e.Flags, f.ID)
		}
	}
	return e
}

// timing gives each section's seconds: the analyzer's when it timed them
// (it merges marks and subtitle cues), else the recorder's marks alone.
// With fewer than four marks the recording stopped early: the last
// section reached runs to the end and the rest took no time.
func timing(t *Take) (out []SectionTiming, timed bool) {
	if t.Report != nil && len(t.Report.Sections) > 0 {
		for _, s := range t.Report.Sections {
			out = append(out, SectionTiming{ID: s.ID, Title: s.Title, Seconds: s.Seconds, PlannedS: s.PlannedS, PlannedShare: s.Weight})
		}
	} else {
		r, err := loadRubric(t.Question.Rubric)
		if err != nil {
			return []SectionTiming{}, false
		}
		plan := r.Plan(time.Duration(t.TargetS * float64(time.Second)))
		bounds := append(append([]float64{0}, t.Marks...), t.DurationS)
		for i, s := range r.Sections {
			st := SectionTiming{ID: s.ID, Title: s.Title, PlannedS: plan[i], PlannedShare: s.Weight}
			if i+1 < len(bounds) && len(t.Marks) > 0 && t.DurationS > 0 {
				st.Seconds = max(0, bounds[i+1]-bounds[i])
			}
			out = append(out, st)
		}
	}
	total := 0.0
	for _, s := range out {
		total += s.Seconds
	}
	if total > 0 {
		for i := range out {
			out[i].Share = out[i].Seconds / total
		}
	}
	return out, total > 0
}

// rubrics caches the embedded rubrics: they never change while the
// program runs, and a listing would otherwise parse one per take.
var rubrics sync.Map // rubric id -> *scoring.Rubric

// loadRubric is scoring.LoadRubric, cached.
func loadRubric(id string) (*scoring.Rubric, error) {
	if r, ok := rubrics.Load(id); ok {
		return r.(*scoring.Rubric), nil
	}
	r, err := scoring.LoadRubric(id)
	if err != nil {
		return nil, err
	}
	rubrics.Store(id, r)
	return r, nil
}

// diff returns the ids in a that are not in b.
func diff(a, b []string) []string {
	out := []string{}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			out = append(out, x)
		}
	}
	return out
}
