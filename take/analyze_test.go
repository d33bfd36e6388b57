package take

import (
	"strings"
	"testing"
)

func TestReadLimited(t *testing.T) {
	for _, tc := range []struct {
		name        string
		data        string
		size, limit int64
		ok          bool
	}{
		{"exact hint", "hello", 5, 10, true},
		{"hint too small", strings.Repeat("x", 3000), 10, 5000, true},
		{"hint too large", "hi", 1 << 20, 10, true},
		{"no hint", strings.Repeat("y", 1500), 0, 2000, true},
		{"at the limit", "12345", 5, 5, true},
		{"over the limit", "123456", 0, 5, false},
		{"empty", "", 0, 5, true},
	} {
		got, err := readLimited(strings.NewReader(tc.data), tc.size, tc.limit)
		if (err == nil) != tc.ok || (tc.ok && string(got) != tc.data) {
			t.Errorf("%s: got %d bytes, %v", tc.name, len(got), err)
		}
	}
}
