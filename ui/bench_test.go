package ui

import (
	"math"
	"strings"
	"testing"
	"time"
)

// BenchmarkWaveformDraw is one playhead frame of a wide window: it runs
// at the UI rate while a take plays, so it must stay well under 33 ms.
func BenchmarkWaveformDraw(b *testing.B) {
	sharedApp(b)
	w := NewWaveform()
	peaks := make([]Peak, waveBuckets)
	for i := range peaks {
		v := float32(math.Sin(float64(i) / 9))
		peaks[i] = Peak{Min: -abs32(v), Max: abs32(v)}
	}
	w.SetData(peaks, []WaveSection{{"Situation", 0, 10, 0}, {"The mistake", 10, 30, 1}, {"Root cause", 30, 55, 2}, {"Immediate response", 55, 80, 3}, {"Behavioral change", 80, 135, 4}}, 135*time.Second)
	w.pos = 40 * time.Second
	b.ReportAllocs()
	for b.Loop() {
		w.draw(1100, 80)
	}
}

// BenchmarkCardShow fills the rubric card, which happens after every
// analysis while the person types.
func BenchmarkCardShow(b *testing.B) {
	sharedApp(b)
	fu, err := LoadFollowups()
	if err != nil {
		b.Fatal(err)
	}
	c := newCard(fu, nil)
	rep := sampleReport()
	b.ReportAllocs()
	for b.Loop() {
		c.Show(rep)
	}
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// BenchmarkTextViewLayout lays out a long answer's transcript with its
// flags marked, which happens after every analysis and on every resize.
func BenchmarkTextViewLayout(b *testing.B) {
	sharedApp(b)
	text := strings.Repeat("I skipped the dry run because I assumed the syntax was the same, and customers were charged twice. ", 80)
	var marks []TextMark
	for i := 0; i+40 < len(text); i += 300 {
		marks = append(marks, TextMark{Start: i, End: i + 40, Kind: MarkKind(i % 3)})
	}
	v := NewTextView()
	v.SetText(text, marks)
	b.ReportAllocs()
	for n := 0; b.Loop(); n++ {
		v.width = float32(500 + n%2*100) // a new width each time
		v.layout()
	}
}
