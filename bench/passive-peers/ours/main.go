// Command ours scores Retake's passive-voice detector on the labeled
// sentence set and times it, for the side-by-side comparison with the
// peer detectors in bench/passive-peers. It prints one JSON object.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"retake/scoring"
	"retake/scoring/passive"
)

// result is what the comparison table reads, the same shape the peer
// script prints for each peer.
type result struct {
	Name            string  `json:"name"`
	Sentences       int     `json:"sentences"`
	TP              int     `json:"tp"`
	FP              int     `json:"fp"`
	FN              int     `json:"fn"`
	TN              int     `json:"tn"`
	TotalMs         float64 `json:"total_ms"`
	PerSentenceUs   float64 `json:"per_sentence_us"`
	AnswerWords     int     `json:"answer_words"`
	AnswerCheckUs   float64 `json:"answer_check_us"`
	AnswerAnalyzeUs float64 `json:"answer_analyze_us"`
}

func main() {
	corpus := flag.String("corpus", "scoring/passive/testdata/sentences.tsv", "labeled sentences (label<TAB>sentence)")
	answer := flag.String("answer", "scoring/passive/testdata/answer350.txt", "a 350-word answer to time")
	rounds := flag.Int("rounds", 200, "passes over the sentence set for the timing")
	flag.Parse()
	if err := run(*corpus, *answer, *rounds); err != nil {
		fmt.Fprintln(os.Stderr, "ours:", err)
		os.Exit(1)
	}
}

func run(corpusPath, answerPath string, rounds int) error {
	labels, sentences, err := readCorpus(corpusPath)
	if err != nil {
		return err
	}
	text, err := os.ReadFile(answerPath)
	if err != nil {
		return fmt.Errorf("read answer %s: %w", answerPath, err)
	}
	r := result{Name: "retake (Go)", Sentences: len(sentences), AnswerWords: len(strings.Fields(string(text)))}
	for i, s := range sentences {
		got := len(passive.Find(s)) > 0
		switch {
		case got && labels[i]:
			r.TP++
		case got:
			r.FP++
		case labels[i]:
			r.FN++
		default:
			r.TN++
		}
	}
	rounds = max(rounds, 1)
	start := time.Now()
	for range rounds {
		for _, s := range sentences {
			passive.Find(s)
		}
	}
	elapsed := time.Since(start)
	r.TotalMs = float64(elapsed.Microseconds()) / 1000 / float64(rounds)
	r.PerSentenceUs = float64(elapsed.Nanoseconds()) / 1000 / float64(rounds*len(sentences))
	r.AnswerCheckUs = perCallUs(func() { passive.Find(string(text)) })
	in := scoring.Input{Text: string(text)}
	r.AnswerAnalyzeUs = perCallUs(func() { scoring.Analyze(in) })
	return json.NewEncoder(os.Stdout).Encode(r)
}

// perCallUs runs f for about half a second and returns microseconds per
// call, after one warm-up call.
func perCallUs(f func()) float64 {
	f()
	n := 0
	start := time.Now()
	for time.Since(start) < 500*time.Millisecond {
		f()
		n++
	}
	return float64(time.Since(start).Nanoseconds()) / 1000 / float64(n)
}

// readCorpus reads label<TAB>sentence[<TAB>participles] lines, skipping
// blank lines and # comments.
func readCorpus(path string) ([]bool, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("open corpus: %w", err)
	}
	defer f.Close()
	var labels []bool
	var sentences []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 || (cols[0] != "0" && cols[0] != "1") {
			return nil, nil, fmt.Errorf("corpus %s:%d: want label<TAB>sentence", path, n)
		}
		labels = append(labels, cols[0] == "1")
		sentences = append(sentences, cols[1])
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("read corpus %s: %w", path, err)
	}
	return labels, sentences, nil
}
