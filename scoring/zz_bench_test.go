package scoring

import (
	"os"
	"testing"

	"retake/scoring/text"
)

func BenchmarkZZTokenize(b *testing.B) {
	data, _ := os.ReadFile("/tmp/b/1mib.txt")
	ls := builtinLists()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		text.Tokenize(string(data), ls.vocab)
	}
}
func BenchmarkZZFindAll(b *testing.B) {
	data, _ := os.ReadFile("/tmp/b/1mib.txt")
	ls := builtinLists()
	d := text.Tokenize(string(data), ls.vocab)
	s := newStream(d, ls)
	for b.Loop() {
		ls.findAll(s)
	}
}
