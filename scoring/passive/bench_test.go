package passive

import (
	"os"
	"strings"
	"testing"
)

// loadAnswer reads testdata/answer350.txt: a spoken-style answer of about
// 350 words with passives, adjectives, fillers and contractions, written
// for this benchmark. bench/passive-peers times the peers on it too.
func loadAnswer(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile("testdata/answer350.txt")
	if err != nil {
		tb.Fatalf("read benchmark answer: %v", err)
	}
	return string(b)
}

func BenchmarkFind(b *testing.B) {
	answer350 := loadAnswer(b)
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
	answer350 := loadAnswer(t)
	n := len(strings.Fields(answer350))
	if n < 330 || n > 380 {
		t.Errorf("benchmark answer has %d words, want about 350", n)
	}
	if len(Find(answer350)) < 5 {
		t.Errorf("benchmark answer should contain several passives, found %d", len(Find(answer350)))
	}
}
