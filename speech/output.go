package speech

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// transcript is what a command's output file says.
type transcript struct {
	words      []Word
	timed      bool
	punctuated bool
}

// readOutput reads a transcript file written by a user's command: .json
// (a list of timed words, or whisper-cli's JSON), .srt, .vtt or plain
// text. A file without one of those extensions is read by its content.
func readOutput(name string, data []byte) (transcript, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
		return transcript{}, fmt.Errorf("%w: %s is not text", ErrBadOutput, name)
	}
	kind := strings.ToLower(filepath.Ext(name))
	if kind != ".json" && kind != ".srt" && kind != ".vtt" && kind != ".txt" {
		kind = sniffKind(data)
	}
	var t transcript
	var err error
	switch kind {
	case ".json":
		t, err = readWordsJSON(data)
	case ".srt", ".vtt":
		t.words, err = readSubtitles(data)
		t.timed = true
	default:
		t.words = spreadWords(string(data), 0, 0, NoConf)
	}
	if err != nil {
		return transcript{}, fmt.Errorf("%w: %s: %v", ErrBadOutput, name, err)
	}
	t.words = keepOrder(dropAnnotations(t.words))
	if !t.timed {
		for i := range t.words {
			t.words[i].Start, t.words[i].End = 0, 0
		}
	}
	t.punctuated = hasPunctuation(t.words)
	return t, nil
}

// sniffKind tells the format of an output without an extension from its
// first characters.
func sniffKind(data []byte) string {
	head := strings.TrimLeftFunc(string(data[:min(len(data), 512)]), unicode.IsSpace)
	switch {
	case strings.HasPrefix(head, "[") || strings.HasPrefix(head, "{"):
		return ".json"
	case strings.HasPrefix(head, "WEBVTT"):
		return ".vtt"
	case strings.Contains(head, "-->"):
		return ".srt"
	}
	return ".txt"
}

// jsonWord is one word of the JSON list a command may write; "word" is
// accepted for "text", and conf is optional.
type jsonWord struct {
	Text  *string  `json:"text"`
	Word  *string  `json:"word"`
	Start *float64 `json:"start"`
	End   *float64 `json:"end"`
	Conf  *float64 `json:"conf"`
}

// readWordsJSON reads [{"text","start","end","conf"}...], the same list
// inside {"words": [...]} (what retake transcribe --json prints), or
// whisper-cli's own JSON.
func readWordsJSON(data []byte) (transcript, error) {
	var list []jsonWord
	if err := json.Unmarshal(data, &list); err != nil {
		var obj struct {
			Words         *[]jsonWord     `json:"words"`
			Transcription json.RawMessage `json:"transcription"`
		}
		if err2 := json.Unmarshal(data, &obj); err2 != nil {
			return transcript{}, fmt.Errorf("not a JSON list of words: %v", err)
		}
		switch {
		case obj.Words != nil:
			list = *obj.Words
		case obj.Transcription != nil:
			ws, err := parseWhisperJSON(data)
			return transcript{words: ws, timed: true}, err
		default:
			return transcript{}, fmt.Errorf("a JSON object without \"words\" or \"transcription\"")
		}
	}
	t := transcript{timed: len(list) > 0}
	for i, w := range list {
		text := w.Text
		if text == nil {
			text = w.Word
		}
		if text == nil {
			return transcript{}, fmt.Errorf("word %d has no \"text\"", i+1)
		}
		out := Word{Text: strings.TrimSpace(*text), Conf: NoConf}
		if w.Start == nil || w.End == nil {
			t.timed = false
		} else {
			if !finite(*w.Start) || !finite(*w.End) || *w.Start < 0 || *w.End < *w.Start {
				return transcript{}, fmt.Errorf("word %d %q has times %v to %v", i+1, out.Text, *w.Start, *w.End)
			}
			out.Start, out.End = *w.Start, *w.End
		}
		if w.Conf != nil && finite(*w.Conf) {
			out.Conf = clamp01(*w.Conf)
		}
		for _, f := range strings.Fields(out.Text) {
			part := out
			part.Text = f
			t.words = append(t.words, part)
		}
	}
	return t, nil
}

// cueTime matches a subtitle time: [HH:]MM:SS,mmm or [HH:]MM:SS.mmm.
var cueTime = regexp.MustCompile(`^(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})$`)

func parseCueTime(s string) (float64, bool) {
	m := cueTime.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, false
	}
	h, _ := strconv.Atoi("0" + m[1])
	mi, _ := strconv.Atoi(m[2])
	sec, _ := strconv.Atoi(m[3])
	frac, _ := strconv.ParseFloat("0."+m[4], 64)
	if mi > 59 || sec > 59 || h > 99 {
		return 0, false
	}
	return float64(h*3600+mi*60+sec) + frac, true
}

// markup matches the tags inside cue text: <i>, </b>, <v Name>,
// <00:01.000>, {\an8}.
var markup = regexp.MustCompile(`<[^>]*>|\{\\[^}]*\}`)

// readSubtitles reads SRT or WebVTT cues into words that share each
// cue's time by length. Blocks without a time line (the WEBVTT header,
// NOTE and STYLE blocks, stray numbers) are skipped.
func readSubtitles(data []byte) ([]Word, error) {
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	var words []Word
	cues := 0
	for _, block := range strings.Split(text, "\n\n") {
		lines := strings.Split(strings.Trim(block, "\n"), "\n")
		at := -1
		for i, l := range lines {
			if strings.Contains(l, "-->") {
				at = i
				break
			}
		}
		if at < 0 {
			continue
		}
		from, rest, _ := strings.Cut(lines[at], "-->")
		to := strings.Fields(rest)
		start, ok1 := parseCueTime(from)
		end, ok2 := 0.0, false
		if len(to) > 0 {
			end, ok2 = parseCueTime(to[0])
		}
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("cue time %q is not HH:MM:SS,mmm --> HH:MM:SS,mmm", lines[at])
		}
		if end < start {
			return nil, fmt.Errorf("cue %q ends before it starts", lines[at])
		}
		cues++
		body := markup.ReplaceAllString(strings.Join(lines[at+1:], " "), "")
		words = append(words, spreadWords(body, start, end, NoConf)...)
	}
	if cues == 0 && strings.TrimSpace(text) != "" && strings.TrimSpace(text) != "WEBVTT" {
		return nil, fmt.Errorf("no subtitle cues")
	}
	return words, nil
}

// hasPunctuation reports whether the words read as written sentences:
// some carry end punctuation or capitals.
func hasPunctuation(ws []Word) bool {
	for _, w := range ws {
		if strings.ContainsAny(w.Text, ".?!,") {
			return true
		}
	}
	return false
}
