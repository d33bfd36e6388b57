package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"retake/assets"
	"retake/audio"
	"retake/scoring"
	"retake/scoring/transcript"
	"retake/take"
)

// The take library's commands. Each writes to the given streams so tests
// can run them in-process.
func init() {
	std := func(f func([]string, io.Writer, io.Writer) int) func([]string) int {
		return func(args []string) int { return f(args, os.Stdout, os.Stderr) }
	}
	register("takes", "list the stored takes (--json, --trash)", std(cmdTakes))
	register("show", "show one take and its rubric card (ID [--json])", std(cmdShow))
	register("stats", "score and section timing trends ([--question ID] [--story LABEL] [--last N] [--json])", std(cmdStats))
	register("import", "make a take from a WAV or MP3 file (FILE [--transcript FILE] [--question ID] [--story LABEL])", std(cmdImport))
	register("export", "write a take to a zip: audio, transcript, rubric card (ID --out FILE.zip)", std(cmdExport))
	register("rm", "move a take to the trash (ID), or empty the trash (--empty-trash)", std(cmdRm))
	register("restore", "bring a take back from the trash (ID)", std(cmdRestore))
	register("recover", "repair takes a crash interrupted, as the app does when it opens", std(cmdRecover))
}

// takeAudioHooks wires the audio package into the library, which knows
// nothing of codecs itself.
func takeAudioHooks() take.AudioHooks {
	return take.AudioHooks{
		Repair: audio.RepairFile,
		Probe: func(f *os.File) (float64, string, error) {
			info, err := audio.ProbeFile(f)
			if err != nil {
				return 0, "", err
			}
			return info.Duration.Seconds(), info.Format, nil
		},
		Pauses: func(f *os.File) ([]scoring.Pause, error) {
			rep, err := audio.DetectPausesFile(f)
			if err != nil {
				return nil, err
			}
			out := make([]scoring.Pause, len(rep.Pauses))
			for i, p := range rep.Pauses {
				out[i] = scoring.Pause{Start: p.Start, End: p.End}
			}
			return out, nil
		},
	}
}

// openTakes opens the library. Commands that only read share it with
// other readers and never wait (they read without the lock while the app
// holds it); commands that write wait a few seconds for the lock and say
// so when they cannot have it.
func openTakes(write bool) (*take.Library, error) {
	return take.Open(take.Options{Audio: takeAudioHooks(), RequireWrite: write, ReadOnly: !write, LockWait: commandLockWait})
}

// commandLockWait is how long a writing command waits for the library;
// tests shorten it.
var commandLockWait = take.DefaultLockWait

// takeFlags is a flag set for one command that reports usage errors to
// stderr without exiting.
func takeFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: retake %s %s\n", name, usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseTakeArgs parses flags wherever they stand among the positional
// arguments ("show ID --json" as well as "show --json ID") and checks the
// positional count. ok is false after a usage error has been reported.
func parseTakeArgs(fs *flag.FlagSet, args []string, positional int, stderr io.Writer) (pos []string, ok bool) {
	if pos, ok = parseArgs(fs, args, stderr); ok && len(pos) != positional {
		fmt.Fprintf(stderr, "retake %s: expected %d argument(s), got %d\n", fs.Name(), positional, len(pos))
		fs.Usage()
		return nil, false
	}
	return pos, ok
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func cmdTakes(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("takes", "[--json] [--trash]", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	trash := fs.Bool("trash", false, "list the trash instead")
	if _, ok := parseTakeArgs(fs, args, 0, stderr); !ok {
		return 2
	}
	lib, err := openTakes(false)
	if err != nil {
		return fail(stderr, "takes", err)
	}
	defer lib.Close()
	if lib.OtherWriter() {
		fmt.Fprintln(stderr, "note: another copy of Retake is using the library; takes it is recording show as recording")
	}
	list, err := lib.List()
	if *trash {
		list, err = lib.Trash()
	}
	if err != nil {
		return fail(stderr, "takes", err)
	}
	if *asJSON {
		if err := writeJSON(stdout, list); err != nil {
			return fail(stderr, "takes", err)
		}
		return 0
	}
	if len(list) == 0 {
		fmt.Fprintln(stdout, "no takes")
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tCREATED\tQUESTION\tSTORY\tLENGTH\tSCORE\tSTATUS")
	for _, s := range list {
		created, length, score := "", "", "-"
		if !s.Created.IsZero() {
			created = s.Created.Local().Format("2006-01-02 15:04")
			length = fmt.Sprintf("%d:%02d", int(s.DurationS+0.5)/60, int(s.DurationS+0.5)%60)
		}
		if s.Score != nil {
			score = fmt.Sprint(*s.Score)
		}
		status := string(s.Status)
		if s.Reason != "" {
			status += ": " + s.Reason
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s.ID, created, s.Question, s.Story, length, score, status)
	}
	if err := tw.Flush(); err != nil {
		return fail(stderr, "takes", err)
	}
	return 0
}

func cmdShow(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("show", "ID [--json]", stderr)
	asJSON := fs.Bool("json", false, "print the stored take as JSON")
	pos, ok := parseTakeArgs(fs, args, 1, stderr)
	if !ok {
		return 2
	}
	lib, err := openTakes(false)
	if err != nil {
		return fail(stderr, "show", err)
	}
	defer lib.Close()
	t, err := lib.Get(pos[0])
	if err != nil {
		return fail(stderr, "show", err)
	}
	if *asJSON {
		if err := writeJSON(stdout, t); err != nil {
			return fail(stderr, "show", err)
		}
		return 0
	}
	fmt.Fprintf(stdout, "Take %s (%s)\nQuestion: %s", t.ID, t.Status, t.Question.ID)
	if t.Question.Text != "" {
		fmt.Fprintf(stdout, " (%s)", t.Question.Text)
	}
	fmt.Fprintf(stdout, "\nStory: %s\nCreated: %s\nLength: %.1f s, marks %v\nAudio: %s\n",
		t.Story, t.Created.Local().Format("2006-01-02 15:04:05"), t.DurationS, t.Marks, t.AudioPath())
	if t.Note != "" {
		fmt.Fprintf(stdout, "Note: %s\n", t.Note)
	}
	if t.Report == nil {
		fmt.Fprintln(stdout, "\nNo transcript yet: add one in the app or with 'retake import --transcript'.")
		return 0
	}
	fmt.Fprintf(stdout, "Transcript: %s\n\n%s", t.TranscriptSource.String(), take.RenderCardMarkdown(*t.Report, t.Transcript))
	return 0
}

func cmdStats(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("stats", "[--question ID] [--story LABEL] [--last N] [--json]", stderr)
	question := fs.String("question", "", "only takes of this question id")
	story := fs.String("story", "", "only takes of this story label")
	last := fs.Int("last", 10, "trends over the last N takes (0: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, ok := parseTakeArgs(fs, args, 0, stderr); !ok {
		return 2
	}
	if *last < 0 {
		fmt.Fprintln(stderr, "retake stats: --last must be 0 or more")
		return 2
	}
	lib, err := openTakes(false)
	if err != nil {
		return fail(stderr, "stats", err)
	}
	defer lib.Close()
	st, err := lib.Stats(*question, *story, *last)
	if err != nil {
		return fail(stderr, "stats", err)
	}
	if *asJSON {
		if err := writeJSON(stdout, st); err != nil {
			return fail(stderr, "stats", err)
		}
		return 0
	}
	printTakeStats(stdout, st)
	return 0
}

// printTakeStats is the terminal form of Stats: one line per take, then
// the trends.
func printTakeStats(w io.Writer, st take.Stats) {
	if st.Total == 0 {
		fmt.Fprintln(w, "no takes match")
		return
	}
	fmt.Fprintf(w, "%d take(s), showing the last %d\n\n", st.Total, len(st.Entries))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CREATED\tSTORY\tSCORE\tLENGTH\tSECTIONS (s)\tFIXED\tNEW FLAGS")
	for _, e := range st.Entries {
		score := "-"
		if e.Score != nil {
			score = fmt.Sprint(*e.Score)
		}
		secs := make([]string, len(e.Sections))
		for i, s := range e.Sections {
			secs[i] = fmt.Sprintf("%.0f", s.Seconds)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%.0f s\t%s\t%s\t%s\n", e.Created.Local().Format("2006-01-02 15:04"), e.Story, score,
			e.DurationS, strings.Join(secs, "/"), strings.Join(e.Fixed, ","), strings.Join(e.Raised, ","))
	}
	tw.Flush()
	fmt.Fprintf(w, "\nScore: %.0f -> %.0f (mean %.1f, %+.1f a take)\n", st.Score.First, st.Score.Last, st.Score.Mean, st.Score.Slope)
	fmt.Fprintf(w, "Length: %.0f s -> %.0f s (mean %.0f s)\n\n", st.Duration.First, st.Duration.Last, st.Duration.Mean)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SECTION\tPLANNED\tMEAN\tLAST\tSHARE (PLAN)\tTREND")
	for _, s := range st.Sections {
		fmt.Fprintf(tw, "%s\t%.0f s\t%.0f s\t%.0f s\t%.0f%% (%.0f%%)\t%+.1f s a take\n", s.Title, s.PlannedS, s.Seconds.Mean,
			s.Seconds.Last, s.Share.Mean*100, s.PlannedShare*100, s.Seconds.Slope)
	}
	tw.Flush()
}

func cmdImport(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("import", "FILE [--transcript FILE] [--question ID] [--story LABEL]", stderr)
	trFile := fs.String("transcript", "", "a transcript (.txt, .md, .srt, .vtt) to analyze with it")
	qid := fs.String("question", "mistake-classic", "the question bank id the answer responds to")
	story := fs.String("story", "", "a label for the story told, to compare takes of it")
	pos, ok := parseTakeArgs(fs, args, 1, stderr)
	if !ok {
		return 2
	}
	q, err := lookupTakeQuestion(*qid)
	if err != nil {
		fmt.Fprintf(stderr, "retake import: %v\n", err)
		return 2
	}
	var text []byte
	if *trFile != "" {
		// Read and check the transcript before making the take, so a bad
		// file does not leave a half-made one behind.
		if text, err = readTakeTranscript(*trFile); err != nil {
			return fail(stderr, "import", err)
		}
	}
	lib, err := openTakes(true)
	if err != nil {
		return fail(stderr, "import", err)
	}
	defer lib.Close()
	// Audio and transcript go in as one take, or not at all: a failed
	// write leaves nothing half-made and the error says so.
	in := take.Import{Audio: pos[0], Question: q, Story: *story}
	if text != nil {
		in.Transcript, in.Source = string(text), take.FileSource(filepath.Base(*trFile))
	}
	t, err := lib.Import(in)
	if err != nil {
		return fail(stderr, "import", err)
	}
	if t.Note != "" {
		fmt.Fprintf(stderr, "note: %s\n", t.Note)
	}
	fmt.Fprintln(stdout, t.ID)
	return 0
}

// readTakeTranscript reads a transcript file within the parser's size
// limit and checks that it parses.
func readTakeTranscript(path string) ([]byte, error) {
	if path == "-" {
		return nil, errors.New("transcript: give a file; standard input is not read here")
	}
	data, err := readTranscript(path, nil)
	if err != nil {
		return nil, fmt.Errorf("transcript %s: %w", path, err)
	}
	if _, err := transcript.Parse(filepath.Base(path), data); err != nil {
		return nil, fmt.Errorf("transcript %s: %w", path, err)
	}
	return data, nil
}

// lookupTakeQuestion finds a question in the embedded bank.
func lookupTakeQuestion(id string) (take.Question, error) {
	b, err := assets.Read("questions/questions.json")
	if err != nil {
		return take.Question{}, err
	}
	var doc struct {
		Questions []take.Question `json:"questions"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return take.Question{}, fmt.Errorf("question bank: %w", err)
	}
	ids := make([]string, 0, len(doc.Questions))
	for _, q := range doc.Questions {
		if q.ID == id {
			return q, nil
		}
		ids = append(ids, q.ID)
	}
	return take.Question{}, fmt.Errorf("unknown question %q (known: %s)", id, strings.Join(ids, ", "))
}

func cmdExport(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("export", "ID --out FILE.zip", stderr)
	out := fs.String("out", "", "the zip file to write")
	pos, ok := parseTakeArgs(fs, args, 1, stderr)
	if !ok {
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "retake export: --out FILE.zip is required")
		return 2
	}
	lib, err := openTakes(false)
	if err != nil {
		return fail(stderr, "export", err)
	}
	defer lib.Close()
	if err := lib.Export(pos[0], *out); err != nil {
		return fail(stderr, "export", err)
	}
	fmt.Fprintln(stdout, *out)
	return 0
}

func cmdRm(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("rm", "ID | --empty-trash", stderr)
	empty := fs.Bool("empty-trash", false, "delete every trashed take for good")
	pos, ok := parseArgs(fs, args, stderr)
	if !ok {
		return 2
	}
	if want := map[bool]int{true: 0, false: 1}[*empty]; len(pos) != want {
		fmt.Fprintln(stderr, "retake rm: give one take ID, or --empty-trash alone")
		fs.Usage()
		return 2
	}
	lib, err := openTakes(true)
	if err != nil {
		return fail(stderr, "rm", err)
	}
	defer lib.Close()
	if *empty {
		if err := lib.EmptyTrash(); err != nil {
			return fail(stderr, "rm", err)
		}
		return 0
	}
	if err := lib.Delete(pos[0]); err != nil {
		return fail(stderr, "rm", err)
	}
	fmt.Fprintf(stdout, "moved %s to the trash (retake restore %s brings it back)\n", pos[0], pos[0])
	return 0
}

func cmdRestore(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("restore", "ID", stderr)
	pos, ok := parseTakeArgs(fs, args, 1, stderr)
	if !ok {
		return 2
	}
	lib, err := openTakes(true)
	if err != nil {
		return fail(stderr, "restore", err)
	}
	defer lib.Close()
	if err := lib.Restore(pos[0]); err != nil {
		if errors.Is(err, take.ErrNotFound) {
			err = fmt.Errorf("%w in the trash", err)
		}
		return fail(stderr, "restore", err)
	}
	fmt.Fprintf(stdout, "restored %s\n", pos[0])
	return 0
}

// cmdRecover opens the library for writing, which repairs the takes a
// crash left half-recorded, and says what it did and what is left.
func cmdRecover(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("recover", "", stderr)
	if _, ok := parseTakeArgs(fs, args, 0, stderr); !ok {
		return 2
	}
	lib, err := openTakes(true)
	if err != nil {
		return fail(stderr, "recover", err)
	}
	defer lib.Close()
	for _, id := range lib.Recovered() {
		fmt.Fprintf(stdout, "recovered %s\n", id)
	}
	pending := lib.NeedsRecovery()
	for _, s := range pending {
		fmt.Fprintf(stderr, "retake recover: %s still needs recovery: %s\n", s.ID, s.Reason)
	}
	if len(pending) > 0 {
		return 1
	}
	if len(lib.Recovered()) == 0 {
		fmt.Fprintln(stdout, "nothing to recover")
	}
	return 0
}
