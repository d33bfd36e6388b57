package ui

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"retake/scoring"
)

// fakeClock is a clock the test moves by hand; its timers fire when
// Advance passes them, each on a goroutine of its own as time.AfterFunc
// would run it.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
	firing atomic.Int32
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// AfterFunc is the fake for Deps.AfterFunc.
func (c *fakeClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

// Advance moves the clock on by s seconds, firing the timers due.
func (c *fakeClock) Advance(s float64) {
	c.mu.Lock()
	c.now = c.now.Add(time.Duration(s * float64(time.Second)))
	var due []func()
	keep := c.timers[:0]
	for _, t := range c.timers {
		switch {
		case t.stopped:
		case !t.at.After(c.now):
			t.stopped = true
			due = append(due, t.f)
		default:
			keep = append(keep, t)
		}
	}
	c.timers = keep
	c.mu.Unlock()
	for _, f := range due {
		c.firing.Add(1)
		go func() {
			defer c.firing.Add(-1)
			f()
		}()
	}
}

// pending counts the timers not yet fired or stopped.
func (c *fakeClock) pending() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.timers)
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
	trash    map[string]Take
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
	t := Take{ID: id, Score: -1, Question: q, QuestionID: question.ID, Rubric: question.Rubric, Created: time.Date(2026, 3, 1, 10, l.next, 0, 0, time.UTC), AudioPath: l.dir + "/" + id + ".wav"}
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
	t, ok := l.takes[id]
	if !ok {
		return fmt.Errorf("take %s not found", id)
	}
	delete(l.takes, id)
	if l.trash == nil {
		l.trash = map[string]Take{}
	}
	l.trash[id] = t
	return nil
}

func (l *fakeLibrary) Trash() ([]Take, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Take
	for _, t := range l.trash {
		out = append(out, t)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (l *fakeLibrary) Restore(id string) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	t, ok := l.trash[id]
	if !ok {
		return fmt.Errorf("restore take %s: not in the trash", id)
	}
	delete(l.trash, id)
	l.takes[id] = t
	return nil
}

func (l *fakeLibrary) EmptyTrash() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.trash = nil
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
		app:   sharedApp(t),
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
		AfterFunc:   h.clock.AfterFunc,
		// The tests redraw by hand; an hour-long tick keeps the ticker
		// goroutine from racing them.
		Tick:    time.Hour,
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

// settle runs what the views handed to the UI thread until no
// background job, fired timer or queued call is left; the test goroutine
// plays the UI thread. Timers not yet due stay pending: tests move the
// clock to fire them (idle does).
func (h *harness) settle() {
	for quiet := 0; quiet < 3; {
		select {
		case f := <-h.queue:
			f()
			quiet = 0
		default:
			if h.ui.Idle() && h.clock.firing.Load() == 0 && len(h.queue) == 0 {
				quiet++
				runtime.Gosched()
			} else {
				time.Sleep(100 * time.Microsecond)
			}
		}
	}
}

// idle lets every pending delay pass (the typing pause, say) and settles.
func (h *harness) idle() {
	h.clock.Advance(10)
	h.settle()
}

// errorShown reports whether a dialog is on top of the window.
func (h *harness) errorShown() bool { return h.win.Canvas().Overlays().Top() != nil }

// ev is a key event by name, for the shortcut tests.
func ev(name string) *fyne.KeyEvent { return &fyne.KeyEvent{Name: fyne.KeyName(name)} }

// press delivers a key as Fyne's desktop driver does: to the focused
// widget when there is one, else to the canvas's key handler.
func (h *harness) press(name fyne.KeyName) {
	c := h.win.Canvas()
	if f := c.Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: name})
		return
	}
	if k := c.OnTypedKey(); k != nil {
		k(&fyne.KeyEvent{Name: name})
	}
}

// ctrl delivers Ctrl+key as Fyne's desktop driver does: to the focused
// widget when it takes shortcuts (a text field does), else to the
// canvas's shortcuts.
func (h *harness) ctrl(name fyne.KeyName) {
	s := &desktop.CustomShortcut{KeyName: name, Modifier: fyne.KeyModifierControl}
	c := h.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(s)
}

// ctrlDigit presses Ctrl and a digit on the window.
func ctrlDigit(h *harness, d int) { h.ctrl(fyne.KeyName(fmt.Sprint(d))) }

// theApp is the one test app the suite shares. A fresh app per test
// would empty Fyne's text measure cache each time, and measuring the
// same labels again under the race detector is most of a test's time.
var theApp fyne.App

// sharedApp returns the suite's app with every preference the views use
// cleared, so no test sees another's settings.
func sharedApp(t testing.TB) fyne.App {
	t.Helper()
	if theApp == nil {
		theApp = test.NewApp()
	}
	fyne.SetCurrentApp(theApp)
	p := theApp.Preferences()
	for _, k := range []string{PrefInputDevice, PrefOutputDevice, PrefTargetS, PrefTranscriber, PrefUserRubric,
		PrefWindowW, PrefWindowH, PrefWindowX, PrefWindowY, PrefWindowX + "_set"} {
		p.RemoveValue(k)
	}
	return theApp
}
