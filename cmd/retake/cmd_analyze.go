package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"retake/scoring"
	"retake/scoring/transcript"
)

func init() {
	register("analyze", "score a transcript against a rubric ([--json] [--rubric mistake|failure|FILE.json] [--target 2m15s] [--duration D] [--marks a,b,...] FILE|-)",
		func(args []string) int { return cmdAnalyze(args, os.Stdin, os.Stdout, os.Stderr) })
}

// cmdAnalyze reads a transcript (a file or standard input), analyzes it
// and prints the rubric card or its JSON form.
func cmdAnalyze(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// One analysis and out: the process holds tens of megabytes at most
	// (boundHeap caps large inputs), so the heap may grow further between
	// collections than a long-running program's would. From a heap of a
	// few megabytes the default collects a dozen times while the word
	// lists compile and the text is read; bench/analyzer/run.sh measured
	// the whole command about a sixth faster like this.
	debug.SetGCPercent(oneShotGCPercent)
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	target := fs.String("target", "2m15s", "target answer length, 1m to 5m (2m15s or 2:15)")
	dur := fs.String("duration", "", "the recording's length, when known (2m10s or 2:10)")
	marks := fs.String("marks", "", "seconds at which the second and later sections began, comma-separated")
	rubricArg := fs.String("rubric", "mistake", "a built-in rubric (mistake, failure) or a rubric file (.json)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: retake analyze [--json] [--rubric mistake|failure|FILE.json] [--target 2m15s] [--duration D] [--marks a,b,...] FILE|-")
		fs.PrintDefaults()
	}
	pos, ok := parseArgs(fs, args, stderr)
	if !ok {
		return 2
	}
	if len(pos) != 1 {
		fs.Usage()
		return 2
	}
	name := pos[0]
	failf := func(format string, a ...any) int {
		return fail(stderr, "analyze", fmt.Errorf(format, a...))
	}
	// A file is read and parsed while the rubric's word lists compile
	// (standard input waits: a bad flag must not leave it waiting for a
	// terminal). Errors still come in the order of the flags.
	var pending chan *readResult
	if name != "-" {
		if st, err := os.Stat(name); err == nil {
			boundHeap(int(st.Size())) // before the lists compile
		}
		pending = make(chan *readResult, 1)
		go func() {
			r := readAndParse(name, nil)
			pending <- &r
		}()
	}
	in := scoring.Input{}
	rubric, err := loadRubricArg(*rubricArg)
	if err != nil {
		return failf("--rubric %s: %v", *rubricArg, err)
	}
	in.Rubric = rubric.ID
	t, err := parseClockFlag(*target)
	if err != nil {
		return failf("--target %q: %v", *target, err)
	}
	if t < scoring.MinTarget || t > scoring.MaxTarget {
		return failf("--target %s: must be between 1:00 and 5:00", *target)
	}
	in.Target = t
	if *dur != "" {
		d, err := parseClockFlag(*dur)
		if err != nil || d <= 0 {
			return failf("--duration %q: not a positive duration such as 2m10s or 2:10", *dur)
		}
		in.RecordingS = d.Seconds()
	}
	if *marks != "" {
		m, err := parseMarks(*marks)
		if err != nil {
			return failf("--marks %q: %v", *marks, err)
		}
		if len(m) >= len(rubric.Sections) {
			return failf("--marks %q: %d marks, but the %s rubric has %d sections (at most %d marks)", *marks, len(m), rubric.ID, len(rubric.Sections), len(rubric.Sections)-1)
		}
		in.Marks = m
	}
	var rr *readResult
	if pending != nil {
		rr = <-pending
	} else {
		r := readAndParse(name, stdin)
		rr = &r
	}
	if rr.err != nil {
		return failf("%s: %v", displayName(name), rr.err)
	}
	original, tr := rr.original, rr.tr
	*rr = readResult{}
	in.Text, in.Cues = tr.Text, tr.Cues
	rep := scoring.AnalyzeWith(rubric, in)
	if original != nil {
		rep.QuoteFrom(string(original))
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return failf("write: %v", err)
		}
		return 0
	}
	if _, err := io.WriteString(stdout, scoring.RenderCard(rep)); err != nil {
		return failf("write: %v", err)
	}
	return 0
}

// readResult is a transcript read and parsed, or why it could not be.
type readResult struct {
	tr transcript.Transcript
	// original is the file's bytes when its text is not the parsed text
	// (subtitles, Markdown): spans quote the file's own words.
	original []byte
	err      error
}

// readAndParse reads the transcript (stdin for "-") within the heap its
// size calls for, and parses it. When the parsed text is the file (plain
// text), spans already quote the file, and its bytes are dropped here,
// before the analysis needs the memory.
func readAndParse(name string, stdin io.Reader) readResult {
	data, err := readTranscript(name, stdin)
	if err != nil {
		return readResult{err: err}
	}
	boundHeap(len(data))
	tr, err := transcript.Parse(name, data)
	if err != nil {
		return readResult{err: err}
	}
	if tr.Text == string(data) {
		return readResult{tr: tr}
	}
	return readResult{tr: tr, original: data}
}

// boundHeap keeps the garbage collector near what the analysis of a
// large transcript needs (about ten bytes of heap per byte of text)
// instead of letting the heap grow to twice its live size, so a 10 MB
// transcript stays well within the memory of a small machine. Below
// boundHeapFrom the runtime's defaults are both small and faster: a
// limit that close to the live heap makes the collector run again and
// again (27 collections instead of 8 for 1 MiB, and the whole command
// took some 40% longer).
func boundHeap(n int) {
	if n > boundHeapFrom {
		debug.SetGCPercent(100) // not oneShotGCPercent: this heap is large
		debug.SetMemoryLimit(int64(10*n) + 16<<20)
	}
}

// oneShotGCPercent is the collector's growth setting for one analysis.
const oneShotGCPercent = 400

// boundHeapFrom is the transcript size from which boundHeap limits the
// heap; under it the default heap stays below 100 MB.
const boundHeapFrom = 4 << 20

// loadRubricArg loads a built-in rubric by id, or a rubric file by its
// path (anything with a slash or ending in .json).
func loadRubricArg(arg string) (*scoring.Rubric, error) {
	if !strings.HasSuffix(arg, ".json") && !strings.ContainsRune(arg, os.PathSeparator) {
		return scoring.LoadRubric(arg)
	}
	st, err := os.Stat(arg)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, errors.New("no such file")
	case err != nil:
		return nil, err
	case !st.Mode().IsRegular():
		return nil, errors.New("not a regular file")
	case st.Size() > maxRubricBytes:
		return nil, fmt.Errorf("%d bytes; a rubric file holds at most %d", st.Size(), maxRubricBytes)
	}
	data, err := os.ReadFile(arg)
	if err != nil {
		return nil, err
	}
	return scoring.ParseRubric(data)
}

// maxRubricBytes bounds a rubric file, word lists included.
const maxRubricBytes = 4 << 20

func displayName(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// readTranscript reads at most one byte more than a transcript may hold,
// so a huge file is refused without being read whole.
func readTranscript(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := openTranscriptFile(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, transcript.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(data) > transcript.MaxBytes {
		return nil, transcript.ErrTooLarge
	}
	return data, nil
}

// openTranscriptFile opens a transcript file for reading. It opens
// without blocking, so a named pipe or a device is refused at once
// instead of hanging, and checks the open file (not the name, which could
// change in between) is a regular file within the size limit.
func openTranscriptFile(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		switch {
		case errors.Is(err, os.ErrNotExist):
			return nil, errors.New("no such file")
		case errors.Is(err, os.ErrPermission):
			return nil, errors.New("permission denied")
		}
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	switch m := st.Mode(); {
	case m.IsDir():
		err = errors.New("is a directory, not a transcript file")
	case m&os.ModeNamedPipe != 0:
		err = errors.New("is a named pipe (FIFO), not a transcript file; to read a stream, pipe it to standard input (-)")
	case m&os.ModeDevice != 0 || m&os.ModeCharDevice != 0:
		err = errors.New("is a device, not a transcript file")
	case !m.IsRegular():
		err = errors.New("is not a regular file, not a transcript file")
	case st.Size() > transcript.MaxBytes:
		err = transcript.ErrTooLarge
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// parseClockFlag reads "2m15s", "135s", "2:15" or "135".
func parseClockFlag(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if m, sec, ok := strings.Cut(s, ":"); ok {
		mi, err1 := strconv.Atoi(m)
		se, err2 := strconv.ParseFloat(sec, 64)
		if err1 != nil || err2 != nil || mi < 0 || se < 0 || se >= 60 {
			return 0, errors.New("not a length such as 2:15")
		}
		return time.Duration((float64(mi)*60 + se) * float64(time.Second)), nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, errors.New("not a length such as 2m15s or 2:15")
	}
	return d, nil
}

// parseMarks reads increasing, non-negative seconds; how many a rubric
// allows (one fewer than its sections) is checked by the caller.
func parseMarks(s string) ([]float64, error) {
	parts := strings.Split(s, ",")
	var out []float64
	for _, p := range parts {
		d, err := parseClockFlag(p)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("%q is not a number of seconds", strings.TrimSpace(p))
		}
		v := d.Seconds()
		if len(out) > 0 && v < out[len(out)-1] {
			return nil, errors.New("marks must not go backwards")
		}
		out = append(out, v)
	}
	return out, nil
}
