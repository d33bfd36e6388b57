package audio

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"retake/audio/wav"
)

// Info describes an audio file as Retake decodes it.
type Info struct {
	// Format is "wav" or "mp3".
	Format string
	// SampleRate, Channels and BitsPerSample describe the decoded stream
	// (MP3 always decodes to 16-bit stereo).
	SampleRate, Channels, BitsPerSample int
	Duration                            time.Duration
	Frames                              int64
}

// source is a decoded stream of raw little-endian PCM frames in the
// layout its format describes, whatever the container.
type source interface {
	info() Info
	format() wav.Format
	// Read returns whole frames only.
	Read(p []byte) (int, error)
	SeekFrame(frame int64) error
	Close() error
}

// ErrUnknownFormat is returned for files that are neither WAV nor MP3.
var ErrUnknownFormat = errors.New("not a WAV or MP3 file")

// openSource opens a WAV or MP3 file, chosen by its content, not its name.
func openSource(path string) (source, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open audio: %w", err)
	}
	s, err := sourceOf(f, f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// sourceOf decodes the open file f; closing the source closes c.
func sourceOf(f *os.File, c io.Closer, path string) (source, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open audio: %w", err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("open audio %s: not a regular file", path)
	}
	var magic [4]byte
	n, _ := f.ReadAt(magic[:], 0)
	rc := readerAt{f, c}
	var s source
	switch {
	case n == 4 && string(magic[:]) == "RIFF":
		s, err = newWAVSource(rc, st.Size())
	case looksLikeMP3(magic[:n]):
		s, err = newMP3Source(rc, st.Size())
	default:
		err = ErrUnknownFormat
	}
	if err != nil {
		return nil, fmt.Errorf("open audio %s: %w", path, err)
	}
	return s, nil
}

// readerAt is a file as a source reads it, with the closer the source's
// Close calls.
type readerAt struct {
	io.ReaderAt
	io.Closer
}

// nopCloser is the closer of a file the caller keeps open.
type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// looksLikeMP3 accepts an ID3v2 tag or an MPEG audio frame sync.
func looksLikeMP3(b []byte) bool {
	if len(b) >= 3 && string(b[:3]) == "ID3" {
		return true
	}
	return len(b) >= 2 && b[0] == 0xFF && b[1]&0xE0 == 0xE0
}

// Probe opens an audio file, checks that it can be decoded and describes
// it. Corrupt or truncated files give an error that says what is wrong.
func Probe(path string) (Info, error) {
	s, err := openSource(path)
	if err != nil {
		return Info{}, err
	}
	defer s.Close()
	return s.info(), nil
}

// ProbeFile is Probe for a file the caller has open (and keeps open):
// the take library opens its files itself, refusing links, and hands
// them over.
func ProbeFile(f *os.File) (Info, error) {
	s, err := sourceOf(f, nopCloser{}, f.Name())
	if err != nil {
		return Info{}, err
	}
	return s.info(), nil
}

// readerAtCloser is a file as the decoders use it.
type readerAtCloser interface {
	io.ReaderAt
	io.Closer
}

// wavSource reads a WAV file through the pure codec.
type wavSource struct {
	f  readerAtCloser
	rd *wav.Reader
}

func newWAVSource(f readerAtCloser, size int64) (*wavSource, error) {
	rd, err := wav.NewReader(f, size)
	if err != nil {
		return nil, err
	}
	return &wavSource{f: f, rd: rd}, nil
}

func (s *wavSource) format() wav.Format { return s.rd.Format }

func (s *wavSource) info() Info {
	fr := s.rd.Frames()
	return Info{
		Format:        "wav",
		SampleRate:    s.rd.SampleRate,
		Channels:      s.rd.Channels,
		BitsPerSample: s.rd.BitsPerSample,
		Frames:        fr,
		Duration:      framesToDuration(fr, s.rd.SampleRate),
	}
}

func (s *wavSource) Read(p []byte) (int, error) { return s.rd.Read(p) }

func (s *wavSource) SeekFrame(fr int64) error { s.rd.SeekFrame(fr); return nil }

func (s *wavSource) Close() error { return s.f.Close() }

func framesToDuration(frames int64, rate int) time.Duration {
	if rate <= 0 {
		return 0
	}
	sec := frames / int64(rate)
	rem := frames % int64(rate)
	return time.Duration(sec)*time.Second + time.Duration(rem)*time.Second/time.Duration(rate)
}

// readFull reads from s until p is full or the stream ends.
func readFull(s source, p []byte) (int, error) {
	got := 0
	for got < len(p) {
		n, err := s.Read(p[got:])
		got += n
		if err == io.EOF || (n == 0 && err == nil) {
			return got, io.EOF
		}
		if err != nil {
			return got, err
		}
	}
	return got, nil
}

// Repair fixes the RIFF and data sizes of a WAV file left behind by a
// recorder that was killed, so it plays with everything that reached the
// disk. It reports whether the file needed fixing.
func Repair(path string) (repaired bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false, fmt.Errorf("repair %s: %w", path, err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("repair %s: %w", path, cerr)
		}
	}()
	return RepairFile(f)
}

// RepairFile is Repair for a file the caller has open for reading and
// writing (and keeps open).
func RepairFile(f *os.File) (bool, error) {
	st, err := f.Stat()
	if err != nil {
		return false, fmt.Errorf("repair %s: %w", f.Name(), err)
	}
	if !st.Mode().IsRegular() {
		return false, fmt.Errorf("repair %s: not a regular file", f.Name())
	}
	repaired, err := wav.Repair(f, st.Size())
	if err != nil {
		return false, fmt.Errorf("repair %s: %w", f.Name(), err)
	}
	return repaired, nil
}

func isEOF(err error) bool { return errors.Is(err, io.EOF) }
