// Package speech turns a recording into timed words. Each engine is a
// program the app runs as a process behind one interface, Engine:
// PocketSphinx (built in on Debian: pocketsphinx_continuous, or the 5.x
// pocketsphinx command), whisper.cpp's whisper-cli with a model the user
// fetched, or the user's own command. Audio is converted to 16 kHz mono
// 16-bit by sox, never by code of ours.
//
// A Stream transcribes while a take is recorded, so the draft is ready
// moments after Stop. The timed word itself, and the alignment that keeps
// word times across a person's edits of the draft, are the pure package
// words. The package knows nothing of rubrics or of the UI.
package speech
