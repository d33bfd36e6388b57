package ui

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// answerSRT is a short timed answer written for these tests.
const answerSRT = `1
00:00:00,000 --> 00:00:05,000
Last year I ran the release of our mobile app.

2
00:00:05,000 --> 00:00:12,500
The tests weren't run before the build went out, and we lost two days.
`

func openTake(h *harness) Take {
	t := Take{ID: "t90", Question: "Tell me about a time you made a mistake.", Created: time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC),
		Duration: 30 * time.Second, Marks: []float64{4, 9}, AudioPath: "/tmp/none.wav"}
	h.lib.add(t)
	h.ui.Review.Open(t)
	h.settle()
	return t
}

func TestImportingATranscriptShowsTheCard(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h)
	if r.Report() != nil || len(r.Card.Sections.Objects) != 0 {
		t.Fatal("card filled before any transcript")
	}
	r.ImportTranscript("/home/me/answer.srt", []byte(answerSRT))
	h.settle()
	rep := r.Report()
	if rep == nil {
		t.Fatal("no report after import")
	}
	if !strings.HasPrefix(r.Card.Score.Text, "Score ") || len(r.Card.Sections.Objects) < 5 {
		t.Errorf("card not shown: %q, %d section rows", r.Card.Score.Text, len(r.Card.Sections.Objects))
	}
	if len(r.Card.Timing.Rows) != 5 {
		t.Errorf("timing chart has %d rows", len(r.Card.Timing.Rows))
	}
	stored, _ := h.lib.Get("t90")
	if stored.TranscriptName != "answer.srt" || stored.Transcript != answerSRT || stored.Report == nil {
		t.Errorf("stored take = %q %d bytes report %v", stored.TranscriptName, len(stored.Transcript), stored.Report != nil)
	}
}

func TestImportRefusesBadFileAndKeepsText(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h)
	r.Transcript.SetText("I shipped it without a review.")
	h.settle()
	r.ImportTranscript("broken.txt", []byte("caf\xe9 \xff\xfe"))
	h.settle()
	if !h.errorShown() {
		t.Error("no error dialog for a file that is not UTF-8")
	}
	if r.Transcript.Text != "I shipped it without a review." {
		t.Errorf("transcript replaced: %q", r.Transcript.Text)
	}
}

// flagReport is a fixed report for the flag tests: the analyzer's rules
// are tested in scoring; here only the card's behaviour matters.
func flagAnalyzer(calls *atomic.Int32) func(scoring.Input) scoring.Report {
	return phraseAnalyzer(calls, true)
}

// phraseAnalyzer is flagAnalyzer, optionally without the real rules, whose
// cost on a huge transcript belongs to scoring's benchmarks, not here.
func phraseAnalyzer(calls *atomic.Int32, real bool) func(scoring.Input) scoring.Report {
	return func(in scoring.Input) scoring.Report {
		calls.Add(1)
		// Only this flag, whatever the real rules find, so the test
		// pins the card's behaviour rather than the analyzer's.
		var rep scoring.Report
		if real {
			rep = scoring.Analyze(in)
		}
		rep.Flags = nil
		phrase := "tests weren't run"
		if i := strings.Index(in.Text, phrase); i >= 0 {
			tm := -1.0
			if len(in.Cues) > 0 {
				tm = 5
			}
			rep.Flags = append(rep.Flags, scoring.Flag{ID: "passive-voice", Severity: scoring.Major,
				Message: "Ownership hidden in the passive", Suggestion: "Say who did not run them: I didn't run the tests.",
				Spans: []scoring.Span{{Start: i, End: i + len(phrase), Text: phrase, T: tm}}})
		}
		return rep
	}
}

func TestSelectingAFlagHighlightsItsSpanAndSeeks(t *testing.T) {
	var calls atomic.Int32
	h := newHarness(t, func(d *Deps) { d.Analyze = flagAnalyzer(&calls) })
	r := h.ui.Review
	openTake(h)
	r.ImportTranscript("answer.srt", []byte(answerSRT))
	h.settle()
	if len(r.Card.FlagButtons) != 1 {
		t.Fatalf("%d flag buttons, want 1", len(r.Card.FlagButtons))
	}
	if len(r.Highlighted()) != 0 {
		t.Fatal("words highlighted before a flag was chosen")
	}
	test.Tap(r.Card.FlagButtons[0])
	if got := r.Highlighted(); len(got) != 1 || got[0] != "tests weren't run" {
		t.Errorf("highlighted %q", got)
	}
	if r.Waveform.Playhead() != 5*time.Second {
		t.Errorf("playhead at %v, want 5s", r.Waveform.Playhead())
	}
	if !strings.Contains(r.Card.Drill.Text, "Who made that call?") {
		t.Errorf("drill %q lacks the passive-voice follow-up", r.Card.Drill.Text)
	}
}

func TestAnalysisWaitsForTypingToStop(t *testing.T) {
	var calls atomic.Int32
	h := newHarness(t, func(d *Deps) { d.Analyze = flagAnalyzer(&calls) })
	r := h.ui.Review
	openTake(h)
	test.Type(r.Transcript, "I forgot the tests weren't run.")
	h.settle()
	if n := calls.Load(); n != 1 {
		t.Errorf("analysis ran %d times for one burst of typing, want 1", n)
	}
	if len(r.Card.FlagButtons) != 1 {
		t.Error("typed transcript did not reach the card")
	}
	stored, _ := h.lib.Get("t90")
	if stored.Transcript != "I forgot the tests weren't run." {
		t.Errorf("stored %q", stored.Transcript)
	}
}

func TestPlaybackTogglesAndSeeks(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h)
	h.ui.Show(ViewReview)
	r.Waveform.Resize(fyne.NewSize(300, 80))
	test.TapAt(r.Waveform, fyne.NewPos(150, 40))
	if r.Waveform.Playhead() != 15*time.Second {
		t.Errorf("tap at the middle put the playhead at %v", r.Waveform.Playhead())
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeySpace})
	if !h.play.playing || h.play.pos != 15*time.Second {
		t.Errorf("space did not play from the playhead: playing %v at %v", h.play.playing, h.play.pos)
	}
	if r.Play.Text != "Pause (P)" {
		t.Errorf("button says %q while playing", r.Play.Text)
	}
	h.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyP})
	if h.play.playing {
		t.Error("P did not pause")
	}
}

func TestTranscriberImportsWhatItWrote(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	tk := openTake(h)
	tk.AudioPath = "testdata/transcriber.sh" // any existing file stands in for audio
	h.lib.add(tk)
	r.Open(tk)
	h.settle()
	h.app.Preferences().SetString(PrefTranscriber, "sh testdata/transcriber.sh {audio} {out}")
	test.Tap(r.Transcribe)
	if r.Cancel.Hidden || !r.Transcribe.Disabled() {
		t.Error("no cancel button while transcribing")
	}
	h.settle()
	if !strings.Contains(r.Transcript.Text, "I skipped the dry run") || r.srcName != "transcript.srt" {
		t.Errorf("transcript %q from %q", r.Transcript.Text, r.srcName)
	}
	if r.Report() == nil || h.errorShown() {
		t.Error("no card after transcription, or an error dialog")
	}
	if !r.Cancel.Hidden || r.Transcribe.Disabled() {
		t.Error("cancel still shown after the transcriber finished")
	}
}

func TestTranscriberCancelAndFailure(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	tk := openTake(h)
	tk.AudioPath = "testdata/transcriber.sh"
	r.Open(tk)
	h.settle()

	h.app.Preferences().SetString(PrefTranscriber, "sh testdata/slow-transcriber.sh {audio} {out}")
	start := time.Now()
	test.Tap(r.Transcribe)
	test.Tap(r.Cancel)
	h.settle()
	if time.Since(start) > 20*time.Second {
		t.Error("cancel did not stop the transcriber")
	}
	if r.Activity.Text != "Transcription cancelled." || h.errorShown() {
		t.Errorf("after cancel: %q, dialog %v", r.Activity.Text, h.errorShown())
	}

	h.app.Preferences().SetString(PrefTranscriber, "sh testdata/failing-transcriber.sh {audio} {out}")
	test.Tap(r.Transcribe)
	h.settle()
	if !h.errorShown() {
		t.Error("a failing transcriber showed no dialog")
	}
}

func TestTranscribeWithoutCommandExplains(t *testing.T) {
	h := newHarness(t, nil)
	openTake(h)
	test.Tap(h.ui.Review.Transcribe)
	if !h.errorShown() {
		t.Error("no dialog when the transcriber is not set")
	}
}

func TestAnalyzerPanicBecomesADialog(t *testing.T) {
	h := newHarness(t, func(d *Deps) {
		d.Analyze = func(scoring.Input) scoring.Report { panic("rule bug") }
	})
	r := h.ui.Review
	openTake(h)
	r.ImportTranscript("a.txt", []byte("I broke the build."))
	h.settle()
	if !h.errorShown() || r.Transcript.Text != "I broke the build." {
		t.Errorf("dialog %v, text %q", h.errorShown(), r.Transcript.Text)
	}
}

func TestOpeningATakeWithoutTranscriptClearsTheCard(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h)
	r.ImportTranscript("a.txt", []byte("I deleted the wrong table."))
	h.settle()
	if len(r.Card.Sections.Objects) == 0 {
		t.Fatal("card empty after import")
	}
	r.Open(Take{ID: "fresh", Question: "Q", Score: -1})
	h.settle()
	if r.Report() != nil || len(r.Card.Sections.Objects) != 0 || r.Card.Score.Text != noReport || len(r.Highlight.Segments) != 0 {
		t.Errorf("previous take's card or text still shown: %q", r.Card.Score.Text)
	}
}

func TestLongTranscripts(t *testing.T) {
	var calls atomic.Int32
	h := newHarness(t, func(d *Deps) { d.Analyze = phraseAnalyzer(&calls, false) })
	r := h.ui.Review
	openTake(h)

	oneLine := strings.Repeat("I pushed the change on a Friday. ", 100)
	r.ImportTranscript("line.txt", []byte(oneLine))
	h.settle()
	if r.Transcript.Wrapping != fyne.TextWrapOff || r.Transcript.Disabled() {
		t.Errorf("a %d-byte line: wrapping %v, disabled %v", len(oneLine), r.Transcript.Wrapping, r.Transcript.Disabled())
	}

	big := strings.Repeat("We shipped on time and nothing happened.\n", 8000) + "Then the tests weren't run.\n"
	r.ImportTranscript("huge.txt", []byte(big))
	h.settle()
	if !r.Transcript.Disabled() || r.Transcript.Text != "" || !strings.Contains(r.Transcript.PlaceHolder, "too long to edit") {
		t.Errorf("huge transcript went into the entry (disabled %v)", r.Transcript.Disabled())
	}
	if r.Report() == nil || len(r.Card.FlagButtons) != 1 {
		t.Fatal("huge transcript was not analysed in full")
	}
	test.Tap(r.Card.FlagButtons[0])
	shown := 0
	for _, s := range r.Highlight.Segments {
		shown += len(s.(*widget.TextSegment).Text)
	}
	if got := r.Highlighted(); len(got) != 1 || got[0] != "tests weren't run" || shown > 1000 {
		t.Errorf("highlight %q in %d shown bytes", got, shown)
	}
	stored, _ := h.lib.Get("t90")
	if stored.Transcript != big {
		t.Error("huge transcript not stored whole")
	}
}

func TestExcerptKeepsWholeCharacters(t *testing.T) {
	s := "née café"
	for from := 0; from <= len(s); from++ {
		for to := from; to <= len(s); to++ {
			if e := excerpt(s, from, to); !utf8.ValidString(e) {
				t.Fatalf("excerpt(%d, %d) = %q", from, to, e)
			}
		}
	}
}
