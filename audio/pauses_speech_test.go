package audio

import (
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"testing"
)

// speechFixture synthesises each phrase with espeak-ng, trims the silence
// espeak leaves around it with sox, and joins the phrases with sox-made
// silences of the given lengths. It returns the file and the true pause
// spans, computed from the trimmed clip lengths.
func speechFixture(t *testing.T, phrases []string, gaps []float64) (string, []Pause) {
	t.Helper()
	for _, tool := range []string{"espeak-ng", "sox"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (the Makefile's deps-test target installs it); skipping the speech check", tool)
		}
	}
	dir := t.TempDir()
	run := func(name string, args ...string) {
		t.Helper()
		if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	var parts []string
	var pauses []Pause
	at := 0.0
	for i, ph := range phrases {
		raw := filepath.Join(dir, fmt.Sprintf("raw%d.wav", i))
		clip := filepath.Join(dir, fmt.Sprintf("clip%d.wav", i))
		run("espeak-ng", "-v", "en-us", "-s", "160", "-w", raw, ph)
		// Trim at -50 dBFS from both ends: silence 1 0.01 on the front,
		// then the same on the reversed signal.
		run("sox", raw, "-r", "22050", "-c", "1", "-b", "16", clip,
			"silence", "1", "0.01", "-50d", "reverse", "silence", "1", "0.01", "-50d", "reverse")
		info, err := Probe(clip)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, clip)
		at += info.Duration.Seconds()
		if i < len(gaps) {
			sil := filepath.Join(dir, fmt.Sprintf("gap%d.wav", i))
			run("sox", "-n", "-r", "22050", "-c", "1", "-b", "16", sil, "trim", "0", fmt.Sprint(gaps[i]))
			parts = append(parts, sil)
			pauses = append(pauses, Pause{Start: at, End: at + gaps[i]})
			at += gaps[i]
		}
	}
	out := filepath.Join(dir, "answer.wav")
	run("sox", append(parts, out)...)
	return out, pauses
}

func TestDetectPausesSpeech(t *testing.T) {
	phrases := []string{
		"Last spring I shipped a migration without testing the rollback",
		"The import job failed for two days",
		"Now I rehearse every rollback before the release",
	}
	gaps := []float64{0.8, 1.6}
	path, want := speechFixture(t, phrases, gaps)
	rep, err := DetectPauses(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Pauses) != len(want) {
		t.Fatalf("found pauses %v, want %v (segments %v)", rep.Pauses, want, rep.Segments)
	}
	for i, p := range rep.Pauses {
		t.Logf("pause %d: found %.3f-%.3f, inserted %.3f-%.3f", i, p.Start, p.End, want[i].Start, want[i].End)
		if math.Abs(p.Start-want[i].Start) > 0.05 || math.Abs(p.End-want[i].End) > 0.05 {
			t.Errorf("pause %d at %.3f-%.3f, inserted at %.3f-%.3f: boundary off by more than 50 ms",
				i, p.Start, p.End, want[i].Start, want[i].End)
		}
	}
	if math.Abs(rep.LongestPauseS-1.6) > 0.05 {
		t.Errorf("longest pause %.3f, want 1.6", rep.LongestPauseS)
	}
	speech := rep.DurationS - 0.8 - 1.6
	if math.Abs(rep.SpeechS-speech) > 0.15 {
		t.Errorf("speech time %.3f, want about %.3f", rep.SpeechS, speech)
	}
}
