// Package words is the pure core of transcription: a timed word as an
// engine reports it, the alignment that carries word times across a
// person's edits of a draft (and the analyzer's cues it gives a
// corrected draft), and the word error rate. It runs no engine
// and reads no audio, so the take library and the views can use it
// without pulling in the engines.
package words
