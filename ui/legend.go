package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// sectionPalette colours a rubric's sections by position, the same in
// Practice, Review and History. It leaves out red, which means "over" or
// a major flag, and grey, which means "planned", and reads on light and
// dark backgrounds alike.
var sectionPalette = []color.NRGBA{
	{0x4e, 0x79, 0xa7, 0xff}, // blue
	{0xf2, 0x8e, 0x2b, 0xff}, // orange
	{0x76, 0xb7, 0xb2, 0xff}, // teal
	{0x59, 0xa1, 0x4f, 0xff}, // green
	{0xb0, 0x7a, 0xa1, 0xff}, // purple
	{0xed, 0xc9, 0x48, 0xff}, // yellow
	{0xff, 0x9d, 0xa7, 0xff}, // pink
	{0x9c, 0x75, 0x5f, 0xff}, // brown
	{0x8c, 0xd1, 0x7d, 0xff}, // light green
	{0x49, 0x98, 0xd3, 0xff}, // sky
}

// plannedColor is what "planned" is drawn in everywhere.
const plannedColor = theme.ColorNameDisabled

// sectionColor is the colour name of section i; paint resolves it.
func sectionColor(i int) fyne.ThemeColorName {
	return fyne.ThemeColorName(fmt.Sprintf("retake-section-%d", i))
}

// paint resolves a colour name: a section colour or a theme colour.
func paint(name fyne.ThemeColorName) color.Color {
	var i int
	if n, _ := fmt.Sscanf(string(name), "retake-section-%d", &i); n == 1 && strings.HasPrefix(string(name), "retake-section-") {
		return sectionPalette[((i%len(sectionPalette))+len(sectionPalette))%len(sectionPalette)]
	}
	return theme.Color(name)
}

// LegendItem is one swatch of a legend.
type LegendItem struct {
	Label string
	Color fyne.ThemeColorName
}

// sectionLegend is the legend of a rubric's section colours, with the
// planned time first when the chart shows it.
func sectionLegend(titles []string, planned bool) []LegendItem {
	var items []LegendItem
	if planned {
		items = append(items, LegendItem{"planned", plannedColor})
	}
	for i, t := range titles {
		items = append(items, LegendItem{t, sectionColor(i)})
	}
	return items
}

// Flow shows objects left to right, wrapping onto more lines when the
// window is narrow, so a row of buttons or swatches is never cut off.
type Flow struct {
	widget.BaseWidget
	box  *fyne.Container
	flow *flowLayout
}

// NewFlow makes a flowing row of these objects.
func NewFlow(objs ...fyne.CanvasObject) *Flow {
	f := &Flow{}
	f.init(objs)
	f.ExtendBaseWidget(f)
	return f
}

func (f *Flow) init(objs []fyne.CanvasObject) {
	f.flow = &flowLayout{gap: theme.Padding(), width: 500}
	f.box = container.New(f.flow, objs...)
}

// SetObjects replaces the row's objects.
func (f *Flow) SetObjects(objs []fyne.CanvasObject) {
	f.box.Objects = objs
	f.box.Refresh()
	f.Refresh()
}

// Objects are the row's objects.
func (f *Flow) Objects() []fyne.CanvasObject { return f.box.Objects }

// Resize wraps the objects for the new width; when that changes how
// many lines they need, the refresh makes the parent lay out again.
func (f *Flow) Resize(s fyne.Size) {
	before := f.flow.MinSize(f.box.Objects).Height
	f.flow.width = s.Width
	f.BaseWidget.Resize(s)
	if f.flow.MinSize(f.box.Objects).Height != before {
		f.Refresh()
	}
}

// CreateRenderer shows the flowing row.
func (f *Flow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(f.box) }

// Legend names the colours of a chart; its items wrap onto more lines
// when the window is narrow.
type Legend struct {
	Flow
	Items []LegendItem
}

// NewLegend makes a legend of these items.
func NewLegend(items []LegendItem) *Legend {
	l := &Legend{}
	l.init(nil)
	l.ExtendBaseWidget(l)
	l.flow.gap = 2 * theme.Padding()
	l.SetItems(items)
	return l
}

// SetItems replaces the legend's items.
func (l *Legend) SetItems(items []LegendItem) {
	l.Items = items
	var objs []fyne.CanvasObject
	for _, it := range items {
		sw := canvas.NewRectangle(paint(it.Color))
		sw.SetMinSize(fyne.NewSize(14, 14))
		sw.CornerRadius = 2
		lab := &widget.Label{Text: it.Label, SizeName: theme.SizeNameCaptionText}
		objs = append(objs, container.NewHBox(container.NewCenter(sw), lab))
	}
	l.SetObjects(objs)
}

// Text is the legend as words, for tests and screen readers.
func (l *Legend) Text() string {
	var parts []string
	for _, it := range l.Items {
		parts = append(parts, it.Label)
	}
	return strings.Join(parts, ", ")
}

// flowLayout places objects left to right, wrapping onto a new line
// when the next one does not fit.
type flowLayout struct {
	gap float32
	// width is the width last given, which MinSize wraps for.
	width float32
}

func (f *flowLayout) rows(objs []fyne.CanvasObject, width float32) (pos []fyne.Position, height float32) {
	x, y, lineH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			pos = append(pos, fyne.Position{})
			continue // a hidden button takes no room
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > width {
			x, y = 0, y+lineH
			lineH = 0
		}
		pos = append(pos, fyne.NewPos(x, y))
		x += m.Width + f.gap
		lineH = max(lineH, m.Height)
	}
	return pos, y + lineH
}

func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	f.width = size.Width
	pos, _ := f.rows(objs, size.Width)
	for i, o := range objs {
		o.Move(pos[i])
		o.Resize(o.MinSize())
	}
}

// MinSize is one item wide and as tall as the items need at the width
// last laid out (or on one line before that).
func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		if o.Visible() {
			w = max(w, o.MinSize().Width)
		}
	}
	_, h := f.rows(objs, max(f.width, w))
	return fyne.NewSize(w, h)
}
