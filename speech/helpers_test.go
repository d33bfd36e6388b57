package speech

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"retake/audio/wav"
)

// needTools fails the test when a program it needs is missing from a CI
// run (built with the ci tag, where the Makefile has installed it) and
// skips it elsewhere, saying what to install.
func needTools(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			msg := tool + " is not installed (make deps-test installs it)"
			if toolsRequired {
				t.Fatal(msg)
			}
			t.Skip(msg)
		}
	}
}

// fakeBin is the path of a stand-in program in testdata/bin.
func fakeBin(t testing.TB, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", "bin", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// toneWAV writes seconds of a quiet tone as 16-bit mono WAV at rate.
func toneWAV(t testing.TB, seconds float64, rate int) string {
	t.Helper()
	n := int(seconds * float64(rate))
	data := make([]byte, 2*n)
	for i := 0; i < n; i++ {
		v := int16(3000 * math.Sin(2*math.Pi*220*float64(i)/float64(rate)))
		binary.LittleEndian.PutUint16(data[2*i:], uint16(v))
	}
	var b bytes.Buffer
	if err := wav.Encode(&b, wav.Format{SampleRate: rate, Channels: 1, BitsPerSample: 16}, data); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "tone.wav")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// privateTemp points the temporary folder at a fresh directory, so a
// test can check an engine left nothing behind.
func privateTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return dir
}

// assertEmpty fails when an engine left files in dir.
func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) > 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("temporary files left behind: %v", names)
	}
}

// processGone waits up to two seconds for a process to be gone (or a
// zombie nobody has reaped yet).
func processGone(pid int) bool {
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			return true
		}
		if f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:])); len(f) > 0 && f[0] == "Z" {
			return true
		}
		time.Sleep(20 * time.Millisecond)
	}
	return false
}

// waitPIDs waits for a stand-in to write its pids, and returns them.
func waitPIDs(t *testing.T, path string) []int {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		data, err := os.ReadFile(path)
		if err == nil && bytes.HasSuffix(data, []byte("\n")) {
			var pids []int
			for _, f := range strings.Fields(string(data)) {
				p, err := strconv.Atoi(f)
				if err != nil {
					t.Fatal(err)
				}
				pids = append(pids, p)
			}
			return pids
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the stand-in never started")
	return nil
}

// convert writes src in another format with sox.
func convert(t testing.TB, src, dst string, args ...string) {
	t.Helper()
	cmd := exec.Command("sox", append(append([]string{"-D", src}, args...), dst)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sox %v: %v\n%s", args, err, out)
	}
}

// near reports whether two times are equal up to rounding.
func near(a, b float64) bool { d := a - b; return d < 1e-9 && d > -1e-9 }
