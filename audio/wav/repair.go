package wav

import (
	"encoding/binary"
	"fmt"
	"io"
)

// RepairFile is what Repair needs: read the header, rewrite its sizes,
// cut a trailing partial frame.
type RepairFile interface {
	io.ReaderAt
	io.WriterAt
	Truncate(size int64) error
	Sync() error
}

// Repair makes the RIFF and data sizes of a WAV file agree with the bytes
// actually on disk, as left by a recorder that was killed between header
// updates. It reports whether it changed anything. A file whose data chunk
// is followed by another valid chunk is left alone: its declared size is
// evidently right.
func Repair(f RepairFile, size int64) (bool, error) {
	h, err := ParseHeader(f, size)
	if err != nil {
		return false, err
	}
	fs := int64(h.FrameSize())
	end := h.DataOffset + h.DeclaredDataSize
	if h.DeclaredDataSize > 0 && end <= size && followedByChunk(f, end+h.DeclaredDataSize&1, size) {
		return false, nil
	}
	actual := (size - h.DataOffset) / fs * fs
	if actual > maxDataSize {
		actual = maxDataSize / fs * fs
	}
	newSize := h.DataOffset + actual
	riff := newSize - 8
	if h.DeclaredDataSize == actual && h.DeclaredRIFFSize == riff && newSize == size {
		return false, nil
	}
	if newSize < size {
		if err := f.Truncate(newSize); err != nil {
			return false, fmt.Errorf("trim partial frame: %w", err)
		}
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], uint32(riff))
	if _, err := f.WriteAt(b[:], 4); err != nil {
		return false, fmt.Errorf("rewrite RIFF size: %w", err)
	}
	binary.LittleEndian.PutUint32(b[:], uint32(actual))
	if _, err := f.WriteAt(b[:], h.DataOffset-4); err != nil {
		return false, fmt.Errorf("rewrite data size: %w", err)
	}
	if err := f.Sync(); err != nil {
		return false, fmt.Errorf("sync repaired file: %w", err)
	}
	return true, nil
}

// followedByChunk reports whether a plausible chunk header (four printable
// ASCII bytes and a size that fits) sits at off.
func followedByChunk(r io.ReaderAt, off, size int64) bool {
	if off+8 > size {
		return false
	}
	var b [8]byte
	if _, err := r.ReadAt(b[:], off); err != nil {
		return false
	}
	for _, c := range b[:4] {
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return off+8+int64(binary.LittleEndian.Uint32(b[4:])) <= size
}
