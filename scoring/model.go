package scoring

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"retake/assets"
	"retake/scoring/text"
)

// A section model is a multinomial logistic regression that gives each
// clause a probability for each section from its words, word pairs,
// clause facts and phrase-list matches. It is trained from the labeled
// corpora (TestSectionModel with -update-model writes it) and stored as
// data in assets/models; the decoder adds its log-probabilities to the
// cue votes, weighted by the rubric (decoder.model_weight), so the hand
// cues stay in charge and the model settles what they leave open. Its
// cross-validated effect (trained without one writer's set, measured on
// it) is what TestSectionModelCrossValidated prints.
type sectionModel struct {
	Sections []string `json:"sections"`
	// Weights maps a feature to its weight for each section.
	Weights map[string][]float32 `json:"weights"`

	// The word features indexed for scoring: each word of a "w:" or
	// "b:" feature has an index, uni holds the weights of single words
	// by index (nil when none) and bi those of word pairs.
	words map[string]int32
	uni   [][]float32
	bi    map[uint64][]float32
}

// index builds the word indexes from Weights.
func (m *sectionModel) index() {
	m.words = map[string]int32{}
	idx := func(w string) int32 {
		if i, ok := m.words[w]; ok {
			return i
		}
		i := int32(len(m.words))
		m.words[w] = i
		m.uni = append(m.uni, nil)
		return i
	}
	m.bi = map[uint64][]float32{}
	for f, ws := range m.Weights {
		switch {
		case strings.HasPrefix(f, "w:"):
			m.uni[idx(f[2:])] = ws
		case strings.HasPrefix(f, "b:"):
			a, b, ok := strings.Cut(f[2:], " ")
			if ok {
				m.bi[uint64(uint32(idx(a)))<<32|uint64(uint32(idx(b)))] = ws
			}
		}
	}
}

// loadModel reads assets/models/<name>.json and checks it names the
// rubric's sections in order.
func loadModel(name string, r *Rubric) (*sectionModel, error) {
	b, err := assets.Read("models/" + name + ".json")
	if err != nil {
		return nil, fmt.Errorf("no section model %q", name)
	}
	var m sectionModel
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("section model %q: %v", name, err)
	}
	if len(m.Sections) != len(r.Sections) {
		return nil, fmt.Errorf("section model %q has %d sections, the rubric %d", name, len(m.Sections), len(r.Sections))
	}
	for i, s := range r.Sections {
		if m.Sections[i] != s.ID {
			return nil, fmt.Errorf("section model %q: section %d is %q, the rubric's is %q", name, i, m.Sections[i], s.ID)
		}
	}
	for f, w := range m.Weights {
		if len(w) != len(m.Sections) {
			return nil, fmt.Errorf("section model %q: feature %q has %d weights", name, f, len(w))
		}
	}
	m.index()
	return &m, nil
}

// unitFeatures lists the features of unit u, with their values.
func unitFeatures(d *doc, u int, out map[string]float32) map[string]float32 {
	clear(out)
	un := d.units[u]
	out["bias"] = 1
	prev := "<s>"
	for i := un.lo; i < un.hi; i++ {
		t := d.Toks[i]
		if !t.Counts() {
			continue
		}
		w := d.norm(i)
		if t.Is(text.Number) {
			w = "<n>"
		}
		out["w:"+w] = 1
		out["b:"+prev+" "+w] = 1
		prev = w
	}
	for f, v := range d.facts[u] {
		if v > 0 {
			out["f:"+FactNames[f]] = 1
		}
	}
	for li, n := range d.ls.names {
		if wt := d.weightIn(li, un.lo, un.hi); wt > 0 {
			out["l:"+n] = float32(math.Min(wt, 3) / 3)
		}
	}
	return out
}

// logProbs writes the model's log-probability of each section for the
// features into out.
func (m *sectionModel) logProbs(f map[string]float32, out []float64) {
	for s := range out {
		out[s] = 0
	}
	for name, v := range f {
		if w, ok := m.Weights[name]; ok {
			for s := range out {
				out[s] += float64(w[s] * v)
			}
		}
	}
	lz := logSumExp(out)
	for s := range out {
		out[s] -= lz
	}
}

// logSumExp is log(sum(exp(v))), computed without overflow.
func logSumExp(vs []float64) float64 {
	mx := math.Inf(-1)
	for _, v := range vs {
		mx = math.Max(mx, v)
	}
	sum := 0.0
	for _, v := range vs {
		sum += math.Exp(v - mx)
	}
	return mx + math.Log(sum)
}

// modelVotes adds the model's weighted log-probabilities to the votes.
// It computes the same features as unitFeatures, but looks each word and
// word pair up once per text, by vocabulary id, instead of building a
// string per token.
func (a *analysis) modelVotes(em votes) {
	m := a.c.model
	if m == nil || a.r.Decoder.ModelWeight == 0 {
		return
	}
	d, k := a.d, em.k
	w := a.r.Decoder.ModelWeight
	z := make([]float64, len(d.units)*k)
	add := func(u int, ws []float32, v float32) {
		for s := 0; s < k; s++ {
			z[u*k+s] += float64(ws[s] * v)
		}
	}
	bias := m.Weights["bias"]
	// Phrase-list matches, summed per unit for each list the model
	// weighs. A list's hits are in text order, so each unit's sum is
	// complete when the next unit's hits begin.
	for li, n := range d.ls.names {
		ws, ok := m.Weights["l:"+n]
		if !ok {
			continue
		}
		cur, sum := -1, 0.0
		flush := func() {
			if cur >= 0 {
				add(cur, ws, float32(math.Min(sum, 3)/3))
			}
		}
		for _, h := range d.hits[li] {
			if u := d.unitOf(h.lo); u != cur {
				flush()
				cur, sum = u, 0
			}
			sum += h.weight
		}
		flush()
	}
	var factW [numFacts][]float32
	for f := range factW {
		factW[f] = m.Weights["f:"+FactNames[f]]
	}
	// The words' votes: a long text's units are shared out between the
	// cores, each writing only its own units' rows of z.
	byUnits(len(d.units), func(lo, hi int) {
		m.wordVotes(d, lo, hi, bias, &factW, add)
	})
	byUnits(len(d.units), func(lo, hi int) {
		for u := lo; u < hi; u++ {
			row := em.row(u)
			zu := z[u*k : (u+1)*k]
			lz := logSumExp(zu)
			for s := range row {
				row[s] += float32(w * math.Max(zu[s]-lz, minLogProb))
			}
		}
	})
}

// wordVotes adds the bias, clause facts and word features of units
// [lo, hi) through add.
func (m *sectionModel) wordVotes(d *doc, lo, hi int, bias []float32, factW *[numFacts][]float32, add func(u int, ws []float32, v float32)) {
	// Each word of the text is looked up in the model once, by its
	// vocabulary id; unknown when the model does not know it.
	const unknown, unseen = -1, -2
	local := make([]int32, d.Vocab.Len())
	for i := range local {
		local[i] = unseen
	}
	number, start := int32(unknown), int32(unknown)
	if i, ok := m.words["<n>"]; ok {
		number = i
	}
	if i, ok := m.words["<s>"]; ok {
		start = i
	}
	wordOf := func(i int) int32 {
		if d.Toks[i].Is(text.Number) {
			return number
		}
		id := d.Toks[i].Word
		if int(id) >= len(local) {
			return unknown
		}
		mi := local[id]
		if mi == unseen {
			mi = unknown
			if x, found := m.words[d.norm(i)]; found {
				mi = x
			}
			local[id] = mi
		}
		return mi
	}
	// Units are short, so the features already counted in one are kept
	// in a small list rather than a map.
	var seen []uint64
	once := func(key uint64) bool {
		for _, x := range seen {
			if x == key {
				return false
			}
		}
		seen = append(seen, key)
		return true
	}
	for u := lo; u < hi; u++ {
		un := d.units[u]
		if bias != nil {
			add(u, bias, 1)
		}
		for f, n := range d.facts[u] {
			if n > 0 && factW[f] != nil {
				add(u, factW[f], 1)
			}
		}
		seen = seen[:0]
		prev := start
		for i := un.lo; i < un.hi; i++ {
			if !d.Toks[i].Counts() {
				continue
			}
			mi := wordOf(i)
			// A feature counts once per unit, as unitFeatures' map does.
			if mi != unknown && m.uni[mi] != nil && once(uint64(uint32(mi))|1<<63) {
				add(u, m.uni[mi], 1)
			}
			if mi != unknown && prev != unknown {
				pair := uint64(uint32(prev))<<32 | uint64(uint32(mi))
				if ws, ok := m.bi[pair]; ok && once(pair&^(1<<63)) {
					add(u, ws, 1)
				}
			}
			prev = mi
		}
	}
}

// minLogProb bounds how hard the model can vote against a section.
const minLogProb = -12

// trainSectionModel fits a model to labeled clauses: AdaGrad on the log
// loss with an L2 penalty, the examples visited in a fixed order so the
// same data always gives the same model.
func trainSectionModel(sections []string, data []modelExample, epochs int, rate, l2 float64, minCount int) *sectionModel {
	k := len(sections)
	// Features seen in fewer clauses than minCount say more about one
	// answer than about how people talk: they are left out.
	seen := map[string]int{}
	for _, x := range data {
		for name := range x.f {
			seen[name]++
		}
	}
	for i := range data {
		f := map[string]float32{}
		for name, v := range data[i].f {
			if seen[name] >= minCount {
				f[name] = v
			}
		}
		data[i].f = f
	}
	w := map[string][]float64{}
	g2 := map[string][]float64{}
	p := make([]float64, k)
	for e := 0; e < epochs; e++ {
		for i := range data {
			x := data[(i*7919+e*31)%len(data)]
			for s := range p {
				p[s] = 0
			}
			for name, v := range x.f {
				if ws, ok := w[name]; ok {
					for s := range p {
						p[s] += ws[s] * float64(v)
					}
				}
			}
			softmax(p)
			for name, v := range x.f {
				ws := w[name]
				if ws == nil {
					ws = make([]float64, k)
					w[name] = ws
					g2[name] = make([]float64, k)
				}
				for s := 0; s < k; s++ {
					y := 0.0
					if s == x.y {
						y = 1
					}
					g := (p[s]-y)*float64(v) + l2*ws[s]
					g2[name][s] += g * g
					ws[s] -= rate * g / (math.Sqrt(g2[name][s]) + 1e-8)
				}
			}
		}
	}
	m := &sectionModel{Sections: sections, Weights: map[string][]float32{}}
	for name, ws := range w {
		keep := false
		out := make([]float32, k)
		for s, v := range ws {
			out[s] = float32(math.Round(v*1000) / 1000)
			keep = keep || math.Abs(v) >= modelPrune
		}
		if keep {
			m.Weights[name] = out
		}
	}
	m.index()
	return m
}

// modelPrune is the smallest weight worth keeping in the model file.
const modelPrune = 0.01

// modelExample is one labeled clause.
type modelExample struct {
	f map[string]float32
	y int
}

func softmax(p []float64) {
	mx := math.Inf(-1)
	for _, v := range p {
		mx = math.Max(mx, v)
	}
	z := 0.0
	for s := range p {
		p[s] = math.Exp(p[s] - mx)
		z += p[s]
	}
	for s := range p {
		p[s] /= z
	}
}

// encodeModel writes a model as stable JSON: one feature a line, sorted.
func encodeModel(m *sectionModel) []byte {
	var b strings.Builder
	ids, _ := json.Marshal(m.Sections)
	fmt.Fprintf(&b, "{\"sections\": %s,\n\"weights\": {\n", ids)
	names := make([]string, 0, len(m.Weights))
	for n := range m.Weights {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		key, _ := json.Marshal(n)
		var ws []string
		for _, v := range m.Weights[n] {
			ws = append(ws, strconv.FormatFloat(float64(v), 'f', -1, 32))
		}
		sep := ","
		if i == len(names)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "%s: [%s]%s\n", key, strings.Join(ws, ", "), sep)
	}
	b.WriteString("}}\n")
	return []byte(b.String())
}
