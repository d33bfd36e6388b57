package take

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// recover runs on a writable open, before anyone can be recording: it
// removes the temp files of writes a crash interrupted and repairs takes a
// crash left in the recording state. A read-only open must not do this,
// because the copy holding the lock may be recording right now.
func (l *Library) recover() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	removeTemps(filepath.Join(l.root, takesDir)) // imports a crash cut short
	names, err := ids(filepath.Join(l.root, takesDir))
	if err != nil {
		return err
	}
	for _, id := range names {
		dir := l.takeDir(id)
		removeTemps(dir)
		t, _, err := readTake(dir, id)
		if err != nil || t.Status != Recording {
			continue // damaged takes are reported by List, not fixed blindly
		}
		l.repair(t)
		if err := l.save(t); err != nil {
			return fmt.Errorf("recover take %s: %w", id, err)
		}
	}
	return nil
}

// repair makes an interrupted recording playable and measures what
// survived. Failures are kept in the take's Note rather than stopping the
// open: the take is still worth listing, and its transcript still counts.
func (l *Library) repair(t *Take) {
	t.Status = Recovered
	var notes []string
	p := t.AudioPath()
	if _, err := os.Stat(p); err != nil {
		notes = append(notes, "no audio was saved before the interruption")
	} else {
		if h := l.opts.Audio.Repair; h != nil {
			if _, err := h(p); err != nil {
				notes = append(notes, "audio repair failed: "+err.Error())
			}
		}
		if h := l.opts.Audio.Probe; h != nil {
			if d, _, err := h(p); err != nil {
				notes = append(notes, "audio unreadable after repair: "+err.Error())
			} else {
				t.DurationS = d
				t.Marks = marksWithin(t.Marks, d)
			}
		}
	}
	t.Note = strings.Join(notes, "; ")
	refreshReport(t)
}

// removeTemps deletes leftovers of atomic writes a crash interrupted; the
// file they were replacing is still intact.
func removeTemps(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), tempMark) {
			// A temp file that will not go stays harmless: readers skip it.
			_ = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}
