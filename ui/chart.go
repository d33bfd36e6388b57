package ui

import (
	"fmt"
	"math"

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

// BarChart draws rows of thin horizontal bars, one bar per series (or
// one bar of the series end to end when Stacked), all scaled to the
// largest value so rows compare at a glance.
type BarChart struct {
	widget.BaseWidget
	Series []fyne.ThemeColorName
	Rows   []ChartRow
	// Max is the value of a full-width bar; 0 scales to the largest value.
	Max float64
	// Stacked draws a row's values end to end in one bar.
	Stacked bool
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

// color is the colour of value j of row i.
func (c *BarChart) color(row ChartRow, j int) fyne.ThemeColorName {
	if j < len(row.Colors) && row.Colors[j] != "" {
		return row.Colors[j]
	}
	if j < len(c.Series) {
		return c.Series[j]
	}
	return sectionColor(j)
}

// CreateRenderer makes a renderer that rebuilds its objects on refresh.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.Refresh()
	return r
}

const chartBarH = float32(7)

type chartRenderer struct {
	c      *BarChart
	labels []*canvas.Text
	texts  []*canvas.Text
	bars   [][]*canvas.Rectangle
	objs   []fyne.CanvasObject
	size   fyne.Size
}

func (r *chartRenderer) rowHeight() float32 {
	bars := max(len(r.c.Series), 1)
	if r.c.Stacked {
		bars = 2
	}
	return max(theme.CaptionTextSize()+2*theme.Padding(), chartBarH*float32(bars)+theme.Padding())
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
		for j := range row.Values {
			b := canvas.NewRectangle(paint(r.c.color(row, j)))
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
		sum := 0.0
		for _, v := range row.Values {
			maxV = max(maxV, v)
			sum += v
		}
		if r.c.Stacked {
			maxV = max(maxV, sum)
		}
	}
	labelW, textW := r.columns(s.Width)
	barW := max(s.Width-labelW-textW-2*theme.Padding(), 10)
	rh := r.rowHeight()
	for i, row := range r.c.Rows {
		y := float32(i) * rh
		r.labels[i].Move(fyne.NewPos(0, y))
		r.texts[i].Move(fyne.NewPos(labelW+barW+2*theme.Padding(), y))
		x := labelW + theme.Padding()
		for j, b := range r.bars[i] {
			w := float32(0)
			if maxV > 0 {
				w = barW * float32(row.Values[j]/maxV)
			}
			if r.c.Stacked {
				b.Move(fyne.NewPos(x, y+2))
				b.Resize(fyne.NewSize(max(w, 0), 2*chartBarH-2))
				x += w
				continue
			}
			b.Move(fyne.NewPos(x, y+float32(j)*chartBarH+1))
			b.Resize(fyne.NewSize(max(w, 1), chartBarH-2))
		}
	}
}

// columns are the widths of the labels and of the texts after the bars:
// as wide as the widest of them, so none is cut, but leaving the bars
// at least a third of the chart.
func (r *chartRenderer) columns(width float32) (labelW, textW float32) {
	for i := range r.labels {
		labelW = max(labelW, r.labels[i].MinSize().Width+theme.Padding())
		textW = max(textW, r.texts[i].MinSize().Width+theme.Padding())
	}
	labelW, textW = max(labelW, 60), max(textW, 40)
	if room := width * 2 / 3; labelW+textW > room && width > 0 {
		f := room / (labelW + textW)
		labelW, textW = labelW*f, textW*f
	}
	return labelW, textW
}

func (r *chartRenderer) MinSize() fyne.Size {
	labelW, textW := r.columns(0)
	return fyne.NewSize(min(labelW+textW+100, 500), r.rowHeight()*float32(len(r.c.Rows)))
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *chartRenderer) Destroy() {}

// TrendPoint is one take on a trend: its label on the x axis and the
// value plotted (its score, or its pace).
type TrendPoint struct {
	Label string
	Value float64
}

// TrendChart draws a value over takes as a line with dots, on a y axis
// from 0 with labelled ticks (0 to 100 for scores) and an x axis
// labelled with the takes' dates, oldest on the left.
type TrendChart struct {
	widget.BaseWidget
	Points []TrendPoint
	// YLabel and XLabel name the axes.
	YLabel, XLabel string
	// Ticks are the values the y axis labels, the last being its top;
	// 0 to 100 by 25 when nil.
	Ticks []float64
	// Empty is what the chart says when it has no points.
	Empty string
}

// NewTrendChart makes an empty trend chart.
func NewTrendChart(ylabel, xlabel string) *TrendChart {
	c := &TrendChart{YLabel: ylabel, XLabel: xlabel, Empty: "no scored takes yet"}
	c.ExtendBaseWidget(c)
	return c
}

// ticks are the y axis's labelled values.
func (c *TrendChart) ticks() []float64 {
	if len(c.Ticks) == 0 {
		return yTicks
	}
	return c.Ticks
}

// SetPoints replaces the chart's data.
func (c *TrendChart) SetPoints(p []TrendPoint) {
	c.Points = p
	c.Refresh()
}

// yTicks are the scores the y axis labels.
var yTicks = []float64{0, 25, 50, 75, 100}

// CreateRenderer draws the axes and the line.
func (c *TrendChart) CreateRenderer() fyne.WidgetRenderer {
	r := &trendRenderer{c: c}
	r.Refresh()
	return r
}

type trendRenderer struct {
	c    *TrendChart
	objs []fyne.CanvasObject
	size fyne.Size
}

const (
	trendLeft   = float32(44)
	trendBottom = float32(34)
	trendTop    = float32(22)
)

func (r *trendRenderer) MinSize() fyne.Size { return fyne.NewSize(300, 170) }

func (r *trendRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *trendRenderer) Destroy() {}

func (r *trendRenderer) Refresh() { r.Layout(r.size); canvas.Refresh(r.c) }

// Layout rebuilds the drawing for the size: the chart is a few dozen
// objects, cheaper to make again than to keep in step.
func (r *trendRenderer) Layout(s fyne.Size) {
	r.size = s
	r.objs = nil
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	grid := theme.Color(theme.ColorNameSeparator)
	cap := theme.CaptionTextSize()
	plotW := s.Width - trendLeft - theme.Padding()
	plotH := s.Height - trendBottom - trendTop
	if plotW < 20 || plotH < 20 {
		return
	}
	text := func(t string, x, y float32, align fyne.TextAlign) {
		c := canvas.NewText(t, fg)
		c.TextSize = cap
		m := fyne.MeasureText(t, cap, fyne.TextStyle{})
		switch align {
		case fyne.TextAlignTrailing:
			x -= m.Width
		case fyne.TextAlignCenter:
			x -= m.Width / 2
		}
		c.Move(fyne.NewPos(x, y-m.Height/2))
		r.objs = append(r.objs, c)
	}
	ticks := r.c.ticks()
	top := ticks[len(ticks)-1]
	yOf := func(v float64) float32 { return trendTop + plotH*(1-float32(min(v, top)/top)) }
	for _, t := range ticks {
		y := yOf(t)
		l := canvas.NewLine(grid)
		l.Position1, l.Position2 = fyne.NewPos(trendLeft, y), fyne.NewPos(trendLeft+plotW, y)
		r.objs = append(r.objs, l)
		text(fmt.Sprint(t), trendLeft-theme.Padding(), y, fyne.TextAlignTrailing)
	}
	axis := func(x1, y1, x2, y2 float32) {
		l := canvas.NewLine(fg)
		l.StrokeWidth = 1.5
		l.Position1, l.Position2 = fyne.NewPos(x1, y1), fyne.NewPos(x2, y2)
		r.objs = append(r.objs, l)
	}
	axis(trendLeft, trendTop, trendLeft, trendTop+plotH)
	axis(trendLeft, trendTop+plotH, trendLeft+plotW, trendTop+plotH)
	if r.c.YLabel != "" {
		text(r.c.YLabel, 0, trendTop/2+2, fyne.TextAlignLeading)
	}
	n := len(r.c.Points)
	if n == 0 {
		text(r.c.Empty, trendLeft+plotW/2, trendTop+plotH/2, fyne.TextAlignCenter)
		return
	}
	xOf := func(i int) float32 {
		if n == 1 {
			return trendLeft + plotW/2
		}
		return trendLeft + 10 + (plotW-20)*float32(i)/float32(n-1)
	}
	line := theme.Color(theme.ColorNamePrimary)
	for i := 1; i < n; i++ {
		l := canvas.NewLine(line)
		l.StrokeWidth = 2
		l.Position1 = fyne.NewPos(xOf(i-1), yOf(r.c.Points[i-1].Value))
		l.Position2 = fyne.NewPos(xOf(i), yOf(r.c.Points[i].Value))
		r.objs = append(r.objs, l)
	}
	// Labels on the x axis: as many dates as fit, always the first and
	// the last.
	labelW := fyne.MeasureText("Mar 30 23:59", cap, fyne.TextStyle{}).Width + 8
	every := max(1, int(float32(n)*labelW/plotW)+1)
	labelled := map[int]bool{}
	last := 0
	for i := 0; i < n; i += every {
		labelled[i], last = true, i
	}
	if last != n-1 {
		if (n-1-last)*2 < every && last != 0 {
			delete(labelled, last) // too close to the last take's label
		}
		labelled[n-1] = true
	}
	for i, p := range r.c.Points {
		x, y := xOf(i), yOf(p.Value)
		dot := canvas.NewCircle(line)
		dot.Move(fyne.NewPos(x-4, y-4))
		dot.Resize(fyne.NewSize(8, 8))
		r.objs = append(r.objs, dot)
		text(fmt.Sprint(int(math.Round(p.Value))), x, y-12, fyne.TextAlignCenter)
		if labelled[i] {
			text(p.Label, x, trendTop+plotH+cap, fyne.TextAlignCenter)
		}
	}
	if r.c.XLabel != "" {
		text(r.c.XLabel, trendLeft+plotW/2, s.Height-cap/2-2, fyne.TextAlignCenter)
	}
}
