package transcript

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseFormats(t *testing.T) {
	srt := "1\r\n00:00:01,000 --> 00:00:04,500\r\nI shipped the <i>migration</i> on a Friday.\r\n\r\n2\r\n00:00:04,500 --> 00:00:09,000\r\nI never checked the backup.\r\n"
	vtt := "WEBVTT - rehearsal\n\nNOTE written by hand\nfor a test\n\nintro\n00:01.000 --> 00:03.000 align:start\n<v Sam>so last spring I led the move\n\n00:03.000 --> 00:06.250\nand I skipped the dry run\n"
	md := "# My answer\n\n- **Situation:** I ran the night shift.\n> I forgot the handover note.\n1. Now I use a checklist_v2 form.\n"
	tests := []struct {
		name, file, in string
		format         Format
		words          []string // words that must survive, in order
		gone           []string // markup that must be blanked
		cues           []Cue
	}{
		{"plain", "a.txt", "I sent the invoice twice.\r\nIt cost us a client.", Text,
			[]string{"I", "sent", "client."}, []string{"\r"}, nil},
		{"srt", "a.srt", srt, SRT, []string{"I", "shipped", "the", "migration", "backup."},
			[]string{"-->", "<i>", "00:00"}, []Cue{{From: 1, To: 4.5}, {From: 4.5, To: 9}}},
		{"srt sniffed", "-", srt, SRT, []string{"shipped"}, []string{"-->"}, []Cue{{From: 1, To: 4.5}, {From: 4.5, To: 9}}},
		{"vtt", "x.vtt", vtt, VTT, []string{"so", "last", "spring", "dry", "run"},
			[]string{"WEBVTT", "NOTE", "hand", "intro", "<v", "align"}, []Cue{{From: 1, To: 3}, {From: 3, To: 6.25}}},
		{"markdown", "x.md", md, Markdown, []string{"My", "answer", "Situation:", "checklist_v2"},
			[]string{"#", "**", ">", "1."}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.file, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != tc.format {
				t.Fatalf("format %s, want %s", got.Format, tc.format)
			}
			if len(got.Text) != len(tc.in) {
				t.Fatalf("text length %d, input %d: offsets must match", len(got.Text), len(tc.in))
			}
			fields := strings.Fields(got.Text)
			if strings.Join(fields, " ") == "" {
				t.Fatal("no words")
			}
			pos := 0
			joined := " " + strings.Join(fields, " ") + " "
			for _, w := range tc.words {
				i := strings.Index(joined[pos:], " "+w+" ")
				if i < 0 {
					t.Fatalf("word %q missing or out of order in %q", w, joined)
				}
				pos += i + 1
			}
			for _, g := range tc.gone {
				if strings.Contains(got.Text, g) {
					t.Errorf("markup %q survived in %q", g, got.Text)
				}
			}
			if len(got.Cues) != len(tc.cues) {
				t.Fatalf("cues %+v, want %d", got.Cues, len(tc.cues))
			}
			for i, c := range got.Cues {
				if c.From != tc.cues[i].From || c.To != tc.cues[i].To {
					t.Errorf("cue %d times %v-%v, want %v-%v", i, c.From, c.To, tc.cues[i].From, tc.cues[i].To)
				}
				if tc.in[c.Start:c.End] != got.Text[c.Start:c.End] && strings.Contains(tc.in[c.Start:c.End], "<") == false {
					t.Errorf("cue %d text differs from input", i)
				}
				if strings.TrimSpace(got.Text[c.Start:c.End]) == "" {
					t.Errorf("cue %d is empty", i)
				}
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	big := strings.Repeat("word ", MaxBytes/5+1)
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte(" \n\r\n\t"), ErrEmpty},
		{"only timing", []byte("1\n00:00:01,000 --> 00:00:02,000\n\n"), ErrEmpty},
		{"nul", []byte("hello\x00world"), ErrBinary},
		{"png", []byte("\x89PNG\r\n\x1a\n\x01\x02\x03\x04"), ErrBinary},
		{"latin1", []byte("caf\xe9 au lait"), ErrEncoding},
		{"too large", []byte(big), ErrTooLarge},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.txt", tc.in)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"00:00:01,500", 1.5, true},
		{"01:02.250", 62.25, true},
		{"1:00:00.000", 3600, true},
		{"00:61", 0, false},
		{"aa:bb", 0, false},
		{"12", 0, false},
		{"00:1e1", 0, false},
	}
	for _, tc := range tests {
		got, ok := parseClock(tc.in)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("parseClock(%q) = %v %v, want %v %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestParseKeepsCallerBytes(t *testing.T) {
	in := []byte("1\n00:00:01,000 --> 00:00:02,000\nhello there\n")
	orig := string(in)
	if _, err := Parse("a.srt", in); err != nil {
		t.Fatal(err)
	}
	if string(in) != orig {
		t.Fatal("Parse modified its input")
	}
}

func FuzzParse(f *testing.F) {
	f.Add("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi <b>there</b>\n\n2\n00:00:02,000 --> 00:00:03,000\nagain\n")
	f.Add("a.vtt", "WEBVTT\n\nNOTE x\n\nid\n00:01.000 --> 00:02.000\n<v A>words {\\an8} here\n")
	f.Add("a.md", "# h\n- *a* _b_ `c`\n1. d\n```\ncode\n```\n")
	f.Add("-", "i was told the tests were run")
	f.Fuzz(func(t *testing.T, name, in string) {
		got, err := Parse(name, []byte(in))
		if err != nil {
			return
		}
		if len(got.Text) != len(in) {
			t.Fatalf("length changed: %d vs %d", len(got.Text), len(in))
		}
		if !utf8.ValidString(got.Text) {
			t.Fatal("blanking broke UTF-8")
		}
		prev := 0
		for _, c := range got.Cues {
			if c.Start < prev || c.End < c.Start || c.End > len(in) || c.To < c.From {
				t.Fatalf("bad cue %+v (prev end %d, len %d)", c, prev, len(in))
			}
			prev = c.End
		}
	})
}

func TestBrokenSubtitleTimesAreOneClearError(t *testing.T) {
	cue := func(n int, timing, text string) string { return fmt.Sprintf("%d\n%s\n%s\n\n", n, timing, text) }
	good := cue(1, "00:00:01,000 --> 00:00:02,000", "I shipped it on a Friday.")
	tests := []struct {
		name, file, in string
		want           []string // in the message, besides the cue
	}{
		{"reversed", "a.srt", good + cue(2, "00:00:10,000 --> 00:00:02,000", "I made a mistake"),
			[]string{"cue 2 (line 6", "ends at 00:00:02,000, before it starts at 00:00:10,000"}},
		{"negative start", "a.srt", cue(1, "-00:00:01,000 --> 00:00:02,000", "I made a mistake"),
			[]string{"cue 1 (line 2", "start time -00:00:01,000 is negative"}},
		{"negative end", "a.srt", cue(1, "00:00:01,000 --> -00:00:02,000", "I made a mistake"),
			[]string{"cue 1", "end time -00:00:02,000 is negative"}},
		{"letters", "a.srt", good + cue(2, "00:00:aa,000 --> 00:00:04,000", "I made a mistake"),
			[]string{"cue 2", `start time "00:00:aa,000" is not a time`}},
		{"no end", "a.srt", cue(1, "00:00:01,000 -->", "I made a mistake"),
			[]string{"cue 1", "no end time"}},
		{"minutes past 59", "a.srt", cue(1, "00:75:01,000 --> 01:16:00,000", "I made a mistake"),
			[]string{"cue 1", "not a time"}},
		{"nan", "a.srt", cue(1, "00:00:nan --> 00:00:02,000", "I made a mistake"),
			[]string{"cue 1", "not a time"}},
		{"backwards", "a.srt", cue(1, "00:00:05,000 --> 00:00:06,000", "first") + cue(2, "00:00:01,000 --> 00:00:02,000", "second"),
			[]string{"cue 2", "starts at 0:00:01.000, before the cue ahead of it (at 0:00:05.000)"}},
		{"vtt reversed", "a.vtt", "WEBVTT\n\n00:05.000 --> 00:01.000\nI made a mistake\n",
			[]string{"cue 1 (line 3", "ends at 00:01.000"}},
		{"sniffed from standard input", "-", good + cue(2, "00:00:10,000 --> 00:00:02,000", "I made a mistake"),
			[]string{"cue 2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse(tc.file, []byte(tc.in))
			if !errors.Is(err, ErrTiming) {
				t.Fatalf("Parse = %v (text %q), want ErrTiming", err, got.Text)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestSubtitleTimesThatAreFine(t *testing.T) {
	tests := []struct {
		name, in string
		cues     int
	}{
		// Cues that overlap forward (the next starts before this one ends)
		// are common and fine; so is text with an arrow in a sentence.
		{"overlap forward", "1\n00:00:01,000 --> 00:00:04,000\nfirst\n\n2\n00:00:03,500 --> 00:00:05,000\nsecond\n", 2},
		{"arrow in text", "1\n00:00:01,000 --> 00:00:04,000\nwe moved from A --> B that day\n", 1},
		{"equal starts", "1\n00:00:01,000 --> 00:00:02,000\nfirst\n\n2\n00:00:01,000 --> 00:00:03,000\nsecond\n", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse("a.srt", []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Cues) != tc.cues || strings.Contains(got.Text, "-->") && tc.name != "arrow in text" {
				t.Errorf("cues %+v, text %q", got.Cues, got.Text)
			}
			if strings.Contains(got.Text, "00:00") {
				t.Errorf("timing left in the text: %q", got.Text)
			}
		})
	}
}

func FuzzParseTiming(f *testing.F) {
	for _, s := range []string{"00:00:01,000 --> 00:00:02,500", "01:02.500 --> 01:05.000 align:start", "-00:00:01,000 --> 00:00:02,000",
		"00:00:10,000 --> 00:00:02,000", "00:00:nan --> 00:00:01,000", "1:00:00.000 --> 1:00:00.000", "00:59:59.999-->01:00:00.000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		from, to, err := parseTiming(line)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error")
			}
			return
		}
		if math.IsNaN(from) || math.IsNaN(to) || math.IsInf(from, 0) || math.IsInf(to, 0) || from < 0 || to < from {
			t.Fatalf("parseTiming(%q) = %v, %v", line, from, to)
		}
		if !isTimingLine(line) {
			t.Fatalf("%q parses as timing but is not taken for a timing line", line)
		}
	})
}
