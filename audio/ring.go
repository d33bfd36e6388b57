package audio

import "sync/atomic"

// ring is a single-producer single-consumer queue over a fixed buffer.
// The device callback is the producer (capture) or consumer (playback);
// it never allocates, locks or blocks, it only moves the atomic cursors.
type ring[T any] struct {
	buf  []T
	mask uint64
	w    atomic.Uint64 // total elements ever written
	r    atomic.Uint64 // total elements ever read
}

// newRing returns a ring holding at least n elements (rounded up to a
// power of two so positions wrap with a mask).
func newRing[T any](n int) *ring[T] {
	c := 1
	for c < n {
		c <<= 1
	}
	return &ring[T]{buf: make([]T, c), mask: uint64(c - 1)}
}

// Len is the number of elements waiting to be read.
func (q *ring[T]) Len() int { return int(q.w.Load() - q.r.Load()) }

// Free is the number of elements that can be written without overrun.
func (q *ring[T]) Free() int { return len(q.buf) - q.Len() }

// Write copies as much of p as fits and returns how many were written.
func (q *ring[T]) Write(p []T) int {
	w := q.w.Load()
	free := len(q.buf) - int(w-q.r.Load())
	n := min(len(p), free)
	start := int(w & q.mask)
	c := copy(q.buf[start:], p[:n])
	copy(q.buf, p[c:n])
	q.w.Store(w + uint64(n))
	return n
}

// Read copies up to len(p) waiting elements into p.
func (q *ring[T]) Read(p []T) int {
	r := q.r.Load()
	avail := int(q.w.Load() - r)
	n := min(len(p), avail)
	start := int(r & q.mask)
	c := copy(p[:n], q.buf[start:])
	copy(p[c:n], q.buf)
	q.r.Store(r + uint64(n))
	return n
}

// Reset empties the ring. Only safe while neither side is running.
func (q *ring[T]) Reset() { q.r.Store(q.w.Load()) }
