package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2/dialog"

	"retake/scoring"
	"retake/scoring/transcript"
)

// transcription is a speech engine drafting one take's transcript: a
// live draft finishing after Stop, or the whole recording from the
// Transcribe button. Its fields belong to the UI thread.
type transcription struct {
	id     string
	engine string
	cancel context.CancelFunc
	// what is the activity line; pct the share of the audio done, -1
	// while unknown.
	what string
	pct  float64
}

// drafted is what a transcription brings back.
type drafted struct {
	draft  Draft
	parsed transcript.Transcript
	report scoring.Report
	saved  Take
	// empty is set when the engine heard no words: nothing is stored.
	empty bool
}

// errDraftStore wraps a failure to store a draft, which is worded apart
// from the engine's failures.
type errDraftStore struct{ err error }

func (e *errDraftStore) Error() string { return e.err.Error() }
func (e *errDraftStore) Unwrap() error { return e.err }

// TranscribeTake has the speech engine chosen in Settings draft the
// open take's transcript from its recording, with progress and Cancel.
// A transcript already there is replaced only once the person agrees.
func (r *Review) TranscribeTake() {
	t, sp := r.take, r.a.deps.Speech
	switch {
	case t.ID == "" || r.jobs[t.ID] != nil:
		return
	case t.AudioPath == "":
		r.a.ShowError("This take has no recording to transcribe", "Record the answer with a microphone, or import a WAV or MP3 in History, then press Transcribe", errors.New("it was a silent rehearsal"))
		return
	case sp == nil:
		r.a.ShowError("Transcription is off on this run", "Type or import the transcript", errors.New("no speech engines were set up"))
		return
	}
	set := r.a.SpeechSettings()
	engine, err := sp.Chosen(set)
	if err != nil {
		r.a.ShowError("No speech engine can run", speechTodo(err), err)
		return
	}
	start := func() {
		r.startDraft(t, engine, "Transcribing with "+EngineTitle(engine)+"…",
			func(ctx context.Context, progress Progress) (Draft, error) {
				return sp.Transcribe(ctx, set, t.AudioPath, progress)
			})
	}
	if strings.TrimSpace(r.Editor.Text()) == "" {
		start()
		return
	}
	d := dialog.NewConfirm("Replace the transcript?",
		fmt.Sprintf("A new draft from %s will replace this take's transcript, with any corrections you made.", EngineTitle(engine)),
		func(ok bool) {
			if ok && r.take.ID == t.ID {
				start()
			}
		}, r.a.win)
	d.SetConfirmText(replaceText)
	d.SetDismissText("Keep it")
	d.Show()
}

// replaceText is the confirming button of the replace question.
const replaceText = "Replace with a draft"

// FinishLive opens a take just recorded and waits for the draft its
// engine made while it was recorded. When the live draft failed (the
// engine fell behind or crashed) the whole recording is transcribed
// instead.
func (r *Review) FinishLive(t Take, live LiveDraft) {
	sp, set := r.a.deps.Speech, r.a.SpeechSettings()
	engine := live.Engine()
	r.Open(t)
	r.startDraft(t, engine, "Finishing the draft from "+EngineTitle(engine)+"…",
		func(ctx context.Context, progress Progress) (Draft, error) {
			d, err := live.Finish(ctx)
			if err == nil || ctx.Err() != nil || sp == nil {
				return d, err
			}
			r.a.deps.DoAsync(func() {
				r.jobText(t.ID, "The live draft stopped ("+err.Error()+"); transcribing the whole take with "+EngineTitle(engine)+"…")
			})
			return sp.Transcribe(ctx, set, t.AudioPath, progress)
		})
}

// startDraft runs work, an engine drafting take t, in the background,
// then analyzes the draft and stores it with its report. Nothing is
// stored when it fails or is cancelled.
func (r *Review) startDraft(t Take, engine, what string, work func(context.Context, Progress) (Draft, error)) {
	ctx, cancel := context.WithCancel(context.Background())
	j := &transcription{id: t.ID, engine: engine, cancel: cancel, what: what, pct: -1}
	r.jobs[t.ID] = j
	if r.take.ID == t.ID {
		// A pending analysis of typed text must not land over the draft.
		r.invalidate()
	}
	r.showJob()
	rub, target, lib := r.a.rubricOf(t), r.a.Target(), r.a.deps.Library
	var shown atomic.Int64
	shown.Store(-1)
	progress := func(done, total time.Duration) {
		if total <= 0 {
			return
		}
		pct := min(max(int64(100*done/total), 0), 100)
		if shown.Swap(pct) == pct {
			return // the bar moves by whole percents
		}
		r.a.deps.DoAsync(func() {
			if r.jobs[t.ID] == j {
				j.pct = float64(pct) / 100
				r.showJob()
			}
		})
	}
	run(r.a, Failure{},
		func() (drafted, error) {
			defer cancel()
			d, err := work(ctx, progress)
			switch {
			case ctx.Err() != nil:
				return drafted{}, context.Canceled
			case err != nil:
				return drafted{}, err
			case strings.TrimSpace(d.Text) == "":
				return drafted{draft: d, empty: true}, nil
			}
			if d.Engine == "" {
				d.Engine = engine
			}
			tr := r.parse("", d.Text)
			src := scoring.Source{Kind: sourceEngine, Name: d.Engine}
			rep := r.a.analyze(analysisInput(tr, t, d.Words, src, target), rub)
			if lib == nil {
				return drafted{draft: d, parsed: tr, report: rep, saved: t}, nil
			}
			r.storeMu.Lock()
			defer r.storeMu.Unlock()
			if ctx.Err() != nil {
				return drafted{}, context.Canceled
			}
			saved, err := lib.SetDraft(t.ID, d, rep)
			if err != nil {
				return drafted{}, &errDraftStore{err}
			}
			return drafted{draft: d, parsed: tr, report: rep, saved: saved}, nil
		},
		func(res drafted) { r.draftDone(j, res) },
		func(err error) { r.draftFailed(j, err) })
}

// draftDone shows a stored draft, when its take is still open.
func (r *Review) draftDone(j *transcription, res drafted) {
	delete(r.jobs, j.id)
	open := r.take.ID == j.id
	if open {
		r.stopActivity()
	}
	if res.empty {
		msg := EngineTitle(j.engine) + " heard no words in this take: play it to check the microphone picked you up, or type the transcript."
		if open {
			r.note(msg)
		}
		r.a.Practice.draftNote(j.id, msg)
		return
	}
	r.a.TakesChanged()
	r.a.Practice.draftNote(j.id, fmt.Sprintf("The draft transcript from %s is ready: open the take in Review to correct it while listening.", EngineTitle(res.draft.Engine)))
	if !open {
		return
	}
	r.take = res.saved
	if r.take.ID == "" {
		r.take.ID = j.id
	}
	r.words = res.draft.Words
	if len(res.saved.Words) > 0 {
		r.words = res.saved.Words
	}
	r.srcName, r.engine, r.corrected = "", res.draft.Engine, false
	r.parsed = res.parsed
	r.Editor.Replace("", res.draft.Text)
	if r.Editor.Editing() {
		r.Editor.Done()
	}
	r.showReport(res.report)
}

// draftFailed says why there is no draft; the take is as it was.
func (r *Review) draftFailed(j *transcription, err error) {
	delete(r.jobs, j.id)
	open := r.take.ID == j.id
	if open {
		r.stopActivity()
	}
	var store *errDraftStore
	switch {
	case errors.Is(err, context.Canceled):
		if open {
			r.note("Transcription cancelled: the take is as it was.")
		}
		r.a.Practice.draftNote(j.id, "The draft was cancelled; press Transcribe in Review for another.")
	case errors.As(err, &store):
		r.a.Practice.draftNote(j.id, "The draft could not be saved.")
		r.a.ShowError("Could not save the draft transcript", "Check that the data folder is writable, then press Transcribe again; the take is as it was", store.err)
	default:
		r.a.Practice.draftNote(j.id, "No draft: "+err.Error()+".")
		r.a.ShowError(EngineTitle(j.engine)+" could not draft the transcript", speechTodo(err), err)
	}
}

// jobText changes what a running transcription says it is doing.
func (r *Review) jobText(id, what string) {
	if j := r.jobs[id]; j != nil {
		j.what, j.pct = what, -1
		r.showJob()
	}
}

// showJob shows the open take's transcription, if it has one: what it
// is doing, how far it is, the Cancel button, and the editor shut until
// the draft is in. Other activity (the waveform, the analysis) keeps
// the activity line when there is none.
func (r *Review) showJob() {
	j := r.jobs[r.take.ID]
	if j == nil || r.take.ID == "" {
		r.Cancel.Hide()
		r.Percent.Hide()
		r.Editor.SetBusy(false)
		if r.take.ID != "" {
			r.Transcribe.Enable()
			r.Import.Enable()
		}
		return
	}
	r.Transcribe.Disable()
	r.Import.Disable()
	r.Cancel.Show()
	r.Editor.SetBusy(true)
	r.Activity.SetText(j.what)
	r.Activity.Show()
	if j.pct >= 0 {
		r.Progress.Stop()
		r.Progress.Hide()
		r.Percent.SetValue(j.pct)
		r.Percent.Show()
	} else {
		r.Percent.Hide()
		r.Progress.Show()
		r.Progress.Start()
	}
}

// Transcribing reports whether an engine is drafting the open take.
func (r *Review) Transcribing() bool { return r.jobs[r.take.ID] != nil }

// CancelWork stops the engine drafting the open take; the take stays as
// it was.
func (r *Review) CancelWork() {
	if j := r.jobs[r.take.ID]; j != nil {
		j.cancel()
	}
}

// cancelAll stops every engine at work, for quitting.
func (r *Review) cancelAll() {
	for _, j := range r.jobs {
		j.cancel()
	}
}
