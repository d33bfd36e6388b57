package ui

import "fyne.io/fyne/v2"

// weightLayout places its objects side by side, each as wide as its
// share of the weights, which is how the timer bar shows a section's
// share of the speaking time.
type weightLayout struct {
	weights []float64
	gap     float32
}

func (l *weightLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	total := 0.0
	for i := range objs {
		total += l.weight(i)
	}
	if total <= 0 {
		return
	}
	free := size.Width - l.gap*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * float32(l.weight(i)/total)
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + l.gap
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
	return s
}

func (l *weightLayout) weight(i int) float64 {
	if i < len(l.weights) {
		return l.weights[i]
	}
	return 0
}
