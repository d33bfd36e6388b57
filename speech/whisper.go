package speech

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Whisper is whisper.cpp's whisper-cli, installed by the user, with a
// ggml model file. It is run on a 16 kHz mono WAV copy of the audio with
// word-level times (-ml 1 -sow), full JSON output (-ojf, which adds each
// token's times and probability) and progress on stderr (-pp):
//
//	whisper-cli -m MODEL -f AUDIO.wav -l en -t N -ml 1 -sow -ojf -of OUT -pp
type Whisper struct {
	// Binary is whisper-cli's path; "" looks for whisper-cli on PATH.
	Binary string
	// Model is the ggml model file; "" takes one from ModelsDir.
	Model string
	// Threads is passed as -t; 0 uses every core.
	Threads int
	// Timeout bounds a transcription; 0 allows two minutes plus twenty
	// times the audio's length (a large model on a slow CPU).
	Timeout time.Duration
}

// whisperInstall says where to get whisper.cpp; it is not packaged in
// Debian 12, so the README gives the build steps.
const whisperInstall = "build whisper.cpp and put build/bin/whisper-cli on PATH, or set its path in Settings (see the README, \"Speech engines\")"

// modelFix says how to fetch a model into the folder Retake reads.
func modelFix() string {
	return "in the whisper.cpp folder run sh ./models/download-ggml-model.sh base.en, then mkdir -p " +
		ModelsDir() + " && cp models/ggml-base.en.bin " + ModelsDir() + "/ (or pick a model file in Settings)"
}

// Name implements Engine.
func (*Whisper) Name() string { return "whisper" }

// HearsFillers implements Engine: whisper's models write what was meant
// rather than every "um", so a missing filler proves nothing.
func (*Whisper) HearsFillers() bool { return false }

func (w *Whisper) binary() (string, error) {
	name := w.Binary
	if name == "" {
		name = "whisper-cli"
	}
	p, err := exec.LookPath(name)
	if err != nil {
		if w.Binary != "" {
			return "", unavailable(whisperInstall, "whisper-cli not found at %s", w.Binary)
		}
		return "", unavailable(whisperInstall, "whisper-cli is not installed")
	}
	return p, nil
}

// model is the model file to load.
func (w *Whisper) model() (string, error) {
	if w.Model != "" {
		st, err := os.Stat(w.Model)
		if err != nil || !st.Mode().IsRegular() {
			return "", unavailable(modelFix(), "the whisper model %s does not exist", w.Model)
		}
		return w.Model, nil
	}
	if m, ok := findModel(ModelsDir()); ok {
		return m, nil
	}
	return "", unavailable(modelFix(), "no whisper model in %s", ModelsDir())
}

func (w *Whisper) check() (bin, model string, err error) {
	if bin, err = w.binary(); err != nil {
		return "", "", err
	}
	if model, err = w.model(); err != nil {
		return "", "", err
	}
	if _, err := soxPath(); err != nil {
		return "", "", err
	}
	return bin, model, nil
}

// Available implements Engine.
func (w *Whisper) Available() (bool, string, string) {
	_, _, err := w.check()
	return availability(err)
}

// whisperProgress matches whisper-cli's "...: progress =  40%" lines.
var whisperProgress = regexp.MustCompile(`progress\s*=\s*(\d{1,3})%`)

// Transcribe implements Engine.
func (w *Whisper) Transcribe(ctx context.Context, audioPath string, progress Progress) (Result, error) {
	bin, model, err := w.check()
	if err != nil {
		return Result{}, err
	}
	j := newJob(w.Name())
	defer j.close()
	_, total, err := probeInput(audioPath)
	if err != nil {
		return Result{}, err
	}
	j.watch(ctx, limitFor(w.Timeout, total, 2*time.Minute, 20))
	dir, err := j.tempDir()
	if err != nil {
		return Result{}, err
	}
	in := filepath.Join(dir, "audio.wav")
	if _, err := convertFile(j, audioPath, in); err != nil {
		return Result{}, err
	}
	threads := w.Threads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	out := filepath.Join(dir, "words")
	cmd := exec.Command(bin, "-m", model, "-f", in, "-l", "en", "-t", strconv.Itoa(threads),
		"-ml", "1", "-sow", "-ojf", "-of", out, "-pp")
	p, err := j.start(filepath.Base(bin), cmd, func(line string) {
		if m := whisperProgress.FindStringSubmatch(line); m != nil && progress != nil {
			pct, _ := strconv.Atoi(m[1])
			progress(total*time.Duration(min(pct, 100))/100, total)
		}
	})
	if err != nil {
		return Result{}, err
	}
	if err := p.wait(); err != nil {
		return Result{}, j.explain(err)
	}
	data, err := readCapped(out + ".json")
	if err != nil {
		return Result{}, fmt.Errorf("%w: %s finished but wrote no JSON: %v", ErrBadOutput, p.label, err)
	}
	words, err := parseWhisperJSON(data)
	if err != nil {
		return Result{}, err
	}
	return Result{Engine: w.Name(), Model: strings.TrimSuffix(filepath.Base(model), ".bin"), Timed: true, Punctuated: true, Words: words}, nil
}

// readCapped reads a file an engine wrote, refusing one too large for
// any transcript.
func readCapped(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > maxOutput {
		return nil, fmt.Errorf("%s is over %d MB", filepath.Base(path), maxOutput>>20)
	}
	return os.ReadFile(path)
}
