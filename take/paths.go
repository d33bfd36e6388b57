package take

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/adrg/xdg"
)

// EnvDataDir names the environment variable that, when set, replaces the
// XDG location of the library root (the folder holding takes/, trash/ and
// the lock file).
const EnvDataDir = "RETAKE_DATA_DIR"

// The fixed names inside the library root and inside a take's folder.
const (
	takesDir  = "takes"
	trashDir  = "trash"
	lockName  = "lock"
	takeFile  = "take.json"
	tempMark  = ".tmp-" // infix of in-flight atomic writes, ignored by readers
	dirPerm   = 0o700
	filePerm  = 0o600
	maxTakeSz = 32 << 20 // transcript (10 MB) plus report, with room to spare
)

// DefaultRoot returns the library root: $RETAKE_DATA_DIR when set, else
// $XDG_DATA_HOME/retake.
func DefaultRoot() (string, error) {
	if d := os.Getenv(EnvDataDir); d != "" {
		return filepath.Abs(d)
	}
	if xdg.DataHome == "" {
		return "", errors.New("no data directory: set XDG_DATA_HOME or " + EnvDataDir)
	}
	return filepath.Join(xdg.DataHome, "retake"), nil
}
