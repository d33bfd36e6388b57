package audio

import (
	"slices"
	"testing"
)

func TestRing(t *testing.T) {
	cases := []struct {
		name      string
		capacity  int
		writes    [][]int16
		readEvery int // read this many after each write
		wantOut   []int16
		wantWrote []int
	}{
		{"fits", 4, [][]int16{{1, 2}, {3}}, 8, []int16{1, 2, 3}, []int{2, 1}},
		{"overrun drops the excess", 4, [][]int16{{1, 2, 3, 4, 5, 6}}, 8, []int16{1, 2, 3, 4}, []int{4}},
		{"wraps around", 4, [][]int16{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, 2, []int16{1, 2, 3, 4, 5, 6, 7, 8}, []int{3, 3, 2}},
		{"rounds capacity up", 3, [][]int16{{1, 2, 3, 4, 5}}, 8, []int16{1, 2, 3, 4}, []int{4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := newRing[int16](c.capacity)
			var out []int16
			buf := make([]int16, c.readEvery)
			for i, w := range c.writes {
				if got := q.Write(w); got != c.wantWrote[i] {
					t.Fatalf("write %d wrote %d, want %d", i, got, c.wantWrote[i])
				}
				n := q.Read(buf)
				out = append(out, buf[:n]...)
			}
			for {
				n := q.Read(buf)
				if n == 0 {
					break
				}
				out = append(out, buf[:n]...)
			}
			if !slices.Equal(out, c.wantOut) {
				t.Fatalf("read %v, want %v", out, c.wantOut)
			}
			if q.Len() != 0 || q.Free() != len(q.buf) {
				t.Fatalf("ring not empty: len %d free %d", q.Len(), q.Free())
			}
		})
	}
}

func TestRingReset(t *testing.T) {
	q := newRing[byte](8)
	q.Write([]byte{1, 2, 3})
	q.Reset()
	if q.Len() != 0 {
		t.Fatalf("len after reset %d", q.Len())
	}
	q.Write([]byte{9})
	b := make([]byte, 4)
	if n := q.Read(b); n != 1 || b[0] != 9 {
		t.Fatalf("read %v after reset", b[:n])
	}
}
