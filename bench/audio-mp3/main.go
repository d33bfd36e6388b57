// Command audio-mp3 decodes an MP3 to nowhere with go-mp3 (directly, and
// through retake's audio wrapper via audio.Peaks), for comparison with
// ffmpeg decoding the same file in run.sh.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/hajimehoshi/go-mp3"

	"retake/audio"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: audio-mp3 FILE")
		os.Exit(2)
	}
	path := os.Args[1]
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "audio-mp3:", err)
		os.Exit(1)
	}
	defer f.Close()
	start := time.Now()
	d, err := mp3.NewDecoder(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "audio-mp3:", err)
		os.Exit(1)
	}
	n, err := io.Copy(io.Discard, d)
	if err != nil {
		fmt.Fprintln(os.Stderr, "audio-mp3:", err)
		os.Exit(1)
	}
	raw := time.Since(start)
	start = time.Now()
	if _, err := audio.Peaks(path, 2000); err != nil {
		fmt.Fprintln(os.Stderr, "audio-mp3:", err)
		os.Exit(1)
	}
	wrapped := time.Since(start)
	fmt.Printf("go-mp3 decode: %.3f s (%d PCM bytes); through audio.Peaks: %.3f s\n", raw.Seconds(), n, wrapped.Seconds())
}
