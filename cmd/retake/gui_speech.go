package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"retake/speech"
	"retake/ui"
)

// guiSpeech adapts the speech engines to the views' interface: the
// engines of the settings made in the app, their failures worded as
// what happened and what to do.
type guiSpeech struct{}

var _ ui.Speech = guiSpeech{}

// speechConfig is the engines' configuration from the app's settings.
func speechConfig(s ui.SpeechSettings) speech.Config {
	return speech.Config{WhisperCLI: s.WhisperCLI, WhisperModel: s.WhisperModel, Command: s.Command}
}

func (guiSpeech) Engines(s ui.SpeechSettings) []ui.EngineInfo {
	var out []ui.EngineInfo
	for _, e := range speechConfig(s).Engines() {
		ok, reason, fix := e.Available()
		_, streams := e.(speech.Streamer)
		out = append(out, ui.EngineInfo{Name: e.Name(), Available: ok, Reason: reason, Fix: fix,
			HearsFillers: e.HearsFillers(), Streams: streams})
	}
	return out
}

// engine is the engine the settings pick: the one named, if it can run,
// or the best one that can.
func (guiSpeech) engine(s ui.SpeechSettings) (speech.Engine, error) {
	cfg := speechConfig(s)
	if s.Engine == "" {
		if e, err := cfg.Best(); err == nil {
			return e, nil
		}
		// Every engine's reason and fix, each named as the app names it.
		var why []string
		for _, e := range cfg.Engines() {
			_, reason, fix := e.Available()
			line := ui.EngineTitle(e.Name()) + ": " + reason
			if fix != "" {
				line += " (to fix: " + fix + ")"
			}
			why = append(why, line)
		}
		return nil, &ui.SpeechError{Err: errors.New(strings.Join(why, "; ")),
			Todo: "Fix one of them (Settings lists them), or type the transcript"}
	}
	e, err := cfg.Engine(s.Engine)
	if err != nil {
		return nil, &ui.SpeechError{Err: err, Todo: "Pick an engine in Settings"}
	}
	if ok, reason, fix := e.Available(); !ok {
		todo := "Pick another engine in Settings, or type the transcript"
		if fix != "" {
			todo = "To fix it: " + fix + "; or pick another engine in Settings"
		}
		return nil, &ui.SpeechError{Err: fmt.Errorf("%s cannot run: %s", ui.EngineTitle(e.Name()), reason), Todo: todo}
	}
	return e, nil
}

func (g guiSpeech) Chosen(s ui.SpeechSettings) (string, error) {
	e, err := g.engine(s)
	if err != nil {
		return "", err
	}
	return e.Name(), nil
}

func (g guiSpeech) Transcribe(ctx context.Context, s ui.SpeechSettings, audioPath string, progress ui.Progress) (ui.Draft, error) {
	e, err := g.engine(s)
	if err != nil {
		return ui.Draft{}, err
	}
	r, err := e.Transcribe(ctx, audioPath, speech.Progress(progress))
	if err != nil {
		return ui.Draft{}, speechError(e.Name(), err)
	}
	return uiDraft(r), nil
}

func (g guiSpeech) Live(s ui.SpeechSettings) (ui.LiveDraft, error) {
	e, err := g.engine(s)
	if err != nil {
		return nil, err
	}
	return &guiLive{Live: speech.NewLive(e), engine: e.Name()}, nil
}

// guiLive is a speech.Live tap as the views' LiveDraft. The recorder
// adapter hands it to audio.Recorder.StartTapped, whose Tap it is.
type guiLive struct {
	*speech.Live
	engine string
}

func (l *guiLive) Engine() string { return l.engine }

// Finish waits for the draft of the take just recorded.
func (l *guiLive) Finish(ctx context.Context) (ui.Draft, error) {
	r, err := l.Live.Finish(ctx)
	if err != nil {
		return ui.Draft{}, speechError(l.engine, err)
	}
	return uiDraft(r), nil
}

// uiDraft is an engine's result as a draft. Words without times (an
// engine that wrote plain text) are left out: at time 0 they would put
// every word, and every pause, at the start of the take.
func uiDraft(r speech.Result) ui.Draft {
	d := ui.Draft{Engine: r.Engine, Text: r.Text()}
	if r.Timed {
		d.Words = r.Words
	}
	return d
}

// speechError words an engine's failure for the person: the engine's
// own sentence says what happened, and the kind of failure says what to
// do. A cancelled run is passed on as it is.
func speechError(engine string, err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	title := ui.EngineTitle(engine)
	var todo string
	var u *speech.UnavailableError
	switch {
	case errors.As(err, &u):
		todo = "Pick another engine in Settings, or type the transcript"
		if u.Fix != "" {
			todo = "To fix it: " + u.Fix + "; or pick another engine in Settings"
		}
		err = errors.New(u.Reason)
	case errors.Is(err, speech.ErrTimeout):
		todo = "Try again; for long takes pick a faster engine (PocketSphinx) in Settings"
	case errors.Is(err, speech.ErrAudio):
		todo = "Check that the take plays in Review; if it does not, record or import it again"
	case errors.Is(err, speech.ErrBadOutput):
		todo = "Check that " + title + " works on its own (retake transcribe FILE shows what it wrote), or pick another engine in Settings"
	default:
		todo = "Try again; if it fails again, run retake transcribe FILE in a terminal to see the engine's error, or pick another engine in Settings"
	}
	return &ui.SpeechError{Err: err, Todo: todo}
}
