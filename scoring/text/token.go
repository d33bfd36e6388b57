// Package text is the analyzer's one tokenizer. It turns a transcript
// into the tokens that every stage reads (section finding, passive
// voice, every rule), so they all agree on where words, clauses and
// sentences end and on what a contraction stands for.
//
// A token is 16 bytes: its byte span, the id of its normalized form in a
// vocabulary, the punctuation after it, and a few flags. The normalized
// forms live once in the vocabulary, so a long transcript costs little
// more memory than its text.
package text

// Break is the strongest punctuation between a token and the next.
type Break uint8

// The kinds of break, weakest first.
const (
	// NoBreak: only spaces (or nothing) follow the token.
	NoBreak Break = iota
	// Comma: a comma, a spaced hyphen or a bracket.
	Comma
	// Clause: a semicolon, a colon or a dash.
	Clause
	// Sentence: a full stop, question or exclamation mark, or an
	// ellipsis.
	Sentence
	// Paragraph: a blank line, which ends a sentence too.
	Paragraph
)

// Flags are facts about a token known from the word alone.
type Flags uint8

// The token flags.
const (
	// Filler marks a pure sound ("um", "uh").
	Filler Flags = 1 << iota
	// Number marks digits or a number word.
	Number
	// Clitic marks a contracted ending split off the word before it
	// ("n't", "'s", "'m"); it is not a word of its own for counting.
	Clitic
	// Capital marks a word written with a capital first letter.
	Capital
)

// Person says whom a pronoun names.
type Person uint8

// The persons the analyzer tells apart.
const (
	// NoPerson: not a first-person pronoun.
	NoPerson Person = iota
	// Speaker: I, me, my, myself, mine.
	Speaker
	// We: "we", which can be a clause's subject.
	We
	// Us: us, our, ours, ourselves.
	Us
)

// Token is one word of the text.
type Token struct {
	// Start and End are the byte span [Start, End) in the text.
	Start, End int32
	// Word is the id of the normalized form (lower case, apostrophes
	// straightened, a clitic spelled as the word it stands for) in the
	// document's vocabulary.
	Word int32
	// After is the punctuation between this token and the next.
	After  Break
	Flags  Flags
	Person Person
	_      uint8
}

// Is reports whether the token has all of the flags f.
func (t Token) Is(f Flags) bool { return t.Flags&f == f }

// Counts reports whether the token counts as a spoken word: not a pure
// filler and not a contracted ending.
func (t Token) Counts() bool { return t.Flags&(Filler|Clitic) == 0 }
