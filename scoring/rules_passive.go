package scoring

import (
	"fmt"
	"strings"
)

// Passive voice where the speaker's own action belongs.

// notDodgeParticiples are passives whose subject is not hiding the
// speaker's own act: who was hurt ("forty orders were delayed" is stakes)
// or what happened to the speaker ("I was hired", "I was asked").
var notDodgeParticiples = map[string]bool{
	"affected": true, "impacted": true, "delayed": true, "hurt": true, "injured": true,
	"stranded": true, "blocked": true, "stuck": true, "inconvenienced": true, "disappointed": true,
	"upset": true, "harmed": true, "exposed": true, "left": true, "locked": true,
	"promoted": true, "hired": true, "born": true, "paid": true, "invited": true, "asked": true,
}

// rulePassiveVoice: a passive where the speaker's own action belongs, in
// the mistake, its cause or the response. Passives elsewhere are listed
// in the report but not flagged.
func (a *analysis) rulePassiveVoice() {
	short := len(a.d.units) <= 2
	var spans []Span
	for _, p := range a.passive {
		s := a.sectionOfTok(p.tok)
		if !short && s != secMistake && s != secRoot && s != secResponse {
			continue
		}
		if p.subject == "i" || p.subject == "me" || p.subject == "we" || notDodgeParticiples[p.part] {
			continue
		}
		// A named agent does not hide who acted ("posted by accounts
		// payable"); a relative clause or a dated passive describes the
		// background ("an invoice that had been received", "the flow
		// had been built in 2018").
		if p.byAgent || p.subject == "that" || p.subject == "which" || p.subject == "who" || a.datedAfter(p) {
			continue
		}
		// A passive in a time clause ("after version four had been
		// approved") or reported by the speaker ("I said it was fixed")
		// sets out circumstances; the speaker's own action is the main
		// clause.
		if a.subordinate(p.tok) {
			continue
		}
		spans = append(spans, p.span)
	}
	if len(spans) > 0 {
		a.raise("passive-voice", fmt.Sprintf("(%d in the mistake, cause or response)", len(spans)), spans)
	}
}

// datedAfter reports whether a passive is followed by a date or a time
// long past: "was built in 2018", "had been set up years ago".
func (a *analysis) datedAfter(p passiveHit) bool {
	k := p.tok
	for k < len(a.d.toks) && a.d.toks[k].start < p.span.End {
		k++
	}
	for j := k; j < len(a.d.toks) && j < k+4; j++ {
		w := a.d.toks[j].norm
		if w == "originally" || w == "ago" || w == "decades" || months[w] || (len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && a.d.toks[j].num) {
			return true
		}
		if a.d.toks[j].brk {
			break
		}
	}
	return false
}

// months date a passive to a time long before the mistake ("the band was
// updated in January").
var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
}

// timeClauses open a clause that sets out when something happened.
var timeClauses = map[string]bool{
	"after": true, "before": true, "once": true, "until": true, "since": true, "while": true,
}

// reportingVerbs open a clause the speaker reports ("I said it was
// fixed").
var reportingVerbs = map[string]bool{
	"said": true, "told": true, "confirmed": true, "knew": true, "thought": true, "assumed": true,
	"believed": true, "checked": true, "announced": true, "reported": true,
}

// subordinate reports whether the passive starting at token i sits in a
// time clause, or a clause the speaker reports: such a word up to four
// words before it, in the same sentence.
func (a *analysis) subordinate(i int) bool {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		t := a.d.toks[k]
		if t.brk {
			return false
		}
		if timeClauses[t.norm] {
			return true
		}
		if reportingVerbs[t.norm] {
			return k > 0 && firstPersonWords[a.d.toks[k-1].norm]
		}
	}
	return false
}
