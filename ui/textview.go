package ui

import (
	"image/color"
	"math"
	"sort"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// MarkKind is how a stretch of the transcript is marked.
type MarkKind int

// The kinds of marks, from the quietest: a flag's words by its
// severity, the selection, and the words being played.
const (
	MarkInfo MarkKind = iota
	MarkMinor
	MarkMajor
	// MarkSpoken is the word under the playhead, for a transcript whose
	// words carry times; it is drawn as an outline so flags stay seen.
	MarkSpoken
)

// TextMark marks the bytes [Start, End) of the text.
type TextMark struct {
	Start, End int
	Kind       MarkKind
}

// TextView shows a transcript laid out word by word, so any byte range
// can be marked in place: every flag's words tinted by severity (and
// underlined, thicker for worse, so colour is not the only cue), the
// selection, and the word being played. It reports the byte offset
// under a tap or the pointer, which is what selecting a flag by its
// words, and seeking to a word of a timed transcript, need.
//
// Text longer than maxShowBytes is shown as excerpts around its marks
// (laying out every word of a book-length file helps nobody); offsets
// stay those of the full text.
type TextView struct {
	widget.BaseWidget
	text     string
	marks    []TextMark
	selStart int
	selEnd   int
	spoken   TextMark
	// unsure are the words an engine doubted, underlined with dots.
	unsure []TextMark

	// OnTapped receives the byte offset tapped (-1 off the words);
	// OnDoubleTapped the same for a double tap; OnHover the offset
	// under the pointer as it moves (-1 when it leaves the words).
	OnTapped       func(offset int)
	OnDoubleTapped func(offset int)
	OnHover        func(offset int)
	// Scroll is the scroll container holding the view; the view lays it
	// out again when wrapping changes its height, and scrolls it to
	// bring a selection into sight.
	Scroll *container.Scroll

	width   float32
	frags   []frag
	height  float32
	lineH   float32
	measure map[string]float32
	// measured is the text size the measure cache holds widths for.
	measured float32
	hover    int
	// TextSize is the size of the words; the theme's text size when 0.
	TextSize float32
}

func (v *TextView) textSize() float32 {
	if v.TextSize > 0 {
		return v.TextSize
	}
	return theme.TextSize()
}

// SetTextSize changes the size of the words.
func (v *TextView) SetTextSize(s float32) {
	if s != v.TextSize {
		v.TextSize = s
		v.relayout()
	}
}

// frag is one laid-out piece of a word: the bytes it shows and where.
type frag struct {
	start, end int // byte range of the text; start < 0 for "…"
	text       string
	x, y, w    float32
	// space is the gap to the next fragment of the same line, which a
	// mark covering both fills so a phrase reads as one highlight.
	space float32
}

// NewTextView makes an empty transcript view.
func NewTextView() *TextView {
	v := &TextView{selStart: -1, selEnd: -1, spoken: TextMark{Start: -1, End: -1}, hover: -1}
	v.ExtendBaseWidget(v)
	return v
}

// SetText shows a new text with its marks, clearing the selection.
func (v *TextView) SetText(text string, marks []TextMark) {
	v.text = text
	v.marks = append([]TextMark(nil), marks...)
	v.selStart, v.selEnd = -1, -1
	v.spoken = TextMark{Start: -1, End: -1}
	v.unsure = nil
	v.relayout()
}

// SetUnsure underlines the words [Start, End) of each span with dots:
// the words of a draft its engine was unsure of. A dotted line, not a
// colour, tells them from the flags' solid underlines.
func (v *TextView) SetUnsure(spans []TextMark) {
	v.unsure = append([]TextMark(nil), spans...)
	v.Refresh()
}

// Unsure are the spans underlined with dots.
func (v *TextView) Unsure() []TextMark { return v.unsure }

// Spoken is the span marked as being played, (-1, -1) for none.
func (v *TextView) Spoken() (start, end int) { return v.spoken.Start, v.spoken.End }

// Text is the text shown.
func (v *TextView) Text() string { return v.text }

// Marks are the marks shown.
func (v *TextView) Marks() []TextMark { return v.marks }

// Select marks [start, end) as the selection and scrolls it into view;
// start < 0 clears the selection.
func (v *TextView) Select(start, end int) {
	if start < 0 || end > len(v.text) || start >= end {
		v.selStart, v.selEnd = -1, -1
	} else {
		v.selStart, v.selEnd = start, end
	}
	// A long text's excerpts follow the selection.
	v.relayout()
	if v.selStart >= 0 {
		v.ScrollTo(v.selStart)
	}
}

// Selection is the selected byte range, (-1, -1) when none.
func (v *TextView) Selection() (start, end int) { return v.selStart, v.selEnd }

// SelectedText is the text of the selection.
func (v *TextView) SelectedText() string {
	if v.selStart < 0 {
		return ""
	}
	return v.text[v.selStart:v.selEnd]
}

// SetSpoken marks the words being played ([start, end), start < 0 for
// none), for a transcript whose words carry times.
func (v *TextView) SetSpoken(start, end int) {
	v.spoken = TextMark{Start: start, End: end, Kind: MarkSpoken}
	v.Refresh()
}

// ScrollTo scrolls the view's container, when offset is out of sight,
// so that it is in the upper third.
func (v *TextView) ScrollTo(offset int) {
	if v.Scroll == nil {
		return
	}
	p, ok := v.PositionOf(offset)
	if !ok {
		return
	}
	view := v.Scroll.Size().Height
	if top := v.Scroll.Offset.Y; p.Y >= top && p.Y+v.lineH <= top+view {
		return // already in sight: moving the text would only lose the place
	}
	y := max(p.Y-view/3, 0)
	y = min(y, max(v.height-view, 0))
	v.Scroll.Offset = fyne.NewPos(0, y)
	v.Scroll.Refresh()
}

// PositionOf is where the fragment holding offset is drawn.
func (v *TextView) PositionOf(offset int) (fyne.Position, bool) {
	for _, f := range v.frags {
		if f.start >= 0 && offset >= f.start && offset < f.end {
			return fyne.NewPos(f.x, f.y), true
		}
	}
	return fyne.Position{}, false
}

// OffsetAt is the byte offset of the character at p, -1 off the words.
func (v *TextView) OffsetAt(p fyne.Position) int {
	for _, f := range v.frags {
		if f.start < 0 || p.Y < f.y || p.Y >= f.y+v.lineH || p.X < f.x || p.X >= f.x+f.w+f.space {
			continue
		}
		// Find the character: measure growing prefixes of the fragment.
		size, style := v.textSize(), fyne.TextStyle{}
		for i := range f.text {
			_, n := utf8.DecodeRuneInString(f.text[i:])
			if f.x+fyne.MeasureText(f.text[:i+n], size, style).Width > p.X {
				return f.start + i
			}
		}
		return f.end - 1
	}
	return -1
}

// Tapped reports the offset tapped.
func (v *TextView) Tapped(e *fyne.PointEvent) {
	if v.OnTapped != nil {
		v.OnTapped(v.OffsetAt(e.Position))
	}
}

// DoubleTapped reports the offset double-tapped.
func (v *TextView) DoubleTapped(e *fyne.PointEvent) {
	if v.OnDoubleTapped != nil {
		v.OnDoubleTapped(v.OffsetAt(e.Position))
	}
}

// MouseIn, MouseMoved and MouseOut report the offset under the pointer.
func (v *TextView) MouseIn(e *desktop.MouseEvent) { v.MouseMoved(e) }

// MouseMoved reports the offset under the pointer when it changes.
func (v *TextView) MouseMoved(e *desktop.MouseEvent) {
	if off := v.OffsetAt(e.Position); off != v.hover {
		v.hover = off
		if v.OnHover != nil {
			v.OnHover(off)
		}
	}
}

// MouseOut reports that the pointer left.
func (v *TextView) MouseOut() {
	v.hover = -1
	if v.OnHover != nil {
		v.OnHover(-1)
	}
}

// Cursor is the text cursor: the view is read by the word.
func (v *TextView) Cursor() desktop.Cursor { return desktop.TextCursor }

// Resize lays the words out again for a new width; when that changes
// the height, the scroll container lays out again to fit it.
func (v *TextView) Resize(s fyne.Size) {
	if s.Width != v.width {
		before := v.height
		v.width = s.Width
		v.layout()
		v.BaseWidget.Resize(fyne.NewSize(s.Width, max(s.Height, v.height)))
		v.Refresh()
		if v.height != before && v.Scroll != nil {
			v.Scroll.Refresh()
		}
		return
	}
	v.BaseWidget.Resize(s)
}

// MinSize is as tall as the words need at the current width.
func (v *TextView) MinSize() fyne.Size {
	if v.frags == nil && v.text != "" {
		v.layout()
	}
	return fyne.NewSize(60, v.height)
}

func (v *TextView) relayout() {
	before := v.height
	v.layout()
	v.Refresh()
	if v.height != before && v.Scroll != nil {
		v.Scroll.Refresh()
	}
}

// shownRanges are the byte ranges of the text the view lays out.
func (v *TextView) shownRanges() [][2]int {
	if len(v.text) <= maxShowBytes {
		return [][2]int{{0, len(v.text)}}
	}
	var spans [][2]int
	add := func(s, e int) {
		if s >= 0 && e <= len(v.text) && s < e {
			spans = append(spans, [2]int{max(s-excerptBytes, 0), min(e+excerptBytes, len(v.text))})
		}
	}
	for _, m := range v.marks {
		add(m.Start, m.End)
	}
	add(v.selStart, v.selEnd)
	if len(spans) == 0 {
		return [][2]int{{0, overviewBytes}}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	out := [][2]int{spans[0]}
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s[0] <= last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		out = append(out, s)
		// A long text with thousands of flags is still bounded.
		if len(out) > maxExcerpts {
			break
		}
	}
	for i := range out {
		out[i][0], out[i][1] = runeStart(v.text, out[i][0]), runeStart(v.text, out[i][1])
	}
	return out
}

// maxExcerpts bounds how many excerpts a long text shows.
const maxExcerpts = 60

// runeStart moves i back to the first byte of the character it is in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

func (v *TextView) width1(s string) float32 {
	if v.measure == nil || v.measured != v.textSize() {
		v.measure, v.measured = map[string]float32{}, v.textSize()
	}
	if w, ok := v.measure[s]; ok {
		return w
	}
	w := fyne.MeasureText(s, v.textSize(), fyne.TextStyle{}).Width
	if len(v.measure) > 20000 {
		v.measure = map[string]float32{}
	}
	v.measure[s] = w
	return w
}

// cuts are the offsets where a mark begins or ends, where a word must
// be split so each piece has one look.
func (v *TextView) cuts() []int {
	var c []int
	for _, m := range v.marks {
		c = append(c, m.Start, m.End)
	}
	c = append(c, v.selStart, v.selEnd)
	sort.Ints(c)
	return c
}

// layout places every shown word for the current width.
func (v *TextView) layout() {
	pad := theme.InnerPadding()
	width := v.width
	if width <= 0 {
		width = 500
	}
	avail := max(width-2*pad, 40)
	// Whole units: text drawn at a fraction of a pixel comes out blurred,
	// so some words would look fainter than others.
	v.lineH = float32(math.Ceil(float64(fyne.MeasureText("Mg", v.textSize(), fyne.TextStyle{}).Height + theme.LineSpacing() + 2)))
	space := v.width1(" ")
	cuts := v.cuts()
	v.frags = v.frags[:0]
	x, y := float32(0), float32(0)
	newline := func() { x, y = 0, y+v.lineH }
	place := func(start, end int, s string, w float32) {
		if x > 0 && x+w > avail {
			newline()
		}
		v.frags = append(v.frags, frag{start: start, end: end, text: s, x: float32(math.Round(float64(pad + x))), y: pad + y, w: w})
		x += w
	}
	ranges := v.shownRanges()
	for ri, r := range ranges {
		if ri > 0 || r[0] > 0 {
			if x > 0 {
				newline()
			}
			place(-1, -1, "…", v.width1("…"))
			newline()
		}
		i := r[0]
		for i < r[1] {
			// White space: a line break where it holds a blank line
			// (paragraphs, and subtitle cues, whose numbers and times
			// the parser blanked), else one space, so a hard-wrapped
			// text flows to the width of the view.
			newlines := 0
			for i < r[1] {
				c, n := utf8.DecodeRuneInString(v.text[i:])
				if !unicode.IsSpace(c) {
					break
				}
				if c == '\n' {
					newlines++
				}
				i += n
			}
			brk := newlines >= 2
			if i >= r[1] {
				break
			}
			if brk && x > 0 {
				newline()
			} else if x > 0 {
				v.frags[len(v.frags)-1].space = space
				x += space
			}
			j := i
			for j < r[1] {
				c, n := utf8.DecodeRuneInString(v.text[j:])
				if unicode.IsSpace(c) {
					break
				}
				j += n
			}
			v.placeWord(i, j, cuts, avail, &x, newline, place)
			i = j
		}
		if r[1] < len(v.text) && ri == len(ranges)-1 {
			if x > 0 {
				newline()
			}
			place(-1, -1, "…", v.width1("…"))
		}
	}
	v.height = y + v.lineH + 2*pad
	if len(v.frags) == 0 {
		v.height = 0
	}
}

// placeWord lays out the word text[i:j], split at mark edges, on the
// current line or the next; a word wider than a line is broken.
func (v *TextView) placeWord(i, j int, cuts []int, avail float32, x *float32, newline func(), place func(int, int, string, float32)) {
	var pieces [][2]int
	from := i
	for _, c := range cuts {
		if c > from && c < j {
			pieces = append(pieces, [2]int{from, c})
			from = c
		}
	}
	pieces = append(pieces, [2]int{from, j})
	total := float32(0)
	for _, p := range pieces {
		total += v.width1(v.text[p[0]:p[1]])
	}
	if *x > 0 && *x+total > avail {
		newline()
	}
	for pi, p := range pieces {
		s := v.text[p[0]:p[1]]
		w := v.width1(s)
		if w <= avail-*x || *x == 0 && w <= avail {
			place(p[0], p[1], s, w)
			if pi < len(pieces)-1 {
				v.frags[len(v.frags)-1].space = 0
			}
			continue
		}
		// Longer than a line: break it by characters.
		start := p[0]
		for start < p[1] {
			end := start
			for end < p[1] {
				_, n := utf8.DecodeRuneInString(v.text[end:])
				if end > start && v.width1(v.text[start:end+n]) > avail-*x {
					break
				}
				end += n
			}
			place(start, end, v.text[start:end], v.width1(v.text[start:end]))
			start = end
			if start < p[1] {
				newline()
			}
		}
	}
}

// markColor is the tint of a mark; the underline uses the opaque colour.
func markColor(k MarkKind) fyne.ThemeColorName {
	switch k {
	case MarkMajor:
		return theme.ColorNameError
	case MarkMinor:
		return theme.ColorNameWarning
	}
	return theme.ColorNamePrimary
}

// unsureDotGap is the distance from one dot of an unsure word's
// underline to the next.
const unsureDotGap = 4

// underline is how thick a mark's underline is: worse is thicker.
func underline(k MarkKind) float32 {
	switch k {
	case MarkMajor:
		return 3
	case MarkMinor:
		return 2
	}
	return 1
}

func withAlpha(c color.Color, a uint8) color.NRGBA {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), a}
}

// CreateRenderer draws the marks under the words.
func (v *TextView) CreateRenderer() fyne.WidgetRenderer {
	r := &textViewRenderer{v: v}
	r.Refresh()
	return r
}

type textViewRenderer struct {
	v    *TextView
	objs []fyne.CanvasObject
}

func (r *textViewRenderer) Layout(fyne.Size) {}

func (r *textViewRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *textViewRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *textViewRenderer) Destroy() {}

// Refresh makes the drawing again: a rectangle per marked fragment and
// a text per fragment. A spoken answer is a few hundred words, and long
// texts are shown as excerpts, so this stays a few thousand objects.
func (r *textViewRenderer) Refresh() {
	v := r.v
	// A new slice: the canvas may still hold the one Objects returned.
	r.objs = nil
	// Tints, quietest first so the worst severity is drawn on top.
	marks := append([]TextMark(nil), v.marks...)
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].Kind < marks[j].Kind })
	for _, m := range marks {
		c := theme.Color(markColor(m.Kind))
		for _, run := range v.runs(m) {
			bg := canvas.NewRectangle(withAlpha(c, 0x55))
			bg.Move(run.Position)
			bg.Resize(fyne.NewSize(run.Size.Width, v.lineH-2))
			ul := canvas.NewRectangle(c)
			ul.Move(fyne.NewPos(run.Position.X, run.Position.Y+v.lineH-2-underline(m.Kind)))
			ul.Resize(fyne.NewSize(run.Size.Width, underline(m.Kind)))
			r.objs = append(r.objs, bg, ul)
		}
	}
	if v.selStart >= 0 {
		for _, run := range v.runs(TextMark{Start: v.selStart, End: v.selEnd}) {
			box := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
			box.StrokeColor = theme.Color(theme.ColorNameForeground)
			box.StrokeWidth = 1.5
			box.CornerRadius = 2
			box.Move(fyne.NewPos(run.Position.X-2, run.Position.Y-1))
			box.Resize(fyne.NewSize(run.Size.Width+4, v.lineH))
			r.objs = append(r.objs, box)
		}
	}
	// Dots under the doubted words, below where a flag's underline
	// ends, so a word can carry both.
	ink := theme.Color(theme.ColorNameForeground)
	for _, m := range v.unsure {
		for _, run := range v.runs(m) {
			for x := run.Position.X; x < run.Position.X+run.Size.Width-1; x += unsureDotGap {
				d := canvas.NewRectangle(ink)
				d.Move(fyne.NewPos(x, run.Position.Y+v.lineH-2))
				d.Resize(fyne.NewSize(2, 2))
				r.objs = append(r.objs, d)
			}
		}
	}
	if v.spoken.Start >= 0 {
		for _, run := range v.runs(v.spoken) {
			o := canvas.NewRectangle(color.Transparent)
			o.StrokeColor = theme.Color(theme.ColorNamePrimary)
			o.StrokeWidth = 2
			o.Move(fyne.NewPos(run.Position.X-2, run.Position.Y-1))
			o.Resize(fyne.NewSize(run.Size.Width+4, v.lineH))
			r.objs = append(r.objs, o)
		}
	}
	fg := theme.Color(theme.ColorNameForeground)
	dim := theme.Color(theme.ColorNamePlaceHolder)
	for _, f := range v.frags {
		c := fg
		if f.start < 0 {
			c = dim
		}
		t := canvas.NewText(f.text, c)
		t.TextSize = v.textSize()
		t.Move(fyne.NewPos(f.x, f.y))
		r.objs = append(r.objs, t)
	}
	canvas.Refresh(v)
}

// runs are the stretches of one line each that a mark covers: one box
// per line reads as one phrase, where a box per word would not.
func (v *TextView) runs(m TextMark) []struct {
	fyne.Position
	fyne.Size
} {
	type run = struct {
		fyne.Position
		fyne.Size
	}
	var out []run
	open := false
	for _, f := range v.frags {
		in := f.start >= 0 && f.start < m.End && f.end > m.Start
		if !in {
			open = false
			continue
		}
		if open && out[len(out)-1].Y == f.y {
			last := &out[len(out)-1]
			last.Width = f.x + f.w - last.X
			continue
		}
		out = append(out, run{fyne.NewPos(f.x, f.y), fyne.NewSize(f.w, v.lineH)})
		open = true
	}
	return out
}
