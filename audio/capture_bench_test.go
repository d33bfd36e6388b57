package audio

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"retake/audio/wav"
)

// BenchmarkCapturePath pushes 10 minutes of 48 kHz mono through the real
// callback, ring and writer goroutine into a file on disk.
//
// "paced-100x" delivers 10 ms blocks on a clock running 100 times faster
// than a device would, without ever waiting for the writer, so any
// writer stall shows up as dropped frames (it fails on any). "max" lets
// the producer wait for ring space, which measures the writer's ceiling.
// Both report the speed as a multiple of real time and the spread of
// the live heap sampled through the run (flat memory means a small
// spread that does not grow with the take).
func BenchmarkCapturePath(b *testing.B) {
	for _, c := range []struct {
		name   string
		factor float64 // 0 = as fast as the ring allows
	}{{"paced-100x", 100}, {"max", 0}} {
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				benchCapture(b, 10*time.Minute, c.factor)
			}
		})
	}
}

func benchCapture(b *testing.B, length time.Duration, factor float64) {
	const rate = 48000
	const block = rate / 100
	path := filepath.Join(b.TempDir(), "take.wav")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w, err := wav.NewWriter(f, rate, 1)
	if err != nil {
		b.Fatal(err)
	}
	c := newCapture(rate)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() { done <- c.run(w, stop, nil, defaultTiming) }()

	in := pcm16(tone(block, rate, 330, 0.3))
	blocks := int(length.Seconds() * rate / block)
	var heapLo, heapHi uint64 = ^uint64(0), 0
	sample := func() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		heapLo, heapHi = min(heapLo, m.HeapInuse), max(heapHi, m.HeapInuse)
	}
	start := time.Now()
	blockDur := time.Duration(float64(time.Second) * block / rate)
	for i := 0; i < blocks; i++ {
		if factor > 0 {
			due := start.Add(time.Duration(float64(i) * float64(blockDur) / factor))
			if d := time.Until(due); d > 0 {
				time.Sleep(d)
			}
		} else {
			for c.ring.Free() < block {
				time.Sleep(200 * time.Microsecond)
			}
		}
		c.onData(nil, in, block)
		if i%(blocks/8) == 0 {
			sample()
		}
	}
	close(stop)
	if err := <-done; err != nil {
		b.Fatal(err)
	}
	took := time.Since(start)
	sample()
	info, err := Probe(path)
	if err != nil {
		b.Fatal(err)
	}
	if d := c.dropped.Load(); d != 0 || info.Frames != int64(blocks*block) {
		b.Fatalf("dropped %d frames; file holds %d of %d", d, info.Frames, blocks*block)
	}
	b.ReportMetric(length.Seconds()/took.Seconds(), "x-realtime")
	b.ReportMetric(float64(c.dropped.Load()), "dropped-frames")
	b.ReportMetric(float64(heapHi-heapLo)/1024, "heap-spread-KiB")
}
