package speech

import (
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"retake/audio"
)

// The engines hear 16 kHz mono 16-bit audio; sox converts to it from any
// file the app plays, and from the capture rate while a take records.
const (
	engineRate     = 16000
	engineBytesSec = engineRate * 2
)

// soxFix is the command that installs the converter with MP3 support.
const soxFix = "sudo apt-get install sox libsox-fmt-mp3"

// soxPath finds sox, or says how to install it.
func soxPath() (string, error) {
	p, err := exec.LookPath("sox")
	if err != nil {
		return "", unavailable(soxFix, "sox is not installed; it converts the audio for every engine")
	}
	return p, nil
}

// rawEngineOut is sox's output spec for raw engine audio on stdout.
var rawEngineOut = []string{"-t", "raw", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", "-L", "-"}

// wavEngineOut is sox's output spec for an engine WAV file.
func wavEngineOut(path string) []string {
	return []string{"-t", "wav", "-r", "16000", "-e", "signed-integer", "-b", "16", "-c", "1", path}
}

// probeInput checks that path is audio the app can play and returns
// sox's input spec for it, with the type taken from the content rather
// than the name, and its length.
func probeInput(path string) ([]string, time.Duration, error) {
	info, err := audio.Probe(path)
	if err != nil {
		return nil, 0, fmt.Errorf("%w: %v", ErrAudio, err)
	}
	if info.Frames == 0 {
		return nil, 0, fmt.Errorf("%w: %s holds no audio", ErrAudio, path)
	}
	return []string{"-t", info.Format, path}, info.Duration, nil
}

// rawInput is sox's input spec for mono 16-bit samples at rate on stdin.
func rawInput(rate int) []string {
	return []string{"-t", "raw", "-r", strconv.Itoa(rate), "-e", "signed-integer", "-b", "16", "-c", "1", "-L", "-"}
}

// soxCommand builds a quiet sox run from an input and an output spec.
// -D turns off dither: sox dithers with fresh noise on every run, and
// the recognizer would then hear the same file a little differently
// each time.
func soxCommand(sox string, in, out []string) *exec.Cmd {
	args := append([]string{"-V1", "-q", "-D"}, in...)
	args = append(args, out...)
	return exec.Command(sox, args...)
}

// soxError explains a failed conversion, with the package to install
// when sox lacks the format.
func soxError(err error, in []string) error {
	msg := err.Error()
	if strings.Contains(msg, "no handler") {
		return unavailable(soxFix, "sox on this machine cannot read %s files", in[1])
	}
	return fmt.Errorf("%w: converting the audio failed: %v", ErrAudio, err)
}

// convertFile writes path as a 16 kHz mono WAV file at dst, under j.
func convertFile(j *job, path, dst string) (time.Duration, error) {
	sox, err := soxPath()
	if err != nil {
		return 0, err
	}
	in, d, err := probeInput(path)
	if err != nil {
		return 0, err
	}
	p, err := j.start("sox", soxCommand(sox, in, wavEngineOut(dst)), nil)
	if err != nil {
		return 0, err
	}
	if err := p.wait(); err != nil {
		return 0, j.explain(soxError(err, in))
	}
	return d, nil
}
