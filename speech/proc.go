package speech

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// job runs the processes of one transcription: when it is aborted (its
// context is cancelled or a time limit passes), every process it started
// is killed with its whole process group, an engine's helpers too, and
// close removes its temporary folder.
type job struct {
	label string // the engine, for messages

	mu     sync.Mutex
	procs  []*proc
	dir    string
	why    error // why the job was aborted, once it was
	done   chan struct{}
	closed bool
}

func newJob(label string) *job { return &job{label: label, done: make(chan struct{})} }

// watch aborts the job when ctx ends or, if limit is not 0, once limit
// has passed, whichever comes first, unless the job closes before.
func (j *job) watch(ctx context.Context, limit time.Duration) {
	go func() {
		var timeout <-chan time.Time
		if limit > 0 {
			t := time.NewTimer(limit)
			defer t.Stop()
			timeout = t.C
		}
		select {
		case <-j.done:
		case <-ctx.Done():
			j.abort(fmt.Errorf("transcription cancelled: %w", ctx.Err()))
		case <-timeout:
			j.abort(fmt.Errorf("%w: %s did not finish within %s and was stopped", ErrTimeout, j.label, roundDuration(limit)))
		}
	}()
}

// abort kills every process of the job; the first reason given is the
// one the job reports.
func (j *job) abort(why error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.why == nil {
		j.why = why
	}
	for _, p := range j.procs {
		p.kill()
	}
}

// stopped is the reason the job was aborted, or nil.
func (j *job) stopped() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.why
}

// explain turns a process error into the job's error: a cancel or a
// timeout wins over the failure the kill caused.
func (j *job) explain(err error) error {
	if err == nil {
		return nil
	}
	if s := j.stopped(); s != nil {
		return s
	}
	return err
}

// tempDir is the job's private temporary folder, made on first use.
func (j *job) tempDir() (string, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.dir == "" {
		d, err := os.MkdirTemp("", "retake-speech-")
		if err != nil {
			return "", fmt.Errorf("%w: temporary folder: %v", ErrFailed, err)
		}
		j.dir = d
	}
	return j.dir, nil
}

// start runs a program in its own process group. lines, when set,
// receives each line the program writes to stderr.
func (j *job) start(label string, cmd *exec.Cmd, lines func(string)) (*proc, error) {
	p := &proc{label: label, cmd: cmd, stderr: &tailWriter{lines: lines}}
	cmd.Stderr = p.stderr
	setProcessGroup(cmd)
	// An engine that leaves a child holding its pipes open must not
	// hold up Wait once the engine itself is gone.
	cmd.WaitDelay = 2 * time.Second
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.why != nil {
		return nil, j.why
	}
	if j.closed {
		return nil, fmt.Errorf("%w: %s: the transcription has ended", ErrFailed, label)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: %s could not start: %v", ErrUnavailable, label, err)
	}
	j.procs = append(j.procs, p)
	return p, nil
}

// close kills whatever still runs, waits for it and removes the
// temporary folder. It is safe to call more than once.
func (j *job) close() {
	j.mu.Lock()
	if j.closed {
		j.mu.Unlock()
		return
	}
	j.closed = true
	close(j.done)
	procs := j.procs
	j.mu.Unlock()
	for _, p := range procs {
		p.kill()
		p.wait()
	}
	j.mu.Lock()
	if j.dir != "" {
		os.RemoveAll(j.dir)
		j.dir = ""
	}
	j.mu.Unlock()
}

// proc is one running program.
type proc struct {
	label  string
	cmd    *exec.Cmd
	stderr *tailWriter

	waitOnce sync.Once
	waitErr  error
	exited   atomic.Bool
}

// kill ends the process and its group; a process that has already
// finished is left alone.
func (p *proc) kill() {
	if !p.exited.Load() {
		killProcessGroup(p.cmd)
	}
}

// wait waits for the process and describes how it ended: nil for a zero
// exit status, otherwise an ErrFailed error with what it last said.
func (p *proc) wait() error {
	p.waitOnce.Do(func() {
		err := p.cmd.Wait()
		p.exited.Store(true)
		// Helpers the program left behind in its group go with it.
		killProcessGroup(p.cmd)
		if err == nil {
			return
		}
		said := p.stderr.summary()
		if said != "" {
			said = ": " + said
		}
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee) && ee.Exited():
			p.waitErr = fmt.Errorf("%w: %s exited with status %d%s", ErrFailed, p.label, ee.ExitCode(), said)
		case errors.As(err, &ee):
			sig := "a signal"
			if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
				sig = ws.Signal().String()
			}
			p.waitErr = fmt.Errorf("%w: %s crashed (%s)%s", ErrFailed, p.label, sig, said)
		default:
			p.waitErr = fmt.Errorf("%w: %s: %v%s", ErrFailed, p.label, err, said)
		}
	})
	return p.waitErr
}

// tailWriter keeps the last lines a program writes to stderr, for the
// error message, and passes each line on.
type tailWriter struct {
	lines func(string)
	mu    sync.Mutex
	buf   []byte
	tail  []string
}

const (
	tailLines   = 12
	maxLineSize = 4096
)

func (w *tailWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexAny(w.buf, "\r\n")
		if i < 0 {
			break
		}
		w.addLine(string(w.buf[:i]))
		w.buf = w.buf[i+1:]
	}
	if len(w.buf) > maxLineSize {
		w.addLine(string(w.buf))
		w.buf = w.buf[:0]
	}
	return len(p), nil
}

func (w *tailWriter) addLine(s string) {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "?"))
	if s == "" {
		return
	}
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	if len(w.tail) == tailLines {
		w.tail = w.tail[1:]
	}
	w.tail = append(w.tail, s)
	if w.lines != nil {
		w.lines(s)
	}
}

// summary is the line most likely to say what went wrong: the last that
// mentions an error, or else the last line.
func (w *tailWriter) summary() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) > 0 {
		w.addLine(string(w.buf))
		w.buf = w.buf[:0]
	}
	for i := len(w.tail) - 1; i >= 0; i-- {
		l := strings.ToLower(w.tail[i])
		if strings.Contains(l, "error") || strings.Contains(l, "fatal") || strings.Contains(l, "fail") {
			return w.tail[i]
		}
	}
	if len(w.tail) > 0 {
		return w.tail[len(w.tail)-1]
	}
	return ""
}

// capBuffer collects a program's output up to a bound, so a runaway
// engine cannot fill the memory.
type capBuffer struct {
	mu   sync.Mutex
	b    bytes.Buffer
	over bool
}

// maxOutput bounds what an engine may print or write: far more than
// any transcript.
const maxOutput = 32 << 20

func (c *capBuffer) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.b.Len()+len(p) > maxOutput {
		c.over = true
		return len(p), nil
	}
	return c.b.Write(p)
}

// bytes returns the output, or an error when it overflowed.
func (c *capBuffer) bytes(label string) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.over {
		return nil, fmt.Errorf("%w: %s printed more than %d MB", ErrBadOutput, label, maxOutput>>20)
	}
	return c.b.Bytes(), nil
}

func roundDuration(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}
