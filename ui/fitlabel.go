package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitLabel is one line of text without a label's padding, shortened
// with "…" only when it gets less width than the whole text needs; Need
// says how wide that is, so a layout can give it the room first.
type fitLabel struct {
	widget.BaseWidget
	Text  string
	Bold  bool
	Color fyne.ThemeColorName
	// SizeName is the text size; caption when empty.
	SizeName fyne.ThemeSizeName
	text     *canvas.Text
}

func newFitLabel(text string, bold bool, size fyne.ThemeSizeName) *fitLabel {
	l := &fitLabel{Text: text, Bold: bold, SizeName: size, Color: theme.ColorNameForeground}
	l.ExtendBaseWidget(l)
	return l
}

// SetText changes the text.
func (l *fitLabel) SetText(s string) {
	if s != l.Text {
		l.Text = s
		l.Refresh()
	}
}

func (l *fitLabel) textSize() float32 {
	if l.SizeName == "" {
		return theme.CaptionTextSize()
	}
	return theme.Size(l.SizeName)
}

// Need is the width the whole text takes.
func (l *fitLabel) Need() float32 {
	return fyne.MeasureText(l.Text, l.textSize(), fyne.TextStyle{Bold: l.Bold}).Width
}

// Shown is the text as drawn, shortened or not.
func (l *fitLabel) Shown() string {
	if l.text == nil {
		return l.Text
	}
	return l.text.Text
}

// CreateRenderer draws the text.
func (l *fitLabel) CreateRenderer() fyne.WidgetRenderer {
	l.text = canvas.NewText(l.Text, theme.Color(l.Color))
	r := &fitRenderer{l: l}
	r.Refresh()
	return r
}

type fitRenderer struct {
	l    *fitLabel
	size fyne.Size
}

func (r *fitRenderer) Layout(s fyne.Size) {
	r.size = s
	t := r.l.text
	t.Text = r.l.Text
	if r.l.Need() > s.Width {
		t.Text = fitText(r.l.Text, s.Width, r.l.textSize(), r.l.Bold)
	}
	t.Move(fyne.NewPos(0, 0))
	t.Resize(s)
}

func (r *fitRenderer) MinSize() fyne.Size {
	m := fyne.MeasureText("…", r.l.textSize(), fyne.TextStyle{Bold: r.l.Bold})
	return fyne.NewSize(m.Width, m.Height)
}

func (r *fitRenderer) Refresh() {
	t := r.l.text
	t.TextSize = r.l.textSize()
	t.TextStyle = fyne.TextStyle{Bold: r.l.Bold}
	t.Color = theme.Color(r.l.Color)
	r.Layout(r.size)
	t.Refresh()
}

func (r *fitRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.l.text} }

func (r *fitRenderer) Destroy() {}
