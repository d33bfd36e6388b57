package ui

import (
	"image"
	"image/color"
	"image/draw"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// WaveSection is one section of a take on the waveform: its title and
// where it starts and ends, in seconds.
type WaveSection struct {
	Title      string
	Start, End float64
	// Index is the section's place in the rubric, which picks its
	// colour: the legend's, whatever order the answer told it in.
	Index int
}

// Waveform draws a take's peaks with its sections (a labelled strip on
// top, a line where each starts) and the playhead. Tapping the strip
// jumps to a section; tapping the wave seeks to that point.
type Waveform struct {
	widget.BaseWidget
	peaks    []Peak
	sections []WaveSection
	duration time.Duration
	pos      time.Duration
	// OnSeek receives the time the person tapped; OnSection the section
	// whose label they tapped.
	OnSeek    func(time.Duration)
	OnSection func(int)
	raster    *canvas.Raster
}

// NewWaveform makes an empty waveform.
func NewWaveform() *Waveform {
	w := &Waveform{}
	w.ExtendBaseWidget(w)
	return w
}

// SetData shows new peaks, sections and duration.
func (w *Waveform) SetData(peaks []Peak, sections []WaveSection, d time.Duration) {
	w.peaks, w.sections, w.duration = peaks, sections, d
	w.Refresh()
}

// SetPeaks shows the peaks once they are computed.
func (w *Waveform) SetPeaks(peaks []Peak) {
	w.peaks = peaks
	w.Refresh()
}

// Sections are the sections drawn.
func (w *Waveform) Sections() []WaveSection { return w.sections }

// SetPosition moves the playhead.
func (w *Waveform) SetPosition(p time.Duration) {
	w.pos = p
	w.Refresh()
}

// Playhead is where the playhead is.
func (w *Waveform) Playhead() time.Duration { return w.pos }

// stripHeight is the height of the section labels on top.
func stripHeight() float32 { return theme.CaptionTextSize() + 2*theme.Padding() }

// Tapped jumps to a section from the strip, or seeks on the wave.
func (w *Waveform) Tapped(e *fyne.PointEvent) {
	width := w.Size().Width
	if width <= 0 || w.duration <= 0 {
		return
	}
	f := min(max(e.Position.X/width, 0), 1)
	t := time.Duration(float64(f) * float64(w.duration))
	if e.Position.Y < stripHeight() && len(w.sections) > 0 && w.OnSection != nil {
		s := t.Seconds()
		for i, sec := range w.sections {
			if s >= sec.Start && (s < sec.End || i == len(w.sections)-1) {
				w.OnSection(i)
				return
			}
		}
	}
	w.SetPosition(t)
	if w.OnSeek != nil {
		w.OnSeek(t)
	}
}

// MinSize keeps the waveform tall enough to read.
func (w *Waveform) MinSize() fyne.Size { return fyne.NewSize(200, 80+stripHeight()) }

// CreateRenderer draws the wave into one raster, which is far cheaper
// than a rectangle per bucket, and the labels as text.
func (w *Waveform) CreateRenderer() fyne.WidgetRenderer {
	w.raster = canvas.NewRaster(w.draw)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	none := canvas.NewText("No section times for this take: press Space as you move on while recording, or import a timed transcript", theme.Color(theme.ColorNamePlaceHolder))
	none.TextSize = theme.CaptionTextSize()
	r := &waveRenderer{w: w, bg: bg, none: none}
	r.Refresh()
	return r
}

func (w *Waveform) draw(width, height int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	if width <= 0 || height <= 0 {
		return img
	}
	wave := toRGBA(theme.Color(theme.ColorNameForeground))
	head := toRGBA(theme.Color(theme.ColorNameError))
	// The raster is in pixels; the strip height is in Fyne units.
	scale := float32(height) / max(w.Size().Height, 1)
	strip := int(stripHeight() * scale)
	if w.Size().Height <= 0 {
		strip = 0
	}
	waveH := height - strip
	mid := float32(strip) + float32(waveH)/2
	half := float32(waveH) / 2
	if n := len(w.peaks); n > 0 {
		for x := 0; x < width; x++ {
			p := w.peaks[x*n/width]
			y0 := int(mid - p.Max*half)
			y1 := int(mid - p.Min*half)
			for y := max(y0, strip); y <= min(y1, height-1); y++ {
				img.SetRGBA(x, y, wave)
			}
		}
	}
	if w.duration > 0 {
		dur := w.duration.Seconds()
		band := func(from, to float64, c color.RGBA, y0, y1 int) {
			x0, x1 := int(from/dur*float64(width)), int(to/dur*float64(width))
			r := image.Rect(x0, y0, x1, y1).Intersect(img.Rect)
			draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Over)
		}
		for _, s := range w.sections {
			c := toRGBA(paint(sectionColor(s.Index)))
			// The strip carries the section colour; a line marks where
			// the section starts on the wave.
			band(s.Start, s.End, color.RGBA{c.R / 2, c.G / 2, c.B / 2, 0x80}, 0, strip)
			band(s.Start, s.Start+dur/float64(width)*2, c, 0, height)
		}
		band(w.pos.Seconds()-dur/float64(width), w.pos.Seconds()+dur/float64(width), head, 0, height)
	}
	return img
}

func toRGBA(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

type waveRenderer struct {
	w      *Waveform
	bg     *canvas.Rectangle
	labels []*canvas.Text
	// none says why the strip is empty.
	none *canvas.Text
	size fyne.Size
}

func (r *waveRenderer) Layout(s fyne.Size) {
	r.size = s
	r.bg.Resize(s)
	r.w.raster.Resize(s)
	r.placeLabels()
}

// placeLabels writes each section's title in its stretch of the strip,
// shortened to fit; a stretch too narrow for "…" shows none.
func (r *waveRenderer) placeLabels() {
	dur := r.w.duration.Seconds()
	size := theme.CaptionTextSize()
	r.none.Hidden = len(r.w.sections) > 0 || dur <= 0
	r.none.Move(fyne.NewPos(theme.Padding(), theme.Padding()/2))
	for i, l := range r.labels {
		if i >= len(r.w.sections) || dur <= 0 {
			l.Hide()
			continue
		}
		s := r.w.sections[i]
		x0 := float32(s.Start/dur) * r.size.Width
		room := float32((s.End-s.Start)/dur)*r.size.Width - 2*theme.Padding()
		l.Text = fitText(s.Title, room, size, true)
		l.Move(fyne.NewPos(x0+theme.Padding(), theme.Padding()/2))
		l.Show()
	}
}

// fitText shortens s with "…" until it fits width at this text size.
func fitText(s string, width, size float32, bold bool) string {
	style := fyne.TextStyle{Bold: bold}
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		t := string(r[:n]) + "…"
		if fyne.MeasureText(t, size, style).Width <= width {
			return t
		}
	}
	return ""
}

func (r *waveRenderer) MinSize() fyne.Size { return r.w.MinSize() }

func (r *waveRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.Refresh()
	for len(r.labels) < len(r.w.sections) {
		t := canvas.NewText("", theme.Color(theme.ColorNameForeground))
		t.TextSize = theme.CaptionTextSize()
		t.TextStyle.Bold = true
		r.labels = append(r.labels, t)
	}
	for _, l := range r.labels {
		l.Color = theme.Color(theme.ColorNameForeground)
	}
	r.none.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.placeLabels()
	r.w.raster.Refresh()
}

func (r *waveRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.bg, r.w.raster, r.none}
	for _, l := range r.labels {
		objs = append(objs, l)
	}
	return objs
}

func (r *waveRenderer) Destroy() {}
