package scoring

import "slices"

// A word often starts several roots of the merged trie: "the" starts
// "the|our|my * * forgot", "the|our|my|their * * missed" and a dozen
// more, whose first fields differ only in the other words they allow.
// Walked one by one, each root's wildcards read the same next words
// again: on a mebibyte of the corpus the roots "the" starts took more
// than half of all the matcher's steps. mergeRoots gives such a
// word one root whose children are the roots' children merged: equal
// parts become one node (copied, never changed in place: the roots are
// shared by every other word they start), different ones stay side by
// side. A merged trie holds the same paths to the same pattern ends,
// so it matches exactly what the roots did one by one.

// mergeRoots returns the one node to walk for a word that starts the
// roots rs: the root itself when there is one, nil when there is none.
func (ls *lexSet) mergeRoots(rs []*node) *node {
	switch len(rs) {
	case 0:
		return nil
	case 1:
		return rs[0]
	}
	m := &node{part: rs[0].part}
	own := map[*node]bool{m: true}
	for _, r := range rs {
		graft(m, r, own)
	}
	for n := range own {
		ls.indexKids(n)
	}
	return m
}

// graft merges the children and pattern ends of src into dst, which
// the merge owns. A child of dst that src's child matches the same way
// is copied into the merge before anything is added to it.
func graft(dst, src *node, own map[*node]bool) {
	dst.ends = append(dst.ends, src.ends...)
	for _, k := range src.kids {
		i := slices.IndexFunc(dst.kids, func(c *node) bool { return c.part.same(&k.part) })
		if i < 0 {
			dst.kids = append(dst.kids, k)
			continue
		}
		c := dst.kids[i]
		if !own[c] {
			c = &node{part: c.part, key: c.key, kids: slices.Clone(c.kids), ends: slices.Clone(c.ends)}
			own[c] = true
			dst.kids[i] = c
		}
		graft(c, k, own)
	}
}

// same reports whether two parts match exactly the same tokens: the
// same kind, words and prefixes.
func (p *part) same(q *part) bool {
	return p.kind == q.kind && slices.Equal(p.words, q.words) && slices.Equal(p.prefixes, q.prefixes)
}
