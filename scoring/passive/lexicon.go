package passive

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"sync"

	"retake/assets"
)

// lexicon holds the word lists the rules consult. The open-ended lists
// (participles, adjectives, adverbs) are data so they can grow without
// code changes; the closed grammatical classes (forms of be, modals,
// pronouns) are fixed by English itself and live in grammar.go.
type lexicon struct {
	irregular    set // irregular past participles
	intransitive set // participles of verbs with no passive
	adjectival   set // participle-looking adjectives of feeling or state
	ambiguous    set // state of a person, action on a thing
	notPart      set // -ed words that are not participles
	eed          set // the few -eed words that are participles
	skip         set // adverbs, negation and fillers allowed in between
	notAdverb    set // -ly words that are not adverbs
	degree       set // degree words that mark an adjective
	unVerbs      set // un-...-ed participles from real verbs
	byNonAgent   set // words after "by" that are not an agent
	idioms       map[pair]struct{}
}

// set is a string set; lookups with a []byte-to-string conversion do
// not allocate.
type set map[string]struct{}

func (s set) has(w string) bool { _, ok := s[w]; return ok }

// pair is a two-word key for the idiom list.
type pair struct{ a, b string }

var (
	lexOnce sync.Once
	lex     *lexicon
)

// words returns the package lexicon, loading it on first use. The lists
// are compiled into the binary, so failing to read one is a build defect
// and panics with the file name rather than limping on with a blind spot.
func words() *lexicon {
	lexOnce.Do(func() {
		l, err := loadLexicon()
		if err != nil {
			panic("passive: " + err.Error())
		}
		lex = l
	})
	return lex
}

func loadLexicon() (*lexicon, error) {
	l := &lexicon{idioms: map[pair]struct{}{}}
	lists := []struct {
		name string
		dst  *set
	}{
		{"passive-irregular.txt", &l.irregular},
		{"passive-intransitive.txt", &l.intransitive},
		{"passive-adjectival.txt", &l.adjectival},
		{"passive-ambiguous.txt", &l.ambiguous},
		{"passive-not-participle.txt", &l.notPart},
		{"passive-eed.txt", &l.eed},
		{"passive-skip.txt", &l.skip},
		{"passive-not-adverb.txt", &l.notAdverb},
		{"passive-degree.txt", &l.degree},
		{"passive-un-verbs.txt", &l.unVerbs},
		{"passive-by-nonagent.txt", &l.byNonAgent},
	}
	for _, li := range lists {
		entries, err := readList(li.name)
		if err != nil {
			return nil, err
		}
		s := make(set, len(entries))
		for _, e := range entries {
			s[e] = struct{}{}
		}
		*li.dst = s
	}
	idioms, err := readList("passive-idioms.txt")
	if err != nil {
		return nil, err
	}
	for _, e := range idioms {
		f := strings.Fields(e)
		if len(f) != 2 {
			return nil, fmt.Errorf("word list passive-idioms.txt: %q is not two words", e)
		}
		l.idioms[pair{f[0], f[1]}] = struct{}{}
	}
	return l, nil
}

// readList reads one embedded word list: one lower-case entry per line,
// blank lines and lines starting with # ignored.
func readList(name string) ([]string, error) {
	data, err := assets.Read("wordlists/" + name)
	if err != nil {
		return nil, fmt.Errorf("word list %s: %w", name, err)
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line != strings.ToLower(line) {
			return nil, fmt.Errorf("word list %s: %q is not lower case", name, line)
		}
		out = append(out, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("word list %s: %w", name, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("word list %s: no entries", name)
	}
	return out, nil
}
