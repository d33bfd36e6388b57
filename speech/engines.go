package speech

import (
	"fmt"
	"strings"
	"time"
)

// Config is how the person set the engines up (Settings in the app,
// flags on the command line). The zero Config finds PocketSphinx and
// whisper-cli on PATH and a whisper model in ModelsDir, and has no
// command of its own.
type Config struct {
	// SphinxBinary and SphinxArgs: see Sphinx.
	SphinxBinary string
	SphinxArgs   []string
	// WhisperCLI and WhisperModel: see Whisper.
	WhisperCLI   string
	WhisperModel string
	// Command and CommandFillers: see Command.
	Command        string
	CommandFillers bool
	// Timeout, when set, bounds every engine's run instead of its own
	// limit for the audio's length.
	Timeout time.Duration
}

// Engine names, as Name returns them and the command line takes them.
const (
	NameSphinx  = "pocketsphinx"
	NameWhisper = "whisper"
	NameCommand = "command"
)

// Engines returns every engine in the order the app lists them: the
// built-in PocketSphinx, whisper.cpp, the person's own command.
func (c Config) Engines() []Engine {
	return []Engine{
		&Sphinx{Binary: c.SphinxBinary, Args: c.SphinxArgs, Timeout: c.Timeout},
		&Whisper{Binary: c.WhisperCLI, Model: c.WhisperModel, Timeout: c.Timeout},
		&Command{Template: c.Command, Fillers: c.CommandFillers, Timeout: c.Timeout},
	}
}

// Engine returns the engine with the given name, available or not.
func (c Config) Engine(name string) (Engine, error) {
	for _, e := range c.Engines() {
		if e.Name() == name {
			return e, nil
		}
	}
	return nil, fmt.Errorf("no speech engine named %q (want %s, %s or %s)", name, NameSphinx, NameWhisper, NameCommand)
}

// Best returns the engine to use when the person has not picked one:
// whisper.cpp when it is set up (the most accurate), else PocketSphinx,
// else their command. When none can run, the error gives every reason
// and fix.
func (c Config) Best() (Engine, error) {
	all := c.Engines()
	order := []Engine{all[1], all[0], all[2]}
	var why []string
	for _, e := range order {
		ok, reason, fix := e.Available()
		if ok {
			return e, nil
		}
		line := e.Name() + ": " + reason
		if fix != "" {
			line += " (" + fix + ")"
		}
		why = append(why, line)
	}
	return nil, &UnavailableError{Reason: "no speech engine can run: " + strings.Join(why, "; ")}
}
