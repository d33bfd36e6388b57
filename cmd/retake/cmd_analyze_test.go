package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// analyzeAnswer is a short answer written for these tests.
const analyzeAnswer = `Last spring I ran the returns desk at a garden centre with a team of five.
I priced a pallet of compost at the wrong unit cost and I never checked the label against the invoice.
About 60 customers were overcharged by eight pounds each before a regular complained that Saturday.
I assumed the supplier's sheet matched our till codes because it always had before.
That same afternoon I refunded every card payment and called the customers who paid cash.
Now I scan three items from every new delivery against the invoice before anything goes on sale, and that check caught two wrong prices last month.
`

func runAnalyze(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := cmdAnalyze(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestAnalyzeJSONShape(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "answer.txt")
	if err := os.WriteFile(path, []byte(analyzeAnswer), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runAnalyze(t, "", "--json", "--target", "2m", "--marks", "5,12,20,26", "--duration", "40s", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Version        int     `json:"version"`
		Rubric         string  `json:"rubric"`
		Words          int     `json:"words"`
		DurationS      float64 `json:"duration_s"`
		DurationSource string  `json:"duration_source"`
		Score          *int    `json:"score"`
		Sections       []struct {
			ID       string   `json:"id"`
			Weight   float64  `json:"weight"`
			Words    int      `json:"words"`
			Seconds  float64  `json:"seconds"`
			Share    float64  `json:"share"`
			PlannedS float64  `json:"planned_s"`
			Score    int      `json:"score"`
			Start    int      `json:"start"`
			End      int      `json:"end"`
			Reasons  []string `json:"reasons"`
		} `json:"sections"`
		Flags []struct {
			ID, Severity, Message, Suggestion string
			Spans                             []struct {
				Start int    `json:"start"`
				End   int    `json:"end"`
				Text  string `json:"text"`
			} `json:"spans"`
		} `json:"flags"`
		Passive []struct {
			Start int    `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
		} `json:"passive"`
		Fillers *struct {
			Count     int     `json:"count"`
			PerMinute float64 `json:"per_minute"`
		} `json:"fillers"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if rep.Version != 1 || rep.Rubric != "mistake" || rep.Score == nil || rep.Fillers == nil {
		t.Fatalf("header fields wrong: %+v", rep)
	}
	if rep.DurationS != 40 || rep.DurationSource != "recording" {
		t.Errorf("duration %v from %q, want 40 from recording", rep.DurationS, rep.DurationSource)
	}
	wantIDs := []string{"situation", "mistake", "root-cause", "response", "change"}
	wantPlan := []float64{12, 18, 24, 24, 42}
	if len(rep.Sections) != 5 {
		t.Fatalf("%d sections", len(rep.Sections))
	}
	for i, s := range rep.Sections {
		if s.ID != wantIDs[i] || s.PlannedS != wantPlan[i] {
			t.Errorf("section %d: %s planned %v, want %s %v", i, s.ID, s.PlannedS, wantIDs[i], wantPlan[i])
		}
	}
	// Marks at 5, 12, 20 and 26 s of 40 s give these section lengths.
	for i, want := range []float64{5, 7, 8, 6, 14} {
		if rep.Sections[i].Seconds != want {
			t.Errorf("section %s: %v s, want %v", rep.Sections[i].ID, rep.Sections[i].Seconds, want)
		}
	}
	for _, p := range rep.Passive {
		if analyzeAnswer[p.Start:p.End] != p.Text {
			t.Errorf("passive span %d-%d is %q, text says %q", p.Start, p.End, p.Text, analyzeAnswer[p.Start:p.End])
		}
	}
	for _, f := range rep.Flags {
		for _, sp := range f.Spans {
			if analyzeAnswer[sp.Start:sp.End] != sp.Text {
				t.Errorf("flag %s span %q is not the input's bytes", f.ID, sp.Text)
			}
		}
	}
}

func TestAnalyzeTextCardAndStdin(t *testing.T) {
	code, out, errs := runAnalyze(t, analyzeAnswer, "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"RUBRIC CARD", "Score", "Behavioral change", "TIME / PLAN"} {
		if !strings.Contains(out, want) {
			t.Errorf("card lacks %q:\n%s", want, out)
		}
	}
}

func TestAnalyzeSubtitleSpansQuoteTheFile(t *testing.T) {
	srt := "1\r\n00:00:01,000 --> 00:00:06,000\r\nI sent the <i>invoice</i> to the wrong client.\r\n\r\n2\r\n00:00:06,000 --> 00:00:10,000\r\nThe figures were never checked.\r\n"
	dir := t.TempDir()
	path := filepath.Join(dir, "take.srt")
	if err := os.WriteFile(path, []byte(srt), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runAnalyze(t, "", path, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		DurationSource string `json:"duration_source"`
		Passive        []struct {
			Start, End int
			Text       string
		} `json:"passive"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.DurationSource != "timestamps" {
		t.Errorf("duration source %q, want timestamps", rep.DurationSource)
	}
	if len(rep.Passive) != 1 || rep.Passive[0].Text != srt[rep.Passive[0].Start:rep.Passive[0].End] || !strings.Contains(rep.Passive[0].Text, "checked") {
		t.Errorf("passive spans %+v do not quote the file", rep.Passive)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := write("big.txt", bytes.Repeat([]byte("word "), (10<<20)/5+10))
	bin := write("photo.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
	latin := write("latin1.txt", []byte("I paid the caf\xe9 twice"))
	empty := write("empty.txt", []byte("  \n\n "))
	noread := write("secret.txt", []byte("text"))
	if err := os.Chmod(noread, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"missing", []string{filepath.Join(dir, "nope.txt")}, 1, "no such file"},
		{"directory", []string{dir}, 1, "is a directory"},
		{"binary", []string{bin}, 1, "binary"},
		{"bad utf-8", []string{latin}, 1, "UTF-8"},
		{"empty", []string{empty}, 1, "empty"},
		{"too large", []string{big}, 1, "larger than 10 MB"},
		{"bad target", []string{"--target", "9m", empty}, 1, "between 1:00 and 5:00"},
		{"bad marks", []string{"--marks", "30,10", empty}, 1, "backwards"},
		{"no file", nil, 2, "usage"},
	}
	if os.Geteuid() != 0 {
		tests = append(tests, struct {
			name string
			args []string
			code int
			want string
		}{"unreadable", []string{noread}, 1, "permission denied"})
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runAnalyze(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d (%s)", code, tc.code, errs)
			}
			if !strings.Contains(errs, tc.want) {
				t.Fatalf("stderr %q lacks %q", errs, tc.want)
			}
			if tc.code == 1 && strings.Count(strings.TrimSpace(errs), "\n") != 0 {
				t.Fatalf("error is not one line: %q", errs)
			}
			if tc.code == 1 && len(tc.args) == 1 && !strings.Contains(errs, filepath.Base(tc.args[0])) {
				t.Fatalf("error does not name the file: %q", errs)
			}
		})
	}
}
