package scoring

import (
	"runtime"
	"sync"
)

// parallelUnits is the number of units from which per-unit work is
// shared out between the cores; below it (every spoken answer) a
// goroutine costs more than it saves.
const parallelUnits = 4000

// sequential turns the sharing out off; tests compare both ways.
var sequential = false

// byUnits calls work on consecutive ranges [lo, hi) that together cover
// n units: one range for a short text, one per core (at most two: the
// machines Retake runs on) for a long one. work must only write what
// belongs to its own units.
func byUnits(n int, work func(lo, hi int)) {
	parts := 1
	if n >= parallelUnits && !sequential {
		parts = min(runtime.GOMAXPROCS(0), 2)
	}
	if parts == 1 {
		work(0, n)
		return
	}
	var wg sync.WaitGroup
	for p := range parts {
		lo, hi := p*n/parts, (p+1)*n/parts
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(lo, hi)
		}()
	}
	wg.Wait()
}
