package take

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// The marks journal keeps a take's section marks while it is recorded,
// so a crash does not lose them: take.json is written when the recording
// starts and when it stops, and the marks pressed in between would
// otherwise live only in the app's memory. Each mark is one line appended
// and synced as it is pressed (the recorder syncs the audio's header
// every second, so the two survive a crash together):
//
//	mark 2 31.250
//
// says section mark 2 (the start of the third section) was pressed 31.25 s
// into the recording. A later line for the same mark replaces it. Recovery
// reads the journal back; Finish and recovery delete it once the marks are
// in take.json.

// journalName is the journal's file name inside a take's folder.
const journalName = "marks.journal"

// maxJournalBytes bounds what is read of a journal: a take has at most
// maxMarks marks, a few dozen bytes each; the rest is not a journal.
const maxJournalBytes = 16 << 10

// journalLine is the line that records mark n at seconds.
func journalLine(n int, seconds float64) string {
	return "mark " + strconv.Itoa(n) + " " + strconv.FormatFloat(seconds, 'f', -1, 64) + "\n"
}

// readJournal reads a marks journal and returns the marks it holds, in
// order, and how many lines it could not use. Only whole lines count: a
// last line without its newline is a write a crash cut short. The marks
// returned are the run 1, 2, ... up to the first missing one, cut where
// a mark would go back in time, so they always pass checkMarks.
func readJournal(r io.Reader) (marks []float64, bad int) {
	data, _ := io.ReadAll(io.LimitReader(r, maxJournalBytes))
	if i := bytes.LastIndexByte(data, '\n'); i >= 0 {
		data = data[:i+1]
	} else {
		data = nil
	}
	var got [maxMarks + 1]float64
	var have [maxMarks + 1]bool
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		n, secs, ok := parseJournalLine(sc.Text())
		if !ok {
			bad++
			continue
		}
		got[n], have[n] = secs, true
	}
	marks = []float64{}
	for n := 1; n <= maxMarks && have[n]; n++ {
		if len(marks) > 0 && got[n] < marks[len(marks)-1] {
			bad++
			break
		}
		marks = append(marks, got[n])
	}
	return marks, bad
}

// parseJournalLine reads "mark N SECONDS".
func parseJournalLine(line string) (n int, secs float64, ok bool) {
	f := strings.Split(line, " ")
	if len(f) != 3 || f[0] != "mark" {
		return 0, 0, false
	}
	n, err := strconv.Atoi(f[1])
	if err != nil || n < 1 || n > maxMarks || f[1] != strconv.Itoa(n) {
		return 0, 0, false
	}
	if f[2] == "" || strings.Trim(f[2], "0123456789.") != "" {
		return 0, 0, false // no signs, exponents, NaN or Inf
	}
	secs, err = strconv.ParseFloat(f[2], 64)
	if err != nil || !finite(secs) || secs < 0 {
		return 0, 0, false
	}
	return n, secs, true
}

// readJournalIn reads the journal in an open take folder; a missing,
// linked or unreadable journal holds no marks.
func readJournalIn(d *os.File) ([]float64, int) {
	f, err := openIn(d, journalName, os.O_RDONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0
	}
	if err != nil {
		return nil, 1
	}
	defer f.Close()
	return readJournal(f)
}

// dropJournal deletes a take's journal once its marks are in take.json.
func dropJournal(dir string) {
	d, err := openDir(dir)
	if err != nil {
		return
	}
	defer d.Close()
	// A journal that will not go is harmless: its marks match take.json's.
	_ = removeIn(d, journalName)
}

// MarkSection records, as it is pressed, that section mark n (1 for the
// start of the second section, up to one fewer than the take's rubric
// has sections) fell at seconds into the take
// being recorded. The mark is appended to the take's marks journal and
// synced, so a crash keeps it and recovery restores it; Finish still
// stores the final marks. Only a take in the recording state takes marks.
func (l *Library) MarkSection(id string, n int, seconds float64) error {
	if err := ValidateID(id); err != nil {
		return err
	}
	if n < 1 || n > maxMarks || !finite(seconds) || seconds < 0 {
		return fmt.Errorf("mark take %s: mark %d at %v s is not a section mark 1 to %d at a time in the take", id, n, seconds, maxMarks)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.writable(); err != nil {
		return fmt.Errorf("mark take %s: %w", id, err)
	}
	t, _, err := readTake(l.takeDir(id), id)
	if err != nil {
		return fmt.Errorf("mark take %s: %w", id, err)
	}
	if t.Status != Recording {
		return fmt.Errorf("mark take %s: the take is %s, not being recorded", id, t.Status)
	}
	if most := marksFor(t); n > most {
		return fmt.Errorf("mark take %s: mark %d, but its rubric has room for %d", id, n, most)
	}
	d, err := openDir(t.dir)
	if err != nil {
		return fmt.Errorf("mark take %s: %w", id, err)
	}
	defer d.Close()
	f, err := openIn(d, journalName, os.O_WRONLY|os.O_APPEND|os.O_CREATE, filePerm)
	if err != nil {
		return fmt.Errorf("mark take %s: %w", id, err)
	}
	_, err = f.WriteString(journalLine(n, seconds))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = d.Sync() // the journal's own entry, the first time
	}
	if err != nil {
		return fmt.Errorf("mark take %s: write marks journal: %w", id, err)
	}
	return nil
}
