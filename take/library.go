package take

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// ErrReadOnly is returned by every write on a library opened read-only,
// which happens when another copy of Retake holds the lock.
var ErrReadOnly = errors.New("the take library is open read-only")

// ErrLocked is returned by Open with Options.RequireWrite when another
// copy of Retake holds the library.
var ErrLocked = errors.New("another copy of Retake is using the take library")

// ErrNotFound is returned for an id with no take (or no trashed take).
var ErrNotFound = errors.New("no such take")

// ErrDamaged wraps the reason a take's take.json cannot be read.
var ErrDamaged = errors.New("take is damaged")

// AudioHooks is the audio work the library needs, injected so the package
// does not depend on the audio code. Both are optional.
type AudioHooks struct {
	// Repair makes a file a crash cut short playable again (for a WAV,
	// rewriting the RIFF sizes) and says whether it changed anything.
	Repair func(path string) (repaired bool, err error)
	// Probe reports an audio file's length in seconds and its format
	// ("wav" or "mp3"), failing for anything that is not audio.
	Probe func(path string) (durationS float64, format string, err error)
}

// Options configure Open.
type Options struct {
	// Root is the library root; empty means DefaultRoot().
	Root string
	// Audio is used to repair interrupted takes and probe imports.
	Audio AudioHooks
	// RequireWrite makes Open fail with ErrLocked instead of falling back
	// to read-only when another copy holds the lock.
	RequireWrite bool
	// Now is the clock for new takes; nil means time.Now.
	Now func() time.Time
}

// Library is an open take library. Its methods are safe for concurrent use.
type Library struct {
	root     string
	opts     Options
	lock     *os.File
	readOnly string // why the library is read-only, empty when writable

	mu sync.Mutex
}

// Open opens (creating if needed) the library at opts.Root. It takes the
// library's lock; when another copy of Retake holds it the library opens
// read-only (see ReadOnlyReason) unless opts.RequireWrite is set. A
// writable open also finishes what a crash interrupted: takes left in the
// recording state are repaired and marked recovered, and stale temp files
// of interrupted writes are removed.
func Open(opts Options) (*Library, error) {
	root := opts.Root
	if root == "" {
		var err error
		if root, err = DefaultRoot(); err != nil {
			return nil, fmt.Errorf("open take library: %w", err)
		}
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	for _, d := range []string{root, filepath.Join(root, takesDir), filepath.Join(root, trashDir)} {
		if err := os.MkdirAll(d, dirPerm); err != nil {
			return nil, fmt.Errorf("open take library: %w", err)
		}
	}
	l := &Library{root: root, opts: opts}
	f, busy, err := lockRoot(filepath.Join(root, lockName))
	switch {
	case busy && opts.RequireWrite:
		return nil, fmt.Errorf("open take library %s: %w", root, ErrLocked)
	case busy:
		l.readOnly = ErrLocked.Error()
	case err != nil && opts.RequireWrite:
		return nil, fmt.Errorf("open take library: %w", err)
	case err != nil:
		l.readOnly = err.Error()
	default:
		l.lock = f
	}
	if l.lock != nil {
		if err := l.recover(); err != nil {
			l.Close()
			return nil, fmt.Errorf("open take library: %w", err)
		}
	}
	return l, nil
}

// Close releases the lock. The library must not be used afterwards.
func (l *Library) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lock == nil {
		return nil
	}
	err := l.lock.Close() // closing the descriptor drops the flock
	l.lock = nil
	l.readOnly = "the take library is closed"
	return err
}

// Root returns the library's root folder.
func (l *Library) Root() string { return l.root }

// ReadOnly reports whether writes are refused.
func (l *Library) ReadOnly() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.readOnly != ""
}

// ReadOnlyReason says why the library is read-only, or "" when it is not.
func (l *Library) ReadOnlyReason() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.readOnly
}

// writable returns ErrReadOnly, with the reason, when writes are refused.
// The caller holds l.mu.
func (l *Library) writable() error {
	if l.readOnly != "" {
		return fmt.Errorf("%w: %s", ErrReadOnly, l.readOnly)
	}
	return nil
}

func (l *Library) takeDir(id string) string   { return filepath.Join(l.root, takesDir, id) }
func (l *Library) trashPath(id string) string { return filepath.Join(l.root, trashDir, id) }

// ids lists the entries under dir named like takes, skipping temp and
// hidden ones.
func ids(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	out := make([]string, 0, len(ents))
	for _, e := range ents {
		// Anything else with a take's name (a stray file, a symlink) is
		// kept so the listing can show it as damaged rather than hide it.
		if strings.HasPrefix(e.Name(), ".") || ValidateID(e.Name()) != nil {
			continue
		}
		out = append(out, e.Name())
	}
	return out, nil
}

// readTake loads dir/take.json. A take.json that is missing, unreadable,
// too large or invalid yields an error wrapping ErrDamaged with the
// reason; a folder that does not exist yields ErrNotFound.
func readTake(dir, id string) (*Take, bool, error) {
	// Lstat: a symlink in the library could point a take anywhere.
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("take %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, false, fmt.Errorf("take %s: %w", id, err)
	}
	if !fi.IsDir() {
		return nil, false, fmt.Errorf("take %s: %w: not a folder", id, ErrDamaged)
	}
	f, err := os.Open(filepath.Join(dir, takeFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("take %s: %w: take.json is missing", id, ErrDamaged)
	}
	if err != nil {
		return nil, false, fmt.Errorf("take %s: %w: %v", id, ErrDamaged, err)
	}
	defer f.Close()
	var size int64
	if fi, err := f.Stat(); err == nil {
		if size = fi.Size(); size > maxTakeSz {
			return nil, false, fmt.Errorf("take %s: %w: take.json is larger than %d bytes", id, ErrDamaged, maxTakeSz)
		}
	}
	data, err := readLimited(f, size, maxTakeSz)
	if err != nil {
		return nil, false, fmt.Errorf("take %s: %w: %v", id, ErrDamaged, err)
	}
	t, migrated, err := decodeTake(data)
	if err != nil {
		return nil, false, fmt.Errorf("take %s: %w: %v", id, ErrDamaged, err)
	}
	if t.ID != id {
		return nil, false, fmt.Errorf("take %s: %w: take.json names take %q", id, ErrDamaged, t.ID)
	}
	t.dir = dir
	return &t, migrated, nil
}

// Get loads one take, bringing it up to date: an old layout is migrated
// and a report made by another analyzer version is recomputed (and both
// are written back when the library is writable).
func (l *Library) Get(id string) (*Take, error) {
	if err := ValidateID(id); err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.load(id)
}

// load is Get with l.mu held.
func (l *Library) load(id string) (*Take, error) {
	t, migrated, err := readTake(l.takeDir(id), id)
	if err != nil {
		return nil, err
	}
	changed := refreshReport(t)
	if (migrated || changed) && l.readOnly == "" {
		if err := l.save(t); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Save writes a take's take.json atomically.
func (l *Library) Save(t *Take) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.save(t)
}

// save is Save with l.mu held.
func (l *Library) save(t *Take) error {
	if err := l.writable(); err != nil {
		return fmt.Errorf("save take %s: %w", t.ID, err)
	}
	if err := checkTake(t); err != nil {
		return fmt.Errorf("save take %s: %w", t.ID, err)
	}
	data, err := encodeTake(t)
	if err != nil {
		return err
	}
	dir := l.takeDir(t.ID)
	if err := writeAtomic(dir, takeFile, data); err != nil {
		return fmt.Errorf("save take %s: %w", t.ID, err)
	}
	t.dir = dir
	return nil
}
