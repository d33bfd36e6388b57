package speech

import (
	"context"
	"errors"
	"time"

	"retake/speech/words"
)

// Word is one recognized word with its place in the audio (see
// words.Word; the type lives there so packages that only read timed
// words need not import the engines).
type Word = words.Word

// NoConf marks a word whose engine reports no confidence.
const NoConf = words.NoConf

// Result is what an engine heard in one recording.
type Result struct {
	// Engine is the engine's Name; Model says which model it used
	// ("en-us", "ggml-base.en.bin"), when it knows.
	Engine string `json:"engine"`
	Model  string `json:"model,omitempty"`
	// HearsFillers is false for engines that never write "um" or "uh",
	// so a count of fillers from them means nothing.
	HearsFillers bool `json:"hears_fillers"`
	// Timed is false when the words carry no times (a plain-text
	// output); their Start and End are then zero.
	Timed bool   `json:"timed"`
	Words []Word `json:"words"`
	// Punctuated is true when the engine writes sentences with
	// capitals and punctuation itself (whisper); Text adds them
	// otherwise.
	Punctuated bool `json:"punctuated,omitempty"`
}

// Progress reports how much of the audio an engine has worked through.
// total is 0 when the length is unknown. It is called from the engine's
// goroutines, never after Transcribe returns.
type Progress func(done, total time.Duration)

// Engine is one way of turning a recording into words.
type Engine interface {
	// Name is the short name the app and the command line use:
	// "pocketsphinx", "whisper" or "command".
	Name() string
	// Available says whether the engine can run on this machine. If it
	// cannot, reason says exactly why and fix is the command (or step)
	// that makes it work.
	Available() (ok bool, reason, fix string)
	// HearsFillers reports whether the engine writes fillers such as
	// "um" and "uh" when they are said.
	HearsFillers() bool
	// Transcribe runs the engine on an audio file of any format the app
	// plays (WAV of any rate, depth and channels, or MP3). Cancelling
	// ctx stops the engine's processes and removes its temporary files
	// before Transcribe returns; progress may be nil.
	Transcribe(ctx context.Context, audioPath string, progress Progress) (Result, error)
}

// Errors that say what went wrong with an engine; every error an engine
// returns wraps one of these or the context's error, and its message is
// a sentence a person can act on.
var (
	// ErrUnavailable: the engine is not installed or not set up.
	ErrUnavailable = errors.New("speech engine not available")
	// ErrFailed: the engine's process failed or crashed.
	ErrFailed = errors.New("speech engine failed")
	// ErrBadOutput: the engine finished but wrote something this
	// package cannot read.
	ErrBadOutput = errors.New("speech engine output unreadable")
	// ErrTimeout: the engine ran past its time limit and was stopped.
	ErrTimeout = errors.New("speech engine timed out")
	// ErrAudio: the audio could not be read or converted.
	ErrAudio = errors.New("audio could not be converted")
)
