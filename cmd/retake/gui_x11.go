//go:build linux && !wayland

package main

/*
#cgo pkg-config: x11
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xatom.h>

// frameExtents reads _NET_FRAME_EXTENTS (left, right, top, bottom), the
// window manager's decoration around the window; 0 where there is none.
static void frameExtents(Display *d, Window w, long *left, long *top) {
	*left = 0; *top = 0;
	Atom prop = XInternAtom(d, "_NET_FRAME_EXTENTS", True);
	if (prop == None) return;
	Atom type; int format; unsigned long n, after; unsigned char *data = NULL;
	if (XGetWindowProperty(d, w, prop, 0, 4, False, XA_CARDINAL, &type, &format, &n, &after, &data) == Success && data != NULL) {
		if (n == 4 && format == 32) {
			long *v = (long *)data;
			*left = v[0]; *top = v[2];
		}
		XFree(data);
	}
}

// windowOrigin is where the window's frame starts on the screen.
static int windowOrigin(Window w, int *x, int *y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return 0;
	Window child;
	int ok = XTranslateCoordinates(d, w, DefaultRootWindow(d), 0, 0, x, y, &child);
	long left, top;
	frameExtents(d, w, &left, &top);
	*x -= left; *y -= top;
	XCloseDisplay(d);
	return ok;
}

// moveTo asks for the window's frame to start at x, y.
static void moveTo(Window w, int x, int y) {
	Display *d = XOpenDisplay(NULL);
	if (d == NULL) return;
	XMoveWindow(d, w, x, y);
	XFlush(d);
	XCloseDisplay(d);
}
*/
import "C"

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
)

// Fyne reads and sets a window's size but not its place on the screen;
// on X11 the window's handle lets Xlib do it. (Wayland lets no client
// place its windows, so there the window manager decides.)

// x11Window is the X11 window behind a Fyne window, 0 before it is shown.
func x11Window(w fyne.Window) C.Window {
	var id uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if x, ok := ctx.(driver.X11WindowContext); ok {
				id = x.WindowHandle
			}
		})
	}
	return C.Window(id)
}

// windowPosition is where the window is on the screen.
func windowPosition(w fyne.Window) (int, int, bool) {
	win := x11Window(w)
	if win == 0 {
		return 0, 0, false
	}
	var x, y C.int
	if C.windowOrigin(win, &x, &y) == 0 {
		return 0, 0, false
	}
	return int(x), int(y), true
}

// moveWindow puts the window at x, y once it is on the screen. The app
// asks before the window exists, and the window is mapped some frames
// after the app starts, so the move waits for the window and checks
// that it took, asking again while it has not (for up to 5 s).
func moveWindow(w fyne.Window, x, y int) {
	try := func() (done bool) {
		fyne.DoAndWait(func() {
			win := x11Window(w)
			if win == 0 {
				return
			}
			if px, py, ok := windowPosition(w); ok && px == x && py == y {
				done = true
				return
			}
			C.moveTo(win, C.int(x), C.int(y))
		})
		return done
	}
	fyne.CurrentApp().Lifecycle().SetOnStarted(func() {
		go func() {
			for range 25 {
				time.Sleep(200 * time.Millisecond)
				if try() {
					return
				}
			}
		}()
	})
}
