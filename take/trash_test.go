package take

import (
	"errors"
	"testing"
)

func TestTrashAndRestore(t *testing.T) {
	l := openTest(t)
	keep := recordTake(t, l, classic, "keep", 1, nil)
	gone := recordTake(t, l, classic, "gone", 1, nil)

	if err := l.Delete(gone.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := l.List(); len(list) != 1 || list[0].ID != keep.ID {
		t.Errorf("List after delete = %+v", list)
	}
	if tr, _ := l.Trash(); len(tr) != 1 || tr[0].ID != gone.ID || tr[0].Story != "gone" {
		t.Errorf("Trash = %+v", tr)
	}
	if _, err := l.Get(gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a trashed take = %v, want ErrNotFound", err)
	}
	if err := l.Delete(gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete = %v, want ErrNotFound", err)
	}

	if err := l.Restore(gone.ID); err != nil {
		t.Fatal(err)
	}
	got, err := l.Get(gone.ID)
	if err != nil || got.Story != "gone" || got.Report == nil {
		t.Fatalf("restored take %+v, %v", got, err)
	}
	if tr, _ := l.Trash(); len(tr) != 0 {
		t.Errorf("Trash after restore = %+v", tr)
	}
	if err := l.Restore(gone.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Restore of a take not in the trash = %v, want ErrNotFound", err)
	}

	// Restoring over a live take with the same id is refused.
	if err := l.Delete(keep.ID); err != nil {
		t.Fatal(err)
	}
	if err := copyDir(l.trashPath(keep.ID), l.takeDir(keep.ID)); err != nil {
		t.Fatal(err)
	}
	if err := l.Restore(keep.ID); !errors.Is(err, ErrExists) {
		t.Errorf("Restore over a live take = %v, want ErrExists", err)
	}

	if err := l.EmptyTrash(); err != nil {
		t.Fatal(err)
	}
	if tr, _ := l.Trash(); len(tr) != 0 {
		t.Errorf("Trash after EmptyTrash = %+v", tr)
	}
	if err := l.Restore(keep.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Restore after EmptyTrash = %v, want ErrNotFound", err)
	}
}
