package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"retake/audio"
)

func init() {
	register("devices", "list capture and playback devices", func(a []string) int { return devicesCmd(a, os.Stdout, os.Stderr) })
	register("record", "record a take: --out FILE [--seconds N] [--device NAME]", func(a []string) int { return recordCmd(a, os.Stdout, os.Stderr) })
	register("play", "play a WAV or MP3 file: FILE [--device NAME]", func(a []string) int { return playCmd(a, os.Stdout, os.Stderr) })
	register("repair", "fix the header of a WAV left by a crash: FILE", func(a []string) int { return repairCmd(a, os.Stdout, os.Stderr) })
	register("pauses", "speech and pauses in a recording: [--json] FILE", func(a []string) int { return pausesCmd(a, os.Stdout, os.Stderr) })
}

func usageErr(stderr io.Writer, fs *flag.FlagSet, msg string) int {
	fmt.Fprintf(stderr, "retake %s: %s\n", fs.Name(), msg)
	fs.Usage()
	return 2
}

func devicesCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("devices", flag.ContinueOnError)
	pos, ok := parseArgs(fs, args, stderr)
	if !ok {
		return 2
	}
	if len(pos) > 0 {
		return usageErr(stderr, fs, "takes no arguments")
	}
	for _, kind := range []struct {
		title string
		list  func() ([]audio.Device, error)
	}{{"capture", audio.CaptureDevices}, {"playback", audio.PlaybackDevices}} {
		devs, err := kind.list()
		if err != nil {
			return fail(stderr, "devices", err)
		}
		fmt.Fprintf(stdout, "%s:\n", kind.title)
		if len(devs) == 0 {
			fmt.Fprintf(stdout, "  (no %s device)\n", kind.title)
		}
		for _, d := range devs {
			mark := " "
			if d.IsDefault {
				mark = "*"
			}
			fmt.Fprintf(stdout, " %s %s\n", mark, d.Name)
		}
	}
	return 0
}

// stopSignals returns a channel that fires on Ctrl-C or SIGTERM, and a
// function that stops listening.
func stopSignals() (<-chan os.Signal, func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	return c, func() { signal.Stop(c) }
}

func recordCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("record", flag.ContinueOnError)
	out := fs.String("out", "", "WAV file to write (required)")
	seconds := fs.Float64("seconds", 0, "stop after this many seconds (0 = until Ctrl-C)")
	device := fs.String("device", "", "capture device name (default: the system default)")
	rate := fs.Int("rate", 0, "sample rate in Hz (0 = the device's own)")
	pos, ok := parseArgs(fs, args, stderr)
	if !ok {
		return 2
	}
	if *out == "" || len(pos) > 0 {
		return usageErr(stderr, fs, "want --out FILE and no other arguments")
	}
	if *seconds < 0 || *rate < 0 {
		return usageErr(stderr, fs, "--seconds and --rate must not be negative")
	}
	// The limit is measured in captured audio, not wall time, so the
	// file holds what was asked for even if the device starts late; the
	// recorder cuts the last block to it.
	limit := time.Duration(*seconds * float64(time.Second))
	r, err := audio.NewRecorder(audio.RecorderOptions{Device: *device, SampleRate: *rate, Limit: limit})
	if err != nil {
		return fail(stderr, "record", err)
	}
	defer r.Close()
	sig, unsub := stopSignals()
	defer unsub()
	if err := r.Start(*out); err != nil {
		return fail(stderr, "record", err)
	}
	warned := false
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
recording:
	for {
		select {
		case <-sig:
			break recording
		case err := <-r.Err():
			_, _ = r.Stop()
			return fail(stderr, "record", err)
		case <-tick.C:
			if limit > 0 && r.Elapsed() >= limit {
				break recording
			}
			if l := r.Level(); l.NoInput && !warned {
				fmt.Fprintln(stderr, "retake record: warning: no input for 3 s (is the microphone muted?)")
				warned = true
			}
		}
	}
	info, err := r.Stop()
	if err != nil {
		return fail(stderr, "record", err)
	}
	fmt.Fprintf(stdout, "recorded %s: %.2f s, %d Hz, %d-bit mono\n", *out, info.Duration.Seconds(), info.SampleRate, info.BitsPerSample)
	return 0
}

func playCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("play", flag.ContinueOnError)
	device := fs.String("device", "", "playback device name (default: the system default)")
	pos, ok := parseArgs(fs, args, stderr)
	if !ok {
		return 2
	}
	if len(pos) != 1 {
		return usageErr(stderr, fs, "want exactly one FILE")
	}
	p, err := audio.OpenPlayer(pos[0], *device)
	if err != nil {
		return fail(stderr, "play", err)
	}
	defer p.Close()
	ended := make(chan struct{})
	p.OnEnd(func() { close(ended) })
	sig, unsub := stopSignals()
	defer unsub()
	if err := p.Play(); err != nil {
		return fail(stderr, "play", err)
	}
	select {
	case <-ended:
	case <-sig:
		_ = p.Pause()
	}
	fmt.Fprintf(stdout, "played %s: %.2f of %.2f s\n", pos[0], p.Position().Seconds(), p.Duration().Seconds())
	return 0
}

func repairCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("repair", flag.ContinueOnError)
	pos, ok := parseArgs(fs, args, stderr)
	if !ok {
		return 2
	}
	if len(pos) != 1 {
		return usageErr(stderr, fs, "want exactly one FILE")
	}
	repaired, err := audio.Repair(pos[0])
	if err != nil {
		return fail(stderr, "repair", err)
	}
	info, err := audio.Probe(pos[0])
	if err != nil {
		return fail(stderr, "repair", err)
	}
	verb := "intact"
	if repaired {
		verb = "repaired"
	}
	fmt.Fprintf(stdout, "%s %s: %.2f s of audio\n", verb, pos[0], info.Duration.Seconds())
	return 0
}

// pausesJSON is the documented JSON shape of `retake pauses --json`.
type pausesJSON struct {
	DurationS     float64       `json:"duration_s"`
	SpeechS       float64       `json:"speech_s"`
	LongestPauseS float64       `json:"longest_pause_s"`
	Pauses        []audio.Pause `json:"pauses"`
}

func pausesCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pauses", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, ok := parseArgs(fs, args, stderr)
	if !ok {
		return 2
	}
	if len(pos) != 1 {
		return usageErr(stderr, fs, "want exactly one FILE")
	}
	rep, err := audio.DetectPauses(pos[0])
	if err != nil {
		return fail(stderr, "pauses", err)
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		if err := enc.Encode(pausesJSON{rep.DurationS, rep.SpeechS, rep.LongestPauseS, rep.Pauses}); err != nil {
			return fail(stderr, "pauses", err)
		}
		return 0
	}
	fmt.Fprintf(stdout, "duration %.2f s, speech %.2f s, %d pauses, longest %.2f s\n",
		rep.DurationS, rep.SpeechS, len(rep.Pauses), rep.LongestPauseS)
	for _, p := range rep.Pauses {
		fmt.Fprintf(stdout, "  pause at %7.2f s for %.2f s\n", p.Start, p.End-p.Start)
	}
	return 0
}
