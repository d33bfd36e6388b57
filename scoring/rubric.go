package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"retake/assets"
)

// Rubric is a question family's grading scheme, read from a JSON file
// (assets/rubrics/<id>.json, or a person's own file): its weighted
// sections with the cues that find them and the criteria that score
// them, the decoder's parameters, the evidence detectors, and the flags
// with their checks and wording. The analyzer's code loops over what the
// rubric says; see assets/rubrics/README.md for the format.
type Rubric struct {
	ID       string                  `json:"id"`
	Title    string                  `json:"title"`
	Sections []SectionSpec           `json:"sections"`
	Decoder  DecoderSpec             `json:"decoder"`
	Evidence map[string]EvidenceSpec `json:"evidence"`
	Flags    map[string]FlagSpec     `json:"flags"`
	// Wordlists are the rubric's own phrase lists, by name; they add to
	// (or replace) the lists shipped in assets/wordlists.
	Wordlists map[string][]string `json:"wordlists,omitempty"`

	c *compiled // built by the loader; never nil on a loaded rubric
}

// SectionSpec is one section of a rubric.
type SectionSpec struct {
	ID     string  `json:"id"`
	Title  string  `json:"title"`
	Weight float64 `json:"weight"`
	// Prompt is the one-line reminder of what the section should cover.
	Prompt string `json:"prompt"`
	// Position is where the section's middle usually falls, as a share
	// of the answer's words: a weak hint that breaks ties only when the
	// words themselves do not decide.
	Position float64 `json:"position"`
	// Cues are the phrase lists whose matches vote for the section, with
	// the weight of each vote.
	Cues map[string]float64 `json:"cues"`
	// Facts are the clause facts (see FactNames) that vote for (or,
	// negative, against) the section.
	Facts map[string]float64 `json:"facts"`
	// Criteria earn the section's points, which add up to 100.
	Criteria []CriterionSpec `json:"criteria"`
}

// CriterionSpec is one thing a section earns points for.
type CriterionSpec struct {
	ID     string    `json:"id"`
	Points int       `json:"points"`
	Check  CheckSpec `json:"check"`
	// Met is the reason shown when the answer earns the points, Unmet
	// what to do when it does not.
	Met   string `json:"met"`
	Unmet string `json:"unmet"`
}

// DecoderSpec sets how sections are found.
type DecoderSpec struct {
	// PriorWeight is how strongly position pulls against the cues, and
	// PriorWidth how wide each section's likely span is.
	PriorWeight float64 `json:"prior_weight"`
	PriorWidth  float64 `json:"prior_width"`
	// PriorCap bounds the prior's pull on one clause (in widths squared),
	// so a section told far from its usual place costs a little per
	// clause, not more the further it is (0: no bound).
	PriorCap float64 `json:"prior_cap"`
	// NextCost is the cost of moving on to a section not yet told, and
	// OrderCost the extra for one that skips ahead of the rubric's order;
	// ReturnCost is the cost of going back to a section already told.
	// JumpCost, for rubrics too large to track what has been told, is
	// the cost of any move but to the next section in order.
	NextCost   float64 `json:"next_cost"`
	OrderCost  float64 `json:"order_cost"`
	JumpCost   float64 `json:"jump_cost"`
	ReturnCost float64 `json:"return_cost"`
	// Cap bounds one clause's vote for a section, so one cue-dense clause
	// cannot outvote everything around it.
	Cap float64 `json:"cap"`
	// ParagraphFactor scales the cost of changing section at the start of
	// a paragraph (a blank line), where writers usually move on; in a
	// text of several paragraphs, MidParagraphCost is added to a change
	// anywhere else.
	ParagraphFactor  float64 `json:"paragraph_factor"`
	MidParagraphCost float64 `json:"mid_paragraph_cost"`
	// Openers is the phrase list of words speakers move on with ("so",
	// "anyway", "looking back"); a section change at a clause that
	// opens with one costs OpenerFactor times as much.
	Openers      string  `json:"openers"`
	OpenerFactor float64 `json:"opener_factor"`
	// Model names a section model in assets/models whose
	// log-probabilities, times ModelWeight, join the votes; CueWeight
	// scales the cue and fact votes (0 means 1).
	Model       string  `json:"model,omitempty"`
	ModelWeight float64 `json:"model_weight"`
	CueWeight   float64 `json:"cue_weight"`
	// MarkWeight is the vote a timer mark gives the section it says was
	// being told; clear content outvotes it.
	MarkWeight float64 `json:"mark_weight"`
	// MinUnitWords and MaxUnitWords bound the clauses an unpunctuated
	// run is cut into.
	MinUnitWords int `json:"min_unit_words"`
	MaxUnitWords int `json:"max_unit_words"`
	// ClauseStarts is the phrase list of words that open a clause.
	ClauseStarts string `json:"clause_starts"`
	// Drop is the least cue weight a section needs to be reported as
	// told; a section decoded with less is folded into its neighbour.
	Drop float64 `json:"drop"`
	// Keep lists sections that are never dropped (an answer always tells
	// its central event somehow).
	Keep []string `json:"keep"`
}

// FlagSpec is how a rubric raises, words and weighs one finding.
type FlagSpec struct {
	Severity   Severity  `json:"severity"`
	Penalty    float64   `json:"penalty"`
	Message    string    `json:"message"`
	Suggestion string    `json:"suggestion"`
	Check      CheckSpec `json:"check"`
	// Killer marks the flags the rubric treats as answer-killers.
	Killer bool `json:"killer,omitempty"`
}

// CheckSpec names a check kind and its data. Which fields a kind reads
// is in assets/rubrics/README.md; the loader refuses fields a kind does
// not know and lists, evidence, sections or flags that do not exist.
type CheckSpec struct {
	Kind string `json:"kind"`
	// List is a phrase list; Lists several, by role where a kind needs
	// more than one.
	List  string            `json:"list,omitempty"`
	Lists map[string]string `json:"lists,omitempty"`
	// Evidence names an evidence detector of the rubric.
	Evidence string `json:"evidence,omitempty"`
	// Sections limits the check to these sections ("" or empty: all).
	Sections []string `json:"sections,omitempty"`
	// Min and Max are thresholds on a weight, count or rate.
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
	// Unless lists filters that drop a match (see the README).
	Unless []string `json:"unless,omitempty"`
	// Flags names flags the check reads: their spans are ignored by
	// (after) or, for a criterion, must be absent from the section.
	Flags []string `json:"flags,omitempty"`
	// Of holds the checks of an "any" check.
	Of []CheckSpec `json:"of,omitempty"`
	// Params are the kind's other numbers, by name.
	Params map[string]float64 `json:"params,omitempty"`
	// Limit caps the spans quoted.
	Limit int `json:"limit,omitempty"`
	// At is the section whose opening a flag about something missing
	// points to when there are no words to quote.
	At string `json:"at,omitempty"`
}

// EvidenceSpec is a named detector that flags and criteria share.
type EvidenceSpec struct {
	Kind   string             `json:"kind"`
	Lists  map[string]string  `json:"lists,omitempty"`
	Unless []string           `json:"unless,omitempty"`
	Params map[string]float64 `json:"params,omitempty"`
	// Sections, for the kinds that read them, name the roles of
	// sections: "context", "half" and the like (see the README).
	Sections map[string][]string `json:"sections,omitempty"`
}

// ParseRubric reads a rubric file, checks it and compiles it. Every
// error names the field at fault ("sections[2].weight: missing").
func ParseRubric(data []byte) (*Rubric, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, errors.New("rubric: the file is empty")
	}
	var r Rubric
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("rubric: %s", jsonError(data, err))
	}
	if dec.More() {
		return nil, errors.New("rubric: more than one JSON value in the file")
	}
	if err := checkRequired(data); err != nil {
		return nil, fmt.Errorf("rubric %q: %w", r.ID, err)
	}
	if err := r.validate(); err != nil {
		return nil, fmt.Errorf("rubric %q: %w", r.ID, err)
	}
	c, err := compile(&r)
	if err != nil {
		return nil, fmt.Errorf("rubric %q: %w", r.ID, err)
	}
	r.c = c
	return &r, nil
}

// jsonError says where in the file a decoding error is.
func jsonError(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line := 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		return fmt.Sprintf("bad JSON at line %d: %v", line, se)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "bad JSON: the file ends in the middle of a value"
	case errors.As(err, &te):
		return fmt.Sprintf("%s: want a %s, not a JSON %s", te.Field, te.Type, te.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

// checkRequired reports numbers the format requires but the file leaves
// out, which Go's decoder would silently read as zero.
func checkRequired(data []byte) error {
	var raw struct {
		Sections []map[string]json.RawMessage `json:"sections"`
		Flags    map[string]map[string]json.RawMessage
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil // decoding already succeeded; shapes are checked elsewhere
	}
	for i, s := range raw.Sections {
		if _, ok := s["weight"]; !ok {
			return fmt.Errorf("sections[%d].weight: missing", i)
		}
	}
	names := make([]string, 0, len(raw.Flags))
	for n := range raw.Flags {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, ok := raw.Flags[n]["penalty"]; !ok {
			return fmt.Errorf("flags.%s.penalty: missing", n)
		}
	}
	return nil
}

// MinSections and MaxSections bound the number of sections a rubric
// may have.
const (
	MinSections = 2
	MaxSections = 10
)

// validate checks what the JSON decoder cannot: counts, sums, ids.
func (r *Rubric) validate() error {
	if strings.TrimSpace(r.ID) == "" {
		return errors.New("id: missing")
	}
	if strings.TrimSpace(r.Title) == "" {
		return errors.New("title: missing")
	}
	if n := len(r.Sections); n < MinSections || n > MaxSections {
		return fmt.Errorf("sections: %d sections, want %d to %d", n, MinSections, MaxSections)
	}
	seen := map[string]bool{}
	sum := 0.0
	for i, s := range r.Sections {
		at := fmt.Sprintf("sections[%d]", i)
		if strings.TrimSpace(s.ID) == "" {
			return fmt.Errorf("%s.id: missing", at)
		}
		if seen[s.ID] {
			return fmt.Errorf("%s.id: %q is used twice", at, s.ID)
		}
		seen[s.ID] = true
		if strings.TrimSpace(s.Title) == "" {
			return fmt.Errorf("%s.title: missing", at)
		}
		if !(s.Weight > 0 && s.Weight <= 1) {
			return fmt.Errorf("%s.weight: %v is not between 0 and 1", at, s.Weight)
		}
		if s.Position < 0 || s.Position > 1 {
			return fmt.Errorf("%s.position: %v is not between 0 and 1", at, s.Position)
		}
		sum += s.Weight
		if len(s.Criteria) == 0 {
			return fmt.Errorf("%s.criteria: none; a section needs at least one", at)
		}
		pts := 0
		cseen := map[string]bool{}
		for j, c := range s.Criteria {
			cat := fmt.Sprintf("%s.criteria[%d]", at, j)
			if c.ID == "" {
				return fmt.Errorf("%s.id: missing", cat)
			}
			if cseen[c.ID] {
				return fmt.Errorf("%s.id: %q is used twice", cat, c.ID)
			}
			cseen[c.ID] = true
			if c.Points <= 0 {
				return fmt.Errorf("%s.points: %d, want more than 0", cat, c.Points)
			}
			if c.Met == "" {
				return fmt.Errorf("%s.met: missing", cat)
			}
			if c.Unmet == "" && c.Check.Kind != "always" {
				return fmt.Errorf("%s.unmet: missing", cat)
			}
			pts += c.Points
		}
		if pts != 100 {
			return fmt.Errorf("%s.criteria: points add up to %d, not 100", at, pts)
		}
	}
	if math.Abs(sum-1) > 0.001 {
		return fmt.Errorf("sections: weights add up to %.3f, not 1", sum)
	}
	for id, f := range r.Flags {
		switch f.Severity {
		case Major, Minor, Info:
		default:
			return fmt.Errorf("flags.%s.severity: %q is not major, minor or info", id, f.Severity)
		}
		if f.Penalty < 0 || f.Penalty > 100 || math.IsNaN(f.Penalty) {
			return fmt.Errorf("flags.%s.penalty: %v is not between 0 and 100", id, f.Penalty)
		}
		if f.Message == "" {
			return fmt.Errorf("flags.%s.message: missing", id)
		}
		if f.Suggestion == "" {
			return fmt.Errorf("flags.%s.suggestion: missing", id)
		}
	}
	return nil
}

// LoadRubric returns the embedded rubric with this id ("mistake" when id
// is empty). Embedded rubrics are parsed once and shared; callers must
// not modify them.
func LoadRubric(id string) (*Rubric, error) {
	if id == "" {
		id = "mistake"
	}
	rubricMu.Lock()
	defer rubricMu.Unlock()
	if r, ok := rubricCache[id]; ok {
		return r, nil
	}
	if strings.ContainsAny(id, "/\\.") {
		return nil, fmt.Errorf("load rubric %q: not a rubric id", id)
	}
	b, err := assets.Read("rubrics/" + id + ".json")
	if err != nil {
		return nil, fmt.Errorf("load rubric %q: no such rubric", id)
	}
	prefetchBuiltinLists() // a shipped rubric reads the shipped lists
	r, err := ParseRubric(b)
	if err != nil {
		return nil, fmt.Errorf("load rubric %q: %w", id, err)
	}
	if r.ID != id {
		return nil, fmt.Errorf("load rubric %q: the file says its id is %q", id, r.ID)
	}
	rubricCache[id] = r
	return r, nil
}

// MustRubric is LoadRubric for the rubrics compiled into the binary,
// whose validity the tests guarantee.
func MustRubric(id string) *Rubric {
	r, err := LoadRubric(id)
	if err != nil {
		panic(err)
	}
	return r
}

var (
	rubricMu    sync.Mutex
	rubricCache = map[string]*Rubric{}
)

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
