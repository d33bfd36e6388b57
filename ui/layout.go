package ui

import "fyne.io/fyne/v2"

// weightLayout places its objects side by side, each as wide as its
// share of the weights, which is how the timer bar shows a section's
// share of the speaking time. No object gets less than its minimum
// width while the row has room: a light section keeps its title and
// time readable and the others share what is left by weight.
// maxRowMinWidth is the most a weighted row asks for, what the smallest
// window (800 wide) has for it.
const maxRowMinWidth = 700

type weightLayout struct {
	weights []float64
	gap     float32
}

func (l *weightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	widths := l.widths(objs, size.Width)
	x := float32(0)
	for i, o := range objs {
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(widths[i], size.Height))
		x += widths[i] + l.gap
	}
}

// widths shares the free width by weight, fixing at its minimum every
// object whose share would be smaller, until the rest fit.
func (l *weightLayout) widths(objs []fyne.CanvasObject, width float32) []float32 {
	n := len(objs)
	out := make([]float32, n)
	free := width - l.gap*float32(max(n-1, 0))
	mins := make([]float32, n)
	minSum := float32(0)
	for i, o := range objs {
		mins[i] = o.MinSize().Width
		minSum += mins[i]
	}
	if free <= minSum {
		// Too narrow for everyone's minimum: shrink all alike.
		for i := range out {
			if minSum > 0 {
				out[i] = mins[i] * max(free, 0) / minSum
			}
		}
		return out
	}
	fixed := make([]bool, n)
	for {
		total, left := 0.0, free
		for i := range objs {
			if fixed[i] {
				left -= out[i]
			} else {
				total += l.weight(i)
			}
		}
		changed := false
		for i := range objs {
			if fixed[i] {
				continue
			}
			w := float32(0)
			if total > 0 {
				w = left * float32(l.weight(i)/total)
			}
			if w < mins[i] {
				out[i], fixed[i], changed = mins[i], true, true
				break
			}
			out[i] = w
		}
		if !changed {
			return out
		}
	}
}

func (l *weightLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		m := o.MinSize()
		s.Width += m.Width
		s.Height = max(s.Height, m.Height)
	}
	s.Width += l.gap * float32(max(len(objs)-1, 0))
	// The row asks for no more than fits the smallest window, so a
	// rubric of many sections cannot push the window wider; past that
	// its titles shorten.
	s.Width = min(s.Width, maxRowMinWidth)
	return s
}

func (l *weightLayout) weight(i int) float64 {
	if i < len(l.weights) {
		return l.weights[i]
	}
	return 0
}
