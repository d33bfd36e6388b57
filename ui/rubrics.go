package ui

import (
	"fmt"
	"os"
	"path/filepath"

	"retake/scoring"
)

// maxRubricBytes bounds a rubric file; real ones are a few KB.
const maxRubricBytes = 1 << 20

// ParseRubric reads a rubric file a person loads: the analyzer's own
// loader (scoring.ParseRubric), whose one-line errors name the field at
// fault, behind a size check so a stray big file is refused at once.
func ParseRubric(data []byte) (*scoring.Rubric, error) {
	if len(data) > maxRubricBytes {
		return nil, fmt.Errorf("the file is over %d KB; a rubric is a few KB of JSON", maxRubricBytes>>10)
	}
	return scoring.ParseRubric(data)
}

// rubric is the rubric with this id: a loaded one first, then those
// shipped with the app. An unknown id falls back on the first question's
// rubric, so an old take still shows its sections.
func (a *App) rubric(id string) *scoring.Rubric {
	if r, ok := a.rubrics[id]; ok {
		return r
	}
	if id != "" {
		if r, err := a.deps.LoadRubric(id); err == nil {
			a.rubrics[id] = r
			return r
		}
	}
	return a.rubrics[a.questions[0].Rubric]
}

// rubricOf is the rubric that grades a take.
func (a *App) rubricOf(t Take) *scoring.Rubric {
	id := t.Rubric
	if id == "" {
		if q, ok := a.question(t.QuestionID); ok {
			id = q.Rubric
		}
	}
	return a.rubric(id)
}

// question finds a bank entry by id.
func (a *App) question(id string) (Question, bool) {
	for _, q := range a.questions {
		if q.ID == id {
			return q, true
		}
	}
	return Question{}, false
}

// userQuestionPrefix starts the id of the question a loaded rubric adds.
const userQuestionPrefix = "user-"

// readRubricFile reads and checks a person's rubric file. It runs off
// the UI thread.
func (a *App) readRubricFile(path string) (*scoring.Rubric, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxRubricBytes {
		return nil, fmt.Errorf("%s is %d KB; a rubric is a few KB of JSON", filepath.Base(path), st.Size()>>10)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	r, err := a.deps.ParseRubric(data)
	if err != nil {
		return nil, err
	}
	if _, err := a.deps.LoadRubric(r.ID); err == nil {
		return nil, fmt.Errorf(`"id" %q is the id of a rubric that ships with Retake; give yours another id`, r.ID)
	}
	return r, nil
}

// addUserRubric puts a loaded rubric in use: its own question joins the
// bank (replacing the one an earlier file of the same id added), and the
// views that show sections follow it.
func (a *App) addUserRubric(r *scoring.Rubric) Question {
	a.rubrics[r.ID] = r
	q := Question{ID: userQuestionPrefix + r.ID, Rubric: r.ID, Text: r.Title}
	for i, old := range a.questions {
		if old.ID == q.ID {
			a.questions[i] = q
			a.Practice.questionsChanged()
			return q
		}
	}
	a.questions = append(a.questions, q)
	a.Practice.questionsChanged()
	return q
}
