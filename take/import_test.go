package take

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestImportCopiesAndLeavesOriginal(t *testing.T) {
	l := openTest(t)
	src := filepath.Join(t.TempDir(), "answer.wav")
	writeWAV(t, src, 1.25, false)
	old := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := os.Chtimes(src, old, old); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(src, 0o444); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, src)

	tk, err := l.ImportAudio(src, classic, "imported")
	if err != nil {
		t.Fatal(err)
	}
	if tk.Status != OK || tk.DurationS != 1.25 || tk.Audio != "audio.wav" || tk.Story != "imported" {
		t.Errorf("imported take %+v", tk)
	}
	if fileSum(t, tk.AudioPath()) != before {
		t.Error("the copy differs from the original")
	}
	fi, err := os.Stat(src)
	if err != nil || fileSum(t, src) != before || !fi.ModTime().Equal(old) || fi.Mode().Perm() != 0o444 {
		t.Errorf("original modified: %v %v", fi.ModTime(), fi.Mode())
	}
	if fi, _ := os.Stat(tk.AudioPath()); fi.Mode().Perm() != 0o600 {
		t.Errorf("copied audio mode %o", fi.Mode().Perm())
	}
	if got, err := l.Get(tk.ID); err != nil || got.DurationS != 1.25 {
		t.Errorf("Get imported = %+v, %v", got, err)
	}
}

func TestImportRefusesNonAudio(t *testing.T) {
	l := openTest(t)
	dir := t.TempDir()
	txt := filepath.Join(dir, "notes.wav")
	os.WriteFile(txt, []byte("these are notes, not audio"), 0o600)
	flac := filepath.Join(dir, "a.flac")
	os.WriteFile(flac, []byte("fLaC"), 0o600)
	for _, p := range []string{txt, flac, dir, filepath.Join(dir, "missing.wav")} {
		if _, err := l.ImportAudio(p, classic, ""); err == nil {
			t.Errorf("ImportAudio(%s) accepted", p)
		}
	}
	// The probe hook decides the format; without one the name does.
	bare, err := Open(Options{Root: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer bare.Close()
	if _, err := bare.ImportAudio(flac, classic, ""); err == nil {
		t.Error("a .flac accepted without a probe")
	}
	mp3 := filepath.Join(dir, "a.MP3")
	os.WriteFile(mp3, []byte("ID3 pretend"), 0o600)
	if tk, err := bare.ImportAudio(mp3, classic, ""); err != nil || tk.Audio != "audio.mp3" {
		t.Errorf("mp3 by name = %+v, %v", tk, err)
	}
	if list, _ := l.List(); len(list) != 0 {
		t.Errorf("refused imports left takes: %+v", list)
	}
	ents, _ := os.ReadDir(filepath.Join(l.Root(), "takes"))
	if len(ents) != 0 {
		t.Errorf("refused imports left %d entries in takes/", len(ents))
	}
}

func TestImportProbeErrorIsReported(t *testing.T) {
	testRoot(t)
	boom := errors.New("decoder says no")
	l, err := Open(Options{Audio: AudioHooks{Probe: func(string) (float64, string, error) { return 0, "", boom }}})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	src := filepath.Join(t.TempDir(), "x.wav")
	writeWAV(t, src, 0.1, false)
	if _, err := l.ImportAudio(src, classic, ""); !errors.Is(err, boom) || !strings.Contains(err.Error(), src) {
		t.Errorf("ImportAudio = %v, want the probe's error with the file name", err)
	}
}

func TestExportZip(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, []float64{0.1, 0.3, 0.5, 0.7})
	srt := "1\n00:00:00,000 --> 00:00:02,000\n" + answer + "\n"
	if _, err := l.SetTranscript(tk.ID, srt, FileSource("answer.srt")); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "take.zip")
	if err := l.Export(tk.ID, out); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	files := map[string][]byte{}
	for _, f := range z.File {
		if !f.Modified.Equal(tk.Created.Truncate(time.Second)) {
			t.Errorf("%s dated %v, want the take's %v", f.Name, f.Modified, tk.Created)
		}
		r, _ := f.Open()
		files[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	wav, _ := os.ReadFile(tk.AudioPath())
	if !bytes.Equal(files["audio.wav"], wav) {
		t.Error("audio.wav missing or different in the zip")
	}
	if string(files["answer.srt"]) != srt {
		t.Errorf("transcript in zip = %q", files["answer.srt"])
	}
	if card := string(files["card.md"]); !strings.HasPrefix(card, "# Rubric card: ") || !strings.Contains(card, "## Sections") {
		t.Errorf("card.md = %q", card)
	}
	if len(files) != 3 {
		t.Errorf("zip holds %d files, want 3", len(files))
	}
	if err := l.Export("no-such-take", out); !errors.Is(err, ErrNotFound) {
		t.Errorf("Export of a missing take = %v", err)
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestExportWithoutAudio(t *testing.T) {
	l := openTest(t)
	tk, err := l.Create(classic, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := l.SetTranscript(tk.ID, answer, SourceTyped); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "t.zip")
	if err := l.Export(tk.ID, out); err != nil {
		t.Fatal(err)
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if len(z.File) != 2 || z.File[0].Name != "transcript.txt" || z.File[1].Name != "card.md" {
		t.Errorf("zip of a take without audio holds %d files", len(z.File))
	}
}
