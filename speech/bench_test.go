package speech

import (
	"context"
	"os"
	"retake/speech/words"
	"strings"
	"syscall"
	"testing"
	"time"
)

// benchVoices are the flite voices the speech benchmarks speak in;
// RETAKE_BENCH_VOICES (e.g. "rms slt awb kal") widens the set.
func benchVoices() []string {
	if v := strings.Fields(os.Getenv("RETAKE_BENCH_VOICES")); len(v) > 0 {
		return v
	}
	return []string{"rms", "slt"}
}

// childCPU is the CPU time of every child process that has ended.
func childCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// takeLength is the length of the answer the target is set for.
const takeLength = 135.0

// speakTake speaks the long answer with pauses between its lines chosen
// so that it lasts about takeLength, at the capture rate.
func speakTake(b *testing.B, voice string) (answer, string, float64) {
	a := loadAnswers(b, "long-billing")[0]
	_, bare := speak(b, a, voice, 16000)
	gap := max((takeLength-bare)/float64(len(a.sentences())), 0.2)
	path, length := speak(b, a, voice, 48000, 0.6*gap, gap, 1.4*gap)
	return a, path, length
}

// BenchmarkTranscribeFile is PocketSphinx on a whole file of a 2:15
// answer: CPU (of the engine's processes) and wall time per second of
// audio, and the word error rate, per voice.
func BenchmarkTranscribeFile(b *testing.B) {
	needTools(b, "flite", "sox", "pocketsphinx_continuous")
	for _, voice := range benchVoices() {
		b.Run(voice, func(b *testing.B) {
			a, path, length := speakTake(b, voice)
			e := &Sphinx{}
			var wer float64
			cpu0 := childCPU()
			b.ResetTimer()
			for range b.N {
				r, err := e.Transcribe(context.Background(), path, nil)
				if err != nil {
					b.Fatal(err)
				}
				wer = words.ErrorRate(a.text, r.Text())
			}
			b.StopTimer()
			runs := float64(b.N)
			b.ReportMetric((childCPU()-cpu0).Seconds()/runs/length, "cpu-s/audio-s")
			b.ReportMetric(b.Elapsed().Seconds()/runs/length, "wall-s/audio-s")
			b.ReportMetric(100*wer, "WER-%")
			b.ReportMetric(length, "audio-s")
		})
	}
}

// BenchmarkStreamDraft records a 2:15 flite answer at real-time pace
// into a PocketSphinx stream, 10 ms blocks at 48 kHz as the recorder's
// tap hands them on, and reports the seconds from the end of the take to
// the whole draft (the target: under 5), the engine's CPU per second of
// audio, and the word error rate of the stream and of a whole-file run
// of the same audio (the target: within 2 points).
func BenchmarkStreamDraft(b *testing.B) {
	needTools(b, "flite", "sox", "pocketsphinx_continuous")
	for _, voice := range benchVoices() {
		b.Run(voice, func(b *testing.B) {
			a, path, length := speakTake(b, voice)
			e := &Sphinx{}
			whole, err := e.Transcribe(context.Background(), path, nil)
			if err != nil {
				b.Fatal(err)
			}
			samples := samplesOf(b, path)
			var latency time.Duration
			var wer float64
			cpu0 := childCPU()
			b.ResetTimer()
			for range b.N {
				st, err := StartStream(e, 48000)
				if err != nil {
					b.Fatal(err)
				}
				feedPaced(st, samples, 48000, 1)
				end := time.Now()
				r, err := st.Finish(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				latency += time.Since(end)
				wer = words.ErrorRate(a.text, r.Text())
			}
			b.StopTimer()
			runs := float64(b.N)
			b.ReportMetric(latency.Seconds()/runs, "s-to-draft")
			b.ReportMetric((childCPU()-cpu0).Seconds()/runs/length, "cpu-s/audio-s")
			b.ReportMetric(100*wer, "WER-%")
			b.ReportMetric(100*words.ErrorRate(a.text, whole.Text()), "file-WER-%")
			b.ReportMetric(length, "audio-s")
		})
	}
}
