package ui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// maxTranscriptOut bounds what the transcriber may leave behind, so a
// runaway command cannot make the app load gigabytes.
const maxTranscriptOut = 10 << 20

// killWait is how long a killed transcriber's children may hold its
// output open before the app stops waiting for them.
var killWait = 2 * time.Second

// SplitCommand splits a command template into arguments the way a shell
// would for plain words, single and double quotes; it runs no shell, so
// a file name with spaces or quotes cannot inject a command. It works on
// bytes, since every separator is ASCII, so file names that are not
// valid UTF-8 pass through unchanged.
func SplitCommand(s string) ([]string, error) {
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
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				args = append(args, string(cur))
				cur = cur[:0]
				inWord = false
			}
		default:
			cur = append(cur, c)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, fmt.Errorf("unclosed %c quote in the command", quote)
	}
	if inWord {
		args = append(args, string(cur))
	}
	if len(args) == 0 {
		return nil, errors.New("the command is empty")
	}
	return args, nil
}

// RunCommand runs the transcriber command template on an audio file. The
// template names the audio with {audio} and where to write with {out}, a
// path without extension in a fresh temporary folder; the command may
// write {out} itself or {out}.srt, {out}.vtt or {out}.txt. Each line the
// command prints to stderr is passed to progress. Cancelling ctx kills
// the command.
func RunCommand(ctx context.Context, template, audio string, progress func(string)) (string, []byte, error) {
	if !strings.Contains(template, "{audio}") || !strings.Contains(template, "{out}") {
		return "", nil, errors.New("transcriber command must contain {audio} and {out}")
	}
	args, err := SplitCommand(template)
	if err != nil {
		return "", nil, fmt.Errorf("transcriber command: %w", err)
	}
	if _, err := exec.LookPath(args[0]); err != nil {
		return "", nil, fmt.Errorf("transcriber program %s not found: %w", args[0], err)
	}
	dir, err := os.MkdirTemp("", "retake-transcribe-")
	if err != nil {
		return "", nil, fmt.Errorf("transcriber: %w", err)
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "transcript")
	for i, a := range args {
		args[i] = strings.ReplaceAll(strings.ReplaceAll(a, "{audio}", audio), "{out}", out)
	}
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	lines := &lineWriter{progress: progress}
	cmd.Stderr = lines
	// A killed command may leave children holding stderr open; stop
	// waiting for them shortly after the kill.
	cmd.WaitDelay = killWait
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", nil, fmt.Errorf("transcriber cancelled: %w", ctx.Err())
		}
		if last := lines.last(); last != "" {
			return "", nil, fmt.Errorf("transcriber %s failed: %w: %s", filepath.Base(args[0]), err, last)
		}
		return "", nil, fmt.Errorf("transcriber %s failed: %w", filepath.Base(args[0]), err)
	}
	for _, name := range []string{out, out + ".srt", out + ".vtt", out + ".txt"} {
		data, err := readCapped(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return "", nil, fmt.Errorf("read transcriber output: %w", err)
		}
		return sniffName(filepath.Base(name), data), data, nil
	}
	return "", nil, errors.New("the transcriber finished but wrote no transcript at {out}, {out}.srt, {out}.vtt or {out}.txt")
}

// lineWriter passes each complete line written to it to progress and
// remembers the last one for the error message.
type lineWriter struct {
	progress func(string)
	mu       sync.Mutex
	buf      []byte
	lastLine string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexAny(w.buf, "\r\n")
		if i < 0 {
			break
		}
		line := strings.TrimSpace(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
		if line == "" {
			continue
		}
		w.lastLine = line
		if w.progress != nil {
			w.progress(line)
		}
	}
	// A program that never ends a line must not grow the buffer forever.
	if len(w.buf) > 4096 {
		w.buf = w.buf[:0]
	}
	return len(p), nil
}

func (w *lineWriter) last() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.lastLine == "" {
		return strings.TrimSpace(string(w.buf))
	}
	return w.lastLine
}

func readCapped(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxTranscriptOut+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxTranscriptOut {
		return nil, fmt.Errorf("%s is over %d MB", filepath.Base(name), maxTranscriptOut>>20)
	}
	return data, nil
}

// sniffName gives an output without an extension the name of the format
// its first line shows, so the parser reads its timings.
func sniffName(name string, data []byte) string {
	if filepath.Ext(name) != "" {
		return name
	}
	head := strings.TrimLeft(string(data[:min(len(data), 256)]), "\ufeff \r\n")
	switch {
	case strings.HasPrefix(head, "WEBVTT"):
		return name + ".vtt"
	case strings.Contains(head, "-->"):
		return name + ".srt"
	}
	return name + ".txt"
}
