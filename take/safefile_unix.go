//go:build unix

package take

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// The library never follows a symbolic link inside itself: a take's
// folder is opened with O_NOFOLLOW, and every file in it is opened
// relative to that open folder, again with O_NOFOLLOW, then checked with
// fstat to be a regular file. A link or a swapped folder cannot redirect
// a read or a write outside the take, because nothing is looked up by
// path twice.

// openDir opens the folder at path, refusing a link in its last
// component (the folders above it are the library root's, which the
// person chose).
func openDir(path string) (*os.File, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if errors.Is(err, unix.ENOTDIR) {
		// Linux says ENOTDIR for a link with O_DIRECTORY; the open is
		// refused either way, Lstat only words the reason.
		if fi, lerr := os.Lstat(path); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
			err = unix.ELOOP
		}
	}
	if err != nil {
		return nil, linkError(filepath.Base(path), "folder", path, err)
	}
	return os.NewFile(uintptr(fd), path), nil
}

// openIn opens name inside the open folder dir without following a link
// and without blocking on a FIFO, and refuses anything but a regular
// file. flag and perm are as for os.OpenFile.
func openIn(dir *os.File, name string, flag int, perm os.FileMode) (*os.File, error) {
	path := filepath.Join(dir.Name(), name)
	fd, err := unix.Openat(int(dir.Fd()), name, flag|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC, uint32(perm.Perm()))
	if err != nil {
		return nil, linkError(name, "file", path, err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if uint32(st.Mode)&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return nil, fmt.Errorf("%s is %s, not a regular file", name, kindOf(uint32(st.Mode)))
	}
	if err := unix.SetNonblock(fd, false); err != nil {
		unix.Close(fd)
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	return os.NewFile(uintptr(fd), path), nil
}

// entryKind says what name inside dir is, without following a link:
// "" for a regular file, else a phrase for the error ("a symbolic
// link"). It returns fs.ErrNotExist when there is no such entry.
func entryKind(dir *os.File, name string) (string, error) {
	var st unix.Stat_t
	if err := unix.Fstatat(int(dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		if errors.Is(err, unix.ENOENT) {
			return "", fs.ErrNotExist
		}
		return "", &fs.PathError{Op: "stat", Path: filepath.Join(dir.Name(), name), Err: err}
	}
	if uint32(st.Mode)&unix.S_IFMT == unix.S_IFREG {
		return "", nil
	}
	return kindOf(uint32(st.Mode)), nil
}

// renameIn renames from to to, both inside dir.
func renameIn(dir *os.File, from, to string) error {
	if err := unix.Renameat(int(dir.Fd()), from, int(dir.Fd()), to); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

// removeIn deletes the file name inside dir (a link itself, never what
// it points to).
func removeIn(dir *os.File, name string) error {
	if err := unix.Unlinkat(int(dir.Fd()), name, 0); err != nil {
		return &fs.PathError{Op: "remove", Path: filepath.Join(dir.Name(), name), Err: err}
	}
	return nil
}

// linkError turns the errors of an O_NOFOLLOW open into the reason a
// person reads: ELOOP means the entry is a link, ENOTDIR that a folder was
// expected.
func linkError(name, what, path string, err error) error {
	switch {
	case errors.Is(err, unix.ELOOP), errors.Is(err, unix.EMLINK):
		return fmt.Errorf("%s %w", name, errSymlink)
	case errors.Is(err, unix.ENOTDIR) && what == "folder":
		return fmt.Errorf("%s %w", name, errNotFolder)
	}
	return &fs.PathError{Op: "open", Path: path, Err: err}
}

// kindOf names a file type for an error message.
func kindOf(mode uint32) string {
	switch mode & unix.S_IFMT {
	case unix.S_IFLNK:
		return "a symbolic link"
	case unix.S_IFDIR:
		return "a folder"
	case unix.S_IFIFO:
		return "a named pipe (FIFO)"
	case unix.S_IFSOCK:
		return "a socket"
	case unix.S_IFCHR, unix.S_IFBLK:
		return "a device"
	}
	return "not a regular file"
}
