package take

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrExists is returned when restoring a take whose id is in use again.
var ErrExists = errors.New("a take with this id already exists")

// Delete moves a take to the library's trash, from which Restore brings it
// back until EmptyTrash. A damaged take can be deleted too.
func (l *Library) Delete(id string) error {
	return l.move(id, l.takeDir(id), l.trashPath(id), "delete")
}

// Restore brings a take back from the trash.
func (l *Library) Restore(id string) error {
	return l.move(id, l.trashPath(id), l.takeDir(id), "restore")
}

// move renames a take's folder between takes/ and trash/. Both live in
// the root, so the rename is atomic and never copies audio.
func (l *Library) move(id, from, to, verb string) error {
	if err := ValidateID(id); err != nil {
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return fmt.Errorf("%s take %s: %w", verb, id, err)
	}
	fi, err := os.Lstat(from)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s take %s: %w", verb, id, ErrNotFound)
	}
	if err == nil && verb == "restore" && !fi.IsDir() {
		// A link in the trash would become a link in the library.
		return fmt.Errorf("%s take %s: %w: the trashed entry is %s, not a take's folder", verb, id, ErrDamaged, modeKind(fi.Mode()))
	}
	if _, err := os.Lstat(to); err == nil {
		if verb == "delete" {
			// An older trashed copy of the same id gives way to this one.
			if err := os.RemoveAll(to); err != nil {
				return fmt.Errorf("%s take %s: %w", verb, id, err)
			}
		} else {
			return fmt.Errorf("%s take %s: %w", verb, id, ErrExists)
		}
	}
	if err := os.Rename(from, to); err != nil {
		return fmt.Errorf("%s take %s: %w", verb, id, err)
	}
	if err := syncDir(filepath.Dir(from)); err != nil {
		return err
	}
	return syncDir(filepath.Dir(to))
}

// Trash lists the takes in the trash, like List.
func (l *Library) Trash() ([]Summary, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	names, err := ids(filepath.Join(l.root, trashDir))
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(names))
	for _, id := range names {
		t, _, err := readTake(l.trashPath(id), id)
		if err != nil {
			out = append(out, damagedSummary(id, err))
			continue
		}
		out = append(out, summarize(t))
	}
	sortSummaries(out)
	return out, nil
}

// EmptyTrash deletes every trashed take for good.
func (l *Library) EmptyTrash() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return fmt.Errorf("empty trash: %w", err)
	}
	dir := filepath.Join(l.root, trashDir)
	ents, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("empty trash: %w", err)
	}
	for _, e := range ents {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return fmt.Errorf("empty trash: %w", err)
		}
	}
	return syncDir(dir)
}
