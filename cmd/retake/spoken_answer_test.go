package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needTool skips (or, in CI, fails) a test whose program is missing.
func needTool(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if toolsRequired {
				t.Fatalf("%s is not installed (make deps-test installs it)", n)
			}
			t.Skipf("%s is not installed (make deps-test installs it)", n)
		}
	}
}

// speakAnswer has flite say each line of a text in the rms voice, with
// a silence of gap seconds after every line, and returns the WAV.
func speakAnswer(t *testing.T, text string, gap float64) string {
	t.Helper()
	dir := t.TempDir()
	var parts []string
	for i, line := range strings.Split(strings.TrimSpace(text), "\n") {
		raw := filepath.Join(dir, fmt.Sprintf("line%02d.wav", i))
		padded := filepath.Join(dir, fmt.Sprintf("pad%02d.wav", i))
		for _, c := range [][]string{{"flite", "-voice", "rms", "-t", line, "-o", raw}, {"sox", "-D", raw, padded, "pad", "0", fmt.Sprint(gap)}} {
			if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
				t.Fatalf("%v: %v\n%s", c, err, out)
			}
		}
		parts = append(parts, padded)
	}
	out := filepath.Join(dir, "answer.wav")
	args := append(append([]string{"-D"}, parts...), "-r", "16000", "-c", "1", "-b", "16", out)
	if b, err := exec.Command("sox", args...).CombinedOutput(); err != nil {
		t.Fatalf("sox: %v\n%s", err, b)
	}
	return out
}

// TestSpokenAnswerEndToEnd is the whole path a spoken answer takes with
// the real engine: flite says an answer written for the speech tests,
// `retake import` makes a take of it, `retake transcribe ID` stores
// PocketSphinx's draft, and `retake show ID --json` carries a report
// that names the engine, finds the speaker owning the mistake in the
// first person, and has a delivery from the word times and the
// recording's pauses.
func TestSpokenAnswerEndToEnd(t *testing.T) {
	needTool(t, "flite", "sox", "pocketsphinx_continuous")
	takesEnv(t)
	text, err := os.ReadFile(filepath.Join("..", "..", "speech", "testdata", "answers", "long-billing.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const gap = 1.4 // after every line: long pauses the card lists
	wav := speakAnswer(t, string(text), gap)
	code, out, errs := runTakes(t, wrapIO(cmdImport), wav)
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	id := strings.TrimSpace(out)
	if code, _, errs = runTakes(t, wrapIO(cmdTranscribe), "--engine", "pocketsphinx", id); code != 0 {
		t.Fatalf("transcribe %s: %d %s", id, code, errs)
	}
	code, out, errs = runTakes(t, wrapIO(cmdShow), "--json", id)
	if code != 0 {
		t.Fatalf("show --json: %d %s", code, errs)
	}
	var shown struct {
		DurationS float64 `json:"duration_s"`
		Report    struct {
			Words    int `json:"words"`
			Sections []struct {
				ID       string `json:"id"`
				Words    int    `json:"words"`
				Criteria []struct {
					ID  string `json:"id"`
					Met bool   `json:"met"`
				} `json:"criteria"`
			} `json:"sections"`
			Flags []struct {
				ID string `json:"id"`
			} `json:"flags"`
			FirstPerson float64 `json:"first_person_ratio"`
			Fillers     struct {
				Heard bool `json:"heard"`
			} `json:"fillers"`
			Source struct {
				Kind, Name string
			} `json:"source"`
			Delivery *struct {
				SpeakingS     float64 `json:"speaking_s"`
				WPM           float64 `json:"wpm"`
				LongestPauseS float64 `json:"longest_pause_s"`
				Pauses        []struct {
					Start float64 `json:"start"`
					End   float64 `json:"end"`
				} `json:"pauses"`
				Sections []struct {
					ID  string  `json:"id"`
					WPM float64 `json:"wpm"`
				} `json:"sections"`
			} `json:"delivery"`
		} `json:"report"`
	}
	if err := json.Unmarshal([]byte(out), &shown); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	rep := shown.Report
	if rep.Source.Kind != "engine" || rep.Source.Name != "pocketsphinx" || rep.Fillers.Heard {
		t.Fatalf("source %+v, fillers heard %v: want PocketSphinx's draft, fillers not heard", rep.Source, rep.Fillers.Heard)
	}
	// The analyzer reads the recognizer's text as an answer: the speaker
	// owns the mistake in the first person and blames no one.
	owned := false
	for _, s := range rep.Sections {
		for _, c := range s.Criteria {
			if s.ID == "mistake" && c.ID == "owned" {
				owned = c.Met
			}
		}
	}
	for _, f := range rep.Flags {
		if f.ID == "blame-diffusion" || f.ID == "fake-mistake" {
			t.Errorf("flag %s on an answer that owns its mistake", f.ID)
		}
	}
	if !owned || rep.FirstPerson < 0.6 || rep.Words < 250 {
		t.Fatalf("owned %v, first person %.2f over %d words: the statements were not found", owned, rep.FirstPerson, rep.Words)
	}
	d := rep.Delivery
	if d == nil {
		t.Fatal("no delivery in the report")
	}
	t.Logf("%d words, first person %.2f, %.0f wpm, speaking %.1f of %.1f s, %d pauses (longest %.1f s), %d sections with a pace",
		rep.Words, rep.FirstPerson, d.WPM, d.SpeakingS, shown.DurationS, len(d.Pauses), d.LongestPauseS, len(d.Sections))
	lines := strings.Count(strings.TrimSpace(string(text)), "\n") + 1
	// flite speaks at about 170 words a minute; the gaps after lines
	// are the long pauses (the last is trailing silence, not a pause).
	if d.WPM < 120 || d.WPM > 240 || d.SpeakingS <= 0 || d.SpeakingS >= shown.DurationS {
		t.Errorf("pace %.0f wpm over %.1f s of %.1f s", d.WPM, d.SpeakingS, shown.DurationS)
	}
	if len(d.Pauses) < lines/2 || d.LongestPauseS < gap-0.3 || d.LongestPauseS > gap+1 {
		t.Errorf("%d pauses (longest %.1f s) for %d gaps of %.1f s", len(d.Pauses), d.LongestPauseS, lines-1, gap)
	}
	for _, p := range d.Pauses {
		if p.Start < 0 || p.End <= p.Start || p.End > shown.DurationS {
			t.Errorf("pause %+v outside the %.1f s recording", p, shown.DurationS)
		}
	}
	if len(d.Sections) < 3 {
		t.Errorf("pace for %d sections, want most of the five", len(d.Sections))
	}
}
