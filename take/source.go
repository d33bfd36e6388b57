package take

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"retake/speech/words"
)

// The kinds of transcript source.
const (
	// SourceKindTyped is text the person typed (or pasted) in the app.
	SourceKindTyped = "typed"
	// SourceKindFile is a transcript imported from a file; Source.Name
	// is the file's base name.
	SourceKindFile = "file"
	// SourceKindEngine is a draft a speech engine made from the audio;
	// Source.Name is the engine's name.
	SourceKindEngine = "engine"
)

// Source says where a take's transcript came from. The zero Source means
// the take has no transcript.
type Source struct {
	Kind string `json:"kind"`
	// Name is the imported file's base name or the engine's name.
	Name string `json:"name,omitempty"`
	// Corrected is set once the person has edited an engine's draft.
	Corrected bool `json:"corrected,omitempty"`
}

// SourceTyped is the source of text typed in the app.
var SourceTyped = Source{Kind: SourceKindTyped}

// FileSource is the source of a transcript imported from the file with
// this base name.
func FileSource(name string) Source { return Source{Kind: SourceKindFile, Name: name} }

// EngineSource is the source of a draft made by the named speech engine.
func EngineSource(engine string) Source { return Source{Kind: SourceKindEngine, Name: engine} }

// IsDraft reports whether the transcript came from a speech engine.
func (s Source) IsDraft() bool { return s.Kind == SourceKindEngine }

// String is the source as a person reads it: "typed", "file answer.srt",
// "engine pocketsphinx (corrected)".
func (s Source) String() string {
	out := s.Kind
	if s.Name != "" {
		out += " " + s.Name
	}
	if s.Corrected {
		out += " (corrected)"
	}
	return out
}

// maxSourceName bounds a file or engine name: a file name is at most 255
// bytes on the file systems the app runs on.
const maxSourceName = 255

// check rejects a source another program could not have written.
func (s Source) check() error {
	switch s.Kind {
	case "":
		if s.Name != "" || s.Corrected {
			return errors.New("transcript source has a name but no kind")
		}
		return nil
	case SourceKindTyped:
		if s.Name != "" || s.Corrected {
			return errors.New("a typed transcript source has no name")
		}
		return nil
	case SourceKindFile, SourceKindEngine:
	default:
		return fmt.Errorf("unknown transcript source %q", s.Kind)
	}
	if s.Corrected && s.Kind != SourceKindEngine {
		return errors.New("only an engine's draft can be corrected")
	}
	if s.Name == "" || len(s.Name) > maxSourceName || !utf8.ValidString(s.Name) || strings.IndexFunc(s.Name, unicode.IsControl) >= 0 {
		return fmt.Errorf("transcript source name %q is not a short one-line name", s.Name)
	}
	return nil
}

// sourceFromV2 reads the string a schema-2 take stored: "typed",
// "transcriber" (the user's transcriber command, which is the engine
// called "command") or "file:<name>".
func sourceFromV2(s, text string) Source {
	switch {
	case s == "" && text == "":
		return Source{}
	case s == "transcriber":
		return EngineSource("command")
	case strings.HasPrefix(s, "file:") && len(s) > len("file:"):
		return FileSource(s[len("file:"):])
	default:
		return SourceTyped
	}
}

// Word is one word a speech engine heard, with when it was said
// (seconds from the start of the recording). A stored word's confidence
// is 0 to 1: checkWords refuses words.NoConf, so a caller stores a word
// without one as fully confident.
type Word = words.Word

// maxWordLen bounds one word's text; engines emit words, not sentences.
const maxWordLen = 200

// checkWords rejects timed words that are not in time order, not finite,
// or that would not be words at all.
func checkWords(ws []Word) error {
	prev := 0.0
	for i, w := range ws {
		if w.Text == "" || len(w.Text) > maxWordLen || !utf8.ValidString(w.Text) || strings.IndexFunc(w.Text, unicode.IsControl) >= 0 {
			return fmt.Errorf("word %d is not a word of at most %d bytes on one line", i+1, maxWordLen)
		}
		if !finite(w.Start) || !finite(w.End) || w.Start < 0 || w.End < w.Start {
			return fmt.Errorf("word %d (%q) has times %v to %v, not a non-negative span", i+1, w.Text, w.Start, w.End)
		}
		if w.Start < prev {
			return fmt.Errorf("word %d (%q) starts at %v, before the word ahead of it (%v)", i+1, w.Text, w.Start, prev)
		}
		if !finite(w.Conf) || w.Conf < 0 || w.Conf > 1 {
			return fmt.Errorf("word %d (%q) has confidence %v, not 0 to 1", i+1, w.Text, w.Conf)
		}
		prev = w.Start
	}
	return nil
}
