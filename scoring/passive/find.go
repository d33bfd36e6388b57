package passive

import (
	"strings"
	"sync"

	"retake/scoring/text"
)

// Match is one passive construction found in a text.
type Match struct {
	// Start and End are the byte span [Start, End) from the first
	// auxiliary to the participle: "was made", "should have been caught",
	// "wasn't tested", "'s been fixed".
	Start, End int
	// Aux is the auxiliary chain in lower case without the adverbs and
	// negation between ("should have been", "was", "'s been", "got").
	Aux string
	// Participle is the lower-cased past participle ("made", "caught").
	Participle string
	// ByAgent is true when a "by" phrase naming who did it follows
	// ("was approved by the VP"); "by friday" or "by mistake" do not count.
	ByAgent bool
	// Subject is the lower-cased word just before the chain when it can
	// be the subject ("tests", "i", "it"), or "" when it is not known.
	Subject string
}

// maxSkip bounds how many adverbs, negations and fillers may stand between
// two words of one verb chain; it also keeps Find linear in the text.
const maxSkip = 4

// Find returns every passive construction in s, in order and without
// overlaps, or nil when there is none. Any string is accepted; spans
// always fall on UTF-8 boundaries of the input.
func Find(s string) []Match { return FindIn(text.Tokenize(s, nil)) }

// FindIn is Find on a document the analyzer has already tokenized, so
// the passive rules read the very tokens every other stage reads. Time
// is linear in the text and memory beyond the result is bounded by a
// fixed token window.
func FindIn(d *text.Doc) []Match {
	lx := words()
	buf := getTokens(len(d.Toks) + 16)
	defer putTokens(buf)
	z := reader{d: d}
	toks := z.fill((*buf)[:0], cap(*buf)-1)
	var out []Match
	floor := 0
	for i := 0; i < len(toks); i++ {
		if len(toks)-i < lookahead && !z.done() {
			// Slide the window: keep lookback tokens behind i for the
			// chain and subject rules, then read ahead again.
			if drop := i - lookback; drop > 0 {
				n := copy(toks, toks[drop:])
				clear(toks[n:])
				toks = toks[:n]
				i -= drop
				floor = max(floor-drop, 0)
			}
			toks = z.fill(toks, cap(toks)-1)
		}
		if m, next, ok := matchAt(lx, toks, i, floor); ok {
			out = append(out, m)
			floor = next
			i = next - 1
		}
	}
	*buf = toks
	return out
}

// The rules look at most a few dozen tokens either side of an auxiliary
// (maxSkip words between each of at most three chain steps, a "by" phrase
// after, a subject before), so Find holds only a window of tokens:
// memory stays flat however long the transcript is.
const (
	lookahead = 64
	lookback  = 64
)

// windowTokens is the window size; tests lower it to exercise sliding.
var windowTokens = 4096

// tokenPool recycles token windows between calls: a report is analyzed
// again on every edit, and a fresh window per call mostly feeds the
// garbage collector.
var tokenPool sync.Pool

// getTokens returns an empty token window with room for want tokens (a
// short text's likely count), at least minWindow and at most windowTokens.
func getTokens(want int) *[]token {
	want = min(max(want, minWindow), windowTokens)
	if p, ok := tokenPool.Get().(*[]token); ok && cap(*p) >= want && cap(*p) <= windowTokens {
		return p
	}
	s := make([]token, 0, want)
	return &s
}

// minWindow keeps the window wide enough to slide: the rules need
// lookback tokens behind and lookahead tokens ahead of the current one.
const minWindow = 2 * (lookahead + lookback)

// putTokens returns a window to the pool. Find leaves only the first
// len tokens set (a slide clears what it moves away from), so clearing
// those drops every reference into the caller's text.
func putTokens(p *[]token) {
	clear(*p)
	*p = (*p)[:0]
	tokenPool.Put(p)
}

// matchAt tries to read a passive whose first be/get form is toks[i].
// It returns the match and the index of the token after the participle.
// floor is the first token not used by an earlier match.
func matchAt(lx *lexicon, toks []token, i, floor int) (Match, int, bool) {
	w := toks[i].norm
	if !maybeAux(w) {
		return Match{}, 0, false
	}
	isGet := false
	switch w {
	case "am", "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "'m":
	case "get", "gets", "got", "gotten", "getting":
		isGet = true
	case "its":
		// "its" typed for "it's": only where no possessed noun can
		// follow ("its fixed now", but not "its cached value").
		if !lx.sAfterNounIsVerb(toks, i) {
			return Match{}, 0, false
		}
	default:
		return Match{}, 0, false
	}
	if w == "'s" && !sIsVerb(toks, i) && !lx.sAfterNounIsVerb(toks, i) {
		return Match{}, 0, false
	}
	// Walk forward through the chain: "was being", "has been getting".
	b, k := i, i+1
	inverted := ""
	if (i == 0 || toks[i].hard) && k < len(toks) && !toks[k].hard && questionSubjects.has(toks[k].norm) {
		// A question puts the subject after the auxiliary: "was it tested".
		inverted = toks[k].norm
		k++
	}
	for step := 0; step < 3; step++ {
		k = lx.skipForward(toks, k)
		if k < 0 {
			return Match{}, 0, false
		}
		next := toks[k].norm
		if !isGet && chainBe.has(next) {
			b, k = k, k+1
			continue
		}
		if getForms.has(next) && !isGet {
			isGet = true
			b, k = k, k+1
			continue
		}
		break
	}
	// "double checked", "re tested": a verb prefix written apart.
	pk := k
	if verbPrefixes.has(toks[k].norm) && k+1 < len(toks) && !toks[k+1].hard && lx.classify(toks[k+1].norm) != kindNone {
		pk = k + 1
	}
	part := toks[pk].norm
	kind := lx.classify(part)
	if kind == kindNone {
		return Match{}, 0, false
	}
	start := lx.chainStart(toks, i, floor)
	subject := subjectBefore(toks, start)
	if inverted != "" {
		subject = inverted
	}
	if !lx.accept(toks, kind, i, b, pk, subject) {
		return Match{}, 0, false
	}
	m := Match{
		Start:      toks[start].start,
		End:        toks[pk].end,
		Aux:        auxWords(toks, start, b),
		Participle: part,
		ByAgent:    lx.agentWithin(toks, pk+1, 4),
		Subject:    subject,
	}
	return m, pk + 1, true
}

// maybeAux is a cheap first test that rules out most words before the
// set lookups: every form of be and get is 2 to 7 bytes and starts with
// one of a few letters or an apostrophe.
func maybeAux(w string) bool {
	if len(w) < 2 || len(w) > 7 {
		return false
	}
	switch w[0] {
	case 'a', 'i', 'w', 'b', 'g', '\'':
		return true
	}
	return false
}

// sIsVerb reports whether the "'s" at toks[i] hangs on a word after which
// it is "is" or "has" rather than a possessive.
func sIsVerb(toks []token, i int) bool {
	return i > 0 && toks[i-1].end == toks[i].start && sHosts.has(toks[i-1].norm)
}

// sAfterNounIsVerb decides "'s" after a noun, which is usually a
// possessive ("the team's shared drive"). It is a verb when a chain
// plainly follows ("the build's been fixed") or when a participle ends
// the clause or is followed by a preposition or adverb, where no
// possessed noun can be ("the handover's done at the bedside").
func (lx *lexicon) sAfterNounIsVerb(toks []token, i int) bool {
	k := lx.skipForward(toks, i+1)
	if k < 0 {
		return false
	}
	w := toks[k].norm
	if chainBe.has(w) || getForms.has(w) {
		return true
	}
	if lx.classify(w) == kindNone {
		return false
	}
	if k+1 >= len(toks) || toks[k+1].hard {
		return true
	}
	next := toks[k+1].norm
	return prepositions.has(next) || lx.isSkip(next)
}

// accept applies the context rules that separate a passive from an
// adjective or an active perfect once a participle-like word is found.
func (lx *lexicon) accept(toks []token, kind wordKind, i, b, pk int, subject string) bool {
	part := toks[pk].norm
	next := ""
	if pk+1 < len(toks) && !toks[pk+1].hard {
		next = toks[pk+1].norm
	}
	if _, ok := lx.idioms[pair{part, next}]; ok {
		return false // "fed up", "burned out"
	}
	switch kind {
	case kindAdjective:
		// A feeling or state; only a named agent makes it an action
		// ("surprised by the auditor").
		return lx.agentAt(toks, pk+1)
	case kindAmbiguous:
		// "we were done" is a state, "the audit was done" an action.
		return lx.agentAt(toks, pk+1) || !personal.has(subject)
	case kindUsed:
		if next != "to" {
			return true // "the old key was used for signing"
		}
		// "I was used to ..." means accustomed; "the key was used to sign"
		// is a purpose. People and a noun or -ing after "to" mean the first.
		if personal.has(subject) {
			return false
		}
		if pk+2 < len(toks) && !toks[pk+2].hard {
			after := toks[pk+2].norm
			if strings.HasSuffix(after, "ing") || objects.has(after) {
				return false
			}
		}
		return true
	}
	// "he's sent the file" is "has sent", an active perfect with its object.
	if toks[i].norm == "'s" && b == i && objects.has(next) {
		return false
	}
	// "there were missed calls": the participle describes the next noun.
	if subject == "there" && next != "" && !prepositions.has(next) && !lx.isSkip(next) {
		return false
	}
	return true
}

// skipForward returns the first token from k on that is not an adverb,
// negation or filler, or -1 at a sentence break, the end of the text or
// after maxSkip skipped words. Degree words ("very", "extremely") are
// returned, not skipped: they mark an adjective.
func (lx *lexicon) skipForward(toks []token, k int) int {
	for n := 0; k < len(toks); k++ {
		if toks[k].hard {
			return -1
		}
		w := toks[k].norm
		if lx.degree.has(w) {
			// "so badly organized": the degree word modifies the adverb,
			// not the participle, so both are skipped.
			if k+1 < len(toks) && !toks[k+1].hard && strings.HasSuffix(toks[k+1].norm, "ly") && lx.isSkip(toks[k+1].norm) && n+2 <= maxSkip {
				n += 2
				k++
				continue
			}
			return k
		}
		if w == "you" && k+1 < len(toks) && toks[k+1].norm == "know" && n+2 <= maxSkip {
			n += 2
			k++
			continue
		}
		if lx.isSkip(w) && n < maxSkip {
			n++
			continue
		}
		return k
	}
	return -1
}

// isSkip reports whether w may stand inside a verb chain.
func (lx *lexicon) isSkip(w string) bool {
	if lx.skip.has(w) {
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ly") && !lx.notAdverb.has(w) && !lx.degree.has(w)
}

// skipBack is skipForward's mirror: the nearest earlier token that is not
// skippable, or -1 at a sentence break, below floor or too far.
func (lx *lexicon) skipBack(toks []token, k, floor int) int {
	for n := 0; ; {
		if toks[k].hard || k-1 < floor {
			return -1
		}
		k--
		if !lx.isSkip(toks[k].norm) {
			return k
		}
		if n++; n > maxSkip {
			return -1
		}
	}
}

// chainStart extends the match back from the first be/get form over the
// modal and perfect auxiliaries of the same chain: "should have been",
// "could've been", "to be", "will get".
func (lx *lexicon) chainStart(toks []token, i, floor int) int {
	w := toks[i].norm
	switch w {
	case "be", "get":
		if p := lx.skipBack(toks, i, floor); p >= 0 && (modals.has(toks[p].norm) || toks[p].norm == "to") {
			return p
		}
	case "been", "gotten":
		p := lx.skipBack(toks, i, floor)
		if p < 0 {
			return i
		}
		pw := toks[p].norm
		if modalHave.has(pw) {
			return p
		}
		if !haveForms.has(pw) && pw != "its" && pw != "of" {
			return i
		}
		q := lx.skipBack(toks, p, floor)
		if q >= 0 && modals.has(toks[q].norm) {
			return q
		}
		if pw == "of" {
			return i // "of" is "have" only after a modal
		}
		return p
	}
	return i
}

// auxWords joins the auxiliaries of the chain toks[start..b], leaving out
// the adverbs and negation between them.
func auxWords(toks []token, start, b int) string {
	if start == b {
		return toks[b].norm
	}
	var sb strings.Builder
	for x := start; x <= b; x++ {
		w := toks[x].norm
		if beForms.has(w) || getForms.has(w) || haveForms.has(w) || modals.has(w) || modalHave.has(w) || w == "to" || w == "of" || w == "its" {
			if sb.Len() > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(w)
		}
	}
	return sb.String()
}

// subjectBefore returns the word just before the chain at toks[start]
// when it can be its subject. For an infinitive ("needs to be fixed") it
// looks a few words further back for a pronoun.
func subjectBefore(toks []token, start int) string {
	if toks[start].hard || start == 0 {
		return ""
	}
	if toks[start].norm == "to" {
		for p := start - 1; p >= 0 && p >= start-5; p-- {
			w := toks[p].norm
			if personal.has(w) || w == "it" || w == "this" || w == "there" {
				return w
			}
			if toks[p].hard {
				break
			}
		}
		return ""
	}
	p := start
	for n := 0; ; {
		if toks[p].hard || p == 0 {
			return ""
		}
		p--
		if isFiller(toks[p].norm) && n < 2 {
			n++
			continue
		}
		break
	}
	w := toks[p].norm
	if notSubject.has(w) || isFiller(w) {
		return ""
	}
	return w
}

func isFiller(w string) bool {
	switch w {
	case "um", "umm", "uh", "uhh", "uhm", "er", "erm", "ah", "hmm", "mm":
		return true
	}
	return false
}

// agentAt reports whether toks[x] starts a "by" phrase that names an
// agent: not a time ("by friday", "by the end"), a manner ("by hand",
// "by mistake") or an amount ("by 20 percent", "by about").
func (lx *lexicon) agentAt(toks []token, x int) bool {
	if x+1 >= len(toks) || toks[x].hard || toks[x+1].hard || toks[x].norm != "by" {
		return false
	}
	w := toks[x+1].norm
	if lx.byNonAgent.has(w) || (w[0] >= '0' && w[0] <= '9') || isAmount(w) {
		return false
	}
	if x+2 < len(toks) && !toks[x+2].hard {
		switch w {
		case "the":
			// "by the end", "by the deadline": a time, not an agent.
			switch toks[x+2].norm {
			case "end", "time", "deadline", "weekend", "morning", "afternoon", "evening", "way", "book":
				return false
			}
		case "a", "an":
			// "by a day", "by a lot": an amount, not an agent.
			switch toks[x+2].norm {
			case "lot", "few", "bit", "day", "week", "month", "year", "mile", "margin", "hair",
				"factor", "couple", "dozen", "hundred", "thousand", "minute", "hour", "second", "third", "quarter":
				return false
			}
		}
	}
	return true
}

// isAmount reports whether w opens a quantity rather than an agent.
func isAmount(w string) bool {
	switch w {
	case "about", "around", "almost", "nearly", "over", "under", "roughly", "at", "more", "less",
		"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "half":
		return true
	}
	return false
}

// agentWithin reports whether an agent "by" phrase starts within n tokens
// of toks[x] in the same sentence ("was drawn up by", "was signed for by").
func (lx *lexicon) agentWithin(toks []token, x, n int) bool {
	for k := x; k < len(toks) && k < x+n; k++ {
		if toks[k].hard {
			return false
		}
		if lx.agentAt(toks, k) {
			return true
		}
		if beForms.has(toks[k].norm) || getForms.has(toks[k].norm) {
			return false
		}
	}
	return false
}
