package ui

import "time"

// every runs f on the UI thread at the UI rate (deps.Tick) until stop is
// closed. A tick already queued when stop closes does nothing, so a view
// never redraws after it has been told to stop.
func (a *App) every(stop <-chan struct{}, f func()) {
	go func() {
		tk := time.NewTicker(a.deps.Tick)
		defer tk.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tk.C:
				a.deps.DoAsync(func() {
					select {
					case <-stop:
					default:
						f()
					}
				})
			}
		}
	}()
}
