package words

// ErrorRate is the word error rate of hyp against the reference
// text ref: the fewest word substitutions, insertions and deletions that
// turn one into the other, divided by the number of reference words.
// Case, punctuation and hyphens are ignored. An empty reference gives 0
// for an empty hypothesis and 1 otherwise.
func ErrorRate(ref, hyp string) float64 {
	r, h := Normalize(ref), Normalize(hyp)
	if len(r) == 0 {
		if len(h) == 0 {
			return 0
		}
		return 1
	}
	return float64(editDistance(r, h)) / float64(len(r))
}

// editDistance is the word-level Levenshtein distance, in two rows.
func editDistance(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
