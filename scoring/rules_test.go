package scoring

import (
	"encoding/json"
	"strings"
	"testing"

	"retake/scoring/transcript"
)

// ruleCase is one short text and what a rule must and must not say
// about it.
type ruleCase struct {
	name string
	text string
	want bool
}

// runRule checks that flag id is raised exactly when each case wants it.
func runRule(t *testing.T, id string, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rep := Analyze(Input{Text: tc.text})
			if got := rep.HasFlag(id); got != tc.want {
				var ids []string
				for _, f := range rep.Flags {
					ids = append(ids, f.ID)
				}
				t.Fatalf("%s raised = %v, want %v; flags: %v", id, got, tc.want, ids)
			}
		})
	}
}

func TestRuleFakeMistake(t *testing.T) {
	runRule(t, "fake-mistake", []ruleCase{
		{"perfectionist", "Honestly my mistake is that I'm a perfectionist and I polish everything.", true},
		{"too committed", "I think I was simply too committed to the launch to take a weekend off.", true},
		{"asr cannot say no", "my problem is i just can't say no when people ask for help", true},
		{"someone else's trait", "My old manager was a perfectionist who rewrote every slide.", false},
		{"contrasted away", "People call me a perfectionist, but the real mistake was shipping the report unread.", false},
		{"plain owned error", "I deleted the wrong folder on the shared drive and lost a day of edits.", false},
	})
}

func TestRuleClaimsImmunity(t *testing.T) {
	runRule(t, "claims-immunity", []ruleCase{
		{"cannot think of one", "To be honest I can't think of a real mistake I've made at work.", true},
		{"nothing comes to mind", "nothing big really comes to mind if i'm honest", true},
		{"never made serious errors", "I've never really made any serious errors in this job.", true},
		{"recurrence is change", "I haven't made that same mistake since I started using the checklist.", false},
		{"remembering a time", "I can't remember exactly what day it was, but I sent the quote late.", false},
	})
}

func TestRuleBlameDiffusion(t *testing.T) {
	runRule(t, "blame-diffusion", []ruleCase{
		{"qa missed it", "The tester never flagged the broken login and QA missed it before the release.", true},
		{"we as a team", "we as a team just weren't talking to each other and nobody checked the dates", true},
		{"i was told", "I was told the stock count had been done, so it wasn't on me.", true},
		{"owned despite others", "Nobody else reviewed the rota either, but the rota was mine to check.", false},
		{"we in the situation", "Last year we were a team of six running the night desk. I skipped the handover note and a guest was double-booked, which cost us a refund of two hundred pounds.", false},
		{"we rolled back", "I pushed the change without a review. We rolled it back within ten minutes.", false},
	})
}

func TestRulePassiveVoice(t *testing.T) {
	runRule(t, "passive-voice", []ruleCase{
		{"agentless mistake", "The invoices were sent to the wrong client and the totals weren't checked.", true},
		{"get passive", "the order got pushed to the old supplier", true},
		{"adverb between", "The backup was never actually tested.", true},
		{"contraction", "It's been fixed now, but the wrong file had been uploaded.", true},
		{"be plus adjective", "I was tired and worried, and I skipped the second count.", false},
		{"used to", "I was used to a smaller warehouse, so I guessed the pick times.", false},
		{"active perfect", "I had broken the build and I was sending fixes all night.", false},
		{"get plus noun", "I got the email at noon and it got worse after lunch.", false},
		{"named agent", "The refund was approved by my manager after I asked.", false},
	})
}

func TestRuleNoStakes(t *testing.T) {
	runRule(t, "no-stakes", []ruleCase{
		{"no harm done", "I typed the wrong room on the invite, fixed it in a minute, no harm done.", true},
		{"nothing measured", "I forgot to update the slide before the meeting.", true},
		{"numbers and people", "About 300 patients got the wrong reminder time and twelve missed their appointment.", false},
		{"money", "We ended up refunding four thousand dollars to the client.", false},
		{"scale is not stakes", "We serve about 3,000 customers a week.", true},
	})
}

func TestRuleGenericLesson(t *testing.T) {
	runRule(t, "generic-lesson", []ruleCase{
		{"communication is key", "I learned that communication is really key in a busy kitchen.", true},
		{"be more careful", "What I took from it is to be more careful with the numbers.", true},
		{"grew a lot", "honestly i grew a lot as a professional from that", true},
		{"fact learned", "I learned that the portal sorts applicants by surname, not by date.", false},
		{"lesson with a practice", "I learned that checking matters, so now before every payroll run I compare the totals against last month on a checklist.", false},
	})
}

func TestRuleNoMechanism(t *testing.T) {
	runRule(t, "no-mechanism", []ruleCase{
		{"stops at the fix", "I sent the wrong price list, then I called the client and corrected it that day.", true},
		{"vague intention", "Going forward I'll try to be more careful with price lists.", true},
		{"maxim", "You should always double-check a price list before it goes out.", true},
		{"checklist every time", "Now before every price list goes out I run it through a two-step checklist with a colleague.", false},
		{"whenever rule", "Whenever I change a shift, I text the person and note the time on the rota.", false},
	})
}

func TestRuleNoRootCause(t *testing.T) {
	runRule(t, "no-root-cause", []ruleCase{
		{"what without why", "I shipped the update on Friday and the app crashed for a thousand users.", true},
		{"motive of a response", "I sent the wrong invoice, and I called the client that afternoon because I wanted them to hear it from me.", true},
		{"unknown cause", "I sent the wrong invoice and honestly I don't know why it happened.", true},
		{"assumption", "I assumed the staging data matched production, so I skipped the load test.", false},
		{"missing habit", "i never built the habit of reading the whole ticket so i missed the second requirement", false},
		{"reason was", "The reason was that I trusted last year's template without checking it.", false},
	})
}

func TestRuleHedgingAndFillers(t *testing.T) {
	rep := Analyze(Input{Text: "It was kind of a small thing, just a minor slip really."})
	if !rep.HasFlag("hedging") {
		t.Error("hedging not raised on a minimised mistake")
	}
	rep = Analyze(Input{Text: "The kind of report I send every Monday goes to the director."})
	if rep.HasFlag("hedging") {
		t.Error("hedging raised on \"the kind of report\"")
	}
	rep = Analyze(Input{Text: "um so like i basically uh sent it you know to the wrong um list"})
	if rep.Fillers.Count < 5 {
		t.Errorf("counted %d fillers, want at least 5", rep.Fillers.Count)
	}
	rep = Analyze(Input{Text: "I would like to say it felt like a long week, and I like my job."})
	if rep.Fillers.Count != 0 {
		t.Errorf("counted %d fillers in a sentence with none", rep.Fillers.Count)
	}
}

func TestLengthAndBalance(t *testing.T) {
	short := Analyze(Input{Text: "I sent the wrong file.", RecordingS: 20})
	if !short.HasFlag("too-short") {
		t.Error("a 20 s answer is not flagged too short against 2:15")
	}
	long := Analyze(Input{Text: strings.Repeat("I checked the figures again. ", 40), RecordingS: 260})
	if !long.HasFlag("too-long") {
		t.Error("a 4:20 answer is not flagged too long")
	}
	ok := Analyze(Input{Text: "I sent the wrong file.", RecordingS: 140})
	if ok.HasFlag("too-short") || ok.HasFlag("too-long") {
		t.Error("a 2:20 answer flagged for length")
	}
}

func TestSectionsByMarksOnTimedWords(t *testing.T) {
	// Two cues: the first holds the situation and the mistake, the
	// second the rest. A mark at 3.5 s falls inside the first cue, just before "I double-booked" (spoken at about 3.9 s).
	text := "I ran the front desk. I double-booked a room.\nI assumed the system locked it. I called the guest at once."
	cues := []transcript.Cue{{Start: 0, End: 45, From: 0, To: 8}, {Start: 46, End: len(text), From: 8, To: 16}}
	rep := Analyze(Input{Text: text, Cues: cues, Marks: []float64{3.5, 8, 12}})
	if got := rep.Sections[1]; got.Start < 0 || !strings.HasPrefix(text[got.Start:], "I double-booked") {
		t.Errorf("the mistake section starts at %d, want at the first word spoken after the 3.5 s mark", got.Start)
	}
	if got := rep.Sections[2]; got.Start < 0 || !strings.HasPrefix(text[got.Start:], "I assumed") {
		t.Errorf("the root-cause section starts at %d, want at the second cue", got.Start)
	}
}

func TestSectionsByMarks(t *testing.T) {
	text := "I ran the front desk. I double-booked a room. I assumed the system locked it. I called the guest at once. Now I check every booking twice."
	rep := Analyze(Input{Text: text, Marks: []float64{3, 6, 9, 12}, RecordingS: 20})
	want := []float64{3, 3, 3, 3, 8}
	for i, s := range rep.Sections {
		if s.Seconds != want[i] {
			t.Errorf("section %s: %v s, want %v", s.ID, s.Seconds, want[i])
		}
		if s.Words == 0 {
			t.Errorf("section %s has no words", s.ID)
		}
	}
	if rep.DurationSource != "recording" || rep.DurationS != 20 {
		t.Errorf("duration %v from %s", rep.DurationS, rep.DurationSource)
	}
}

func TestDurationSources(t *testing.T) {
	words := strings.Repeat("word ", 150)
	if r := Analyze(Input{Text: words}); r.DurationSource != "estimated" || r.DurationS != 60 {
		t.Errorf("150 words: %v s %s, want 60 estimated", r.DurationS, r.DurationSource)
	}
}

func TestMissingSectionShape(t *testing.T) {
	rep := Analyze(Input{Text: "I forgot the meeting."})
	for _, s := range rep.Sections {
		if s.Words == 0 && (s.Start != -1 || s.End != -1 || s.Score != 0) {
			t.Errorf("missing section %s: start %d end %d score %d", s.ID, s.Start, s.End, s.Score)
		}
	}
	if len(rep.Sections) != 5 {
		t.Fatalf("%d sections", len(rep.Sections))
	}
}

func TestEmptyInput(t *testing.T) {
	rep := Analyze(Input{})
	if rep.Words != 0 || len(rep.Sections) != 5 || rep.Flags == nil || rep.Passive == nil {
		t.Fatalf("empty input report malformed: %+v", rep)
	}
}

func TestNoFlagsIsAnEmptyList(t *testing.T) {
	text := strings.Repeat("Last spring I led the returns team. ", 1) +
		"I approved the refund batch without checking the currency column because I assumed the export used pounds, so I refunded 140 customers ten times too much, about 9,000 pounds. " +
		"That same afternoon I stopped the batch, called the bank and emailed each customer. " +
		"Now before every batch I run a script that compares the totals with the ledger, and it caught a duplicate file in May."
	rep := Analyze(Input{Text: text, RecordingS: 130})
	if len(rep.Flags) != 0 || len(rep.Passive) != 0 {
		t.Fatalf("the answer should raise nothing; flags %v, passive %v", rep.Flags, rep.Passive)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"flags":null`) || strings.Contains(string(b), `"passive":null`) {
		t.Fatalf("empty lists marshal as null: %s", b)
	}
}
