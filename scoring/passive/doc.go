// Package passive finds passive-voice constructions in English text: a
// form of "be" or "get" followed by a past participle, with the modal and
// perfect auxiliaries that may come before it ("should have been caught")
// and the adverbs, negation and fillers that may stand between ("wasn't
// even tested", "was, um, deployed").
//
// It is written for spoken answers as well as typed ones, so it does not
// rely on capitals or punctuation, reads smart quotes and contractions
// with or without the apostrophe, and separates adjectives that look like
// participles ("I was tired", "we got bored") from real passives with word
// lists and a few principled context rules rather than one-off cases.
// The word lists live in the assets package (wordlists/passive-*.txt).
//
// The package is pure: no I/O except the embedded word lists, which are
// read once when the package is first used.
package passive
