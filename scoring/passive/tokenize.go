package passive

import (
	"retake/scoring/text"
)

// token is one word as the passive rules read it: the analyzer's shared
// token (see retake/scoring/text), with its normalized form and whether
// a clause or sentence break comes just before it. A contraction is two
// tokens ("wasn't" is "was" and "not", "it's" is "it" and "'s") so the
// rules see the auxiliary on its own.
type token struct {
	start, end int    // byte span in the original text
	norm       string // the shared vocabulary's normalized form
	hard       bool   // a clause or sentence break comes just before it
}

// reader hands out a document's tokens a window at a time, so the rules
// keep only a bounded slice of their own view however long the text.
type reader struct {
	d   *text.Doc
	pos int
}

// done reports whether every token has been read.
func (r *reader) done() bool { return r.pos >= len(r.d.Toks) }

// fill appends tokens to toks until it holds at least n or the text ends.
func (r *reader) fill(toks []token, n int) []token {
	for r.pos < len(r.d.Toks) && len(toks) < n {
		t := r.d.Toks[r.pos]
		toks = append(toks, token{start: int(t.Start), end: int(t.End), norm: r.d.Norm(r.pos), hard: r.d.HardBefore(r.pos)})
		r.pos++
	}
	return toks
}

// tokenize returns every token of a text at once, for tests.
func tokenize(s string) []token {
	r := reader{d: text.Tokenize(s, nil)}
	return r.fill(nil, len(r.d.Toks))
}
