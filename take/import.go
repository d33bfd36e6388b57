package take

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// maxAudioBytes bounds an imported file: a WAV cannot be larger than 4 GB,
// and anything near that is not a rehearsal answer.
const maxAudioBytes = 4 << 30

// stagingPrefix names the hidden folder an import is assembled in before
// it appears in the library under its id in one rename.
const stagingPrefix = ".import" + tempMark

// ImportAudio copies a WAV or MP3 file into a new take answering q. The
// original is only read. The take appears in the library complete or not
// at all: it is assembled in a hidden folder and renamed into place.
func (l *Library) ImportAudio(src string, q Question, story string) (*Take, error) {
	story, err := cleanStory(story)
	if err != nil {
		return nil, err
	}
	durationS, format, err := l.probe(src)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", src, err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return nil, fmt.Errorf("import %s: %w", src, err)
	}
	stage, err := os.MkdirTemp(filepath.Join(l.root, takesDir), stagingPrefix+"*")
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", src, err)
	}
	keep := false
	defer func() {
		if !keep {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, dirPerm); err != nil {
		return nil, fmt.Errorf("import %s: %w", src, err)
	}
	now := l.opts.Now()
	t := &Take{
		Schema: SchemaVersion, ID: NewID(now), Question: q, Story: story,
		Created: now.UTC(), DurationS: durationS, Marks: []float64{},
		Audio: "audio." + format, Status: OK,
	}
	if err := copyInto(src, stage, t.Audio); err != nil {
		return nil, fmt.Errorf("import %s: %w", src, err)
	}
	data, err := encodeTake(t)
	if err != nil {
		return nil, err
	}
	if err := writeAtomic(stage, takeFile, data); err != nil {
		return nil, fmt.Errorf("import %s: %w", src, err)
	}
	dir := l.takeDir(t.ID)
	if err := os.Rename(stage, dir); err != nil {
		return nil, fmt.Errorf("import %s: %w", src, err)
	}
	keep = true
	t.dir = dir
	return t, syncDir(filepath.Dir(dir))
}

// probe checks that src is a WAV or MP3 file and measures it, with the
// injected hook when there is one, else by its name alone.
func (l *Library) probe(src string) (float64, string, error) {
	fi, err := os.Stat(src)
	if err != nil {
		return 0, "", err
	}
	if !fi.Mode().IsRegular() {
		return 0, "", fmt.Errorf("not a regular file")
	}
	if fi.Size() > maxAudioBytes {
		return 0, "", fmt.Errorf("file is %d bytes, more than the %d allowed", fi.Size(), int64(maxAudioBytes))
	}
	var d float64
	format := strings.TrimPrefix(strings.ToLower(filepath.Ext(src)), ".")
	if h := l.opts.Audio.Probe; h != nil {
		if d, format, err = h(src); err != nil {
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

// copyInto copies src to dir/name atomically, reading src only.
func copyInto(src, dir, name string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeAtomicFrom(dir, name, func(w io.Writer) error {
		_, err := io.Copy(w, io.LimitReader(in, maxAudioBytes))
		return err
	})
}
