package main

import (
	"context"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"retake/audio"
	"retake/audio/wav"
	"retake/speech/words"
	"retake/take"
	"retake/ui"
)

// guiHarness is the real app (views, take library, recorder on the null
// backend, speech engines) on Fyne's test driver. Work the views hand
// to the UI thread queues up and settle runs it on the test goroutine.
type guiHarness struct {
	ui    *ui.App
	lib   *take.Library
	queue chan func()
}

func newGUIHarness(t *testing.T) *guiHarness {
	t.Helper()
	takesEnv(t)
	t.Setenv(audio.BackendEnv, "null")
	lib, err := take.Open(take.Options{Audio: takeAudioHooks()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 800))
	h := &guiHarness{lib: lib, queue: make(chan func(), 1<<16)}
	deps := ui.Deps{
		NewRecorder: newGUIRecorder, OpenPlayer: openGUIPlayer, Peaks: guiPeaks, Devices: guiDevices,
		Library: guiLibrary{lib}, Speech: guiSpeech{},
		Tick: time.Hour, DoAsync: func(f func()) { h.queue <- f },
	}
	if h.ui, err = ui.New(a, w, deps); err != nil {
		t.Fatal(err)
	}
	h.settle(t)
	return h
}

// settle runs the queued UI work until every background job is done.
func (h *guiHarness) settle(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for quiet := 0; quiet < 3; {
		select {
		case f := <-h.queue:
			f()
			quiet = 0
		default:
			if time.Now().After(deadline) {
				t.Fatal("the app's background work did not finish in 3 minutes")
			}
			if h.ui.Idle() && len(h.queue) == 0 {
				quiet++
				runtime.Gosched()
			} else {
				time.Sleep(time.Millisecond)
			}
		}
	}
}

// TestGUIDraftsWithPocketSphinx drives the real adapters with the real
// PocketSphinx: a flite answer imported in History and transcribed from
// Review becomes a stored draft with its timed words, a report that
// names the engine and has a delivery, and a pace in History; the live
// tap turns the same answer into a draft as the recorder would feed it;
// and a take recorded on the null backend goes through the recorder's
// tap to a live draft that, for silence, says it heard nothing.
func TestGUIDraftsWithPocketSphinx(t *testing.T) {
	needTool(t, "flite", "sox", "pocketsphinx_continuous")
	text, err := os.ReadFile(filepath.Join("..", "..", "speech", "testdata", "answers", "short-deploy.txt"))
	if err != nil {
		t.Fatal(err)
	}
	wavPath := speakAnswer(t, string(text), 1.4)
	h := newGUIHarness(t)
	r := h.ui.Review

	// Import, then Transcribe in Review.
	h.ui.History.ImportAudioFile(wavPath)
	h.settle(t)
	id := r.Take().ID
	if id == "" || r.Take().AudioPath == "" {
		t.Fatalf("the imported take is not open in Review: %+v", r.Take())
	}
	start := time.Now()
	test.Tap(r.Transcribe)
	if !r.Transcribing() {
		t.Fatal("Transcribe started nothing")
	}
	h.settle(t)
	t.Logf("whole-file draft in %v", time.Since(start).Round(time.Millisecond))
	draft := r.Editor.Text()
	wer := words.ErrorRate(string(text), draft)
	t.Logf("word error rate %.1f%%: %s", 100*wer, draft)
	if wer > 0.3 {
		t.Errorf("word error rate %.1f%% over 30%%", 100*wer)
	}
	stored, err := h.lib.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if stored.TranscriptSource != take.EngineSource("pocketsphinx") || len(stored.Words) < 40 || stored.Transcript != draft {
		t.Fatalf("stored source %+v with %d words", stored.TranscriptSource, len(stored.Words))
	}
	rep := r.Report()
	if rep == nil || rep.Source.Name != "pocketsphinx" || rep.Fillers.Heard || rep.Delivery == nil {
		t.Fatalf("report %+v", rep)
	}
	d := rep.Delivery
	t.Logf("%.0f wpm, speaking %.1f s, %d pauses, longest %.1f s", d.WPM, d.SpeakingS, len(d.Pauses), d.LongestPauseS)
	if d.WPM < 100 || d.WPM > 260 || len(d.Pauses) < 2 || len(r.Card.PauseButtons) != len(d.Pauses) {
		t.Errorf("delivery %+v with %d pause buttons", d, len(r.Card.PauseButtons))
	}
	if stored.Report == nil || stored.Report.Delivery == nil || stored.Report.Delivery.WPM != d.WPM {
		t.Errorf("the stored report is not the one on screen")
	}
	if !strings.Contains(r.Editor.DraftNote.Text, "Draft from PocketSphinx") || len(r.Spans()) != len(strings.Fields(draft)) {
		t.Errorf("editor note %q, %d timed words for %d", r.Editor.DraftNote.Text, len(r.Spans()), len(strings.Fields(draft)))
	}
	h.ui.History.Reload()
	h.settle(t)
	if p := h.ui.History.Pace.Points; len(p) != 1 || p[0].Value != d.WPM {
		t.Errorf("pace trend %+v, want the take's %.0f wpm", p, d.WPM)
	}

	// The live tap, fed the answer as the recorder's writer would.
	live, err := guiSpeech{}.Live(ui.SpeechSettings{})
	if err != nil {
		t.Fatal(err)
	}
	samples := monoSamples(t, wavPath)
	live.Begin(16000)
	for i := 0; i < len(samples); i += 1600 {
		live.Samples(samples[i:min(i+1600, len(samples))])
	}
	ld, err := live.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if lw := words.ErrorRate(string(text), ld.Text); lw > wer+0.05 || ld.Engine != "pocketsphinx" || len(ld.Words) < 40 {
		t.Errorf("live draft from %s, %d words, error rate %.1f%% (whole file %.1f%%)", ld.Engine, len(ld.Words), 100*lw, 100*wer)
	}

	// A take recorded on the null backend: the recorder feeds the tap,
	// and the silent take's draft says nothing was heard.
	p := h.ui.Practice
	p.ToggleRecord()
	time.Sleep(2500 * time.Millisecond)
	p.ToggleRecord()
	h.settle(t)
	if !strings.Contains(p.DraftStatus.Text, "PocketSphinx heard no words in this take") {
		t.Errorf("after a silent take Practice says %q", p.DraftStatus.Text)
	}
	silent, err := h.lib.Get(r.Take().ID)
	if err != nil || silent.ID == id || silent.Transcript != "" || silent.DurationS < 2 {
		t.Errorf("silent take %+v, %v", silent, err)
	}
}

// monoSamples reads the samples of a 16 kHz mono 16-bit WAV file.
func monoSamples(t *testing.T, path string) []int16 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	rd, err := wav.NewReader(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if rd.SampleRate != 16000 || rd.Channels != 1 || rd.BitsPerSample != 16 {
		t.Fatalf("%s is %+v, want 16 kHz mono 16-bit", path, rd.Format)
	}
	raw, err := io.ReadAll(rd)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]int16, len(raw)/2)
	for i := range out {
		out[i] = int16(binary.LittleEndian.Uint16(raw[2*i:]))
	}
	return out
}
