package scoring

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// runChecks runs every flag's check and raises the flags that fire, in
// flagOrder. On a long text the checks of one wave (see flagWave) share
// the two cores: they only read the analysis, and the evidence they
// share is found once (evidenceCell). A wave's flags are raised before
// the next wave, whose checks may read them, starts.
func (a *analysis) runChecks() {
	order := a.c.flagOrder
	if len(a.d.units) < parallelUnits || sequential || runtime.GOMAXPROCS(0) < 2 {
		for _, id := range order {
			if f := a.c.checks[id].run(a); f.fire {
				a.raise(id, f)
			}
		}
		return
	}
	// The one lazily kept part of the document, filled before the
	// checks that read it run side by side.
	a.d.fillerSpans()
	found := make([]finding, len(order))
	for wave := 0; ; wave++ {
		var ids []int
		for i := range order {
			if a.c.flagWave[i] == wave {
				ids = append(ids, i)
			}
		}
		if len(ids) == 0 {
			break
		}
		var next atomic.Int64
		work := func() {
			for k := int(next.Add(1)) - 1; k < len(ids); k = int(next.Add(1)) - 1 {
				i := ids[k]
				found[i] = a.c.checks[order[i]].run(a)
			}
		}
		var wg sync.WaitGroup
		wg.Go(work)
		work()
		wg.Wait()
		for _, i := range ids {
			if found[i].fire {
				a.raise(order[i], found[i])
			}
		}
	}
	// Raised wave by wave, the flags are put back in flagOrder, the
	// order one pass raises them in (sortFlags keeps it among equals).
	pos := make(map[string]int, len(order))
	for i, id := range order {
		pos[id] = i
	}
	slices.SortStableFunc(a.flags, func(x, y Flag) int { return pos[x.ID] - pos[y.ID] })
}
