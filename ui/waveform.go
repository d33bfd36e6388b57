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

// Waveform draws a take's peaks with its section marks and the playhead,
// and seeks when tapped.
type Waveform struct {
	widget.BaseWidget
	peaks    []Peak
	marks    []float64
	duration time.Duration
	pos      time.Duration
	// OnSeek receives the time the person tapped.
	OnSeek func(time.Duration)
	raster *canvas.Raster
}

// NewWaveform makes an empty waveform.
func NewWaveform() *Waveform {
	w := &Waveform{}
	w.ExtendBaseWidget(w)
	return w
}

// SetData shows new peaks, section marks (seconds) and duration.
func (w *Waveform) SetData(peaks []Peak, marks []float64, d time.Duration) {
	w.peaks, w.marks, w.duration = peaks, marks, d
	w.Refresh()
}

// SetPosition moves the playhead.
func (w *Waveform) SetPosition(p time.Duration) {
	w.pos = p
	w.Refresh()
}

// Playhead is where the playhead is.
func (w *Waveform) Playhead() time.Duration { return w.pos }

// Tapped seeks to the tapped point.
func (w *Waveform) Tapped(e *fyne.PointEvent) {
	width := w.Size().Width
	if width <= 0 || w.duration <= 0 {
		return
	}
	f := min(max(e.Position.X/width, 0), 1)
	t := time.Duration(float64(f) * float64(w.duration))
	w.SetPosition(t)
	if w.OnSeek != nil {
		w.OnSeek(t)
	}
}

// MinSize keeps the waveform tall enough to read.
func (w *Waveform) MinSize() fyne.Size { return fyne.NewSize(200, 80) }

// CreateRenderer draws into one raster, which is far cheaper than a
// rectangle per bucket.
func (w *Waveform) CreateRenderer() fyne.WidgetRenderer {
	w.raster = canvas.NewRaster(w.draw)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	return &waveRenderer{w: w, bg: bg}
}

func (w *Waveform) draw(width, height int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	if width <= 0 || height <= 0 {
		return img
	}
	wave := toRGBA(theme.Color(theme.ColorNameForeground))
	mark := toRGBA(theme.Color(theme.ColorNamePrimary))
	head := toRGBA(theme.Color(theme.ColorNameError))
	mid := float32(height) / 2
	if n := len(w.peaks); n > 0 {
		for x := 0; x < width; x++ {
			p := w.peaks[x*n/width]
			y0 := int(mid - p.Max*mid)
			y1 := int(mid - p.Min*mid)
			for y := max(y0, 0); y <= min(y1, height-1); y++ {
				img.SetRGBA(x, y, wave)
			}
		}
	}
	if w.duration > 0 {
		dur := w.duration.Seconds()
		vline := func(s float64, c color.RGBA, thick int) {
			x := int(s / dur * float64(width))
			r := image.Rect(x-thick/2, 0, x-thick/2+thick, height).Intersect(img.Rect)
			draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Src)
		}
		for _, m := range w.marks {
			vline(m, mark, 2)
		}
		vline(w.pos.Seconds(), head, 2)
	}
	return img
}

func toRGBA(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

type waveRenderer struct {
	w  *Waveform
	bg *canvas.Rectangle
}

func (r *waveRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.w.raster.Resize(s)
}

func (r *waveRenderer) MinSize() fyne.Size { return r.w.MinSize() }

func (r *waveRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.bg.Refresh()
	r.w.raster.Refresh()
}

func (r *waveRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.w.raster}
}

func (r *waveRenderer) Destroy() {}
