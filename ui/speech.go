package ui

import (
	"context"
	"errors"
	"time"

	"retake/speech/words"
)

// The speech engines as the views see them: what Settings lists, what a
// draft is, and the tap that follows a take while it is recorded. The
// engines themselves live behind the Speech interface, which cmd adapts.

// Engine names, as the engines call themselves and the take library
// stores them as a draft's source.
const (
	EngineSphinx  = "pocketsphinx"
	EngineWhisper = "whisper"
	EngineCommand = "command"
)

// engineTitles are the names a person reads.
var engineTitles = map[string]string{
	EngineSphinx:  "PocketSphinx",
	EngineWhisper: "whisper.cpp",
	EngineCommand: "your command",
}

// EngineTitle is an engine's name as a person reads it ("PocketSphinx"
// for "pocketsphinx"); a name the app does not know is shown as it is.
func EngineTitle(name string) string {
	if t, ok := engineTitles[name]; ok {
		return t
	}
	if name == "" {
		return "a speech engine"
	}
	return name
}

// SpeechSettings are the engine choices made in Settings.
type SpeechSettings struct {
	// Engine is the engine to use: EngineSphinx, EngineWhisper,
	// EngineCommand, or "" for the best one that can run.
	Engine string
	// WhisperCLI is the whisper-cli program ("" looks on PATH) and
	// WhisperModel its model file ("" looks in the models folder).
	WhisperCLI, WhisperModel string
	// Command is the person's own transcriber, with {audio} and {out}.
	Command string
}

// EngineInfo is one engine as Settings lists it.
type EngineInfo struct {
	// Name is the engine's name (EngineSphinx…).
	Name string
	// Available says whether it can run here; when not, Reason says
	// exactly why and Fix is the command or step that makes it work.
	Available   bool
	Reason, Fix string
	// HearsFillers is false for an engine that never writes "um".
	HearsFillers bool
	// Streams is set for an engine that transcribes while the take is
	// being recorded, so the draft is there moments after Stop.
	Streams bool
}

// Draft is what an engine heard in a take.
type Draft struct {
	// Engine is the engine's name (EngineSphinx…).
	Engine string
	// Text is the draft transcript; Words are its timed words with the
	// engine's confidence (words.NoConf when it gave none).
	Text  string
	Words []words.Word
}

// Progress reports how much of the audio an engine has worked through;
// total is 0 when the length is unknown.
type Progress func(done, total time.Duration)

// SampleTap receives a take's samples while it is recorded: Begin once
// with the rate of the mono 16-bit samples, then every block as it
// reaches the file. Samples must copy what it keeps and return quickly.
type SampleTap interface {
	Begin(sampleRate int)
	Samples(block []int16)
}

// LiveDraft is an engine following a take as it is recorded. The
// recorder feeds it as a SampleTap; after Stop, Finish waits for the
// draft (or says why there is none), and Cancel throws it away.
type LiveDraft interface {
	SampleTap
	// Engine is the name of the engine following the take.
	Engine() string
	Finish(ctx context.Context) (Draft, error)
	Cancel()
}

// Speech runs the speech engines.
type Speech interface {
	// Engines lists every engine, in the order Settings shows them,
	// with whether it can run under these settings.
	Engines(s SpeechSettings) []EngineInfo
	// Chosen is the engine the settings pick (the best available for
	// Engine ""), or an error saying why none can run and how to fix it.
	Chosen(s SpeechSettings) (string, error)
	// Transcribe runs the chosen engine on an audio file of any format
	// the app plays. Cancelling ctx stops the engine before it returns.
	Transcribe(ctx context.Context, s SpeechSettings, audioPath string, progress Progress) (Draft, error)
	// Live starts the chosen engine on a take about to be recorded.
	Live(s SpeechSettings) (LiveDraft, error)
}

// SpeechError is an engine's failure worded for the person: Err says
// what happened in one sentence, Todo what to do about it.
type SpeechError struct {
	Err  error
	Todo string
}

func (e *SpeechError) Error() string { return e.Err.Error() }

func (e *SpeechError) Unwrap() error { return e.Err }

// speechTodo is what to do about an engine's error: its own advice when
// it gives one, else a general way out.
func speechTodo(err error) string {
	var se *SpeechError
	if errors.As(err, &se) && se.Todo != "" {
		return se.Todo
	}
	return "Pick another engine in Settings, or type the transcript"
}
