package take

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"retake/scoring"
	"strings"
	"sync"
	"time"
)

// ErrReadOnly is returned by every write on a library opened read-only:
// opened for reading (Options.ReadOnly), or while another copy of Retake
// held it for writing.
var ErrReadOnly = errors.New("the take library is open read-only")

// ErrLocked is returned by Open with Options.RequireWrite when another
// copy of Retake holds the library for longer than the lock wait.
var ErrLocked = errors.New("another copy of Retake is using the take library")

// ErrNotFound is returned for an id with no take (or no trashed take).
var ErrNotFound = errors.New("no such take")

// ErrDamaged wraps the reason a take's take.json cannot be read.
var ErrDamaged = errors.New("take is damaged")

// ErrNeedsRecovery wraps the reason a write to a take a crash interrupted
// cannot go ahead: the take has not been repaired and stored yet.
var ErrNeedsRecovery = errors.New("take needs recovery")

// DefaultLockWait is how long a writer waits for readers (or another
// writer) to let go of the library before giving up.
const DefaultLockWait = 5 * time.Second

// AudioHooks is the audio work the library needs, injected so the package
// does not depend on the audio code. Both are optional. The library
// opens the files itself, inside the take's folder and never through a
// link, and hands the open file over.
type AudioHooks struct {
	// Repair makes a file a crash cut short playable again (for a WAV,
	// rewriting the RIFF sizes) and says whether it changed anything.
	// f is open for reading and writing.
	Repair func(f *os.File) (repaired bool, err error)
	// Probe reports an audio file's length in seconds and its format
	// ("wav" or "mp3"), failing for anything that is not audio.
	Probe func(f *os.File) (durationS float64, format string, err error)
	// Pauses finds the silences between speech in a recording, for the
	// card's delivery; nil leaves pauses to the gaps between timed words.
	Pauses func(f *os.File) ([]scoring.Pause, error)
}

// Options configure Open.
type Options struct {
	// Root is the library root; empty means DefaultRoot().
	Root string
	// Audio is used to repair interrupted takes and probe imports.
	Audio AudioHooks
	// ReadOnly opens the library for reading only: it shares the lock
	// with other readers, never waits, and never writes (takes a crash
	// interrupted are listed as needing recovery, not repaired).
	ReadOnly bool
	// RequireWrite makes Open fail with ErrLocked instead of falling back
	// to read-only when another copy holds the lock past LockWait.
	RequireWrite bool
	// LockWait is how long a writer waits for the lock: 0 means
	// DefaultLockWait, a negative value not at all.
	LockWait time.Duration
	// Now is the clock for new takes; nil means time.Now.
	Now func() time.Time
}

// lockMode is how a library holds the root's lock.
type lockMode int

const (
	// unlocked: another copy holds the library for writing (or locking
	// failed); reads only, and takes in the recording state may be live.
	unlocked lockMode = iota
	// shared: a reader; no writer is active, so a take in the recording
	// state was left by a crash.
	shared
	// exclusive: the one writer.
	exclusive
)

// Library is an open take library. Its methods are safe for concurrent use.
type Library struct {
	root string
	opts Options

	mu       sync.Mutex
	lock     *os.File
	mode     lockMode
	readOnly string // why the library is read-only, empty when writable
	// otherWriter is set when another copy held the library for writing
	// when this one looked.
	otherWriter bool
	// pending holds the takes a crash left recording that a writable
	// open could not repair and store yet, with the reason.
	pending map[string]string
	// recovered lists the takes this library repaired and stored.
	recovered []string
	closed    bool
}

// Open opens (creating if needed) the library at opts.Root.
//
// A writer (the default) takes the library's lock exclusively, waiting
// up to opts.LockWait for readers or another writer to let go; when it
// cannot have it the library opens read-only (see ReadOnlyReason), or
// Open fails with ErrLocked if opts.RequireWrite is set. A read-only
// library that was refused the lock takes it over on its first write
// once the other copy has closed. A writable open also finishes what a
// crash interrupted: takes left in the recording state are repaired and
// marked recovered, and stale temp files of interrupted writes are
// removed. A take that cannot be repaired or stored now (a full disk)
// does not stop the open: it is listed as needing recovery, with the
// reason, reads of it keep working, and recovery is tried again.
//
// A reader (opts.ReadOnly) shares the lock with other readers and never
// waits: while a writer holds the library it reads without the lock.
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
	if opts.LockWait == 0 {
		opts.LockWait = DefaultLockWait
	}
	if opts.ReadOnly && opts.RequireWrite {
		return nil, errors.New("open take library: ReadOnly and RequireWrite exclude each other")
	}
	for _, d := range []string{root, filepath.Join(root, takesDir), filepath.Join(root, trashDir)} {
		if err := os.MkdirAll(d, dirPerm); err != nil {
			return nil, fmt.Errorf("open take library: %w", err)
		}
		// A folder made earlier by hand, or under a lax umask, is
		// tightened: voice recordings are private. A folder that is not
		// ours to change is left as it is.
		tighten(d, dirPerm)
	}
	l := &Library{root: root, opts: opts, pending: map[string]string{}}
	wait := max(opts.LockWait, 0)
	if opts.ReadOnly {
		wait = 0
	}
	f, busy, err := lockRoot(filepath.Join(root, lockName), opts.ReadOnly, wait)
	switch {
	case busy && opts.RequireWrite:
		return nil, fmt.Errorf("open take library %s: %w (waited %v)", root, ErrLocked, wait)
	case busy:
		l.readOnly, l.otherWriter = ErrLocked.Error(), true
	case err != nil && opts.RequireWrite:
		return nil, fmt.Errorf("open take library: %w", err)
	case err != nil:
		l.readOnly = "the library could not be locked: " + err.Error()
	case opts.ReadOnly:
		l.lock, l.mode, l.readOnly = f, shared, "opened for reading only"
	default:
		l.lock, l.mode = f, exclusive
	}
	if l.mode == exclusive {
		l.mu.Lock()
		l.recoverAll()
		l.mu.Unlock()
	}
	return l, nil
}

// tighten sets a folder's permissions to perm when they are looser.
func tighten(path string, perm os.FileMode) {
	if fi, err := os.Lstat(path); err == nil && fi.IsDir() && fi.Mode().Perm()&^perm != 0 {
		_ = os.Chmod(path, perm)
	}
}

// Close releases the lock. The library must not be used afterwards.
func (l *Library) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.closed = true
	l.readOnly = "the take library is closed"
	if l.lock == nil {
		return nil
	}
	err := l.lock.Close() // closing the descriptor drops the flock
	l.lock, l.mode = nil, unlocked
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

// OtherWriter reports whether another copy of Retake held the library
// for writing when this one opened it: takes it lists as recording may
// be being recorded right now.
func (l *Library) OtherWriter() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.otherWriter
}

// NeedsRecovery lists the takes a crash interrupted that are not
// repaired and stored yet, with the reason and what to do.
func (l *Library) NeedsRecovery() []Summary {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []Summary
	for id := range l.pending {
		if t, err := l.load(id); err == nil && t.Status == NeedsRecovery {
			out = append(out, summarize(t))
		}
	}
	sortSummaries(out)
	return out
}

// Recovered lists the ids of the takes a crash interrupted that this
// library has repaired and stored since it opened.
func (l *Library) Recovered() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.recovered...)
}

// writable returns ErrReadOnly, with the reason, when writes are refused.
// A library that was refused the lock tries once more to take it, so an
// app opened while another copy ran can write once that copy has closed.
// The caller holds l.mu.
func (l *Library) writable() error {
	if l.mode == unlocked && !l.closed && !l.opts.ReadOnly {
		if f, busy, err := lockRoot(filepath.Join(l.root, lockName), false, 0); err == nil && !busy {
			l.lock, l.mode, l.readOnly, l.otherWriter = f, exclusive, "", false
			// Nothing can be recording now: whoever held the library let go.
			l.recoverAll()
		}
	}
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
// too large, invalid, a link or not a regular file yields an error
// wrapping ErrDamaged with the reason, as does an audio file that is a
// link or not a regular file; a folder that does not exist yields
// ErrNotFound.
func readTake(dir, id string) (*Take, bool, error) {
	d, err := openDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, fmt.Errorf("take %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, false, fmt.Errorf("take %s: %w: %v", id, ErrDamaged, err)
	}
	defer d.Close()
	f, err := openIn(d, takeFile, os.O_RDONLY, 0)
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
	if t.Audio != "" {
		// A missing audio file is a take a crash stopped before any audio
		// reached the disk; a link could make the app play, export or
		// repair a file outside the take.
		kind, err := entryKind(d, t.Audio)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, false, fmt.Errorf("take %s: %w: %v", id, ErrDamaged, err)
		case kind != "":
			return nil, false, fmt.Errorf("take %s: %w: %s is %s, not a regular file", id, ErrDamaged, t.Audio, kind)
		}
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

// load is Get with l.mu held. Writing an up-to-date take back is a
// courtesy: when it fails (a full disk) the take is still returned, and
// the write is tried again on the next load. A take a crash left
// recording is recovered here when an earlier try failed, or shown as
// needing recovery.
func (l *Library) load(id string) (*Take, error) {
	t, migrated, err := readTake(l.takeDir(id), id)
	if err != nil {
		return nil, err
	}
	if t.Status == Recording {
		switch reason, pending := l.pending[id]; {
		case pending && l.mode == exclusive:
			if err := l.recoverTake(t); err != nil {
				reason = recoveryReason(err)
				l.pending[id] = reason
				t.Status, t.Note = NeedsRecovery, joinNotes(reason, t.Note)
				return t, nil
			}
			delete(l.pending, id)
			return t, nil
		case pending:
			t.Status, t.Note = NeedsRecovery, reason
		case l.mode == shared:
			// No writer is active, so nobody is recording this take: a
			// crash stopped it, and the next writer repairs it.
			t.Status, t.Note = NeedsRecovery, "the recording was interrupted; it is repaired when Retake next opens the library for writing (start the app, or run 'retake recover')"
		}
	}
	changed := refreshReport(t)
	if (migrated || changed) && l.readOnly == "" && t.Status != NeedsRecovery {
		_ = l.save(t)
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
	if t.Status == NeedsRecovery {
		return fmt.Errorf("save take %s: %w: %s", t.ID, ErrNeedsRecovery, t.Note)
	}
	if err := checkTake(t); err != nil {
		return fmt.Errorf("save take %s: %w", t.ID, err)
	}
	data, err := encodeStorable(t)
	if err != nil {
		return fmt.Errorf("save take %s: %w", t.ID, err)
	}
	dir := l.takeDir(t.ID)
	if err := writeAtomic(dir, takeFile, data); err != nil {
		return fmt.Errorf("save take %s: %w", t.ID, err)
	}
	t.dir = dir
	return nil
}
