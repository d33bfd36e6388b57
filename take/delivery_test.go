package take

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"retake/scoring"
)

// spokenWords times each word of text at an even pace from start, with
// a silence of gap seconds before word number gapAt.
func spokenWords(text string, start, perWord float64, gapAt int, gap float64) []Word {
	var out []Word
	at := start
	for i, w := range strings.Fields(text) {
		if i == gapAt {
			at += gap
		}
		out = append(out, Word{Text: w, Start: at, End: at + perWord*0.8, Conf: 0.9})
		at += perWord
	}
	return out
}

// TestDraftDelivery: a take transcribed by an engine is analyzed with
// the engine's word times and the recording's pauses, so its report has
// a delivery (pace, speaking time, the long pause with its time), names
// the engine, and says fillers were not heard. A correction keeps the
// times of the words it left alone.
func TestDraftDelivery(t *testing.T) {
	measured := []scoring.Pause{{Start: 10.1, End: 12.4}}
	calls := 0
	testRoot(t)
	hooks := testHooks
	hooks.Pauses = func(f *os.File) ([]scoring.Pause, error) {
		calls++
		if _, err := f.Stat(); err != nil {
			return nil, err
		}
		return measured, nil
	}
	l, err := Open(Options{Audio: hooks, Now: fixedClock()})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	tk, err := l.Create(classic, "")
	if err != nil {
		t.Fatal(err)
	}
	writeWAV(t, tk.AudioPath(), 30, false)
	if tk, err = l.Finish(tk.ID, 30, nil); err != nil {
		t.Fatal(err)
	}
	if calls != 1 || len(tk.Pauses) != 1 || tk.Pauses[0] != measured[0] {
		t.Fatalf("pauses after Finish: %v (%d calls), want %v", tk.Pauses, calls, measured)
	}
	// 60 words at 0.4 s each (150 per minute), a 2.3 s pause before the
	// 26th word, which is mid-sentence.
	ws := spokenWords(answer, 0.1, 0.4, 25, 2.3)
	got, err := l.SetDraft(tk.ID, answer, ws, "pocketsphinx", nil)
	if err != nil {
		t.Fatal(err)
	}
	rep := got.Report
	if rep == nil || rep.Delivery == nil {
		t.Fatalf("draft report has no delivery: %+v", rep)
	}
	d := rep.Delivery
	if d.WPM < 130 || d.WPM > 170 || d.SpeakingS <= 0 || len(d.Pauses) != 1 || d.Pauses[0].Start != 10.1 || d.LongestPauseS < 2.2 {
		t.Fatalf("delivery %+v, want about 150 wpm and the measured pause at 10.1 s", d)
	}
	if rep.Source.Kind != "engine" || rep.Source.Name != "pocketsphinx" || rep.Source.Corrected {
		t.Fatalf("report source %+v", rep.Source)
	}
	if rep.Fillers.Heard {
		t.Fatalf("fillers from PocketSphinx reported as heard: %+v", rep.Fillers)
	}
	// The person fixes one word; the delivery still comes from the times.
	fixed := "Last spring I led the billing migration for our team of five." + answer[len("Last spring I led the billing migration for our team of four."):]
	got, err = l.SetTranscript(tk.ID, fixed, SourceTyped)
	if err != nil {
		t.Fatal(err)
	}
	if got.Report.Delivery == nil || got.Report.Delivery.WPM != d.WPM || !got.Report.Source.Corrected {
		t.Fatalf("corrected draft: delivery %+v source %+v, want the same pace, corrected", got.Report.Delivery, got.Report.Source)
	}
	// A typed transcript has no times: no delivery from words, fillers
	// counted.
	typed := recordTake(t, l, classic, "", 2, nil)
	if typed.Report.Delivery != nil && typed.Report.Delivery.WPM != 0 {
		t.Fatalf("typed transcript has a pace: %+v", typed.Report.Delivery)
	}
	if !typed.Report.Fillers.Heard {
		t.Fatal("typed transcript reports fillers as not heard")
	}
}

// TestPausesHookFailure: a recording whose pauses cannot be measured is
// still finished and analyzed, with no pauses stored.
func TestPausesHookFailure(t *testing.T) {
	testRoot(t)
	hooks := testHooks
	hooks.Pauses = func(*os.File) ([]scoring.Pause, error) { return nil, errors.New("unreadable") }
	l, err := Open(Options{Audio: hooks, Now: func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	tk := recordTake(t, l, classic, "", 2, nil)
	if tk.Pauses != nil || tk.Report == nil {
		t.Fatalf("pauses %v, report %v", tk.Pauses, tk.Report != nil)
	}
}
