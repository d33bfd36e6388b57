package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"retake/scoring"
	"retake/scoring/transcript"
	"retake/speech/words"
)

// Level is one reading of the input level meter.
type Level struct {
	PeakDBFS, RMSDBFS float64
	// Clipping is set when samples hit full scale since the last reading.
	Clipping bool
	// NoInput is set when the device has delivered only digital silence.
	NoInput bool
}

// Recorder captures the microphone into a file.
type Recorder interface {
	// Start begins recording into path, handing the samples to tap as
	// they reach the file when tap is not nil (a live draft).
	Start(path string, tap SampleTap) error
	// Stop ends the recording and returns its length.
	Stop() (time.Duration, error)
	// Level returns the current input level; it is cheap and safe to call
	// from any goroutine.
	Level() Level
	// Close releases the device.
	Close() error
	// Err delivers a failure that stopped a recording mid-take (a full
	// disk, a device unplugged).
	Err() <-chan error
}

// Player plays one audio file.
type Player interface {
	Play() error
	Pause() error
	Seek(time.Duration) error
	Position() time.Duration
	Duration() time.Duration
	Playing() bool
	Close() error
}

// Peak is the sample range of one waveform bucket, within [-1, 1].
type Peak struct{ Min, Max float32 }

// Device is an audio device the settings can select.
type Device struct {
	ID, Name  string
	IsDefault bool
}

// Take is what the views need to know of a stored take.
type Take struct {
	ID         string
	Created    time.Time
	Question   string
	Story      string
	Duration   time.Duration
	Marks      []float64
	AudioPath  string
	Transcript string
	// TranscriptName is the file the transcript came from ("" when typed).
	TranscriptName string
	// Source says where the transcript came from: typed, a file, or a
	// speech engine's draft (with whether the person has corrected it).
	Source scoring.Source
	// Words are the timed words of the engine that made the draft, kept
	// across the person's corrections; nil for other transcripts.
	Words []words.Word
	// Pauses are the silences measured in the recording.
	Pauses []scoring.Pause
	// WPM is the pace of the last report, in words per speaking minute;
	// 0 when it has none (no times to measure it by).
	WPM float64
	// Score is the last report's score, -1 when there is none.
	Score int
	// SectionSeconds are the seconds spent on each rubric section, nil
	// when nothing says how the time was split.
	SectionSeconds []float64
	// Report is the full report, nil until the take has a transcript.
	// List may leave it out; Get fills it.
	Report *scoring.Report
	// QuestionID is the question bank id the take answers, and Rubric
	// the rubric that grades it ("" when unknown: the bank entry of
	// QuestionID says, or the first rubric).
	QuestionID, Rubric string
	// Recovered is set for a take a crash interrupted and the library
	// repaired; Note says what was lost, if anything.
	Recovered bool
	Note      string
}

// Library stores takes. All methods may do disk I/O and are called off
// the UI thread where they can be slow.
type Library interface {
	List() ([]Take, error)
	Get(id string) (Take, error)
	// Create makes a take in the recording state whose AudioPath is where
	// the recorder should write.
	Create(q Question) (Take, error)
	// MarkSection journals section mark n (1 for the start of the second
	// section) at the given time into the take being recorded, as it is
	// pressed, so a crash mid-take keeps the marks. It syncs the disk, so
	// it is called off the UI thread.
	MarkSection(id string, n int, at time.Duration) error
	// Finish stores the recording's length and the section marks.
	Finish(id string, d time.Duration, marks []float64) (Take, error)
	// SetTranscript stores a transcript and the report computed from it.
	// Typed text (name "") over an engine's draft is a correction of it:
	// the take keeps the engine's words and is marked corrected.
	SetTranscript(id, name, text string, rep scoring.Report) (Take, error)
	// SetDraft stores an engine's draft, its words and the report
	// computed from it, replacing the take's transcript.
	SetDraft(id string, d Draft, rep scoring.Report) (Take, error)
	SetStory(id, story string) (Take, error)
	// Delete moves a take to the trash.
	Delete(id string) error
	// Export writes a take as a zip archive to dest.
	Export(id, dest string) error
	// ImportAudio makes a take from an existing WAV or MP3 file.
	ImportAudio(path string, q Question) (Take, error)
	// Trash lists the takes in the trash, like List.
	Trash() ([]Take, error)
	// Restore brings a take back from the trash.
	Restore(id string) error
	// EmptyTrash deletes every trashed take for good.
	EmptyTrash() error
}

// Deps are the outside pieces the app runs on. Nil fields turn the
// matching feature off with a message instead of failing.
type Deps struct {
	// NewRecorder opens the capture device named in the settings.
	NewRecorder func(device string) (Recorder, error)
	// OpenPlayer opens a take's audio on the playback device.
	OpenPlayer func(path, device string) (Player, error)
	// Peaks computes a waveform summary of an audio file.
	Peaks func(path string, buckets int) ([]Peak, error)
	// Devices lists capture and playback devices.
	Devices func() (capture, playback []Device, err error)
	Library Library
	// Analyze scores a transcript; scoring.Analyze when nil.
	Analyze func(scoring.Input) scoring.Report
	// Parse reads a transcript file; transcript.Parse when nil.
	Parse func(name string, data []byte) (transcript.Transcript, error)
	// Speech runs the speech engines that draft transcripts; nil turns
	// drafts off (the transcript is typed or imported).
	Speech Speech
	// ParseRubric reads a rubric file a person loads in Settings;
	// ParseRubric (this package's checks) when nil.
	ParseRubric func(data []byte) (*scoring.Rubric, error)
	// LoadRubric loads a rubric shipped with the app by id;
	// scoring.LoadRubric when nil.
	LoadRubric func(id string) (*scoring.Rubric, error)
	// Questions replaces the embedded question bank when set.
	Questions []Question
	// WindowPosition and MoveWindow read and set where the window is on
	// the screen, so the next run opens where this one closed. Fyne has
	// no such call; nil leaves the placement to the window manager.
	WindowPosition func(fyne.Window) (x, y int, ok bool)
	MoveWindow     func(w fyne.Window, x, y int)
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// AfterFunc runs f on its own goroutine once d has passed, unless
	// the returned stop is called first (stop reports whether it
	// stopped it); time.AfterFunc when nil. Every delay of the views
	// (the typing pause, the microphone test) goes through it, so tests
	// move a fake clock instead of sleeping.
	AfterFunc func(d time.Duration, f func()) (stop func() bool)
	// Tick is the UI refresh period of the timer and level meter.
	Tick time.Duration
	// DoAsync queues f to run on the UI thread; fyne.Do when nil.
	// Tests replace it with a queue the test goroutine drains, as the
	// app's event loop would.
	DoAsync func(f func())
}

func (d *Deps) fill() {
	if d.Analyze == nil {
		d.Analyze = scoring.Analyze
	}
	if d.Parse == nil {
		d.Parse = transcript.Parse
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.AfterFunc == nil {
		d.AfterFunc = func(dl time.Duration, f func()) func() bool { return time.AfterFunc(dl, f).Stop }
	}
	if d.ParseRubric == nil {
		d.ParseRubric = ParseRubric
	}
	if d.LoadRubric == nil {
		d.LoadRubric = scoring.LoadRubric
	}
	if d.DoAsync == nil {
		d.DoAsync = fyne.Do
	}
	if d.Tick == 0 {
		d.Tick = time.Second / 30
	}
}
