package scoring

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"strings"

	"retake/assets"
)

// The shipped word lists are compiled ahead of time: expanding their
// brace groups and building the tries took some 30 ms of every
// command's start and of the app's first analysis, more than the
// analysis of a whole answer. The compiled form is kept in assets as
// a listImage, made from the lists by
//
//	go test ./scoring -run TestListImage -update
//
// and TestListImage fails when it is not what the lists compile to
// now. At run time the image is used only when it was made from the
// very files embedded beside it; otherwise the lists compile as before,
// so a stale image costs time, never a wrong match.

// listImagePath is the compiled image of assets/wordlists in assets.
const listImagePath = "compiled/wordlists.gob"

// listImageFormat changes whenever listImage or what it means does, so
// an image of another format is never read as this one.
const listImageFormat = 3

// listImage is a lexSet flattened into arrays, indexed as the matcher
// reads it: the nodes of the merged trie and of the merged roots of
// each first word (firstword.go), which share nodes, in post-order (a
// node's children come before it), each node's words, prefixes,
// children and pattern ends as the next run of a shared array (node
// i's run of WordIDs is WordN[i] long and starts where node i-1's
// ends). Loading it builds no trie and merges nothing.
type listImage struct {
	Format  int
	Sources uint64 // listSources of the files the image was made from
	Names   []string
	Words   []string // the vocabulary after the class words
	Roots   []int32  // root nodes, in the order of their first field
	// FirstWord[i] is a word id whose walk starts at node FirstNode[i].
	FirstWord []int32
	FirstNode []int32

	Kind     []uint8
	WordN    []int32
	WordIDs  []int32
	PrefixN  []int32
	Prefixes []string
	KidN     []int32
	Kids     []int32
	EndN     []int32
	EndList  []int32
	EndPat   []int32

	// Patterns are a line of a list (Lines[PatLine[i]]: the lines a
	// brace group expands are kept once) and a weight.
	Lines     []string
	PatLine   []int32
	PatWeight []float64
}

// listSources hashes every list file of assets/wordlists (the phrase
// lists, the grammar, the filters and the contractions all shape the
// compiled lists) with the image format.
func listSources() (uint64, error) {
	entries, err := fs.ReadDir(assets.FS, "wordlists")
	if err != nil {
		return 0, fmt.Errorf("word lists: %w", err)
	}
	h := fnv.New64a()
	fmt.Fprintf(h, "format %d\n", listImageFormat)
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") {
			continue // the README
		}
		b, err := fs.ReadFile(assets.FS, "wordlists/"+e.Name())
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(h, "%s %d\n", e.Name(), len(b))
		h.Write(b)
	}
	return h.Sum64(), nil
}

// loadListImage returns the shipped lists from their compiled image, or
// why the image cannot stand for them.
func loadListImage() (*lexSet, error) {
	data, err := fs.ReadFile(assets.FS, listImagePath)
	if err != nil {
		return nil, err
	}
	sum, err := listSources()
	if err != nil {
		return nil, err
	}
	img, err := readListImage(data)
	if err != nil {
		return nil, err
	}
	if img.Sources != sum {
		return nil, fmt.Errorf("%s: made from other word lists than the ones shipped", listImagePath)
	}
	return img.lexSet()
}

// readListImage decodes an image of this format.
func readListImage(data []byte) (*listImage, error) {
	var img listImage
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&img); err != nil {
		return nil, fmt.Errorf("%s: %w", listImagePath, err)
	}
	if img.Format != listImageFormat {
		return nil, fmt.Errorf("%s: format %d, not %d", listImagePath, img.Format, listImageFormat)
	}
	return &img, nil
}

// encodeListImage flattens a compiled set of the shipped lists and
// encodes it.
func encodeListImage(ls *lexSet, sources uint64) ([]byte, error) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(flattenLists(ls, sources)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// flattenLists makes the image of a compiled set of lists.
func flattenLists(ls *lexSet, sources uint64) *listImage {
	loadClasses()
	img := &listImage{Format: listImageFormat, Sources: sources, Names: ls.names}
	for id := int32(len(classList)) + 1; id < ls.vocab.Len(); id++ {
		img.Words = append(img.Words, ls.vocab.Word(id))
	}
	// Number the nodes in post-order first, each once however many
	// parents share it, so each node's fields can be written in index
	// order and its children are known by then.
	var order []*node
	index := map[*node]int32{}
	var number func(n *node) int32
	number = func(n *node) int32 {
		if i, ok := index[n]; ok {
			return i
		}
		for _, k := range n.kids {
			number(k)
		}
		i := int32(len(order))
		index[n] = i
		order = append(order, n)
		return i
	}
	for _, r := range ls.roots {
		img.Roots = append(img.Roots, number(r))
	}
	for id, f := range ls.first {
		if f != nil {
			img.FirstWord = append(img.FirstWord, int32(id))
			img.FirstNode = append(img.FirstNode, number(f))
		}
	}
	pats := map[*pattern]int32{}
	lines := map[string]int32{}
	for _, n := range order {
		img.Kind = append(img.Kind, uint8(n.part.kind))
		img.WordIDs = append(img.WordIDs, n.part.ids...)
		img.WordN = append(img.WordN, int32(len(n.part.ids)))
		img.Prefixes = append(img.Prefixes, n.part.prefixes...)
		img.PrefixN = append(img.PrefixN, int32(len(n.part.prefixes)))
		for _, k := range n.kids {
			img.Kids = append(img.Kids, index[k])
		}
		img.KidN = append(img.KidN, int32(len(n.kids)))
		for _, e := range n.ends {
			p, ok := pats[e.pat]
			if !ok {
				p = int32(len(img.PatLine))
				pats[e.pat] = p
				l, ok := lines[e.pat.text]
				if !ok {
					l = int32(len(img.Lines))
					lines[e.pat.text] = l
					img.Lines = append(img.Lines, e.pat.text)
				}
				img.PatLine = append(img.PatLine, l)
				img.PatWeight = append(img.PatWeight, e.pat.weight)
			}
			img.EndList = append(img.EndList, int32(e.lex))
			img.EndPat = append(img.EndPat, p)
		}
		img.EndN = append(img.EndN, int32(len(n.ends)))
	}
	return img
}

// errBadImage is what a list image whose arrays do not fit together is.
var errBadImage = errors.New(listImagePath + ": the arrays do not fit together")

// lexSet rebuilds the compiled lists from the image. Every index is
// checked, and a child always comes before its parent, so a damaged
// image is an error, never a panic or a loop.
func (img *listImage) lexSet() (*lexSet, error) {
	n := len(img.Kind)
	if len(img.PatLine) != len(img.PatWeight) ||
		len(img.EndList) != len(img.EndPat) ||
		!runs(img.WordN, n, len(img.WordIDs)) || !runs(img.PrefixN, n, len(img.Prefixes)) ||
		!runs(img.KidN, n, len(img.Kids)) || !runs(img.EndN, n, len(img.EndList)) {
		return nil, errBadImage
	}
	ls := newLexSet(img.Names)
	// The vocabulary (a map of some four thousand words) is made on
	// another core while the nodes are built: they need only its size.
	loadClasses()
	size := int32(len(classList) + len(img.Words) + 1)
	vocabDone := make(chan struct{})
	go func() {
		ls.setVocab(img.Words)
		close(vocabDone)
	}()
	defer func() { <-vocabDone }()
	nodes := make([]node, n)
	kids := make([]*node, len(img.Kids))
	pats := make([]pattern, len(img.PatLine))
	for i, l := range img.PatLine {
		if l < 0 || int(l) >= len(img.Lines) {
			return nil, errBadImage
		}
		pats[i] = pattern{text: img.Lines[l], weight: img.PatWeight[i]}
	}
	ends := make([]listEnd, len(img.EndList))
	var w0, p0, k0, e0 int32
	for i := range nodes {
		nd := &nodes[i]
		nd.part.kind = partKind(img.Kind[i])
		if nd.part.kind > gapPart {
			return nil, errBadImage
		}
		w1, p1, k1, e1 := w0+img.WordN[i], p0+img.PrefixN[i], k0+img.KidN[i], e0+img.EndN[i]
		for _, id := range img.WordIDs[w0:w1] {
			if id <= 0 || id >= size {
				return nil, errBadImage
			}
		}
		if w1 > w0 {
			// The words themselves only make the tries; matching reads
			// their ids.
			nd.part.ids = img.WordIDs[w0:w1:w1]
			setBits(&nd.part, size)
		}
		if p1 > p0 {
			nd.part.prefixes = img.Prefixes[p0:p1:p1]
		}
		for j := k0; j < k1; j++ {
			k := img.Kids[j]
			if k < 0 || int(k) >= i {
				return nil, errBadImage
			}
			kids[j] = &nodes[k]
		}
		if k1 > k0 {
			nd.kids = kids[k0:k1:k1]
		}
		for j := e0; j < e1; j++ {
			l, p := img.EndList[j], img.EndPat[j]
			if l < 0 || int(l) >= len(img.Names) || p < 0 || int(p) >= len(pats) {
				return nil, errBadImage
			}
			ends[j] = listEnd{lex: int(l), pat: &pats[p]}
		}
		if e1 > e0 {
			nd.ends = ends[e0:e1:e1]
		}
		ls.indexKids(nd)
		w0, p0, k0, e0 = w1, p1, k1, e1
	}
	for _, r := range img.Roots {
		if r < 0 || int(r) >= n {
			return nil, errBadImage
		}
		ls.roots = append(ls.roots, &nodes[r])
	}
	ls.indexSpecialRoots()
	if len(ls.prefix) > maxPrefixRoots || len(img.FirstWord) != len(img.FirstNode) {
		return nil, errBadImage
	}
	ls.first = make([]*node, size)
	for i, id := range img.FirstWord {
		f := img.FirstNode[i]
		if id <= 0 || id >= size || f < 0 || int(f) >= n {
			return nil, errBadImage
		}
		ls.first[id] = &nodes[f]
	}
	<-vocabDone
	if ls.vocab.Len() != size {
		return nil, errBadImage // a word twice, or a class word
	}
	return ls, nil
}

// runs reports whether counts are the lengths of n runs that together
// fill an array of length total.
func runs(counts []int32, n, total int) bool {
	if len(counts) != n {
		return false
	}
	sum := 0
	for _, c := range counts {
		if c < 0 {
			return false
		}
		sum += int(c)
	}
	return sum == total
}
