package text

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkTokenize1MiB reads a mebibyte of the team's corpus answers
// (their text after the header), in two halves as a long text is.
func BenchmarkTokenize1MiB(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "answers", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no corpus answers: %v", err)
	}
	var all strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(data), "\n---\n")
		all.WriteString(body)
		all.WriteString("\n")
	}
	src := strings.Repeat(all.String(), (1<<20)/all.Len()+1)[:1<<20]
	base := BaseVocab()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Tokenize(src, base)
	}
}
