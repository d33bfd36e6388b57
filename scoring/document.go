package scoring

import "sort"

// unit is a stretch of the answer that the section decoder assigns as a
// whole: a sentence, or a clause of a long unpunctuated run.
type unit struct {
	lo, hi     int // token indices [lo, hi)
	start, end int // byte span
}

// doc is the analyzer's working view of one transcript.
type doc struct {
	text    string
	toks    []token
	s       stream
	units   []unit
	tokUnit []int // unit index of each token
	words   int   // tokens that are not pure fillers
	hits    map[string][]hit
}

func newDoc(text string) *doc {
	ls := lexicons()
	d := &doc{text: text, toks: tokenize(text)}
	for i := range d.toks {
		if wi, ok := ls.vocab[d.toks[i].norm]; ok {
			d.toks[i].id, d.toks[i].soft = wi.id, wi.soft
		}
	}
	d.s = newStream(d.toks)
	d.words = len(d.s.idx)
	all := ls.findAll(d.s)
	d.hits = make(map[string][]hit, len(lexNames))
	for i, n := range lexNames {
		d.hits[n] = all[i]
	}
	d.splitUnits()
	return d
}

// maxUnitWords is the clause length above which an unpunctuated run is
// cut at the next clause opener ("so", "because", "and then", ...).
const (
	maxUnitWords = 18
	minUnitWords = 5
)

// splitUnits cuts the tokens into sentences, then cuts long sentences at
// clause openers, so speech-recognizer text without punctuation still
// gives the decoder units of a sensible size.
func (d *doc) splitUnits() {
	d.tokUnit = make([]int, len(d.toks))
	opens := make(map[int]bool, len(d.hits["clause-starts"]))
	for _, h := range d.hits["clause-starts"] {
		opens[h.lo] = true
	}
	lo := 0
	words := 0
	flush := func(hi int) {
		if hi > lo {
			d.units = append(d.units, unit{lo: lo, hi: hi, start: d.toks[lo].start, end: d.toks[hi-1].end})
			for k := lo; k < hi; k++ {
				d.tokUnit[k] = len(d.units) - 1
			}
		}
		lo, words = hi, 0
	}
	for i, t := range d.toks {
		if i > lo && words >= minUnitWords && (opens[i] && (words >= maxUnitWords/2 || d.toks[i-1].comma) || words >= 3*maxUnitWords) {
			flush(i)
		}
		if !t.filler {
			words++
		}
		if t.brk {
			flush(i + 1)
		}
	}
	flush(len(d.toks))
}

// unitWords counts the non-filler words of unit u.
func (d *doc) unitWords(u unit) int { return d.wordsIn(u.lo, u.hi) }

// wordsIn counts the non-filler words of tokens [lo, hi).
func (d *doc) wordsIn(lo, hi int) int {
	n := 0
	for k := lo; k < hi; k++ {
		if !d.toks[k].filler {
			n++
		}
	}
	return n
}

// hitsIn returns the hits of a lexicon that start in tokens [lo, hi).
func (d *doc) hitsIn(name string, lo, hi int) []hit {
	all := d.hits[name]
	i := sort.Search(len(all), func(k int) bool { return all[k].lo >= lo })
	j := i
	for j < len(all) && all[j].lo < hi {
		j++
	}
	return all[i:j:j]
}

// span turns token range [lo, hi) into a Span of the text.
func (d *doc) span(lo, hi int) Span {
	s, e := d.toks[lo].start, d.toks[hi-1].end
	return Span{Start: s, End: e, Text: d.text[s:e], T: -1}
}

// unitSpan is the whole unit as a Span, for findings about a clause.
func (d *doc) unitSpan(u unit) Span {
	return Span{Start: u.start, End: u.end, Text: d.text[u.start:u.end], T: -1}
}
