package audio

import (
	"errors"
	"fmt"
	"io"

	"github.com/hajimehoshi/go-mp3"

	"retake/audio/wav"
)

// mp3Source decodes MP3 with go-mp3, which always yields 16-bit stereo.
// It guards the decoder in two ways: ID3 tags are skipped here, after
// checking their size against the file (go-mp3 would allocate whatever
// size a tag claims), and decoder panics on corrupt frames become errors.
type mp3Source struct {
	f      readerAtCloser
	d      *mp3.Decoder
	frames int64
	atEnd  bool // seeked to the end: go-mp3 cannot seek there itself
}

// mp3FrameBytes is the size of one decoded stereo 16-bit frame.
const mp3FrameBytes = 4

var mp3Format = wav.Format{SampleRate: 0, Channels: 2, BitsPerSample: 16}

// maxID3Tags bounds how many stacked ID3v2 tags are skipped.
const maxID3Tags = 8

func newMP3Source(f readerAtCloser, size int64) (s *mp3Source, err error) {
	off, err := skipID3(f, size)
	if err != nil {
		return nil, err
	}
	defer recoverDecoder(&err)
	d, err := mp3.NewDecoder(io.NewSectionReader(f, off, size-off))
	if err != nil {
		return nil, fmt.Errorf("MP3 decode: %w", err)
	}
	if d.SampleRate() < wav.MinSampleRate || d.SampleRate() > wav.MaxSampleRate {
		return nil, fmt.Errorf("MP3 has unsupported sample rate %d", d.SampleRate())
	}
	fr := d.Length() / mp3FrameBytes
	if fr <= 0 {
		return nil, errors.New("MP3 has no audio frames")
	}
	return &mp3Source{f: f, d: d, frames: fr}, nil
}

// skipID3 returns the offset just past any ID3v2 tags at the start.
func skipID3(r io.ReaderAt, size int64) (int64, error) {
	off := int64(0)
	for i := 0; i < maxID3Tags; i++ {
		var h [10]byte
		if n, _ := r.ReadAt(h[:], off); n < 10 || string(h[:3]) != "ID3" {
			return off, nil
		}
		var tag int64
		for _, b := range h[6:10] {
			if b&0x80 != 0 {
				return 0, errors.New("MP3 ID3 tag has a malformed size")
			}
			tag = tag<<7 | int64(b)
		}
		tag += 10
		if h[5]&0x10 != 0 { // footer present
			tag += 10
		}
		if off+tag >= size {
			return 0, fmt.Errorf("MP3 ID3 tag claims %d bytes but the file has %d", tag, size-off)
		}
		off += tag
	}
	return off, nil
}

// recoverDecoder turns a go-mp3 panic on corrupt input into an error.
func recoverDecoder(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("MP3 data is corrupt (decoder failed: %v)", p)
	}
}

func (s *mp3Source) format() wav.Format {
	f := mp3Format
	f.SampleRate = s.d.SampleRate()
	return f
}

func (s *mp3Source) info() Info {
	return Info{
		Format:        "mp3",
		SampleRate:    s.d.SampleRate(),
		Channels:      2,
		BitsPerSample: 16,
		Frames:        s.frames,
		Duration:      framesToDuration(s.frames, s.d.SampleRate()),
	}
}

func (s *mp3Source) Read(p []byte) (n int, err error) {
	defer recoverDecoder(&err)
	if s.atEnd {
		return 0, io.EOF
	}
	p = p[:len(p)/mp3FrameBytes*mp3FrameBytes]
	if len(p) == 0 {
		return 0, io.ErrShortBuffer
	}
	// go-mp3 hands out whatever is left of a decoded frame, which may not
	// be a whole number of frames only at the very end; keep reading to
	// stay aligned.
	for n < len(p) {
		k, rerr := s.d.Read(p[n:])
		n += k
		if rerr != nil {
			if rerr == io.EOF {
				n = n / mp3FrameBytes * mp3FrameBytes
				if n > 0 {
					return n, nil
				}
				return 0, io.EOF
			}
			return n / mp3FrameBytes * mp3FrameBytes, fmt.Errorf("MP3 decode: %w", rerr)
		}
		if n%mp3FrameBytes == 0 {
			break
		}
	}
	return n, nil
}

func (s *mp3Source) SeekFrame(fr int64) (err error) {
	defer recoverDecoder(&err)
	fr = max(0, fr)
	s.atEnd = fr >= s.frames
	if s.atEnd {
		return nil
	}
	if _, err := s.d.Seek(fr*mp3FrameBytes, io.SeekStart); err != nil {
		return fmt.Errorf("MP3 seek: %w", err)
	}
	return nil
}

func (s *mp3Source) Close() error { return s.f.Close() }
