package take

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// renameFile is renameIn; tests swap it to simulate a crash between the
// temp file and the rename.
var renameFile = renameIn

// writeFault, when set by a test, wraps the writer of every atomic write
// inside the library, so a test can make the disk "fill up" at any byte.
var writeFault func(name string, w io.Writer) io.Writer

// writeAtomic replaces dir/name with data so that a reader, or a machine
// that loses power, sees either the old file or the new one, never a mix.
// dir is a folder inside the library, opened without following links.
func writeAtomic(dir, name string, data []byte) error {
	d, err := openDir(dir)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer d.Close()
	return writeAtomicIn(d, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomicIn writes name inside the open folder d: the bytes go to a
// temp file there, are synced, renamed over the target (a link there is
// replaced, never followed), and the folder itself is synced so the
// rename is durable. Large content (copied audio) is streamed by fill.
func writeAtomicIn(d *os.File, name string, fill func(io.Writer) error) (err error) {
	f, tmp, err := createTempIn(d, name)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			_ = removeIn(d, tmp)
		}
	}()
	if err = f.Chmod(filePerm); err != nil { // whatever the umask
		return fmt.Errorf("write %s: %w", name, err)
	}
	var w io.Writer = f
	if writeFault != nil {
		w = writeFault(name, f)
	}
	if err = fill(w); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = renameFile(d, tmp, name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = d.Sync(); err != nil {
		return fmt.Errorf("write %s: sync folder: %w", name, err)
	}
	return nil
}

// createTempIn makes a new, hidden temp file for name inside d.
func createTempIn(d *os.File, name string) (*os.File, string, error) {
	for range 10 {
		var b [6]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, "", err
		}
		tmp := "." + name + tempMark + hex.EncodeToString(b[:])
		f, err := openIn(d, tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, filePerm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, tmp, err
	}
	return nil, "", errors.New("could not make a temp file name")
}

// writeAtomicPath is the atomic write for a file outside the library (an
// export the person asked for), where the path is theirs to choose and a
// linked folder is followed like any other.
func writeAtomicPath(path string, fill func(io.Writer) error) (err error) {
	dir, name := filepath.Dir(path), filepath.Base(path)
	f, err := os.CreateTemp(dir, "."+name+tempMark+"*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(filePerm); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = fill(f); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", path, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return syncDir(dir)
}

// syncDir makes a rename or a new entry in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
