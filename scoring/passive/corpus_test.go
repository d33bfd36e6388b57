package passive

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
)

// labeled is one line of testdata/sentences.tsv.
type labeled struct {
	line        int
	passive     bool
	text        string
	participles []string
}

// readCorpus loads the labeled sentence set. Its format is shared with the
// peer comparison under bench/passive-peers.
func readCorpus(t testing.TB) []labeled {
	t.Helper()
	f, err := os.Open("testdata/sentences.tsv")
	if err != nil {
		t.Fatalf("open corpus: %v", err)
	}
	defer f.Close()
	var out []labeled
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || (cols[0] != "0" && cols[0] != "1") {
			t.Fatalf("sentences.tsv:%d: want label<TAB>sentence[<TAB>participles], got %q", n, line)
		}
		l := labeled{line: n, passive: cols[0] == "1", text: cols[1]}
		if len(cols) > 2 && cols[2] != "" {
			l.participles = strings.Split(cols[2], ",")
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read corpus: %v", err)
	}
	return out
}

// TestPassiveCorpus measures sentence-level precision, recall and F1 on
// the labeled set and fails below F1 0.99. It also checks that the named
// participles of each positive sentence are the ones found.
func TestPassiveCorpus(t *testing.T) {
	corpus := readCorpus(t)
	var tp, fp, fn, tn, partWant, partFound int
	for _, l := range corpus {
		ms := Find(l.text)
		got := len(ms) > 0
		switch {
		case got && l.passive:
			tp++
		case got && !l.passive:
			fp++
			t.Logf("false positive (line %d): %q -> %s", l.line, l.text, describe(l.text, ms))
		case !got && l.passive:
			fn++
			t.Logf("missed (line %d): %q", l.line, l.text)
		default:
			tn++
		}
		for _, p := range l.participles {
			partWant++
			found := false
			for _, m := range ms {
				found = found || m.Participle == p
			}
			if found {
				partFound++
			} else if got {
				t.Logf("participle %q not found (line %d): %q -> %s", p, l.line, l.text, describe(l.text, ms))
			}
		}
	}
	precision := ratio(tp, tp+fp)
	recall := ratio(tp, tp+fn)
	f1 := ratio(2*tp, 2*tp+fp+fn)
	partRecall := ratio(partFound, partWant)
	t.Logf("passive corpus: %d sentences (%d passive), tp=%d fp=%d fn=%d tn=%d", len(corpus), tp+fn, tp, fp, fn, tn)
	t.Logf("passive corpus: precision=%.3f recall=%.3f F1=%.3f participle recall=%.3f", precision, recall, f1, partRecall)
	// One summary line on stdout for scripts that grep test output.
	fmt.Printf("passive-corpus sentences=%d precision=%.3f recall=%.3f f1=%.3f\n", len(corpus), precision, recall, f1)
	checkComposition(t, corpus)
	if f1 < 0.99 {
		t.Errorf("passive F1 %.3f is below 0.99", f1)
	}
	if partRecall < 0.95 {
		t.Errorf("participle recall %.3f is below 0.95", partRecall)
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func describe(text string, ms []Match) string {
	parts := make([]string, len(ms))
	for i, m := range ms {
		parts[i] = "[" + text[m.Start:m.End] + "]"
	}
	return strings.Join(parts, " ")
}

// checkComposition keeps the set as demanding as it was specified: enough
// sentences, a third of them negatives (the traps), and enough written
// the way a speech recognizer writes, lower case without end punctuation.
func checkComposition(t *testing.T, corpus []labeled) {
	t.Helper()
	var negatives, spoken int
	for _, l := range corpus {
		if !l.passive {
			negatives++
		}
		if l.text != strings.ToLower(l.text) {
			continue
		}
		if !strings.ContainsAny(l.text[len(l.text)-1:], ".?!") {
			spoken++
		}
	}
	if len(corpus) < 250 {
		t.Errorf("corpus has %d sentences, want at least 250", len(corpus))
	}
	if negatives*3 < len(corpus) {
		t.Errorf("corpus has %d negatives of %d, want at least a third", negatives, len(corpus))
	}
	if spoken < 60 {
		t.Errorf("corpus has %d speech-recognizer style lines, want at least 60", spoken)
	}
	t.Logf("passive corpus: %d negatives, %d speech-recognizer style lines", negatives, spoken)
}
