package ui

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// recordWithDraft records a 20 s take with the fake engine following
// it and settles until its draft is in Review.
func recordWithDraft(t *testing.T) (*harness, *fakeSpeech) {
	t.Helper()
	sp := newFakeSpeech()
	h := newHarness(t, func(d *Deps) { d.Speech = sp })
	h.rec.length = 20 * time.Second
	h.ui.Practice.ToggleRecord()
	h.clock.Advance(20)
	h.ui.Practice.ToggleRecord()
	h.settle()
	if h.ui.Review.Editor.Text() != scriptedDraft().Text {
		t.Fatalf("no draft in Review after Stop: %q", h.ui.Review.Editor.Text())
	}
	return h, sp
}

// spanTexts are the words of the view's timed spans.
func spanTexts(r *Review) []string {
	var out []string
	for _, s := range r.Spans() {
		out = append(out, r.Editor.View.Text()[s.From:s.To])
	}
	return out
}

func TestDraftAppearsInReviewAfterStop(t *testing.T) {
	sp := newFakeSpeech()
	sp.liveGate = make(chan struct{})
	h := newHarness(t, func(d *Deps) { d.Speech = sp })
	r, p := h.ui.Review, h.ui.Practice
	h.rec.length = 20 * time.Second
	p.ToggleRecord()
	if h.rec.tap == nil || len(sp.lives) != 1 {
		t.Fatal("the take is recorded without a live draft")
	}
	h.clock.Advance(20)
	p.ToggleRecord()
	h.settleUntil(t, r.Transcribing)
	// While the engine finishes, Review says so, offers Cancel and
	// keeps the editor shut; Practice stays up and says where it goes.
	if r.Take().ID == "" || r.Progress.Hidden || r.Cancel.Hidden || !r.Editor.EditButton.Disabled() ||
		r.Activity.Text != "Finishing the draft from PocketSphinx…" {
		t.Errorf("while finishing: take %q, progress hidden %v, cancel hidden %v, activity %q", r.Take().ID, r.Progress.Hidden, r.Cancel.Hidden, r.Activity.Text)
	}
	if !strings.Contains(p.DraftStatus.Text, "Drafting the transcript with PocketSphinx") || h.ui.Current() != ViewPractice {
		t.Errorf("practice says %q in view %s", p.DraftStatus.Text, h.ui.Current())
	}
	close(sp.liveGate)
	h.settle()

	live := sp.lives[0]
	if live.rate != 16000 || live.samples == 0 || !live.finished || live.cancelled || sp.files != 0 {
		t.Errorf("live draft: rate %d, %d samples, finished %v, cancelled %v; %d file runs", live.rate, live.samples, live.finished, live.cancelled, sp.files)
	}
	id := r.Take().ID
	stored, _ := h.lib.Get(id)
	want := scriptedDraft()
	if h.lib.drafts != 1 || stored.Source.Kind != sourceEngine || stored.Source.Name != EngineSphinx || stored.Transcript != want.Text || len(stored.Words) != len(want.Words) {
		t.Fatalf("stored: %d drafts, source %+v, %d words", h.lib.drafts, stored.Source, len(stored.Words))
	}
	if r.Transcribing() || !r.Cancel.Hidden || r.Editor.EditButton.Disabled() || r.Editor.Editing() {
		t.Error("Review still looks busy after the draft came in")
	}
	if !r.Editor.DraftNote.Visible() || r.Editor.DraftNote.Text != "Draft from PocketSphinx — correct it while listening" {
		t.Errorf("draft note %q (shown %v)", r.Editor.DraftNote.Text, r.Editor.DraftNote.Visible())
	}
	rep := r.Report()
	if rep == nil || rep.Source.Name != EngineSphinx || rep.Fillers.Heard || rep.Delivery == nil || rep.Delivery.WPM <= 0 {
		t.Fatalf("report %+v", rep)
	}
	if !strings.Contains(r.Card.About.Text, "draft transcript from PocketSphinx, not corrected yet") ||
		!strings.Contains(labelTexts(r.Card.Delivery), "Fillers (um, uh): not heard — PocketSphinx leaves them out") {
		t.Errorf("card: %q\n%s", r.Card.About.Text, labelTexts(r.Card.Delivery))
	}
	// The line is the one laid out in the window, not a stray label.
	if !strings.Contains(p.DraftStatus.Text, "ready") || p.DraftStatus.Size().Height == 0 {
		t.Errorf("practice after the draft: %q, size %v", p.DraftStatus.Text, p.DraftStatus.Size())
	}
	// The 2 s pause after "twice" is on the card, and tapping it seeks.
	if len(r.Card.PauseButtons) != 1 {
		t.Fatalf("%d pause buttons, want the one long pause", len(r.Card.PauseButtons))
	}
	test.Tap(r.Card.PauseButtons[0])
	if got := r.Player.Waveform.Playhead().Seconds(); math.Abs(got-rep.Delivery.Pauses[0].Start) > 0.01 {
		t.Errorf("the pause button sought to %.2f s, want %.2f", got, rep.Delivery.Pauses[0].Start)
	}
}

func TestClickingAWordSeeksAndTheHighlightFollowsPlayback(t *testing.T) {
	h, _ := recordWithDraft(t)
	r, v := h.ui.Review, h.ui.Review.Editor.View
	heard := scriptedDraft().Words
	if got := spanTexts(r); strings.Join(got, " ") != scriptedDraft().Text {
		t.Fatalf("timed words %q", got)
	}
	i := 14 // "customers"
	s := r.Spans()[i]
	p, ok := v.PositionOf(s.From)
	if !ok {
		t.Fatal("the word is not laid out")
	}
	test.TapAt(v, fyne.NewPos(p.X+3, p.Y+5))
	if got := r.Player.Waveform.Playhead(); got != secs(heard[i].Start) {
		t.Errorf("a tap on %q sought to %v, want %v", heard[i].Text, got, secs(heard[i].Start))
	}
	if from, to := v.Spoken(); from != s.From || to != s.To {
		t.Errorf("highlight at %d-%d, want the tapped word %d-%d", from, to, s.From, s.To)
	}
	// Playing, the highlight moves with the player's position.
	test.Tap(r.Player.Play)
	for _, k := range []int{20, 21, 30} {
		h.play.pos = secs(heard[k].Start + 0.05)
		r.Player.Tick()
		if from, _ := v.Spoken(); from != r.Spans()[k].From {
			t.Errorf("at %.2f s the highlight is on offset %d, want %q at %d", heard[k].Start, from, heard[k].Text, r.Spans()[k].From)
		}
	}
	// In the long pause after "twice" it goes off.
	h.play.pos = secs(heard[17].End + 1.5)
	r.Player.Tick()
	if from, _ := v.Spoken(); from != -1 {
		t.Errorf("in a 2 s pause the highlight is on %d", from)
	}
}

func TestAnEditKeepsTheOtherWordsTimes(t *testing.T) {
	h, _ := recordWithDraft(t)
	r := h.ui.Review
	heard := scriptedDraft().Words
	before := r.Spans()
	// "shipped" becomes "pushed" and "quickly" goes in after "back".
	edited := append([]string(nil), draftWords...)
	edited[3] = "pushed"
	back := 21
	if edited[back] != "back" {
		t.Fatalf("word %d is %q", back, edited[back])
	}
	edited = append(edited[:back+1], append([]string{"quickly"}, edited[back+1:]...)...)
	r.Editor.Edit()
	r.Editor.Entry.SetText(strings.Join(edited, " "))
	h.idle()
	after := r.Spans()
	if len(after) != len(heard)+1 {
		t.Fatalf("%d timed words after the edit, want %d", len(after), len(heard)+1)
	}
	for i, s := range after {
		j := i
		switch {
		case i == back+1:
			// The inserted word sits between its neighbours.
			if s.Start < heard[back].End || s.End > heard[back+1].Start {
				t.Errorf("inserted word at %.2f-%.2f, not between %.2f and %.2f", s.Start, s.End, heard[back].End, heard[back+1].Start)
			}
			continue
		case i > back+1:
			j = i - 1
		}
		if s.Start != heard[j].Start || s.End != heard[j].End {
			t.Errorf("word %d %q at %.2f s, want %.2f s (%q)", i, edited[i], s.Start, heard[j].Start, heard[j].Text)
		}
		if s.Start != before[j].Start {
			t.Errorf("word %d moved from %.2f to %.2f s", i, before[j].Start, s.Start)
		}
	}
	// Stored as a correction of the draft: the engine's words kept.
	stored, _ := h.lib.Get(r.Take().ID)
	if !stored.Source.Corrected || stored.Source.Name != EngineSphinx || len(stored.Words) != len(heard) || stored.Words[14] != heard[14] {
		t.Errorf("stored source %+v with %d words", stored.Source, len(stored.Words))
	}
	if !r.Report().Source.Corrected || !strings.Contains(r.Card.About.Text, "corrected by you") || !strings.Contains(r.Editor.DraftNote.Text, "corrected by you") {
		t.Errorf("after an edit: source %+v, about %q, note %q", r.Report().Source, r.Card.About.Text, r.Editor.DraftNote.Text)
	}
	// Flags still seek to the moment their words were said.
	seeking := 0
	for _, f := range r.Report().Flags {
		for _, sp := range f.Spans {
			if sp.T < 0 {
				continue
			}
			k := spanOf(after, sp.Start)
			if k < 0 || math.Abs(sp.T-after[k].Start) > 0.01 {
				t.Errorf("flag %s at %.2f s, its first word %q is at %.2f s", f.ID, sp.T, r.Editor.View.Text()[sp.Start:sp.End], after[max(k, 0)].Start)
			}
			seeking++
		}
	}
	if seeking == 0 {
		t.Error("no flag of the draft carries a time")
	}
}

func TestDoubtedWordsAreMarkedWithDotsAndALegend(t *testing.T) {
	h, _ := recordWithDraft(t)
	r, v := h.ui.Review, h.ui.Review.Editor.View
	var got []string
	for _, m := range v.Unsure() {
		got = append(got, v.Text()[m.Start:m.End])
	}
	if strings.Join(got, " ") != "billing dry dry" {
		t.Errorf("unsure words %q, want billing and both dry", got)
	}
	if !strings.Contains(r.Editor.DraftLegend.Text, "Dotted: 3 words PocketSphinx was unsure of · outlined: the word playing · tap a word to hear it") || !r.Editor.DraftLegend.Visible() {
		t.Errorf("legend %q", r.Editor.DraftLegend.Text)
	}
	// The dots are drawn: small squares on the bottom line of the word.
	p, _ := v.PositionOf(v.Unsure()[0].Start)
	dots := 0
	for _, o := range test.WidgetRenderer(v).Objects() {
		if rect, ok := o.(*canvas.Rectangle); ok && rect.Size() == fyne.NewSize(2, 2) && rect.Position().Y > p.Y && rect.Position().Y < p.Y+v.lineH {
			dots++
		}
	}
	if dots < 5 {
		t.Errorf("%d dots under the first doubted word", dots)
	}
	// A word the person retyped is theirs, no longer doubted.
	r.Editor.Edit()
	r.Editor.Entry.SetText(strings.Replace(r.Editor.Text(), "billing", "payment", 1))
	h.idle()
	r.Editor.Done()
	if len(v.Unsure()) != 2 || !strings.Contains(r.Editor.DraftLegend.Text, "2 words") {
		t.Errorf("after retyping billing: %d unsure, legend %q", len(v.Unsure()), r.Editor.DraftLegend.Text)
	}
}

func TestTranscribeShowsProgressAndCancelLeavesTheTake(t *testing.T) {
	sp := newFakeSpeech()
	sp.hold = true
	h := newHarness(t, func(d *Deps) { d.Speech = sp })
	r := h.ui.Review
	tk := openTake(h)
	r.Editor.Entry.SetText("I broke the build and told nobody.")
	h.idle()
	kept, _ := h.lib.Get(tk.ID)

	h.ctrl("2")
	h.press(fyne.KeyT)
	// The take has a transcript: replacing it is asked first.
	if !tapDialogButton(h, "Keep it") {
		t.Fatal("no question before replacing the transcript")
	}
	h.settle()
	if sp.files != 0 || r.Transcribing() {
		t.Fatal("Keep it started a transcription")
	}
	h.press(fyne.KeyT)
	if !tapDialogButton(h, replaceText) {
		t.Fatal("no question the second time")
	}
	h.settleUntil(t, func() bool { return r.Transcribing() && !r.Percent.Hidden })
	if r.Percent.Value != 0.5 || r.Cancel.Hidden || !r.Transcribe.Disabled() || r.Activity.Text != "Transcribing with PocketSphinx…" {
		t.Errorf("while transcribing: %.2f done, cancel hidden %v, activity %q", r.Percent.Value, r.Cancel.Hidden, r.Activity.Text)
	}
	test.Tap(r.Cancel)
	h.settle()
	select {
	case err := <-sp.seen:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("the engine saw %v", err)
		}
	default:
		t.Fatal("the engine never saw its context cancelled")
	}
	now, _ := h.lib.Get(tk.ID)
	if h.lib.drafts != 0 || now.Transcript != kept.Transcript || now.Source != kept.Source || r.Editor.Text() != kept.Transcript {
		t.Errorf("after cancel: %d drafts stored, transcript %q, source %+v", h.lib.drafts, now.Transcript, now.Source)
	}
	if r.Activity.Text != "Transcription cancelled: the take is as it was." || h.errorShown() || r.Transcribe.Disabled() || !r.Cancel.Hidden {
		t.Errorf("after cancel: %q, dialog %v", r.Activity.Text, h.errorShown())
	}
}

func TestTranscribeAnImportedTake(t *testing.T) {
	sp := newFakeSpeech()
	h := newHarness(t, func(d *Deps) { d.Speech = sp })
	r := h.ui.Review
	h.ui.History.ImportAudioFile("/recordings/answer.wav")
	h.settle()
	if r.Take().AudioPath != "/recordings/answer.wav" || r.Editor.Text() != "" {
		t.Fatalf("imported take open: %+v", r.Take())
	}
	test.Tap(r.Transcribe)
	h.settle()
	if sp.files != 1 || r.Editor.Text() != scriptedDraft().Text || r.Report() == nil || !strings.HasPrefix(r.Editor.DraftNote.Text, "Draft from PocketSphinx") {
		t.Errorf("%d runs, text %q, note %q", sp.files, r.Editor.Text(), r.Editor.DraftNote.Text)
	}
}

func TestTranscribeFailuresSayWhatToDo(t *testing.T) {
	tests := []struct {
		name      string
		setup     func(*fakeSpeech)
		want      []string
		noAudio   bool
		noSpeech  bool
		wantNoRun bool
	}{
		{name: "engine crashed", setup: func(s *fakeSpeech) {
			s.fileErr = &SpeechError{Err: errors.New("speech engine failed: pocketsphinx exited with status 1: segmentation fault"), Todo: "Try again"}
		}, want: []string{"PocketSphinx could not draft the transcript: speech engine failed: pocketsphinx exited with status 1: segmentation fault.", "Try again."}},
		{name: "no engine", setup: func(s *fakeSpeech) {
			s.chosenErr = &SpeechError{Err: errors.New("PocketSphinx: PocketSphinx is not installed (to fix: sudo apt-get install pocketsphinx pocketsphinx-en-us)"), Todo: "Fix one of them"}
		}, want: []string{"No speech engine can run: PocketSphinx: PocketSphinx is not installed (to fix: sudo apt-get install pocketsphinx pocketsphinx-en-us).", "Fix one of them."}, wantNoRun: true},
		{name: "silent rehearsal", noAudio: true, want: []string{"This take has no recording to transcribe"}, wantNoRun: true},
		{name: "speech off", noSpeech: true, want: []string{"Transcription is off on this run"}, wantNoRun: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := newFakeSpeech()
			if tt.setup != nil {
				tt.setup(sp)
			}
			h := newHarness(t, func(d *Deps) {
				if !tt.noSpeech {
					d.Speech = sp
				}
			})
			r := h.ui.Review
			tk := openTake(h)
			if tt.noAudio {
				tk.AudioPath = ""
				r.Open(tk)
			}
			test.Tap(r.Transcribe)
			h.settle()
			for _, w := range tt.want {
				if !strings.Contains(h.ui.lastError, w) {
					t.Errorf("error %q lacks %q", h.ui.lastError, w)
				}
			}
			if tt.wantNoRun && sp.files != 0 {
				t.Error("the engine ran anyway")
			}
			if h.lib.drafts != 0 || r.Transcribing() || r.Transcribe.Disabled() {
				t.Errorf("after the failure: %d drafts, transcribing %v", h.lib.drafts, r.Transcribing())
			}
		})
	}
}

func TestALiveDraftThatFailsFallsBackToTheFile(t *testing.T) {
	sp := newFakeSpeech()
	sp.liveErr = errors.New("speech engine failed: pocketsphinx fell behind the take")
	h := newHarness(t, func(d *Deps) { d.Speech = sp })
	h.rec.length = 20 * time.Second
	h.ui.Practice.ToggleRecord()
	h.clock.Advance(20)
	h.ui.Practice.ToggleRecord()
	h.settle()
	if sp.files != 1 || h.lib.drafts != 1 || h.ui.Review.Editor.Text() != scriptedDraft().Text || h.errorShown() {
		t.Errorf("%d file runs, %d drafts, text %q", sp.files, h.lib.drafts, h.ui.Review.Editor.Text())
	}
}

func TestNoEngineAtStopSaysWhyAndHowToFix(t *testing.T) {
	sp := newFakeSpeech()
	sp.chosenErr = &SpeechError{Err: errors.New("PocketSphinx cannot run: PocketSphinx is not installed"), Todo: "To fix it: sudo apt-get install pocketsphinx pocketsphinx-en-us"}
	h := newHarness(t, func(d *Deps) { d.Speech = sp })
	h.rec.length = 20 * time.Second
	h.ui.Practice.ToggleRecord()
	if h.rec.tap != nil {
		t.Error("a tap without an engine")
	}
	h.clock.Advance(20)
	h.ui.Practice.ToggleRecord()
	h.settle()
	want := "No draft transcript: PocketSphinx cannot run: PocketSphinx is not installed. To fix it: sudo apt-get install pocketsphinx pocketsphinx-en-us, or type the transcript in Review."
	if got := h.ui.Practice.DraftStatus.Text; got != want || h.ui.Practice.DraftStatus.Size().Height == 0 {
		t.Errorf("practice says %q, want %q", got, want)
	}
}

func TestSettingsListsEnginesWithReasonsAndFixes(t *testing.T) {
	sp := newFakeSpeech()
	h := newHarness(t, func(d *Deps) { d.Speech = sp })
	s := h.ui.Settings
	lines := s.EngineLines()
	want := []string{
		"PocketSphinx: ready · transcribes while you record · does not write fillers (um, uh)",
		"whisper.cpp: cannot run: whisper-cli is not installed.\nTo fix: build whisper.cpp (see the README)",
		"Your command: cannot run: no transcriber command is set.\nTo fix: enter a command in Settings",
	}
	if strings.Join(lines, "|") != strings.Join(want, "|") {
		t.Errorf("engines listed:\n%q\nwant\n%q", lines, want)
	}
	if s.EngineInUse.Text != "Draft transcripts come from PocketSphinx." {
		t.Errorf("in use: %q", s.EngineInUse.Text)
	}
	// No field shows a grey example that could pass for a setting.
	for _, e := range []*keyEntry{s.WhisperCLI, s.WhisperModel, s.Command} {
		if e.PlaceHolder != "" {
			t.Errorf("placeholder %q", e.PlaceHolder)
		}
	}
	s.Engine.SetSelected("whisper.cpp")
	if h.app.Preferences().String(PrefEngine) != EngineWhisper {
		t.Errorf("engine stored %q", h.app.Preferences().String(PrefEngine))
	}
	sp.mu.Lock()
	sp.chosenErr = &SpeechError{Err: errors.New("whisper.cpp cannot run: whisper-cli is not installed")}
	sp.mu.Unlock()
	test.Type(s.WhisperCLI, "/opt/whisper/bin/whisper-cli")
	h.idle()
	if h.ui.SpeechSettings().WhisperCLI != "/opt/whisper/bin/whisper-cli" || s.EngineInUse.Text != "Takes get no draft transcript: whisper.cpp cannot run: whisper-cli is not installed." {
		t.Errorf("after typing: settings %+v, in use %q", h.ui.SpeechSettings(), s.EngineInUse.Text)
	}
}

func TestPaceJoinsHistoryTrends(t *testing.T) {
	h := newHarness(t, nil)
	day := func(d int) time.Time { return time.Date(2026, 2, d, 9, 0, 0, 0, time.UTC) }
	h.lib.add(Take{ID: "a", Created: day(1), Question: "Q", Score: 40, WPM: 150})
	h.lib.add(Take{ID: "b", Created: day(2), Question: "Q", Score: 55})
	h.lib.add(Take{ID: "c", Created: day(3), Question: "Q", Score: 60, WPM: 171.6})
	h.ui.History.Reload()
	h.settle()
	pace := h.ui.History.Pace
	if len(pace.Points) != 2 || pace.Points[0].Value != 150 || pace.Points[1].Value != 171.6 || pace.Points[1].Label != "Feb 3 09:00" {
		t.Errorf("pace points %+v: want a, c oldest first, b (no pace) left out", pace.Points)
	}
	if len(pace.Ticks) == 0 || pace.Ticks[len(pace.Ticks)-1] != 240 {
		t.Errorf("pace axis %v", pace.Ticks)
	}
	h.lib.add(Take{ID: "d", Created: day(4), Question: "Q", Score: 61, WPM: 262})
	h.ui.History.Reload()
	h.settle()
	if top := pace.Ticks[len(pace.Ticks)-1]; top != 300 {
		t.Errorf("a 262 wpm take on an axis up to %v", top)
	}
	w := test.NewTempWindow(t, pace)
	w.Resize(fyne.NewSize(600, 200))
	var texts []string
	for _, o := range test.WidgetRenderer(pace).Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			texts = append(texts, txt.Text)
		}
	}
	if all := "|" + strings.Join(texts, "|") + "|"; !strings.Contains(all, "|words a minute|") || !strings.Contains(all, "|172|") || !strings.Contains(all, "|180|") {
		t.Errorf("pace chart texts %s", all)
	}
}

// tapDialogButton taps the button with this text in the dialog on top
// of the window, reporting whether there was one.
func tapDialogButton(h *harness, text string) bool {
	top := h.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch v := o.(type) {
		case *widget.Button:
			if v.Text == text {
				found = v
			}
			return
		case *fyne.Container:
			for _, c := range v.Objects {
				walk(c)
			}
			return
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		return false
	}
	test.Tap(found)
	return true
}
