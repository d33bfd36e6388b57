package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

func TestFlowWrapsAndSkipsHidden(t *testing.T) {
	sharedApp(t)
	box := func() fyne.CanvasObject { r := canvas.NewRectangle(nil); r.SetMinSize(fyne.NewSize(100, 20)); return r }
	a, b, c := box(), box(), box()
	f := &flowLayout{gap: 10}
	objs := []fyne.CanvasObject{a, b, c}
	if _, h := f.rows(objs, 350); h != 20 {
		t.Errorf("three of 100 in 350: %v tall, want one line", h)
	}
	if _, h := f.rows(objs, 250); h != 40 {
		t.Errorf("three of 100 in 250: %v tall, want two lines", h)
	}
	b.Hide()
	if _, h := f.rows(objs, 250); h != 20 {
		t.Errorf("a hidden one still takes room: %v tall", h)
	}
}
