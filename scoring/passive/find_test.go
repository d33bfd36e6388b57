package passive

import (
	"reflect"
	"testing"
)

// spans returns the matched text of each match, for compact tables.
func spans(text string, ms []Match) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, text[m.Start:m.End])
	}
	return out
}

func TestFindRules(t *testing.T) {
	tests := []struct {
		rule, text string
		want       []string
	}{
		// be + participle, regular and irregular.
		{"be regular", "the vendor was vetted last spring", []string{"was vetted"}},
		{"be irregular", "the keys were stolen from the van", []string{"were stolen"}},
		{"be irregular same as past", "the order was put on hold", []string{"was put"}},
		{"two passives", "the form was signed and the copy was filed", []string{"was signed", "was filed"}},
		{"upper case", "THE ORDER WAS CANCELLED BY THE CUSTOMER", []string{"WAS CANCELLED"}},
		// Words between the auxiliary and the participle.
		{"adverbs between", "the vendor was never properly vetted", []string{"was never properly vetted"}},
		{"fillers with commas", "the tests were, uh, skipped", []string{"were, uh, skipped"}},
		{"you know filler", "the file was you know deleted", []string{"was you know deleted"}},
		{"too many words between", "it was um uh like just really finally checked", nil},
		{"sentence break between", "that was it. Checked the logs twice.", nil},
		// Contractions, with and without the apostrophe, straight or curly.
		{"n't", "the invoice wasn't approved", []string{"wasn't approved"}},
		{"curly n't", "the rooms weren’t cleaned", []string{"weren’t cleaned"}},
		{"bare n't", "the backup wasnt restored", []string{"wasnt restored"}},
		{"it's been", "it's been patched", []string{"'s been patched"}},
		{"curly 's been after noun", "the build’s been broken since tuesday", []string{"’s been broken"}},
		{"they're", "they're paid weekly", []string{"'re paid"}},
		{"bare they're", "theyre paid weekly", []string{"re paid"}},
		{"'d been", "they'd already been paid", []string{"'d already been paid"}},
		{"hadn't been", "the rota hadn't been shared", []string{"hadn't been shared"}},
		{"'ll be", "you’ll be contacted by the recruiter", []string{"’ll be contacted"}},
		// Modal, perfect, progressive and infinitive chains.
		{"modal perfect", "I shouldn't have been put in charge", []string{"shouldn't have been put"}},
		{"could've", "the crash could've been avoided", []string{"could've been avoided"}},
		{"should of", "the numbers could of been checked", []string{"could of been checked"}},
		{"shoulda", "the files shoulda been archived", []string{"shoulda been archived"}},
		{"will be", "the doses will be rechecked", []string{"will be rechecked"}},
		{"has been", "the server has been patched", []string{"has been patched"}},
		{"progressive passive", "the alerts were being ignored", []string{"were being ignored"}},
		{"to be", "the form needs to be signed", []string{"to be signed"}},
		{"having been", "having been warned I still went ahead", []string{"having been warned"}},
		{"being alone", "after being told twice", []string{"being told"}},
		{"prepositional passive", "the issue is being looked into", []string{"is being looked"}},
		// get passives.
		{"got", "the patch got reverted", []string{"got reverted"}},
		{"gets", "the form gets filled in by the patient", []string{"gets filled"}},
		{"getting", "the lab is getting audited", []string{"is getting audited"}},
		{"get infinitive", "we need to get approved first", []string{"to get approved"}},
		{"got irregular", "I got caught out", []string{"got caught"}},
		// Traps: be + adjective.
		{"adjective -ed", "I was exhausted by friday", nil},
		{"adjective -ed with by agent", "I was surprised by the auditor", []string{"was surprised"}},
		{"degree word", "the launch was extremely rushed", nil},
		{"too", "the release was too rushed", nil},
		{"-ly not adverb", "the nurse was friendly", nil},
		{"un- adjective", "the code was untested", nil},
		{"un- verb", "the doors were unlocked", []string{"were unlocked"}},
		{"compound adjective", "she was detail-oriented", nil},
		{"prefixed participle", "the totals were double-checked", []string{"were double-checked"}},
		{"prefix written apart", "the totals were double checked", []string{"were double checked"}},
		{"-ed noun", "the dashboard was red", nil},
		{"-eed base", "there was a need for speed", nil},
		{"-eed participle", "the rate was agreed in writing", []string{"was agreed"}},
		{"idiom", "I was fed up with the tool", nil},
		{"fed is still a participle", "the patient was fed at noon", []string{"was fed"}},
		{"idiom with adverb", "we were completely burned out", nil},
		{"intransitive", "the budget was gone by march", nil},
		// Traps: used to, supposed to, based.
		{"used to, person", "I was used to paper forms", nil},
		{"used to, -ing", "the team was used to working late", nil},
		{"used to, purpose", "the old key was used to sign builds", []string{"was used"}},
		{"got used to", "I got used to the new system", nil},
		{"used to be + passive", "it used to be reviewed weekly", []string{"to be reviewed"}},
		{"supposed to", "I was supposed to call back", nil},
		{"supposed to be + passive", "it was supposed to be reviewed", []string{"to be reviewed"}},
		{"based in", "the clinic is based in Leeds", nil},
		{"located in", "the depot is located in Hull", nil},
		{"belief state", "I was convinced the totals were right", nil},
		{"prefixed irregular", "the grant was overspent", []string{"was overspent"}},
		{"born", "I was born in Accra", []string{"was born"}},
		{"degree before adverb", "the fair was so badly run", []string{"was so badly run"}},
		{"meant to", "I was meant to check it", nil},
		{"bound to", "it was bound to slip", nil},
		{"taken aback", "I was taken aback", nil},
		{"intransitive behaved", "the class was well behaved", nil},
		{"noun 's + participle + preposition", "the handover's done at the bedside", []string{"'s done"}},
		{"noun 's + participle at the end", "the rota's printed.", []string{"'s printed"}},
		{"noun 's + participle + noun", "the manager's approved list", nil},
		{"its for it's", "its fixed now", []string{"its fixed"}},
		{"its possessive", "its cached value was stale", nil},
		{"its been", "its been patched", []string{"its been patched"}},
		{"bare that's", "thats been handled", []string{"s been handled"}},
		{"got rid of", "we got rid of the manual step", nil},
		{"repeated auxiliary", "it was was um tested", []string{"was um tested"}},
		{"question inversion", "Were they told? No.", []string{"Were they told"}},
		{"two chains in one sentence", "the results are expected to be released", []string{"are expected", "to be released"}},
		{"perfect with yet", "the refund has not yet been issued", []string{"has not yet been issued"}},
		// Traps: active perfect and progressive.
		{"active perfect", "I had broken the build", nil},
		{"active perfect 's", "he's broken the build again", nil},
		{"active perfect 'd", "she’d told them twice", nil},
		{"progressive", "I was sending the wrong file", nil},
		{"perfect progressive", "it's been raining all week", nil},
		{"possessive 's", "the team's shared drive", nil},
		// Traps: get + adjective or noun, got to, get going.
		{"get adjective", "things got worse", nil},
		{"get noun", "I got the email late", nil},
		{"got to", "I got to run the retro", nil},
		{"get going", "we need to get going", nil},
		{"got -ed adjective", "I got bored with it", nil},
		{"causative get", "let's get it fixed", nil},
		// Ambiguous participles: person or thing.
		{"done, person", "I was done by six", nil},
		{"done, thing", "the count was done twice", []string{"was done"}},
		{"prepared, person", "I wasn't prepared for that", nil},
		{"prepared, agent", "the slides were prepared by an intern", []string{"were prepared"}},
		{"lost, person", "we got lost on the way", nil},
		{"lost, thing", "the parcel got lost", []string{"got lost"}},
		{"let's", "let's get started", nil},
		// Other traps.
		{"be + noun", "it was a mess", nil},
		{"there + premodifier", "there was a missed call", nil},
		{"there + premodifier no article", "there were missed calls", nil},
		{"plain participle", "the report I sent was fine", nil},
		{"causative have", "they had the logs deleted", nil},
		{"copula other than be", "it seemed rushed", nil},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			got := spans(tt.text, Find(tt.text))
			want := tt.want
			if want == nil {
				want = []string{}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Find(%q) = %q, want %q", tt.text, got, want)
			}
		})
	}
}

func TestFindFields(t *testing.T) {
	tests := []struct {
		text string
		want Match
	}{
		{"the tests weren't run", Match{Start: 10, End: 21, Aux: "were", Participle: "run", Subject: "tests"}},
		{"it’s been fixed", Match{Start: 2, End: 17, Aux: "'s been", Participle: "fixed", Subject: "it"}},
		{"the deploy should have been caught", Match{Start: 11, End: 34, Aux: "should have been", Participle: "caught", Subject: "deploy"}},
		{"um the email got sent to everyone", Match{Start: 13, End: 21, Aux: "got", Participle: "sent", Subject: "email"}},
		{"it was approved by the VP", Match{Start: 3, End: 15, Aux: "was", Participle: "approved", ByAgent: true, Subject: "it"}},
		{"it was fixed by friday", Match{Start: 3, End: 12, Aux: "was", Participle: "fixed", Subject: "it"}},
		{"it was sent by mistake", Match{Start: 3, End: 11, Aux: "was", Participle: "sent", Subject: "it"}},
		{"the price was cut by a lot", Match{Start: 10, End: 17, Aux: "was", Participle: "cut", Subject: "price"}},
		{"the plan was drawn up by legal", Match{Start: 9, End: 18, Aux: "was", Participle: "drawn", ByAgent: true, Subject: "plan"}},
		{"and uh i was told", Match{Start: 9, End: 17, Aux: "was", Participle: "told", Subject: "i"}},
		{"the form needs to be signed", Match{Start: 15, End: 27, Aux: "to be", Participle: "signed"}},
		{"Nobody knew. Was it tested", Match{Start: 13, End: 26, Aux: "was", Participle: "tested", Subject: "it"}},
	}
	for _, tt := range tests {
		ms := Find(tt.text)
		if len(ms) != 1 {
			t.Errorf("Find(%q) = %+v, want one match", tt.text, ms)
			continue
		}
		if ms[0] != tt.want {
			t.Errorf("Find(%q) = %+v, want %+v", tt.text, ms[0], tt.want)
		}
	}
}

func TestFindEmptyAndOdd(t *testing.T) {
	for _, text := range []string{"", " ", "...", "was", "was been being", "'s", "’", "n't", "by", "\xff\xfewas\xffmade", "was\u0301 made"} {
		for _, m := range Find(text) {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Errorf("Find(%q): bad span %+v", text, m)
			}
		}
	}
}
