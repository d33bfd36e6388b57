//go:build unix

package take

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockRoot takes an exclusive, non-blocking flock on the library's lock
// file. The kernel drops it when the process dies, so a crash never leaves
// the library locked. busy is true when another open file description (a
// second copy of the app, or a second Library in this process) holds it.
func lockRoot(path string) (f *os.File, busy bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE, filePerm)
	if err != nil {
		return nil, false, fmt.Errorf("open lock %s: %w", path, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
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
