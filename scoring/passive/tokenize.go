package passive

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of the text, with contractions split off ("wasn't"
// becomes "was" and "n't", "it's" becomes "it" and "'s") so the rules see
// the auxiliary on its own.
type token struct {
	start, end int    // byte span in the original text
	norm       string // lower case, curly apostrophes made straight
	hard       bool   // a sentence break (. ! ? ; :) comes just before it
}

// clitics are the contracted endings split off a word at its apostrophe.
var clitics = set{"s": {}, "re": {}, "m": {}, "ve": {}, "d": {}, "ll": {}}

// negStems restores the full auxiliary for "can't", "won't", "shan't" and
// "ain't", whose stems are not words.
var negStems = map[string]string{"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}

// bare is a contraction typed or transcribed without its apostrophe.
type bare struct {
	at         int // byte where the clitic starts
	stem, tail string
}

// bareContractions maps apostrophe-less spellings, common in typed and
// transcribed speech, to their parts. Only unambiguous spellings are
// listed: "its", "were" and "id" are words in their own right.
var bareContractions = map[string]bare{}

func init() {
	for _, w := range []string{"wasnt", "werent", "isnt", "arent", "hasnt", "havent", "hadnt",
		"wouldnt", "shouldnt", "couldnt", "didnt", "doesnt", "dont", "mustnt", "aint", "cant", "wont"} {
		stem := w[:len(w)-2]
		if full, ok := negStems[stem]; ok {
			stem = full
		}
		bareContractions[w] = bare{len(w) - 2, stem, "n't"}
	}
	for w, b := range map[string]bare{
		"im": {1, "i", "'m"}, "ive": {1, "i", "'ve"}, "youre": {3, "you", "'re"},
		"theyre": {4, "they", "'re"}, "weve": {2, "we", "'ve"}, "youve": {3, "you", "'ve"},
		"theyve": {4, "they", "'ve"}, "shouldve": {6, "should", "'ve"}, "couldve": {5, "could", "'ve"},
		"wouldve": {5, "would", "'ve"}, "mustve": {4, "must", "'ve"}, "mightve": {5, "might", "'ve"},
		"thats": {4, "that", "'s"}, "whats": {4, "what", "'s"}, "theres": {5, "there", "'s"},
		"heres": {4, "here", "'s"}, "shes": {3, "she", "'s"}, "whos": {3, "who", "'s"},
	} {
		bareContractions[w] = b
	}
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02bc'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isBreak(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == ';' || r == ':' || r == '\u2026'
}

// tokenizer splits text into words in one left-to-right pass, a batch
// at a time, so a long transcript never needs all its tokens in memory.
// ASCII, the common case, is read a byte at a time without decoding runes.
type tokenizer struct {
	text string
	pos  int  // next byte to read
	hard bool // a sentence break was seen since the last word
}

// done reports whether the whole text has been read.
func (z *tokenizer) done() bool { return z.pos >= len(z.text) }

// fill appends tokens to toks until it holds at least n or the text ends.
func (z *tokenizer) fill(toks []token, n int) []token {
	text, i := z.text, z.pos
	for i < len(text) && len(toks) < n {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case asciiWord(c) || (c == '\'' && nextIsWord(text, i+1)):
				end, apos, plain := scanWord(text, i+1)
				plain = plain && !(c >= 'A' && c <= 'Z')
				toks = appendWord(toks, text, i, end, z.hard, apos || c == '\'', plain)
				z.hard = false
				i = end
			case c == '.' || c == '!' || c == '?' || c == ';' || c == ':':
				z.hard = true
				i++
			default:
				i++
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r) || (isApostrophe(r) && nextIsWord(text, i+size)):
			end, apos, _ := scanWord(text, i+size)
			toks = appendWord(toks, text, i, end, z.hard, apos || isApostrophe(r), false)
			z.hard = false
			i = end
		case isBreak(r):
			z.hard = true
			i += size
		default:
			i += size
		}
	}
	z.pos = i
	return toks
}

// tokenize returns all the tokens of text at once, appended to toks.
func tokenize(text string, toks []token) []token {
	z := tokenizer{text: text}
	return z.fill(toks, math.MaxInt)
}

func asciiWord(c byte) bool {
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// nextIsWord reports whether a word rune starts at byte i.
func nextIsWord(text string, i int) bool {
	if i >= len(text) {
		return false
	}
	if c := text[i]; c < utf8.RuneSelf {
		return asciiWord(c)
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r)
}

// scanWord returns the end of the word that continues at byte i, whether
// it holds an apostrophe, and whether it is plain lower-case ASCII (so it
// needs no normalizing). An apostrophe or hyphen belongs to the
// word only with a word rune after it, so quotes and dashes around words
// stay outside.
func scanWord(text string, i int) (end int, apos, plain bool) {
	plain = true
	for i < len(text) {
		if c := text[i]; c < utf8.RuneSelf {
			switch {
			case asciiWord(c):
				plain = plain && !(c >= 'A' && c <= 'Z')
				i++
				continue
			case (c == '\'' || c == '-') && nextIsWord(text, i+1):
				apos = apos || c == '\''
				i++
				continue
			}
			break
		}
		plain = false
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			i += size
			continue
		}
		if isApostrophe(r) && nextIsWord(text, i+size) {
			apos = true
			i += size
			continue
		}
		break
	}
	return i, apos, plain
}

// appendWord adds the word text[s:e], split at a contraction if it has one.
func appendWord(toks []token, text string, s, e int, hard, apos, plain bool) []token {
	norm := text[s:e]
	if !plain {
		norm = normalize(norm)
	}
	if !apos {
		if bareCandidate(norm) {
			if b, ok := bareContractions[norm]; ok && e-s == len(norm) {
				return append(toks, token{s, s + b.at, b.stem, hard}, token{s + b.at, e, b.tail, false})
			}
		}
		return append(toks, token{s, e, norm, hard})
	}
	if isApostrophe(firstRune(text[s:e])) {
		// A leading apostrophe is a clitic on its own ("'s been") or an
		// opening quote, which is not part of the word.
		if clitics.has(norm[1:]) {
			return append(toks, token{s, e, norm, hard})
		}
		_, size := utf8.DecodeRuneInString(text[s:])
		s += size
		norm = norm[1:]
	}
	if at, size, ok := lastApostrophe(text, s, e); ok && norm != "let's" {
		tail := norm[strings.LastIndexByte(norm, '\'')+1:]
		stem := norm[:strings.LastIndexByte(norm, '\'')]
		switch {
		case tail == "t" && strings.HasSuffix(stem, "n") && at-1 > s && (text[at-1] == 'n' || text[at-1] == 'N'):
			stem = stem[:len(stem)-1]
			if full, ok := negStems[stem]; ok {
				stem = full
			}
			return append(toks, token{s, at - 1, stem, hard}, token{at - 1, e, "n't", false})
		case clitics.has(tail) && at+size < e && at > s:
			return append(toks, token{s, at, stem, hard}, token{at, e, "'" + tail, false})
		}
	}
	return append(toks, token{s, e, norm, hard})
}

// bareCandidate is a cheap filter before the bareContractions lookup:
// every entry is 2 to 8 bytes and ends in "nt" ("wasnt"), "ve" ("ive"),
// "re" ("theyre"), "ts" ("thats"), "es" ("theres"), "os" ("whos") or is
// "im".
func bareCandidate(w string) bool {
	n := len(w)
	if n < 2 || n > 8 {
		return false
	}
	switch w[n-2:] {
	case "nt", "ve", "re", "im", "ts", "es", "os":
		return true
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// lastApostrophe finds the last apostrophe inside text[s:e] and its width.
func lastApostrophe(text string, s, e int) (at, size int, ok bool) {
	for i := e; i > s; {
		r, n := utf8.DecodeLastRuneInString(text[s:i])
		i -= n
		if isApostrophe(r) {
			return i, n, true
		}
	}
	return 0, 0, false
}

// normalize lower-cases a word and straightens its apostrophes. Words that
// are already plain lower-case ASCII are returned as they are, so the
// common case does not allocate.
func normalize(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	if len(w) <= 12 {
		// Capitalized function words ("The", "I", "So") are common; look
		// them up lower-cased in a stack buffer instead of allocating.
		var buf [12]byte
		ascii := true
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= 0x80 {
				ascii = false
				break
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		if ascii {
			if s, ok := interned[string(buf[:len(w)])]; ok {
				return s
			}
		}
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		if isApostrophe(r) {
			b.WriteByte('\'')
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// interned holds the lower-case forms of the words that most often start
// a sentence or are written in capitals, so normalizing them does not
// allocate.
var interned = func() map[string]string {
	m := map[string]string{}
	for _, s := range []set{beForms, getForms, haveForms, modals, personal, sHosts, objects, notSubject, prepositions, questionSubjects} {
		for w := range s {
			m[w] = w
		}
	}
	for _, w := range strings.Fields("i so and but then we it the um uh yeah okay well one last our my in at when after before what that this there") {
		m[w] = w
	}
	return m
}()
