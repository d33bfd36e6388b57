package wav

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// encoded builds a WAV in memory or fails the test.
func encoded(t testing.TB, f Format, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, f, data); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadFormats(t *testing.T) {
	// Each case holds two frames whose first sample is a known value, so
	// the conversion to float is checked for every encoding.
	f32 := make([]byte, 4)
	binary.LittleEndian.PutUint32(f32, math.Float32bits(-0.25))
	cases := []struct {
		name  string
		f     Format
		first []byte
		want  float32
	}{
		{"u8 mono", Format{8000, 1, 8, false}, []byte{192}, 0.5},
		{"s16 mono", Format{44100, 1, 16, false}, []byte{0x00, 0xC0}, -0.5},
		{"s16 stereo", Format{48000, 2, 16, false}, []byte{0x00, 0x40, 0, 0}, 0.5},
		{"s24 stereo", Format{96000, 2, 24, false}, []byte{0x00, 0x00, 0xC0, 0, 0, 0}, -0.5},
		{"s32 mono", Format{22050, 1, 32, false}, []byte{0, 0, 0, 0x40}, 0.5},
		{"f32 stereo", Format{11025, 2, 32, true}, append(f32, f32...), -0.25},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			frame := c.first
			data := append(append([]byte{}, frame...), make([]byte, len(frame))...)
			if c.f.BitsPerSample == 8 {
				data[1] = 128
			}
			file := encoded(t, c.f, data)
			rd, err := NewReader(bytes.NewReader(file), int64(len(file)))
			if err != nil {
				t.Fatal(err)
			}
			if rd.Format != c.f || rd.Frames() != 2 {
				t.Fatalf("got %+v frames %d, want %+v frames 2", rd.Format, rd.Frames(), c.f)
			}
			raw := make([]byte, 64)
			n, err := rd.Read(raw)
			if err != nil || n != len(data) {
				t.Fatalf("read %d bytes, err %v; want %d", n, err, len(data))
			}
			out := make([]float32, 8)
			ToFloat(rd.Format, raw[:n], out)
			if out[0] != c.want {
				t.Errorf("first sample %v, want %v", out[0], c.want)
			}
			if _, err := rd.Read(raw); err != io.EOF {
				t.Errorf("read past end: %v, want EOF", err)
			}
		})
	}
}

func TestExtensibleFormat(t *testing.T) {
	file := encoded(t, Format{48000, 2, 24, false}, make([]byte, 12))
	// Rewrite the fmt chunk as WAVE_FORMAT_EXTENSIBLE (40 bytes).
	ext := make([]byte, 0, len(file)+24)
	ext = append(ext, file[:16]...)
	ext = binary.LittleEndian.AppendUint32(ext, 40)
	fmtBody := append([]byte{}, file[20:36]...)
	binary.LittleEndian.PutUint16(fmtBody[0:2], tagExtensible)
	ext = append(ext, fmtBody...)
	ext = binary.LittleEndian.AppendUint16(ext, 22)     // cbSize
	ext = binary.LittleEndian.AppendUint16(ext, 24)     // valid bits
	ext = binary.LittleEndian.AppendUint32(ext, 3)      // channel mask
	ext = binary.LittleEndian.AppendUint16(ext, tagPCM) // sub-format GUID start
	ext = append(ext, make([]byte, 14)...)
	ext = append(ext, file[36:]...)
	h, err := ParseHeader(bytes.NewReader(ext), int64(len(ext)))
	if err != nil {
		t.Fatal(err)
	}
	if h.BitsPerSample != 24 || h.Channels != 2 || h.Frames() != 2 {
		t.Fatalf("got %+v", h)
	}
}

func TestParseErrors(t *testing.T) {
	good := encoded(t, Format{48000, 1, 16, false}, make([]byte, 8))
	mut := func(f func(b []byte) []byte) []byte { return f(append([]byte{}, good...)) }
	cases := []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "not a WAV"},
		{"not riff", mut(func(b []byte) []byte { copy(b, "RIFX"); return b }), "not a WAV"},
		{"no fmt", mut(func(b []byte) []byte { copy(b[12:16], "junk"); return b[:36] }), "no fmt chunk"},
		{"no data", good[:36], "no data chunk"},
		{"zero channels", mut(func(b []byte) []byte { b[22] = 0; return b }), "channel count 0"},
		{"bad rate", mut(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[24:], 5); return b }), "sample rate 5"},
		{"bad bits", mut(func(b []byte) []byte { b[34] = 12; return b }), "12 bits"},
		{"float64", mut(func(b []byte) []byte { b[20] = tagFloat; b[34] = 64; return b }), "float sample size 64"},
		{"mulaw", mut(func(b []byte) []byte { b[20] = 7; return b }), "format tag 0x7"},
		{"block align", mut(func(b []byte) []byte { b[32] = 3; return b }), "block align 3"},
		{"short fmt", mut(func(b []byte) []byte { b[16] = 10; return b }), "fmt chunk too short"},
		{"fmt past end", mut(func(b []byte) []byte { b[16] = 40; return b[:40] }), "truncated"},
		{"data before fmt", mut(func(b []byte) []byte { copy(b[12:16], "data"); return b }), "before the fmt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseHeader(bytes.NewReader(c.file), int64(len(c.file)))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
}

func TestHugeDeclaredSizeIsClamped(t *testing.T) {
	file := encoded(t, Format{48000, 1, 16, false}, make([]byte, 10))
	binary.LittleEndian.PutUint32(file[40:], 0xFFFFFFF0)
	h, err := ParseHeader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if h.DataSize != 10 || h.Frames() != 5 {
		t.Fatalf("data size %d frames %d, want 10 and 5", h.DataSize, h.Frames())
	}
}

func TestSeekFrame(t *testing.T) {
	data := []byte{1, 0, 2, 0, 3, 0, 4, 0}
	file := encoded(t, Format{8000, 1, 16, false}, data)
	rd, err := NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ seek, frame int64 }{{2, 2}, {-5, 0}, {99, 4}} {
		rd.SeekFrame(c.seek)
		if rd.Frame() != c.frame {
			t.Errorf("seek %d: at frame %d, want %d", c.seek, rd.Frame(), c.frame)
		}
	}
	rd.SeekFrame(3)
	b := make([]byte, 4)
	if n, _ := rd.Read(b); n != 2 || b[0] != 4 {
		t.Errorf("after seek 3 read %d bytes %v", n, b[:n])
	}
	if _, err := rd.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("read at end: %v", err)
	}
}

// failingFile accepts `room` bytes of appends, then fails like a full disk;
// header rewrites in place still succeed, as they do on a real disk.
type failingFile struct {
	bytes.Buffer
	room int
}

var errFull = errors.New("no space left on device")

func (f *failingFile) Write(p []byte) (int, error) {
	if len(p) > f.room {
		n := f.room
		f.Buffer.Write(p[:n])
		f.room = 0
		return n, errFull
	}
	f.room -= len(p)
	return f.Buffer.Write(p)
}

func (f *failingFile) WriteAt(p []byte, off int64) (int, error) {
	return copy(f.Bytes()[off:], p), nil
}
func (f *failingFile) Sync() error  { return nil }
func (f *failingFile) Close() error { return nil }

func TestWriterFlushAndFailure(t *testing.T) {
	// Room for the header and 3 frames and one stray byte.
	f := &failingFile{room: headerSize + 7}
	w, err := NewWriter(f, 16000, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteSamples([]int16{1, 2}); err != nil {
		t.Fatal(err)
	}
	err = w.WriteSamples([]int16{3, 4, 5})
	if !errors.Is(err, errFull) {
		t.Fatalf("err = %v, want the disk-full error", err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	// Only the 3 whole frames count; the stray byte is beyond the data.
	file := f.Bytes()
	h, err := ParseHeader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	if h.DeclaredDataSize != 6 || h.Frames() != 3 || h.DeclaredRIFFSize != 42 {
		t.Fatalf("header %+v", h)
	}
}

func TestRepair(t *testing.T) {
	good := encoded(t, Format{8000, 1, 16, false}, make([]byte, 100))
	withList := append(append([]byte{}, good...), []byte("LIST\x04\x00\x00\x00abcd")...)
	binary.LittleEndian.PutUint32(withList[4:], uint32(len(withList)-8))
	crashed := append([]byte{}, good...)
	binary.LittleEndian.PutUint32(crashed[4:], 36)
	binary.LittleEndian.PutUint32(crashed[40:], 0)
	stale := append(append([]byte{}, good...), make([]byte, 41)...) // one partial frame
	cases := []struct {
		name       string
		file       []byte
		repaired   bool
		wantFrames int64
		wantSize   int
	}{
		{"intact", good, false, 50, len(good)},
		{"trailing chunk", withList, false, 50, len(withList)},
		{"zero sizes", crashed, true, 50, len(good)},
		{"stale sizes and a partial frame", stale, true, 70, len(good) + 40},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "take.wav")
			if err := os.WriteFile(path, c.file, 0o600); err != nil {
				t.Fatal(err)
			}
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := Repair(f, int64(len(c.file)))
			if err != nil || got != c.repaired {
				t.Fatalf("Repair = %v, %v; want %v", got, err, c.repaired)
			}
			st, _ := f.Stat()
			h, err := ParseHeader(f, st.Size())
			if err != nil {
				t.Fatal(err)
			}
			if h.Frames() != c.wantFrames || int(st.Size()) != c.wantSize || h.DeclaredDataSize != h.DataSize {
				t.Fatalf("after repair: %+v size %d; want %d frames, %d bytes", h, st.Size(), c.wantFrames, c.wantSize)
			}
			again, err := Repair(f, st.Size())
			if err != nil || again {
				t.Fatalf("second repair = %v, %v; want no change", again, err)
			}
		})
	}
}
