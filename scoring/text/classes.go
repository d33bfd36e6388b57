package text

import (
	"fmt"
	"strings"
	"sync"

	"retake/assets"
)

// Set is a set of normalized words.
type Set map[string]struct{}

// Has reports whether w is in the set.
func (s Set) Has(w string) bool { _, ok := s[w]; return ok }

// NewSet makes a set of the given words.
func NewSet(words ...string) Set {
	s := make(Set, len(words))
	for _, w := range words {
		s[w] = struct{}{}
	}
	return s
}

// Classes are named word sets read from a "class: words..." file, the
// format of assets/wordlists/grammar.txt.
type Classes struct {
	name string
	sets map[string]Set
}

// ParseClasses reads "class: word word ..." lines; '#' starts a comment
// line. A class may be continued on later lines with the same name.
func ParseClasses(name, data string) (*Classes, error) {
	c := &Classes{name: name, sets: map[string]Set{}}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, words, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !ok || key == "" || strings.ContainsAny(key, " \t") {
			return nil, fmt.Errorf("%s line %d: want \"class: words...\"", name, n+1)
		}
		s := c.sets[key]
		if s == nil {
			s = Set{}
			c.sets[key] = s
		}
		for _, w := range strings.Fields(words) {
			if w != strings.ToLower(w) {
				return nil, fmt.Errorf("%s line %d: %q is not lower case", name, n+1, w)
			}
			s[strings.ReplaceAll(w, "\u2019", "'")] = struct{}{}
		}
	}
	return c, nil
}

// Class returns the named class. A name the file does not define is a
// programming error and panics with the file's name, so a typo fails the
// first test that reaches it instead of silently matching nothing.
func (c *Classes) Class(name string) Set {
	s, ok := c.sets[name]
	if !ok {
		panic(fmt.Sprintf("text: word class %q is not in %s", name, c.name))
	}
	return s
}

// Lookup returns the named class and whether it exists.
func (c *Classes) Lookup(name string) (Set, bool) {
	s, ok := c.sets[name]
	return s, ok
}

// Names lists the classes.
func (c *Classes) Names() []string {
	out := make([]string, 0, len(c.sets))
	for n := range c.sets {
		out = append(out, n)
	}
	return out
}

var (
	grammarOnce sync.Once
	grammar     *Classes
)

// Grammar returns the closed word classes of assets/wordlists/grammar.txt.
// The file is part of the binary, so failing to read it panics.
func Grammar() *Classes {
	grammarOnce.Do(func() {
		b, err := assets.Read("wordlists/grammar.txt")
		if err != nil {
			panic("text: " + err.Error())
		}
		g, err := ParseClasses("grammar.txt", string(b))
		if err != nil {
			panic("text: " + err.Error())
		}
		grammar = g
	})
	return grammar
}
