package ui

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"retake/scoring"
)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(s float64) {
	c.mu.Lock()
	c.now = c.now.Add(time.Duration(s * float64(time.Second)))
	c.mu.Unlock()
}

// fakeRecorder records nothing but keeps the calls the view made.
type fakeRecorder struct {
	mu      sync.Mutex
	path    string
	level   Level
	stopped bool
	closed  bool
	length  time.Duration
	errc    chan error
}

func (r *fakeRecorder) Err() <-chan error { return r.errc }

// Start creates the file, as the real recorder does, so the library can
// tell a recorded take from a silent rehearsal.
func (r *fakeRecorder) Start(path string) error {
	r.path = path
	return os.WriteFile(path, nil, 0o600)
}
func (r *fakeRecorder) Stop() (time.Duration, error) {
	r.stopped = true
	return r.length, nil
}
func (r *fakeRecorder) Level() Level {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.level
}
func (r *fakeRecorder) setLevel(l Level) { r.mu.Lock(); r.level = l; r.mu.Unlock() }
func (r *fakeRecorder) Close() error     { r.closed = true; return nil }

// fakePlayer tracks play state and position without a device.
type fakePlayer struct {
	playing bool
	pos     time.Duration
	dur     time.Duration
	seeks   []time.Duration
}

func (p *fakePlayer) Play() error                { p.playing = true; return nil }
func (p *fakePlayer) Pause() error               { p.playing = false; return nil }
func (p *fakePlayer) Seek(t time.Duration) error { p.pos = t; p.seeks = append(p.seeks, t); return nil }
func (p *fakePlayer) Position() time.Duration    { return p.pos }
func (p *fakePlayer) Duration() time.Duration    { return p.dur }
func (p *fakePlayer) Playing() bool              { return p.playing }
func (p *fakePlayer) Close() error               { return nil }

// fakeLibrary keeps takes in memory.
type fakeLibrary struct {
	mu       sync.Mutex
	takes    map[string]Take
	next     int
	dir      string
	exported map[string]string
	failList error
	// journal holds the section marks journaled per take, as "n@seconds";
	// markGate, when set, holds every MarkSection until it is closed.
	journal  map[string][]string
	markGate chan struct{}
}

func newFakeLibrary(dir string) *fakeLibrary {
	return &fakeLibrary{takes: map[string]Take{}, dir: dir, exported: map[string]string{}, journal: map[string][]string{}}
}

func (l *fakeLibrary) MarkSection(id string, n int, at time.Duration) error {
	l.mu.Lock()
	gate := l.markGate
	l.mu.Unlock()
	if gate != nil {
		<-gate
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.takes[id]; !ok {
		return fmt.Errorf("take %s not found", id)
	}
	l.journal[id] = append(l.journal[id], fmt.Sprintf("%d@%g", n, at.Seconds()))
	return nil
}

func (l *fakeLibrary) add(t Take) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.takes[t.ID] = t
}

func (l *fakeLibrary) List() ([]Take, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.failList != nil {
		return nil, l.failList
	}
	var out []Take
	for _, t := range l.takes {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (l *fakeLibrary) Get(id string) (Take, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t, ok := l.takes[id]
	if !ok {
		return Take{}, fmt.Errorf("take %s: %w", id, errors.New("not found"))
	}
	return t, nil
}

func (l *fakeLibrary) Create(question Question) (Take, error) {
	q := question.Text
	l.mu.Lock()
	defer l.mu.Unlock()
	l.next++
	id := fmt.Sprintf("t%02d", l.next)
	t := Take{ID: id, Score: -1, Question: q, Created: time.Date(2026, 3, 1, 10, l.next, 0, 0, time.UTC), AudioPath: l.dir + "/" + id + ".wav"}
	l.takes[id] = t
	return t, nil
}

func (l *fakeLibrary) update(id string, f func(*Take)) (Take, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t, ok := l.takes[id]
	if !ok {
		return Take{}, fmt.Errorf("take %s not found", id)
	}
	f(&t)
	l.takes[id] = t
	return t, nil
}

func (l *fakeLibrary) Finish(id string, d time.Duration, marks []float64) (Take, error) {
	return l.update(id, func(t *Take) {
		t.Duration, t.Marks = d, marks
		// Like the real adapter: no audio file, no audio path.
		if _, err := os.Stat(t.AudioPath); err != nil {
			t.AudioPath = ""
		}
	})
}

func (l *fakeLibrary) SetTranscript(id, name, text string, rep scoring.Report) (Take, error) {
	return l.update(id, func(t *Take) {
		t.TranscriptName, t.Transcript, t.Report, t.Score = name, text, &rep, rep.Score
		t.SectionSeconds = nil
		for _, s := range rep.Sections {
			t.SectionSeconds = append(t.SectionSeconds, s.Seconds)
		}
	})
}

func (l *fakeLibrary) SetStory(id, story string) (Take, error) {
	return l.update(id, func(t *Take) { t.Story = story })
}

func (l *fakeLibrary) Delete(id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, ok := l.takes[id]; !ok {
		return fmt.Errorf("take %s not found", id)
	}
	delete(l.takes, id)
	return nil
}

func (l *fakeLibrary) Export(id, dest string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.exported[id] = dest
	return nil
}

func (l *fakeLibrary) ImportAudio(path string, q Question) (Take, error) {
	t, err := l.Create(q)
	if err != nil {
		return t, err
	}
	return l.update(t.ID, func(t *Take) { t.AudioPath = path; t.Duration = 30 * time.Second })
}

// harness is an app on the test driver with fakes behind it.
type harness struct {
	app   fyne.App
	win   fyne.Window
	ui    *App
	clock *fakeClock
	rec   *fakeRecorder
	lib   *fakeLibrary
	play  *fakePlayer
	// queue holds work the views handed to the UI thread; settle runs it
	// on the test goroutine, which plays the UI thread.
	queue chan func()
}

func newHarness(t *testing.T, tweak func(*Deps)) *harness {
	t.Helper()
	h := &harness{
		app:   test.NewTempApp(t),
		clock: &fakeClock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
		rec:   &fakeRecorder{errc: make(chan error, 1)},
		lib:   newFakeLibrary(t.TempDir()),
		play:  &fakePlayer{dur: 30 * time.Second},
		queue: make(chan func(), 4096),
	}
	h.win = test.NewTempWindow(t, nil)
	h.win.Resize(fyne.NewSize(1100, 800))
	deps := Deps{
		NewRecorder: func(string) (Recorder, error) { return h.rec, nil },
		OpenPlayer:  func(string, string) (Player, error) { return h.play, nil },
		Library:     h.lib,
		Now:         h.clock.Now,
		// The tests redraw by hand; an hour-long tick keeps the ticker
		// goroutine from racing them.
		Tick: time.Hour,
		Do: func(f func()) {
			done := make(chan struct{})
			h.queue <- func() { f(); close(done) }
			<-done
		},
		DoAsync: func(f func()) { h.queue <- f },
	}
	if tweak != nil {
		tweak(&deps)
	}
	ui, err := New(h.app, h.win, deps)
	if err != nil {
		t.Fatal(err)
	}
	h.ui = ui
	t.Cleanup(h.settle)
	h.settle()
	return h
}

// settle waits for the views' background work to report back, which is
// also what orders it before the test reads widgets.
func (h *harness) settle() {
	for range 3 {
		done := make(chan struct{})
		go func() {
			h.ui.Practice.Wait()
			h.ui.Review.Wait()
			h.ui.History.Wait()
			close(done)
		}()
		for waiting := true; waiting; {
			select {
			case f := <-h.queue:
				f()
			case <-done:
				waiting = false
			}
		}
		for len(h.queue) > 0 {
			(<-h.queue)()
		}
	}
}

// errorShown reports whether a dialog is on top of the window.
func (h *harness) errorShown() bool { return h.win.Canvas().Overlays().Top() != nil }

// ev is a key event by name, for the shortcut tests.
func ev(name string) *fyne.KeyEvent { return &fyne.KeyEvent{Name: fyne.KeyName(name)} }

// ctrlDigit presses Ctrl and a digit on the window's canvas.
func ctrlDigit(h *harness, d int) {
	h.win.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(d)), Modifier: fyne.KeyModifierControl})
}
