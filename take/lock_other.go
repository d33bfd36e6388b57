//go:build !unix

package take

import (
	"errors"
	"os"
	"time"
)

// lockRoot cannot lock on this platform, so the library opens read-only
// rather than risk two writers.
func lockRoot(path string, sharedLock bool, wait time.Duration) (*os.File, bool, error) {
	return nil, false, errors.New("library locking is not supported on this platform")
}
