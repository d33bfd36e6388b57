package take

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"retake/scoring/transcript"
)

// maxAudioBytes bounds an imported file: a WAV cannot be larger than 4 GB,
// and anything near that is not a rehearsal answer.
const maxAudioBytes = 4 << 30

// stagingPrefix names the hidden folder an import is assembled in before
// it appears in the library under its id in one rename.
const stagingPrefix = ".import" + tempMark

// ErrNoAudio is returned for an imported file that holds no samples.
var ErrNoAudio = errors.New("the file holds no audio samples")

// Import is what makes a take from an existing recording.
type Import struct {
	// Audio is the WAV or MP3 file to copy; it is only read.
	Audio    string
	Question Question
	Story    string
	// Transcript, when not empty, is stored and analyzed with the take,
	// from Source (usually FileSource of the file it was read from).
	Transcript string
	Source     Source
}

// ImportAudio copies a WAV or MP3 file into a new take answering q; see
// Import.
func (l *Library) ImportAudio(src string, q Question, story string) (*Take, error) {
	return l.Import(Import{Audio: src, Question: q, Story: story})
}

// Import makes a take from a recording and, optionally, its transcript.
// The take appears in the library complete, transcript and report
// included, or not at all: it is assembled in a hidden folder and renamed
// into place, so a failed write (a full disk) leaves nothing behind and
// the error says that nothing was imported. A transcript the library
// could not store is refused before any audio is copied. A WAV whose
// header a crash left short is repaired in the copy (the original is
// never written); a file with no samples is refused.
func (l *Library) Import(in Import) (*Take, error) {
	fail := func(err error) (*Take, error) { return nil, fmt.Errorf("import %s: %w", in.Audio, err) }
	story, err := cleanStory(in.Story)
	if err != nil {
		return nil, err
	}
	if in.Transcript != "" {
		if len(in.Transcript) > transcript.MaxBytes {
			return fail(transcript.ErrTooLarge)
		}
		if in.Source.Kind != SourceKindTyped && in.Source.Kind != SourceKindFile {
			return fail(fmt.Errorf("transcript source %q is not typed or a file", in.Source))
		}
		if err := in.Source.check(); err != nil {
			return fail(err)
		}
	}
	src, size, err := openImport(in.Audio)
	if err != nil {
		return fail(err)
	}
	defer src.Close()
	durationS, format, err := l.probe(src, in.Audio)
	if err != nil {
		return fail(err)
	}
	now := l.opts.Now()
	t := &Take{
		Schema: SchemaVersion, ID: NewID(now), Question: in.Question, Story: story,
		Created: now.UTC(), DurationS: durationS, Marks: []float64{},
		Audio: "audio." + format, Status: OK,
	}
	if in.Transcript != "" {
		t.Transcript, t.TranscriptSource = in.Transcript, in.Source
	}
	t.Pauses = l.pausesOf(src)
	// Analyze and measure before copying anything: a transcript the
	// library cannot store is refused here, not found out after the copy.
	if err := analyze(t); err != nil {
		return fail(err)
	}
	if _, err := encodeStorable(t); err != nil {
		return fail(err)
	}

	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return fail(err)
	}
	rolledBack := func(err error) (*Take, error) {
		return fail(fmt.Errorf("nothing was imported: %w", err))
	}
	stage, err := os.MkdirTemp(filepath.Join(l.root, takesDir), stagingPrefix+"*")
	if err != nil {
		return rolledBack(err)
	}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, dirPerm); err != nil {
		return rolledBack(err)
	}
	d, err := openDir(stage)
	if err != nil {
		return rolledBack(err)
	}
	defer d.Close()
	err = writeAtomicIn(d, t.Audio, func(w io.Writer) error {
		_, err := io.Copy(w, io.NewSectionReader(src, 0, size))
		return err
	})
	if err != nil {
		return rolledBack(err)
	}
	// Measure the copy, repaired: that is what the take holds.
	if d2, note, err := l.settleCopy(d, t.Audio, format); err != nil {
		return fail(err)
	} else if d2 != durationS {
		t.DurationS, t.Note = d2, note
		if err := analyze(t); err != nil {
			return fail(err)
		}
	}
	data, err := encodeStorable(t)
	if err != nil {
		return fail(err)
	}
	if err := writeAtomicIn(d, takeFile, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return rolledBack(err)
	}
	dir := l.takeDir(t.ID)
	if err := os.Rename(stage, dir); err != nil {
		return rolledBack(err)
	}
	keep = true
	t.dir = dir
	if err := syncDir(filepath.Dir(dir)); err != nil {
		return t, fmt.Errorf("import %s: the take %s was imported, but the library folder could not be synced: %w", in.Audio, t.ID, err)
	}
	return t, nil
}

// openImport opens a file to import without blocking on a FIFO and
// refuses anything but a regular file of a plausible size.
func openImport(path string) (*os.File, int64, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, 0, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, 0, fmt.Errorf("not a regular file (%s)", modeKind(fi.Mode()))
	}
	if fi.Size() > maxAudioBytes {
		f.Close()
		return nil, 0, fmt.Errorf("file is %d bytes, more than the %d allowed", fi.Size(), int64(maxAudioBytes))
	}
	return f, fi.Size(), nil
}

// modeKind names a file type for an error message.
func modeKind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a file"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// probe checks that f is a WAV or MP3 file and measures it, with the
// injected hook when there is one, else by its name alone.
func (l *Library) probe(f *os.File, name string) (float64, string, error) {
	var d float64
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(name)), ".")
	if h := l.opts.Audio.Probe; h != nil {
		var err error
		if d, format, err = h(f); err != nil {
			return 0, "", err
		}
	}
	if format != "wav" && format != "mp3" {
		return 0, "", fmt.Errorf("not a WAV or MP3 file")
	}
	if !finite(d) || d < 0 {
		return 0, "", fmt.Errorf("audio length %v is not a non-negative number", d)
	}
	return d, format, nil
}

// settleCopy repairs the copied audio's header (a WAV a recorder's crash
// left with its sizes unwritten reads as empty) and measures it. It says
// what it changed, and refuses audio with no samples.
func (l *Library) settleCopy(d *os.File, name, format string) (durationS float64, note string, err error) {
	h := l.opts.Audio
	if h.Probe == nil {
		return 0, "", nil
	}
	if format == "wav" && h.Repair != nil {
		f, err := openIn(d, name, os.O_RDWR, 0)
		if err != nil {
			return 0, "", err
		}
		repaired, err := h.Repair(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return 0, "", fmt.Errorf("check the copied audio: %w", err)
		}
		if repaired {
			note = "the WAV header did not match its samples and was repaired on import (the original file is unchanged)"
		}
	}
	f, err := openIn(d, name, os.O_RDONLY, 0)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	durationS, _, err = h.Probe(f)
	if err != nil {
		return 0, "", fmt.Errorf("check the copied audio: %w", err)
	}
	if durationS <= 0 {
		return 0, "", ErrNoAudio
	}
	return durationS, note, nil
}
