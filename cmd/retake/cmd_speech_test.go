package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"retake/speech"
	"retake/take"
)

// standIn is one of the speech package's stand-ins for engines that
// cannot be installed here.
func standIn(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "speech", "testdata", "bin", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// fakeWhisper sets up the whisper-cli stand-in with a model file.
func fakeWhisper(t *testing.T) []string {
	t.Helper()
	if _, err := exec.LookPath("sox"); err != nil {
		t.Skip("sox is not installed (make deps-test installs it)")
	}
	model := filepath.Join(t.TempDir(), "ggml-base.en.bin")
	os.WriteFile(model, []byte("stand-in"), 0o600)
	return []string{"--engine", "whisper", "--whisper-cli", standIn(t, "whisper-cli"), "--model", model}
}

const standInText = "I skipped the dry run, and two hundred invoices went out wrong."

func TestTranscribeFile(t *testing.T) {
	wav := filepath.Join(t.TempDir(), "answer.wav")
	testTakeWAV(t, wav, 24000)
	args := fakeWhisper(t)
	code, out, errs := runTakes(t, wrapIO(cmdTranscribe), append(args, "--json", wav)...)
	if code != 0 {
		t.Fatalf("transcribe --json: %d %s", code, errs)
	}
	var got struct {
		Engine string        `json:"engine"`
		Text   string        `json:"text"`
		Timed  bool          `json:"timed"`
		Words  []speech.Word `json:"words"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if got.Engine != "whisper" || got.Text != standInText || !got.Timed || len(got.Words) != 12 || got.Words[1].Start != 0.45 {
		t.Fatalf("JSON %+v", got)
	}
	for _, key := range []string{`"start"`, `"end"`, `"conf"`} {
		if !strings.Contains(out, key) {
			t.Fatalf("JSON words lack %s:\n%s", key, out)
		}
	}
	code, out, errs = runTakes(t, wrapIO(cmdTranscribe), append(args, wav)...)
	if code != 0 || !strings.HasPrefix(out, "WEBVTT\n") || !strings.Contains(out, "00:00:00.320 --> ") {
		t.Fatalf("transcribe: %d %s\n%s", code, errs, out)
	}
}

func TestTranscribeTake(t *testing.T) {
	takesEnv(t)
	wav := filepath.Join(t.TempDir(), "answer.wav")
	testTakeWAV(t, wav, 24000)
	code, out, errs := runTakes(t, wrapIO(cmdImport), wav)
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	id := strings.TrimSpace(out)
	args := fakeWhisper(t)

	// A failing engine says why and leaves the take as it was.
	t.Setenv("FAKE_MODE", "crash")
	code, _, errs = runTakes(t, wrapIO(cmdTranscribe), append(args, id)...)
	if code != 1 || !strings.Contains(errs, "whisper-cli exited with status 10") || strings.Count(errs, "\n") != 1 {
		t.Fatalf("crash: %d %q, want one line", code, errs)
	}
	lib, err := take.Open(take.Options{Audio: takeAudioHooks()})
	if err != nil {
		t.Fatal(err)
	}
	if tk, _ := lib.Get(id); tk.Transcript != "" {
		t.Fatalf("a failed run changed the transcript to %q", tk.Transcript)
	}
	lib.Close()

	t.Setenv("FAKE_MODE", "")
	code, out, errs = runTakes(t, wrapIO(cmdTranscribe), append(args, id)...)
	if code != 0 || !strings.Contains(errs, "stored as the transcript of take "+id+" (from whisper)") || !strings.HasPrefix(out, "WEBVTT") {
		t.Fatalf("transcribe ID: %d %s", code, errs)
	}
	lib, err = take.Open(take.Options{Audio: takeAudioHooks()})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	tk, err := lib.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Transcript != standInText || tk.TranscriptSource != take.EngineSource("whisper") || tk.Report == nil {
		t.Fatalf("stored %q from %+v, report %v", tk.Transcript, tk.TranscriptSource, tk.Report != nil)
	}
	// The draft keeps the engine's timed words, so the card's delivery
	// and the editor's highlight have them.
	if len(tk.Words) == 0 || tk.Words[len(tk.Words)-1].End <= 0 {
		t.Fatalf("stored words %+v, want the engine's timed words", tk.Words)
	}
}

func TestTranscribeErrors(t *testing.T) {
	takesEnv(t)
	wav := filepath.Join(t.TempDir(), "answer.wav")
	testTakeWAV(t, wav, 8000)
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no argument", nil, 2, "usage: retake transcribe"},
		{"neither file nor id", []string{"no such file.wav"}, 1, "is neither an audio file nor a take id"},
		{"unknown take", []string{"20240101-120000-abcd"}, 1, "20240101-120000-abcd"},
		{"unknown engine", []string{"--engine", "vosk", wav}, 1, `no speech engine named "vosk"`},
		{"engine not set up", []string{"--engine", "command", wav}, 1, "command cannot run: no transcriber command is set; to fix:"},
		{"not audio", []string{"--engine", "whisper", "--whisper-cli", standIn(t, "whisper-cli"), "--model", wav, "cmd_speech_test.go"}, 1, "not a WAV or MP3 file"},
	}
	for _, c := range cases {
		code, _, errs := runTakes(t, wrapIO(cmdTranscribe), c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: %d %q, want %d and %q", c.name, code, errs, c.code, c.want)
		}
	}
}

// TestTranscribeCancel: a cancelled run stores nothing and says so.
func TestTranscribeCancel(t *testing.T) {
	args := fakeWhisper(t)
	wav := filepath.Join(t.TempDir(), "answer.wav")
	testTakeWAV(t, wav, 8000)
	t.Setenv("FAKE_MODE", "hang")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errs bytes.Buffer
	cfg := speech.Config{WhisperCLI: args[3], WhisperModel: args[5]}
	stored := false
	open := func() (draftStore, func(), error) { stored = true; return nil, func() {}, nil }
	code := transcribe(ctx, wav, "whisper", false, cfg, open, &out, &errs)
	if code != 130 || !strings.Contains(errs.String(), "cancelled; nothing was stored") || stored || out.Len() != 0 {
		t.Fatalf("%d %q %q", code, errs.String(), out.String())
	}
}

func TestEnginesCommand(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	code, out, errs := runTakes(t, wrapIO(cmdEngines), "--json")
	if code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	var list []engineJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != 3 || list[0].Name != "pocketsphinx" || list[0].Available || !strings.Contains(list[0].Fix, "apt-get install pocketsphinx pocketsphinx-en-us") || !list[0].Streams {
		t.Fatalf("engines %+v", list)
	}
	code, out, _ = runTakes(t, wrapIO(cmdEngines), "--command", standIn(t, "my-transcriber")+" txt {audio} {out}")
	if code != 0 || !strings.Contains(out, "pocketsphinx  not available  PocketSphinx is not installed") || !strings.Contains(out, "sox is not installed") {
		t.Fatalf("table:\n%s", out)
	}
}
