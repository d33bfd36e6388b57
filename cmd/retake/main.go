// Command retake is the Retake desktop app and its command-line tools.
// With no arguments it opens the app window; with a subcommand it runs
// that tool (analyze, devices, record, play, takes, ...).
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"

	_ "retake/internal/envlocale" // must run before Fyne reads the locale
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run dispatches to a subcommand and returns the process exit code.
func run(args []string) int {
	if len(args) == 0 {
		return runGUI()
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		usage()
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(os.Stderr, "retake: unknown command %q (try 'retake help')\n", name)
		return 2
	}
	// Fyne's window driver pins the main goroutine to the main thread
	// from its init, as a window needs. A command opens no window; left
	// pinned, the goroutines it starts (the analyzer matches a long text
	// in two halves at once) hand off to the main goroutine through the
	// OS, and bench/analyzer/run.sh's 1 MiB runs measured about 7% slower.
	runtime.UnlockOSThread()
	return cmd.run(args[1:])
}

// command is one subcommand: a one-line summary and its entry point.
type command struct {
	summary string
	run     func(args []string) int
}

// commands is filled by the init functions of the files that define each
// subcommand, so each group of commands lives in its own file.
var commands = map[string]command{}

func register(name, summary string, run func([]string) int) {
	commands[name] = command{summary: summary, run: run}
}

func usage() {
	fmt.Println("usage: retake [COMMAND] [ARGS]\n\nWith no command, retake opens the app.\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Printf("  %-9s %s\n", n, commands[n].summary)
	}
}
