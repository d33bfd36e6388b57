package ui

import (
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

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
	t := Take{ID: "t90", Question: "Tell me about a time you made a mistake.", QuestionID: "mistake-classic", Created: time.Date(2026, 2, 1, 8, 0, 0, 0, time.UTC),
		Duration: 30 * time.Second, Marks: []float64{4, 9}, AudioPath: "/tmp/none.wav", Score: -1}
	h.lib.add(t)
	h.ui.OpenTake(t, true)
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
	if len(r.Card.Timing.Rows) != 5 || !strings.Contains(r.Card.About.Text, "transcript from the file answer.srt") {
		t.Errorf("timing chart has %d rows; about %q", len(r.Card.Timing.Rows), r.Card.About.Text)
	}
	if r.Editor.Editing() || !strings.Contains(r.Editor.View.Text(), "Last year I ran the release") {
		t.Errorf("after import the view shows %q (editing %v)", r.Editor.View.Text(), r.Editor.Editing())
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
	r.Editor.Entry.SetText("I shipped it without a review.")
	h.idle()
	r.ImportTranscript("broken.txt", []byte("caf\xe9 \xff\xfe"))
	h.settle()
	if !h.errorShown() {
		t.Error("no error dialog for a file that is not UTF-8")
	}
	if r.Editor.Text() != "I shipped it without a review." {
		t.Errorf("transcript replaced: %q", r.Editor.Text())
	}
}

// flagAnalyzer is the real analyzer with its flags replaced by one fixed
// flag: the rules are tested in scoring; here only the views matter.
func flagAnalyzer(calls *atomic.Int32) func(scoring.Input) scoring.Report {
	return phraseAnalyzer(calls, true)
}

// phraseAnalyzer is flagAnalyzer, optionally without the real rules, whose
// cost on a huge transcript belongs to scoring's benchmarks, not here.
func phraseAnalyzer(calls *atomic.Int32, real bool) func(scoring.Input) scoring.Report {
	return func(in scoring.Input) scoring.Report {
		calls.Add(1)
		var rep scoring.Report
		if real {
			rep = scoring.Analyze(in)
		}
		rep.Flags = nil
		tm := -1.0
		if len(in.Cues) > 0 {
			tm = 5
		}
		for _, f := range []struct {
			phrase string
			sev    scoring.Severity
			id     string
		}{{"tests weren't run", scoring.Major, "passive-voice"}, {"we lost", scoring.Minor, "blame-diffusion"}} {
			if i := strings.Index(in.Text, f.phrase); i >= 0 {
				rep.Flags = append(rep.Flags, scoring.Flag{ID: f.id, Severity: f.sev,
					Message: "Ownership hidden: " + f.id, Suggestion: "Say who did it.",
					Spans: []scoring.Span{{Start: i, End: i + len(f.phrase), Text: f.phrase, T: tm}}})
			}
		}
		return rep
	}
}

func TestFlagsAreMarkedInPlaceAndSelectingOneSelectsItsWords(t *testing.T) {
	var calls atomic.Int32
	h := newHarness(t, func(d *Deps) { d.Analyze = flagAnalyzer(&calls) })
	r := h.ui.Review
	openTake(h)
	// A long answer, so the flag's words start out of sight.
	long := strings.Repeat("We planned the launch for weeks and everyone knew the date.\n", 60) + answerSRT[strings.Index(answerSRT, "The tests"):]
	r.ImportTranscript("answer.txt", []byte(long))
	h.settle()
	h.win.Resize(fyne.NewSize(1100, 800))
	if len(r.Card.FlagButtons) != 2 {
		t.Fatalf("%d flag buttons, want 2", len(r.Card.FlagButtons))
	}
	// Every flag's words are marked where they stand, by severity.
	text := r.Editor.View.Text()
	start := strings.Index(text, "tests weren't run")
	marks := r.Editor.View.Marks()
	if len(marks) != 2 || marks[0] != (TextMark{start, start + len("tests weren't run"), MarkMajor}) || marks[1].Kind != MarkMinor {
		t.Fatalf("marks %+v, want the major flag at %d", marks, start)
	}
	if s, _ := r.Editor.View.Selection(); s >= 0 {
		t.Fatal("words selected before a flag was chosen")
	}
	if r.Editor.viewScroll.Offset.Y != 0 {
		t.Fatal("the transcript does not start at the top")
	}
	test.Tap(r.Card.FlagButtons[0])
	if s, e := r.Editor.View.Selection(); s != start || e != start+len("tests weren't run") || r.Editor.View.SelectedText() != "tests weren't run" {
		t.Errorf("selection %d-%d %q, want the flag's span", s, e, r.Editor.View.SelectedText())
	}
	if r.Editor.viewScroll.Offset.Y <= 0 {
		t.Error("the transcript did not scroll to the flag's words")
	}
	if p, _ := r.Editor.View.PositionOf(start); p.Y < r.Editor.viewScroll.Offset.Y || p.Y > r.Editor.viewScroll.Offset.Y+r.Editor.viewScroll.Size().Height {
		t.Errorf("the words at y %.0f are outside the view %.0f..", p.Y, r.Editor.viewScroll.Offset.Y)
	}
	if !strings.Contains(r.Editor.Hint.Text, "passive-voice") {
		t.Errorf("hint %q does not name the selected flag", r.Editor.Hint.Text)
	}
	// F moves on to the next flag.
	h.press(fyne.KeyF)
	if r.Editor.View.SelectedText() != "we lost" || r.Card.Selected() != 1 {
		t.Errorf("F selected %q", r.Editor.View.SelectedText())
	}
	if !strings.Contains(r.Card.Drill.Text, "Who made that call?") {
		t.Errorf("drill %q lacks the passive-voice follow-up", r.Card.Drill.Text)
	}
}

func TestSelectingAFlagWhileEditingShowsItsWordsAndSeeks(t *testing.T) {
	var calls atomic.Int32
	h := newHarness(t, func(d *Deps) { d.Analyze = flagAnalyzer(&calls) })
	r := h.ui.Review
	openTake(h)
	r.ImportTranscript("answer.srt", []byte(answerSRT))
	h.settle()
	r.Editor.Edit()
	if h.win.Canvas().Focused() != r.Editor.Entry {
		t.Fatal("Edit did not give the editor the keyboard")
	}
	test.Tap(r.Card.FlagButtons[0])
	if r.Editor.Editing() || r.Editor.View.SelectedText() != "tests weren't run" {
		t.Errorf("editing %v, selection %q", r.Editor.Editing(), r.Editor.View.SelectedText())
	}
	if r.Player.Waveform.Playhead() != 5*time.Second {
		t.Errorf("playhead at %v, want 5s where the words are spoken", r.Player.Waveform.Playhead())
	}
}

func TestPointingAtMarkedWordsNamesTheFlagAndTappingSelectsIt(t *testing.T) {
	var calls atomic.Int32
	h := newHarness(t, func(d *Deps) { d.Analyze = flagAnalyzer(&calls) })
	r := h.ui.Review
	openTake(h)
	r.ImportTranscript("answer.srt", []byte(answerSRT))
	h.settle()
	v := r.Editor.View
	start := strings.Index(v.Text(), "we lost")
	p, ok := v.PositionOf(start + 1)
	if !ok {
		t.Fatal("the flagged words are not laid out")
	}
	at := fyne.NewPos(p.X+2, p.Y+5)
	if off := v.OffsetAt(at); off < start || off >= start+len("we lost") {
		t.Fatalf("offset under the words = %d, want within %d", off, start)
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: at}})
	if !strings.Contains(r.Editor.Hint.Text, "minor · Ownership hidden: blame-diffusion") {
		t.Errorf("hover hint %q", r.Editor.Hint.Text)
	}
	test.TapAt(v, at)
	if r.Card.Selected() != 1 || v.SelectedText() != "we lost" {
		t.Errorf("tap selected flag %d, words %q", r.Card.Selected(), v.SelectedText())
	}
	v.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(1, 1)}})
	if !strings.HasPrefix(r.Editor.Hint.Text, "Selected: ") {
		t.Errorf("hint off the words %q", r.Editor.Hint.Text)
	}
}

func TestAnalysisWaitsForTypingToStop(t *testing.T) {
	var calls atomic.Int32
	h := newHarness(t, func(d *Deps) { d.Analyze = flagAnalyzer(&calls) })
	r := h.ui.Review
	openTake(h)
	if !r.Editor.Editing() {
		t.Fatal("a take without transcript does not open the editor")
	}
	test.Type(r.Editor.Entry, "I forgot the tests weren't run.")
	h.clock.Advance(0.3)
	h.settle()
	if n := calls.Load(); n != 0 {
		t.Fatalf("analysis ran %d times while typing had paused only 0.3 s", n)
	}
	h.clock.Advance(0.2)
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

func TestShortcutsWorkFromTheEditorAndEscapeLeavesIt(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h)
	r.ImportTranscript("a.txt", []byte("I deleted the wrong table."))
	h.settle()
	h.press(fyne.KeyE)
	if !r.Editor.Editing() || h.win.Canvas().Focused() != r.Editor.Entry {
		t.Fatal("E did not open the editor with the keyboard in it")
	}
	// The press of E also types an e, which reaches the field it has
	// just focused: it must not land in the transcript.
	h.win.Canvas().Focused().TypedRune('e')
	if r.Editor.Text() != "I deleted the wrong table." {
		t.Fatalf("the E that opened the editor was typed: %q", r.Editor.Text())
	}
	// Letters are typing while the editor has focus: R records nothing.
	h.ctrl("1")
	if h.ui.Current() != ViewPractice || h.win.Title() != "Retake — Practice" {
		t.Fatalf("Ctrl+1 from the editor: view %q", h.ui.Current())
	}
	h.ctrl("2")
	r.Editor.Edit()
	test.Type(r.Editor.Entry, "r")
	h.press(fyne.KeyR)
	h.press(fyne.KeySpace)
	if h.ui.Practice.Recording() || h.play.playing {
		t.Fatal("a letter typed in the editor worked as a shortcut")
	}
	h.press(fyne.KeyF1)
	if !h.errorShown() {
		t.Error("F1 from the editor showed no help")
	}
	h.win.Canvas().Overlays().Top().Hide()
	h.press(fyne.KeyEscape)
	if r.Editor.Editing() || h.win.Canvas().Focused() != nil {
		t.Errorf("Escape: editing %v, focus %v", r.Editor.Editing(), h.win.Canvas().Focused())
	}
	// With the editor left, the single keys work again.
	h.press(fyne.KeySpace)
	if !h.play.playing {
		t.Error("Space after Escape did not play")
	}
	h.ctrl(fyne.KeyP)
	if h.play.playing {
		t.Error("Ctrl+P did not pause")
	}
	r.Editor.Edit()
	h.ctrl(fyne.KeyR)
	if !h.ui.Practice.Recording() || h.ui.Current() != ViewPractice {
		t.Errorf("Ctrl+R from the editor: recording %v, view %q", h.ui.Practice.Recording(), h.ui.Current())
	}
	h.ctrl(fyne.KeyN)
	if len(h.ui.Practice.clock.Marks()) != 1 {
		t.Error("Ctrl+N did not mark the next section")
	}
	h.ctrl(fyne.KeyR)
	h.settle()
}

func TestPlaybackKeysSeekAndSectionsJump(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h) // 30 s, marks at 4 and 9
	p := r.Player
	if got := p.Sections(); len(got) != 3 || got[1].Title != "The mistake" || got[1].Start != 4 || got[1].End != 9 || got[2].End != 30 {
		t.Fatalf("sections %+v", got)
	}
	p.Waveform.Resize(fyne.NewSize(300, 120))
	test.TapAt(p.Waveform, fyne.NewPos(150, 80))
	if p.Waveform.Playhead() != 15*time.Second {
		t.Errorf("tap at the middle put the playhead at %v", p.Waveform.Playhead())
	}
	steps := []struct {
		key  fyne.KeyName
		want time.Duration
	}{
		{fyne.KeyRight, 20 * time.Second}, {fyne.KeyLeft, 15 * time.Second}, {fyne.KeyLeft, 10 * time.Second},
		{fyne.KeyHome, 0}, {fyne.KeyLeft, 0}, {fyne.KeyEnd, 30 * time.Second}, {fyne.KeyRight, 30 * time.Second},
	}
	for _, s := range steps {
		h.press(s.key)
		if p.Waveform.Playhead() != s.want {
			t.Errorf("after %s the playhead is at %v, want %v", s.key, p.Waveform.Playhead(), s.want)
		}
	}
	// The labelled strip on the waveform jumps to a section.
	test.TapAt(p.Waveform, fyne.NewPos(300*6.0/30, 3))
	if p.Waveform.Playhead() != 4*time.Second {
		t.Errorf("tapping The mistake's label put the playhead at %v", p.Waveform.Playhead())
	}
	// So do the take's timer bar and the card's section titles.
	p.Bar.Resize(fyne.NewSize(600, 50))
	test.TapAt(p.Bar, fyne.NewPos(p.Bar.segs[2].Position().X+3, 10))
	if p.Waveform.Playhead() != 9*time.Second {
		t.Errorf("tapping Root cause on the timer bar put the playhead at %v", p.Waveform.Playhead())
	}
	r.ImportTranscript("a.txt", []byte("I deleted the wrong table."))
	h.settle()
	r.Card.OnSection(1)
	if p.Waveform.Playhead() != 4*time.Second {
		t.Errorf("card section title: %v", p.Waveform.Playhead())
	}
	// Replaying a section plays from its start and pauses at its end.
	r.Card.OnReplay(1)
	if !h.play.playing || h.play.pos != 4*time.Second {
		t.Fatalf("replay: playing %v at %v", h.play.playing, h.play.pos)
	}
	h.play.pos = 7 * time.Second
	p.Tick()
	if !h.play.playing {
		t.Fatal("replay paused inside the section")
	}
	h.play.pos = 9*time.Second + 30*time.Millisecond
	p.Tick()
	if h.play.playing || p.Waveform.Playhead() != 9*time.Second {
		t.Errorf("replay did not stop at the section's end: playing %v at %v", h.play.playing, p.Waveform.Playhead())
	}
	h.press(fyne.KeyS)
	if !h.play.playing || h.play.pos != 9*time.Second {
		t.Errorf("S did not replay the section under the playhead: %v at %v", h.play.playing, h.play.pos)
	}
}

func TestRecoveredTakeSaysSo(t *testing.T) {
	h := newHarness(t, nil)
	h.ui.OpenTake(Take{ID: "r1", Question: "Q", Duration: 40 * time.Second, Score: -1, Recovered: true,
		Note: "no audio was saved before the interruption"}, true)
	h.settle()
	if !strings.Contains(h.ui.Review.Info.Text, "Recovered after the app stopped mid-take: no audio was saved") {
		t.Errorf("info %q", h.ui.Review.Info.Text)
	}
}

func TestPlayingMissingAudioSaysTheFileIsMissing(t *testing.T) {
	h := newHarness(t, func(d *Deps) {
		d.OpenPlayer = func(path, _ string) (Player, error) {
			return nil, fmt.Errorf("open %s: %w", path, fs.ErrNotExist)
		}
	})
	openTake(h)
	h.ui.Review.TogglePlay()
	if !strings.Contains(h.ui.lastError, "audio file is missing") || strings.Contains(h.ui.lastError, "output device") {
		t.Errorf("error says %q", h.ui.lastError)
	}
}

func TestDiscardSendsTheTakeToTheTrashUndoably(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h)
	test.Tap(r.Discard)
	h.settle()
	if _, err := h.lib.Get("t90"); err == nil {
		t.Fatal("the discarded take is still in the library")
	}
	if r.Take().ID != "" || !strings.Contains(r.Info.Text, "went to the trash") || r.RestoreDiscarded.Hidden {
		t.Fatalf("after discard: take %q, info %q", r.Take().ID, r.Info.Text)
	}
	test.Tap(r.RestoreDiscarded)
	h.settle()
	if _, err := h.lib.Get("t90"); err != nil || r.Take().ID != "t90" {
		t.Errorf("restore: %v, open %q", err, r.Take().ID)
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
	if !h.errorShown() || r.Editor.Text() != "I broke the build." || !strings.Contains(h.ui.lastError, "rule bug") {
		t.Errorf("dialog %v (%q), text %q", h.errorShown(), h.ui.lastError, r.Editor.Text())
	}
}

func TestOpeningAnotherTakeClearsTheCardAndStartsAtTheTop(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h)
	r.ImportTranscript("a.txt", []byte("I deleted the wrong table."))
	h.settle()
	if len(r.Card.Sections.Objects) == 0 {
		t.Fatal("card empty after import")
	}
	r.cardScroll.Offset = fyne.NewPos(0, 300)
	r.cardScroll.Refresh()
	r.Open(Take{ID: "fresh", Question: "Q", Score: -1})
	h.settle()
	if r.Report() != nil || len(r.Card.Sections.Objects) != 0 || r.Card.Score.Text != noReport || r.Editor.View.Text() != "" {
		t.Errorf("previous take's card or text still shown: %q", r.Card.Score.Text)
	}
	if r.cardScroll.Offset.Y != 0 {
		t.Errorf("the new take's card starts scrolled to %v", r.cardScroll.Offset.Y)
	}
}

func TestDeletingTheOpenTakeClosesIt(t *testing.T) {
	h := newHarness(t, nil)
	openTake(h)
	h.ui.Review.Editor.Edit()
	h.ui.History.DeleteTake("t90")
	h.settle()
	r := h.ui.Review
	if r.Take().ID != "" || !strings.HasPrefix(r.Info.Text, "No take open") || !r.Discard.Disabled() {
		t.Errorf("review still shows the deleted take: %q", r.Info.Text)
	}
	// Typing now stores nothing and says nothing of a missing take.
	test.Type(r.Editor.Entry, "late words")
	h.idle()
	if h.errorShown() {
		t.Errorf("editing after the delete showed: %q", h.ui.lastError)
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
	if r.Editor.Entry.Wrapping != fyne.TextWrapOff || r.Editor.Entry.Disabled() {
		t.Errorf("a %d-byte line: wrapping %v, disabled %v", len(oneLine), r.Editor.Entry.Wrapping, r.Editor.Entry.Disabled())
	}

	big := strings.Repeat("We shipped on time and nothing happened.\n", 8000) + "Then the tests weren't run.\n"
	r.ImportTranscript("huge.txt", []byte(big))
	h.settle()
	if !r.Editor.Entry.Disabled() || r.Editor.Entry.Text != "" || !strings.Contains(r.Editor.Entry.PlaceHolder, "too long to edit") {
		t.Errorf("huge transcript went into the entry (disabled %v)", r.Editor.Entry.Disabled())
	}
	if r.Report() == nil || len(r.Card.FlagButtons) != 1 {
		t.Fatal("huge transcript was not analysed in full")
	}
	test.Tap(r.Card.FlagButtons[0])
	shown := 0
	for _, f := range r.Editor.View.frags {
		shown += len(f.text)
	}
	if r.Editor.View.SelectedText() != "tests weren't run" || shown > 1000 {
		t.Errorf("selected %q in %d laid-out bytes", r.Editor.View.SelectedText(), shown)
	}
	stored, _ := h.lib.Get("t90")
	if stored.Transcript != big {
		t.Error("huge transcript not stored whole")
	}
}

func TestStoreFailureKeepsTheText(t *testing.T) {
	h := newHarness(t, nil)
	r := h.ui.Review
	openTake(h)
	h.lib.mu.Lock()
	delete(h.lib.takes, "t90") // gone behind the app's back
	h.lib.mu.Unlock()
	r.Editor.Edit()
	test.Type(r.Editor.Entry, "I forgot.")
	h.idle()
	if !strings.Contains(h.ui.lastError, "Could not save the transcript") || r.Editor.Text() != "I forgot." {
		t.Errorf("error %q, text %q", h.ui.lastError, r.Editor.Text())
	}
}

func TestPickingASectionOnTheCardShowsItsWords(t *testing.T) {
	long := strings.Repeat("We planned the launch for weeks and everyone knew the date.\n\n", 60) + "Now I run a checklist before every release."
	change := strings.Index(long, "Now I run")
	h := newHarness(t, func(d *Deps) {
		d.Analyze = func(in scoring.Input) scoring.Report {
			rep := scoring.Analyze(in)
			rep.Sections[4].Spans = []scoring.Piece{{Start: change, End: len(long)}}
			return rep
		}
	})
	r := h.ui.Review
	openTake(h)
	r.ImportTranscript("a.txt", []byte(long))
	h.settle()
	if r.Editor.viewScroll.Offset.Y != 0 {
		t.Fatal("the transcript does not start at the top")
	}
	r.Card.OnSection(4)
	p, _ := r.Editor.View.PositionOf(change)
	if off := r.Editor.viewScroll.Offset.Y; p.Y < off || p.Y > off+r.Editor.viewScroll.Size().Height {
		t.Errorf("the change section's words at %.0f are not in the view from %.0f", p.Y, off)
	}
}
