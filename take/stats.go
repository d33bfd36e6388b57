package take

// Trend summarizes one figure over a run of takes, oldest first. Slope is
// the least-squares change per take: positive means rising.
type Trend struct {
	N     int     `json:"n"`
	First float64 `json:"first"`
	Last  float64 `json:"last"`
	Mean  float64 `json:"mean"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Slope float64 `json:"slope"`
}

// SectionTrend is one section's timing over a run of takes.
type SectionTrend struct {
	ID           string  `json:"id"`
	Title        string  `json:"title"`
	PlannedS     float64 `json:"planned_s"`
	PlannedShare float64 `json:"planned_share"`
	Seconds      Trend   `json:"seconds"`
	Share        Trend   `json:"share"`
}

// Stats is the trend view of a question and story: the last takes with
// their entries, and how score, length and section timing moved.
type Stats struct {
	Question string `json:"question"`
	Story    string `json:"story"`
	// Total counts every matching take; Entries holds the last N of them.
	Total    int            `json:"total"`
	Entries  []HistoryEntry `json:"entries"`
	Score    Trend          `json:"score"`
	Duration Trend          `json:"duration"`
	Sections []SectionTrend `json:"sections"`
}

// Stats returns trends over the last lastN takes of a question and story
// (empty matches all; lastN <= 0 means every take).
func (l *Library) Stats(question, story string, lastN int) (Stats, error) {
	h, err := l.History(question, story)
	if err != nil {
		return Stats{}, err
	}
	return stats(h, question, story, lastN), nil
}

// stats computes trends over the tail of a history.
func stats(h []HistoryEntry, question, story string, lastN int) Stats {
	st := Stats{Question: question, Story: story, Total: len(h)}
	if lastN > 0 && len(h) > lastN {
		h = h[len(h)-lastN:]
	}
	st.Entries = h
	if st.Entries == nil {
		st.Entries = []HistoryEntry{}
	}
	var scores, durations []float64
	type acc struct {
		trend         SectionTrend
		seconds, shar []float64
	}
	var order []string
	secs := map[string]*acc{}
	for _, e := range h {
		if e.Score != nil {
			scores = append(scores, float64(*e.Score))
		}
		if e.DurationS > 0 {
			durations = append(durations, e.DurationS)
		}
		for _, s := range e.Sections {
			a, ok := secs[s.ID]
			if !ok {
				a = &acc{trend: SectionTrend{ID: s.ID, Title: s.Title, PlannedS: s.PlannedS, PlannedShare: s.PlannedShare}}
				secs[s.ID] = a
				order = append(order, s.ID)
			}
			if e.Timed {
				a.seconds = append(a.seconds, s.Seconds)
				a.shar = append(a.shar, s.Share)
			}
		}
	}
	st.Score, st.Duration = trend(scores), trend(durations)
	st.Sections = make([]SectionTrend, 0, len(order))
	for _, id := range order {
		a := secs[id]
		a.trend.Seconds, a.trend.Share = trend(a.seconds), trend(a.shar)
		st.Sections = append(st.Sections, a.trend)
	}
	return st
}

// trend summarizes a series; the slope fits a line through (i, v[i]).
func trend(v []float64) Trend {
	t := Trend{N: len(v)}
	if len(v) == 0 {
		return t
	}
	t.First, t.Last, t.Min, t.Max = v[0], v[len(v)-1], v[0], v[0]
	sum := 0.0
	for _, x := range v {
		sum += x
		t.Min, t.Max = min(t.Min, x), max(t.Max, x)
	}
	t.Mean = sum / float64(len(v))
	if len(v) > 1 {
		mx := float64(len(v)-1) / 2
		var num, den float64
		for i, x := range v {
			num += (float64(i) - mx) * (x - t.Mean)
			den += (float64(i) - mx) * (float64(i) - mx)
		}
		t.Slope = num / den
	}
	return t
}
