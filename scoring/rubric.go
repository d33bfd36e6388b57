package scoring

import (
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"retake/assets"
)

// SectionSpec is one section of a rubric as the data file describes it.
type SectionSpec struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Weight float64 `json:"weight"`
	// Prompt is the one-line reminder of what the section should cover.
	Prompt string `json:"prompt"`
}

// Rubric is a question family's grading scheme: its ordered, weighted
// sections. It is data (assets/rubrics/<id>.json), not code.
type Rubric struct {
	ID       string        `json:"id"`
	Title    string        `json:"title"`
	Sections []SectionSpec `json:"sections"`
	// Flags holds the text and weight of every finding, by flag id.
	Flags map[string]FlagSpec `json:"flags"`
}

// FlagSpec is how a rubric words and weighs one kind of finding.
type FlagSpec struct {
	Severity   Severity `json:"severity"`
	Penalty    float64  `json:"penalty"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion"`
}

// LoadRubric reads the embedded rubric with this id ("mistake" when id is
// empty) and checks that its weights add up to one.
func LoadRubric(id string) (*Rubric, error) {
	if id == "" {
		id = "mistake"
	}
	b, err := assets.Read("rubrics/" + id + ".json")
	if err != nil {
		return nil, fmt.Errorf("load rubric %q: %w", id, err)
	}
	var r Rubric
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("load rubric %q: %w", id, err)
	}
	if len(r.Sections) == 0 {
		return nil, fmt.Errorf("load rubric %q: no sections", id)
	}
	sum := 0.0
	for _, s := range r.Sections {
		sum += s.Weight
	}
	if sum < 0.999 || sum > 1.001 {
		return nil, fmt.Errorf("load rubric %q: weights add up to %.3f, not 1", id, sum)
	}
	return &r, nil
}

// MustRubric is LoadRubric for the rubrics compiled into the binary,
// whose validity the tests guarantee.
func MustRubric(id string) *Rubric {
	r, err := cachedRubric(id)
	if err != nil {
		panic(err)
	}
	return r
}

var (
	rubricMu    sync.Mutex
	rubricCache = map[string]*Rubric{}
)

// cachedRubric is LoadRubric for the analyzer's hot path: the embedded
// rubrics never change while the program runs. Callers must not modify
// the result.
func cachedRubric(id string) (*Rubric, error) {
	rubricMu.Lock()
	defer rubricMu.Unlock()
	if r, ok := rubricCache[id]; ok {
		return r, nil
	}
	r, err := LoadRubric(id)
	if err != nil {
		return nil, err
	}
	rubricCache[id] = r
	return r, nil
}

// ClampTarget keeps a target length within the allowed range; zero
// means the default.
func ClampTarget(t time.Duration) time.Duration {
	switch {
	case t == 0:
		return DefaultTarget
	case t < MinTarget:
		return MinTarget
	case t > MaxTarget:
		return MaxTarget
	}
	return t
}

// Plan returns the planned seconds of each section for a target length:
// the section weights are shares of the speaking time too.
func (r *Rubric) Plan(target time.Duration) []float64 {
	total := ClampTarget(target).Seconds()
	out := make([]float64, len(r.Sections))
	for i, s := range r.Sections {
		out[i] = s.Weight * total
	}
	return out
}
