package audio

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashChildEnv tells a re-executed test binary to act as the recording
// child of TestCrashLeavesRepairableFile.
const crashChildEnv = "RETAKE_TEST_CRASH_CHILD"

// TestCrashChild is the child's body: record on the null backend and
// print the captured length every 50 ms until killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashChildEnv)
	if path == "" {
		t.Skip("only runs as the child of TestCrashLeavesRepairableFile")
	}
	r, err := NewRecorder(RecorderOptions{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	if err := r.Start(path); err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	for {
		fmt.Println("elapsed", r.Elapsed().Milliseconds())
		time.Sleep(50 * time.Millisecond)
	}
}

func TestCrashLeavesRepairableFile(t *testing.T) {
	if testing.Short() {
		t.Skip("records for 3 s")
	}
	path := filepath.Join(t.TempDir(), "take.wav")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v=false")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+path, BackendEnv+"=null")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var captured time.Duration
	var killAt <-chan time.Time
	for killed := false; !killed; {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("child exited before it was killed")
			}
			if strings.HasPrefix(l, "error") {
				t.Fatalf("child: %s", l)
			}
			if ms, ok := strings.CutPrefix(l, "elapsed "); ok {
				n, _ := strconv.Atoi(ms)
				captured = time.Duration(n) * time.Millisecond
				if killAt == nil {
					killAt = time.After(3 * time.Second)
				}
			}
		case <-killAt:
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			killed = true
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			t.Fatal("child never reported progress")
		}
	}
	for range lines { // drain until the pipe closes
	}
	_ = cmd.Wait()
	if captured < 2500*time.Millisecond {
		t.Fatalf("child reported only %v before the kill", captured)
	}
	repaired, err := Repair(path)
	if err != nil {
		t.Fatalf("repair after SIGKILL: %v", err)
	}
	info, err := Probe(path)
	if err != nil {
		t.Fatalf("probe after repair: %v", err)
	}
	t.Logf("captured >= %v, file after repair (repaired=%v) holds %v", captured, repaired, info.Duration)
	if info.Duration < captured-1500*time.Millisecond {
		t.Fatalf("repaired file holds %v; the child had captured %v", info.Duration, captured)
	}
	if got := readMono16(t, path); int64(len(got)) != info.Frames {
		t.Fatalf("decoded %d frames, header says %d", len(got), info.Frames)
	}
	useNullBackend(t)
	p, err := OpenPlayer(path, "")
	if err != nil {
		t.Fatalf("repaired file does not open for playback: %v", err)
	}
	defer p.Close()
	if p.Duration() != info.Duration {
		t.Fatalf("player duration %v, probe %v", p.Duration(), info.Duration)
	}
}
