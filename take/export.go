package take

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"
)

// Export writes a take to a zip file: its audio, its transcript (under
// the imported file's name, or transcript.txt) and, when it has been
// analyzed, the rubric card as card.md. The zip appears complete or not
// at all.
func (l *Library) Export(id, zipPath string) error {
	t, err := l.Get(id)
	if err != nil {
		return fmt.Errorf("export take %s: %w", id, err)
	}
	abs, err := filepath.Abs(zipPath)
	if err != nil {
		return fmt.Errorf("export take %s: %w", id, err)
	}
	err = writeAtomicPath(abs, func(w io.Writer) error {
		return writeZip(w, t)
	})
	if err != nil {
		return fmt.Errorf("export take %s: %w", id, err)
	}
	return nil
}

// writeZip streams the take's files into a zip archive.
func writeZip(w io.Writer, t *Take) error {
	z := zip.NewWriter(w)
	// A take a crash interrupted before any audio reached the disk still
	// exports its transcript and card.
	if t.Audio != "" {
		if err := addAudio(z, t); err != nil {
			return err
		}
	}
	if t.Transcript != "" {
		if err := addBytes(z, transcriptName(t), []byte(t.Transcript), t.Created); err != nil {
			return err
		}
	}
	if t.Report != nil {
		if err := addBytes(z, "card.md", []byte(RenderCardMarkdown(*t.Report, analyzedText(t))), t.Created); err != nil {
			return err
		}
	}
	return z.Close()
}

// transcriptName is the name the transcript goes under in an export: the
// imported file's base name (cleaned of anything path-like) or
// transcript.txt.
func transcriptName(t *Take) string {
	if src := t.TranscriptSource; src.Kind == SourceKindFile {
		if b := path.Base(filepath.ToSlash(src.Name)); ValidateID(b) == nil && b != "card.md" && b != t.Audio {
			return b
		}
	}
	return "transcript.txt"
}

// analyzedText is the text the report's spans point into: the parsed
// transcript, whose markup is blanked but whose offsets match.
func analyzedText(t *Take) string {
	in, err := input(t)
	if err != nil {
		return t.Transcript
	}
	return in.Text
}

// addAudio streams the take's audio into the zip, dated with the take.
// The file is opened inside the take's folder without following links,
// so an export never carries a file from outside the take.
func addAudio(z *zip.Writer, t *Take) error {
	d, err := openDir(t.dir)
	if err != nil {
		return fmt.Errorf("add %s: %w", t.Audio, err)
	}
	defer d.Close()
	f, err := openIn(d, t.Audio, os.O_RDONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("add %s: %w", t.Audio, err)
	}
	defer f.Close()
	w, err := z.CreateHeader(&zip.FileHeader{Name: t.Audio, Method: zip.Deflate, Modified: t.Created})
	if err != nil {
		return fmt.Errorf("add %s: %w", t.Audio, err)
	}
	if _, err := io.Copy(w, f); err != nil {
		return fmt.Errorf("add %s: %w", t.Audio, err)
	}
	return nil
}

// addBytes adds a generated file to the zip, dated with the take.
func addBytes(z *zip.Writer, name string, data []byte, date time.Time) error {
	w, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: date})
	if err != nil {
		return fmt.Errorf("add %s: %w", name, err)
	}
	_, err = w.Write(data)
	return err
}
