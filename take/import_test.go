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
	"syscall"
	"testing"
	"time"

	"retake/scoring"
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
	l, err := Open(Options{Audio: AudioHooks{Probe: func(*os.File) (float64, string, error) { return 0, "", boom }}})
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

func TestImportWithTranscriptIsAllOrNothing(t *testing.T) {
	l := openTest(t)
	src := filepath.Join(t.TempDir(), "answer.wav")
	writeWAV(t, src, 1, false)
	in := Import{Audio: src, Question: classic, Transcript: answer, Source: FileSource("answer.txt")}

	// The disk fills up when take.json is written: the audio is copied,
	// the take is not. Nothing is left, and the error says so.
	free := diskFull(t, takeFile)
	_, err := l.Import(in)
	if err == nil || !strings.Contains(err.Error(), "nothing was imported") || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("Import on a full disk = %v", err)
	}
	if list, _ := l.List(); len(list) != 0 {
		t.Fatalf("a failed import left %+v", list)
	}
	if ents, _ := os.ReadDir(filepath.Join(l.Root(), takesDir)); len(ents) != 0 {
		t.Fatalf("a failed import left %d entries in takes/", len(ents))
	}
	free()
	tk, err := l.Import(in)
	if err != nil {
		t.Fatal(err)
	}
	got, err := l.Get(tk.ID)
	if err != nil || got.Transcript != answer || got.TranscriptSource != FileSource("answer.txt") || got.Report == nil || got.DurationS != 1 {
		t.Fatalf("imported take %+v, %v", got, err)
	}
}

func TestTranscriptTooLargeToStoreIsRefusedUpFront(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, nil)
	before, _ := os.ReadFile(filepath.Join(tk.Dir(), takeFile))
	// A report whose quotes add up past the library's own take.json
	// limit, as an analyzer quoting a whole one-line transcript per flag
	// would make: refused before anything is written.
	text := strings.Repeat("I skipped the dry run. ", 20)
	rep := scoring.Analyze(scoring.Input{Text: text, Rubric: "mistake"})
	rep.Flags = append(rep.Flags, scoring.Flag{ID: "huge", Spans: []scoring.Span{{Start: 0, End: 5, Text: strings.Repeat("x", maxTakeSz)}}})
	_, err := l.SetAnalyzedTranscript(tk.ID, text, SourceTyped, rep)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "shorten the transcript") || !strings.Contains(err.Error(), "at most 32 MB") {
		t.Fatalf("SetAnalyzedTranscript with a report past the limit = %v", err)
	}
	if after, _ := os.ReadFile(filepath.Join(tk.Dir(), takeFile)); !bytes.Equal(before, after) {
		t.Error("a refused transcript changed take.json")
	}
	if s := listed(t, l, tk.ID); s.Status != OK {
		t.Errorf("listed as %+v", s)
	}
}

func TestImportRefusesSpecialFilesAndSilence(t *testing.T) {
	l := openTest(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.wav")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.wav")
	if err := os.WriteFile(empty, wavHeader(0), 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := l.ImportAudio(fifo, classic, ""); err == nil || !strings.Contains(err.Error(), "named pipe") {
			t.Errorf("import of a FIFO = %v", err)
		}
		if _, err := l.ImportAudio("/dev/zero", classic, ""); err == nil || !strings.Contains(err.Error(), "device") {
			t.Errorf("import of a device = %v", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("import hung on a special file")
	}
	if _, err := l.ImportAudio(empty, classic, ""); !errors.Is(err, ErrNoAudio) {
		t.Errorf("import of a WAV with no samples = %v", err)
	}
	if list, _ := l.List(); len(list) != 0 {
		t.Errorf("refused imports left %+v", list)
	}
}

func TestImportRepairsAShortHeaderInTheCopy(t *testing.T) {
	l := openTest(t)
	src := filepath.Join(t.TempDir(), "crashed.wav")
	writeWAV(t, src, 2, true) // header says no data; 2 s of samples follow
	before := fileSum(t, src)
	tk, err := l.ImportAudio(src, classic, "")
	if err != nil {
		t.Fatal(err)
	}
	if tk.DurationS != 2 || !strings.Contains(tk.Note, "repaired on import") {
		t.Errorf("imported take: %v s, note %q", tk.DurationS, tk.Note)
	}
	if fileSum(t, src) != before {
		t.Error("the original was changed")
	}
}
