package speech

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SentenceGap is the pause, in seconds, after which an engine that writes
// no punctuation is taken to have started a new sentence.
const SentenceGap = 0.6

// Text is the transcript as a person reads it. Words from an engine that
// punctuates are joined as they are; otherwise a pause of SentenceGap or
// more ends a sentence, sentences start with a capital and end with a
// full stop, and "i" is written "I".
func (r Result) Text() string { return strings.Join(r.display(), " ") }

// display is each word as Text writes it.
func (r Result) display() []string {
	out := make([]string, len(r.Words))
	for i, w := range r.Words {
		if r.Punctuated {
			out[i] = w.Text
			continue
		}
		t := casePronoun(w.Text)
		if i == 0 || r.sentenceBreak(i) {
			t = capitalize(t)
		}
		if i == len(r.Words)-1 || r.sentenceBreak(i+1) {
			t += "."
		}
		out[i] = t
	}
	return out
}

// sentenceBreak reports whether a sentence starts at word i (i > 0).
func (r Result) sentenceBreak(i int) bool {
	return r.Timed && r.Words[i].Start-r.Words[i-1].End >= SentenceGap
}

// casePronoun writes the pronoun I and its contractions with a capital.
func casePronoun(w string) string {
	if w == "i" || strings.HasPrefix(w, "i'") {
		return "I" + w[1:]
	}
	return w
}

func capitalize(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}

// Cue limits for WriteVTT: a cue ends at a sentence gap, or when it has
// this many words or lasts this long.
const (
	cueWords   = 12
	cueSeconds = 6.0
)

// WriteVTT writes the result as WebVTT, one cue per phrase. Words
// without times come out as a single cue at 00:00.000 with a note saying
// so.
func (r Result) WriteVTT(w io.Writer) error {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	fmt.Fprintf(&b, "NOTE engine %s", r.Engine)
	if r.Model != "" {
		fmt.Fprintf(&b, " (%s)", r.Model)
	}
	if !r.Timed {
		b.WriteString("; the engine gave no times")
	}
	b.WriteString("\n\n")
	if !r.Timed {
		if len(r.Words) > 0 {
			fmt.Fprintf(&b, "%s --> %s\n%s\n\n", vttTime(0), vttTime(0), r.Text())
		}
		_, err := io.WriteString(w, b.String())
		return err
	}
	words := r.display()
	for i := 0; i < len(r.Words); {
		k := i + 1
		for k < len(r.Words) && k-i < cueWords &&
			r.Words[k].Start-r.Words[k-1].End < SentenceGap &&
			r.Words[k].End-r.Words[i].Start <= cueSeconds {
			k++
		}
		fmt.Fprintf(&b, "%s --> %s\n%s\n\n", vttTime(r.Words[i].Start), vttTime(r.Words[k-1].End), strings.Join(words[i:k], " "))
		i = k
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// vttTime formats seconds as HH:MM:SS.mmm.
func vttTime(s float64) string {
	ms := int64(s*1000 + 0.5)
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}
