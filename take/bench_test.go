//go:build unix

package take

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"retake/scoring"
)

// benchLibrary makes a library of n generated takes, each with a full
// transcript and a current report, spread over three stories.
func benchLibrary(b *testing.B, n int) *Library {
	b.Helper()
	l, err := Open(Options{Root: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { l.Close() })
	text := strings.Repeat(answer+"\n", 5) // about 330 words, a full answer
	flagIDs := []string{"no-stakes", "passive-voice", "generic-lesson", "fillers", "blame-diffusion"}
	base := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range n {
		created := base.Add(time.Duration(i) * time.Hour)
		r := scoring.Report{Version: 1, AnalyzerVersion: scoring.Version, Rubric: "mistake", Words: 330, DurationS: 130, TargetS: 135, Score: 30 + i%60}
		for j, w := range []float64{0.1, 0.15, 0.2, 0.2, 0.35} {
			r.Sections = append(r.Sections, scoring.SectionResult{ID: fmt.Sprint("s", j), Title: "Section", Weight: w, Seconds: 10 + float64((i+j)%30), PlannedS: w * 135, Reasons: []string{"reason"}})
		}
		for j := range 3 {
			id := flagIDs[(i+j)%len(flagIDs)]
			r.Flags = append(r.Flags, scoring.Flag{ID: id, Severity: scoring.Major, Message: "message", Suggestion: "suggestion", Spans: []scoring.Span{{Start: 10, End: 30, Text: text[10:30], T: 4}}})
		}
		tk := &Take{
			ID: NewID(created), Question: classic, Story: fmt.Sprint("story ", i%3), Created: created,
			DurationS: 130, Marks: []float64{13, 33, 60, 87}, Transcript: text, TranscriptSource: SourceTyped,
			Audio: "audio.wav", Status: OK, Report: &r, AnalyzerVersion: scoring.Version,
		}
		if err := os.Mkdir(l.takeDir(tk.ID), dirPerm); err != nil {
			b.Fatal(err)
		}
		if err := l.Save(tk); err != nil {
			b.Fatal(err)
		}
	}
	return l
}

// cpuTime is the process's user plus system CPU time so far. The
// benchmarks report it per operation beside wall time, because on a
// machine shared with other work the wall time mostly measures the
// neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds a cpu-ns/op metric for the loop that started at start.
func reportCPU(b *testing.B, start time.Duration, n int) {
	if n > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(n), "cpu-ns/op")
	}
}

func BenchmarkList1000(b *testing.B) {
	l := benchLibrary(b, 1000)
	b.ReportAllocs()
	start, n := cpuTime(), 0
	defer func() { reportCPU(b, start, n) }()
	for b.Loop() {
		n++
		list, err := l.List()
		if err != nil || len(list) != 1000 {
			b.Fatalf("List: %d, %v", len(list), err)
		}
	}
}

func BenchmarkStats1000(b *testing.B) {
	l := benchLibrary(b, 1000)
	b.ReportAllocs()
	start, n := cpuTime(), 0
	defer func() { reportCPU(b, start, n) }()
	for b.Loop() {
		n++
		st, err := l.Stats(classic.ID, "story 1", 20)
		if err != nil || st.Total != 333 || len(st.Entries) != 20 {
			b.Fatalf("Stats: %d, %v", st.Total, err)
		}
	}
}
