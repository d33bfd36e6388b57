package speech

import (
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"retake/audio"
	"retake/speech/words"
)

// samplesOf reads a 16-bit mono WAV file written by speak.
func samplesOf(t testing.TB, path string) []int16 {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pcm := data[44:]
	s := make([]int16, len(pcm)/2)
	for i := range s {
		s[i] = int16(binary.LittleEndian.Uint16(pcm[2*i:]))
	}
	return s
}

// feedPaced writes samples to st in 10 ms blocks, the way the
// recorder's writer goroutine hands them on, at speed times real time
// (0 for as fast as possible). It returns when the last block is in.
func feedPaced(st Stream, s []int16, rate int, speed float64) {
	block := rate / 100
	start := time.Now()
	for i := 0; i < len(s); i += block {
		st.Write(s[i:min(i+block, len(s))])
		if speed > 0 {
			due := start.Add(time.Duration(float64(i+block) / float64(rate) / speed * float64(time.Second)))
			time.Sleep(time.Until(due))
		}
	}
}

// fileOnly hides an engine's own stream, so StartStream segments.
type fileOnly struct{ Engine }

// TestStreamMatchesFile feeds a flite answer, resampled to the capture
// rate, into a PocketSphinx stream at real-time pace in 10 ms blocks, as
// the recorder's tap does, and checks that the draft is complete and
// has the words of a whole-file run. The time from the last block to the
// draft is logged; the 5 s target is checked by BenchmarkStreamDraft.
func TestStreamMatchesFile(t *testing.T) {
	needTools(t, "flite", "sox", "pocketsphinx_continuous")
	a := loadAnswers(t, "short-deploy")[0]
	path, length := speak(t, a, "rms", 48000, 0.7, 1.3, 0.5)
	e := &Sphinx{}
	whole, err := e.Transcribe(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := StartStream(e, 48000)
	if err != nil {
		t.Fatal(err)
	}
	feedPaced(st, samplesOf(t, path), 48000, 1)
	end := time.Now()
	r, err := st.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%.1f s answer: draft %v after the last block", length, time.Since(end).Round(time.Millisecond))
	checkWords(t, r.Words)
	wholeWER, streamWER := words.ErrorRate(a.text, whole.Text()), words.ErrorRate(a.text, r.Text())
	t.Logf("WER whole file %.1f%%, stream %.1f%%\n%s", 100*wholeWER, 100*streamWER, r.Text())
	if streamWER > wholeWER+0.02 {
		t.Fatalf("stream WER %.1f%%, whole file %.1f%%: want within 2 points", 100*streamWER, 100*wholeWER)
	}
	if len(r.Words) == 0 || r.Words[len(r.Words)-1].End < whole.Words[len(whole.Words)-1].End-0.1 {
		t.Fatal("the draft misses the end of the answer")
	}
	for i, al := range words.Align(r.Text(), whole.Words) {
		if al.Edit == words.Kept && math.Abs(al.Start-r.Words[i].Start) > 0.05 {
			t.Fatalf("word %d %q at %.2f s in the stream, %.2f s in the file", i, al.Text, r.Words[i].Start, al.Start)
		}
	}
}

// TestSegmentedStream checks cutting at pauses and the clock of the
// segments with the user-command stand-in, whose output is the same
// words at 0.32 s to 1.6 s of every file it gets: three bursts of sound
// with a second of silence after each give three segments, each cut in
// the middle of the first half second of its pause.
func TestSegmentedStream(t *testing.T) {
	needTools(t, "sox")
	tmp := privateTemp(t)
	const rate = 16000
	var s []int16
	for b := 0; b < 3; b++ {
		for i := 0; i < 5*rate; i++ {
			s = append(s, int16(8000*math.Sin(2*math.Pi*300*float64(i)/rate)))
		}
		s = append(s, make([]int16, rate)...)
	}
	e := &Command{Template: fakeBin(t, "my-transcriber") + " json {audio} {out}"}
	st, err := StartStream(e, rate)
	if err != nil {
		t.Fatal(err)
	}
	feedPaced(st, s, rate, 0)
	r, err := st.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkWords(t, r.Words)
	var starts []float64
	for _, w := range r.Words {
		if w.Text == "I" {
			starts = append(starts, w.Start)
		}
	}
	want := []float64{0.32, 5.25 + 0.32, 11.25 + 0.32, 17.25 + 0.32}
	// The last second of silence is a segment of its own, cut at Finish.
	if len(starts) != len(want) {
		t.Fatalf("%d segments heard at %v, want %v", len(starts), starts, want)
	}
	for i := range want {
		if math.Abs(starts[i]-want[i]) > 0.011 {
			t.Fatalf("segment %d starts its words at %.3f s, want %.3f s", i, starts[i], want[i])
		}
	}
	if r.Engine != "command" || !r.Timed || r.Punctuated {
		t.Fatalf("result %+v", r)
	}
	assertEmpty(t, tmp)
}

// TestSegmentedPocketSphinx runs PocketSphinx through the segmenting
// stream (as whisper and commands go) on a flite answer: the words stay
// close to a whole-file run and on the take's clock.
func TestSegmentedPocketSphinx(t *testing.T) {
	needTools(t, "flite", "sox", "pocketsphinx_continuous")
	a := loadAnswers(t, "short-email")[0]
	path, length := speak(t, a, "rms", 16000, 0.8)
	e := &Sphinx{}
	whole, err := e.Transcribe(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	st, err := StartStream(fileOnly{e}, 16000)
	if err != nil {
		t.Fatal(err)
	}
	feedPaced(st, samplesOf(t, path), 16000, 0)
	r, err := st.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	checkWords(t, r.Words)
	if last := r.Words[len(r.Words)-1]; last.End > length+0.05 {
		t.Fatalf("last word ends at %.2f s, after the clip's %.2f s", last.End, length)
	}
	wholeWER, segWER := words.ErrorRate(a.text, whole.Text()), words.ErrorRate(a.text, r.Text())
	t.Logf("WER whole file %.1f%%, segmented %.1f%%", 100*wholeWER, 100*segWER)
	if segWER > wholeWER+0.10 {
		t.Fatalf("segmented WER %.1f%%, whole file %.1f%%", 100*segWER, 100*wholeWER)
	}
}

func TestStreamFailures(t *testing.T) {
	needTools(t, "sox")
	t.Run("the engine stops reading mid-take", func(t *testing.T) {
		t.Setenv("FAKE_MODE", "early")
		st, err := StartStream(&Sphinx{Binary: fakeBin(t, "pocketsphinx_continuous")}, 48000)
		if err != nil {
			t.Fatal(err)
		}
		feedPaced(st, make([]int16, 48000), 48000, 0)
		_, err = st.Finish(context.Background())
		if !errors.Is(err, ErrFailed) || !strings.Contains(err.Error(), "Failed to read audio") {
			t.Fatalf("err = %v", err)
		}
		if _, err := st.Finish(context.Background()); err == nil {
			t.Fatal("a second Finish succeeded")
		}
		st.Cancel() // harmless after Finish
	})
	t.Run("cancel stops the engine", func(t *testing.T) {
		pids := filepath.Join(t.TempDir(), "pids")
		t.Setenv("FAKE_MODE", "hang")
		t.Setenv("FAKE_PIDS", pids)
		st, err := StartStream(&Sphinx{Binary: fakeBin(t, "pocketsphinx_continuous")}, 16000)
		if err != nil {
			t.Fatal(err)
		}
		st.Write(make([]int16, 1600))
		ps := waitPIDs(t, pids)
		done := make(chan struct{})
		go func() { st.Cancel(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("Cancel did not return")
		}
		for _, p := range ps {
			if !processGone(p) {
				t.Errorf("process %d still runs", p)
			}
		}
		st.Write(make([]int16, 160)) // ignored
	})
	t.Run("finish is cancelled", func(t *testing.T) {
		t.Setenv("FAKE_MODE", "hang")
		t.Setenv("FAKE_PIDS", "")
		st, err := StartStream(&Sphinx{Binary: fakeBin(t, "pocketsphinx_continuous")}, 16000)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		if _, err := st.Finish(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want the context's deadline", err)
		}
	})
	t.Run("segments: cancel removes the files", func(t *testing.T) {
		tmp := privateTemp(t)
		pids := filepath.Join(t.TempDir(), "pids")
		t.Setenv("FAKE_MODE", "hang")
		t.Setenv("FAKE_PIDS", pids)
		st, err := StartStream(&Command{Template: fakeBin(t, "pocketsphinx_continuous") + " -infile {audio} {out}"}, 16000)
		if err != nil {
			t.Fatal(err)
		}
		st.Write(make([]int16, 16000))
		go st.Finish(context.Background())
		ps := waitPIDs(t, pids)
		st.Cancel()
		for _, p := range ps {
			if !processGone(p) {
				t.Errorf("process %d still runs", p)
			}
		}
		assertEmpty(t, tmp)
	})
	t.Run("engine missing", func(t *testing.T) {
		t.Setenv("PATH", t.TempDir())
		for _, e := range []Engine{&Sphinx{}, &Whisper{}, &Command{}} {
			if _, err := StartStream(e, 48000); !errors.Is(err, ErrUnavailable) {
				t.Errorf("%s: err = %v", e.Name(), err)
			}
		}
	})
}

// TestLiveOnNullBackend records on miniaudio's null backend with a Live
// tap into PocketSphinx, the way the app's record button will: the
// recorder feeds the tap from its writer goroutine, and after Stop the
// draft of a silent take is empty but complete.
func TestLiveOnNullBackend(t *testing.T) {
	needTools(t, "sox", "pocketsphinx_continuous")
	t.Setenv(audio.BackendEnv, "null")
	rec, err := audio.NewRecorder(audio.RecorderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Close()
	live := NewLive(&Sphinx{})
	if err := rec.StartTapped(filepath.Join(t.TempDir(), "take.wav"), live); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	info, err := rec.Stop()
	if err != nil {
		t.Fatal(err)
	}
	r, err := live.Finish(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.Duration < time.Second || len(r.Words) != 0 || r.Engine != "pocketsphinx" {
		t.Fatalf("take %v, draft %+v: want a silent take's empty draft", info.Duration, r)
	}
	if _, err := live.Finish(context.Background()); err == nil {
		t.Fatal("a second Finish succeeded")
	}
	// A tap whose engine cannot start lets the take go on and says why.
	t.Setenv("PATH", t.TempDir())
	broken := NewLive(&Sphinx{})
	if err := rec.StartTapped(filepath.Join(t.TempDir(), "take2.wav"), broken); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if _, err := rec.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := broken.Finish(context.Background()); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err = %v", err)
	}
}
