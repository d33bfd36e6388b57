package words

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word is one recognized word with its place in the audio.
type Word struct {
	// Text is the word as the engine wrote it, without the engine's
	// markup (PocketSphinx's "(2)" pronunciation tags are dropped;
	// whisper's punctuation is kept).
	Text string `json:"text"`
	// Start and End are seconds from the start of the audio.
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	// Conf is the engine's confidence from 0 to 1, or NoConf when the
	// engine gives none (plain-text and subtitle output).
	Conf float64 `json:"conf"`
}

// NoConf marks a word whose engine reports no confidence.
const NoConf = -1

// token is one word of a text: its byte span and its comparable form.
type token struct {
	start, end int
	norm       string
}

// isWordRune reports whether r belongs inside a word. Apostrophes count
// only between letters ("don't"); tokenize handles that.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' }

// tokenize splits text into words: runs of letters and digits, joined by
// an apostrophe between two of them. Everything else separates words,
// hyphens included, so "double-charged" compares equal to an engine's
// "double charged".
func tokenize(text string) []token {
	var out []token
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, token{start: start, end: end, norm: fold(text[start:end])})
			start = -1
		}
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case isApostrophe(r) && start >= 0:
			next, _ := utf8.DecodeRuneInString(text[i+n:])
			if i+n >= len(text) || !isWordRune(next) {
				flush(i)
			}
		default:
			flush(i)
		}
		i += n
	}
	flush(len(text))
	return out
}

// fold is the comparable form of one word: lower case, with a straight
// apostrophe.
func fold(w string) string {
	return strings.ToLower(strings.ReplaceAll(w, "\u2019", "'"))
}

// Normalize returns the comparable form of a text's words: lower case,
// without punctuation, hyphenated words split.
func Normalize(text string) []string {
	toks := tokenize(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.norm
	}
	return out
}
