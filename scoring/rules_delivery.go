package scoring

import (
	"fmt"
	"math"
	"strings"
)

// likePrepVerbs are words after which "like" is a verb or a preposition
// ("I'd like", "felt like", "something like"), not a filler.
var likePrepVerbs = map[string]bool{
	"i": true, "we": true, "you": true, "they": true, "would": true, "i'd": true, "we'd": true,
	"don't": true, "didn't": true, "doesn't": true, "feel": true, "feels": true, "felt": true,
	"look": true, "looks": true, "looked": true, "seem": true, "seems": true, "seemed": true,
	"sound": true, "sounds": true, "sounded": true, "something": true, "anything": true,
	"nothing": true, "more": true, "much": true, "exactly": true, "just": true, "things": true,
	"stuff": true, "people": true, "really": true, "not": true, "to": true, "would've": true,
	"lot": true, "none": true, "unlike": true, "alike": true, "likes": true, "liked": true,
	"he": true, "she": true, "that's": true, "it's": true, "is": true, "was": true, "acted": true,
}

// youKnowObjects follow "you know" when it is a real verb ("you know what
// happened", "you know the drill").
var youKnowObjects = map[string]bool{
	"what": true, "how": true, "that": true, "who": true, "where": true, "when": true, "whether": true,
	"if": true, "why": true, "about": true, "the": true, "it": true, "him": true, "her": true, "them": true,
}

// fillerSpans finds filler words: pure sounds (um, uh), "like" used as a
// pause, "you know" and "I mean" as tics, and "basically", "actually",
// "literally", "so yeah".
func (d *doc) fillerSpans() []int {
	var out []int // pairs lo, hi in token indices
	toks := d.toks
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		prev := ""
		if i > 0 && !toks[i-1].brk {
			prev = toks[i-1].norm
		}
		next := ""
		if i+1 < len(toks) && !t.brk {
			next = toks[i+1].norm
		}
		switch {
		case t.filler:
			out = append(out, i, i+1)
		case t.norm == "basically" || t.norm == "literally" || t.norm == "actually":
			out = append(out, i, i+1)
		case t.norm == "like":
			if likePrepVerbs[prev] && !(i > 0 && toks[i-1].comma) {
				continue
			}
			if prev == "" || prev == "and" || prev == "but" || prev == "so" || t.comma || (i > 0 && toks[i-1].comma) ||
				toks[i].num || (i+1 < len(toks) && toks[i+1].num) || prev == "was" || prev == "were" || prev == "it's" || prev == "just" ||
				d.isFillerTok(i-1) {
				out = append(out, i, i+1)
			}
		case t.norm == "you" && next == "know":
			if prev == "do" || prev == "did" || prev == "don't" || prev == "if" || prev == "would" || prev == "as" || prev == "let" {
				continue
			}
			after := ""
			if i+2 < len(toks) && !toks[i+1].brk {
				after = toks[i+2].norm
			}
			if youKnowObjects[after] && !toks[i+1].comma {
				continue
			}
			out = append(out, i, i+2)
			i++
		case t.norm == "i" && next == "mean" && (!meanObjects[d.normAt(i+2)] || toks[i+1].comma) &&
			(prev == "" || prev == "and" || prev == "but" || prev == "so" || toks[i+1].comma || (i > 0 && toks[i-1].comma) || d.isFillerTok(i-1)):
			out = append(out, i, i+2)
			i++
		case t.norm == "so" && next == "yeah":
			out = append(out, i, i+2)
			i++
		}
	}
	return out
}

// meanObjects follow "I mean" when it is the verb ("I mean every word").
var meanObjects = map[string]bool{"every": true, "it": true, "business": true, "well": true, "no": true, "to": true, "what": true, "that": true}

// normAt is the normalized token i, or "" past the end.
func (d *doc) normAt(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.toks[i].norm
}

func (d *doc) isFillerTok(i int) bool { return i >= 0 && i < len(d.toks) && d.toks[i].filler }

// ruleFillers reports the filler rate: unnoticed up to about 5 a minute,
// hurting around 12.
func (a *analysis) ruleFillers(durS float64) FillerStats {
	pairs := a.d.fillerSpans()
	n := len(pairs) / 2
	st := FillerStats{Count: n}
	if durS > 0 {
		st.PerMinute = math.Round(float64(n)/durS*60*10) / 10
	}
	if n < 3 || st.PerMinute <= 5 {
		return st
	}
	spans := []Span{}
	for k := 0; k+1 < len(pairs) && len(spans) < 40; k += 2 {
		spans = append(spans, a.timed(a.d.span(pairs[k], pairs[k+1]), pairs[k]))
	}
	sev := Minor
	if st.PerMinute >= 12 {
		sev = Major
	}
	a.raiseWith("fillers", sev, fmt.Sprintf("(%d fillers, %.1f a minute)", n, st.PerMinute), spans)
	return st
}

// ruleHedging reports hedging and minimising words.
func (a *analysis) ruleHedging() {
	var hs []hit
	for _, h := range a.d.hits["hedges"] {
		if !a.d.literalHedge(h) {
			hs = append(hs, h)
		}
	}
	w := sumWeights(hs)
	// Two hedges anywhere, or one in a short answer where it stands out.
	if w < 2 && (w < 1 || w*100/float64(max(a.d.words, 1)) < 2) {
		return
	}
	spans := a.spansOf(hs, 12)
	a.raise("hedging", "("+joinQuoted(spans, 4)+")", spans)
}

// literalHedge reports hedge words used literally: "the kind of report"
// is a noun phrase, "a little after nine" a time, not a hedge.
func (d *doc) literalHedge(h hit) bool {
	first := d.toks[h.lo].norm
	switch first {
	case "kind", "sort":
		switch d.normAt(h.lo - 1) {
		case "the", "this", "that", "what", "which", "any", "same", "every", "some", "one", "these", "those", "other", "different", "right", "wrong":
			return true
		}
	case "a":
		switch d.normAt(h.hi) {
		case "after", "before", "later", "earlier", "over", "under", "more", "less", "past", "early", "late", "longer":
			return true
		}
	}
	return false
}

// ruleLength compares the answer's duration with the target.
func (a *analysis) ruleLength(durS, targetS float64) {
	ratio := durS / targetS
	switch {
	case ratio < 0.4:
		a.raiseWith("too-short", Major, fmt.Sprintf("(%s against a %s target)", clock(durS), clock(targetS)), []Span{})
	case ratio < 0.7:
		a.raise("too-short", fmt.Sprintf("(%s against a %s target)", clock(durS), clock(targetS)), []Span{})
	case ratio > 1.6:
		a.raiseWith("too-long", Major, fmt.Sprintf("(%s against a %s target)", clock(durS), clock(targetS)), []Span{})
	case ratio > 1.25:
		a.raise("too-long", fmt.Sprintf("(%s against a %s target)", clock(durS), clock(targetS)), []Span{})
	}
}

// ruleBalance flags sections far over or under their share of the time.
func (a *analysis) ruleBalance(secs []SectionResult) {
	var notes []string
	var spans []Span
	for _, s := range secs {
		if s.Words == 0 {
			continue
		}
		over := s.Share > s.Weight*1.8 && s.Share-s.Weight > 0.08
		under := s.Share < s.Weight*0.4 && s.Weight >= 0.15
		if !over && !under {
			continue
		}
		word := "over"
		if under {
			word = "under"
		}
		notes = append(notes, fmt.Sprintf("%s %.0f%% of the time against a planned %.0f%% (%s)", s.Title, s.Share*100, s.Weight*100, word))
		spans = append(spans, Span{Start: s.Start, End: s.End, Text: a.d.text[s.Start:s.End], T: -1})
	}
	if len(notes) > 0 {
		a.raise("section-balance", strings.Join(notes, "; ")+".", spans)
	}
}

// clock formats seconds as m:ss.
func clock(s float64) string {
	t := int(math.Round(s))
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}
