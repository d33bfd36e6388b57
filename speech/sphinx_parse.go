package speech

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// timeSlack is how far a word may start before the previous one and
// still count as in order: engines round times to 10 ms.
const timeSlack = 0.05

// parseSphinxClassic reads what pocketsphinx_continuous -time yes prints
// (Debian 12's 0.8+5prealpha): for each utterance, a line with the
// hypothesis, then one line per word, "word start end confidence", with
// times in seconds from the start of the stream. Silences, noises and
// sentence marks (<s>, </s>, <sil>, [NOISE]) are dropped and
// pronunciation variants ("to(2)") named by their word.
func parseSphinxClassic(data []byte) ([]Word, error) {
	words := []Word{}
	hypWords := 0
	prev := 0.0
	for n, line := range bytes.Split(data, []byte("\n")) {
		s, err := cleanLine(line)
		if err != nil {
			return nil, fmt.Errorf("%w: pocketsphinx line %d: %v", ErrBadOutput, n+1, err)
		}
		if s == "" {
			continue
		}
		f := strings.Fields(s)
		if len(f) != 4 || !looksNumeric(f[1]) {
			// The hypothesis line repeats the words without times.
			hypWords += len(f)
			continue
		}
		start, e1 := parseSeconds(f[1])
		end, e2 := parseSeconds(f[2])
		conf, e3 := strconv.ParseFloat(f[3], 64)
		switch {
		case e1 != nil || e2 != nil || e3 != nil || math.IsNaN(conf):
			return nil, fmt.Errorf("%w: pocketsphinx line %d: %q is not \"word start end confidence\"", ErrBadOutput, n+1, s)
		case end < start:
			return nil, fmt.Errorf("%w: pocketsphinx line %d: word ends at %.2f s before it starts at %.2f s", ErrBadOutput, n+1, end, start)
		case start < prev-timeSlack:
			return nil, fmt.Errorf("%w: pocketsphinx line %d: word at %.2f s comes after one at %.2f s", ErrBadOutput, n+1, start, prev)
		}
		prev = start
		if w, ok := sphinxWord(f[0]); ok {
			words = append(words, Word{Text: w, Start: start, End: end, Conf: clamp01(conf)})
		}
	}
	if len(words) == 0 && hypWords > 0 {
		return nil, fmt.Errorf("%w: pocketsphinx printed words without their times (was -time yes ignored?)", ErrBadOutput)
	}
	return words, nil
}

// sphinxJSONHyp is one line of the 5.x pocketsphinx command's output: an
// utterance with its start ("b"), duration ("d"), probability ("p"),
// text ("t") and words ("w") of the same shape.
type sphinxJSONHyp struct {
	B *float64        `json:"b"`
	D *float64        `json:"d"`
	P float64         `json:"p"`
	T *string         `json:"t"`
	W []sphinxJSONHyp `json:"w"`
}

// parseSphinxJSON reads the 5.x pocketsphinx command's output, one JSON
// object per utterance.
func parseSphinxJSON(data []byte) ([]Word, error) {
	words := []Word{}
	prev := 0.0
	for n, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var h sphinxJSONHyp
		if err := json.Unmarshal(line, &h); err != nil {
			return nil, fmt.Errorf("%w: pocketsphinx line %d is not its JSON: %v", ErrBadOutput, n+1, err)
		}
		if h.T == nil || h.B == nil {
			return nil, fmt.Errorf("%w: pocketsphinx line %d has no \"t\" or \"b\"", ErrBadOutput, n+1)
		}
		for _, w := range h.W {
			if w.T == nil || w.B == nil || w.D == nil {
				return nil, fmt.Errorf("%w: pocketsphinx line %d has a word without \"t\", \"b\" or \"d\"", ErrBadOutput, n+1)
			}
			start, dur := *w.B, *w.D
			switch {
			case !finite(start) || !finite(dur) || !finite(start+dur) || start < 0 || dur < 0 || !finite(w.P):
				return nil, fmt.Errorf("%w: pocketsphinx line %d: word %q has times %v+%v", ErrBadOutput, n+1, *w.T, start, dur)
			case start < prev-timeSlack:
				return nil, fmt.Errorf("%w: pocketsphinx line %d: word at %.2f s comes after one at %.2f s", ErrBadOutput, n+1, start, prev)
			}
			prev = start
			tok := strings.TrimSpace(*w.T)
			if strings.IndexFunc(tok, unicode.IsSpace) >= 0 {
				return nil, fmt.Errorf("%w: pocketsphinx line %d: word %q is more than one word", ErrBadOutput, n+1, tok)
			}
			if text, ok := sphinxWord(tok); ok {
				words = append(words, Word{Text: text, Start: start, End: start + dur, Conf: clamp01(w.P)})
			}
		}
	}
	return words, nil
}

// sphinxWord strips a pronunciation tag and reports whether the token
// is a spoken word rather than a silence, a noise or an utterance mark.
func sphinxWord(tok string) (string, bool) {
	if strings.HasPrefix(tok, "<") || strings.HasPrefix(tok, "[") || strings.HasPrefix(tok, "+") {
		return "", false
	}
	if i := strings.IndexByte(tok, '('); i > 0 && strings.HasSuffix(tok, ")") {
		tok = tok[:i]
	}
	return tok, tok != ""
}

// cleanLine returns a line of text output, refusing bytes no engine
// prints: invalid UTF-8 and control characters.
func cleanLine(b []byte) (string, error) {
	if !utf8.Valid(b) {
		return "", fmt.Errorf("bytes that are not text")
	}
	s := strings.TrimRight(string(b), "\r")
	for _, r := range s {
		if r != '\t' && unicode.IsControl(r) {
			return "", fmt.Errorf("control character %U", r)
		}
	}
	return strings.TrimSpace(s), nil
}

// looksNumeric tells a time field from a word: a word line's second field
// starts with a digit, and no dictionary word does after a space.
func looksNumeric(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '-' || s[0] == '.' || strings.EqualFold(s, "nan") || strings.EqualFold(s, "inf"))
}

// parseSeconds reads a non-negative, finite time in seconds.
func parseSeconds(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, err
	}
	if !finite(v) || v < 0 {
		return 0, fmt.Errorf("time %q out of range", s)
	}
	return v, nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func clamp01(v float64) float64 { return min(max(v, 0), 1) }
