package speech

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Command is the user's own transcriber, given as a command line with
// two placeholders. The contract:
//
//   - {audio} is replaced by a 16 kHz mono 16-bit WAV copy of the take.
//   - {out} is replaced by a path without extension in a fresh private
//     folder. The command writes its transcript to {out}.json, {out}.vtt,
//     {out}.srt or {out}.txt (or to {out} itself, read by its content).
//   - .json is a list of timed words, [{"text": "I", "start": 0.52,
//     "end": 0.61, "conf": 0.93}, ...] in seconds, conf optional; the
//     same list inside {"words": [...]} (what retake transcribe --json
//     prints) and whisper-cli's own JSON are accepted too. Subtitle cues
//     give their words the cue's time, shared by length; plain text has
//     no times.
//   - A line on stderr with a percentage ("40%") reports progress; a
//     non-zero exit status is a failure, and its last stderr line is
//     shown.
//   - The command runs without a shell, so quote arguments with spaces
//     ('...' or "..."); it is killed, with its children, when the
//     transcription is cancelled or times out.
type Command struct {
	// Template is the command line, with {audio} and {out}.
	Template string
	// Fillers is true when the user's engine writes "um" and "uh".
	Fillers bool
	// Timeout bounds a transcription; 0 allows two minutes plus twenty
	// times the audio's length.
	Timeout time.Duration
}

// Name implements Engine.
func (*Command) Name() string { return "command" }

// HearsFillers implements Engine, as the user declared.
func (c *Command) HearsFillers() bool { return c.Fillers }

const commandFix = "enter a command with {audio} and {out} in Settings (see the README, \"Your own command\")"

// args checks the template and splits it.
func (c *Command) args() ([]string, error) {
	t := strings.TrimSpace(c.Template)
	if t == "" {
		return nil, unavailable(commandFix, "no transcriber command is set")
	}
	if !strings.Contains(t, "{audio}") || !strings.Contains(t, "{out}") {
		return nil, unavailable(commandFix, "the transcriber command must contain {audio} and {out}")
	}
	args, err := splitCommand(t)
	if err != nil {
		return nil, unavailable(commandFix, "the transcriber command cannot be read: %v", err)
	}
	if _, err := exec.LookPath(args[0]); err != nil {
		return nil, unavailable("install "+args[0]+" or fix the command in Settings", "the transcriber program %s is not found", args[0])
	}
	if _, err := soxPath(); err != nil {
		return nil, err
	}
	return args, nil
}

// Available implements Engine.
func (c *Command) Available() (bool, string, string) {
	_, err := c.args()
	return availability(err)
}

// percent finds a progress percentage in a line of a command's stderr.
var percent = regexp.MustCompile(`(\d{1,3}(?:\.\d+)?)\s?%`)

// Transcribe implements Engine.
func (c *Command) Transcribe(ctx context.Context, audioPath string, progress Progress) (Result, error) {
	args, err := c.args()
	if err != nil {
		return Result{}, err
	}
	_, total, err := probeInput(audioPath)
	if err != nil {
		return Result{}, err
	}
	j := newJob(c.Name())
	defer j.close()
	j.watch(ctx, limitFor(c.Timeout, total, 2*time.Minute, 20))
	dir, err := j.tempDir()
	if err != nil {
		return Result{}, err
	}
	in := filepath.Join(dir, "audio.wav")
	if _, err := convertFile(j, audioPath, in); err != nil {
		return Result{}, err
	}
	out := filepath.Join(dir, "transcript")
	for i, a := range args {
		args[i] = strings.ReplaceAll(strings.ReplaceAll(a, "{audio}", in), "{out}", out)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = dir
	p, err := j.start(filepath.Base(args[0]), cmd, func(line string) {
		if m := percent.FindStringSubmatch(line); m != nil && progress != nil {
			pct, _ := strconv.ParseFloat(m[1], 64)
			progress(time.Duration(float64(total)*min(pct, 100)/100), total)
		}
	})
	if err != nil {
		return Result{}, err
	}
	if err := p.wait(); err != nil {
		return Result{}, j.explain(err)
	}
	for _, name := range []string{out + ".json", out + ".vtt", out + ".srt", out + ".txt", out} {
		data, err := readCapped(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return Result{}, fmt.Errorf("%w: %s: %v", ErrBadOutput, p.label, err)
		}
		t, err := readOutput(filepath.Base(name), data)
		if err != nil {
			return Result{}, err
		}
		return Result{Engine: c.Name(), Model: p.label, HearsFillers: c.Fillers, Timed: t.timed, Punctuated: t.punctuated, Words: t.words}, nil
	}
	return Result{}, fmt.Errorf("%w: %s finished but wrote no transcript at {out}.json, .vtt, .srt or .txt", ErrBadOutput, p.label)
}

// splitCommand splits a command line into arguments as a shell would for
// plain words and single or double quotes, without running a shell, so a
// file name cannot inject a command.
func splitCommand(s string) ([]string, error) {
	var args []string
	var cur []byte
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote != 0:
			cur = append(cur, c)
		case c == '\'' || c == '"':
			quote, inWord = c, true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if inWord {
				args = append(args, string(cur))
				cur, inWord = cur[:0], false
			}
		default:
			cur = append(cur, c)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote", quote)
	}
	if inWord {
		args = append(args, string(cur))
	}
	if len(args) == 0 {
		return nil, errors.New("the command is empty")
	}
	return args, nil
}
