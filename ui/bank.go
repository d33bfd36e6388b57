package ui

import (
	"encoding/json"
	"fmt"

	"retake/assets"
	"retake/scoring"
)

// Question is one phrasing from the question bank and the rubric that
// grades answers to it.
type Question struct {
	ID     string `json:"id"`
	Rubric string `json:"rubric"`
	Text   string `json:"text"`
}

// LoadQuestions reads the embedded question bank.
func LoadQuestions() ([]Question, error) {
	b, err := assets.Read("questions/questions.json")
	if err != nil {
		return nil, fmt.Errorf("load questions: %w", err)
	}
	var doc struct {
		Questions []Question `json:"questions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("load questions: %w", err)
	}
	if len(doc.Questions) == 0 {
		return nil, fmt.Errorf("load questions: the bank is empty")
	}
	return doc.Questions, nil
}

// Followups maps a flag id to the questions an interviewer would ask
// when that flag fires.
type Followups map[string][]string

// LoadFollowups reads the embedded follow-up drills.
func LoadFollowups() (Followups, error) {
	b, err := assets.Read("followups/followups.json")
	if err != nil {
		return nil, fmt.Errorf("load follow-ups: %w", err)
	}
	var doc struct {
		Followups Followups `json:"followups"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("load follow-ups: %w", err)
	}
	return doc.Followups, nil
}

// Drill picks up to three follow-up questions for a report. Major flags
// come first because those are what an interviewer would probe; each
// flag contributes its first question before any flag gives a second,
// so one flag cannot crowd out the others.
func (f Followups) Drill(rep scoring.Report) []string {
	const max = 3
	var order []string
	for _, sev := range []scoring.Severity{scoring.Major, scoring.Minor, scoring.Info} {
		for _, fl := range rep.Flags {
			if fl.Severity == sev && len(f[fl.ID]) > 0 {
				order = append(order, fl.ID)
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	for round := 0; len(out) < max; round++ {
		added := false
		for _, id := range order {
			qs := f[id]
			if round < len(qs) && !seen[qs[round]] && len(out) < max {
				seen[qs[round]] = true
				out = append(out, qs[round])
				added = true
			}
		}
		if !added {
			break
		}
	}
	return out
}
