package take

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/adrg/xdg"
)

// testRate is the sample rate of the WAV files the tests write.
const testRate = 16000

// writeWAV writes a mono 16-bit PCM WAV of the given length. With
// crashed, the RIFF and data sizes are left at zero, as a recorder that
// died before its first header update would leave them.
func writeWAV(t testing.TB, path string, seconds float64, crashed bool) {
	t.Helper()
	n := int(seconds * testRate)
	pcm := make([]byte, 2*n)
	for i := 0; i < n; i++ {
		binary.LittleEndian.PutUint16(pcm[2*i:], uint16(int16(i%200*100-10000)))
	}
	h := wavHeader(uint32(len(pcm)))
	if crashed {
		binary.LittleEndian.PutUint32(h[4:], 0)
		binary.LittleEndian.PutUint32(h[40:], 0)
	}
	if err := os.WriteFile(path, append(h, pcm...), 0o600); err != nil {
		t.Fatal(err)
	}
}

// wavHeader is the canonical 44-byte header of 16-bit mono PCM.
func wavHeader(dataLen uint32) []byte {
	h := make([]byte, 44)
	copy(h[0:], "RIFF")
	binary.LittleEndian.PutUint32(h[4:], 36+dataLen)
	copy(h[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:], 16)
	binary.LittleEndian.PutUint16(h[20:], 1)
	binary.LittleEndian.PutUint16(h[22:], 1)
	binary.LittleEndian.PutUint32(h[24:], testRate)
	binary.LittleEndian.PutUint32(h[28:], testRate*2)
	binary.LittleEndian.PutUint16(h[32:], 2)
	binary.LittleEndian.PutUint16(h[34:], 16)
	copy(h[36:], "data")
	binary.LittleEndian.PutUint32(h[40:], dataLen)
	return h
}

// probeTestWAV measures a WAV the tests wrote from its header, so a
// header a crash left at zero reads as empty until repaired.
func probeTestWAV(f *os.File) (float64, string, error) {
	b, err := readAllAt(f)
	if err != nil {
		return 0, "", err
	}
	if len(b) < 44 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return 0, "", errors.New("not a WAV file")
	}
	data := binary.LittleEndian.Uint32(b[40:])
	return float64(data) / 2 / testRate, "wav", nil
}

// repairTestWAV rewrites the header sizes from the file's length.
func repairTestWAV(f *os.File) (bool, error) {
	b, err := readAllAt(f)
	if err != nil {
		return false, err
	}
	if len(b) < 44 {
		return false, fmt.Errorf("%s: too short for a WAV header", f.Name())
	}
	want := uint32(len(b) - 44)
	if binary.LittleEndian.Uint32(b[40:]) == want {
		return false, nil
	}
	_, err = f.WriteAt(wavHeader(want), 0)
	return true, err
}

// readAllAt reads a whole open file from its start, whatever its offset.
func readAllAt(f *os.File) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	b := make([]byte, fi.Size())
	n, err := f.ReadAt(b, 0)
	if err != nil && n != len(b) {
		return nil, err
	}
	return b, nil
}

// probeTestPath is probeTestWAV for a path.
func probeTestPath(path string) (float64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	return probeTestWAV(f)
}

// testHooks are the in-test audio hooks.
var testHooks = AudioHooks{Repair: repairTestWAV, Probe: probeTestWAV}

// testRoot points XDG at a temp dir and returns the library root there.
func testRoot(t testing.TB) string {
	t.Helper()
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv(EnvDataDir, "")
	xdg.Reload()
	root, err := DefaultRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// fixedClock returns a clock that starts at a fixed time and advances a
// minute per call, so takes get distinct, ordered creation times.
func fixedClock() func() time.Time {
	t := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Minute)
		return t
	}
}

// openTest opens a writable library in a fresh XDG data dir.
func openTest(t testing.TB) *Library {
	t.Helper()
	testRoot(t)
	l, err := Open(Options{Audio: testHooks, Now: fixedClock()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// answer is a transcript written for these tests.
const answer = `Last spring I led the billing migration for our team of four.
I skipped the dry run on the staging copy because I assumed the schema matched.
That same afternoon I rolled back and told the support lead what happened.
Now I run a dry-run checklist before any migration, and it caught a mismatch last month.`

// recordTake makes a finished take with a real WAV and a transcript.
func recordTake(t testing.TB, l *Library, q Question, story string, seconds float64, marks []float64) *Take {
	t.Helper()
	tk, err := l.Create(q, story)
	if err != nil {
		t.Fatal(err)
	}
	writeWAV(t, tk.AudioPath(), seconds, false)
	if _, err := l.Finish(tk.ID, seconds, marks); err != nil {
		t.Fatal(err)
	}
	tk, err = l.SetTranscript(tk.ID, answer, SourceTyped)
	if err != nil {
		t.Fatal(err)
	}
	return tk
}

// copyDir copies the regular files of one folder into a new folder.
func copyDir(from, to string) error {
	if err := os.MkdirAll(to, 0o700); err != nil {
		return err
	}
	ents, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for _, e := range ents {
		b, err := os.ReadFile(from + "/" + e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(to+"/"+e.Name(), b, 0o600); err != nil {
			return err
		}
	}
	return nil
}
