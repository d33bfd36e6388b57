package speech

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os/exec"
	"path/filepath"
)

// Long audio is cut into chunks, one recognizer process each, so a long
// import never becomes one huge utterance; a take of a few minutes is a
// single chunk. A cut waits for a short pause, so no word is split.
const (
	chunkSeconds  = 300 // a chunk is cut at the first pause after this long
	chunkHardMax  = 360 // and in any case after this long
	chunkPause    = 0.3 // the silence that allows a cut
	chunkRangeDB  = 30  // quieter than the loudest window by this is silence
	chunkWindowSz = engineRate / 100
)

// sphinxDecoder takes raw 16 kHz audio as an io.WriteCloser and runs the
// recognizer on it, a process per chunk, each started when its audio
// begins and fed as the audio arrives, so the recognizer keeps up with
// a take being recorded.
type sphinxDecoder struct {
	s      *Sphinx
	path   string
	modern bool
	j      *job

	cur      *sphinxChunk
	chunks   []*sphinxChunk
	pos      int64 // samples written
	window   []int16
	loudest  float64
	quietRun int // windows of silence at the end of the current chunk
	err      error
	pending  []byte // an odd byte left by a write
}

// sphinxChunk is one recognizer process and the audio it was given.
type sphinxChunk struct {
	p      *proc
	in     io.WriteCloser
	out    *capBuffer
	offset float64 // seconds into the audio
	start  int64
}

func newSphinxDecoder(s *Sphinx, j *job, path string, modern bool) *sphinxDecoder {
	return &sphinxDecoder{s: s, j: j, path: path, modern: modern, loudest: math.Inf(-1)}
}

// args is the recognizer's command line. The 0.8 program runs without
// its voice activity detector (-remove_silence no): with it, the times
// of an utterance are counted from the last point the detector heard
// speech start, which puts whole utterances tens of seconds off when a
// pause inside one is short. One utterance per chunk keeps every time
// exact. -fwdflat no skips the second pass over the whole utterance,
// which would otherwise run after the take ends and scale with its
// length; on flite voices it changes the error rate by under two points.
func (d *sphinxDecoder) args() []string {
	if d.modern {
		return append(append([]string{}, d.s.Args...), "live")
	}
	return append([]string{"-infile", "/dev/stdin", "-time", "yes", "-remove_silence", "no", "-fwdflat", "no"}, d.s.Args...)
}

func (d *sphinxDecoder) startChunk() error {
	cmd := exec.Command(d.path, d.args()...)
	in, err := cmd.StdinPipe()
	if err != nil {
		return fmt.Errorf("%w: %v", ErrFailed, err)
	}
	c := &sphinxChunk{in: in, out: &capBuffer{}, start: d.pos, offset: float64(d.pos) / engineRate}
	cmd.Stdout = c.out
	if c.p, err = d.j.start(filepath.Base(d.path), cmd, nil); err != nil {
		in.Close()
		return err
	}
	d.cur = c
	d.chunks = append(d.chunks, c)
	d.quietRun = 0
	return nil
}

// Write implements io.Writer for raw little-endian 16 kHz samples.
func (d *sphinxDecoder) Write(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	n := len(p)
	if len(d.pending) > 0 {
		p = append(d.pending, p...)
		d.pending = nil
	}
	if len(p)%2 == 1 {
		d.pending = []byte{p[len(p)-1]}
		p = p[:len(p)-1]
	}
	for len(p) > 0 {
		if d.cur == nil {
			if d.err = d.startChunk(); d.err != nil {
				return 0, d.err
			}
		}
		// Feed up to the end of the current level window, so a cut
		// lands between windows.
		k := min(len(p), 2*(chunkWindowSz-len(d.window)))
		if _, err := d.cur.in.Write(p[:k]); err != nil {
			d.err = fmt.Errorf("%w: %s stopped reading the audio: %v", ErrFailed, d.cur.p.label, err)
			return 0, d.err
		}
		for i := 0; i < k; i += 2 {
			d.window = append(d.window, int16(binary.LittleEndian.Uint16(p[i:])))
		}
		d.pos += int64(k / 2)
		p = p[k:]
		if len(d.window) == chunkWindowSz {
			d.measure()
		}
	}
	return n, nil
}

// measure takes the level of a full window and cuts the chunk at a
// pause once it is long enough.
func (d *sphinxDecoder) measure() {
	var sum float64
	for _, v := range d.window {
		f := float64(v) / 32768
		sum += f * f
	}
	d.window = d.window[:0]
	db := 10 * math.Log10(max(sum/chunkWindowSz, 1e-10))
	d.loudest = max(d.loudest, db)
	if db < d.loudest-chunkRangeDB {
		d.quietRun++
	} else {
		d.quietRun = 0
	}
	long := float64(d.pos-d.cur.start) / engineRate
	if long >= chunkHardMax || long >= chunkSeconds && float64(d.quietRun)/100 >= chunkPause {
		d.cur.in.Close()
		d.cur = nil
	}
}

// Close ends the audio: the last chunk's recognizer gets end of input.
func (d *sphinxDecoder) Close() error {
	if d.cur != nil {
		d.cur.in.Close()
		d.cur = nil
	}
	return nil
}

// words waits for every chunk's recognizer and joins their words on
// the audio's clock. It must be called after Close.
func (d *sphinxDecoder) words() ([]Word, error) {
	var all []Word
	var first error
	for _, c := range d.chunks {
		if err := c.p.wait(); err != nil && first == nil {
			first = err
		}
	}
	if first != nil {
		return nil, first
	}
	for _, c := range d.chunks {
		ws, err := d.s.parse(c.out, c.p.label, d.modern)
		if err != nil {
			return nil, err
		}
		for _, w := range ws {
			w.Start += c.offset
			w.End += c.offset
			all = append(all, w)
		}
	}
	if all == nil {
		all = []Word{}
	}
	return all, nil
}
