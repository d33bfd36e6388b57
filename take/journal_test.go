package take

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadJournal(t *testing.T) {
	tests := []struct {
		name, in string
		want     []float64
		bad      int
	}{
		{"empty", "", []float64{}, 0},
		{"three", "mark 1 4.5\nmark 2 9\nmark 3 15.25\n", []float64{4.5, 9, 15.25}, 0},
		{"torn last line", "mark 1 4.5\nmark 2 9\nmark 3 15", []float64{4.5, 9}, 0},
		{"only a torn line", "mark 1 4", []float64{}, 0},
		{"out of order lines", "mark 2 9\nmark 1 4.5\n", []float64{4.5, 9}, 0},
		{"later line wins", "mark 1 4.5\nmark 1 5\n", []float64{5}, 0},
		{"gap stops the run", "mark 1 4.5\nmark 3 15\n", []float64{4.5}, 0},
		{"backwards", "mark 1 9\nmark 2 4\n", []float64{9}, 1},
		{"garbage lines", "hello\nmark 1 4.5\nmark x 2\nmark 10 3\nmark 2 -1\nmark 2 NaN\nmark 2 1e3\nmark 02 5\n", []float64{4.5}, 7},
		{"crlf line", "mark 1 4.5\r\n", []float64{4.5}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, bad := readJournal(strings.NewReader(tc.in))
			if !reflect.DeepEqual(got, tc.want) || bad != tc.bad {
				t.Errorf("readJournal(%q) = %v, %d bad; want %v, %d", tc.in, got, bad, tc.want, tc.bad)
			}
		})
	}
}

func FuzzReadJournal(f *testing.F) {
	f.Add("mark 1 4.5\nmark 2 9\nmark 3 15.25\n")
	f.Add("mark 2 9\nmark 1 4.5\nmark 4 1")
	f.Add("mark 1 1e308\nmark 2 .\nmark 3 ..5\n\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		marks, bad := readJournal(strings.NewReader(in))
		if bad < 0 || marks == nil {
			t.Fatalf("readJournal = %v, %d", marks, bad)
		}
		if err := checkMarks(marks, 1e300, maxMarks); err != nil {
			t.Fatalf("journal %q gave marks %v: %v", in, marks, err)
		}
		// What the journal writes, it reads back.
		var b strings.Builder
		for i, m := range marks {
			b.WriteString(journalLine(i+1, m))
		}
		again, bad := readJournal(strings.NewReader(b.String()))
		if !reflect.DeepEqual(again, marks) || bad != 0 {
			t.Fatalf("round trip of %v gave %v (%d bad)", marks, again, bad)
		}
	})
}

func TestMarksJournalLifecycle(t *testing.T) {
	l := openTest(t)
	tk, err := l.Create(classic, "")
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range []float64{3, 7.5, 12} {
		if err := l.MarkSection(tk.ID, i+1, m); err != nil {
			t.Fatal(err)
		}
	}
	j := filepath.Join(tk.Dir(), journalName)
	data, err := os.ReadFile(j)
	if err != nil || string(data) != "mark 1 3\nmark 2 7.5\nmark 3 12\n" {
		t.Fatalf("journal %q, %v", data, err)
	}
	if fi, _ := os.Stat(j); fi.Mode().Perm() != 0o600 {
		t.Errorf("journal mode %o", fi.Mode().Perm())
	}
	for _, bad := range []struct {
		n int
		s float64
	}{{0, 1}, {5, 1}, {1, -1}} {
		if err := l.MarkSection(tk.ID, bad.n, bad.s); err == nil {
			t.Errorf("MarkSection(%d, %v) accepted", bad.n, bad.s)
		}
	}
	writeWAV(t, tk.AudioPath(), 14, false)
	if _, err := l.Finish(tk.ID, 14, []float64{3, 7.5, 12}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(j); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("journal kept after Finish: %v", err)
	}
	if err := l.MarkSection(tk.ID, 4, 13); err == nil {
		t.Error("a finished take took a mark")
	}
}

// markChildEnv tells a re-executed test binary to act as the app of
// TestMarksSurviveSIGKILL.
const markChildEnv = "RETAKE_TEST_MARK_CHILD"

// TestHelperMarkChild is not a test: it plays the app recording a take
// with three section marks pressed, then waits to be killed.
func TestHelperMarkChild(t *testing.T) {
	root := os.Getenv(markChildEnv)
	if root == "" {
		t.Skip("helper process only")
	}
	l, err := Open(Options{Root: root, RequireWrite: true})
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	tk, err := l.Create(classic, "killed")
	if err != nil {
		os.Stdout.WriteString("error " + err.Error() + "\n")
		os.Exit(3)
	}
	writeWAV(t, tk.AudioPath(), 20, true) // the recorder's audio, header never updated
	for i, m := range []float64{4, 9.5, 15} {
		if err := l.MarkSection(tk.ID, i+1, m); err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(3)
		}
	}
	os.Stdout.WriteString("marked " + tk.ID + "\n")
	time.Sleep(time.Minute)
	os.Exit(4)
}

func TestMarksSurviveSIGKILL(t *testing.T) {
	root := testRoot(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMarkChild$")
	cmd.Env = append(os.Environ(), markChildEnv+"="+root)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	line, err := bufio.NewReader(out).ReadString('\n')
	id, ok := strings.CutPrefix(strings.TrimSpace(line), "marked ")
	if err != nil || !ok {
		t.Fatalf("child said %q, %v", line, err)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	l, err := Open(Options{Root: root, Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got, err := l.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != Recovered || !reflect.DeepEqual(got.Marks, []float64{4, 9.5, 15}) || got.DurationS != 20 {
		t.Fatalf("recovered take: status %s, marks %v, duration %v; want the three marks pressed", got.Status, got.Marks, got.DurationS)
	}
	if got.Report != nil && len(got.Report.Sections) == 0 {
		t.Error("report lost its sections")
	}
}
