package scoring

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// modelAnswer reads the source article's own model answer from
// shared/SOURCE-ARTICLE.txt beside the repository (it is never copied
// into the project): the quoted paragraphs after "What a Strong Answer
// Looks Like", up to "Notice what this does".
func modelAnswer(t *testing.T) string {
	t.Helper()
	var data []byte
	dir, _ := os.Getwd()
	for i := 0; i < 6 && data == nil; i++ {
		data, _ = os.ReadFile(filepath.Join(dir, "shared", "SOURCE-ARTICLE.txt"))
		dir = filepath.Dir(dir)
	}
	if data == nil {
		t.Fatal("shared/SOURCE-ARTICLE.txt not found beside the repository; the model answer test needs it")
	}
	s := string(data)
	head := strings.Index(s, "What a Strong Answer Looks Like")
	if head < 0 {
		t.Fatal("the article has no \"What a Strong Answer Looks Like\" section")
	}
	s = s[head:]
	open := strings.Index(s, "\n\"")
	end := strings.Index(s, "Notice what this does")
	if open < 0 || end < open {
		t.Fatal("the model answer is not where the article keeps it")
	}
	return strings.Trim(strings.TrimSpace(s[open:end]), "\"")
}

// TestModelAnswer: the article's model answer tells the immediate
// response before the root cause. It must score as the strong answer it
// is, raise no killer, find all five sections with the root cause after
// the response, each starting within six words of where it is told.
func TestModelAnswer(t *testing.T) {
	text := modelAnswer(t)
	rep := Analyze(Input{Text: text})
	t.Logf("score %d: %s", rep.Score, ScoreSum(rep))
	if rep.Score < 90 {
		t.Errorf("score %d, want at least 90", rep.Score)
	}
	for _, f := range rep.Flags {
		if MustRubric("mistake").Flags[f.ID].Killer {
			t.Errorf("killer flag %s on the model answer: %q", f.ID, joinQuoted(f.Spans, 3))
		}
	}
	words := wordStarts(text)
	sentence := func(para, n int) int { // byte offset of sentence n of paragraph para (from 0)
		paras := strings.Split(text, "\n")
		var ps []int
		off := 0
		for _, p := range paras {
			if strings.TrimSpace(p) != "" {
				ps = append(ps, off)
			}
			off += len(p) + 1
		}
		at := ps[para]
		for i := 0; i < n; i++ {
			next := strings.IndexAny(text[at:], ".?!")
			at += next + 1
			for at < len(text) && text[at] == ' ' {
				at++
			}
		}
		return at
	}
	// Where each part is told, by paragraph and sentence: the situation
	// opens the answer; the mistake is in the first paragraph's third or
	// fourth sentence; the response opens the third paragraph; the root
	// cause opens the fourth, and the change is its second sentence.
	want := map[string][]int{
		"situation":  {sentence(0, 0)},
		"mistake":    {sentence(0, 2), sentence(0, 3)},
		"response":   {sentence(2, 0)},
		"root-cause": {sentence(3, 0)},
		"change":     {sentence(3, 1)},
	}
	byID := map[string]SectionResult{}
	for _, s := range rep.Sections {
		byID[s.ID] = s
	}
	for id, starts := range want {
		s := byID[id]
		if s.Words == 0 {
			t.Errorf("section %s not found", id)
			continue
		}
		found := false
		for _, p := range s.Spans {
			for _, w := range starts {
				if abs(wordIndex(words, p.Start)-wordIndex(words, w)) <= startSlack {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("section %s: no piece starts within %d words of %q", id, startSlack, clip(text[starts[0]:], 40))
		}
	}
	resp, root := byID["response"], byID["root-cause"]
	after := false
	for _, p := range root.Spans {
		if len(resp.Spans) > 0 && p.Start > resp.Spans[0].Start {
			after = true
		}
	}
	if !after {
		t.Errorf("the root cause is not found after the response")
	}
	t.Logf("order %v", rep.Order)
}
