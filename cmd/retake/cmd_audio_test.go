package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"retake/audio"
)

func TestAudioCommands(t *testing.T) {
	dir := t.TempDir()
	take := filepath.Join(dir, "take.wav")
	cases := []struct {
		name     string
		backend  string
		cmd      func([]string, *bytes.Buffer, *bytes.Buffer) int
		args     []string
		code     int
		out, err string
	}{
		{"devices on null", "null", wrap(devicesCmd), nil, 0, "NULL Capture Device", ""},
		{"record on null", "null", wrap(recordCmd), []string{"--out", take, "--seconds", "0.5"}, 0, "recorded " + take + ": 0.50 s, 48000 Hz", ""},
		{"record needs --out", "null", wrap(recordCmd), []string{"--seconds", "1"}, 2, "", "want --out FILE"},
		{"repair an intact take", "", wrap(repairCmd), []string{take}, 0, "intact " + take + ": 0.50 s", ""},
		{"play on null", "null", wrap(playCmd), []string{take}, 0, "played " + take + ": 0.50 of 0.50 s", ""},
		{"pauses flag after file", "", wrap(pausesCmd), []string{take, "--json"}, 0, `"pauses":[]`, ""},
		{"pauses of a missing file", "", wrap(pausesCmd), []string{filepath.Join(dir, "nope.wav")}, 1, "", "no such file"},
		{"repair of a text file", "", wrap(repairCmd), []string{"cmd_audio.go"}, 1, "", "not a WAV file"},
		{"bad flag", "", wrap(pausesCmd), []string{"--loud", take}, 2, "", "flag provided but not defined"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv(audio.BackendEnv, c.backend)
			var out, errb bytes.Buffer
			code := c.cmd(c.args, &out, &errb)
			if code != c.code || !strings.Contains(out.String(), c.out) || !strings.Contains(errb.String(), c.err) {
				t.Fatalf("exit %d, stdout %q, stderr %q; want exit %d, stdout with %q, stderr with %q",
					code, out.String(), errb.String(), c.code, c.out, c.err)
			}
			if c.code == 1 && strings.Count(strings.TrimSpace(errb.String()), "\n") != 0 {
				t.Fatalf("error is not one line: %q", errb.String())
			}
		})
	}
}

func wrap(f func([]string, io.Writer, io.Writer) int) func([]string, *bytes.Buffer, *bytes.Buffer) int {
	return func(a []string, o, e *bytes.Buffer) int { return f(a, o, e) }
}

func TestNoDeviceCommands(t *testing.T) {
	t.Setenv(audio.BackendEnv, "")
	if devs, _ := audio.CaptureDevices(); len(devs) > 0 {
		t.Skip("this machine has sound devices")
	}
	take := filepath.Join(t.TempDir(), "t.wav")
	for name, run := range map[string]func() int{
		"record": func() int { return recordCmd([]string{"--out", take}, &bytes.Buffer{}, errOut(t, "no capture device")) },
		"play": func() int {
			return playCmd([]string{"../../audio/testdata/tone-22k-mono.mp3"}, &bytes.Buffer{}, errOut(t, "no playback device"))
		},
	} {
		if code := run(); code != 1 {
			t.Errorf("%s without a device: exit %d, want 1", name, code)
		}
	}
	if _, err := os.Stat(take); err == nil {
		t.Error("record without a device left a file behind")
	}
}

// errOut is a stderr that checks, at test end, it got exactly one line
// mentioning want.
func errOut(t *testing.T, want string) *bytes.Buffer {
	b := &bytes.Buffer{}
	t.Cleanup(func() {
		s := b.String()
		if !strings.Contains(s, want) || strings.Count(s, "\n") != 1 {
			t.Errorf("stderr %q, want one line with %q", s, want)
		}
	})
	return b
}

func TestPausesJSONShape(t *testing.T) {
	var out bytes.Buffer
	if code := pausesCmd([]string{"--json", "../../audio/testdata/tone-22k-mono.mp3"}, &out, &bytes.Buffer{}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var m map[string]any
	if err := json.Unmarshal(out.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"duration_s", "speech_s", "longest_pause_s", "pauses"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, out.String())
		}
	}
	if len(m) != 4 {
		t.Errorf("JSON has extra keys: %s", out.String())
	}
}

// recordChildEnv makes a re-executed test binary run `record` as a child.
const recordChildEnv = "RETAKE_TEST_RECORD_CHILD"

func TestRecordChild(t *testing.T) {
	out := os.Getenv(recordChildEnv)
	if out == "" {
		t.Skip("only runs as the child of TestRecordStopsOnSIGTERM")
	}
	os.Exit(recordCmd([]string{"--out", out}, os.Stdout, os.Stderr))
}

// TestRecordStopsOnSIGTERM checks that SIGTERM ends `retake record`
// cleanly: exit 0 and a finalized file that needs no repair.
func TestRecordStopsOnSIGTERM(t *testing.T) {
	take := filepath.Join(t.TempDir(), "take.wav")
	cmd := exec.Command(os.Args[0], "-test.run=^TestRecordChild$")
	cmd.Env = append(os.Environ(), recordChildEnv+"="+take, audio.BackendEnv+"=null")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1500 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("record after SIGTERM: %v\nstdout %s\nstderr %s", err, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "recorded "+take) {
		t.Fatalf("stdout %q", stdout.String())
	}
	if repaired, err := audio.Repair(take); err != nil || repaired {
		t.Fatalf("file after SIGTERM: repaired %v, err %v; want an already final file", repaired, err)
	}
	if info, err := audio.Probe(take); err != nil || info.Duration < 500*time.Millisecond {
		t.Fatalf("take after SIGTERM: %+v, %v", info, err)
	}
}
