// Package scoring is Retake's analyzer: a pure function from an answer's
// transcript (and whatever is known of its timing) to a Report that
// scores each rubric section and names, with the exact words, what
// undercut the answer. It does no I/O beyond the embedded data in assets.
package scoring
