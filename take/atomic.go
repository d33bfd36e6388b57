package take

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// renameFile is os.Rename; tests swap it to simulate a crash between the
// temp file and the rename.
var renameFile = os.Rename

// writeAtomic replaces dir/name with data so that a reader, or a machine
// that loses power, sees either the old file or the new one, never a mix:
// the bytes go to a temp file in the same folder, are synced, renamed over
// the target, and the folder itself is synced so the rename is durable.
func writeAtomic(dir, name string, data []byte) error {
	return writeAtomicFrom(dir, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomicFrom is writeAtomic for content produced by a writer
// function, so large files (copied audio, zip exports) are streamed.
func writeAtomicFrom(dir, name string, fill func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(dir, "."+name+tempMark+"*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = f.Chmod(filePerm); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = fill(f); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = renameFile(tmp, filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
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
