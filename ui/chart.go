package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ChartRow is one labelled row of a BarChart; Values has one entry per
// series.
type ChartRow struct {
	Label  string
	Values []float64
	// Text is printed after the bars, for example "13.5 s / 20.1 s".
	Text string
	// Colors overrides the series colours for this row (nil keeps them).
	Colors []fyne.ThemeColorName
}

// BarChart draws rows of thin horizontal bars, one bar per series, all
// scaled to the largest value so rows compare at a glance.
type BarChart struct {
	widget.BaseWidget
	Series []fyne.ThemeColorName
	Rows   []ChartRow
	// Max is the value of a full-width bar; 0 scales to the largest value.
	Max float64
}

// NewBarChart makes an empty chart with these series colours.
func NewBarChart(series ...fyne.ThemeColorName) *BarChart {
	c := &BarChart{Series: series}
	c.ExtendBaseWidget(c)
	return c
}

// SetRows replaces the chart's data.
func (c *BarChart) SetRows(rows []ChartRow) {
	c.Rows = rows
	c.Refresh()
}

// CreateRenderer makes a renderer that rebuilds its objects on refresh.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.Refresh()
	return r
}

const (
	chartBarH   = float32(7)
	chartLabelW = float32(110)
	chartTextW  = float32(120)
)

type chartRenderer struct {
	c      *BarChart
	labels []*canvas.Text
	texts  []*canvas.Text
	bars   [][]*canvas.Rectangle
	objs   []fyne.CanvasObject
	size   fyne.Size
}

func (r *chartRenderer) rowHeight() float32 {
	return max(theme.CaptionTextSize()+theme.Padding(), chartBarH*float32(max(len(r.c.Series), 1))+theme.Padding())
}

func (r *chartRenderer) Refresh() {
	r.labels, r.texts, r.bars, r.objs = nil, nil, nil, nil
	fg := theme.Color(theme.ColorNameForeground)
	for _, row := range r.c.Rows {
		l := canvas.NewText(row.Label, fg)
		l.TextSize = theme.CaptionTextSize()
		t := canvas.NewText(row.Text, fg)
		t.TextSize = theme.CaptionTextSize()
		var bars []*canvas.Rectangle
		for i := range row.Values {
			name := theme.ColorNamePrimary
			if i < len(r.c.Series) {
				name = r.c.Series[i]
			}
			if i < len(row.Colors) && row.Colors[i] != "" {
				name = row.Colors[i]
			}
			b := canvas.NewRectangle(theme.Color(name))
			bars = append(bars, b)
			r.objs = append(r.objs, b)
		}
		r.labels, r.texts, r.bars = append(r.labels, l), append(r.texts, t), append(r.bars, bars)
		r.objs = append(r.objs, l, t)
	}
	r.Layout(r.size)
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Layout(s fyne.Size) {
	r.size = s
	maxV := r.c.Max
	for _, row := range r.c.Rows {
		for _, v := range row.Values {
			maxV = max(maxV, v)
		}
	}
	barW := max(s.Width-chartLabelW-chartTextW-2*theme.Padding(), 10)
	rh := r.rowHeight()
	for i, row := range r.c.Rows {
		y := float32(i) * rh
		r.labels[i].Move(fyne.NewPos(0, y))
		r.texts[i].Move(fyne.NewPos(chartLabelW+barW+2*theme.Padding(), y))
		for j, b := range r.bars[i] {
			w := float32(0)
			if maxV > 0 {
				w = barW * float32(row.Values[j]/maxV)
			}
			b.Move(fyne.NewPos(chartLabelW+theme.Padding(), y+float32(j)*chartBarH+1))
			b.Resize(fyne.NewSize(max(w, 1), chartBarH-2))
		}
	}
}

func (r *chartRenderer) MinSize() fyne.Size {
	return fyne.NewSize(chartLabelW+chartTextW+100, r.rowHeight()*float32(len(r.c.Rows)))
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *chartRenderer) Destroy() {}
