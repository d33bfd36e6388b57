package text

import (
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Doc is a tokenized text.
type Doc struct {
	// Text is the text the spans point into.
	Text string
	// Toks are its tokens in order.
	Toks []Token
	// Vocab holds the normalized forms of the tokens.
	Vocab *Vocab
}

// Norm returns the normalized form of token i.
func (d *Doc) Norm(i int) string { return d.Vocab.Word(d.Toks[i].Word) }

// NormAt is Norm, or "" when i is outside the text.
func (d *Doc) NormAt(i int) string {
	if i < 0 || i >= len(d.Toks) {
		return ""
	}
	return d.Vocab.Word(d.Toks[i].Word)
}

// HardBefore reports whether a clause or sentence break stands just
// before token i: verb chains and phrases do not run across it.
func (d *Doc) HardBefore(i int) bool { return i > 0 && d.Toks[i-1].After >= Clause }

// Span returns the bytes of tokens [lo, hi).
func (d *Doc) Span(lo, hi int) (int, int) { return int(d.Toks[lo].Start), int(d.Toks[hi-1].End) }

var (
	baseOnce  sync.Once
	baseVocab *Vocab
)

// BaseVocab returns a shared vocabulary of the grammar's words. Callers
// that know more words (a lexicon's) build their own with NewVocab and
// pass it to Tokenize.
func BaseVocab() *Vocab {
	baseOnce.Do(func() {
		var words []string
		for _, n := range Grammar().Names() {
			for w := range Grammar().Class(n) {
				words = append(words, w)
			}
		}
		sort.Strings(words)
		baseVocab = NewVocab(words...)
	})
	return baseVocab
}

// Tokenize splits text into tokens, adding new words to a child of base
// (BaseVocab when nil). It reads the text once, left to right; plain
// lower-case ASCII words, the common case, are looked up without
// allocating.
func Tokenize(text string, base *Vocab) *Doc {
	if base == nil {
		base = BaseVocab()
	}
	if len(text) >= parallelFrom && len(text) < parallelUpTo && runtime.GOMAXPROCS(0) > 1 {
		if cut := wordStartNear(text, len(text)/2); cut > 0 {
			return tokenizeHalves(text, base, cut)
		}
	}
	z := newTokenizer(text, base, tokenRoom(text))
	z.run(0)
	return &Doc{Text: text, Toks: z.toks, Vocab: z.v}
}

// newTokenizer reads text with new words going to a child of base,
// with room for that many tokens.
func newTokenizer(text string, base *Vocab, room int) *tokenizer {
	// A text of n tokens has some n/4 different words or fewer.
	z := &tokenizer{text: text, v: base.Child(), tab: table(), seen: make(map[string]seenWord, min(room/4, 4096))}
	z.toks = make([]Token, 0, room)
	return z
}

// tokenRoom estimates how many tokens text holds, a little over: one
// per space, line break, hyphen, slash or apostrophe (a contraction is
// two tokens), and a few percent more. A long transcript's tokens are
// its largest part, so a close guess is memory saved; a short one only
// means the slice grows once, by a quarter.
func tokenRoom(text string) int {
	if len(text) < 4096 {
		return len(text)/4 + 16
	}
	n := 0
	for _, sep := range []string{" ", "\n", "\t", "-", "/", "'", "\u2019"} {
		n += strings.Count(text, sep)
	}
	return min(n+n/32+16, len(text)/2+16)
}

// parallelFrom is the text length from which Tokenize reads the two
// halves of a text on two cores; below it a goroutine costs more than
// it saves. Tests lower it.
var parallelFrom = 256 << 10

// parallelUpTo is the text length from which Tokenize reads in one pass
// again: the second half's tokens are a copy until they join the first,
// and on a text of many megabytes memory matters more than the time.
const parallelUpTo = 4 << 20

// tokenizeHalves tokenizes text[:cut] and text[cut:] side by side and
// joins them: the second half's new words are added to the first half's
// vocabulary and its tokens renumbered, so the result is Tokenize's
// (the same tokens, words and spans) with new words numbered in another
// order. cut is a word start that nothing before it can change.
func tokenizeHalves(text string, base *Vocab, cut int) *Doc {
	// Room is counted in each half; the first half makes room for both.
	room1, room2 := tokenRoom(text[:cut]), tokenRoom(text[cut:])
	second := newTokenizer(text, base, room2)
	done := make(chan struct{})
	go func() {
		second.run(cut)
		close(done)
	}()
	// The first half has room for every token, so the second half's are
	// appended without growing.
	first := newTokenizer(text[:cut], base, room1+room2)
	first.run(0)
	<-done
	v2 := second.v
	remap := make([]int32, len(v2.words))
	for k, w := range v2.words {
		remap[k] = first.v.Add(w)
	}
	for i := range second.toks {
		if t := &second.toks[i]; t.Word >= v2.first {
			t.Word = remap[t.Word-v2.first]
		}
	}
	return &Doc{Text: text, Toks: append(first.toks, second.toks...), Vocab: first.v}
}

// wordStartNear returns the first byte at or after k where an ASCII
// letter follows a space or a newline, or 0 when there is none: a word
// there reads the same whatever comes before it, and the punctuation
// before it belongs to the word before.
func wordStartNear(text string, k int) int {
	for i := max(k, 1); i < len(text); i++ {
		c := text[i]
		if p := text[i-1]; (p == ' ' || p == '\n') && ('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return i
		}
	}
	return 0
}

type tokenizer struct {
	text string
	v    *Vocab
	tab  *contractions
	toks []Token
	// seen remembers what each lower-case word read so far is, so a
	// word met again costs one lookup, not one in the contraction
	// table and one or two in the vocabularies.
	seen map[string]seenWord
}

// maxSeen bounds the words a tokenizer remembers: the frequent ones
// come early, and a text of a million different words (a binary file
// read as text) must not hold a second map of them beside the
// vocabulary.
const maxSeen = 1 << 15

// seenWord is what a lower-case word is: its vocabulary id, or (when
// isBare) the two parts of an apostrophe-less contraction ("didnt").
type seenWord struct {
	id     int32
	isBare bool
	bare   bareForm
}

// run reads the text from byte i to its end.
func (z *tokenizer) run(i int) {
	text := z.text
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] || c == '$' || (c == '\'' && z.wordAt(i+1)) {
				i = z.word(i, 1)
				continue
			}
			z.punct(i, rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) || r == '\u00a3' || r == '\u20ac' || (isApostrophe(r) && z.wordAt(i+size)) {
			i = z.word(i, size)
			continue
		}
		z.punct(i, r)
		i += size
	}
}

// punct records the punctuation r at byte i against the last token.
func (z *tokenizer) punct(i int, r rune) {
	if len(z.toks) == 0 {
		return
	}
	t := &z.toks[len(z.toks)-1]
	b := NoBreak
	switch r {
	case '.', '!', '?', '\u2026':
		b = Sentence
	case ';', ':', '\u2014', '\u2013':
		b = Clause
	case ',', '-', '(', ')':
		b = Comma
	case '\n':
		// A blank line ends a sentence even without punctuation.
		j := i + 1
		for j < len(z.text) && (z.text[j] == ' ' || z.text[j] == '\t' || z.text[j] == '\r') {
			j++
		}
		if j < len(z.text) && z.text[j] == '\n' {
			b = Paragraph
		}
	}
	if b > t.After {
		t.After = b
	}
}

// wordAt reports whether a word rune starts at byte i.
func (z *tokenizer) wordAt(i int) bool {
	if i >= len(z.text) {
		return false
	}
	if c := z.text[i]; c < utf8.RuneSelf {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeRuneInString(z.text[i:])
	return isWordRune(r)
}

// word reads the word starting at byte s, whose first rune is size
// bytes, and returns the byte after it.
func (z *tokenizer) word(s, size int) int {
	text := z.text
	i := s + size
	plain := text[s] >= 'a' && text[s] <= 'z' || text[s] >= '0' && text[s] <= '9'
	apos := text[s] == '\'' || size > 1 && isApostrophe(firstRune(text[s:]))
	digits := text[s] >= '0' && text[s] <= '9'
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z':
				i++
				continue
			case c >= '0' && c <= '9':
				digits = true
				i++
				continue
			case c >= 'A' && c <= 'Z':
				plain = false
				i++
				continue
			case (c == '\'' || c == '-' || c == '&') && z.wordAt(i+1):
				apos = apos || c == '\''
				i++
				continue
			case (c == '.' || c == ',') && digits && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' && text[i-1] >= '0' && text[i-1] <= '9':
				// "1,200", "3.5": the separator is inside the number.
				i++
				continue
			case c == '%':
				i++
			}
			break
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			plain = false
			i += n
			continue
		}
		if isApostrophe(r) && z.wordAt(i+n) {
			plain, apos = false, true
			i += n
			continue
		}
		break
	}
	z.emit(s, i, plain, apos)
	return i
}

// emit adds the word text[s:e] as one token, or two when it is a
// contraction ("wasn't" is "was" + "not").
func (z *tokenizer) emit(s, e int, plain, apos bool) {
	raw := z.text[s:e]
	norm := raw
	if !plain {
		if id, ok := z.lowerASCII(raw); ok && !apos {
			// "The", "I", "So": capitalized words already in the
			// vocabulary, looked up without allocating. "$3" takes this
			// way too, and is not capitalized.
			z.addID(s, e, id, raw[0] >= 'A' && raw[0] <= 'Z', false)
			return
		}
		norm = normalize(raw)
	}
	capital := s < len(z.text) && z.text[s] >= 'A' && z.text[s] <= 'Z'
	if plain && !apos {
		z.lowerWord(s, e, norm)
		return
	}
	if !apos {
		if len(norm) >= 2 && len(norm) <= 8 && len(norm) == e-s {
			if f, ok := z.tab.bare[norm]; ok {
				z.add(s, s+f.at, z.stemWord(f.stem), capital, false)
				z.add(s+f.at, e, z.cliticWord(f.tail), false, true)
				return
			}
		}
		z.add(s, e, norm, capital, false)
		return
	}
	if isApostrophe(firstRune(raw)) {
		// A leading apostrophe is a clitic on its own ("'s been") or an
		// opening quote, which is not part of the word.
		_, n := utf8.DecodeRuneInString(raw)
		if w, ok := z.tab.clitic["'"+norm[1:]]; ok && norm != "'t" {
			z.add(s, e, w, false, true)
			return
		}
		s += n
		raw, norm = raw[n:], norm[1:]
		if s >= e {
			return
		}
	}
	k := strings.LastIndexByte(norm, '\'')
	if k <= 0 || norm == "let's" {
		z.add(s, e, norm, capital, false)
		return
	}
	stem, tail := norm[:k], norm[k+1:]
	at := lastApostrophe(raw) + s // byte of the apostrophe in the text
	switch {
	case tail == "t" && strings.HasSuffix(stem, "n") && len(stem) > 1:
		z.add(s, at-1, z.stemWord(stem[:len(stem)-1]), capital, false)
		z.add(at-1, e, z.cliticWord("n't"), false, true)
	default:
		if w, ok := z.tab.clitic["'"+tail]; ok {
			z.add(s, at, stem, capital, false)
			z.add(at, e, w, false, true)
			return
		}
		z.add(s, e, norm, capital, false)
	}
}

// stemWord spells out the stems of "can't" and kin ("ca" is "can").
func (z *tokenizer) stemWord(stem string) string {
	if w, ok := z.tab.stem[stem]; ok {
		return w
	}
	return stem
}

// cliticWord is the word a contracted ending stands for.
func (z *tokenizer) cliticWord(tail string) string {
	if w, ok := z.tab.clitic[tail]; ok {
		return w
	}
	return tail
}

// lowerASCII looks up a short ASCII word lower-cased in a stack buffer.
func (z *tokenizer) lowerASCII(w string) (int32, bool) {
	if len(w) > 24 {
		return 0, false
	}
	var buf [24]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return 0, false
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if sw, ok := z.seen[string(buf[:len(w)])]; ok {
		return sw.id, !sw.isBare
	}
	if _, bare := z.tab.bare[string(buf[:len(w)])]; bare {
		return 0, false
	}
	id := z.v.idBytes(buf[:len(w)])
	return id, id != 0
}

// lowerWord adds the lower-case word text[s:e] (norm), the way emit
// does for any word: split when it is an apostrophe-less contraction,
// else one token. What it is is looked up once per word.
func (z *tokenizer) lowerWord(s, e int, norm string) {
	sw, ok := z.seen[norm]
	if !ok {
		if len(norm) >= 2 && len(norm) <= 8 {
			sw.bare, sw.isBare = z.tab.bare[norm]
		}
		if !sw.isBare {
			sw.id = z.v.Add(norm)
		}
		if len(z.seen) < maxSeen {
			z.seen[norm] = sw
		}
	}
	if sw.isBare {
		f := sw.bare
		z.add(s, s+f.at, z.stemWord(f.stem), false, false)
		z.add(s+f.at, e, z.cliticWord(f.tail), false, true)
		return
	}
	z.addID(s, e, sw.id, false, false)
}

func (z *tokenizer) add(s, e int, norm string, capital, clitic bool) {
	z.addID(s, e, z.v.Add(norm), capital, clitic)
}

func (z *tokenizer) addID(s, e int, id int32, capital, clitic bool) {
	a := z.v.attr(id)
	t := Token{Start: int32(s), End: int32(e), Word: id, Flags: a.flags, Person: a.person}
	if capital {
		t.Flags |= Capital
	}
	if clitic {
		t.Flags |= Clitic
	}
	z.toks = append(z.toks, t)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u2018' || r == '\u02bc'
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// lastApostrophe is the byte offset of the last apostrophe in s.
func lastApostrophe(s string) int {
	for i := len(s); i > 0; {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		i -= n
		if isApostrophe(r) {
			return i
		}
	}
	return -1
}

// normalize lower-cases a word and straightens its apostrophes.
func normalize(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
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
