//go:build !unix

package take

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// On systems without openat the library checks entries with Lstat before
// opening them. That can race with a change made in between; the unix
// build, which is the one Retake ships, cannot.

func openDir(path string) (*os.File, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("%s %w", filepath.Base(path), errSymlink)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s %w", filepath.Base(path), errNotFolder)
	}
	return os.Open(path)
}

func openIn(dir *os.File, name string, flag int, perm os.FileMode) (*os.File, error) {
	path := filepath.Join(dir.Name(), name)
	if kind, err := entryKind(dir, name); err == nil && kind != "" {
		return nil, fmt.Errorf("%s is %s, not a regular file", name, kind)
	}
	f, err := os.OpenFile(path, flag, perm)
	if err != nil {
		return nil, err
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("%s is not a regular file", name)
	}
	return f, nil
}

func entryKind(dir *os.File, name string) (string, error) {
	fi, err := os.Lstat(filepath.Join(dir.Name(), name))
	if err != nil {
		return "", err
	}
	switch m := fi.Mode(); {
	case m.IsRegular():
		return "", nil
	case m&fs.ModeSymlink != 0:
		return "a symbolic link", nil
	case m.IsDir():
		return "a folder", nil
	}
	return "not a regular file", nil
}

func renameIn(dir *os.File, from, to string) error {
	return os.Rename(filepath.Join(dir.Name(), from), filepath.Join(dir.Name(), to))
}

func removeIn(dir *os.File, name string) error {
	return os.Remove(filepath.Join(dir.Name(), name))
}
