package audio

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"retake/audio/wav"
)

// memFile is an in-memory file for the decoders.
type memFile struct{ *bytes.Reader }

func (memFile) Close() error { return nil }

// id3 builds an ID3v2.4 tag header claiming `size` bytes of body.
func id3(size uint32) []byte {
	return []byte{'I', 'D', '3', 4, 0, 0,
		byte(size >> 21 & 0x7f), byte(size >> 14 & 0x7f), byte(size >> 7 & 0x7f), byte(size & 0x7f)}
}

func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestHostileSizes feeds files whose headers claim far more than they
// hold. Each must fail or succeed cheaply, never allocate what is claimed.
func TestHostileSizes(t *testing.T) {
	mp3Data, err := os.ReadFile("testdata/tone-22k-mono.mp3")
	if err != nil {
		t.Fatal(err)
	}
	wavClaim := func() []byte {
		var b bytes.Buffer
		wav.Encode(&b, wav.Format{SampleRate: 48000, Channels: 2, BitsPerSample: 16}, make([]byte, 64))
		out := b.Bytes()
		binary.LittleEndian.PutUint32(out[40:], 0xFFFFFFF0)
		binary.LittleEndian.PutUint32(out[4:], 0xFFFFFFF8)
		return out
	}()
	cases := []struct {
		name    string
		data    []byte
		wantErr string // "" = must open
	}{
		{"WAV claiming 4 GiB of data", wavClaim, ""},
		{"ID3 tag claiming 256 MiB", append(id3(0x0FFFFFFF), mp3Data...), "ID3 tag claims"},
		{"ID3 size with high bits", append([]byte{'I', 'D', '3', 4, 0, 0, 0xff, 0xff, 0xff, 0xff}, mp3Data...), "malformed size"},
		{"truncated MP3", mp3Data[:300], ""},
		{"MP3 sync then noise", append([]byte{0xff, 0xfb, 0x90, 0x00}, bytes.Repeat([]byte{0x5a}, 5000)...), "MP3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "hostile")
			if err := os.WriteFile(path, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			var perr error
			used := allocated(func() {
				_, perr = Probe(path)
				if perr == nil {
					_, perr = Peaks(path, 100)
				}
				if perr == nil {
					_, perr = DetectPauses(path)
				}
			})
			if c.wantErr == "" && perr != nil {
				t.Fatalf("err = %v, want the file to open", perr)
			}
			if c.wantErr != "" && (perr == nil || !strings.Contains(perr.Error(), c.wantErr)) {
				t.Fatalf("err = %v, want %q", perr, c.wantErr)
			}
			if used > 4<<20 {
				t.Fatalf("allocated %d bytes for a %d-byte file", used, len(c.data))
			}
		})
	}
}

func TestMP3WithID3Tag(t *testing.T) {
	plain, err := os.ReadFile("testdata/tone-22k-mono.mp3")
	if err != nil {
		t.Fatal(err)
	}
	tagged := append(append(id3(200), make([]byte, 200)...), plain...)
	path := filepath.Join(t.TempDir(), "tagged.mp3")
	if err := os.WriteFile(path, tagged, 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := Probe("testdata/tone-22k-mono.mp3")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Probe(path)
	if err != nil {
		t.Fatal(err)
	}
	if a != b || a.Format != "mp3" || a.SampleRate != 22050 || a.Channels != 2 {
		t.Fatalf("plain %+v, tagged %+v", a, b)
	}
}

// FuzzMP3 drives the MP3 wrapper (tag skipping, go-mp3, frame alignment,
// seeking) with arbitrary bytes: errors are fine, panics are not, and
// every read returns whole frames.
func FuzzMP3(f *testing.F) {
	data, err := os.ReadFile("testdata/tone-22k-mono.mp3")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:1000])
	f.Add(append(id3(20), append(make([]byte, 20), data[:2000]...)...))
	f.Add(append(id3(0x0FFFFFFF), data[:200]...))
	f.Add([]byte("TAG"))
	f.Fuzz(func(t *testing.T, b []byte) {
		// A decoder that loops forever is a bug too: fail instead of hanging
		// so the fuzzer keeps the input.
		done := make(chan struct{})
		defer close(done)
		go func() {
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				panic(fmt.Sprintf("MP3 wrapper hung on a %d-byte input", len(b)))
			}
		}()
		if !looksLikeMP3(b) {
			b = append([]byte{0xff, 0xfb}, b...)
		}
		s, err := newMP3Source(memFile{bytes.NewReader(b)}, int64(len(b)))
		if err != nil {
			return
		}
		defer s.Close()
		buf := make([]byte, 4096)
		var frames int64
		for i := 0; i < 10000; i++ {
			n, err := s.Read(buf)
			if n%mp3FrameBytes != 0 {
				t.Fatalf("partial frame: %d bytes", n)
			}
			frames += int64(n / mp3FrameBytes)
			if err != nil {
				if err != io.EOF && !strings.Contains(err.Error(), "MP3") {
					t.Fatalf("unlabelled error %v", err)
				}
				break
			}
		}
		_ = s.SeekFrame(s.info().Frames / 2)
		_, _ = s.Read(buf)
		_ = s.SeekFrame(s.info().Frames)
		if n, err := s.Read(buf); n != 0 || err != io.EOF {
			t.Fatalf("read at end: %d, %v", n, err)
		}
	})
}
