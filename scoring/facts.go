package scoring

import (
	"strings"
	"sync"

	"retake/assets"
	"retake/scoring/text"
)

// A fact is something the grammar of a clause says about it, counted per
// unit: who does what, and when. Rubrics vote with facts for sections
// (SectionSpec.Facts) and checks read them, instead of listing every
// party times every verb as phrases.
type fact int

// The clause facts.
const (
	// factSpeaker: "I" is the subject of a verb.
	factSpeaker fact = iota
	// factSpeakerPast: "I" + a past verb ("I sent", "I was sending").
	factSpeakerPast
	// factSpeakerOmission: "I" + a verb of not doing ("I didn't check",
	// "I never synced", "I hadn't looped them in", "I forgot to").
	factSpeakerOmission
	// factSpeakerHabit: "I" + a present verb, a routine ("I send", "I
	// now always check", "I don't ship without").
	factSpeakerHabit
	// factSpeakerPerfect: "I" + have + participle ("I've added").
	factSpeakerPerfect
	// factSpeakerPastPerfect: "I had updated", "I'd assumed".
	factSpeakerPastPerfect
	// factSpeakerIntent: "I will", "I'd like to", "I'm going to".
	factSpeakerIntent
	// factSpeakerState: "I was the lead", "I am careful".
	factSpeakerState
	// factSpeakerMental: "I think", "I guess" in the present.
	factSpeakerMental
	// factWePast and factWeHabit are the same for "we".
	factWePast
	factWeHabit
	// factOtherPast: he, she or they + a past verb.
	factOtherPast
	// factNobody: nobody as a subject.
	factNobody
	// factQuestion: the unit is a question ("Why did I skip it?").
	factQuestion
	// factNoActor: neither "I" nor "we" does anything in the unit: it
	// tells what happened or what others did ("forty orders went out
	// late", "the client called").
	factNoActor
	// factOtherOmission: someone other than the speaker or "we" did not
	// do something ("the partner didn't look at it", "the associate I
	// was working with never cleaned it up").
	factOtherOmission
	numFacts
)

// FactNames are the names rubrics use for the clause facts.
var FactNames = [numFacts]string{
	"speaker", "speaker-past", "speaker-omission", "speaker-habit", "speaker-perfect",
	"speaker-past-perfect", "speaker-intent", "speaker-state", "speaker-mental",
	"we-past", "we-habit", "other-past", "nobody", "question", "no-actor", "other-omission",
}

// factByName maps a name to its fact.
func factByName(n string) (fact, bool) {
	for i, f := range FactNames {
		if f == n {
			return fact(i), true
		}
	}
	return 0, false
}

// facts are the counts of each fact in one unit (at most 255).
type facts [numFacts]uint8

// add counts one more of fact x.
func (f *facts) add(x fact) {
	if f[x] < 255 {
		f[x]++
	}
}

// verbKind is what the verb group after a subject says.
type verbKind int

const (
	vNone verbKind = iota
	vPast
	vOmission
	vHabit
	vPerfect
	vPastPerfect
	vIntent
	vState
	vMental
)

// grammarSets are the word classes the clause reader uses.
type grammarSets struct {
	modal, bePresent, bePast, havePresent, havePast, doPresent, doPast idSet
	negation, skip, habitAdv, mental, omission, pastSimple, other      idSet
	nobody, speaker, determiners, joins, duties                        idSet
	never, to, going                                                   idSet
	participles                                                        text.Set
}

var (
	gramOnce sync.Once
	gram     *grammarSets
)

func grammarWords() *grammarSets {
	gramOnce.Do(func() {
		gram = &grammarSets{
			modal: fw("modal"), bePresent: fw("be-present"), bePast: fw("be-past"),
			havePresent: fw("have-present"), havePast: fw("have-past"),
			doPresent: fw("do-present"), doPast: fw("do-past"), negation: fw("negation"),
			skip: fw("verb-skip"), habitAdv: fw("habit-adverbs"), mental: fw("mental"),
			omission: fw("omission"), pastSimple: fw("past-simple"), other: fw("other-subject"),
			nobody: fw("nobody"), speaker: fw("tic-i"), determiners: fw("subject-determiners"), joins: fw("clause-joins"), duties: fw("duty-verbs"), never: fw("never-word"), to: fw("to-word"), going: fw("going-word"), participles: readWordList("passive-irregular"),
		}
	})
	return gram
}

// readWordList reads a one-word-per-line list of assets/wordlists.
func readWordList(name string) text.Set {
	b, err := assets.Read("wordlists/" + name + ".txt")
	if err != nil {
		panic("scoring: " + err.Error())
	}
	s := text.Set{}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			s[l] = struct{}{}
		}
	}
	return s
}

// clauseFacts reads the facts of every unit.
func (d *doc) clauseFacts() []facts {
	g := grammarWords()
	out := make([]facts, len(d.units))
	byUnits(len(d.units), func(lo, hi int) {
		for u := lo; u < hi; u++ {
			d.unitFacts(g, d.units[u], &out[u])
		}
	})
	return out
}

// unitFacts fills f with the facts of one unit's clause.
func (d *doc) unitFacts(g *grammarSets, un unit, f *facts) {
	if d.ends(un.hi-1) && strings.HasPrefix(strings.TrimLeft(d.Text[un.end:min(un.end+4, len(d.Text))], " \"'\u201d"), "?") {
		f.add(factQuestion)
	}
	for i := un.lo; i < un.hi; i++ {
		t := d.Toks[i]
		switch {
		case t.Person == text.Speaker && g.speaker.at(d, i):
			switch d.verbAfter(i, g) {
			case vPast:
				f.add(factSpeaker)
				f.add(factSpeakerPast)
			case vOmission:
				f.add(factSpeaker)
				f.add(factSpeakerOmission)
			case vHabit:
				f.add(factSpeaker)
				f.add(factSpeakerHabit)
			case vPerfect:
				f.add(factSpeaker)
				f.add(factSpeakerPerfect)
			case vPastPerfect:
				f.add(factSpeaker)
				f.add(factSpeakerPastPerfect)
			case vIntent:
				f.add(factSpeaker)
				f.add(factSpeakerIntent)
			case vState:
				f.add(factSpeaker)
				f.add(factSpeakerState)
			case vMental:
				f.add(factSpeakerMental)
			}
		case t.Person == text.We:
			switch d.verbAfter(i, g) {
			case vPast, vOmission, vPastPerfect:
				f.add(factWePast)
			case vHabit, vPerfect:
				f.add(factWeHabit)
			}
		case g.other.at(d, i) && !d.HardBefore(i+1):
			switch d.verbAfter(i, g) {
			case vPast, vOmission, vPastPerfect:
				f.add(factOtherPast)
			}
		case g.nobody.at(d, i):
			f.add(factNobody)
		case g.negation.at(d, i) || g.omission.at(d, i):
			if d.omissionByOther(un.lo, i, g) {
				f.add(factOtherOmission)
			}
		}
	}
	// "I went back, found 41 instances, corrected them and wrote to
	// the manager": past verbs joined to the speaker's are more of
	// the speaker's actions.
	if f[factSpeakerPast] > 0 {
		for i := un.lo + 1; i < un.hi; i++ {
			joined := d.Toks[i-1].After == text.Comma || g.joins.at(d, i-1)
			if joined && d.Toks[i].Counts() && d.Toks[i].Person == text.NoPerson && g.pastVerb(d.norm(i)) {
				f.add(factSpeakerPast)
			}
		}
	}
	if f[factSpeaker] == 0 && f[factWePast] == 0 && f[factWeHabit] == 0 {
		f.add(factNoActor)
	}
}

// omissionByOther reports whether the negation or omission verb at
// token i has as its subject someone other than the speaker or "we": the
// clause around it opens with a determiner of a
// noun phrase ("the partner", "our supplier") or a third person at the
// start of its clause.
func (d *doc) omissionByOther(lo, i int, g *grammarSets) bool {
	if g.negation.at(d, i) && i > lo && !g.doPast.at(d, i-1) && !g.havePast.at(d, i-1) && !g.bePast.at(d, i-1) && !g.modal.at(d, i-1) && !g.skip.at(d, i-1) {
		// "not" must follow an auxiliary ("didn't", "wasn't") or be
		// "never" to say someone did not act.
		if !g.never.at(d, i) {
			return false
		}
	}
	// The word just before the negation (or its auxiliary) is its
	// subject when it is a pronoun: "an assumption I never tested" is
	// the speaker's; "the email wasn't checked" is a passive, which says
	// nothing of who.
	aux := i
	if i > lo && (g.bePast.at(d, i-1) || g.bePresent.at(d, i-1)) {
		return false
	}
	if g.negation.at(d, i) && i > lo && !g.never.at(d, i) {
		aux = i - 1
	}
	if b := aux - 1; b >= lo && (d.Toks[b].Person == text.Speaker || d.Toks[b].Person == text.We) {
		return false
	}
	// The verb not done must be a duty: "the customers didn't get
	// their orders" is a consequence, not someone else failing.
	v := i + 1
	for v < len(d.Toks) && v < i+3 && (g.skip.at(d, v) || d.Toks[v].Is(text.Filler) || g.to.at(d, v)) {
		v++
	}
	if !g.duties.at(d, v) {
		return false
	}
	// The clause starts after the last joining word or comma before i.
	start := lo
	for k := i - 1; k > lo; k-- {
		if d.Toks[k-1].After >= text.Comma || g.joins.at(d, k-1) {
			start = k
			break
		}
	}
	for k := start; k < i && k < start+3; k++ {
		t := d.Toks[k]
		switch {
		case t.Person == text.Speaker || t.Person == text.We:
			return false
		case g.other.at(d, k) || g.determiners.at(d, k):
			return true
		}
	}
	return false
}

// verbAfter reads the verb group after the subject at token i.
func (d *doc) verbAfter(i int, g *grammarSets) verbKind {
	k := i + 1
	habit, never := false, false
	for n := 0; n < 4 && k < len(d.Toks) && !d.HardBefore(k); n++ {
		if d.Toks[k].Is(text.Filler) {
			k++
			continue
		}
		if !g.skip.at(d, k) {
			break
		}
		habit = habit || g.habitAdv.at(d, k)
		never = never || g.negation.at(d, k)
		k++
	}
	if k >= len(d.Toks) || d.HardBefore(k) {
		return vNone
	}
	w, next := d.norm(k), d.norm(k+1)
	negNext := g.negation.at(d, k+1)
	switch {
	case g.modal.at(d, k):
		if d.Toks[k].Is(text.Clitic) && g.havePast.at(d, k) && g.participle(next) {
			return vPastPerfect // "I'd assumed": 'd before a participle is "had"
		}
		return vIntent
	case g.bePresent.at(d, k):
		if strings.HasSuffix(next, "ing") && !g.going.at(d, k+1) {
			return vHabit
		}
		if g.going.at(d, k+1) {
			return vIntent
		}
		return vState
	case g.bePast.at(d, k):
		if strings.HasSuffix(next, "ing") {
			return vPast
		}
		return vState
	case g.havePresent.at(d, k):
		if negNext || g.participle(next) || g.participle(d.norm(k+2)) && g.skip.at(d, k+1) {
			return vPerfect
		}
		return vHabit
	case g.havePast.at(d, k):
		if negNext {
			return vOmission
		}
		if g.participle(next) || g.skip.at(d, k+1) && g.participle(d.norm(k+2)) {
			return vPastPerfect
		}
		return vPast
	case g.doPast.at(d, k):
		if negNext {
			return vOmission
		}
		return vPast
	case g.doPresent.at(d, k):
		return vHabit
	case g.omission.at(d, k):
		return vOmission
	case g.past(w):
		if never {
			return vOmission
		}
		return vPast
	case g.mental.at(d, k):
		return vMental
	case strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly"):
		return vNone
	}
	if habit || never || d.Toks[k].Counts() {
		return vHabit
	}
	return vNone
}

// past reports whether w is a simple past form (or a participle, which
// for most verbs is the same word).
func (g *grammarSets) past(w string) bool {
	return len(w) >= 4 && strings.HasSuffix(w, "ed") || g.pastSimple.Has(w) || g.participles.Has(w)
}

// pastVerb is past for a word that is plainly a verb: an -ed form or
// an irregular past, not a participle that doubles as an adjective
// ("left", "set").
func (g *grammarSets) pastVerb(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "ed") || g.pastSimple.Has(w)
}

// participle reports whether w is a past participle.
func (g *grammarSets) participle(w string) bool { return g.past(w) }
