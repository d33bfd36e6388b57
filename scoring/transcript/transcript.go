// Package transcript reads an answer's transcript from plain text,
// Markdown, SRT or WebVTT. Whatever the format, the text it returns has
// exactly the bytes of the input at the same offsets, with markup (cue
// numbers, timing lines, headers, tags, Markdown markers) blanked to
// spaces, so every span the analyzer reports is also a span of the file
// the person gave.
package transcript

// Format names the kind of file a transcript came from.
type Format string

// The formats Parse understands.
const (
	Text     Format = "text"
	Markdown Format = "markdown"
	SRT      Format = "srt"
	VTT      Format = "vtt"
)

// Cue is a stretch of text with the times it was spoken: bytes
// [Start, End) of Transcript.Text from From to To seconds.
type Cue struct {
	Start int     `json:"start"`
	End   int     `json:"end"`
	From  float64 `json:"from"`
	To    float64 `json:"to"`
}

// Transcript is a parsed transcript ready for the analyzer.
type Transcript struct {
	// Text has the same length as the input; markup is blanked to spaces
	// (newlines are kept) and CR bytes become spaces.
	Text   string
	Format Format
	// Cues is empty for untimed formats, else sorted by Start.
	Cues []Cue
}

// MaxBytes is the largest transcript Parse accepts.
const MaxBytes = 10 << 20
