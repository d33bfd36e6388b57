package speech

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"retake/audio"
	"retake/speech/words"
)

// answer is one of the answers written for these tests, in
// testdata/answers: its text and the first-person statements the
// analyzer must be able to find in a transcript of it.
type answer struct {
	name       string
	text       string
	statements []string
}

func loadAnswers(t testing.TB, names ...string) []answer {
	t.Helper()
	var out []answer
	for _, n := range names {
		a := answer{name: n, text: string(readFixture(t, filepath.Join("answers", n+".txt")))}
		f, err := os.Open(filepath.Join("testdata", "answers", n+".statements"))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if s := strings.TrimSpace(sc.Text()); s != "" {
				a.statements = append(a.statements, s)
			}
		}
		f.Close()
		out = append(out, a)
	}
	return out
}

// sentences splits an answer into its lines, one sentence or two each.
func (a answer) sentences() []string {
	var out []string
	for _, l := range strings.Split(a.text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// speak has flite say the answer in voice, line by line with the given
// pauses between lines (repeated as needed; none means flite's own), and
// writes it at rate as 16-bit mono WAV. It returns the file and its
// length in seconds.
func speak(t testing.TB, a answer, voice string, rate int, pauses ...float64) (string, float64) {
	t.Helper()
	needTools(t, "flite", "sox")
	dir := t.TempDir()
	run := func(name string, args ...string) {
		t.Helper()
		if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	var parts []string
	for i, s := range a.sentences() {
		raw := filepath.Join(dir, fmt.Sprintf("line%02d.wav", i))
		run("flite", "-voice", voice, "-t", s, "-o", raw)
		if len(pauses) > 0 {
			padded := filepath.Join(dir, fmt.Sprintf("pad%02d.wav", i))
			run("sox", "-D", raw, padded, "pad", "0", fmt.Sprint(pauses[i%len(pauses)]))
			raw = padded
		}
		parts = append(parts, raw)
	}
	out := filepath.Join(dir, a.name+"-"+voice+".wav")
	run("sox", append(append([]string{"-D"}, parts...), "-r", fmt.Sprint(rate), "-c", "1", "-b", "16", out)...)
	info, err := audio.Probe(out)
	if err != nil {
		t.Fatal(err)
	}
	return out, info.Duration.Seconds()
}

// statementErrors is the fewest word errors with which a statement
// appears anywhere in a transcript (approximate substring matching).
func statementErrors(statement, transcript string) int {
	s, h := words.Normalize(statement), words.Normalize(transcript)
	prev := make([]int, len(h)+1) // a match may start anywhere: row 0 is free
	cur := make([]int, len(h)+1)
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		for j := 1; j <= len(h); j++ {
			sub := prev[j-1]
			if s[i-1] != h[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	best := len(s)
	for _, v := range prev {
		best = min(best, v)
	}
	return best
}
