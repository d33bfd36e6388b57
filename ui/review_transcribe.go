package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
)

// transcribed is what the transcriber command wrote.
type transcribed struct {
	name string
	data []byte
}

// RunTranscriber runs the transcriber command from the settings on the
// take's audio, with progress and a cancel button, then imports what it
// wrote as an engine's draft.
func (r *Review) RunTranscriber() {
	tmpl := strings.TrimSpace(r.a.app.Preferences().String(PrefTranscriber))
	switch {
	case tmpl == "":
		r.a.ShowError("No transcriber set", "Enter a command with {audio} and {out} in Settings, or type the transcript", fmt.Errorf("the transcriber command is empty"))
		return
	case r.take.AudioPath == "":
		r.a.ShowError("This take has no audio", "Record a take with a microphone, or import a WAV or MP3 in History", fmt.Errorf("nothing to transcribe"))
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.Transcribe.Disable()
	r.Cancel.Show()
	r.startActivity("Transcribing…")
	audio, id, runCmd := r.take.AudioPath, r.take.ID, r.a.deps.RunTranscriber
	finish := func() {
		r.cancel = nil
		r.Transcribe.Enable()
		r.Cancel.Hide()
		r.stopActivity()
	}
	run(r.a, Failure{},
		func() (transcribed, error) {
			defer cancel()
			name, data, err := runCmd(ctx, tmpl, audio, func(line string) {
				r.a.deps.DoAsync(func() { r.Activity.SetText("Transcribing: " + line) })
			})
			if ctx.Err() != nil {
				return transcribed{}, context.Canceled
			}
			return transcribed{name, data}, err
		},
		func(t transcribed) {
			finish()
			if r.take.ID == id {
				engine := "the transcriber"
				if args, err := SplitCommand(tmpl); err == nil {
					engine = filepath.Base(args[0])
				}
				r.importText(t.name, t.data, engine)
			}
		},
		func(err error) {
			finish()
			if err == context.Canceled {
				r.note("Transcription cancelled.")
				return
			}
			r.a.ShowError("The transcriber failed", "Check the command in Settings; it must write a transcript to {out}", err)
		})
}

// CancelWork stops a running transcriber.
func (r *Review) CancelWork() {
	if r.cancel != nil {
		r.cancel()
	}
}
