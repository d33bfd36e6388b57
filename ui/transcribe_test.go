package ui

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestSplitCommand(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		wantErr string
	}{
		{"whisper -m m.bin {audio}", []string{"whisper", "-m", "m.bin", "{audio}"}, ""},
		{`tool "two words" 'it''s' x`, []string{"tool", "two words", "its", "x"}, ""},
		{`tool "" end`, []string{"tool", "", "end"}, ""},
		{"  \t ", nil, "empty"},
		{`tool "open`, nil, "unclosed"},
	}
	for _, tt := range tests {
		got, err := SplitCommand(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("SplitCommand(%q) err = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitCommand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzSplitCommand(f *testing.F) {
	for _, s := range []string{"a b c", `x "y z" 'w'`, `"`, "", "a\t\tb\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args, err := SplitCommand(s)
		if err != nil {
			return
		}
		if len(args) == 0 {
			t.Fatal("no error and no arguments")
		}
		// Without quotes the split is exactly whitespace fields.
		if !strings.ContainsAny(s, `"'`) && !reflect.DeepEqual(args, strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' })) {
			t.Fatalf("SplitCommand(%q) = %q", s, args)
		}
	})
}

func TestRunCommand(t *testing.T) {
	audio := filepath.Join(t.TempDir(), "take.wav")
	if err := os.WriteFile(audio, []byte("RIFF"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, tmpl   string
		wantName     string
		wantContains string
		wantErr      string
	}{
		{"script writes srt", "sh testdata/transcriber.sh {audio} {out}", "transcript.srt", "I skipped the dry run", ""},
		{"bare out sniffed as vtt", `sh -c 'printf "WEBVTT\n\n00:01.000 --> 00:02.000\nhello\n" > "$1"' sh {out} {audio}`, "transcript.vtt", "hello", ""},
		{"bare out plain text", `sh -c 'echo "I sent it" > "$1"' sh {out} {audio}`, "transcript.txt", "I sent it", ""},
		{"txt extension", `sh -c 'echo words > "$1.txt"' sh {out} {audio}`, "transcript.txt", "words", ""},
		{"no placeholders", "whisper model.bin", "", "", "{audio} and {out}"},
		{"missing program", "/nonexistent/stt {audio} {out}", "", "", "not found"},
		{"failure names the last line", "sh testdata/failing-transcriber.sh {audio} {out}", "", "", "model file not found"},
		{"writes nothing", "true {audio} {out}", "", "", "wrote no transcript"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var lines []string
			name, data, err := RunCommand(context.Background(), tt.tmpl, audio, func(l string) { lines = append(lines, l) })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if name != tt.wantName || !strings.Contains(string(data), tt.wantContains) {
				t.Errorf("got %q %q", name, data)
			}
		})
	}
}

func TestRunCommandProgressAndCancel(t *testing.T) {
	audio := filepath.Join(t.TempDir(), "take.wav")
	os.WriteFile(audio, nil, 0o600)
	var lines []string
	if _, _, err := RunCommand(context.Background(), "sh testdata/transcriber.sh {audio} {out}", audio, func(l string) { lines = append(lines, l) }); err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 || lines[1] != "progress = 50%" {
		t.Errorf("progress lines %q", lines)
	}
	// A short wait after the kill keeps the test quick; what is tested
	// is that the wait ends at all.
	defer func(d time.Duration) { killWait = d }(killWait)
	killWait = 200 * time.Millisecond
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := RunCommand(ctx, `sh -c 'sleep 30; echo late' sh {audio} {out}`, audio, nil)
	if err == nil || !strings.Contains(err.Error(), "cancelled") {
		t.Fatalf("err = %v", err)
	}
	// The child sleep holds stderr; WaitDelay must free us anyway.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancel took %v", d)
	}
}

func FuzzLineWriter(f *testing.F) {
	f.Add([]byte("loading\nprogress = 10%\r"), 3)
	f.Add([]byte("no newline at all"), 1)
	f.Add([]byte("\n\n\r\n"), 2)
	f.Fuzz(func(t *testing.T, data []byte, chunk int) {
		if chunk <= 0 {
			chunk = 1
		}
		w := &lineWriter{progress: func(l string) {
			if l == "" || strings.ContainsAny(l, "\r\n") {
				t.Fatalf("progress line %q", l)
			}
		}}
		for len(data) > 0 {
			n := min(chunk, len(data))
			if k, err := w.Write(data[:n]); k != n || err != nil {
				t.Fatalf("Write = %d, %v", k, err)
			}
			data = data[n:]
			if len(w.buf) > 4096+chunk {
				t.Fatalf("buffer grew to %d", len(w.buf))
			}
		}
		_ = w.last()
	})
}
