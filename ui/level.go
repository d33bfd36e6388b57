package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// meterFloor is the quietest level the meter draws; speech sits well
// above it and room noise near it.
const meterFloor = -60.0

// clipHold is how long the clipping light stays on after the input hit
// full scale, long enough to be seen at 30 frames a second.
const clipHold = 1500 * time.Millisecond

// meterTicks are the levels the scale under the bar names.
var meterTicks = []float64{-60, -40, -20, -12, -6, 0}

// LevelMeter is a horizontal input level bar: the filled part is the
// loudness (RMS), the thin line the peak, over a dB scale, with a
// clipping light that stays on briefly after the input hits full scale.
type LevelMeter struct {
	widget.BaseWidget
	level    Level
	on       bool
	clipSeen time.Time
	now      func() time.Time
}

// NewLevelMeter makes an idle meter that reads time from now.
func NewLevelMeter(now func() time.Time) *LevelMeter {
	m := &LevelMeter{now: now}
	m.ExtendBaseWidget(m)
	return m
}

// SetLevel shows a new reading.
func (m *LevelMeter) SetLevel(l Level) {
	m.level, m.on = l, true
	if l.Clipping {
		m.clipSeen = m.now()
	}
	m.Refresh()
}

// Reset returns the meter to idle.
func (m *LevelMeter) Reset() {
	m.level, m.on, m.clipSeen = Level{}, false, time.Time{}
	m.Refresh()
}

// fraction places a level in dBFS on the bar, in [0, 1].
func fraction(db float64) float32 {
	return float32(min(max((db-meterFloor)/-meterFloor, 0), 1))
}

// Fraction is the peak's place on the bar, in [0, 1].
func (m *LevelMeter) Fraction() float32 {
	if !m.on {
		return 0
	}
	return fraction(m.level.PeakDBFS)
}

// RMSFraction is the filled share of the bar, in [0, 1].
func (m *LevelMeter) RMSFraction() float32 {
	if !m.on {
		return 0
	}
	return fraction(m.level.RMSDBFS)
}

// Clipping reports whether the clipping light is on.
func (m *LevelMeter) Clipping() bool {
	return m.on && !m.clipSeen.IsZero() && m.now().Sub(m.clipSeen) < clipHold
}

// Text is the reading in words, shown beside the bar.
func (m *LevelMeter) Text() string {
	l := m.level
	switch {
	case !m.on:
		return "idle until you record"
	case l.NoInput:
		return "no input"
	case m.Clipping():
		return "CLIPPING: turn it down"
	}
	return fmt.Sprintf("peak %.0f · loudness %.0f dB", max(l.PeakDBFS, -99), max(l.RMSDBFS, -99))
}

// CreateRenderer draws the track, the loudness fill, the peak line, the
// clipping light, the scale and the reading.
func (m *LevelMeter) CreateRenderer() fyne.WidgetRenderer {
	r := &meterRenderer{m: m,
		track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
		fill:  canvas.NewRectangle(theme.Color(theme.ColorNameSuccess)),
		peak:  canvas.NewRectangle(theme.Color(theme.ColorNameForeground)),
		clip:  canvas.NewRectangle(theme.Color(theme.ColorNameError)),
		text:  canvas.NewText("", theme.Color(theme.ColorNameForeground)),
	}
	r.track.CornerRadius = 3
	r.text.TextSize = theme.CaptionTextSize()
	for _, t := range meterTicks {
		c := canvas.NewText(fmt.Sprintf("%.0f", t), theme.Color(theme.ColorNamePlaceHolder))
		c.TextSize = theme.CaptionTextSize() - 1
		r.ticks = append(r.ticks, c)
		mark := canvas.NewRectangle(theme.Color(theme.ColorNamePlaceHolder))
		r.marks = append(r.marks, mark)
	}
	r.clipText = canvas.NewText("CLIP", theme.Color(theme.ColorNameForegroundOnError))
	r.clipText.TextSize = theme.CaptionTextSize()
	r.clipText.TextStyle.Bold = true
	r.Refresh()
	return r
}

const (
	meterBarH = float32(14)
	clipW     = float32(40)
)

type meterRenderer struct {
	m                       *LevelMeter
	track, fill, peak, clip *canvas.Rectangle
	text, clipText          *canvas.Text
	ticks                   []*canvas.Text
	marks                   []*canvas.Rectangle
	size                    fyne.Size
}

func (r *meterRenderer) barWidth(s fyne.Size) float32 {
	return max(s.Width-clipW-readingWidth()-2*theme.Padding(), 10)
}

// readingWidth is the room kept right of the bar for the reading.
func readingWidth() float32 {
	return fyne.MeasureText("peak -99 · loudness -99 dB", theme.CaptionTextSize(), fyne.TextStyle{}).Width + 4
}

func (r *meterRenderer) Layout(s fyne.Size) {
	r.size = s
	w := r.barWidth(s)
	r.track.Move(fyne.NewPos(0, 0))
	r.track.Resize(fyne.NewSize(w, meterBarH))
	r.fill.Move(fyne.NewPos(0, 0))
	r.fill.Resize(fyne.NewSize(w*r.m.RMSFraction(), meterBarH))
	px := w * r.m.Fraction()
	r.peak.Move(fyne.NewPos(max(px-2, 0), 0))
	r.peak.Resize(fyne.NewSize(3, meterBarH))
	r.peak.Hidden = !r.m.on
	r.clip.Move(fyne.NewPos(w+theme.Padding(), 0))
	r.clip.Resize(fyne.NewSize(clipW, meterBarH))
	cs := r.clipText.MinSize()
	r.clipText.Move(fyne.NewPos(w+theme.Padding()+(clipW-cs.Width)/2, (meterBarH-cs.Height)/2))
	y := meterBarH + 1
	for i, t := range meterTicks {
		x := w * fraction(t)
		r.marks[i].Move(fyne.NewPos(min(x, w-1), y))
		r.marks[i].Resize(fyne.NewSize(1, 4))
		ts := r.ticks[i].MinSize()
		r.ticks[i].Move(fyne.NewPos(min(max(x-ts.Width/2, 0), w-ts.Width), y+4))
	}
	r.text.Move(fyne.NewPos(w+clipW+2*theme.Padding(), (meterBarH-r.text.MinSize().Height)/2))
}

func (r *meterRenderer) MinSize() fyne.Size {
	return fyne.NewSize(160+clipW+readingWidth(), meterBarH+5+r.ticks[0].MinSize().Height)
}

func (r *meterRenderer) Refresh() {
	l := r.m.level
	r.text.Text = r.m.Text()
	fill := theme.ColorNameSuccess
	switch {
	case r.m.Clipping():
		fill = theme.ColorNameError
	case l.PeakDBFS > -3:
		fill = theme.ColorNameWarning
	}
	r.fill.FillColor = theme.Color(fill)
	r.track.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.peak.FillColor = theme.Color(theme.ColorNameForeground)
	if r.m.Clipping() {
		r.clip.FillColor = theme.Color(theme.ColorNameError)
		r.clipText.Color = theme.Color(theme.ColorNameForegroundOnError)
	} else {
		r.clip.FillColor = theme.Color(theme.ColorNameInputBackground)
		r.clipText.Color = theme.Color(theme.ColorNamePlaceHolder)
	}
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.size)
	canvas.Refresh(r.m)
}

func (r *meterRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.track, r.fill, r.peak, r.clip, r.clipText, r.text}
	for i := range r.ticks {
		objs = append(objs, r.marks[i], r.ticks[i])
	}
	return objs
}

func (r *meterRenderer) Destroy() {}
