package wav

import (
	"bytes"
	"io"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the parser and, when it accepts
// them, reads every frame. It must never panic, never report more data
// than the input holds, and never return partial frames.
func FuzzReader(f *testing.F) {
	f.Add(encodedSeed(Format{8000, 1, 8, false}, make([]byte, 4)))
	f.Add(encodedSeed(Format{48000, 2, 16, false}, make([]byte, 16)))
	f.Add(encodedSeed(Format{44100, 2, 24, false}, make([]byte, 12)))
	f.Add(encodedSeed(Format{22050, 1, 32, true}, make([]byte, 8)))
	f.Add([]byte("RIFF\xff\xff\xff\xffWAVEfmt \x10\x00\x00\x00"))
	f.Add([]byte("RIFF\x00\x00\x00\x00WAVEdata\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		if rd.DataOffset+rd.DataSize > int64(len(data)) {
			t.Fatalf("data chunk %d+%d exceeds input of %d", rd.DataOffset, rd.DataSize, len(data))
		}
		buf := make([]byte, 4096)
		floats := make([]float32, 4096)
		var total int64
		for {
			n, err := rd.Read(buf)
			if n%rd.FrameSize() != 0 {
				t.Fatalf("partial frame: %d bytes", n)
			}
			ToFloat(rd.Format, buf[:n], floats)
			total += int64(n)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if total != rd.DataSize {
			t.Fatalf("read %d bytes, header says %d", total, rd.DataSize)
		}
	})
}

func encodedSeed(f Format, data []byte) []byte {
	var b bytes.Buffer
	if err := Encode(&b, f, data); err != nil {
		panic(err)
	}
	return b.Bytes()
}
