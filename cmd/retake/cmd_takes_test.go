package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"retake/take"
)

// takesEnv points the library at a fresh folder for one test.
func takesEnv(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv(take.EnvDataDir, dir)
	return dir
}

// runTakes runs one of the take commands in-process.
func runTakes(t *testing.T, f func([]string, *bytes.Buffer, *bytes.Buffer) int, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := f(args, &out, &errb)
	return code, out.String(), errb.String()
}

// wrapIO adapts a command to the test's buffers.
func wrapIO(cmd func([]string, io.Writer, io.Writer) int) func([]string, *bytes.Buffer, *bytes.Buffer) int {
	return func(a []string, o, e *bytes.Buffer) int { return cmd(a, o, e) }
}

// testTakeWAV writes a 16-bit mono WAV of n samples at 8 kHz.
func testTakeWAV(t *testing.T, path string, n int) {
	t.Helper()
	data := make([]byte, 44+2*n)
	copy(data, "RIFF")
	binary.LittleEndian.PutUint32(data[4:], uint32(36+2*n))
	copy(data[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(data[16:], 16)
	binary.LittleEndian.PutUint16(data[20:], 1)
	binary.LittleEndian.PutUint16(data[22:], 1)
	binary.LittleEndian.PutUint32(data[24:], 8000)
	binary.LittleEndian.PutUint32(data[28:], 16000)
	binary.LittleEndian.PutUint16(data[32:], 2)
	binary.LittleEndian.PutUint16(data[34:], 16)
	copy(data[36:], "data")
	binary.LittleEndian.PutUint32(data[40:], uint32(2*n))
	for i := 0; i < n; i++ {
		binary.LittleEndian.PutUint16(data[44+2*i:], uint16(int16((i%80)*400-16000)))
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestTakeCommands(t *testing.T) {
	takesEnv(t)
	dir := t.TempDir()
	wav := filepath.Join(dir, "answer.wav")
	testTakeWAV(t, wav, 16000) // two seconds
	tr := filepath.Join(dir, "answer.txt")
	os.WriteFile(tr, []byte("Last year I shipped the report without checking the totals, because I trusted the old query.\n"), 0o600)

	code, out, errs := runTakes(t, wrapIO(cmdImport), wav, "--transcript", tr, "--story", "report totals")
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	id := strings.TrimSpace(out)
	code, out, errs = runTakes(t, wrapIO(cmdImport), "../../audio/testdata/tone-22k-mono.mp3", "--question", "mistake-biggest")
	if code != 0 {
		t.Fatalf("import mp3: %d %s", code, errs)
	}
	mp3ID := strings.TrimSpace(out)

	code, out, errs = runTakes(t, wrapIO(cmdTakes), "--json")
	if code != 0 {
		t.Fatalf("takes --json: %d %s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 2 {
		t.Fatalf("takes --json printed %q (%v)", out, err)
	}
	for _, key := range []string{"id", "question", "story", "created", "duration_s", "score", "status"} {
		if _, ok := rows[0][key]; !ok {
			t.Errorf("takes --json row lacks %q: %v", key, rows[0])
		}
	}
	byID := map[string]map[string]any{}
	for _, r := range rows {
		byID[r["id"].(string)] = r
	}
	if r := byID[id]; r["status"] != "ok" || r["story"] != "report totals" || r["duration_s"] != 2.0 || r["score"] == nil {
		t.Errorf("imported WAV row %v", r)
	}
	if r := byID[mp3ID]; r["status"] != "ok" || r["question"] != "mistake-biggest" || r["score"] != nil || r["duration_s"].(float64) < 0.9 {
		t.Errorf("imported MP3 row %v", r)
	}

	if code, out, _ = runTakes(t, wrapIO(cmdShow), id, "--json"); code != 0 || !strings.Contains(out, `"kind": "file",`) || !strings.Contains(out, `"name": "answer.txt"`) {
		t.Errorf("show --json: %d %s", code, out)
	}
	if code, out, _ = runTakes(t, wrapIO(cmdShow), id); code != 0 || !strings.Contains(out, "# Rubric card:") {
		t.Errorf("show: %d %s", code, out)
	}
	if code, out, _ = runTakes(t, wrapIO(cmdStats), "--story", "report totals", "--json"); code != 0 || !strings.Contains(out, `"total": 1`) {
		t.Errorf("stats --json: %d %s", code, out)
	}
	if code, out, _ = runTakes(t, wrapIO(cmdStats)); code != 0 || !strings.Contains(out, "2 take(s)") {
		t.Errorf("stats: %d %s", code, out)
	}

	zipPath := filepath.Join(dir, "out.zip")
	if code, _, errs = runTakes(t, wrapIO(cmdExport), id, "--out", zipPath); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	z, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
	}
	z.Close()
	if strings.Join(names, ",") != "audio.wav,answer.txt,card.md" {
		t.Errorf("zip holds %v", names)
	}

	if code, _, errs = runTakes(t, wrapIO(cmdRm), id); code != 0 {
		t.Fatalf("rm: %d %s", code, errs)
	}
	if code, out, _ = runTakes(t, wrapIO(cmdTakes), "--trash", "--json"); code != 0 || !strings.Contains(out, id) {
		t.Errorf("takes --trash: %s", out)
	}
	if code, _, errs = runTakes(t, wrapIO(cmdRestore), id); code != 0 {
		t.Fatalf("restore: %d %s", code, errs)
	}
	if code, _, errs = runTakes(t, wrapIO(cmdRestore), id); code != 1 || !strings.Contains(errs, "no such take in the trash") || strings.Count(errs, "\n") != 1 {
		t.Errorf("second restore: %d %q", code, errs)
	}
}

func TestTakeCommandErrors(t *testing.T) {
	takesEnv(t)
	notAudio := filepath.Join(t.TempDir(), "notes.wav")
	os.WriteFile(notAudio, []byte("plain words"), 0o600)
	for _, tc := range []struct {
		name string
		cmd  func([]string, *bytes.Buffer, *bytes.Buffer) int
		args []string
		code int
	}{
		{"show without id", wrapIO(cmdShow), nil, 2},
		{"show two ids", wrapIO(cmdShow), []string{"a", "b"}, 2},
		{"show escaping id", wrapIO(cmdShow), []string{"../x"}, 1},
		{"show missing", wrapIO(cmdShow), []string{"nope"}, 1},
		{"takes bad flag", wrapIO(cmdTakes), []string{"--nope"}, 2},
		{"export without out", wrapIO(cmdExport), []string{"x"}, 2},
		{"import not audio", wrapIO(cmdImport), []string{notAudio}, 1},
		{"import unknown question", wrapIO(cmdImport), []string{notAudio, "--question", "nope"}, 2},
		{"import bad transcript", wrapIO(cmdImport), []string{notAudio, "--transcript", "/no/such/file"}, 1},
		{"rm nothing", wrapIO(cmdRm), nil, 2},
		{"rm id and empty", wrapIO(cmdRm), []string{"x", "--empty-trash"}, 2},
		{"stats negative", wrapIO(cmdStats), []string{"--last", "-1"}, 2},
	} {
		code, out, errs := runTakes(t, tc.cmd, tc.args...)
		if code != tc.code {
			t.Errorf("%s: exit %d, want %d (%s%s)", tc.name, code, tc.code, out, errs)
		}
		if code == 1 && strings.Count(errs, "\n") != 1 {
			t.Errorf("%s: error is not one line: %q", tc.name, errs)
		}
	}
}

func TestWritingCommandsRefuseWhileAppRuns(t *testing.T) {
	takesEnv(t)
	commandLockWait = 300 * time.Millisecond
	defer func() { commandLockWait = take.DefaultLockWait }()
	app, err := take.Open(take.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	code, _, errs := runTakes(t, wrapIO(cmdRm), "some-take")
	if code != 1 || !strings.Contains(errs, "another copy of Retake") || !strings.Contains(errs, "waited 300ms") {
		t.Errorf("rm while locked: %d %q", code, errs)
	}
	if code, _, errs = runTakes(t, wrapIO(cmdTakes)); code != 0 || !strings.Contains(errs, "another copy of Retake") {
		t.Errorf("takes while locked: %d %q", code, errs)
	}
}

func TestCrashedTakeRecoveredWithRealAudioHooks(t *testing.T) {
	takesEnv(t)
	lib, err := take.Open(take.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tk, err := lib.Create(take.Question{ID: "mistake-classic"}, "crash")
	if err != nil {
		t.Fatal(err)
	}
	// What a killed recorder leaves: 1.5 s of samples behind a header
	// whose sizes were never filled in.
	testTakeWAV(t, tk.AudioPath(), 12000)
	f, err := os.OpenFile(tk.AudioPath(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteAt(make([]byte, 4), 4)
	f.WriteAt(make([]byte, 4), 40)
	f.Close()
	lib.Close() // the "crash": the take is still in the recording state

	code, out, errs := runTakes(t, wrapIO(cmdTakes), "--json")
	if code != 0 {
		t.Fatalf("takes: %d %s", code, errs)
	}
	var rows []take.Summary
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		t.Fatalf("takes --json = %s (%v)", out, err)
	}
	// A reader never writes: it says the take needs recovery and how.
	if r := rows[0]; r.Status != take.NeedsRecovery || !strings.Contains(r.Reason, "retake recover") {
		t.Errorf("crashed take listed by a reader as %+v, want needs recovery", r)
	}
	if code, out, errs = runTakes(t, wrapIO(cmdRecover)); code != 0 || out != "recovered "+tk.ID+"\n" {
		t.Fatalf("recover: %d %q %q", code, out, errs)
	}
	code, out, errs = runTakes(t, wrapIO(cmdTakes), "--json")
	rows = nil
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 1 {
		t.Fatalf("takes --json = %s (%v, %s)", out, err, errs)
	}
	if r := rows[0]; r.Status != take.Recovered || r.DurationS != 1.5 || r.Reason != "" {
		t.Errorf("crashed take listed as %+v, want recovered with 1.5 s", r)
	}
	if code, out, _ = runTakes(t, wrapIO(cmdRecover)); code != 0 || out != "nothing to recover\n" {
		t.Errorf("second recover: %d %q", code, out)
	}
}
