package ui

import (
	"image"
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"retake/scoring"
)

// TestWaveformColoursFollowTheLegend: an answer that tells the root
// cause before the mistake gets its sections in time order on the
// waveform, each in its own legend colour (the rubric's order), not in
// the colour of the place it was told in.
func TestWaveformColoursFollowTheLegend(t *testing.T) {
	test.NewTempApp(t)
	r := scoring.MustRubric("mistake")
	rep := &scoring.Report{ScoreParts: []scoring.ScorePart{{Kind: "section", ID: "situation"}}}
	for i, told := range []float64{0, 20, 8, 30, 40} { // situation, mistake, root cause, ...
		rep.Sections = append(rep.Sections, scoring.SectionResult{ID: r.Sections[i].ID, Title: r.Sections[i].Title, ToldS: told})
	}
	got := takeSections(Take{Duration: 50 * time.Second}, r, rep)
	wantIndex := []int{0, 2, 1, 3, 4}
	if len(got) != len(wantIndex) {
		t.Fatalf("sections %+v", got)
	}
	for k, s := range got {
		if s.Index != wantIndex[k] || s.Title != r.Sections[wantIndex[k]].Title {
			t.Errorf("place %d: %q (index %d), want %q", k, s.Title, s.Index, r.Sections[wantIndex[k]].Title)
		}
	}
	w := NewWaveform()
	w.SetData(nil, got, 50*time.Second)
	w.Resize(fyne.NewSize(500, 100))
	img := w.draw(500, 100)
	// The strip at 10 s is the root cause's, told second: its colour at
	// half strength over the background.
	c := toRGBA(paint(sectionColor(2)))
	want := color.RGBA{c.R / 2, c.G / 2, c.B / 2, 0x80}
	if px := img.(*image.RGBA).RGBAAt(100, 2); px != want {
		t.Errorf("strip at 10 s is %v, want the root cause's %v", px, want)
	}
}
