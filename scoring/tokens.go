package scoring

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of the transcript: its byte span and a normalized
// lower-case form (curly apostrophes straightened, "didnt" restored to
// "didn't", "did not" merged into one token).
type token struct {
	start, end int
	norm       string
	// brk is true when a sentence boundary (. ! ? or a blank line)
	// follows this token.
	brk bool
	// comma is true when a comma, semicolon, colon or dash follows.
	comma bool
	// filler marks "um", "uh" and kin: skipped by phrase matching.
	filler bool
	num    bool
	// id is the word's id in the word lists' vocabulary (0 if no list
	// mentions it); soft marks adverbs phrases may skip over.
	id   int32
	soft bool
	// person is 1 for "I", "me", "my"..., 2 for "we" as a subject
	// ("we", "we'd"...), 3 for "us", "our"...
	person int8
}

// tokenize splits text into words. A word is a run of letters, digits
// and inner apostrophes, hyphens, periods or commas between digits, with
// a leading $ or a trailing % kept for amounts.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/5+1)
	i := 0
	for i < len(text) {
		var r rune
		size := 1
		if c := text[i]; c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordStart(r) {
			if len(toks) > 0 {
				markBreak(&toks[len(toks)-1], text, i, r)
			}
			i += size
			continue
		}
		start := i
		i += size
		for i < len(text) {
			if c := text[i]; c < utf8.RuneSelf && asciiWord[c] {
				i++
				continue
			}
			r, size = utf8.DecodeRuneInString(text[i:])
			if r >= utf8.RuneSelf && isWordRune(r) {
				i += size
				continue
			}
			if isJoiner(r) && i+size < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				prev, _ := utf8.DecodeLastRuneInString(text[start:i])
				if joins(r, prev, next) {
					i += size
					continue
				}
			}
			if r == '%' {
				i += size
			}
			break
		}
		toks = append(toks, token{start: start, end: i, norm: normWord(text[start:i])})
	}
	toks = mergeNegations(toks)
	for k := range toks {
		w := toks[k].norm
		toks[k].filler = len(w) <= 4 && pureFillers[w]
		toks[k].num = isNumberWord(w)
		toks[k].person = personOf(w)
	}
	return toks
}

// asciiWord marks the ASCII letters and digits, which continue a word.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordStart(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '$' || r == '\u00a3' || r == '\u20ac'
}
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}
func isJoiner(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '-' || r == '.' || r == ',' || r == '&'
}

// joins says whether a joiner stays inside a word: apostrophes and
// hyphens between letters, periods and commas between digits.
func joins(j, prev, next rune) bool {
	switch j {
	case '\'', '\u2019', '-', '&':
		return isWordRune(prev) && isWordRune(next)
	default:
		return unicode.IsDigit(prev) && unicode.IsDigit(next)
	}
}

// markBreak records punctuation that follows a token.
func markBreak(t *token, text string, i int, r rune) {
	switch r {
	case '.', '!', '?', '\u2026':
		t.brk = true
	case ',', ';', ':', '\u2014', '\u2013', '(', ')':
		t.comma = true
	case '-':
		t.comma = true
	case '\n':
		// A blank line ends a sentence even without punctuation.
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			t.brk = true
		}
	}
}

// apostropheless maps contractions that speech recognizers and hurried
// typists write without the apostrophe back to their usual form. Only
// forms that are not ordinary words are listed ("its", "ill", "id",
// "were", "well", "wed" are left alone).
var apostropheless = map[string]string{
	"didnt": "didn't", "dont": "don't", "doesnt": "doesn't", "wasnt": "wasn't",
	"werent": "weren't", "isnt": "isn't", "arent": "aren't", "hadnt": "hadn't",
	"havent": "haven't", "hasnt": "hasn't", "couldnt": "couldn't", "shouldnt": "shouldn't",
	"wouldnt": "wouldn't", "cant": "can't", "wont": "won't", "im": "i'm", "ive": "i've",
	"youre": "you're", "theyre": "they're", "thats": "that's", "theres": "there's",
	"whats": "what's", "weve": "we've", "theyve": "they've", "youve": "you've",
	"cannot": "can't", "mustnt": "mustn't", "neednt": "needn't",
}

func normWord(w string) string {
	w = strings.ToLower(w)
	if strings.ContainsRune(w, '\u2019') {
		w = strings.ReplaceAll(w, "\u2019", "'")
	}
	if len(w) >= 2 && len(w) <= 8 {
		if r, ok := apostropheless[w]; ok {
			return r
		}
	}
	return w
}

// negatable lists the words that "not" contracts with, so "did not"
// and "didn't" read the same to every rule.
var negatable = map[string]string{
	"did": "didn't", "do": "don't", "does": "doesn't", "was": "wasn't", "were": "weren't",
	"is": "isn't", "are": "aren't", "had": "hadn't", "have": "haven't", "has": "hasn't",
	"could": "couldn't", "should": "shouldn't", "would": "wouldn't", "can": "can't",
	"will": "won't", "must": "mustn't",
}

// mergeNegations folds "did not" into one token "didn't" spanning both
// words, and "i am" into "i'm".
func mergeNegations(toks []token) []token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && !t.brk && !t.comma {
			next := toks[i+1]
			if next.norm == "not" {
				if c, ok := negatable[t.norm]; ok {
					t.norm, t.end, t.brk, t.comma = c, next.end, next.brk, next.comma
					i++
				}
			} else if t.norm == "i" && next.norm == "am" {
				t.norm, t.end, t.brk, t.comma = "i'm", next.end, next.brk, next.comma
				i++
			}
		}
		out = append(out, t)
	}
	return out
}

// pureFillers are sounds that carry no meaning; phrase matching looks
// through them so "i um didn't check" reads as "i didn't check".
var pureFillers = map[string]bool{
	"um": true, "uh": true, "umm": true, "uhh": true, "uhm": true, "er": true, "erm": true,
	"ah": true, "hmm": true, "mm": true, "mmm": true, "eh": true,
}

var numberWords = map[string]bool{
	"one": true, "two": true, "three": true, "four": true, "five": true, "six": true,
	"seven": true, "eight": true, "nine": true, "ten": true, "eleven": true, "twelve": true,
	"thirteen": true, "fourteen": true, "fifteen": true, "sixteen": true, "seventeen": true,
	"eighteen": true, "nineteen": true, "twenty": true, "thirty": true, "forty": true,
	"fifty": true, "sixty": true, "seventy": true, "eighty": true, "ninety": true,
	"hundred": true, "hundreds": true, "thousand": true, "thousands": true, "million": true,
	"millions": true, "billion": true, "dozen": true, "dozens": true, "half": true,
	"couple": true, "several": true, "k": true,
}

// personOf tells first-person singular words (1) from plural subjects
// (2) and other plural forms (3).
func personOf(w string) int8 {
	switch w {
	case "i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine":
		return 1
	case "we", "we're", "we've", "we'd", "we'll":
		return 2
	case "us", "our", "ours", "ourselves":
		return 3
	}
	return 0
}

func isNumberWord(w string) bool {
	if c := w[0]; c < utf8.RuneSelf && !('a' <= c && c <= 'z') {
		return '0' <= c && c <= '9' || c == '$' || strings.ContainsAny(w, "0123456789")
	}
	if numberWords[w] {
		return true
	}
	if strings.Contains(w, "-") {
		// "sixty-two", "forty-five"
		for _, p := range strings.Split(w, "-") {
			if !numberWords[p] {
				return false
			}
		}
		return true
	}
	for _, r := range w {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
