package ui

import (
	"testing"
	"time"
)

func TestSectionClock(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	tests := []struct {
		name      string
		nexts     []float64
		now       float64
		current   int
		marks     []float64
		sectionEl []float64
	}{
		{"not moved on", nil, 5, 0, nil, []float64{5, 0, 0}},
		{"one mark", []float64{4}, 10, 1, []float64{4}, []float64{4, 6, 0}},
		{"extra presses in the last section are ignored", []float64{1, 2, 3, 4}, 6, 2, []float64{1, 2}, []float64{1, 1, 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := SectionClock{Plan: []float64{10, 20, 30}}
			c.Start(t0)
			for _, n := range tt.nexts {
				c.Next(at(n))
			}
			if c.Current() != tt.current {
				t.Errorf("Current = %d, want %d", c.Current(), tt.current)
			}
			if got := c.Marks(); len(got) != len(tt.marks) {
				t.Errorf("Marks = %v, want %v", got, tt.marks)
			}
			for i, want := range tt.sectionEl {
				if got := c.SectionElapsed(i, at(tt.now)); got != want {
					t.Errorf("SectionElapsed(%d) = %v, want %v", i, got, want)
				}
			}
		})
	}
}

func TestSectionClockStopFreezes(t *testing.T) {
	t0 := time.Unix(100, 0)
	c := SectionClock{Plan: []float64{1, 1}}
	if c.Next(t0) {
		t.Fatal("Next before Start stored a mark")
	}
	c.Start(t0)
	c.Stop(t0.Add(3 * time.Second))
	if got := c.Elapsed(t0.Add(time.Hour)); got != 3 {
		t.Fatalf("Elapsed after Stop = %v, want 3", got)
	}
	if c.Total() != 2 {
		t.Fatalf("Total = %v", c.Total())
	}
}
