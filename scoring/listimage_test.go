package scoring

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestListImage keeps the compiled image of the shipped lists what they
// compile to now; go test ./scoring -run TestListImage -update rewrites
// it after a word list or the compiler changes.
func TestListImage(t *testing.T) {
	fresh, err := compileLists(nil)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := listSources()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("..", "assets", filepath.FromSlash(listImagePath))
	if *update {
		data, err := encodeListImage(fresh, sum)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", path, len(data))
		return
	}
	const redo = " (run go test ./scoring -run TestListImage -update)"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err.Error() + redo)
	}
	shipped, err := readListImage(data)
	if err != nil {
		t.Fatal(err.Error() + redo)
	}
	if want := flattenLists(fresh, sum); !reflect.DeepEqual(shipped, want) {
		t.Fatal("the compiled word lists are not what assets/wordlists compiles to now" + redo)
	}
	builtinLists()
	if builtinImageErr != nil {
		t.Errorf("the shipped lists were compiled at run time, not loaded: %v", builtinImageErr)
	}
}

// TestListImageRebuildsTheLists checks that a set loaded from its image
// matches the set it was made from in everything the matcher reads:
// the same tries, in the same order, with the same word ids.
func TestListImageRebuildsTheLists(t *testing.T) {
	fresh, err := compileLists(nil)
	if err != nil {
		t.Fatal(err)
	}
	data, err := encodeListImage(fresh, 1)
	if err != nil {
		t.Fatal(err)
	}
	img, err := readListImage(data)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := img.lexSet()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(loaded.names, fresh.names) {
		t.Fatalf("list names differ")
	}
	singles := 0
	for _, n := range fresh.names {
		got, err1 := loaded.wordSet(n)
		want, err2 := fresh.wordSet(n)
		if err1 != nil || err2 != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("list %s: one-word patterns %v (%v), want %v (%v)", n, got, err1, want, err2)
		}
		singles += len(want)
	}
	if singles == 0 {
		t.Error("no list has a one-word pattern to compare")
	}
	if loaded.vocab.Len() != fresh.vocab.Len() {
		t.Fatalf("vocabulary of %d words, want %d", loaded.vocab.Len(), fresh.vocab.Len())
	}
	for id := int32(1); id < fresh.vocab.Len(); id++ {
		if loaded.vocab.Word(id) != fresh.vocab.Word(id) {
			t.Fatalf("word %d is %q, want %q", id, loaded.vocab.Word(id), fresh.vocab.Word(id))
		}
	}
	if !slices.Equal(loaded.soft, fresh.soft) || !slices.Equal(loaded.stops, fresh.stops) {
		t.Errorf("soft adverbs or wildcard stops differ")
	}
	if len(loaded.roots) != len(fresh.roots) {
		t.Fatalf("%d roots, want %d", len(loaded.roots), len(fresh.roots))
	}
	nodes := 0
	for i := range fresh.roots {
		nodes += sameTrie(t, "root "+strings.Join(fresh.roots[i].part.words, "|"), loaded.roots[i], fresh.roots[i])
	}
	same := func(what string, a, b []*node) {
		if len(a) != len(b) {
			t.Errorf("%s: %d nodes, want %d", what, len(a), len(b))
			return
		}
		for i := range a {
			if slices.Index(loaded.roots, a[i]) != slices.Index(fresh.roots, b[i]) {
				t.Errorf("%s: node %d is another root", what, i)
			}
		}
	}
	for id, want := range fresh.first {
		at := "first[" + fresh.vocab.Word(int32(id)) + "]"
		switch got := loaded.first[id]; {
		case (got == nil) != (want == nil):
			t.Fatalf("%s: %v, want %v", at, got, want)
		case want != nil:
			sameTrie(t, at, got, want)
		}
	}
	same("numeric roots", loaded.numeric, fresh.numeric)
	same("prefix roots", loaded.prefix, fresh.prefix)
	if nodes < 1000 {
		t.Errorf("compared only %d nodes; the shipped lists make thousands", nodes)
	}
}

// sameTrie compares two tries node by node and returns how many nodes
// it compared.
func sameTrie(t *testing.T, at string, got, want *node) int {
	t.Helper()
	p, q := got.part, want.part
	// A loaded part keeps the ids of its words, not the words.
	if p.kind != q.kind || !slices.Equal(p.prefixes, q.prefixes) ||
		!slices.Equal(p.ids, q.ids) || !slices.Equal(p.bits, q.bits) {
		t.Fatalf("%s: part %+v, want %+v", at, p, q)
	}
	if len(got.ends) != len(want.ends) {
		t.Fatalf("%s: %d pattern ends, want %d", at, len(got.ends), len(want.ends))
	}
	for i, e := range want.ends {
		g := got.ends[i]
		if g.lex != e.lex || *g.pat != *e.pat {
			t.Fatalf("%s: end %d is %v %+v, want %v %+v", at, i, g.lex, *g.pat, e.lex, *e.pat)
		}
	}
	if len(got.kids) != len(want.kids) || len(got.byWord) != len(want.byWord) || len(got.other) != len(want.other) {
		t.Fatalf("%s: children differ in number", at)
	}
	for id, ks := range want.byWord {
		gs := got.byWord[id]
		if len(gs) != len(ks) {
			t.Fatalf("%s: word %d leads to %d children, want %d", at, id, len(gs), len(ks))
		}
		for i := range ks {
			if slices.Index(got.kids, gs[i]) != slices.Index(want.kids, ks[i]) {
				t.Fatalf("%s: word %d leads to another child", at, id)
			}
		}
	}
	for i := range want.other {
		if slices.Index(got.kids, got.other[i]) != slices.Index(want.kids, want.other[i]) {
			t.Fatalf("%s: other child %d differs", at, i)
		}
	}
	n := 1
	for i := range want.kids {
		n += sameTrie(t, at+" > "+want.kids[i].key, got.kids[i], want.kids[i])
	}
	return n
}

// TestListImageRefusesDamage damages an image in each of the ways its
// arrays could disagree; every one is an error, never a panic or a set
// that matches wrongly.
func TestListImageRefusesDamage(t *testing.T) {
	ls, err := compileLists(nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		damage func(img *listImage)
	}{
		{"a node its own child", func(img *listImage) {
			// The first node with children; its first child is Kids[0].
			i := slices.IndexFunc(img.KidN, func(n int32) bool { return n > 0 })
			img.Kids[0] = int32(i)
		}},
		{"a child after its parent", func(img *listImage) {
			i := slices.IndexFunc(img.KidN, func(n int32) bool { return n > 0 })
			img.Kids[0] = int32(i + 1)
		}},
		{"a first word past the vocabulary", func(img *listImage) { img.FirstWord[0] = int32(len(img.Words) + 5000) }},
		{"a first word of no node", func(img *listImage) { img.FirstNode[0] = int32(len(img.Kind)) }},
		{"first words and nodes apart", func(img *listImage) { img.FirstNode = img.FirstNode[1:] }},
		{"a child past the last node", func(img *listImage) { img.Kids[len(img.Kids)-1] = int32(len(img.Kind)) }},
		{"a word id past the vocabulary", func(img *listImage) { img.WordIDs[3] = int32(len(img.Words) + 5000) }},
		{"word id 0", func(img *listImage) { img.WordIDs[0] = 0 }},
		{"a run of negative length", func(img *listImage) { img.WordN[0], img.WordN[1] = -1, img.WordN[1]+img.WordN[0]+1 }},
		{"runs short of their array", func(img *listImage) { img.KidN = img.KidN[:len(img.KidN)-1] }},
		{"runs longer than their array", func(img *listImage) { img.EndN[0]++ }},
		{"an unknown part kind", func(img *listImage) { img.Kind[2] = 9 }},
		{"an end in no list", func(img *listImage) { img.EndList[0] = int32(len(img.Names)) }},
		{"an end of no pattern", func(img *listImage) { img.EndPat[0] = -1 }},
		{"a root past the last node", func(img *listImage) { img.Roots[0] = int32(len(img.Kind) + 1) }},
		{"weights missing", func(img *listImage) { img.PatWeight = img.PatWeight[:1] }},
		{"a pattern of no line", func(img *listImage) { img.PatLine[0] = int32(len(img.Lines)) }},
		{"a vocabulary word twice", func(img *listImage) { img.Words[1] = img.Words[0] }},
		{"more prefix roots than the matcher can mark", func(img *listImage) {
			for _, r := range img.Roots {
				if img.PrefixN[r] > 0 {
					for range maxPrefixRoots {
						img.Roots = append(img.Roots, r)
					}
					return
				}
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img := flattenLists(ls, 1)
			c.damage(img)
			if _, err := img.lexSet(); err == nil {
				t.Fatal("a damaged image was accepted")
			}
		})
	}
	if _, err := flattenLists(ls, 1).lexSet(); err != nil {
		t.Fatalf("the undamaged image: %v", err)
	}
	for _, data := range [][]byte{nil, []byte("not an image at all"), {0x7f, 0xff, 0x81}} {
		if _, err := readListImage(data); err == nil {
			t.Errorf("%q was read as an image", data)
		}
	}
	var other bytes.Buffer
	img := flattenLists(ls, 1)
	img.Format = listImageFormat + 1
	if err := gob.NewEncoder(&other).Encode(img); err != nil {
		t.Fatal(err)
	}
	if _, err := readListImage(other.Bytes()); err == nil || !strings.Contains(err.Error(), "format") {
		t.Errorf("an image of another format: %v", err)
	}
}
