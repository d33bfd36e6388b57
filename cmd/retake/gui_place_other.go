//go:build !linux || wayland

package main

import "fyne.io/fyne/v2"

// windowPosition and moveWindow are left to the window manager where the
// app cannot read or set a window's place (Wayland, or a platform the
// X11 code does not cover).
var (
	windowPosition func(fyne.Window) (int, int, bool)
	moveWindow     func(fyne.Window, int, int)
)
