package words

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// heard is an engine's output for "i shed to change the billing
// service in two days", one word every half second.
func heard() []Word {
	var ws []Word
	for i, t := range strings.Fields("i shed to change the billing service in two days") {
		ws = append(ws, Word{Text: t, Start: float64(i) * 0.5, End: float64(i)*0.5 + 0.4, Conf: 0.9})
	}
	return ws
}

func TestAlign(t *testing.T) {
	type want struct {
		text       string
		start, end float64
		edit       Edit
	}
	cases := []struct {
		name  string
		text  string
		words []Word
		want  []want
	}{
		{"unchanged, with case and punctuation", "I shed to change the billing service, in two days.", heard(), []want{
			{"I", 0, 0.4, Kept}, {"shed", 0.5, 0.9, Kept}, {"to", 1, 1.4, Kept}, {"change", 1.5, 1.9, Kept},
			{"the", 2, 2.4, Kept}, {"billing", 2.5, 2.9, Kept}, {"service", 3, 3.4, Kept},
			{"in", 3.5, 3.9, Kept}, {"two", 4, 4.4, Kept}, {"days", 4.5, 4.9, Kept},
		}},
		{"a corrected word keeps its slot", "I shipped a change the billing service in two days", heard(), []want{
			{"I", 0, 0.4, Kept}, {"shipped", 0.5, 0.9, Replaced}, {"a", 1, 1.4, Replaced}, {"change", 1.5, 1.9, Kept},
			{"the", 2, 2.4, Kept}, {"billing", 2.5, 2.9, Kept}, {"service", 3, 3.4, Kept},
			{"in", 3.5, 3.9, Kept}, {"two", 4, 4.4, Kept}, {"days", 4.5, 4.9, Kept},
		}},
		{"two words merged into one cover both", "I shed to change the billing service into days", heard(), []want{
			{"I", 0, 0.4, Kept}, {"shed", 0.5, 0.9, Kept}, {"to", 1, 1.4, Kept}, {"change", 1.5, 1.9, Kept},
			{"the", 2, 2.4, Kept}, {"billing", 2.5, 2.9, Kept}, {"service", 3, 3.4, Kept},
			{"into", 3.5, 4.4, Replaced}, {"days", 4.5, 4.9, Kept},
		}},
		{"inserted words share the gap", "I shed to change over the billing service in two days", heard(), []want{
			{"I", 0, 0.4, Kept}, {"shed", 0.5, 0.9, Kept}, {"to", 1, 1.4, Kept}, {"change", 1.5, 1.9, Kept},
			{"over", 1.9, 2, Inserted},
			{"the", 2, 2.4, Kept}, {"billing", 2.5, 2.9, Kept}, {"service", 3, 3.4, Kept},
			{"in", 3.5, 3.9, Kept}, {"two", 4, 4.4, Kept}, {"days", 4.5, 4.9, Kept},
		}},
		{"deleted words leave the rest alone", "I shed the billing service", heard(), []want{
			{"I", 0, 0.4, Kept}, {"shed", 0.5, 0.9, Kept}, {"the", 2, 2.4, Kept}, {"billing", 2.5, 2.9, Kept}, {"service", 3, 3.4, Kept},
		}},
		{"a rewritten tail spreads over the deleted words", "I shed to change the billing service at once and then some", heard(), []want{
			{"I", 0, 0.4, Kept}, {"shed", 0.5, 0.9, Kept}, {"to", 1, 1.4, Kept}, {"change", 1.5, 1.9, Kept},
			{"the", 2, 2.4, Kept}, {"billing", 2.5, 2.9, Kept}, {"service", 3, 3.4, Kept},
			{"at", 3.5, 3.9, Replaced}, {"once", 4, 4.4, Replaced}, {"and", 4.5, 4.9, Replaced},
			{"then", 4.9, 4.9, Inserted}, {"some", 4.9, 4.9, Inserted},
		}},
		{"a hyphenated engine word splits by length", "we double charged them", []Word{
			{Text: "We", Start: 0, End: 0.2, Conf: 0.8}, {Text: "double-charged", Start: 0.2, End: 1.5, Conf: 0.7}, {Text: "them.", Start: 1.5, End: 1.8, Conf: 0.9},
		}, []want{{"we", 0, 0.2, Kept}, {"double", 0.2, 0.8, Kept}, {"charged", 0.8, 1.5, Kept}, {"them", 1.5, 1.8, Kept}}},
		{"no engine words", "typed by hand", nil, []want{{"typed", 0, 0, Inserted}, {"by", 0, 0, Inserted}, {"hand", 0, 0, Inserted}}},
		{"empty text", "", heard(), nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Align(c.text, c.words)
			if len(got) != len(c.want) {
				t.Fatalf("%d words, want %d: %+v", len(got), len(c.want), got)
			}
			for i, w := range c.want {
				g := got[i]
				if g.Text != w.text || c.text[g.From:g.To] != w.text || !near(g.Start, w.start) || !near(g.End, w.end) || g.Edit != w.edit {
					t.Errorf("word %d = %q [%d:%d] %.3f-%.3f %v, want %q %.3f-%.3f %v",
						i, g.Text, g.From, g.To, g.Start, g.End, g.Edit, w.text, w.start, w.end, w.edit)
				}
				if (g.Edit == Kept) != (g.Conf != NoConf) {
					t.Errorf("word %d %q: conf %v with edit %v", i, g.Text, g.Conf, g.Edit)
				}
			}
		})
	}
}

func near(a, b float64) bool { d := a - b; return d < 1e-9 && d > -1e-9 }

// checkAlignment asserts what holds for any text and any ordered words.
func checkAlignment(t *testing.T, text string, words []Word) {
	t.Helper()
	got := Align(text, words)
	toks := tokenize(text)
	if len(got) != len(toks) {
		t.Fatalf("%d aligned words for %d words of text", len(got), len(toks))
	}
	prevTo, prevStart := 0, 0.0
	for i, g := range got {
		if g.From < prevTo || g.To <= g.From || g.To > len(text) || text[g.From:g.To] != g.Text {
			t.Fatalf("word %d span [%d:%d] invalid", i, g.From, g.To)
		}
		if g.End < g.Start || g.Start < prevStart-1e-9 {
			t.Fatalf("word %d %q times %.3f-%.3f go backwards (previous start %.3f)", i, g.Text, g.Start, g.End, prevStart)
		}
		prevTo, prevStart = g.To, g.Start
	}
	a := Normalize(text)
	var b []string
	for _, e := range engineTokens(words) {
		b = append(b, e.norm)
	}
	ops := alignWords(a, b)
	cost, ni, nj := 0, 0, 0
	for _, op := range ops {
		switch {
		case op.i >= 0 && op.j >= 0:
			if op.i != ni || op.j != nj {
				t.Fatalf("op %+v out of order", op)
			}
			ni, nj = ni+1, nj+1
			if a[op.i] != b[op.j] {
				cost++
			}
		case op.i >= 0:
			if op.i != ni {
				t.Fatalf("op %+v out of order", op)
			}
			ni++
			cost++
		default:
			if op.j != nj {
				t.Fatalf("op %+v out of order", op)
			}
			nj++
			cost++
		}
	}
	if ni != len(a) || nj != len(b) {
		t.Fatalf("alignment covers %d/%d and %d/%d words", ni, len(a), nj, len(b))
	}
	if want := editDistance(a, b); cost != want {
		t.Fatalf("alignment costs %d, the edit distance is %d", cost, want)
	}
}

// randomWords makes an ordered engine output over a small vocabulary,
// so texts built from the same words align in many ways.
func randomWords(r *rand.Rand, n int) []Word {
	vocab := strings.Fields("i we the a shipped change billing test run told manager fixed")
	ws := make([]Word, n)
	at := 0.0
	for i := range ws {
		at += r.Float64() * 0.3
		d := 0.05 + r.Float64()*0.4
		ws[i] = Word{Text: vocab[r.IntN(len(vocab))], Start: at, End: at + d, Conf: r.Float64()}
		at += d
	}
	return ws
}

// TestAlignLarge checks the divide-and-conquer path against the plain
// edit distance on answers long enough to use it.
func TestAlignLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{150, 400, 900} {
		ws := randomWords(r, n)
		var edited []string
		for _, w := range ws {
			switch r.IntN(10) {
			case 0: // deleted
			case 1:
				edited = append(edited, w.Text, "inserted")
			case 2:
				edited = append(edited, "changed")
			default:
				edited = append(edited, w.Text)
			}
		}
		checkAlignment(t, strings.Join(edited, " "), ws)
	}
}

func FuzzAlign(f *testing.F) {
	f.Add("I shipped a change, the billing service in two days", 10, uint64(1))
	f.Add("", 3, uint64(2))
	f.Add("don't—double-charged ’twas O'Neil's 3.5", 0, uint64(3))
	f.Fuzz(func(t *testing.T, text string, n int, seed uint64) {
		if n < 0 || n > 300 || len(text) > 4000 {
			return
		}
		ws := randomWords(rand.New(rand.NewPCG(seed, 7)), n)
		checkAlignment(t, text, ws)
		// Aligning the engine's own words back keeps every one.
		var own []string
		for _, w := range ws {
			own = append(own, w.Text)
		}
		for i, g := range Align(strings.Join(own, " "), ws) {
			if g.Edit != Kept || g.Start != ws[i].Start {
				t.Fatalf("own word %d %q: %v at %.3f, want kept at %.3f", i, g.Text, g.Edit, g.Start, ws[i].Start)
			}
		}
	})
}

func BenchmarkAlign400(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	ws := randomWords(r, 400)
	var edited []string
	for i, w := range ws {
		if i%25 == 0 {
			edited = append(edited, "edited")
			continue
		}
		edited = append(edited, w.Text)
	}
	text := strings.Join(edited, " ")
	b.ReportAllocs()
	for b.Loop() {
		Align(text, ws)
	}
}
