package ui

import (
	"testing"

	"retake/scoring"
)

func TestQuestionBankIsValid(t *testing.T) {
	qs, err := LoadQuestions()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 3 {
		t.Fatalf("%d phrasings, want several", len(qs))
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if q.ID == "" || q.Text == "" || seen[q.ID] {
			t.Errorf("bad or duplicate question %+v", q)
		}
		seen[q.ID] = true
		if _, err := scoring.LoadRubric(q.Rubric); err != nil {
			t.Errorf("question %s: %v", q.ID, err)
		}
	}
}

func TestFollowupsCoverTheKillerFlags(t *testing.T) {
	fu, err := LoadFollowups()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"fake-mistake", "blame-diffusion", "no-stakes", "generic-lesson", "no-mechanism", "no-root-cause", "claims-immunity", "passive-voice"} {
		if n := len(fu[id]); n < 1 || n > 3 {
			t.Errorf("flag %s has %d follow-ups, want 1 to 3", id, n)
		}
	}
	if fu["no-stakes"][0] != "What did it cost, in numbers?" {
		t.Errorf("no-stakes leads with %q", fu["no-stakes"][0])
	}
}

func TestDrill(t *testing.T) {
	fu := Followups{
		"a": {"a1", "a2", "a3"},
		"b": {"b1", "b2"},
		"c": {"c1"},
	}
	flag := func(id string, s scoring.Severity) scoring.Flag { return scoring.Flag{ID: id, Severity: s} }
	tests := []struct {
		name  string
		flags []scoring.Flag
		want  []string
	}{
		{"none", nil, nil},
		{"unknown flag", []scoring.Flag{flag("zzz", scoring.Major)}, nil},
		{"one flag gives up to three", []scoring.Flag{flag("a", scoring.Major)}, []string{"a1", "a2", "a3"}},
		{"majors first, one each before seconds", []scoring.Flag{flag("c", scoring.Minor), flag("b", scoring.Major)}, []string{"b1", "c1", "b2"}},
		{"three flags, one each", []scoring.Flag{flag("a", scoring.Info), flag("b", scoring.Minor), flag("c", scoring.Major)}, []string{"c1", "b1", "a1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fu.Drill(scoring.Report{Flags: tt.flags})
			if len(got) != len(tt.want) {
				t.Fatalf("Drill = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("Drill = %v, want %v", got, tt.want)
				}
			}
		})
	}
}
