package speech

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
)

// whisperJSON is the part of whisper-cli's -oj / -ojf output this
// package reads: "transcription" is a list of segments with "offsets" in
// milliseconds and "text"; with -ojf each segment also lists its tokens
// with their own offsets and probability "p".
type whisperJSON struct {
	Transcription *[]whisperSegment `json:"transcription"`
}

type whisperSegment struct {
	Offsets *whisperOffsets `json:"offsets"`
	Text    string          `json:"text"`
	Tokens  []whisperToken  `json:"tokens"`
}

type whisperToken struct {
	Text    string          `json:"text"`
	Offsets *whisperOffsets `json:"offsets"`
	P       *float64        `json:"p"`
}

type whisperOffsets struct {
	From *float64 `json:"from"`
	To   *float64 `json:"to"`
}

// span returns the offsets in seconds, if they are there and sane.
func (o *whisperOffsets) span() (float64, float64, bool) {
	if o == nil || o.From == nil || o.To == nil || !finite(*o.From) || !finite(*o.To) || *o.From < 0 {
		return 0, 0, false
	}
	return *o.From / 1000, max(*o.To, *o.From) / 1000, true
}

// parseWhisperJSON reads whisper-cli's JSON output into words. Tokens
// (from -ojf) give each word its own times and the mean probability of
// its tokens; a token that starts with a space starts a word, others
// (word pieces, punctuation) continue it. Segments without tokens are
// split into words that share the segment's time by length. Special
// tokens ([_BEG_], [_TT_150], <|endoftext|>) and bracketed annotations
// ([BLANK_AUDIO], (music)) are not words.
func parseWhisperJSON(data []byte) ([]Word, error) {
	var doc whisperJSON
	if err := json.Unmarshal(sanitizeJSONStrings(data), &doc); err != nil {
		return nil, fmt.Errorf("%w: whisper's JSON: %v", ErrBadOutput, err)
	}
	if doc.Transcription == nil {
		return nil, fmt.Errorf("%w: whisper's JSON has no \"transcription\"", ErrBadOutput)
	}
	var words []Word
	for i, seg := range *doc.Transcription {
		from, to, ok := seg.Offsets.span()
		if !ok {
			return nil, fmt.Errorf("%w: whisper's segment %d has no valid \"offsets\"", ErrBadOutput, i+1)
		}
		if ws, ok := tokenWords(seg.Tokens); ok {
			words = append(words, ws...)
		} else {
			words = append(words, spreadWords(seg.Text, from, to, NoConf)...)
		}
	}
	return keepOrder(dropAnnotations(words)), nil
}

// tokenWords joins timed tokens into words; ok is false when the
// segment has no timed tokens to join.
func tokenWords(toks []whisperToken) ([]Word, bool) {
	var out []Word
	var cur *Word
	var psum float64
	var pn int
	flush := func() {
		if cur == nil {
			return
		}
		cur.Text = strings.TrimSpace(strings.ReplaceAll(cur.Text, "\uFFFD", ""))
		if pn > 0 {
			cur.Conf = clamp01(psum / float64(pn))
		}
		if cur.Text != "" {
			out = append(out, *cur)
		}
		cur, psum, pn = nil, 0, 0
	}
	timed := false
	for _, t := range toks {
		if isSpecialToken(t.Text) {
			continue
		}
		from, to, ok := t.Offsets.span()
		if !ok {
			return nil, false
		}
		timed = true
		if cur == nil || strings.HasPrefix(t.Text, " ") {
			flush()
			cur = &Word{Start: from, End: to, Conf: NoConf}
		}
		cur.Text += t.Text
		cur.End = max(cur.End, to)
		if t.P != nil && finite(*t.P) {
			psum += *t.P
			pn++
		}
	}
	flush()
	return out, timed
}

func isSpecialToken(s string) bool {
	return strings.HasPrefix(s, "[_") && strings.HasSuffix(s, "]") ||
		strings.HasPrefix(s, "<|") && strings.HasSuffix(s, "|>")
}

// spreadWords splits a stretch of text into words that share [from, to]
// in proportion to their length.
func spreadWords(text string, from, to, conf float64) []Word {
	fields := strings.Fields(strings.ReplaceAll(text, "\uFFFD", ""))
	total := 0
	for _, f := range fields {
		total += len(f)
	}
	out := make([]Word, 0, len(fields))
	at, done := from, 0
	for _, f := range fields {
		done += len(f)
		end := from + (to-from)*float64(done)/float64(total)
		out = append(out, Word{Text: f, Start: at, End: end, Conf: conf})
		at = end
	}
	return out
}

// dropAnnotations removes what an engine writes about the audio rather
// than the speech: [BLANK_AUDIO], (upbeat music), *laughs* and the like,
// over up to maxAnnotation words. An opening bracket that is not closed
// that soon is kept as text.
func dropAnnotations(ws []Word) []Word {
	const maxAnnotation = 6
	closers := map[byte]byte{'[': ']', '(': ')', '*': '*'}
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		t := ws[i].Text
		if c, ok := closers[t[0]]; ok {
			end := -1
			for k := i; k < len(ws) && k < i+maxAnnotation; k++ {
				rest := ws[k].Text
				if k == i {
					rest = rest[1:]
				}
				if strings.IndexByte(rest, c) >= 0 {
					end = k
					break
				}
			}
			if end >= 0 {
				i = end
				continue
			}
		}
		if strings.IndexFunc(t, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
			continue // a lone dash or ellipsis
		}
		out = append(out, ws[i])
	}
	return out
}

// keepOrder makes times run forward: an engine's word that starts before
// the previous one (whisper's token times can) is moved to its end.
func keepOrder(ws []Word) []Word {
	for i := 1; i < len(ws); i++ {
		if ws[i].Start < ws[i-1].Start {
			ws[i].Start = ws[i-1].End
		}
		ws[i].End = max(ws[i].End, ws[i].Start)
	}
	if ws == nil {
		ws = []Word{}
	}
	return ws
}

// sanitizeJSONStrings replaces raw control characters inside JSON
// strings with spaces: whisper-cli escapes only quotes and backslashes,
// so a tab or a newline in a token would otherwise make its file
// unreadable.
func sanitizeJSONStrings(data []byte) []byte {
	var out []byte
	in, esc := false, false
	for i, c := range data {
		switch {
		case esc:
			esc = false
		case in && c == '\\':
			esc = true
		case c == '"':
			in = !in
		case in && c < 0x20:
			if out == nil {
				out = append([]byte(nil), data...)
			}
			out[i] = ' '
		}
	}
	if out == nil {
		return data
	}
	return out
}
