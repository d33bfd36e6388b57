package scoring

// This file only checks that the labeled evaluation corpus under
// testdata/ is well-formed. It deliberately never calls Analyze: the
// labels were written before the analyzer, by what a demanding coach
// would say, and the accuracy test that scores Analyze against them
// lives elsewhere. The readers here are shared with that test so both
// agree on the format.

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

// killerIDs are the eight flags the corpus labels per answer, by
// rubric; the accuracy test scores precision and recall on exactly these.
var killerIDs = map[string][]string{
	"mistake": {"fake-mistake", "blame-diffusion", "no-stakes", "generic-lesson",
		"no-mechanism", "no-root-cause", "claims-immunity", "passive-voice"},
	"failure": {"fake-failure", "blame-diffusion", "no-stakes", "generic-lesson",
		"no-mechanism", "no-root-cause", "claims-immunity", "passive-voice"},
}

// corpusSections are each rubric's section ids; the corpus names the
// sections of an answer by these ids, in the order the answer tells them.
var corpusSections = map[string][]string{
	"mistake": {"situation", "mistake", "root-cause", "response", "change"},
	"failure": {"situation", "attempt", "outcome", "why", "change"},
}

// corpusCueCategories are the sentence-level label sets in testdata/cues.tsv.
var corpusCueCategories = []string{
	"fake-mistake", "claims-immunity", "blame-diffusion", "generic-lesson",
	"mechanism", "root-cause", "stakes", "hedging", "fillers",
}

// labeledSection is where a section starts in a corpus answer: its id and
// the first words of the section exactly as they appear in the text.
type labeledSection struct {
	ID     string
	Prefix string
}

// labeledAnswer is one corpus answer with its coach labels.
type labeledAnswer struct {
	Name     string
	Rubric   string // the rubric id, "mistake" unless the header says
	Kind     string // strong, mixed or weak
	Style    string // written, asr or fillers
	Must     []string
	MustNot  []string
	Unsure   []string
	Sections []labeledSection
	Text     string
}

// cueLabel is one labeled sentence of testdata/cues.tsv.
type cueLabel struct {
	Line     int
	Category string
	Positive bool
	Sentence string
}

// parseLabeledAnswer reads one answer file: "# key: value" header lines,
// a "---" line, then the answer text. It checks only the syntax; the
// corpus rules (every killer labeled once, sections in order) are in
// checkLabeledAnswer, so each can be tested on its own.
func parseLabeledAnswer(name string, data []byte) (labeledAnswer, error) {
	a := labeledAnswer{Name: name, Rubric: "mistake"}
	if !utf8.Valid(data) {
		return a, fmt.Errorf("answer %s: not valid UTF-8", name)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	head, body, ok := strings.Cut(text, "\n---\n")
	if !ok {
		return a, fmt.Errorf("answer %s: no \"---\" line between header and text", name)
	}
	seen := map[string]bool{}
	for i, line := range strings.Split(head, "\n") {
		rest, ok := strings.CutPrefix(line, "# ")
		if !ok {
			return a, fmt.Errorf("answer %s: header line %d does not start with \"# \"", name, i+1)
		}
		key, val, ok := strings.Cut(rest, ":")
		if !ok {
			return a, fmt.Errorf("answer %s: header line %d has no \"key:\"", name, i+1)
		}
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if seen[key] {
			return a, fmt.Errorf("answer %s: header %q given twice", name, key)
		}
		seen[key] = true
		switch key {
		case "rubric":
			a.Rubric = val
		case "kind":
			a.Kind = val
		case "style":
			a.Style = val
		case "must":
			a.Must = corpusSplitIDs(val)
		case "mustnot":
			a.MustNot = corpusSplitIDs(val)
		case "unsure":
			a.Unsure = corpusSplitIDs(val)
		case "sections":
			secs, err := corpusParseSections(val)
			if err != nil {
				return a, fmt.Errorf("answer %s: %w", name, err)
			}
			a.Sections = secs
		default:
			return a, fmt.Errorf("answer %s: unknown header %q", name, key)
		}
	}
	for _, k := range []string{"kind", "style", "must", "mustnot", "sections"} {
		if !seen[k] {
			return a, fmt.Errorf("answer %s: missing header %q", name, k)
		}
	}
	a.Text = strings.TrimSpace(body)
	return a, nil
}

// corpusSplitIDs splits a comma-separated id list; an empty value is no ids.
func corpusSplitIDs(s string) []string {
	var ids []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			ids = append(ids, f)
		}
	}
	return ids
}

// corpusParseSections reads "id=first words | id=first words".
func corpusParseSections(s string) ([]labeledSection, error) {
	var out []labeledSection
	for _, part := range strings.Split(s, "|") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, prefix, ok := strings.Cut(part, "=")
		if !ok {
			return nil, fmt.Errorf("section %q has no \"=\"", part)
		}
		out = append(out, labeledSection{ID: strings.TrimSpace(id), Prefix: strings.TrimSpace(prefix)})
	}
	return out, nil
}

// corpusASRText is what a speech recognizer emits: lowercase words, digits and
// apostrophes inside contractions, nothing else.
var corpusASRText = regexp.MustCompile(`^[a-z0-9' \n]+$`)

// corpusFillerWord matches the fillers a "fillers" answer leans on heavily.
var corpusFillerWord = regexp.MustCompile(`(?i)\b(um+|uh+|er|erm|like|you know|i mean|basically|actually|so yeah|kind of|sort of)\b`)

// checkLabeledAnswer applies the corpus rules to one parsed answer.
func checkLabeledAnswer(a labeledAnswer) error {
	killers, ok := killerIDs[a.Rubric]
	if !ok {
		return fmt.Errorf("answer %s: unknown rubric %q", a.Name, a.Rubric)
	}
	known := map[string]bool{}
	for _, id := range killers {
		known[id] = true
	}
	count := map[string]int{}
	for _, list := range [][]string{a.Must, a.MustNot, a.Unsure} {
		for _, id := range list {
			if !known[id] {
				return fmt.Errorf("answer %s: unknown flag id %q", a.Name, id)
			}
			count[id]++
		}
	}
	for _, id := range killers {
		if count[id] != 1 {
			return fmt.Errorf("answer %s: flag %q labeled %d times, want exactly once in must, mustnot or unsure", a.Name, id, count[id])
		}
	}
	switch a.Kind {
	case "strong":
		if len(a.Must) != 0 {
			return fmt.Errorf("answer %s: a strong answer must raise no killer, has %v", a.Name, a.Must)
		}
	case "mixed":
		if len(a.Must) < 1 || len(a.Must) > 2 {
			return fmt.Errorf("answer %s: a mixed answer has one or two killers, has %d", a.Name, len(a.Must))
		}
	case "weak":
		if len(a.Must) < 3 {
			return fmt.Errorf("answer %s: a weak answer has three or more killers, has %d", a.Name, len(a.Must))
		}
	default:
		return fmt.Errorf("answer %s: kind %q is not strong, mixed or weak", a.Name, a.Kind)
	}
	words := len(strings.Fields(a.Text))
	if words == 0 {
		return fmt.Errorf("answer %s: empty text", a.Name)
	}
	if words < 40 || words > 420 {
		return fmt.Errorf("answer %s: %d words, want 40 to 420", a.Name, words)
	}
	if a.Kind == "strong" && (words < 300 || words > 380) {
		return fmt.Errorf("answer %s: strong answer of %d words, want 300 to 380", a.Name, words)
	}
	switch a.Style {
	case "written":
	case "asr":
		if !corpusASRText.MatchString(a.Text) {
			return fmt.Errorf("answer %s: asr text has capitals or punctuation", a.Name)
		}
	case "fillers":
		// Heavy means a coach would count well over the 12-a-minute mark:
		// at 150 wpm that is at least 8 per 100 words.
		n := len(corpusFillerWord.FindAllStringIndex(a.Text, -1))
		if n*100 < 8*words {
			return fmt.Errorf("answer %s: %d fillers in %d words is not heavy", a.Name, n, words)
		}
	default:
		return fmt.Errorf("answer %s: style %q is not written, asr or fillers", a.Name, a.Style)
	}
	ids := map[string]bool{}
	for _, id := range corpusSections[a.Rubric] {
		ids[id] = true
	}
	// Sections are listed in the order they are told; a section told in
	// two pieces is listed twice, but never twice in a row.
	lastPos, lastID := -1, ""
	for _, s := range a.Sections {
		if !ids[s.ID] {
			return fmt.Errorf("answer %s: unknown section %q", a.Name, s.ID)
		}
		if s.ID == lastID {
			return fmt.Errorf("answer %s: section %q listed twice in a row", a.Name, s.ID)
		}
		if n := len(strings.Fields(s.Prefix)); n < 3 || n > 6 {
			return fmt.Errorf("answer %s: section %q prefix has %d words, want 3 to 6", a.Name, s.ID, n)
		}
		pos := strings.Index(a.Text[max(lastPos+1, 0):], s.Prefix)
		if pos < 0 {
			return fmt.Errorf("answer %s: section %q prefix %q not found after the previous section", a.Name, s.ID, s.Prefix)
		}
		lastPos, lastID = pos+max(lastPos+1, 0), s.ID
	}
	return nil
}

// loadLabeledAnswers reads and checks every answer in dir.
func loadLabeledAnswers(dir string) ([]labeledAnswer, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("list answers in %s: %w", dir, err)
	}
	nameRE := regexp.MustCompile(`^[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\.txt$`)
	var out []labeledAnswer
	for _, p := range paths {
		name := filepath.Base(p)
		if !nameRE.MatchString(name) {
			return nil, fmt.Errorf("answer %s: name is not NN-short-slug.txt", name)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read answer %s: %w", name, err)
		}
		a, err := parseLabeledAnswer(name, data)
		if err != nil {
			return nil, err
		}
		if err := checkLabeledAnswer(a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// parseCueLabels reads "category<TAB>0|1<TAB>sentence" lines.
func parseCueLabels(data []byte) ([]cueLabel, error) {
	known := map[string]bool{}
	for _, c := range corpusCueCategories {
		known[c] = true
	}
	var out []cueLabel
	seen := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("cues line %d: %d tab-separated fields, want 3", n, len(f))
		}
		if !known[f[0]] {
			return nil, fmt.Errorf("cues line %d: unknown category %q", n, f[0])
		}
		if f[1] != "0" && f[1] != "1" {
			return nil, fmt.Errorf("cues line %d: label %q is not 0 or 1", n, f[1])
		}
		s := strings.TrimSpace(f[2])
		if s == "" || s != f[2] {
			return nil, fmt.Errorf("cues line %d: empty sentence or stray spaces", n)
		}
		key := f[0] + "\t" + strings.ToLower(s)
		if prev, dup := seen[key]; dup {
			return nil, fmt.Errorf("cues line %d: same sentence as line %d in %s", n, prev, f[0])
		}
		seen[key] = n
		out = append(out, cueLabel{Line: n, Category: f[0], Positive: f[1] == "1", Sentence: s})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read cues: %w", err)
	}
	return out, nil
}

func TestCorpusFormatAnswers(t *testing.T) {
	answers, err := loadLabeledAnswers(filepath.Join("testdata", "answers"))
	if err != nil {
		t.Fatal(err)
	}
	if len(answers) < 48 {
		t.Errorf("%d answers, want at least 48", len(answers))
	}
	kinds, styles := map[string]int{}, map[string]int{}
	must, mustNot := map[string]int{}, map[string]int{}
	labels, unsure := 0, 0
	for _, a := range answers {
		kinds[a.Kind]++
		styles[a.Style]++
		for _, id := range a.Must {
			must[id]++
		}
		for _, id := range a.MustNot {
			mustNot[id]++
		}
		labels += len(killerIDs[a.Rubric])
		unsure += len(a.Unsure)
	}
	for kind, want := range map[string]int{"strong": 12, "mixed": 14, "weak": 16} {
		if kinds[kind] < want {
			t.Errorf("%d %s answers, want at least %d", kinds[kind], kind, want)
		}
	}
	for style, want := range map[string]int{"asr": 10, "fillers": 8} {
		if styles[style] < want {
			t.Errorf("%d %s-style answers, want at least %d", styles[style], style, want)
		}
	}
	if unsure*10 >= labels {
		t.Errorf("%d of %d labels unsure, want under 10%%", unsure, labels)
	}
	for _, id := range killerIDs["mistake"] {
		// Precision and recall need both kinds of evidence for every flag.
		if must[id] < 3 || mustNot[id] < 3 {
			t.Errorf("flag %s: %d must and %d mustnot, want at least 3 of each", id, must[id], mustNot[id])
		}
	}
	t.Logf("kinds %v styles %v unsure %d/%d", kinds, styles, unsure, labels)
	for _, id := range killerIDs["mistake"] {
		t.Logf("%-16s must %2d mustnot %2d", id, must[id], mustNot[id])
	}
}

func TestCorpusFormatCues(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "cues.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	cues, err := parseCueLabels(data)
	if err != nil {
		t.Fatal(err)
	}
	total, ones := map[string]int{}, map[string]int{}
	plain := 0
	for _, c := range cues {
		total[c.Category]++
		if c.Positive {
			ones[c.Category]++
		}
		if corpusASRText.MatchString(c.Sentence) {
			plain++
		}
	}
	for _, c := range corpusCueCategories {
		if total[c] < 25 {
			t.Errorf("category %s: %d lines, want at least 25", c, total[c])
		}
		if ones[c]*100 < 35*total[c] || ones[c]*100 > 65*total[c] {
			t.Errorf("category %s: %d of %d positive, want roughly half", c, ones[c], total[c])
		}
		t.Logf("%-16s %3d lines, %3d positive", c, total[c], ones[c])
	}
	if plain < 30 {
		t.Errorf("%d lowercase unpunctuated sentences, want at least 30", plain)
	}
}

// TestCorpusFormatRejects shows the readers above can fail: each broken
// file must be refused with an error, not accepted or panicked on.
func TestCorpusFormatRejects(t *testing.T) {
	all := "fake-mistake, blame-diffusion, no-stakes, generic-lesson, no-mechanism, no-root-cause, claims-immunity"
	body := strings.Repeat("I sent the invoice run a day early. ", 8)
	good := "# kind: weak\n# style: written\n# must: passive-voice, no-stakes, no-mechanism\n# mustnot: fake-mistake, blame-diffusion, generic-lesson, no-root-cause, claims-immunity\n# sections: mistake=I sent the invoice\n---\n" + body
	if a, err := parseLabeledAnswer("good", []byte(good)); err != nil {
		t.Fatalf("valid answer refused: %v", err)
	} else if err := checkLabeledAnswer(a); err != nil {
		t.Fatalf("valid answer refused: %v", err)
	}
	answers := []struct {
		name, file string
	}{
		{"no separator", "# kind: weak\n" + body},
		{"missing mustnot", "# kind: weak\n# style: written\n# must: " + all + "\n# sections:\n---\n" + body},
		{"unknown header", "# kind: weak\n# style: written\n# must:\n# mustnot:\n# sections:\n# mood: sad\n---\n" + body},
		{"duplicate header", "# kind: weak\n# kind: strong\n# style: written\n# must:\n# mustnot:\n# sections:\n---\n" + body},
		{"killer left out", "# kind: weak\n# style: written\n# must: " + all + "\n# mustnot:\n# sections:\n---\n" + body},
		{"killer twice", "# kind: weak\n# style: written\n# must: " + all + "\n# mustnot: passive-voice, no-stakes\n# sections:\n---\n" + body},
		{"unknown flag", "# kind: weak\n# style: written\n# must: " + all + ", passive-voice\n# mustnot: rambling\n# sections:\n---\n" + body},
		{"strong with killer", "# kind: strong\n# style: written\n# must: passive-voice\n# mustnot: " + all + "\n# sections:\n---\n" + body},
		{"empty text", "# kind: weak\n# style: written\n# must: " + all + ", passive-voice\n# mustnot:\n# sections:\n---\n   \n"},
		{"asr with capitals", "# kind: weak\n# style: asr\n# must: " + all + ", passive-voice\n# mustnot:\n# sections:\n---\n" + body},
		{"section not in text", "# kind: weak\n# style: written\n# must: " + all + ", passive-voice\n# mustnot:\n# sections: mistake=I deleted the table\n---\n" + body},
		{"section twice in a row", "# kind: weak\n# style: written\n# must: " + all + ", passive-voice\n# mustnot:\n# sections: change=I sent the invoice | change=run a day early\n---\n" + body},
		{"unknown rubric", "# rubric: regret\n# kind: weak\n# style: written\n# must: " + all + ", passive-voice\n# mustnot:\n# sections:\n---\n" + body},
		{"invalid utf8", "# kind: weak\n# style: written\n# must:\n# mustnot:\n# sections:\n---\n\xff\xfe"},
	}
	for _, tc := range answers {
		t.Run(tc.name, func(t *testing.T) {
			a, err := parseLabeledAnswer(tc.name, []byte(tc.file))
			if err == nil {
				err = checkLabeledAnswer(a)
			}
			if err == nil {
				t.Errorf("accepted a broken answer")
			}
		})
	}
	cues := []struct {
		name, file string
	}{
		{"two fields", "stakes\t1\n"},
		{"unknown category", "bravado\t1\tI fixed it.\n"},
		{"bad label", "stakes\tyes\tWe lost 40 orders.\n"},
		{"empty sentence", "stakes\t1\t\n"},
		{"duplicate", "stakes\t1\tWe lost 40 orders.\nstakes\t0\twe lost 40 orders.\n"},
	}
	for _, tc := range cues {
		t.Run("cues "+tc.name, func(t *testing.T) {
			if _, err := parseCueLabels([]byte(tc.file)); err == nil {
				t.Errorf("accepted a broken cues file")
			}
		})
	}
}
