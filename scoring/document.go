package scoring

import (
	"sort"
	"sync"

	"retake/scoring/text"
)

// unit is a stretch of the answer that the section decoder assigns as a
// whole: a sentence, or a clause of a long unpunctuated run.
type unit struct {
	lo, hi     int // token indices [lo, hi)
	start, end int // byte span
}

// doc is the analyzer's one working view of a transcript: the shared
// tokens, the phrase-list matches, the units and the facts of each
// clause. Every stage reads it; nothing tokenizes the text again.
type doc struct {
	*text.Doc
	ls      *lexSet
	s       stream
	units   []unit
	tokUnit []int32 // unit index of each token
	words   int     // tokens that count as spoken words
	hits    [][]hit // by list index in ls
	facts   []facts // by unit
	fillers []int   // filler spans (pairs of token indices), found once
}

// newDoc tokenizes text with the lists' vocabulary, runs every list
// over it once and cuts it into units. alongside, when not nil, runs on
// the tokens at the same time (a long text's passive voice search).
func newDoc(src string, ls *lexSet, dec DecoderSpec, alongside func(*text.Doc)) *doc {
	d := &doc{Doc: text.Tokenize(src, ls.vocab), ls: ls}
	var side sync.WaitGroup
	defer side.Wait()
	if alongside != nil {
		side.Go(func() { alongside(d.Doc) })
	}
	if len(d.Toks) >= parallelFrom && !sequential {
		// The fillers read the tokens alone: on a long text they are
		// found while the lists match, in the time the two halves of
		// the matcher leave a core idle.
		side.Go(func() { d.fillerSpans() })
	}
	d.s = newStream(d.Doc, ls)
	for _, t := range d.Toks {
		if t.Counts() {
			d.words++
		}
	}
	d.hits = ls.findAll(d.s)
	d.splitUnits(dec)
	d.facts = d.clauseFacts()
	return d
}

// splitUnits cuts the tokens into sentences, then cuts long sentences at
// clause openers, so speech-recognizer text without punctuation still
// gives the decoder units of a sensible size.
func (d *doc) splitUnits(dec DecoderSpec) {
	d.tokUnit = make([]int32, len(d.Toks))
	minW, maxW := max(dec.MinUnitWords, 1), max(dec.MaxUnitWords, 2)
	// opens marks the tokens a clause opener starts at, by index: a
	// lookup for every token of a long text.
	opens := make([]bool, len(d.Toks))
	if li := d.ls.list(dec.ClauseStarts); li >= 0 {
		for _, h := range d.hits[li] {
			opens[h.lo] = true
		}
	}
	ends := 1
	for _, t := range d.Toks {
		if t.After >= text.Sentence {
			ends++
		}
	}
	d.units = make([]unit, 0, ends+ends/4)
	// In punctuated text a clause opener without a comma before it is
	// usually inside a clause ("the page I was watching"); only
	// unpunctuated speech is cut at bare openers.
	punctuated := float64(ends)*punctuatedEvery >= float64(d.words)
	lo, words := 0, 0
	flush := func(hi int) {
		if hi > lo {
			d.units = append(d.units, unit{lo: lo, hi: hi, start: int(d.Toks[lo].Start), end: int(d.Toks[hi-1].End)})
			for k := lo; k < hi; k++ {
				d.tokUnit[k] = int32(len(d.units) - 1)
			}
		}
		lo, words = hi, 0
	}
	for i, t := range d.Toks {
		comma := i > 0 && d.Toks[i-1].After >= text.Comma
		if i > lo && words >= minW && (opens[i] && (comma || !punctuated && words >= maxW/2) || words >= 3*maxW) {
			flush(i)
		}
		if t.Counts() {
			words++
		}
		if t.After >= text.Sentence {
			flush(i + 1)
		}
	}
	flush(len(d.Toks))
}

// punctuatedEvery is the most words per sentence end at which a text
// counts as punctuated.
const punctuatedEvery = 30

// norm is the normalized word of token i, or "" outside the text.
func (d *doc) norm(i int) string { return d.NormAt(i) }

// ends reports whether a sentence ends after token i.
func (d *doc) ends(i int) bool { return i >= 0 && i < len(d.Toks) && d.Toks[i].After >= text.Sentence }

// unitOf is the unit holding token i.
func (d *doc) unitOf(i int) int { return int(d.tokUnit[i]) }

// wordsIn counts the spoken words of tokens [lo, hi).
func (d *doc) wordsIn(lo, hi int) int {
	n := 0
	for k := lo; k < hi; k++ {
		if d.Toks[k].Counts() {
			n++
		}
	}
	return n
}

// hitsIn returns the hits of list li that start in tokens [lo, hi).
func (d *doc) hitsIn(li, lo, hi int) []hit {
	if li < 0 {
		return nil
	}
	all := d.hits[li]
	i := sort.Search(len(all), func(k int) bool { return all[k].lo >= lo })
	j := i
	for j < len(all) && all[j].lo < hi {
		j++
	}
	return all[i:j:j]
}

// weightIn sums the weights of list li's hits in tokens [lo, hi).
func (d *doc) weightIn(li, lo, hi int) float64 { return sumWeights(d.hitsIn(li, lo, hi)) }

// span turns token range [lo, hi) into a Span of the text.
func (d *doc) span(lo, hi int) Span {
	s, e := d.Span(lo, hi)
	return Span{Start: s, End: e, Text: d.Text[s:e], T: -1}
}

// unitSpan is the whole unit as a Span, for findings about a clause.
func (d *doc) unitSpan(u unit) Span {
	return Span{Start: u.start, End: u.end, Text: d.Text[u.start:u.end], T: -1}
}

// sentenceOf returns the token range of the sentence holding token i.
func (d *doc) sentenceOf(i int) (int, int) {
	lo, hi := i, i
	for lo > 0 && !d.ends(lo-1) {
		lo--
	}
	for hi < len(d.Toks)-1 && !d.ends(hi) {
		hi++
	}
	return lo, hi + 1
}

func sumWeights(hs []hit) float64 {
	t := 0.0
	for _, h := range hs {
		t += h.weight
	}
	return t
}
