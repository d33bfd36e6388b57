//go:build unix

package take

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockRetry is how often a waiting writer tries the lock again.
const lockRetry = 25 * time.Millisecond

// lockRoot takes a flock on the library's lock file: shared for a reader,
// which never waits, exclusive for a writer, which tries again for up to
// wait. The kernel drops it when the process dies, so a crash never leaves
// the library locked. busy is true when the lock stayed with another open
// file description (another copy of the app, or a second Library in this
// process).
func lockRoot(path string, sharedLock bool, wait time.Duration) (f *os.File, busy bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, filePerm)
	if err != nil {
		return nil, false, fmt.Errorf("open lock %s: %w", path, err)
	}
	how := syscall.LOCK_EX
	if sharedLock {
		how = syscall.LOCK_SH
	}
	deadline := time.Now().Add(wait)
	for {
		err = syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || !time.Now().Before(deadline) {
			break
		}
		// Polling rather than a blocking flock keeps the wait bounded
		// without a signal to interrupt it.
		time.Sleep(min(lockRetry, time.Until(deadline)))
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, true, nil
		}
		return nil, false, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, false, nil
}
