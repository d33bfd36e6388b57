package ui

import (
	"fmt"
	"sync"
)

// Failure is how a background job's error is worded for the person:
// what failed and what to do about it.
type Failure struct {
	What, Todo string
}

// run does work off the UI thread, then hands its result to done, or its
// error to failed, on the UI thread. It is the one place the views start
// background work, so every job is counted (Wait), reports back through
// the app's event loop and never touches a widget from another
// goroutine. A nil failed shows an error dialog worded by fail.
func run[T any](a *App, fail Failure, work func() (T, error), done func(T), failed func(error)) {
	a.jobs.Add(1)
	go func() {
		v, err := safely(work)
		a.deps.DoAsync(func() {
			defer a.jobs.Done()
			switch {
			case err != nil && failed != nil:
				failed(err)
			case err != nil:
				a.ShowError(fail.What, fail.Todo, err)
			case done != nil:
				done(v)
			}
		})
	}()
}

// runErr is run for work that returns only an error.
func runErr(a *App, fail Failure, work func() error, done func(), failed func(error)) {
	run(a, fail, func() (struct{}, error) { return struct{}{}, work() }, func(struct{}) {
		if done != nil {
			done()
		}
	}, failed)
}

// safely turns a panic in background work (a bug) into an error, so the
// app and the person's data survive it.
func safely[T any](work func() (T, error)) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return work()
}

// Wait blocks until every background job started so far has reported
// back on the UI thread. Only tests use it: the UI thread itself must
// not wait, since the jobs report back through it.
func (a *App) Wait() { a.jobs.wait() }

// Idle reports whether no background job is under way.
func (a *App) Idle() bool { return a.jobs.idle() }

// jobCounter counts jobs under way. Unlike a WaitGroup it may gain jobs
// while someone waits, which happens whenever a job's result starts
// another.
type jobCounter struct {
	mu   sync.Mutex
	n    int
	zero *sync.Cond
}

func (c *jobCounter) Add(d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += d
	if c.n == 0 && c.zero != nil {
		c.zero.Broadcast()
	}
}

func (c *jobCounter) Done() { c.Add(-1) }

func (c *jobCounter) idle() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n == 0
}

func (c *jobCounter) wait() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.zero == nil {
		c.zero = sync.NewCond(&c.mu)
	}
	for c.n > 0 {
		c.zero.Wait()
	}
}
