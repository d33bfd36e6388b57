package speech

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// texts is the words' text joined by spaces.
func texts(ws []Word) string {
	var out []string
	for _, w := range ws {
		out = append(out, w.Text)
	}
	return strings.Join(out, " ")
}

// checkWords asserts what every parser promises of the words it returns.
func checkWords(t *testing.T, ws []Word) {
	t.Helper()
	prev := 0.0
	for i, w := range ws {
		if strings.TrimSpace(w.Text) == "" || w.Text != strings.TrimSpace(w.Text) {
			t.Fatalf("word %d has text %q", i, w.Text)
		}
		if !finite(w.Start) || !finite(w.End) || w.Start < 0 || w.End < w.Start {
			t.Fatalf("word %d %q has times %v-%v", i, w.Text, w.Start, w.End)
		}
		if w.Start < prev-timeSlack {
			t.Fatalf("word %d %q starts at %v, before the previous at %v", i, w.Text, w.Start, prev)
		}
		if w.Conf != NoConf && (w.Conf < 0 || w.Conf > 1 || math.IsNaN(w.Conf)) {
			t.Fatalf("word %d %q has confidence %v", i, w.Text, w.Conf)
		}
		prev = w.Start
	}
}

func TestParseSphinxClassic(t *testing.T) {
	ws, err := parseSphinxClassic(readFixture(t, "sphinx-classic.txt"))
	if err != nil {
		t.Fatal(err)
	}
	checkWords(t, ws)
	if got := texts(ws); got != "i skipped a dry run then i'd tell my manager" {
		t.Fatalf("words %q", got)
	}
	if w := ws[1]; w.Start != 0.33 || w.End != 0.77 || !near(w.Conf, 0.225785) {
		t.Fatalf("skipped: %+v", w)
	}
	if w := ws[5]; w.Text != "then" || w.Start != 2.7 {
		t.Fatalf("the second utterance keeps the stream's clock: %+v", w)
	}
	// The real output has "to(2)" variants, <sil> and a confidence
	// just over 1.
	ws, err = parseSphinxClassic(readFixture(t, "sphinx-classic-variants.txt"))
	if err != nil {
		t.Fatal(err)
	}
	checkWords(t, ws)
	if got := texts(ws); strings.ContainsAny(got, "()<>[]") || !strings.Contains(got, "shed to change to the") {
		t.Fatalf("variants and fillers not cleaned: %q", got)
	}
	for _, w := range ws {
		if w.Conf > 1 {
			t.Fatalf("confidence %v over 1", w.Conf)
		}
	}
}

func TestParseSphinxClassicErrors(t *testing.T) {
	cases := []struct{ name, out, want string }{
		{"binary bytes", "i skipped\n\x01\x02\xff 0.1 0.2\n", "not text"},
		{"control character", "i \x07skipped 0.1 0.2 0.5\n", "control character"},
		{"end before start", "skipped 0.9 0.3 0.5\n", "ends at 0.30 s before"},
		{"negative time", "skipped -1 0.3 0.5\n", "not \"word start end confidence\""},
		{"not a number", "skipped 0.1x 0.3 0.5\n", "not \"word start end confidence\""},
		{"NaN confidence", "skipped 0.1 0.3 nan\n", "not \"word start end confidence\""},
		{"time runs back", "i 5.0 5.2 0.9\nskipped 1.0 1.3 0.5\n", "comes after one at 5.00 s"},
		{"hypotheses only", "i skipped the dry run\n", "without their times"},
	}
	for _, c := range cases {
		_, err := parseSphinxClassic([]byte(c.out))
		if !errors.Is(err, ErrBadOutput) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrBadOutput saying %q", c.name, err, c.want)
		}
	}
	if ws, err := parseSphinxClassic(nil); err != nil || len(ws) != 0 {
		t.Errorf("silence: %v, %v; want no words and no error", ws, err)
	}
	if ws, err := parseSphinxClassic([]byte("\n<s> 0.000 0.200 1.0\n<sil> 0.2 1.5 0.9\n</s> 1.5 1.6 1.0\n")); err != nil || len(ws) != 0 {
		t.Errorf("only silence marks: %v, %v; want no words", ws, err)
	}
}

func TestParseSphinxJSON(t *testing.T) {
	ws, err := parseSphinxJSON(readFixture(t, "sphinx5.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	checkWords(t, ws)
	if got := texts(ws); got != "i skipped a dry run then i'd tell my manager" {
		t.Fatalf("words %q", got)
	}
	if w := ws[8]; w.Text != "my" || !near(w.Start, 3.24) || !near(w.End, 3.47) || w.Conf != 0.853 {
		t.Fatalf("my(2): %+v", w)
	}
	cases := []struct{ name, out, want string }{
		{"log line", "INFO: pocketsphinx.c(123): whatever\n", "not its JSON"},
		{"no text", `{"b":0,"d":1,"p":1,"w":[]}` + "\n", `no "t" or "b"`},
		{"word without time", `{"b":0,"d":1,"p":1,"t":"x","w":[{"t":"x","p":1}]}` + "\n", `without "t", "b" or "d"`},
		{"negative duration", `{"b":0,"d":1,"p":1,"t":"x","w":[{"b":0.5,"d":-1,"p":1,"t":"x"}]}` + "\n", "has times"},
		{"time runs back", `{"b":0,"d":1,"p":1,"t":"x y","w":[{"b":5,"d":1,"p":1,"t":"x"},{"b":1,"d":1,"p":1,"t":"y"}]}` + "\n", "comes after"},
	}
	for _, c := range cases {
		_, err := parseSphinxJSON([]byte(c.out))
		if !errors.Is(err, ErrBadOutput) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrBadOutput saying %q", c.name, err, c.want)
		}
	}
}

func TestParseWhisperJSON(t *testing.T) {
	ws, err := parseWhisperJSON(readFixture(t, "whisper-ojf.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkWords(t, ws)
	if got := texts(ws); got != "I skipped the dry run, and two hundred invoices went out wrong." {
		t.Fatalf("words %q", got)
	}
	run, inv := ws[4], ws[8]
	if !near(run.Start, 1.29) || !near(run.End, 1.6) || !near(run.Conf, (0.903+0.552)/2) {
		t.Fatalf("run,: %+v (punctuation joins its word, confidence is the tokens' mean)", run)
	}
	if inv.Text != "invoices" || !near(inv.Start, 2.61) || !near(inv.End, 3.18) || !near(inv.Conf, (0.642+0.988)/2) {
		t.Fatalf("invoices: %+v (word pieces join)", inv)
	}
	// -oj without tokens: the segment's words share its time.
	ws, err = parseWhisperJSON([]byte(`{"transcription": [{"offsets": {"from": 1000, "to": 3000}, "text": " I told my manager."}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if texts(ws) != "I told my manager." || ws[0].Start != 1 || ws[3].End != 3 || ws[0].Conf != NoConf {
		t.Fatalf("segment words: %+v", ws)
	}
	cases := []struct{ name, out, want string }{
		{"not JSON", "whisper_init: failed\n", "whisper's JSON"},
		{"cut short", `{"transcription": [{"offsets": {"from": 0,`, "whisper's JSON"},
		{"no transcription", `{"result": {"language": "en"}}`, `no "transcription"`},
		{"segment without offsets", `{"transcription": [{"text": " hi"}]}`, `no valid "offsets"`},
		{"negative offset", `{"transcription": [{"offsets": {"from": -5, "to": 3}, "text": " hi"}]}`, `no valid "offsets"`},
	}
	for _, c := range cases {
		_, err := parseWhisperJSON([]byte(c.out))
		if !errors.Is(err, ErrBadOutput) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want ErrBadOutput saying %q", c.name, err, c.want)
		}
	}
}

func TestSanitizeJSONStrings(t *testing.T) {
	in := "{\"text\": \" Bonjour,\tça \\\"va\\\"\n\"}\n"
	got := string(sanitizeJSONStrings([]byte(in)))
	want := "{\"text\": \" Bonjour, ça \\\"va\\\" \"}\n"
	if got != want {
		t.Fatalf("got %q, want %q (controls inside strings only)", got, want)
	}
}

func TestDropAnnotations(t *testing.T) {
	ws := spreadWords("[BLANK_AUDIO] I (upbeat music) told *laughs* my [ manager — ...", 0, 10, NoConf)
	if got := texts(dropAnnotations(ws)); got != "I told my manager" {
		t.Fatalf("got %q", got)
	}
}

func TestReadOutput(t *testing.T) {
	cases := []struct {
		name, data string
		words      string
		timed      bool
		first      Word
	}{
		{"t.json", `[{"text":"I","start":0.32,"end":0.45,"conf":0.93},{"word":"dry run","start":1.02,"end":1.6}]`,
			"I dry run", true, Word{Text: "I", Start: 0.32, End: 0.45, Conf: 0.93}},
		{"t.json", `{"engine":"pocketsphinx","words":[{"text":"i","start":0.3,"end":0.4,"conf":0.9}]}`,
			"i", true, Word{Text: "i", Start: 0.3, End: 0.4, Conf: 0.9}},
		{"t.json", `[{"text":"typed"},{"text":"words"}]`, "typed words", false, Word{Text: "typed", Conf: NoConf}},
		{"t.vtt", "WEBVTT\n\nNOTE x\n\n00:00.500 --> 00:01.500 align:start\n<v Me>I <i>told</i> them.\n", "I told them.", true,
			Word{Text: "I", Start: 0.5, End: 0.5 + 1.0/10, Conf: NoConf}},
		{"t.srt", "1\r\n00:00:01,000 --> 00:00:02,000\r\n[MUSIC] We\r\nfixed it.\r\n", "We fixed it.", true,
			// [MUSIC] takes its share of the cue before the words.
			Word{Text: "We", Start: 1 + 7.0/17, End: 1 + 9.0/17, Conf: NoConf}},
		{"t.txt", "\uFEFFI skipped the dry run.\n", "I skipped the dry run.", false, Word{Text: "I", Conf: NoConf}},
		{"transcript", "1\n00:00:00,000 --> 00:00:01,000\nsniffed srt\n", "sniffed srt", true, Word{Text: "sniffed", End: 7.0 / 10, Conf: NoConf}},
		{"transcript", "WEBVTT\n", "", true, Word{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := readOutput(c.name, []byte(c.data))
			if err != nil {
				t.Fatal(err)
			}
			checkWords(t, tr.words)
			if texts(tr.words) != c.words || tr.timed != c.timed {
				t.Fatalf("got %q timed=%v, want %q timed=%v", texts(tr.words), tr.timed, c.words, c.timed)
			}
			if c.words != "" {
				if g := tr.words[0]; g.Text != c.first.Text || !near(g.Start, c.first.Start) || !near(g.End, c.first.End) || g.Conf != c.first.Conf {
					t.Fatalf("first word %+v, want %+v", g, c.first)
				}
			}
		})
	}
	bad := []struct{ name, data, want string }{
		{"t.json", `[{"start": 1}]`, `no "text"`},
		{"t.json", `[{"text": "x", "start": 2, "end": 1}]`, "has times"},
		{"t.json", `{"segments": []}`, `without "words"`},
		{"t.json", `[{"text": `, "not a JSON list"},
		{"t.srt", "1\n00:00:01,000 --> soon\nhello\n", "cue time"},
		{"t.srt", "just some words\n\nand more", "no subtitle cues"},
		{"t.txt", "abc\x00def", "not text"},
		{"t.txt", "\xff\xfe", "not text"},
	}
	for _, c := range bad {
		_, err := readOutput(c.name, []byte(c.data))
		if !errors.Is(err, ErrBadOutput) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: err = %v, want ErrBadOutput saying %q", c.name, c.data, err, c.want)
		}
	}
}

// The fuzz targets hold each parser to its promise on any input: no
// panic, and either an error or words with sane text, times and
// confidence.
func FuzzParseSphinxClassic(f *testing.F) {
	f.Add(readFixture(f, "sphinx-classic.txt"))
	f.Add(readFixture(f, "sphinx-classic-variants.txt"))
	f.Add([]byte("x 1e308 1e309 0.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if ws, err := parseSphinxClassic(data); err == nil {
			checkWords(t, ws)
		} else if !errors.Is(err, ErrBadOutput) {
			t.Fatalf("error %v is not ErrBadOutput", err)
		}
	})
}

func FuzzParseSphinxJSON(f *testing.F) {
	f.Add(readFixture(f, "sphinx5.jsonl"))
	f.Add([]byte(`{"b":1e308,"d":1e308,"p":2,"t":"x","w":[{"b":1e308,"d":1e308,"p":-3,"t":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if ws, err := parseSphinxJSON(data); err == nil {
			checkWords(t, ws)
		}
	})
}

func FuzzParseWhisperJSON(f *testing.F) {
	f.Add(readFixture(f, "whisper-ojf.json"))
	f.Add([]byte(`{"transcription":[{"offsets":{"from":5,"to":1},"text":" a b","tokens":[{"text":" a","offsets":{"from":9,"to":2},"p":1}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if ws, err := parseWhisperJSON(data); err == nil {
			checkWords(t, ws)
		}
	})
}

func FuzzReadOutput(f *testing.F) {
	f.Add("t.srt", []byte("1\n00:00:00,320 --> 00:00:01,600\nI skipped the dry run.\n"))
	f.Add("t.vtt", []byte("WEBVTT\n\n00:00.500 --> 00:01.500\n<v Me>I told them.\n"))
	f.Add("t.json", []byte(`[{"text":"I","start":0.32,"end":0.45,"conf":0.93}]`))
	f.Add("x", []byte("[BLANK_AUDIO] (music"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if tr, err := readOutput(name, data); err == nil {
			checkWords(t, tr.words)
		}
	})
}
