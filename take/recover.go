package take

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// recoverAll runs when the library becomes writable, before anyone can be
// recording: it removes the temp files of writes a crash interrupted and
// repairs takes a crash left in the recording state. A take it cannot
// repair or store now is kept in l.pending with the reason, and tried
// again when it is next loaded; it never stops the open. A read-only
// library must not do this, because the copy holding the lock may be
// recording right now. The caller holds l.mu.
func (l *Library) recoverAll() {
	removeTemps(filepath.Join(l.root, takesDir)) // imports a crash cut short
	names, err := ids(filepath.Join(l.root, takesDir))
	if err != nil {
		return // List reports the same error when asked
	}
	for _, id := range names {
		dir := l.takeDir(id)
		if fi, err := os.Lstat(dir); err != nil || !fi.IsDir() {
			continue // a link or a stray file: List reports it as damaged
		}
		tighten(dir, dirPerm)
		removeTemps(dir)
		t, _, err := readTake(dir, id)
		if err != nil || t.Status != Recording {
			continue // damaged takes are reported by List, not fixed blindly
		}
		if err := l.recoverTake(t); err != nil {
			l.pending[id] = recoveryReason(err)
		}
	}
}

// recoverTake repairs a take a crash left recording and stores it as
// recovered, then drops its marks journal, whose marks are now in
// take.json.
func (l *Library) recoverTake(t *Take) error {
	l.repair(t)
	if err := l.save(t); err != nil {
		return err
	}
	dropJournal(t.dir)
	l.recovered = append(l.recovered, t.ID)
	return nil
}

// recoveryReason is what a person reads about a take that could not be
// recovered: what went wrong, and what to do.
func recoveryReason(err error) string {
	todo := "check that the data folder is writable"
	if strings.Contains(err.Error(), "no space left") || strings.Contains(err.Error(), "quota") {
		todo = "free some disk space"
	}
	return fmt.Sprintf("the interrupted recording could not be stored (%v); %s, then open Retake again to finish its recovery", err, todo)
}

// repair makes an interrupted recording playable and measures what
// survived; the section marks pressed before the crash come back from the
// marks journal. The audio is opened inside the take's folder without
// following links, so a repair never writes outside the take. Failures
// are kept in the take's Note rather than stopping the open: the take is
// still worth listing, and its transcript still counts.
func (l *Library) repair(t *Take) {
	t.Status = Recovered
	var notes []string
	d, err := openDir(t.dir)
	if err != nil {
		t.Note = "the take's folder could not be opened: " + err.Error()
		return
	}
	defer d.Close()
	marks, bad := readJournalIn(d)
	if len(marks) > len(t.Marks) {
		t.Marks = marks
	}
	if bad > 0 {
		notes = append(notes, fmt.Sprintf("%d unreadable line(s) in the marks journal were skipped", bad))
	}
	f, err := openIn(d, t.Audio, os.O_RDWR, 0)
	switch {
	case t.Audio == "" || errors.Is(err, fs.ErrNotExist):
		notes = append(notes, "no audio was saved before the interruption")
	case err != nil:
		notes = append(notes, "audio unreadable: "+err.Error())
	default:
		if h := l.opts.Audio.Repair; h != nil {
			if _, err := h(f); err != nil {
				notes = append(notes, "audio repair failed: "+err.Error())
			}
		}
		if h := l.opts.Audio.Probe; h != nil {
			if d, _, err := h(f); err != nil {
				notes = append(notes, "audio unreadable after repair: "+err.Error())
			} else {
				t.DurationS = d
				t.Marks = marksWithin(t.Marks, d)
			}
		}
		t.Pauses = l.pausesOf(f)
		f.Close()
	}
	t.Note = strings.Join(notes, "; ")
	// The recovered length, marks and pauses change the report; one that
	// no longer parses keeps its old report (analyze leaves it on error).
	if strings.TrimSpace(t.Transcript) != "" {
		_ = analyze(t)
	}
}

// joinNotes joins the non-empty notes with "; ".
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
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
			// RemoveAll removes a link itself, never what it points to.
			_ = os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
}
