package wav

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Encode writes a complete WAV file holding raw sample bytes in format f
// (any layout the reader accepts). data must be whole frames.
func Encode(w io.Writer, f Format, data []byte) error {
	if err := f.validate(); err != nil {
		return fmt.Errorf("encode WAV: %w", err)
	}
	if len(data)%f.FrameSize() != 0 {
		return fmt.Errorf("encode WAV: %d bytes is not a whole number of %d-byte frames", len(data), f.FrameSize())
	}
	if int64(len(data)) > maxDataSize {
		return fmt.Errorf("encode WAV: data exceeds the 4 GiB WAV limit")
	}
	tag := uint16(tagPCM)
	if f.Float {
		tag = tagFloat
	}
	h := make([]byte, headerSize)
	copy(h[0:4], "RIFF")
	binary.LittleEndian.PutUint32(h[4:8], uint32(36+len(data)))
	copy(h[8:16], "WAVEfmt ")
	binary.LittleEndian.PutUint32(h[16:20], 16)
	binary.LittleEndian.PutUint16(h[20:22], tag)
	binary.LittleEndian.PutUint16(h[22:24], uint16(f.Channels))
	binary.LittleEndian.PutUint32(h[24:28], uint32(f.SampleRate))
	binary.LittleEndian.PutUint32(h[28:32], uint32(f.SampleRate*f.FrameSize()))
	binary.LittleEndian.PutUint16(h[32:34], uint16(f.FrameSize()))
	binary.LittleEndian.PutUint16(h[34:36], uint16(f.BitsPerSample))
	copy(h[36:40], "data")
	binary.LittleEndian.PutUint32(h[40:44], uint32(len(data)))
	if _, err := w.Write(h); err != nil {
		return fmt.Errorf("encode WAV header: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("encode WAV data: %w", err)
	}
	return nil
}
