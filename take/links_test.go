package take

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// secret is what a file outside the library holds; no export may carry
// it and no write may change it.
const secret = "root:not-for-a-zip:19000:0:99999:7:::\n"

// outsideFile writes a file outside the library and returns its path.
func outsideFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// listed returns the listing row of id.
func listed(t *testing.T, l *Library, id string) Summary {
	t.Helper()
	list, err := l.List()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("%s not listed in %+v", id, list)
	return Summary{}
}

func TestLinkedAudioIsDamagedAndNeverExported(t *testing.T) {
	l := openTest(t)
	tk := recordTake(t, l, classic, "", 1, nil)
	shadow := outsideFile(t, "shadow", secret)
	if err := os.Remove(tk.AudioPath()); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(shadow, tk.AudioPath()); err != nil {
		t.Fatal(err)
	}
	if s := listed(t, l, tk.ID); s.Status != Damaged || !strings.Contains(s.Reason, "audio.wav is a symbolic link") {
		t.Errorf("take with linked audio listed as %+v", s)
	}
	out := filepath.Join(t.TempDir(), "x.zip")
	if err := l.Export(tk.ID, out); !errors.Is(err, ErrDamaged) {
		t.Errorf("Export = %v, want ErrDamaged", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a zip was written")
	}
	// The audio turning into a link after the take was read (a race) is
	// caught when the file is opened.
	var buf bytes.Buffer
	err := writeZip(&buf, tk)
	if err == nil || !strings.Contains(err.Error(), "symbolic link") || bytes.Contains(buf.Bytes(), []byte("not-for-a-zip")) {
		t.Errorf("zip of a take whose audio became a link: %v (secret in zip: %v)", err, bytes.Contains(buf.Bytes(), []byte("not-for-a-zip")))
	}
}

func TestRecoveryNeverWritesThroughALink(t *testing.T) {
	l := openTest(t)
	tk, err := l.Create(classic, "")
	if err != nil {
		t.Fatal(err)
	}
	victim := filepath.Join(t.TempDir(), "elsewhere.wav")
	writeWAV(t, victim, 1, true) // a crashed header that recovery would rewrite
	before, _ := os.ReadFile(victim)
	if err := os.Symlink(victim, tk.AudioPath()); err != nil {
		t.Fatal(err)
	}
	l.Close()
	l2, err := Open(Options{Root: l.Root(), Audio: testHooks})
	if err != nil {
		t.Fatal(err)
	}
	defer l2.Close()
	if after, _ := os.ReadFile(victim); !bytes.Equal(before, after) {
		t.Fatal("recovery rewrote a file outside the take through a link")
	}
	if s := listed(t, l2, tk.ID); s.Status != Damaged || !strings.Contains(s.Reason, "symbolic link") {
		t.Errorf("listed as %+v", s)
	}
	if err := l2.MarkSection(tk.ID, 1, 1); err == nil {
		t.Error("a mark was journaled into a damaged take")
	}
}

func TestLinkedTakeJSONAndFoldersAreDamaged(t *testing.T) {
	l := openTest(t)
	good := recordTake(t, l, classic, "", 1, nil)
	valid, err := os.ReadFile(filepath.Join(good.Dir(), takeFile))
	if err != nil {
		t.Fatal(err)
	}

	// take.json is a link to a valid take.json outside the library.
	linkedJSON := "20260301T100000000Z-11111111"
	out := outsideFile(t, "take.json", strings.Replace(string(valid), good.ID, linkedJSON, 1))
	dir := filepath.Join(l.Root(), takesDir, linkedJSON)
	os.Mkdir(dir, 0o700)
	if err := os.Symlink(out, filepath.Join(dir, takeFile)); err != nil {
		t.Fatal(err)
	}
	// The take's folder is a link to a folder outside.
	linkedDir := "20260301T100000000Z-22222222"
	outDir := t.TempDir()
	os.WriteFile(filepath.Join(outDir, takeFile), []byte(strings.Replace(string(valid), good.ID, linkedDir, 1)), 0o600)
	if err := os.Symlink(outDir, filepath.Join(l.Root(), takesDir, linkedDir)); err != nil {
		t.Fatal(err)
	}
	// take.json is a FIFO: reading it must not hang.
	fifo := "20260301T100000000Z-33333333"
	os.Mkdir(filepath.Join(l.Root(), takesDir, fifo), 0o700)
	if err := syscall.Mkfifo(filepath.Join(l.Root(), takesDir, fifo, takeFile), 0o600); err != nil {
		t.Fatal(err)
	}
	// audio.wav is a FIFO.
	fifoAudio := recordTake(t, l, classic, "", 1, nil)
	os.Remove(fifoAudio.AudioPath())
	if err := syscall.Mkfifo(fifoAudio.AudioPath(), 0o600); err != nil {
		t.Fatal(err)
	}

	done := make(chan struct{})
	go func() {
		defer close(done)
		for id, want := range map[string]string{
			linkedJSON:   "take.json is a symbolic link",
			linkedDir:    linkedDir + " is a symbolic link",
			fifo:         "take.json is a named pipe (FIFO), not a regular file",
			fifoAudio.ID: "audio.wav is a named pipe (FIFO), not a regular file",
		} {
			if s := listed(t, l, id); s.Status != Damaged || !strings.Contains(s.Reason, want) {
				t.Errorf("%s listed as %+v, want damaged: %s", id, s, want)
			}
			if _, err := l.Get(id); !errors.Is(err, ErrDamaged) {
				t.Errorf("Get(%s) = %v, want ErrDamaged", id, err)
			}
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("reading the library hung on a FIFO")
	}
	if s := listed(t, l, good.ID); s.Status != OK {
		t.Errorf("the good take is %+v", s)
	}
	if after, _ := os.ReadFile(out); !strings.Contains(string(after), linkedJSON) {
		t.Error("the outside take.json was changed")
	}
}

func TestLinkedTrashEntries(t *testing.T) {
	l := openTest(t)
	outDir := t.TempDir()
	keep := filepath.Join(outDir, "keep.txt")
	os.WriteFile(keep, []byte(secret), 0o600)
	id := "20260301T100000000Z-44444444"
	if err := os.Symlink(outDir, l.trashPath(id)); err != nil {
		t.Fatal(err)
	}
	tr, err := l.Trash()
	if err != nil || len(tr) != 1 || tr[0].Status != Damaged || !strings.Contains(tr[0].Reason, "symbolic link") {
		t.Fatalf("Trash = %+v, %v", tr, err)
	}
	if err := l.Restore(id); !errors.Is(err, ErrDamaged) {
		t.Errorf("Restore of a linked trash entry = %v", err)
	}
	if _, err := os.Lstat(l.takeDir(id)); err == nil {
		t.Error("a link was restored into the library")
	}
	if err := l.EmptyTrash(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("emptying the trash deleted a file outside the library: %v", err)
	}
}

func TestLockFileLinkIsNotFollowed(t *testing.T) {
	root := t.TempDir()
	target := outsideFile(t, "target", secret)
	if err := os.Symlink(target, filepath.Join(root, lockName)); err != nil {
		t.Fatal(err)
	}
	l, err := Open(Options{Root: root, LockWait: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !l.ReadOnly() {
		t.Error("a linked lock file was used as the lock")
	}
}
