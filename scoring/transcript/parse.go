package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Errors Parse returns; callers test them with errors.Is and add the file
// name for the message.
var (
	ErrTooLarge = fmt.Errorf("transcript is larger than %d MB", MaxBytes>>20)
	ErrBinary   = errors.New("file is binary data, not a text transcript")
	ErrEncoding = errors.New("file is not valid UTF-8 text")
	ErrEmpty    = errors.New("transcript is empty")
	// ErrTiming is a subtitle timing line whose times cannot be used; the
	// error names the cue and its line.
	ErrTiming = errors.New("subtitle timing is broken")
)

// Parse reads a transcript. The name's extension picks the format (.srt,
// .vtt, .md, .markdown, .txt); for any other name, including "-" for
// standard input, the content decides.
func Parse(name string, data []byte) (Transcript, error) {
	if len(data) > MaxBytes {
		return Transcript{}, ErrTooLarge
	}
	if err := checkText(data); err != nil {
		return Transcript{}, err
	}
	buf := []byte(string(data)) // a copy: blanking must not touch the caller's bytes
	blankBOMAndCR(buf)
	t := Transcript{Format: detect(name, buf)}
	switch t.Format {
	case SRT, VTT:
		var err error
		if t.Cues, err = blankSubtitles(buf, t.Format); err != nil {
			return Transcript{}, err
		}
	case Markdown:
		blankMarkdown(buf)
	}
	// buf is this function's own copy and is not written again, so the
	// text can be its bytes: a second copy of a long transcript would
	// cost its size once more while the analysis starts.
	t.Text = unsafe.String(unsafe.SliceData(buf), len(buf))
	if strings.TrimSpace(t.Text) == "" {
		return Transcript{}, ErrEmpty
	}
	return t, nil
}

// checkText rejects data that is not human text: a NUL byte or many
// control characters mean a binary file; bad UTF-8 is named as such.
func checkText(data []byte) error {
	if bytes.IndexByte(data, 0) >= 0 {
		return ErrBinary
	}
	control := 0
	for _, c := range data {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			control++
		}
	}
	if control > 0 && control*100 > len(data) {
		return ErrBinary
	}
	if !utf8.Valid(data) {
		return ErrEncoding
	}
	return nil
}

// blankBOMAndCR turns a byte order mark and carriage returns into spaces,
// so CRLF files read like LF files at unchanged offsets.
func blankBOMAndCR(b []byte) {
	if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		copy(b, "   ")
	}
	for i, c := range b {
		if c == '\r' {
			b[i] = ' '
		}
	}
}

// detect picks the format from the extension, then from the content.
func detect(name string, b []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".srt":
		return SRT
	case ".vtt":
		return VTT
	case ".md", ".markdown":
		return Markdown
	}
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	trimmed := bytes.TrimLeft(head, " \t\n")
	if bytes.HasPrefix(trimmed, []byte("WEBVTT")) {
		return VTT
	}
	for _, line := range bytes.Split(head, []byte("\n")) {
		if looksTimed(string(line)) {
			return SRT
		}
	}
	return Text
}

// blank overwrites b[i:j] with spaces, keeping newlines.
func blank(b []byte, i, j int) {
	for k := i; k < j && k < len(b); k++ {
		if b[k] != '\n' {
			b[k] = ' '
		}
	}
}
