package wav

import (
	"encoding/binary"
	"fmt"
	"io"
)

// File is what the writer needs from its destination. *os.File satisfies
// it; tests substitute one that fails to simulate a full disk.
type File interface {
	io.Writer
	io.WriterAt
	Sync() error
	Close() error
}

// headerSize is the size of the canonical 44-byte header the writer emits.
const headerSize = 44

// maxDataSize keeps the RIFF size field (data + 36) inside 32 bits.
const maxDataSize = 0xFFFFFFFF - 36

// Writer streams 16-bit PCM samples into a WAV file. Its header is written
// up front with the sizes of what has been written so far and is rewritten
// by Flush, so a file abandoned between flushes is playable up to the last
// flush and repairable beyond it.
type Writer struct {
	f        File
	channels int
	written  int64 // data bytes that reached the file
	buf      []byte
}

// NewWriter writes a header for 16-bit PCM at the given rate and channel
// count and returns a writer positioned at the first sample.
func NewWriter(f File, sampleRate, channels int) (*Writer, error) {
	format := Format{SampleRate: sampleRate, Channels: channels, BitsPerSample: 16}
	if err := format.validate(); err != nil {
		return nil, fmt.Errorf("new WAV writer: %w", err)
	}
	h := make([]byte, headerSize)
	copy(h[0:4], "RIFF")
	binary.LittleEndian.PutUint32(h[4:8], 36)
	copy(h[8:16], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:20], 16)
	binary.LittleEndian.PutUint16(h[20:22], tagPCM)
	binary.LittleEndian.PutUint16(h[22:24], uint16(channels))
	binary.LittleEndian.PutUint32(h[24:28], uint32(sampleRate))
	binary.LittleEndian.PutUint32(h[28:32], uint32(sampleRate*format.FrameSize()))
	binary.LittleEndian.PutUint16(h[32:34], uint16(format.FrameSize()))
	binary.LittleEndian.PutUint16(h[34:36], 16)
	copy(h[36:40], "data")
	if _, err := f.Write(h); err != nil {
		return nil, fmt.Errorf("write WAV header: %w", err)
	}
	return &Writer{f: f, channels: channels}, nil
}

// WriteSamples appends interleaved samples. On error the data that did
// reach the file is still counted, so Finalize describes it correctly.
func (w *Writer) WriteSamples(s []int16) error {
	need := len(s) * 2
	if w.written+int64(need) > maxDataSize {
		return fmt.Errorf("write WAV samples: file would exceed the 4 GiB WAV limit")
	}
	if cap(w.buf) < need {
		w.buf = make([]byte, need)
	}
	b := w.buf[:need]
	for i, v := range s {
		binary.LittleEndian.PutUint16(b[2*i:], uint16(v))
	}
	n, err := w.f.Write(b)
	// A partial write may end mid-sample; only whole frames count.
	fs := 2 * w.channels
	w.written += int64(n / fs * fs)
	if err != nil {
		return fmt.Errorf("write WAV samples: %w", err)
	}
	return nil
}

// Frames is the number of frames written so far.
func (w *Writer) Frames() int64 { return w.written / int64(2*w.channels) }

// Flush rewrites the RIFF and data sizes for what has been written and
// syncs the file to disk.
func (w *Writer) Flush() error {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(w.written+36))
	if _, err := w.f.WriteAt(b[:], 4); err != nil {
		return fmt.Errorf("update WAV header: %w", err)
	}
	binary.LittleEndian.PutUint32(b[:], uint32(w.written))
	if _, err := w.f.WriteAt(b[:], 40); err != nil {
		return fmt.Errorf("update WAV header: %w", err)
	}
	if err := w.f.Sync(); err != nil {
		return fmt.Errorf("sync WAV file: %w", err)
	}
	return nil
}

// Close flushes the header and closes the file. It always closes, and
// reports the first error.
func (w *Writer) Close() error {
	err := w.Flush()
	if cerr := w.f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("close WAV file: %w", cerr)
	}
	return err
}
