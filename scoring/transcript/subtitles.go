package transcript

import (
	"bytes"
	"strconv"
	"strings"
)

// blankSubtitles walks an SRT or VTT file line by line, blanks everything
// that is not spoken text (headers, notes, cue numbers and ids, timing
// lines, tags) and returns the cues with the byte range of their text.
func blankSubtitles(b []byte, f Format) []Cue {
	var cues []Cue
	lines := splitLines(b)
	inCue := false    // inside the text lines of a cue
	skipping := false // inside a header, NOTE, STYLE or REGION block
	var cur Cue
	closeCue := func() {
		if inCue && cur.End > cur.Start {
			cues = append(cues, cur)
		}
		inCue = false
	}
	for i, ln := range lines {
		text := string(bytes.TrimSpace(b[ln[0]:ln[1]]))
		if text == "" {
			closeCue()
			skipping = false
			continue
		}
		if skipping {
			blank(b, ln[0], ln[1])
			continue
		}
		if from, to, ok := parseTiming(text); ok {
			closeCue()
			blank(b, ln[0], ln[1])
			inCue = true
			cur = Cue{Start: -1, End: -1, From: from, To: to}
			continue
		}
		if inCue {
			blankTags(b[ln[0]:ln[1]])
			s, e := trimRange(b, ln[0], ln[1])
			if s < e {
				if cur.Start < 0 {
					cur.Start = s
				}
				cur.End = e
			}
			continue
		}
		// Outside a cue: a VTT header or block, a cue number or id (the
		// line before a timing line), or stray text we keep as untimed.
		if f == VTT && (strings.HasPrefix(text, "WEBVTT") || strings.HasPrefix(text, "NOTE") ||
			strings.HasPrefix(text, "STYLE") || strings.HasPrefix(text, "REGION")) {
			blank(b, ln[0], ln[1])
			skipping = true
			continue
		}
		if i+1 < len(lines) {
			next := string(bytes.TrimSpace(b[lines[i+1][0]:lines[i+1][1]]))
			if _, _, ok := parseTiming(next); ok {
				blank(b, ln[0], ln[1])
				continue
			}
		}
		if _, err := strconv.Atoi(text); err == nil && f == SRT {
			blank(b, ln[0], ln[1])
		}
	}
	closeCue()
	return cues
}

// splitLines returns the [start, end) byte range of each line, without
// its newline.
func splitLines(b []byte) [][2]int {
	var out [][2]int
	start := 0
	for i, c := range b {
		if c == '\n' {
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	if start < len(b) {
		out = append(out, [2]int{start, len(b)})
	}
	return out
}

func trimRange(b []byte, s, e int) (int, int) {
	for s < e && (b[s] == ' ' || b[s] == '\t') {
		s++
	}
	for e > s && (b[e-1] == ' ' || b[e-1] == '\t') {
		e--
	}
	return s, e
}

// blankTags blanks markup inside cue text: <i>, </b>, <v Speaker>,
// <c.red>, inline <00:01.000> timestamps and {\an8} positioning.
func blankTags(b []byte) {
	for i := 0; i < len(b); i++ {
		var closer byte
		switch b[i] {
		case '<':
			closer = '>'
		case '{':
			if i+1 < len(b) && b[i+1] == '\\' {
				closer = '}'
			}
		}
		if closer == 0 {
			continue
		}
		j := bytes.IndexByte(b[i+1:], closer)
		if j < 0 || j > 200 {
			continue
		}
		blank(b, i, i+j+2)
		i += j + 1
	}
	// Entities are left as they are: they do not change word counts.
}

// parseTiming reads "00:01:02,500 --> 00:01:05,000" (SRT) or
// "01:02.500 --> 01:05.000 align:start" (VTT) and returns both times in
// seconds.
func parseTiming(line string) (float64, float64, bool) {
	arrow := strings.Index(line, "-->")
	if arrow < 0 {
		return 0, 0, false
	}
	left := strings.TrimSpace(line[:arrow])
	right := strings.Fields(line[arrow+3:])
	if len(right) == 0 {
		return 0, 0, false
	}
	from, ok1 := parseClock(left)
	to, ok2 := parseClock(right[0])
	if !ok1 || !ok2 || to < from {
		return 0, 0, false
	}
	return from, to, true
}

// parseClock reads [hh:]mm:ss[,.]mmm into seconds.
func parseClock(s string) (float64, bool) {
	s = strings.Replace(s, ",", ".", 1)
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	total := 0.0
	for i, p := range parts {
		if p == "" {
			return 0, false
		}
		last := i == len(parts)-1
		if !last {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 || len(p) > 3 {
				return 0, false
			}
			total = total*60 + float64(n)
			continue
		}
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || f < 0 || f >= 60 || strings.ContainsAny(p, "eE+-") {
			return 0, false
		}
		total = total*60 + f
	}
	return total, true
}
