package words

// Edit says how a word of an edited transcript relates to the engine's
// words.
type Edit int

const (
	// Kept: the engine heard this word; its times and confidence are
	// the engine's.
	Kept Edit = iota
	// Replaced: the person changed an engine word into this one; it
	// takes that word's times (and those of engine words deleted right
	// after it, as when "in two" becomes "into").
	Replaced
	// Inserted: the person added the word; its times are spread over
	// the gap between its neighbours.
	Inserted
)

// String names the edit for logs and JSON.
func (e Edit) String() string {
	switch e {
	case Kept:
		return "kept"
	case Replaced:
		return "replaced"
	case Inserted:
		return "inserted"
	}
	return "unknown"
}

// AlignedWord is one word of an edited transcript with the time it was
// said.
type AlignedWord struct {
	// Text is the word as written; From and To are its byte span in the
	// text, for highlighting.
	Text     string
	From, To int
	// Start and End are seconds from the start of the audio.
	Start, End float64
	// Conf is the engine's confidence for a kept word and NoConf for a
	// word the person wrote.
	Conf float64
	Edit Edit
}

// Align maps the words of text, a transcript the person may have edited,
// onto the engine's timed words, by a word-level edit-distance alignment
// that ignores case and punctuation. Words an edit left unchanged keep
// their times, changed words take the times of the words they replace,
// and inserted words get times spread between their neighbours. Times
// never run backwards when the engine's words are in order. With no
// engine words, every word is Inserted at time 0.
func Align(text string, words []Word) []AlignedWord {
	toks := tokenize(text)
	eng := engineTokens(words)
	out := make([]AlignedWord, len(toks))
	for i, t := range toks {
		out[i] = AlignedWord{Text: text[t.start:t.end], From: t.start, To: t.end, Conf: NoConf, Edit: Inserted}
	}
	a := make([]string, len(toks))
	for i, t := range toks {
		a[i] = t.norm
	}
	b := make([]string, len(eng))
	for j, e := range eng {
		b[j] = e.norm
	}
	ops := alignWords(a, b)
	// partner[i] is the engine token aligned with text word i, or -1.
	partner := make([]int, len(toks))
	for i := range partner {
		partner[i] = -1
	}
	lastText := -1
	for _, op := range ops {
		switch {
		case op.i >= 0 && op.j >= 0:
			partner[op.i] = op.j
			w := &out[op.i]
			w.Start, w.End = eng[op.j].start, eng[op.j].end
			if a[op.i] == b[op.j] {
				w.Edit, w.Conf = Kept, eng[op.j].conf
			} else {
				w.Edit = Replaced
			}
			lastText = op.i
		case op.j >= 0: // an engine word the person deleted
			if lastText >= 0 && out[lastText].Edit == Replaced && partner[lastText] >= 0 {
				out[lastText].End = max(out[lastText].End, eng[op.j].end)
			}
		default:
			lastText = op.i
		}
	}
	interpolate(out, partner, eng)
	return out
}

// interpolate gives each run of inserted words times spread evenly over
// the gap between the words around it.
func interpolate(out []AlignedWord, partner []int, eng []engineToken) {
	for i := 0; i < len(out); {
		if partner[i] >= 0 {
			i++
			continue
		}
		k := i
		for k < len(out) && partner[k] < 0 {
			k++
		}
		// Engine tokens strictly between the anchors bound the gap when
		// an anchor is missing.
		prevJ, nextJ := -1, len(eng)
		if i > 0 {
			prevJ = partner[i-1]
		}
		if k < len(out) {
			nextJ = partner[k]
		}
		var lo, hi float64
		switch {
		case i > 0:
			lo = out[i-1].End
		case prevJ+1 < nextJ:
			lo = eng[prevJ+1].start
		case nextJ < len(eng):
			lo = eng[nextJ].start
		}
		switch {
		case k < len(out):
			hi = out[k].Start
		case nextJ-1 > prevJ:
			hi = eng[nextJ-1].end
		default:
			hi = lo
		}
		hi = max(hi, lo)
		step := (hi - lo) / float64(k-i)
		for n := i; n < k; n++ {
			out[n].Start = lo + step*float64(n-i)
			out[n].End = lo + step*float64(n-i+1)
		}
		i = k
	}
}

// engineToken is one comparable word of the engine's output with its
// times. An engine word that holds several ("double-charged") is split,
// its time shared by length.
type engineToken struct {
	norm       string
	start, end float64
	conf       float64
}

func engineTokens(words []Word) []engineToken {
	out := make([]engineToken, 0, len(words))
	for _, w := range words {
		toks := tokenize(w.Text)
		if len(toks) == 0 {
			continue
		}
		total := 0
		for _, t := range toks {
			total += len(t.norm)
		}
		at, done := w.Start, 0
		for _, t := range toks {
			done += len(t.norm)
			end := w.Start + (w.End-w.Start)*float64(done)/float64(total)
			out = append(out, engineToken{norm: t.norm, start: at, end: end, conf: w.Conf})
			at = end
		}
	}
	return out
}

// alignOp pairs text word i with engine word j; -1 on one side is an
// insertion (j = -1) or a deletion (i = -1).
type alignOp struct{ i, j int }

// alignWords returns a minimum-cost alignment of a and b in order. The
// common prefix and suffix are matched directly; the middle uses
// Hirschberg's divide and conquer, so memory stays linear for transcripts
// of any length.
func alignWords(a, b []string) []alignOp {
	ops := make([]alignOp, 0, max(len(a), len(b)))
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		ops = append(ops, alignOp{p, p})
		p++
	}
	s := 0
	for s < len(a)-p && s < len(b)-p && a[len(a)-1-s] == b[len(b)-1-s] {
		s++
	}
	ops = hirschberg(a[p:len(a)-s], b[p:len(b)-s], p, p, ops)
	for k := s; k > 0; k-- {
		ops = append(ops, alignOp{len(a) - k, len(b) - k})
	}
	return ops
}

// smallDP is the size below which the full table is cheaper than
// dividing further.
const smallDP = 1 << 14

func hirschberg(a, b []string, ai, bi int, ops []alignOp) []alignOp {
	switch {
	case len(a) == 0:
		for j := range b {
			ops = append(ops, alignOp{-1, bi + j})
		}
		return ops
	case len(b) == 0:
		for i := range a {
			ops = append(ops, alignOp{ai + i, -1})
		}
		return ops
	case len(a) == 1 || len(a)*len(b) <= smallDP:
		return fullDP(a, b, ai, bi, ops)
	}
	mid := len(a) / 2
	fwd := lastRow(a[:mid], b, false)
	bwd := lastRow(a[mid:], b, true)
	best, split := -1, 0
	for k := 0; k <= len(b); k++ {
		if c := fwd[k] + bwd[len(b)-k]; best < 0 || c < best {
			best, split = c, k
		}
	}
	ops = hirschberg(a[:mid], b[:split], ai, bi, ops)
	return hirschberg(a[mid:], b[split:], ai+mid, bi+split, ops)
}

// lastRow is the last row of the edit-distance table of a against every
// prefix of b (every suffix, read backwards, when reverse is set).
func lastRow(a, b []string, reverse bool) []int {
	at := func(s []string, i int) string {
		if reverse {
			return s[len(s)-1-i]
		}
		return s[i]
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := range a {
		cur[0] = i + 1
		ai := at(a, i)
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if ai != at(b, j-1) {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev
}

// fullDP aligns a small block with the whole table and a backtrace.
// The backtrace runs from the end and, among equal-cost paths, leaves
// words unpaired as late as it can, so an edited word pairs with the
// first of the words it replaces ("into" with the "in" of "in two") and
// the deletions after it extend it.
func fullDP(a, b []string, ai, bi int, ops []alignOp) []alignOp {
	n, m := len(a), len(b)
	w := m + 1
	cost := make([]int32, (n+1)*w)
	for j := 0; j <= m; j++ {
		cost[j] = int32(j)
	}
	for i := 1; i <= n; i++ {
		cost[i*w] = int32(i)
		for j := 1; j <= m; j++ {
			sub := cost[(i-1)*w+j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cost[i*w+j] = min(sub, cost[(i-1)*w+j]+1, cost[i*w+j-1]+1)
		}
	}
	rev := make([]alignOp, 0, max(n, m))
	i, j := n, m
	for i > 0 || j > 0 {
		c := cost[i*w+j]
		switch {
		case i > 0 && c == cost[(i-1)*w+j]+1:
			i--
			rev = append(rev, alignOp{ai + i, -1})
		case j > 0 && c == cost[i*w+j-1]+1:
			j--
			rev = append(rev, alignOp{-1, bi + j})
		default:
			i--
			j--
			rev = append(rev, alignOp{ai + i, bi + j})
		}
	}
	for k := len(rev) - 1; k >= 0; k-- {
		ops = append(ops, rev[k])
	}
	return ops
}
