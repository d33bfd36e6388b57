package speech

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeModel is a model file for the whisper stand-in.
func fakeModel(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "ggml-base.en.bin")
	if err := os.WriteFile(p, []byte("not really a model"), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWhisperReadsItsJSON(t *testing.T) {
	needTools(t, "sox")
	tmp := privateTemp(t)
	w := &Whisper{Binary: fakeBin(t, "whisper-cli"), Model: fakeModel(t)}
	if ok, reason, _ := w.Available(); !ok {
		t.Fatal(reason)
	}
	var last atomic.Int64
	r, err := w.Transcribe(context.Background(), toneWAV(t, 4, 44100), func(done, total time.Duration) {
		if total != 4*time.Second {
			t.Errorf("progress total %v, want the audio's 4s", total)
		}
		last.Store(int64(done))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Text(); got != "I skipped the dry run, and two hundred invoices went out wrong." {
		t.Fatalf("text %q", got)
	}
	if r.Engine != "whisper" || r.Model != "ggml-base.en" || !r.Timed || !r.Punctuated || r.HearsFillers {
		t.Fatalf("result %+v", r)
	}
	if time.Duration(last.Load()) != 4*time.Second {
		t.Fatalf("last progress %v, want all 4s at whisper's 100%%", time.Duration(last.Load()))
	}
	assertEmpty(t, tmp)
}

func TestWhisperModelFromDataDir(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	reloadXDG()
	defer reloadXDG()
	w := &Whisper{Binary: fakeBin(t, "whisper-cli")}
	ok, reason, fix := w.Available()
	if ok || !strings.Contains(reason, "no whisper model in "+ModelsDir()) || !strings.Contains(fix, "download-ggml-model.sh base.en") {
		t.Fatalf("no model: ok=%v %q %q", ok, reason, fix)
	}
	if err := os.MkdirAll(ModelsDir(), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"ggml-medium.en.bin", "ggml-small.en.bin", "notes.txt"} {
		os.WriteFile(filepath.Join(ModelsDir(), n), []byte("x"), 0o600)
	}
	if m, err := w.model(); err != nil || filepath.Base(m) != "ggml-small.en.bin" {
		t.Fatalf("model %q, %v; want the preferred small.en", m, err)
	}
	if ok, reason, _ := w.Available(); !ok {
		t.Fatal(reason)
	}
}

// TestEngineFailures runs each engine's stand-in in each way it can go
// wrong and checks the one clear error each gives.
func TestEngineFailures(t *testing.T) {
	needTools(t, "sox")
	model := fakeModel(t)
	whisper := &Whisper{Binary: fakeBin(t, "whisper-cli"), Model: model}
	classic := &Sphinx{Binary: fakeBin(t, "pocketsphinx_continuous")}
	modern := &Sphinx{Binary: fakeBin(t, "pocketsphinx")}
	cases := []struct {
		name string
		e    Engine
		mode string
		is   error
		want string
	}{
		{"whisper crashes", whisper, "crash", ErrFailed, "whisper-cli exited with status 10: " + fakeBin(t, "whisper-cli") + ": failed to process audio"},
		{"whisper segfaults", whisper, "segv", ErrFailed, "whisper-cli crashed (segmentation fault)"},
		{"whisper prints garbage", whisper, "garbage", ErrBadOutput, "whisper's JSON: unexpected end of JSON input"},
		{"whisper writes nothing", whisper, "nojson", ErrBadOutput, "whisper-cli finished but wrote no JSON"},
		{"whisper without its model", &Whisper{Binary: fakeBin(t, "whisper-cli"), Model: model + ".gone"}, "", ErrUnavailable, "does not exist"},
		{"whisper not installed", &Whisper{Binary: filepath.Join(t.TempDir(), "whisper-cli")}, "", ErrUnavailable, "whisper-cli not found"},
		{"pocketsphinx crashes", classic, "crash", ErrFailed, "pocketsphinx_continuous exited with status 1: ERROR: \"acmod.c\", line 83: Folder does not contain acoustic model definition mdef"},
		{"pocketsphinx segfaults", classic, "segv", ErrFailed, "pocketsphinx_continuous crashed (segmentation fault)"},
		{"pocketsphinx prints garbage", classic, "garbage", ErrBadOutput, "pocketsphinx line 2: bytes that are not text"},
		{"pocketsphinx gives no times", classic, "notimes", ErrBadOutput, "without their times"},
		{"pocketsphinx stops reading", classic, "early", ErrFailed, "Failed to read audio"},
		{"pocketsphinx 5 prints garbage", modern, "garbage", ErrBadOutput, "pocketsphinx line 1 is not its JSON"},
		{"pocketsphinx not installed", &Sphinx{Binary: filepath.Join(t.TempDir(), "pocketsphinx_continuous")}, "", ErrUnavailable, "not found"},
		{"command wrote nothing", &Command{Template: fakeBin(t, "my-transcriber") + " none {audio} {out}"}, "", ErrBadOutput, "wrote no transcript"},
		{"command fails", &Command{Template: fakeBin(t, "my-transcriber") + " json /no/such.wav {out} {audio}"}, "", ErrFailed, "my-transcriber exited with status 2: my-transcriber: no audio at /no/such.wav"},
	}
	audio := toneWAV(t, 3, 48000)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tmp := privateTemp(t)
			t.Setenv("FAKE_MODE", c.mode)
			_, err := c.e.Transcribe(context.Background(), audio, nil)
			if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v\nwant %v saying %q", err, c.is, c.want)
			}
			assertEmpty(t, tmp)
		})
	}
}

// TestEnginesReadTheirOutput runs the stand-ins that print a real
// engine's output format.
func TestEnginesReadTheirOutput(t *testing.T) {
	needTools(t, "sox")
	audio := toneWAV(t, 2, 16000)
	for _, c := range []struct {
		name string
		e    Engine
		want string
	}{
		{"pocketsphinx 0.8", &Sphinx{Binary: fakeBin(t, "pocketsphinx_continuous")}, "I skipped a dry run. Then I'd tell my manager."},
		{"pocketsphinx 5", &Sphinx{Binary: fakeBin(t, "pocketsphinx")}, "I skipped a dry run. Then I'd tell my manager."},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := c.e.Transcribe(context.Background(), audio, nil)
			if err != nil {
				t.Fatal(err)
			}
			if r.Text() != c.want || r.Engine != "pocketsphinx" || r.HearsFillers || !r.Timed {
				t.Fatalf("got %q %+v", r.Text(), r)
			}
		})
	}
}

func TestCommandOutputKinds(t *testing.T) {
	needTools(t, "sox")
	audio := toneWAV(t, 4, 22050)
	cases := []struct {
		kind, text string
		timed      bool
	}{
		{"json", "I skipped the dry run.", true},
		{"words-json", "I told.", true},
		{"vtt", "I skipped the dry run. And two hundred invoices went out wrong.", true},
		{"srt", "I skipped the dry run. And two hundred invoices went out wrong.", true},
		{"txt", "I skipped the dry run, and two hundred invoices went out wrong.", false},
		{"bare", "I skipped the dry run.", true},
	}
	for _, c := range cases {
		t.Run(c.kind, func(t *testing.T) {
			tmp := privateTemp(t)
			cmd := &Command{Template: "'" + fakeBin(t, "my-transcriber") + "' " + c.kind + " {audio} {out}"}
			var saw50 atomic.Bool
			r, err := cmd.Transcribe(context.Background(), audio, func(done, total time.Duration) {
				if done == total/2 {
					saw50.Store(true)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			if r.Text() != c.text || r.Timed != c.timed || r.Engine != "command" {
				t.Fatalf("got %q timed=%v, want %q timed=%v", r.Text(), r.Timed, c.text, c.timed)
			}
			if !saw50.Load() {
				t.Error("the 50% on stderr was not reported as progress")
			}
			assertEmpty(t, tmp)
		})
	}
}

func TestCommandTemplates(t *testing.T) {
	cases := []struct{ template, want string }{
		{"", "no transcriber command is set"},
		{"whisper-cli -f {audio}", "must contain {audio} and {out}"},
		{"tool '{audio} {out}", "unclosed ' quote"},
		{"/no/such/tool {audio} {out}", "the transcriber program /no/such/tool is not found"},
	}
	for _, c := range cases {
		ok, reason, fix := (&Command{Template: c.template}).Available()
		if ok || !strings.Contains(reason, c.want) || fix == "" {
			t.Errorf("%q: ok=%v reason %q fix %q, want %q and a fix", c.template, ok, reason, fix, c.want)
		}
	}
	args, err := splitCommand(`tool -x "two words" 'it''s' {audio}`)
	if err != nil || strings.Join(args, "|") != "tool|-x|two words|its|{audio}" {
		t.Fatalf("split %q, %v", args, err)
	}
}

// TestNothingInstalled checks what a machine without any engine says.
func TestNothingInstalled(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	reloadXDG()
	defer reloadXDG()
	c := Config{}
	want := map[string][2]string{
		"pocketsphinx": {"PocketSphinx is not installed", sphinxFix},
		"whisper":      {"whisper-cli is not installed", whisperInstall},
		"command":      {"no transcriber command is set", commandFix},
	}
	for _, e := range c.Engines() {
		ok, reason, fix := e.Available()
		if ok || reason != want[e.Name()][0] || fix != want[e.Name()][1] {
			t.Errorf("%s: ok=%v %q %q, want %q %q", e.Name(), ok, reason, fix, want[e.Name()][0], want[e.Name()][1])
		}
		_, err := e.Transcribe(context.Background(), "take.wav", nil)
		var u *UnavailableError
		if !errors.As(err, &u) || !errors.Is(err, ErrUnavailable) || u.Reason != want[e.Name()][0] {
			t.Errorf("%s: Transcribe err = %v, want the same reason", e.Name(), err)
		}
	}
	_, err := c.Best()
	if err == nil || !strings.Contains(err.Error(), "pocketsphinx: PocketSphinx is not installed ("+sphinxFix+")") {
		t.Fatalf("Best: %v", err)
	}
	if _, err := c.Engine("vosk"); err == nil {
		t.Fatal("an unknown engine name was accepted")
	}
}

// TestSoxMissing: an engine without the converter says so.
func TestSoxMissing(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(fakeBin(t, "pocketsphinx_continuous"), filepath.Join(dir, "pocketsphinx_continuous")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	ok, reason, fix := (&Sphinx{}).Available()
	if ok || !strings.Contains(reason, "sox is not installed") || fix != soxFix {
		t.Fatalf("ok=%v %q %q", ok, reason, fix)
	}
}

func TestBadAudio(t *testing.T) {
	needTools(t, "sox")
	text := filepath.Join(t.TempDir(), "notes.wav")
	os.WriteFile(text, []byte("these are notes, not audio"), 0o600)
	for _, path := range []string{text, filepath.Join(t.TempDir(), "gone.wav")} {
		_, err := (&Sphinx{Binary: fakeBin(t, "pocketsphinx_continuous")}).Transcribe(context.Background(), path, nil)
		if !errors.Is(err, ErrAudio) {
			t.Errorf("%s: err = %v, want ErrAudio", filepath.Base(path), err)
		}
	}
	err := soxError(errors.New("sox FAIL formats: no handler for given file type `mp3'"), []string{"-t", "mp3", "x.mp3"})
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "cannot read mp3 files; to fix: "+soxFix) {
		t.Fatalf("missing MP3 support: %v", err)
	}
}

// TestHangAndCancel checks that an engine that hangs is stopped at its
// time limit, that cancelling stops one at once, and that either way
// its whole process group is killed and no temporary file is left.
func TestHangAndCancel(t *testing.T) {
	needTools(t, "sox")
	engines := func(timeout time.Duration) []Engine {
		return []Engine{
			&Whisper{Binary: fakeBin(t, "whisper-cli"), Model: fakeModel(t), Timeout: timeout},
			&Sphinx{Binary: fakeBin(t, "pocketsphinx_continuous"), Timeout: timeout},
			&Command{Template: fakeBin(t, "pocketsphinx_continuous") + " -infile {audio} {out}", Timeout: timeout},
		}
	}
	audio := toneWAV(t, 10, 48000)
	for _, cancel := range []bool{false, true} {
		for _, e := range engines(3 * time.Second) {
			name := e.Name() + " times out"
			if cancel {
				name = e.Name() + " is cancelled"
			}
			t.Run(name, func(t *testing.T) {
				tmp := privateTemp(t)
				pidFile := filepath.Join(t.TempDir(), "pids")
				t.Setenv("FAKE_MODE", "hang")
				t.Setenv("FAKE_PIDS", pidFile)
				ctx, stop := context.WithCancel(context.Background())
				defer stop()
				errc := make(chan error, 1)
				go func() {
					_, err := e.Transcribe(ctx, audio, nil)
					errc <- err
				}()
				pids := waitPIDs(t, pidFile)
				if cancel {
					stop()
				}
				var err error
				select {
				case err = <-errc:
				case <-time.After(20 * time.Second):
					t.Fatal("Transcribe did not return")
				}
				if cancel && !errors.Is(err, context.Canceled) {
					t.Fatalf("err = %v, want cancelled", err)
				}
				if !cancel && (!errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "did not finish within 3s and was stopped")) {
					t.Fatalf("err = %v, want a timeout", err)
				}
				for _, pid := range pids {
					if !processGone(pid) {
						t.Errorf("process %d still runs", pid)
					}
				}
				assertEmpty(t, tmp)
			})
		}
	}
}
