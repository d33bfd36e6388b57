package scoring

import (
	"fmt"
	"sort"
	"strings"
)

// compiled is a rubric resolved against the word lists: every name
// looked up once, at load, so a typo fails there and never silently
// matches nothing while an answer is scored.
type compiled struct {
	ls       *lexSet
	secIndex map[string]int
	cues     [][]cueVote  // by section
	facts    [][]factVote // by section
	keep     []bool       // sections never dropped
	evidence map[string]evidence
	// flagOrder lists the flags so that a check that reads another
	// flag's spans runs after it.
	flagOrder []string
	// flagWave is, by position in flagOrder, the flag's wave: 0 when
	// its check reads no other flag, else one more than the latest wave
	// it reads. The checks of one wave may run at the same time.
	flagWave []int
	checks   map[string]check
	criteria [][]criterion // by section, in the rubric's order
	model    *sectionModel // nil when the rubric names none
}

type cueVote struct {
	list int
	w    float64
}

type factVote struct {
	fact fact
	w    float64
}

// builder resolves names while a rubric compiles.
type builder struct {
	r  *Rubric
	c  *compiled
	ev map[string]bool // evidence names defined
}

func compile(r *Rubric) (*compiled, error) {
	// The section model is read first, while a shipped rubric's lists
	// are still loading (prefetchBuiltinLists); its error, if any, is
	// reported where the decoder's fields are checked.
	var model *sectionModel
	var modelErr error
	if r.Decoder.Model != "" {
		model, modelErr = loadModel(r.Decoder.Model, r)
	}
	var ls *lexSet
	if len(r.Wordlists) == 0 {
		ls = builtinLists()
	} else {
		for n, lines := range r.Wordlists {
			if n == "" || strings.ContainsAny(n, "/\\ ") {
				return nil, fmt.Errorf("wordlists: %q is not a list name", n)
			}
			if _, err := parseLexicon(n, strings.Join(lines, "\n")); err != nil {
				return nil, fmt.Errorf("wordlists.%s: %w", n, err)
			}
		}
		var err error
		if ls, err = compileLists(r.Wordlists); err != nil {
			return nil, fmt.Errorf("wordlists: %w", err)
		}
	}
	c := &compiled{ls: ls, secIndex: map[string]int{}, evidence: map[string]evidence{}, checks: map[string]check{}}
	b := &builder{r: r, c: c, ev: map[string]bool{}}
	for i, s := range r.Sections {
		c.secIndex[s.ID] = i
	}
	c.keep = make([]bool, len(r.Sections))
	for _, id := range r.Decoder.Keep {
		i, ok := c.secIndex[id]
		if !ok {
			return nil, fmt.Errorf("decoder.keep: no section %q", id)
		}
		c.keep[i] = true
	}
	if r.Decoder.ClauseStarts != "" && ls.list(r.Decoder.ClauseStarts) < 0 {
		return nil, fmt.Errorf("decoder.clause_starts: no word list %q", r.Decoder.ClauseStarts)
	}
	if modelErr != nil {
		return nil, fmt.Errorf("decoder.model: %w", modelErr)
	}
	c.model = model
	if r.Decoder.Openers != "" && ls.list(r.Decoder.Openers) < 0 {
		return nil, fmt.Errorf("decoder.openers: no word list %q", r.Decoder.Openers)
	}
	for i, s := range r.Sections {
		var cv []cueVote
		for _, n := range sortedKeys(s.Cues) {
			li := ls.list(n)
			if li < 0 {
				return nil, fmt.Errorf("sections[%d].cues: no word list %q", i, n)
			}
			cv = append(cv, cueVote{li, s.Cues[n]})
		}
		var fv []factVote
		for _, n := range sortedKeys(s.Facts) {
			f, ok := factByName(n)
			if !ok {
				return nil, fmt.Errorf("sections[%d].facts: no clause fact %q (known: %s)", i, n, strings.Join(FactNames[:], ", "))
			}
			fv = append(fv, factVote{f, s.Facts[n]})
		}
		c.cues = append(c.cues, cv)
		c.facts = append(c.facts, fv)
	}
	for n := range r.Evidence {
		b.ev[n] = true
	}
	for _, n := range sortedKeys(r.Evidence) {
		e, err := b.evidence(n, r.Evidence[n])
		if err != nil {
			return nil, err
		}
		c.evidence[n] = e
	}
	for _, id := range sortedKeys(r.Flags) {
		ch, err := b.check(r.Flags[id].Check, "flags."+id+".check")
		if err != nil {
			return nil, err
		}
		c.checks[id] = ch
	}
	order, err := flagOrder(r)
	if err != nil {
		return nil, err
	}
	c.flagOrder = order
	c.flagWave = flagWaves(r, order)
	for i, s := range r.Sections {
		var cs []criterion
		for j, cr := range s.Criteria {
			at := fmt.Sprintf("sections[%d].criteria[%d].check", i, j)
			k, err := b.criterion(cr.Check, at)
			if err != nil {
				return nil, err
			}
			cs = append(cs, k)
		}
		c.criteria = append(c.criteria, cs)
	}
	return c, nil
}

// flagOrder sorts the flags so that every check runs after the flags it
// names, and fails on a cycle.
func flagOrder(r *Rubric) ([]string, error) {
	ids := sortedKeys(r.Flags)
	state := map[string]int{} // 1 visiting, 2 done
	var out []string
	var visit func(id, at string) error
	visit = func(id, at string) error {
		switch state[id] {
		case 1:
			return fmt.Errorf("%s: flags read each other in a cycle through %q", at, id)
		case 2:
			return nil
		}
		state[id] = 1
		for _, dep := range flagDeps(r.Flags[id].Check) {
			if _, ok := r.Flags[dep]; !ok {
				return fmt.Errorf("flags.%s.check.flags: no flag %q", id, dep)
			}
			if err := visit(dep, "flags."+id+".check.flags"); err != nil {
				return err
			}
		}
		state[id] = 2
		out = append(out, id)
		return nil
	}
	for _, id := range ids {
		if err := visit(id, "flags."+id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// flagWaves gives each flag of order (a flagOrder) its wave.
func flagWaves(r *Rubric, order []string) []int {
	wave := map[string]int{}
	out := make([]int, len(order))
	for i, id := range order {
		w := 0
		for _, dep := range flagDeps(r.Flags[id].Check) {
			w = max(w, wave[dep]+1)
		}
		wave[id], out[i] = w, w
	}
	return out
}

// flagDeps are the flags a check (and its parts) name, with any
// "ignore:" or "quote:" prefix taken off.
func flagDeps(c CheckSpec) []string {
	var out []string
	for _, f := range c.Flags {
		if _, id, ok := strings.Cut(f, ":"); ok {
			f = id
		}
		out = append(out, f)
	}
	for _, sub := range c.Of {
		out = append(out, flagDeps(sub)...)
	}
	return out
}

// list resolves a phrase list name.
func (b *builder) list(name, at string) (int, error) {
	if name == "" {
		return -1, fmt.Errorf("%s: missing", at)
	}
	li := b.c.ls.list(name)
	if li < 0 {
		return -1, fmt.Errorf("%s: no word list %q", at, name)
	}
	return li, nil
}

// roleLists resolves a kind's lists by role; required roles must be set,
// and no other role may be.
func (b *builder) roleLists(m map[string]string, at string, required []string, optional ...string) (map[string]int, error) {
	known := map[string]bool{}
	for _, r := range append(append([]string{}, required...), optional...) {
		known[r] = true
	}
	for _, role := range sortedKeys(m) {
		if !known[role] {
			return nil, fmt.Errorf("%s.lists.%s: not a list this kind reads (it reads %s)", at, role, strings.Join(append(required, optional...), ", "))
		}
	}
	out := map[string]int{}
	for _, role := range required {
		li, err := b.list(m[role], at+".lists."+role)
		if err != nil {
			return nil, err
		}
		out[role] = li
	}
	for _, role := range optional {
		if n, ok := m[role]; ok {
			li, err := b.list(n, at+".lists."+role)
			if err != nil {
				return nil, err
			}
			out[role] = li
		} else {
			out[role] = -1
		}
	}
	return out, nil
}

// sections resolves section ids to a membership table (nil: all).
func (b *builder) sections(ids []string, at string) ([]bool, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	out := make([]bool, len(b.r.Sections))
	for _, id := range ids {
		i, ok := b.c.secIndex[id]
		if !ok {
			return nil, fmt.Errorf("%s: no section %q", at, id)
		}
		out[i] = true
	}
	return out, nil
}

// section resolves one section id.
func (b *builder) section(id, at string) (int, error) {
	i, ok := b.c.secIndex[id]
	if !ok {
		return -1, fmt.Errorf("%s: no section %q", at, id)
	}
	return i, nil
}

// optSection resolves a section id that may be empty (-1).
func (b *builder) optSection(id, at string) (int, error) {
	if id == "" {
		return -1, nil
	}
	return b.section(id, at)
}

// evidenceRef resolves an evidence name.
func (b *builder) evidenceRef(name, at string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("%s: missing", at)
	}
	if !b.ev[name] {
		return "", fmt.Errorf("%s: no evidence %q", at, name)
	}
	return name, nil
}

// only fails when a spec sets fields its kind does not read.
func only(c CheckSpec, at string, allowed ...string) error {
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	set := map[string]bool{
		"list": c.List != "", "lists": len(c.Lists) > 0, "evidence": c.Evidence != "",
		"sections": len(c.Sections) > 0, "min": c.Min != nil, "max": c.Max != nil,
		"unless": len(c.Unless) > 0, "flags": len(c.Flags) > 0, "of": len(c.Of) > 0,
		"params": len(c.Params) > 0, "limit": c.Limit != 0, "at": c.At != "",
	}
	for _, f := range sortedKeys(set) {
		if set[f] && !ok[f] {
			return fmt.Errorf("%s.%s: the %q kind does not read it", at, f, c.Kind)
		}
	}
	return nil
}

// param returns a named parameter or its default, refusing names the
// kind does not know.
func params(p map[string]float64, at string, defaults map[string]float64) (map[string]float64, error) {
	out := map[string]float64{}
	for k, v := range defaults {
		out[k] = v
	}
	for _, k := range sortedKeys(p) {
		if _, ok := defaults[k]; !ok {
			return nil, fmt.Errorf("%s.params.%s: not a parameter of this kind (it has %s)", at, k, strings.Join(sortedKeys(defaults), ", "))
		}
		out[k] = p[k]
	}
	return out, nil
}

// unless checks filter names against those a kind offers.
func unlessSet(names []string, at string, offered ...string) (map[string]bool, error) {
	ok := map[string]bool{}
	for _, o := range offered {
		ok[o] = true
	}
	out := map[string]bool{}
	for _, n := range names {
		if !ok[n] {
			return nil, fmt.Errorf("%s.unless: %q is not a filter of this kind (it has %s)", at, n, strings.Join(offered, ", "))
		}
		out[n] = true
	}
	return out, nil
}

func num(p *float64, def float64) float64 {
	if p == nil {
		return def
	}
	return *p
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
