package wav

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// ErrNotWAV is returned when a file does not start with a RIFF/WAVE header.
var ErrNotWAV = errors.New("not a WAV file (no RIFF/WAVE header)")

// Header is what the parser learned about a file's layout.
type Header struct {
	Format
	// DataOffset is the byte offset of the first sample.
	DataOffset int64
	// DataSize is the usable length of the data chunk in bytes: the
	// declared size clamped to the file and rounded down to whole frames.
	DataSize int64
	// DeclaredDataSize is the size the data chunk header claims.
	DeclaredDataSize int64
	// DeclaredRIFFSize is the size the RIFF header claims.
	DeclaredRIFFSize int64
	// FileSize is the size of the whole file.
	FileSize int64
}

// Frames is the number of whole frames in the data chunk.
func (h Header) Frames() int64 { return h.DataSize / int64(h.FrameSize()) }

// Format tags from the WAVE specification.
const (
	tagPCM        = 1
	tagFloat      = 3
	tagExtensible = 0xFFFE
)

// ParseHeader walks the chunks of a WAV file of the given size. It reads
// only chunk headers and the fmt chunk (capped at 64 bytes), so its cost
// and memory do not depend on any size the file claims.
func ParseHeader(r io.ReaderAt, size int64) (Header, error) {
	var h Header
	h.FileSize = size
	var b [12]byte
	if size < 12 {
		return h, ErrNotWAV
	}
	if _, err := r.ReadAt(b[:12], 0); err != nil {
		return h, fmt.Errorf("read RIFF header: %w", err)
	}
	if string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return h, ErrNotWAV
	}
	h.DeclaredRIFFSize = int64(binary.LittleEndian.Uint32(b[4:8]))
	pos := int64(12)
	haveFmt := false
	for {
		if pos+8 > size {
			if !haveFmt {
				return h, errors.New("WAV file has no fmt chunk")
			}
			return h, errors.New("WAV file has no data chunk")
		}
		if _, err := r.ReadAt(b[:8], pos); err != nil {
			return h, fmt.Errorf("read chunk header at %d: %w", pos, err)
		}
		id := string(b[0:4])
		csize := int64(binary.LittleEndian.Uint32(b[4:8]))
		body := pos + 8
		switch id {
		case "fmt ":
			f, err := parseFmt(r, body, csize, size)
			if err != nil {
				return h, err
			}
			h.Format = f
			haveFmt = true
		case "data":
			if !haveFmt {
				return h, errors.New("WAV data chunk comes before the fmt chunk")
			}
			h.DataOffset = body
			h.DeclaredDataSize = csize
			avail := size - body
			usable := csize
			if usable > avail {
				usable = avail
			}
			fs := int64(h.FrameSize())
			h.DataSize = usable / fs * fs
			return h, nil
		}
		// Chunks are word aligned; a pad byte follows odd sizes.
		pos = body + csize + csize&1
	}
}

func parseFmt(r io.ReaderAt, off, csize, fileSize int64) (Format, error) {
	var f Format
	if csize < 16 {
		return f, fmt.Errorf("WAV fmt chunk too short (%d bytes)", csize)
	}
	n := csize
	if n > 40 {
		n = 40 // the extensible layout needs 40; anything beyond is ignored
	}
	if off+n > fileSize {
		return f, errors.New("WAV fmt chunk is truncated")
	}
	var b [40]byte
	if _, err := r.ReadAt(b[:n], off); err != nil {
		return f, fmt.Errorf("read fmt chunk: %w", err)
	}
	tag := binary.LittleEndian.Uint16(b[0:2])
	f.Channels = int(binary.LittleEndian.Uint16(b[2:4]))
	f.SampleRate = int(binary.LittleEndian.Uint32(b[4:8]))
	blockAlign := int(binary.LittleEndian.Uint16(b[12:14]))
	f.BitsPerSample = int(binary.LittleEndian.Uint16(b[14:16]))
	if tag == tagExtensible {
		if n < 40 {
			return f, errors.New("WAV extensible fmt chunk too short")
		}
		// The first two bytes of the sub-format GUID carry the real tag.
		tag = binary.LittleEndian.Uint16(b[24:26])
	}
	switch tag {
	case tagPCM:
	case tagFloat:
		f.Float = true
	default:
		return f, fmt.Errorf("unsupported WAV encoding (format tag %#x)", tag)
	}
	if err := f.validate(); err != nil {
		return f, fmt.Errorf("WAV %w", err)
	}
	if blockAlign != f.FrameSize() {
		return f, fmt.Errorf("WAV block align %d does not match %d channels of %d bits", blockAlign, f.Channels, f.BitsPerSample)
	}
	return f, nil
}

// Reader streams the raw sample bytes of a WAV file's data chunk.
type Reader struct {
	Header
	r   io.ReaderAt
	pos int64 // byte offset inside the data chunk
}

// NewReader parses the header of a WAV file of the given size.
func NewReader(r io.ReaderAt, size int64) (*Reader, error) {
	h, err := ParseHeader(r, size)
	if err != nil {
		return nil, err
	}
	return &Reader{Header: h, r: r}, nil
}

// Read fills p with raw interleaved little-endian sample bytes. It only
// returns whole frames, so len(p) must hold at least one frame.
func (rd *Reader) Read(p []byte) (int, error) {
	fs := int64(rd.FrameSize())
	left := rd.DataSize - rd.pos
	if left <= 0 {
		return 0, io.EOF
	}
	n := int64(len(p)) / fs * fs
	if n == 0 {
		return 0, io.ErrShortBuffer
	}
	if n > left {
		n = left
	}
	got, err := rd.r.ReadAt(p[:n], rd.DataOffset+rd.pos)
	got = got / int(fs) * int(fs)
	rd.pos += int64(got)
	if err == io.EOF && got > 0 {
		err = nil
	}
	if err != nil {
		return got, fmt.Errorf("read WAV samples: %w", err)
	}
	return got, nil
}

// SeekFrame moves the read position to the given frame, clamped to the
// data chunk.
func (rd *Reader) SeekFrame(frame int64) {
	if frame < 0 {
		frame = 0
	}
	if f := rd.Frames(); frame > f {
		frame = f
	}
	rd.pos = frame * int64(rd.FrameSize())
}

// Frame is the index of the next frame Read will return.
func (rd *Reader) Frame() int64 { return rd.pos / int64(rd.FrameSize()) }
