package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"text/tabwriter"
	"time"

	"retake/speech"
	"retake/take"
)

// The speech commands: transcribe a file or a take, and list the
// engines. Both take the engine settings as flags, since the app's
// Settings live in its own preferences.
func init() {
	std := func(f func([]string, io.Writer, io.Writer) int) func([]string) int {
		return func(args []string) int { return f(args, os.Stdout, os.Stderr) }
	}
	register("transcribe", "turn a recording into timed words ([--engine pocketsphinx|whisper|command] [--json] FILE|ID)", std(cmdTranscribe))
	register("engines", "list the speech engines, whether each can run and how to fix it ([--json])", std(cmdEngines))
}

// engineFlags adds the engine settings to a command's flags.
func engineFlags(fs *flag.FlagSet) *speech.Config {
	c := &speech.Config{}
	fs.StringVar(&c.WhisperCLI, "whisper-cli", "", "whisper.cpp's whisper-cli (default: found on PATH)")
	fs.StringVar(&c.WhisperModel, "model", "", "whisper model file (default: one in "+speech.ModelsDir()+")")
	fs.StringVar(&c.Command, "command", "", "your own transcriber, with {audio} and {out} (see the README)")
	fs.BoolVar(&c.CommandFillers, "command-fillers", false, "your command writes fillers such as \"um\"")
	fs.DurationVar(&c.Timeout, "timeout", 0, "stop the engine after this long (default: from the audio's length)")
	return c
}

// draftStore keeps an engine's draft as a take's transcript. It is the
// seam for the take method that stores a draft with its timed words and
// engine (being added on another branch); until then libraryDrafts keeps
// the draft's text with the engine's name as the transcript source.
type draftStore interface {
	// AudioPath is the take's recording, or an error saying why there
	// is none.
	AudioPath(id string) (string, error)
	// StoreDraft makes the draft the take's transcript.
	StoreDraft(id string, r speech.Result) error
}

// libraryDrafts is draftStore on the take library.
type libraryDrafts struct{ l *take.Library }

func (d libraryDrafts) AudioPath(id string) (string, error) {
	t, err := d.l.Get(id)
	if err != nil {
		return "", err
	}
	if t.Audio == "" {
		return "", fmt.Errorf("take %s has no recording (a silent rehearsal)", id)
	}
	if _, err := os.Stat(t.AudioPath()); err != nil {
		return "", fmt.Errorf("take %s: its recording is missing: %w", id, err)
	}
	return t.AudioPath(), nil
}

// StoreDraft keeps the engine's words with their times, so the card's
// delivery and the editor's highlight follow what was said.
func (d libraryDrafts) StoreDraft(id string, r speech.Result) error {
	_, err := d.l.SetDraft(id, r.Text(), takeWords(r.Words), r.Engine, nil)
	return err
}

// takeWords converts an engine's words to the take's; a word without a
// confidence is stored as fully confident, since the editor marks only
// the words an engine doubted.
func takeWords(ws []speech.Word) []take.Word {
	out := make([]take.Word, len(ws))
	for i, w := range ws {
		c := w.Conf
		if c == speech.NoConf {
			c = 1
		}
		out[i] = take.Word{Text: w.Text, Start: w.Start, End: w.End, Conf: c}
	}
	return out
}

// transcriptJSON is what transcribe --json prints; speech reads it back
// as a command's output.
type transcriptJSON struct {
	Engine       string        `json:"engine"`
	Model        string        `json:"model,omitempty"`
	HearsFillers bool          `json:"hears_fillers"`
	Timed        bool          `json:"timed"`
	Text         string        `json:"text"`
	Words        []speech.Word `json:"words"`
}

func cmdTranscribe(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("transcribe", "[--engine pocketsphinx|whisper|command] [--json] FILE|ID", stderr)
	name := fs.String("engine", "", "engine to use (default: whisper when set up, else pocketsphinx, else your command)")
	asJSON := fs.Bool("json", false, "print JSON words with start, end and conf instead of WebVTT")
	cfg := engineFlags(fs)
	pos, ok := parseTakeArgs(fs, args, 1, stderr)
	if !ok {
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return transcribe(ctx, pos[0], *name, *asJSON, *cfg, openDrafts, stdout, stderr)
}

// openDrafts opens the library for writing a draft.
func openDrafts() (draftStore, func(), error) {
	lib, err := openTakes(true)
	if err != nil {
		return nil, nil, err
	}
	return libraryDrafts{lib}, func() { lib.Close() }, nil
}

// transcribe is the command's work, with the library opened by open so
// tests can substitute one.
func transcribe(ctx context.Context, target, name string, asJSON bool, cfg speech.Config,
	open func() (draftStore, func(), error), stdout, stderr io.Writer) int {
	var e speech.Engine
	var err error
	if name == "" {
		e, err = cfg.Best()
	} else {
		e, err = cfg.Engine(name)
	}
	if err != nil {
		return fail(stderr, "transcribe", err)
	}
	if ok, reason, fix := e.Available(); !ok {
		if fix != "" {
			reason += "; to fix: " + fix
		}
		return fail(stderr, "transcribe", fmt.Errorf("%s cannot run: %s", e.Name(), reason))
	}
	path, id := target, ""
	var store draftStore
	if st, statErr := os.Stat(target); statErr != nil || st.IsDir() {
		if take.ValidateID(target) != nil {
			return fail(stderr, "transcribe", fmt.Errorf("%s is neither an audio file nor a take id", target))
		}
		s, closeLib, err := open()
		if err != nil {
			return fail(stderr, "transcribe", err)
		}
		defer closeLib()
		if path, err = s.AudioPath(target); err != nil {
			return fail(stderr, "transcribe", err)
		}
		store, id = s, target
	}
	r, err := e.Transcribe(ctx, path, progressTo(stderr))
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "retake transcribe: cancelled; nothing was stored")
			return 130
		}
		return fail(stderr, "transcribe", err)
	}
	if store != nil {
		if err := store.StoreDraft(id, r); err != nil {
			return fail(stderr, "transcribe", fmt.Errorf("the draft could not be stored: %w", err))
		}
		fmt.Fprintf(stderr, "stored as the transcript of take %s (from %s)\n", id, r.Engine)
	}
	if asJSON {
		err = writeJSON(stdout, transcriptJSON{Engine: r.Engine, Model: r.Model, HearsFillers: r.HearsFillers,
			Timed: r.Timed, Text: r.Text(), Words: r.Words})
	} else {
		err = r.WriteVTT(stdout)
	}
	if err != nil {
		return fail(stderr, "transcribe", err)
	}
	return 0
}

// progressTo reports progress on a terminal, every tenth of the audio;
// anywhere else it stays quiet.
func progressTo(w io.Writer) speech.Progress {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	last := -1
	return func(done, total time.Duration) {
		if total <= 0 {
			return
		}
		if tenth := int(10 * done / total); tenth != last {
			last = tenth
			fmt.Fprintf(w, "\rtranscribing: %3d%%", 10*tenth)
			if tenth == 10 {
				fmt.Fprintln(w)
			}
		}
	}
}

// engineJSON is one line of engines --json.
type engineJSON struct {
	Name         string `json:"name"`
	Available    bool   `json:"available"`
	Reason       string `json:"reason,omitempty"`
	Fix          string `json:"fix,omitempty"`
	HearsFillers bool   `json:"hears_fillers"`
	Streams      bool   `json:"streams"`
}

func cmdEngines(args []string, stdout, stderr io.Writer) int {
	fs := takeFlags("engines", "[--json]", stderr)
	asJSON := fs.Bool("json", false, "print a JSON array")
	cfg := engineFlags(fs)
	if _, ok := parseTakeArgs(fs, args, 0, stderr); !ok {
		return 2
	}
	var list []engineJSON
	for _, e := range cfg.Engines() {
		ok, reason, fix := e.Available()
		_, streams := e.(speech.Streamer)
		list = append(list, engineJSON{Name: e.Name(), Available: ok, Reason: reason, Fix: fix, HearsFillers: e.HearsFillers(), Streams: streams})
	}
	if *asJSON {
		if err := writeJSON(stdout, list); err != nil {
			return fail(stderr, "engines", err)
		}
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ENGINE\tSTATUS\tNOTES")
	for _, e := range list {
		status, notes := "ready", []string{}
		if !e.Available {
			status = "not available"
			notes = append(notes, e.Reason)
			if e.Fix != "" {
				notes = append(notes, "to fix: "+e.Fix)
			}
		}
		if e.Streams {
			notes = append(notes, "transcribes while you record")
		}
		if !e.HearsFillers {
			notes = append(notes, "does not write fillers (um, uh)")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Name, status, strings.Join(notes, "; "))
	}
	if err := tw.Flush(); err != nil {
		return fail(stderr, "engines", err)
	}
	return 0
}
