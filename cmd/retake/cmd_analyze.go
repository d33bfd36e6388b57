package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"retake/scoring"
	"retake/scoring/transcript"
)

func init() {
	register("analyze", "score a transcript against the rubric ([--json] [--target 2m15s] [--duration D] [--marks a,b,c,d] FILE|-)",
		func(args []string) int { return cmdAnalyze(args, os.Stdin, os.Stdout, os.Stderr) })
}

// cmdAnalyze reads a transcript (a file or standard input), analyzes it
// and prints the rubric card or its JSON form.
func cmdAnalyze(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	target := fs.String("target", "2m15s", "target answer length, 1m to 5m (2m15s or 2:15)")
	dur := fs.String("duration", "", "the recording's length, when known (2m10s or 2:10)")
	marks := fs.String("marks", "", "seconds at which sections 2..5 began, comma-separated")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: retake analyze [--json] [--target 2m15s] [--duration D] [--marks a,b,c,d] FILE|-")
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
	in := scoring.Input{}
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
		in.Marks = m
	}
	data, err := readTranscript(name, stdin)
	if err != nil {
		return failf("%s: %v", displayName(name), err)
	}
	tr, err := transcript.Parse(name, data)
	if err != nil {
		return failf("%s: %v", displayName(name), err)
	}
	in.Text, in.Cues = tr.Text, tr.Cues
	rep := scoring.Analyze(in)
	rep.QuoteFrom(string(data))
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

// parseMarks reads up to four increasing, non-negative seconds.
func parseMarks(s string) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) > 4 {
		return nil, errors.New("at most four marks (the starts of sections 2 to 5)")
	}
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
