package scoring

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchAnswer is a corpus answer of about 350 words.
func benchAnswer(b *testing.B) string {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "answers", "01-dropped-index-checkout.txt"))
	if err != nil {
		b.Fatal(err)
	}
	la, err := parseLabeledAnswer("01", data)
	if err != nil {
		b.Fatal(err)
	}
	return la.Text
}

// BenchmarkAnalyze350 analyzes one answer of about 350 words: the cost
// the app pays after every pause in typing.
func BenchmarkAnalyze350(b *testing.B) {
	text := benchAnswer(b)
	Analyze(Input{Text: text}) // load the word lists outside the timing
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Analyze(Input{Text: text})
	}
}

// BenchmarkAnalyze1MB analyzes a 1 MB transcript made of repeated
// answers; compared with BenchmarkAnalyze350 per byte it shows that the
// cost grows linearly.
func BenchmarkAnalyze1MB(b *testing.B) {
	one := benchAnswer(b)
	text := strings.Repeat(one+"\n\n", (1<<20)/(len(one)+2)+1)[:1<<20]
	Analyze(Input{Text: text})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Analyze(Input{Text: text})
	}
}

// BenchmarkAnalyzeCorpus1MiB analyzes 1 MiB made of every corpus answer
// in turn, the input bench/analyzer/run.sh times as a whole process: a
// varied text raises far more flags and sections than one answer
// repeated.
func BenchmarkAnalyzeCorpus1MiB(b *testing.B) {
	answers, err := loadLabeledAnswers(filepath.Join("testdata", "answers"))
	if err != nil {
		b.Fatal(err)
	}
	var all strings.Builder
	for _, a := range answers {
		all.WriteString(a.Text)
		all.WriteString("\n")
	}
	base := all.String()
	text := strings.Repeat(base, (1<<20)/len(base)+1)[:1<<20]
	Analyze(Input{Text: text})
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Analyze(Input{Text: text})
	}
}

// BenchmarkCompileLists measures compiling every shipped word list, which
// a command pays once at its start (the analysis itself is timed above).
func BenchmarkCompileLists(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := compileLists(nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadListImage is the shipped lists' start from their
// compiled image, which BenchmarkCompileLists is without it.
func BenchmarkLoadListImage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadListImage(); err != nil {
			b.Fatal(err)
		}
	}
}
