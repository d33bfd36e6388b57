package ui

import "time"

// SectionClock is the rehearsal timer's logic, kept apart from widgets so
// it can be tested on its own: it knows when the answer started, the
// planned seconds of each section and the marks at which the speaker
// moved on.
type SectionClock struct {
	Plan    []float64
	started time.Time
	stopped time.Time
	marks   []float64
	running bool
}

// Start begins a rehearsal at now, forgetting earlier marks.
func (c *SectionClock) Start(now time.Time) {
	c.started, c.running, c.marks = now, true, nil
	c.stopped = time.Time{}
}

// Stop ends the rehearsal at now.
func (c *SectionClock) Stop(now time.Time) {
	if c.running {
		c.stopped, c.running = now, false
	}
}

// Reset forgets the last rehearsal, for the next one.
func (c *SectionClock) Reset() {
	c.started, c.stopped, c.marks, c.running = time.Time{}, time.Time{}, nil, false
}

// Running reports whether a rehearsal is in progress.
func (c *SectionClock) Running() bool { return c.running }

// Elapsed is the seconds since the start, frozen once stopped.
func (c *SectionClock) Elapsed(now time.Time) float64 {
	switch {
	case c.started.IsZero():
		return 0
	case !c.running:
		return c.stopped.Sub(c.started).Seconds()
	}
	return now.Sub(c.started).Seconds()
}

// Next records a section mark at now and moves to the next section. It
// returns false when already in the last section, where a mark would
// mean nothing.
func (c *SectionClock) Next(now time.Time) bool {
	if !c.running || len(c.marks) >= len(c.Plan)-1 {
		return false
	}
	c.marks = append(c.marks, c.Elapsed(now))
	return true
}

// Marks returns a copy of the section marks in seconds from the start.
func (c *SectionClock) Marks() []float64 {
	return append([]float64(nil), c.marks...)
}

// Current is the index of the section being spoken.
func (c *SectionClock) Current() int { return len(c.marks) }

// SectionElapsed is how long section i has run so far: zero before it
// starts, its full length once the speaker has moved past it.
func (c *SectionClock) SectionElapsed(i int, now time.Time) float64 {
	if i > len(c.marks) {
		return 0
	}
	from := 0.0
	if i > 0 {
		from = c.marks[i-1]
	}
	to := c.Elapsed(now)
	if i < len(c.marks) {
		to = c.marks[i]
	}
	return to - from
}

// Total is the planned length of the whole answer in seconds.
func (c *SectionClock) Total() float64 {
	t := 0.0
	for _, p := range c.Plan {
		t += p
	}
	return t
}
