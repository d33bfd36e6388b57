package transcript

// blankMarkdown blanks the Markdown markers that are not words: heading
// hashes, quote and list markers at the start of a line, emphasis stars
// and underscores, code fences and backticks.
func blankMarkdown(b []byte) {
	for _, ln := range splitLines(b) {
		s, e := ln[0], ln[1]
		i := s
		for i < e && (b[i] == ' ' || b[i] == '\t') {
			i++
		}
		if i+3 <= e && string(b[i:i+3]) == "```" {
			blank(b, s, e)
			continue
		}
		for i < e {
			switch {
			case b[i] == '#' || b[i] == '>':
				b[i] = ' '
				i++
				continue
			case (b[i] == '-' || b[i] == '*' || b[i] == '+') && i+1 < e && b[i+1] == ' ':
				b[i] = ' '
				i += 2
				continue
			}
			break
		}
		// An ordered list marker: digits then ". ".
		j := i
		for j < e && b[j] >= '0' && b[j] <= '9' {
			j++
		}
		if j > i && j+1 < e && b[j] == '.' && b[j+1] == ' ' {
			blank(b, i, j+1)
		}
		for k := s; k < e; k++ {
			switch b[k] {
			case '*', '`':
				b[k] = ' '
			case '_':
				// Only emphasis underscores, not snake_case inside a word.
				if k == s || k+1 == e || b[k-1] == ' ' || b[k+1] == ' ' || b[k-1] == '_' || b[k+1] == '_' {
					b[k] = ' '
				}
			}
		}
	}
}
