package transcript

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// blankSubtitles walks an SRT or VTT file line by line, blanks everything
// that is not spoken text (headers, notes, cue numbers and ids, timing
// lines, tags) and returns the cues with the byte range of their text. A
// timing line whose times are not times, are negative or end before they
// start, or a cue that starts before the one ahead of it, is an error
// that names the cue: its line is never left in the text as words.
func blankSubtitles(b []byte, f Format) ([]Cue, error) {
	var cues []Cue
	lines := splitLines(b)
	inCue := false    // inside the text lines of a cue
	skipping := false // inside a header, NOTE, STYLE or REGION block
	var cur Cue
	n := 0 // timing lines seen
	prevFrom := 0.0
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
		if isTimingLine(text) {
			n++
			from, to, err := parseTiming(text)
			if err == nil && n > 1 && from < prevFrom {
				err = fmt.Errorf("it starts at %s, before the cue ahead of it (at %s): cues must be in time order", clockText(from), clockText(prevFrom))
			}
			if err != nil {
				return nil, fmt.Errorf("%w: cue %d (line %d, %q): %v", ErrTiming, n, i+1, clip(text), err)
			}
			prevFrom = from
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
		if i+1 < len(lines) && isTimingLine(string(bytes.TrimSpace(b[lines[i+1][0]:lines[i+1][1]]))) {
			blank(b, ln[0], ln[1])
			continue
		}
		if _, err := strconv.Atoi(text); err == nil && f == SRT {
			blank(b, ln[0], ln[1])
		}
	}
	closeCue()
	return cues, nil
}

// clip shortens a line quoted in an error message.
func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	cut := 80
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// clockText formats seconds as h:mm:ss.mmm for an error message.
func clockText(s float64) string {
	ms := int64(s*1000 + 0.5)
	return fmt.Sprintf("%d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
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

// isTimingLine reports whether a subtitle line is meant as a timing
// line: an arrow with a single word before it, which is how a timing
// line looks even when its times are wrong ("00:00:aa,000 -->",
// "-00:00:01,000 -->"). Cue text with an arrow in a sentence ("from A -->
// B") is not one. parseTiming then says what is wrong with its times.
func isTimingLine(line string) bool {
	arrow := strings.Index(line, "-->")
	if arrow < 0 {
		return false
	}
	left := strings.TrimSpace(line[:arrow])
	return left != "" && !strings.ContainsAny(left, " \t") && strings.ContainsAny(left, ":0123456789")
}

// looksTimed reports whether a line of a file of unknown format is a
// subtitle timing line, right or wrong: both sides of the arrow are made
// of clock characters. It is how a subtitle file read from standard
// input is told from plain text.
func looksTimed(line string) bool {
	arrow := strings.Index(line, "-->")
	if arrow < 0 {
		return false
	}
	right := strings.Fields(line[arrow+3:])
	if len(right) == 0 {
		return false
	}
	clockish := func(s string) bool {
		return strings.Contains(s, ":") && strings.ContainsAny(s, "0123456789") && strings.Trim(s, "0123456789:.,+-") == ""
	}
	return clockish(strings.TrimSpace(line[:arrow])) && clockish(right[0])
}

// parseTiming reads "00:01:02,500 --> 00:01:05,000" (SRT) or
// "01:02.500 --> 01:05.000 align:start" (VTT) and returns both times in
// seconds, or says what is wrong with them.
func parseTiming(line string) (float64, float64, error) {
	arrow := strings.Index(line, "-->")
	if arrow < 0 {
		return 0, 0, errors.New("no --> between the start and end times")
	}
	left := strings.TrimSpace(line[:arrow])
	right := strings.Fields(line[arrow+3:])
	if len(right) == 0 {
		return 0, 0, errors.New("no end time after -->")
	}
	from, err := parseTime("start", left)
	if err != nil {
		return 0, 0, err
	}
	to, err := parseTime("end", right[0])
	if err != nil {
		return 0, 0, err
	}
	if to < from {
		return 0, 0, fmt.Errorf("it ends at %s, before it starts at %s", right[0], left)
	}
	return from, to, nil
}

// parseTime reads one time of a timing line, naming it in the error.
func parseTime(which, s string) (float64, error) {
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("the %s time %s is negative", which, s)
	}
	v, ok := parseClock(s)
	if !ok {
		return 0, fmt.Errorf("the %s time %q is not a time such as 00:01:02,500", which, s)
	}
	return v, nil
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// parseClock reads [hh:]mm:ss[,.]mmm into seconds: digits only (no sign,
// exponent, NaN or Inf), seconds below 60, and minutes below 60 when
// hours are given.
func parseClock(s string) (float64, bool) {
	s = strings.Replace(s, ",", ".", 1)
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	total := 0.0
	for i, p := range parts {
		if i < len(parts)-1 {
			n, err := strconv.Atoi(p)
			if !allDigits(p) || err != nil || len(p) > 3 || (i > 0 && n >= 60) {
				return 0, false
			}
			total = total*60 + float64(n)
			continue
		}
		whole, frac, hasFrac := strings.Cut(p, ".")
		if !allDigits(whole) || (hasFrac && !allDigits(frac)) {
			return 0, false
		}
		f, err := strconv.ParseFloat(p, 64)
		if err != nil || f >= 60 {
			return 0, false
		}
		total = total*60 + f
	}
	return total, true
}
