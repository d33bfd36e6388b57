package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"retake/scoring"
	"retake/speech/words"
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
	tap     SampleTap
	level   Level
	stopped bool
	closed  bool
	length  time.Duration
	errc    chan error
}

func (r *fakeRecorder) Err() <-chan error { return r.errc }

// Start creates the file, as the real recorder does, so the library can
// tell a recorded take from a silent rehearsal.
// A tap gets a tenth of a second of silence at 16 kHz, as the real
// recorder's writer goroutine would hand it the first block.
func (r *fakeRecorder) Start(path string, tap SampleTap) error {
	r.path, r.tap = path, tap
	if tap != nil {
		tap.Begin(16000)
		tap.Samples(make([]int16, 1600))
	}
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
	// drafts counts SetDraft calls; failDraft makes them fail.
	drafts    int
	failDraft error
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

// SetTranscript keeps a draft's words when typed text corrects it, as
// the take library does.
func (l *fakeLibrary) SetTranscript(id, name, text string, rep scoring.Report) (Take, error) {
	return l.update(id, func(t *Take) {
		switch {
		case name == "" && t.Source.Kind == sourceEngine:
			t.Source.Corrected = t.Source.Corrected || text != t.Transcript
		case name != "":
			t.Source, t.Words = scoring.Source{Kind: sourceFile, Name: name}, nil
		default:
			t.Source, t.Words = scoring.Source{Kind: sourceTyped}, nil
		}
		t.TranscriptName, t.Transcript, t.Report, t.Score = name, text, &rep, rep.Score
		t.SectionSeconds = nil
		for _, s := range rep.Sections {
			t.SectionSeconds = append(t.SectionSeconds, s.Seconds)
		}
	})
}

func (l *fakeLibrary) SetDraft(id string, d Draft, rep scoring.Report) (Take, error) {
	l.mu.Lock()
	l.drafts++
	fail := l.failDraft
	l.mu.Unlock()
	if fail != nil {
		return Take{}, fail
	}
	return l.update(id, func(t *Take) {
		t.Source, t.Words = scoring.Source{Kind: sourceEngine, Name: d.Engine}, append([]words.Word(nil), d.Words...)
		t.TranscriptName, t.Transcript, t.Report, t.Score = "", d.Text, &rep, rep.Score
		if rep.Delivery != nil {
			t.WPM = rep.Delivery.WPM
		}
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

// settleUntil runs what the views hand to the UI thread until cond
// holds, for work that is still under way (an engine held by a test).
func (h *harness) settleUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		select {
		case f := <-h.queue:
			f()
		default:
			if time.Now().After(deadline) {
				t.Fatal("the views never reached the state waited for")
			}
			time.Sleep(100 * time.Microsecond)
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
	for _, k := range []string{PrefInputDevice, PrefOutputDevice, PrefTargetS, PrefEngine, PrefWhisperCLI, PrefWhisperModel, PrefCommand, PrefUserRubric,
		PrefWindowW, PrefWindowH, PrefWindowX, PrefWindowY, PrefWindowX + "_set"} {
		p.RemoveValue(k)
	}
	return theApp
}

// fakeSpeech stands in for the speech engines: its one engine drafts
// the same scripted words from any audio, live or from the file.
type fakeSpeech struct {
	mu sync.Mutex
	// engines is what Engines lists; chosenErr, when set, is why none
	// can run.
	engines   []EngineInfo
	chosenErr error
	draft     Draft
	// fileErr and liveErr make Transcribe and a live Finish fail.
	fileErr, liveErr error
	// hold, when set, keeps Transcribe running until its context is
	// cancelled; it then sends the context's error on seen.
	hold bool
	seen chan error
	// files counts Transcribe calls; lives are the live drafts started,
	// each held by liveGate when it is set.
	files    int
	lives    []*fakeLive
	liveGate chan struct{}
}

func newFakeSpeech() *fakeSpeech {
	return &fakeSpeech{
		engines: []EngineInfo{
			{Name: EngineSphinx, Available: true, Streams: true},
			{Name: EngineWhisper, Reason: "whisper-cli is not installed", Fix: "build whisper.cpp (see the README)"},
			{Name: EngineCommand, Reason: "no transcriber command is set", Fix: "enter a command in Settings"},
		},
		draft: scriptedDraft(),
		seen:  make(chan error, 4),
	}
}

func (s *fakeSpeech) Engines(SpeechSettings) []EngineInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]EngineInfo(nil), s.engines...)
}

func (s *fakeSpeech) Chosen(set SpeechSettings) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chosenErr != nil {
		return "", s.chosenErr
	}
	if set.Engine != "" {
		return set.Engine, nil
	}
	return EngineSphinx, nil
}

func (s *fakeSpeech) Transcribe(ctx context.Context, set SpeechSettings, audio string, progress Progress) (Draft, error) {
	s.mu.Lock()
	s.files++
	hold, d, err := s.hold, s.draft, s.fileErr
	s.mu.Unlock()
	if progress != nil {
		progress(15*time.Second, 30*time.Second)
	}
	if hold {
		<-ctx.Done()
		s.seen <- ctx.Err()
		return Draft{}, ctx.Err()
	}
	return d, err
}

func (s *fakeSpeech) Live(set SpeechSettings) (LiveDraft, error) {
	if _, err := s.Chosen(set); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l := &fakeLive{draft: s.draft, err: s.liveErr, gate: s.liveGate}
	s.lives = append(s.lives, l)
	return l, nil
}

// fakeLive is a live draft that keeps what the recorder fed it.
type fakeLive struct {
	mu                  sync.Mutex
	rate, samples       int
	finished, cancelled bool
	draft               Draft
	err                 error
	// gate, when set, holds Finish until it is closed.
	gate chan struct{}
}

func (l *fakeLive) Begin(rate int)        { l.mu.Lock(); l.rate = rate; l.mu.Unlock() }
func (l *fakeLive) Samples(block []int16) { l.mu.Lock(); l.samples += len(block); l.mu.Unlock() }
func (l *fakeLive) Engine() string        { return EngineSphinx }
func (l *fakeLive) Cancel()               { l.mu.Lock(); l.cancelled = true; l.mu.Unlock() }

func (l *fakeLive) Finish(ctx context.Context) (Draft, error) {
	if l.gate != nil {
		select {
		case <-l.gate:
		case <-ctx.Done():
			return Draft{}, ctx.Err()
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.finished = true
	if l.err != nil {
		return Draft{}, l.err
	}
	if l.samples == 0 {
		return Draft{}, errors.New("the recorder fed the live draft nothing")
	}
	return l.draft, nil
}

// draftWords is an answer as an engine hears it, written for these
// tests: lower case, no punctuation, a word every 0.4 s from 1 s, with a
// pause of 2 s after "twice"; the engine doubted "billing" and "dry".
var draftWords = strings.Fields("last year i shipped the billing change without a dry run and two thousand customers were charged twice " +
	"i rolled it back within the hour and now every migration i run has a dry run on a copy of production")

func scriptedDraft() Draft {
	d := Draft{Engine: EngineSphinx}
	at := 1.0
	for _, w := range draftWords {
		conf := 0.9
		if w == "billing" || w == "dry" {
			conf = 0.3
		}
		d.Words = append(d.Words, words.Word{Text: w, Start: at, End: at + 0.3, Conf: conf})
		at += 0.4
		if w == "twice" {
			at += 2
		}
	}
	d.Text = strings.Join(draftWords, " ")
	return d
}
