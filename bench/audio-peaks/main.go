// Command audio-peaks times audio.Peaks on one file, for comparison with
// `sox FILE -n stat` in run.sh. It prints the wall time in seconds.
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"retake/audio"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: audio-peaks FILE BUCKETS")
		os.Exit(2)
	}
	n, err := strconv.Atoi(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "audio-peaks: bad bucket count:", err)
		os.Exit(2)
	}
	start := time.Now()
	p, err := audio.Peaks(os.Args[1], n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "audio-peaks:", err)
		os.Exit(1)
	}
	fmt.Printf("%.3f s for %d buckets (first %+v)\n", time.Since(start).Seconds(), len(p), p[0])
}
