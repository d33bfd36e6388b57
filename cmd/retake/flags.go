package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// parseArgs parses flags that may come before or after the positional
// arguments ("pauses FILE --json" as well as "pauses --json FILE"; "-"
// stays a positional, for standard input). It returns the positionals,
// or ok=false after printing a usage error.
func parseArgs(fs *flag.FlagSet, args []string, stderr io.Writer) (pos []string, ok bool) {
	fs.SetOutput(stderr)
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// fail prints a one-line error for command name and returns exit code 1.
func fail(stderr io.Writer, name string, err error) int {
	fmt.Fprintf(stderr, "retake %s: %s\n", name, strings.ReplaceAll(err.Error(), "\n", " "))
	return 1
}
