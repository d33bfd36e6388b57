package speech

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// Sphinx is PocketSphinx run as a process: Debian 12's
// pocketsphinx_continuous (0.8+5prealpha), reading raw 16 kHz audio with
// -infile /dev/stdin -time yes, or the 5.x pocketsphinx command of newer
// distributions in its live mode, which prints JSON. Audio reaches it
// through sox and a pipe, so a file and a take being recorded go the same
// way. It never writes fillers.
type Sphinx struct {
	// Binary is the program to run; "" looks for pocketsphinx_continuous,
	// then pocketsphinx, on PATH. A program named pocketsphinx is run the
	// 5.x way, anything else the 0.8 way.
	Binary string
	// Args are extra decoder options, such as "-topn", "2" for speed.
	Args []string
	// Timeout bounds a file's transcription; 0 allows a minute plus
	// three times the audio's length.
	Timeout time.Duration
}

// sphinxFix installs PocketSphinx and its US English model on Debian.
const sphinxFix = "sudo apt-get install pocketsphinx pocketsphinx-en-us"

// debianSphinxModel is where Debian's pocketsphinx-en-us puts the model
// that Debian's pocketsphinx_continuous loads by default.
var debianSphinxModel = "/usr/share/pocketsphinx/model/en-us/en-us/mdef"

// Name implements Engine.
func (*Sphinx) Name() string { return "pocketsphinx" }

// HearsFillers implements Engine: PocketSphinx's language model never
// gives "um" or "uh".
func (*Sphinx) HearsFillers() bool { return false }

// program finds the binary and tells whether it is the 5.x command.
func (s *Sphinx) program() (path string, modern bool, err error) {
	names := []string{"pocketsphinx_continuous", "pocketsphinx"}
	if s.Binary != "" {
		names = []string{s.Binary}
	}
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p, filepath.Base(p) == "pocketsphinx", nil
		}
	}
	if s.Binary != "" {
		return "", false, unavailable("set the PocketSphinx program in Settings, or install it: "+sphinxFix, "PocketSphinx program %s not found", s.Binary)
	}
	return "", false, unavailable(sphinxFix, "PocketSphinx is not installed")
}

// check is Available as an error.
func (s *Sphinx) check() (string, bool, error) {
	path, modern, err := s.program()
	if err != nil {
		return "", false, err
	}
	if path == "/usr/bin/pocketsphinx_continuous" {
		if _, err := os.Stat(debianSphinxModel); err != nil {
			return "", false, unavailable("sudo apt-get install pocketsphinx-en-us", "PocketSphinx's US English model is not installed")
		}
	}
	if _, err := soxPath(); err != nil {
		return "", false, err
	}
	return path, modern, nil
}

// Available implements Engine.
func (s *Sphinx) Available() (bool, string, string) {
	_, _, err := s.check()
	return availability(err)
}

// Model names the model for the result: the 0.8 and 5.x commands load
// the US English model unless Args say otherwise.
func (s *Sphinx) model() string { return "en-us" }

func (s *Sphinx) result(words []Word) Result {
	return Result{Engine: s.Name(), Model: s.model(), Timed: true, Words: words}
}

// parse reads the recognizer's output in the flavour it prints.
func (s *Sphinx) parse(out *capBuffer, label string, modern bool) ([]Word, error) {
	data, err := out.bytes(label)
	if err != nil {
		return nil, err
	}
	if modern {
		return parseSphinxJSON(data)
	}
	return parseSphinxClassic(data)
}

// Transcribe implements Engine. Progress follows the audio handed to the
// recognizer, which reads it as fast as it decodes.
func (s *Sphinx) Transcribe(ctx context.Context, audioPath string, progress Progress) (Result, error) {
	path, modern, err := s.check()
	if err != nil {
		return Result{}, err
	}
	sox, _ := soxPath()
	in, total, err := probeInput(audioPath)
	if err != nil {
		return Result{}, err
	}
	j := newJob(s.Name())
	defer j.close()
	j.watch(ctx, limitFor(s.Timeout, total, time.Minute, 3))
	conv := soxCommand(sox, in, rawEngineOut)
	soxOut, err := conv.StdoutPipe()
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrFailed, err)
	}
	sx, err := j.start("sox", conv, nil)
	if err != nil {
		return Result{}, err
	}
	dec := newSphinxDecoder(s, j, path, modern)
	readErr, writeErr := pump(soxOut, dec, func(n int64) {
		if progress != nil {
			progress(min(bytesToDuration(n), total), total)
		}
	})
	dec.Close()
	// Closing the read end stops a sox that still has audio for a
	// recognizer that went away.
	soxOut.Close()
	soxErr := sx.wait()
	words, decErr := dec.words()
	switch {
	case j.stopped() != nil:
		return Result{}, j.stopped()
	case writeErr != nil && decErr != nil:
		// The recognizer went away first; sox failing after is its echo.
		return Result{}, decErr
	case soxErr != nil || readErr != nil:
		return Result{}, soxError(errorsJoin(soxErr, readErr), in)
	case decErr != nil:
		return Result{}, decErr
	case writeErr != nil:
		return Result{}, writeErr
	}
	return s.result(words), nil
}

// pump copies src to dst, reporting the running byte count after each
// piece. It tells a failure to read from one to write.
func pump(src io.Reader, dst io.Writer, copied func(int64)) (readErr, writeErr error) {
	buf := make([]byte, 32<<10)
	var n int64
	for {
		k, err := src.Read(buf)
		if k > 0 {
			if _, werr := dst.Write(buf[:k]); werr != nil {
				return nil, werr
			}
			n += int64(k)
			copied(n)
		}
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return err, nil
		}
	}
}

// bytesToDuration is the length of raw engine audio.
func bytesToDuration(n int64) time.Duration {
	return time.Duration(n) * time.Second / engineBytesSec
}

// limitFor is the time a run may take: the configured limit, or base plus
// factor times the audio's length.
func limitFor(configured, audio, base time.Duration, factor float64) time.Duration {
	if configured > 0 {
		return configured
	}
	return base + time.Duration(factor*float64(audio))
}
