package text

import (
	"fmt"
	"strings"
	"sync"

	"retake/assets"
)

// contractions is the table of assets/wordlists/contractions.txt.
type contractions struct {
	// clitic maps a contracted ending to the word it stands for.
	clitic map[string]string
	// stem maps the stems of "can't", "won't"... to their words.
	stem map[string]string
	// bare maps an apostrophe-less spelling to its two parts: the stem
	// and the ending, with the byte at which the ending starts.
	bare map[string]bareForm
}

// bareForm is an apostrophe-less contraction ("didnt") split in two.
type bareForm struct {
	at         int
	stem, tail string
}

func parseContractions(data string) (*contractions, error) {
	c := &contractions{clitic: map[string]string{}, stem: map[string]string{}, bare: map[string]bareForm{}}
	for n, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		kind, rest, _ := strings.Cut(line, " ")
		lhs, rhs, ok := strings.Cut(rest, "=")
		lhs, rhs = strings.TrimSpace(lhs), strings.TrimSpace(rhs)
		if !ok || lhs == "" || rhs == "" {
			return nil, fmt.Errorf("contractions.txt line %d: want \"kind FORM = WORDS\"", n+1)
		}
		switch kind {
		case "clitic":
			c.clitic[lhs] = rhs
		case "stem":
			c.stem[lhs] = rhs
		case "bare":
			parts := strings.Fields(rhs)
			if len(parts) != 2 || parts[0]+strings.TrimPrefix(parts[1], "'") != lhs && parts[0]+strings.ReplaceAll(parts[1], "'", "") != lhs {
				return nil, fmt.Errorf("contractions.txt line %d: %q must be its two parts run together", n+1, lhs)
			}
			c.bare[lhs] = bareForm{at: len(parts[0]), stem: parts[0], tail: parts[1]}
		default:
			return nil, fmt.Errorf("contractions.txt line %d: unknown kind %q", n+1, kind)
		}
	}
	for _, f := range c.bare {
		if _, ok := c.clitic[f.tail]; !ok && f.tail != "not" {
			return nil, fmt.Errorf("contractions.txt: ending %q has no clitic line", f.tail)
		}
	}
	return c, nil
}

var (
	contractOnce sync.Once
	contractTab  *contractions
)

func table() *contractions {
	contractOnce.Do(func() {
		b, err := assets.Read("wordlists/contractions.txt")
		if err != nil {
			panic("text: " + err.Error())
		}
		c, err := parseContractions(string(b))
		if err != nil {
			panic("text: " + err.Error())
		}
		contractTab = c
	})
	return contractTab
}
