package scoring

import (
	"strings"
	"testing"
)

// The failure categories the outside evaluation showed, each in the
// project's own wording: a strong answer that must not raise the flag
// beside a weak one that must. Each answer is written out whole, with
// the parts a coach expects, so the flag under test is the only thing
// that changes.

// strongParts are sentences a strong answer is built from; a case
// swaps in the one it is about.
var strongParts = map[string]string{
	"situation": "Last autumn I ran the front desk of a small veterinary clinic with three nurses.",
	"mistake":   "I booked a dog's dental procedure for the wrong day because I read the vet's note as the sixth, not the sixteenth, and I never confirmed it with her.",
	"stakes":    "The owner took a day off work and drove forty minutes with a dog who had fasted since midnight, and the vet had no slot for him.",
	"cause":     "I assumed the handwritten notes were always in day-month order, and I had no habit of reading a date back to the vet before I booked it.",
	"response":  "That same morning I apologised to the owner, we waived the consultation fee, and we rebooked the procedure for the next day.",
	"change":    "Now every booking I take from a handwritten note gets read back to the vet before I enter it, and I put the date in words in the diary. Since then it has caught two dates that would have been wrong.",
}

// answerWith builds a strong answer with some parts replaced.
func answerWith(over map[string]string) string {
	var parts []string
	for _, k := range []string{"situation", "mistake", "stakes", "cause", "response", "change"} {
		s := strongParts[k]
		if o, ok := over[k]; ok {
			s = o
		}
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

type categoryCase struct {
	name string
	over map[string]string
	want bool
}

func runCategory(t *testing.T, flag string, cases []categoryCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			text := answerWith(tc.over)
			rep := Analyze(Input{Text: text})
			if got := rep.HasFlag(flag); got != tc.want {
				var ids []string
				for _, f := range rep.Flags {
					ids = append(ids, f.ID+" "+joinQuoted(f.Spans, 2))
				}
				t.Errorf("%s raised = %v, want %v\nflags: %v\ntext: %s", flag, got, tc.want, ids, text)
			}
		})
	}
}

func TestCategoryStrongAnswerIsClean(t *testing.T) {
	rep := Analyze(Input{Text: answerWith(nil)})
	for _, f := range rep.Flags {
		if MustRubric("mistake").Flags[f.ID].Killer {
			t.Errorf("the strong answer raises %s: %s", f.ID, joinQuoted(f.Spans, 3))
		}
	}
}

// Category 3: "we" doing shared work is not blame; blame carried by an
// institution, by everyone or by nobody is.
func TestCategorySharedWeAndHiddenBlame(t *testing.T) {
	runCategory(t, "blame-diffusion", []categoryCase{
		{"we waived and rebooked", nil, false},
		{"we log it now", map[string]string{"change": "Now we have reception log every booking date in words, and I read each one back to the vet. Since then it has caught two dates."}, false},
		{"head office", map[string]string{"mistake": "Head office had changed the booking template and nobody told us, so the dental went in on the wrong day.", "cause": "The system was confusing and the notes were unclear."}, true},
		{"everyone followed the plan", map[string]string{"mistake": "The dental ended up on the wrong day.", "cause": "Honestly the whole clinic was just following the rota, and no one questioned it."}, true},
		{"we as the subject of the error", map[string]string{"mistake": "We booked the dental on the wrong day and we didn't confirm it with the vet.", "cause": "We had a breakdown in communication between the desk and the vets."}, true},
	})
}

// Category 4: a cause told plainly in words no list names, or after
// the response.
func TestCategoryPlainCauses(t *testing.T) {
	runCategory(t, "no-root-cause", []categoryCase{
		{"gotten comfortable", map[string]string{"cause": "The reason, honestly, is I'd gotten comfortable with the vet's handwriting and stopped reading dates back."}, false},
		{"what happened is", map[string]string{"cause": "I guess what happened is I was rushing the end-of-day bookings and I took the note at face value."}, false},
		{"cause after the response", map[string]string{"cause": "", "change": "Looking back, I had never treated a handwritten date as something to check. " + strongParts["change"]}, false},
		{"no why at all", map[string]string{"mistake": "I booked a dog's dental procedure for the wrong day.", "cause": ""}, true},
		{"a why that is not known", map[string]string{"mistake": "I booked a dog's dental procedure for the wrong day.", "cause": "Why it happened I honestly still don't know."}, true},
	})
}

// Category 5: a "mistake" that is doing more or better than asked, with
// a happy ending.
func TestCategoryVirtueAsMistake(t *testing.T) {
	runCategory(t, "fake-mistake", []categoryCase{
		{"real mistake", nil, false},
		{"went beyond the brief", map[string]string{
			"mistake":  "My mistake was that I redesigned the whole booking form when I was only asked to fix one field.",
			"stakes":   "It took me two extra weekends, but the vets liked my version better and the practice manager made it the standard.",
			"cause":    "I just wanted it to be right.",
			"response": "In the end it all worked out.",
		}, true},
		{"over-delivered and loved", map[string]string{
			"mistake": "If anything, my mistake was going above and beyond on the reminder letters.",
			"stakes":  "Clients loved them and it all worked out in the end.",
		}, true},
	})
}

// quietFix is a response that costs nothing, so only the stakes
// sentence says what the mistake cost.
const quietFix = "That same morning I corrected the date in the diary and told the vet what I had done."

// Category 6: stakes minimised away.
func TestCategoryMinimisedStakes(t *testing.T) {
	runCategory(t, "no-stakes", []categoryCase{
		{"real stakes", nil, false},
		{"nobody saw it", map[string]string{"stakes": "Fortunately no client saw it, and it was sorted out by the afternoon.", "response": quietFix}, true},
		{"live a few minutes", map[string]string{"stakes": "It was live on the website for a few minutes at most before I caught it.", "response": quietFix}, true},
		{"only internal", map[string]string{"stakes": "Luckily it only affected our internal diary and nobody noticed.", "response": quietFix}, true},
	})
}

// Category 7: a practice said casually, tied to a time, or in
// speech-recognizer style, and evidence said of the habits.
func TestCategoryPracticesAndEvidence(t *testing.T) {
	runCategory(t, "no-mechanism", []categoryCase{
		{"read back every booking", nil, false},
		{"tied to a time", map[string]string{"change": "At each quarter's kickoff I set a review date with my lead and we go through every booking rule I own."}, false},
		{"any time a rule changes", map[string]string{"change": "I send a short note to the nurses any time a booking rule changes, even a small one."}, false},
		{"asr style", map[string]string{"change": "so now what i do is i read every date back to the vet before i put it in the diary and i write the month as a word"}, false},
		{"a sentiment only", map[string]string{"change": "I learned that attention to detail really matters in a clinic."}, true},
		{"a promise", map[string]string{"change": "Going forward I'll try to be more careful with dates."}, true},
	})
	rep := Analyze(Input{Text: answerWith(map[string]string{"change": "Now I read every booking date back to the vet and I write the month as a word. Both habits have caught potential mix-ups since."})})
	for _, s := range rep.Sections {
		if s.ID != "change" {
			continue
		}
		for _, c := range s.Criteria {
			if c.ID == "evidence" && !c.Met {
				t.Errorf("\"Both habits have caught potential mix-ups since\" is not read as evidence: %+v", s.Criteria)
			}
		}
	}
}
