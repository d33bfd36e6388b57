package scoring

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"retake/scoring/text"
	"retake/scoring/transcript"
)

// Delivery: how the answer was spoken, from the recording's pauses and
// the words' times, overall and per section; and the checks that read
// it (length, balance of time, fillers, pace, long pauses).

// LongPauseS is the pause length that reads as hesitation mid-thought.
const LongPauseS = 1.2

// tokenTimes gives each token the time it was spoken and the time it
// ended, interpolated by byte offset inside its cue. Tokens outside
// every cue take the time of the last timed token before them. It
// returns nil without cues.
func tokenTimes(toks []tokenSpan, cues []transcript.Cue) (starts, ends []float64) {
	if len(cues) == 0 {
		return nil, nil
	}
	starts = make([]float64, len(toks))
	ends = make([]float64, len(toks))
	c := 0
	last := cues[0].From
	at := func(cue transcript.Cue, b int) float64 {
		if cue.End <= cue.Start {
			return cue.From
		}
		frac := math.Min(math.Max(float64(b-cue.Start)/float64(cue.End-cue.Start), 0), 1)
		return cue.From + frac*(cue.To-cue.From)
	}
	for i, t := range toks {
		for c < len(cues) && cues[c].End <= t.start {
			last = cues[c].To
			c++
		}
		if c < len(cues) && t.start >= cues[c].Start && t.start < cues[c].End {
			starts[i] = at(cues[c], t.start)
			ends[i] = at(cues[c], t.end)
			last = ends[i]
			continue
		}
		starts[i], ends[i] = last, last
	}
	return starts, ends
}

// tokenSpan is a token's byte span.
type tokenSpan struct{ start, end int }

// duration picks the answer's length from the best source available.
func duration(in Input, words int) (float64, string) {
	if in.RecordingS > 0 {
		return in.RecordingS, "recording"
	}
	end := 0.0
	for _, c := range in.Cues {
		if c.To > end {
			end = c.To
		}
	}
	if end > 0 {
		return end, "timestamps"
	}
	return float64(words) * 60 / wordsPerMinute, "estimated"
}

// wordsPerMinute is the speaking rate assumed when nothing better is known.
const wordsPerMinute = 150

// wordGap is a silence between two timed tokens: after token i.
type wordGap struct {
	after      int
	start, end float64
}

// gaps returns the silences of at least minS between consecutive timed
// words, or, when the recording's own pauses are known and no word
// carries a time, nothing: those pauses have no place in the text.
func (a *analysis) gaps(minS float64) []wordGap {
	if a.times == nil {
		return nil
	}
	var all []wordGap
	prev := -1
	for i, t := range a.d.Toks {
		if !t.Counts() {
			continue
		}
		if prev >= 0 {
			all = append(all, wordGap{after: prev, start: a.ends[prev], end: a.times[i]})
		}
		prev = i
	}
	a.placePauses(all)
	var out []wordGap
	for _, g := range all {
		if g.end-g.start >= minS {
			out = append(out, g)
		}
	}
	return out
}

// pauseSlack is how far a word's time may stray from the silence the
// recording measured around it.
const pauseSlack = 0.3

// placePauses gives each of the recording's pauses, which are more
// exact than the words' times, to the one silence between words it
// overlaps most (by pauseSlack either side), and that silence takes its
// times; a silence given several keeps the longest. Given to every
// silence it touches, one pause would be counted again at the word
// gaps beside it (an engine's words touch: one ends as the next begins).
func (a *analysis) placePauses(gaps []wordGap) {
	taken := make([]float64, len(gaps))
	for _, p := range a.in.Pauses {
		best, most := -1, 0.0
		for k, g := range gaps {
			if over := math.Min(p.End, g.end+pauseSlack) - math.Max(p.Start, g.start-pauseSlack); over > most {
				best, most = k, over
			}
		}
		if best >= 0 && p.End-p.Start > taken[best] {
			taken[best] = p.End - p.Start
			gaps[best].start, gaps[best].end = p.Start, p.End
		}
	}
}

// delivery measures pace and pauses. It is nil when neither the words
// nor the recording say anything of time.
func (a *analysis) delivery(secs []SectionResult) *Delivery {
	var pauses []Pause
	speaking := 0.0
	switch {
	case a.times != nil:
		for _, g := range a.gaps(LongPauseS) {
			pauses = append(pauses, Pause{Start: round1(g.start), End: round1(g.end)})
		}
		first, last := -1, -1
		for i, t := range a.d.Toks {
			if t.Counts() {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if first < 0 {
			return nil
		}
		speaking = a.ends[last] - a.times[first]
		for _, p := range pauses {
			speaking -= p.End - p.Start
		}
	case a.in.RecordingS > 0 && a.d.words > 0:
		speaking = a.in.RecordingS
		for _, p := range a.in.Pauses {
			if p.End-p.Start >= LongPauseS {
				pauses = append(pauses, Pause{Start: round1(p.Start), End: round1(p.End)})
				speaking -= p.End - p.Start
			}
		}
	default:
		return nil
	}
	speaking = math.Max(speaking, 0)
	dl := &Delivery{SpeakingS: round1(speaking), Pauses: pauses, Sections: []SectionDelivery{}}
	if dl.Pauses == nil {
		dl.Pauses = []Pause{}
	}
	if speaking > 0 {
		dl.WPM = math.Round(float64(a.d.words) / speaking * 60)
	}
	for _, p := range pauses {
		dl.LongestPauseS = math.Max(dl.LongestPauseS, round1(p.End-p.Start))
	}
	if a.times == nil {
		return dl
	}
	for s, sec := range secs {
		sd := SectionDelivery{ID: sec.ID}
		// A unit's speaking time is its span less the pauses inside it; a
		// pause after its last word (between sentences) is not in it,
		// though the section it follows counts it as its own.
		for _, u := range a.sectionUnits(s) {
			un := a.d.units[u]
			from, to := a.times[un.lo], a.ends[un.hi-1]
			span := to - from
			for _, p := range pauses {
				span -= math.Max(math.Min(p.End, to)-math.Max(p.Start, from), 0)
			}
			sd.SpeakingS += math.Max(span, 0)
		}
		for _, p := range pauses {
			if s == a.sectionAt(p.Start) {
				sd.Pauses++
			}
		}
		sd.SpeakingS = round1(math.Max(sd.SpeakingS, 0))
		if sd.SpeakingS > 0 {
			sd.WPM = math.Round(float64(sec.Words) / sd.SpeakingS * 60)
		}
		if sec.Words > 0 {
			dl.Sections = append(dl.Sections, sd)
		}
	}
	return dl
}

// sectionAt is the section being told at time t.
func (a *analysis) sectionAt(t float64) int {
	s := -1
	for i := range a.d.Toks {
		if a.times[i] > t {
			break
		}
		s = a.sectionOfTok(i)
	}
	return s
}

// fillerSpans finds filler words: pure sounds (um, uh), "like" used as a
// pause, "you know" and "I mean" as tics, and the filler adverbs
// ("basically", "actually"), "so yeah". It returns pairs lo, hi.
func (d *doc) fillerSpans() []int {
	if d.fillers != nil {
		return d.fillers
	}
	out := []int{}
	toks := d.Toks
	notAfter, afterLike := fw("like-not-filler-after"), fw("like-filler-after")
	ykNot, ykObj := fw("you-know-not-after"), fw("you-know-objects")
	imObj, imOpen := fw("i-mean-objects"), fw("i-mean-openers")
	words, soYeah := fw("filler-words"), fw("so-yeah")
	like, you, know, iw, mean, so := fw("tic-like"), fw("tic-you"), fw("tic-know"), fw("tic-i"), fw("tic-mean"), fw("tic-so")
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// prev and next are -1 across a sentence end.
		prev, next := i-1, i+1
		if i == 0 || d.ends(i-1) {
			prev = -1
		}
		if d.ends(i) {
			next = -1
		}
		commaBefore := i > 0 && toks[i-1].After > 0
		switch {
		case t.Is(text.Filler):
			out = append(out, i, i+1)
		case words.at(d, i):
			out = append(out, i, i+1)
		case like.at(d, i):
			if notAfter.at(d, prev) && !commaBefore {
				continue
			}
			if prev < 0 || afterLike.at(d, prev) || t.After > 0 || commaBefore ||
				i+1 < len(toks) && toks[i+1].Is(text.Number) || i > 0 && toks[i-1].Is(text.Filler) {
				out = append(out, i, i+1)
			}
		case you.at(d, i) && know.at(d, next):
			if ykNot.at(d, prev) {
				continue
			}
			after := -1
			if !d.ends(i + 1) {
				after = i + 2
			}
			if ykObj.at(d, after) && toks[i+1].After == 0 {
				continue
			}
			out = append(out, i, i+2)
			i++
		case iw.at(d, i) && mean.at(d, next) && (!imObj.at(d, i+2) || toks[i+1].After > 0) &&
			(prev < 0 || imOpen.at(d, prev) || toks[i+1].After > 0 || commaBefore || i > 0 && toks[i-1].Is(text.Filler)):
			out = append(out, i, i+2)
			i++
		case so.at(d, i) && soYeah.at(d, next):
			out = append(out, i, i+2)
			i++
		}
	}
	d.fillers = out
	return out
}

// fillerStats counts the fillers over the whole answer.
func (a *analysis) fillerStats() FillerStats {
	pairs := a.d.fillerSpans()
	st := FillerStats{Count: len(pairs) / 2, Heard: !a.in.DropsFillers}
	if a.durS > 0 {
		st.PerMinute = math.Round(float64(st.Count)/a.durS*60*10) / 10
	}
	return st
}

// rateCheck fires when fillers are frequent enough to be noticed, and
// is major around the rate where they hurt. It never fires on a
// transcript from an engine that cannot hear fillers.
type rateCheck struct{ p map[string]float64 }

func buildRateCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "params"); err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"count": 3, "per_minute": 5, "major_per_minute": 12, "limit": 40})
	return rateCheck{p}, err
}

func (r rateCheck) run(a *analysis) finding {
	if a.in.DropsFillers {
		return finding{}
	}
	pairs := a.d.fillerSpans()
	st := a.fillerStats()
	if float64(st.Count) < r.p["count"] || st.PerMinute <= r.p["per_minute"] {
		return finding{}
	}
	spans := []Span{}
	for k := 0; k+1 < len(pairs) && float64(len(spans)) < r.p["limit"]; k += 2 {
		spans = append(spans, a.timed(a.d.span(pairs[k], pairs[k+1]), pairs[k]))
	}
	f := finding{fire: true, spans: spans, detail: fmt.Sprintf("(%d fillers, %.1f a minute)", st.Count, st.PerMinute)}
	if st.PerMinute >= r.p["major_per_minute"] {
		f.sev = Major
	}
	return f
}

// lengthCheck compares the answer's duration with the target: below
// (or above) a share of it, and major further out.
type lengthCheck struct{ below, majorBelow, above, majorAbove float64 }

func buildLengthCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "params"); err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"below": 0, "major_below": 0, "above": 0, "major_above": 0})
	if err != nil {
		return nil, err
	}
	if (p["below"] > 0) == (p["above"] > 0) {
		return nil, fmt.Errorf("%s.params: give either below or above", at)
	}
	return lengthCheck{p["below"], p["major_below"], p["above"], p["major_above"]}, nil
}

func (l lengthCheck) run(a *analysis) finding {
	if a.d.words == 0 {
		return finding{}
	}
	target := ClampTarget(a.in.Target).Seconds()
	ratio := a.durS / target
	detail := fmt.Sprintf("(%s against a %s target)", clock(a.durS), clock(target))
	switch {
	case l.below > 0 && ratio < l.majorBelow, l.above > 0 && l.majorAbove > 0 && ratio > l.majorAbove:
		return finding{fire: true, spans: []Span{}, detail: detail, sev: Major}
	case l.below > 0 && ratio < l.below, l.above > 0 && ratio > l.above:
		return finding{fire: true, spans: []Span{}, detail: detail}
	}
	return finding{}
}

// balanceCheck flags sections far over or under their share of the time.
type balanceCheck struct{ p map[string]float64 }

func buildBalanceCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "params"); err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"over": 1.8, "over_margin": 0.08, "under": 0.4, "under_weight": 0.15, "min_words": 80})
	return balanceCheck{p}, err
}

func (bc balanceCheck) run(a *analysis) finding {
	if float64(a.d.words) < bc.p["min_words"] {
		return finding{}
	}
	var notes []string
	var spans []Span
	for _, s := range a.secs {
		if s.Words == 0 {
			continue
		}
		over := s.Share > s.Weight*bc.p["over"] && s.Share-s.Weight > bc.p["over_margin"]
		under := s.Share < s.Weight*bc.p["under"] && s.Weight >= bc.p["under_weight"]
		if !over && !under {
			continue
		}
		word := "over"
		if under {
			word = "under"
		}
		notes = append(notes, fmt.Sprintf("%s %.0f%% of the time against a planned %.0f%% (%s)", s.Title, s.Share*100, s.Weight*100, word))
		spans = append(spans, Span{Start: s.Start, End: s.End, Text: a.d.Text[s.Start:s.End], T: -1})
	}
	if len(notes) == 0 {
		return finding{}
	}
	return finding{fire: true, spans: spans, detail: strings.Join(notes, "; ") + "."}
}

// paceCheck fires when the speaking rate is slow or rushed.
type paceCheck struct{ p map[string]float64 }

func buildPaceCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "params"); err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"slow": 100, "fast": 180, "min_s": 20})
	return paceCheck{p}, err
}

func (pc paceCheck) run(a *analysis) finding {
	// A typed transcript may be a summary of what was said: only words
	// with their own times say how fast they were spoken.
	dl := a.dl
	if dl == nil || a.times == nil || dl.SpeakingS < pc.p["min_s"] || dl.WPM == 0 {
		return finding{}
	}
	switch {
	case dl.WPM < pc.p["slow"]:
		return finding{fire: true, spans: []Span{}, detail: fmt.Sprintf("(%.0f words a minute: slow; aim for 120 to 160)", dl.WPM)}
	case dl.WPM > pc.p["fast"]:
		return finding{fire: true, spans: []Span{}, detail: fmt.Sprintf("(%.0f words a minute: rushed; aim for 120 to 160)", dl.WPM)}
	}
	return finding{}
}

// pauseCheck fires on long pauses in mid-thought: a silence of at least
// the threshold where no sentence has ended. Each span is the word after
// the pause, timed at the pause's start.
type pauseCheck struct{ p map[string]float64 }

func buildPauseCheck(b *builder, c CheckSpec, at string) (check, error) {
	if err := only(c, at, "params"); err != nil {
		return nil, err
	}
	p, err := params(c.Params, at, map[string]float64{"min_s": LongPauseS, "count": 2, "limit": 10})
	return pauseCheck{p}, err
}

func (pc pauseCheck) run(a *analysis) finding {
	var mid []wordGap
	for _, g := range a.gaps(pc.p["min_s"]) {
		if !a.d.ends(g.after) {
			mid = append(mid, g)
		}
	}
	if float64(len(mid)) < pc.p["count"] {
		return finding{}
	}
	sort.SliceStable(mid, func(i, j int) bool { return mid[i].end-mid[i].start > mid[j].end-mid[j].start })
	longest := mid[0].end - mid[0].start
	if float64(len(mid)) > pc.p["limit"] {
		mid = mid[:int(pc.p["limit"])]
	}
	sort.Slice(mid, func(i, j int) bool { return mid[i].after < mid[j].after })
	spans := []Span{}
	for _, g := range mid {
		k := g.after + 1
		for k < len(a.d.Toks) && !a.d.Toks[k].Counts() {
			k++
		}
		if k >= len(a.d.Toks) {
			continue
		}
		sp := a.d.span(k, k+1)
		sp.T = g.start
		spans = append(spans, sp)
	}
	return finding{fire: true, spans: spans, detail: fmt.Sprintf("(%d pauses of %.1f s or more mid-sentence, the longest %.1f s)", len(mid), pc.p["min_s"], longest)}
}

// clock formats seconds as m:ss.
func clock(s float64) string {
	t := int(math.Round(s))
	return fmt.Sprintf("%d:%02d", t/60, t%60)
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }
