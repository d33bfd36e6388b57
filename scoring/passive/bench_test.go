package passive

import (
	"strings"
	"testing"
)

// answer350 is a spoken-style answer of about 350 words with passives,
// adjectives, fillers and contractions, written for this benchmark.
var answer350 = strings.TrimSpace(`
So last spring I was the lead on the billing migration for our clinic group, and we had to move about forty thousand patient accounts to the new system by the end of the quarter. Um, the mistake was mine. I assumed the old export already handled the time zones, so I never checked the appointment timestamps before the cutover. The script was run on a Friday night and nobody was told that the reminders would be sent from the new system. On Monday about three hundred reminders went out an hour early, and a few patients showed up before the front desk was even open. I was embarrassed, honestly, and I was worried about the trust we'd lost. The root cause was that I treated the export as tested because it had been used for two years, but it had only ever been used by one site in one time zone. I hadn't built the habit of checking data at the boundary. That same morning I paused the reminder job, I called the front desk leads myself, and I rewrote the conversion with the practice manager next to me so every site was checked against its own clock. The corrected reminders were sent by noon and I wrote to the patients who'd been affected. Since then I run a boundary checklist before any data move: time zones, units, currencies and encodings, each one signed off by someone from the receiving team. It's been used on four migrations now and it caught a currency mismatch in the supplier import last month before anything was paid. I also got the reminder job a dry run mode, so a new import gets previewed against ten real accounts first. Uh, what I took away is that a thing being old doesn't mean it was ever tested for my case. If it wasn't checked for the new context, I treat it as unchecked, and I say so in the plan instead of assuming it. The team got used to the checklist quickly, and now they ask for it.
`)

func BenchmarkFind(b *testing.B) {
	mb := strings.Repeat(answer350+"\n", 1<<20/len(answer350)+1)[:1<<20]
	for _, bc := range []struct{ name, text string }{
		{"answer350", answer350},
		{"1MB", mb},
	} {
		b.Run(bc.name, func(b *testing.B) {
			words()
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				Find(bc.text)
			}
		})
	}
}

func TestBenchAnswerShape(t *testing.T) {
	n := len(strings.Fields(answer350))
	if n < 330 || n > 380 {
		t.Errorf("benchmark answer has %d words, want about 350", n)
	}
	if len(Find(answer350)) < 5 {
		t.Errorf("benchmark answer should contain several passives, found %d", len(Find(answer350)))
	}
}
