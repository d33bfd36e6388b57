package wav

import (
	"encoding/binary"
	"math"
)

// ToFloat converts raw little-endian samples in format f to float32 in
// [-1, 1), writing one value per sample into dst. It returns the number
// of samples converted, bounded by both slices.
func ToFloat(f Format, raw []byte, dst []float32) int {
	bps := f.BitsPerSample / 8
	n := len(raw) / bps
	if n > len(dst) {
		n = len(dst)
	}
	switch {
	case f.Float:
		for i := 0; i < n; i++ {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
		}
	case bps == 1:
		// 8-bit WAV is unsigned with 128 as silence.
		for i := 0; i < n; i++ {
			dst[i] = float32(int(raw[i])-128) / 128
		}
	case bps == 2:
		for i := 0; i < n; i++ {
			dst[i] = float32(int16(binary.LittleEndian.Uint16(raw[2*i:]))) / 32768
		}
	case bps == 3:
		for i := 0; i < n; i++ {
			b := raw[3*i:]
			v := int32(uint32(b[0])<<8|uint32(b[1])<<16|uint32(b[2])<<24) >> 8
			dst[i] = float32(v) / 8388608
		}
	case bps == 4:
		for i := 0; i < n; i++ {
			dst[i] = float32(float64(int32(binary.LittleEndian.Uint32(raw[4*i:]))) / 2147483648)
		}
	}
	return n
}
