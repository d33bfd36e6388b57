package take

import (
	"math"
	"os"
	"reflect"
	"testing"
	"time"

	"retake/scoring"
)

// handTake stores a take made by hand: with flags and section seconds it
// carries a current report; with nil flags it has no transcript and only
// the recorder's marks.
func handTake(t *testing.T, l *Library, id string, minute int, q Question, story string, score int, flags []string, secs []float64, marks []float64, dur float64) {
	t.Helper()
	tk := &Take{
		ID: id, Question: q, Story: story, Created: time.Date(2026, 4, 1, 10, minute, 0, 0, time.UTC),
		DurationS: dur, Marks: marks, Audio: "audio.wav", Status: OK,
	}
	if flags != nil {
		r := scoring.Report{Version: 1, AnalyzerVersion: scoring.Version, Rubric: "mistake", Score: score, Flags: []scoring.Flag{}}
		weights := []float64{0.1, 0.15, 0.2, 0.2, 0.35}
		ids := []string{"situation", "mistake", "root-cause", "response", "change"}
		for i, s := range secs {
			r.Sections = append(r.Sections, scoring.SectionResult{ID: ids[i], Title: ids[i], Weight: weights[i], Seconds: s, PlannedS: weights[i] * 135})
		}
		for _, f := range flags {
			r.Flags = append(r.Flags, scoring.Flag{ID: f})
		}
		tk.Transcript, tk.TranscriptSource, tk.Report, tk.AnalyzerVersion = "hand-made", SourceTyped, &r, scoring.Version
	}
	if err := os.Mkdir(l.takeDir(id), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := l.Save(tk); err != nil {
		t.Fatal(err)
	}
}

func TestHistoryComparesWithPreviousTakeOfStory(t *testing.T) {
	l := openTest(t)
	other := Question{ID: "mistake-biggest", Rubric: "mistake"}
	handTake(t, l, "a1", 1, classic, "A", 40, []string{"no-stakes", "passive-voice"}, []float64{30, 10, 10, 20, 20}, nil, 90)
	handTake(t, l, "b1", 2, classic, "B", 30, []string{"generic-lesson"}, []float64{10, 10, 10, 10, 10}, nil, 50)
	handTake(t, l, "c1", 3, other, "A", 70, []string{}, []float64{10, 10, 10, 10, 10}, nil, 50)
	handTake(t, l, "a2", 4, classic, "A", 55, []string{"passive-voice", "fillers"}, []float64{20, 10, 20, 20, 30}, nil, 100)
	handTake(t, l, "a3", 5, classic, "A", 0, nil, nil, []float64{10, 20, 35, 50}, 90)
	handTake(t, l, "a4", 6, classic, "A", 80, []string{}, []float64{12, 18, 26, 27, 47}, nil, 130)

	h, err := l.History(classic.ID, "A")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range h {
		got = append(got, e.ID)
	}
	if !reflect.DeepEqual(got, []string{"a1", "a2", "a3", "a4"}) {
		t.Fatalf("history order %v", got)
	}
	for _, tc := range []struct {
		i              int
		prev           string
		fixed, raised  []string
		score          *int
		seconds, share []float64
	}{
		{0, "", []string{}, []string{}, ptr(40), []float64{30, 10, 10, 20, 20}, []float64{30.0 / 90, 10.0 / 90, 10.0 / 90, 20.0 / 90, 20.0 / 90}},
		{1, "a1", []string{"no-stakes"}, []string{"fillers"}, ptr(55), []float64{20, 10, 20, 20, 30}, []float64{0.2, 0.1, 0.2, 0.2, 0.3}},
		// No report: timing comes from the marks, and the comparison skips it.
		{2, "", []string{}, []string{}, nil, []float64{10, 10, 15, 15, 40}, []float64{10.0 / 90, 10.0 / 90, 15.0 / 90, 15.0 / 90, 40.0 / 90}},
		{3, "a2", []string{"passive-voice", "fillers"}, []string{}, ptr(80), []float64{12, 18, 26, 27, 47}, []float64{12.0 / 130, 18.0 / 130, 26.0 / 130, 27.0 / 130, 47.0 / 130}},
	} {
		e := h[tc.i]
		if e.PreviousID != tc.prev || !reflect.DeepEqual(e.Fixed, tc.fixed) || !reflect.DeepEqual(e.Raised, tc.raised) {
			t.Errorf("%s: previous %q fixed %v raised %v; want %q %v %v", e.ID, e.PreviousID, e.Fixed, e.Raised, tc.prev, tc.fixed, tc.raised)
		}
		if !reflect.DeepEqual(e.Score, tc.score) {
			t.Errorf("%s: score %v, want %v", e.ID, e.Score, tc.score)
		}
		if len(e.Sections) != 5 {
			t.Fatalf("%s: %d sections", e.ID, len(e.Sections))
		}
		for i, s := range e.Sections {
			if !near(s.Seconds, tc.seconds[i]) || !near(s.Share, tc.share[i]) {
				t.Errorf("%s section %s: %v s share %.3f, want %v s %.3f", e.ID, s.ID, s.Seconds, s.Share, tc.seconds[i], tc.share[i])
			}
		}
		if e.Sections[4].PlannedShare != 0.35 || !near(e.Sections[4].PlannedS, 47.25) {
			t.Errorf("%s: plan for change %+v", e.ID, e.Sections[4])
		}
	}

	all, _ := l.History("", "")
	if len(all) != 6 || all[1].ID != "b1" || all[1].PreviousID != "" || all[2].ID != "c1" || all[2].PreviousID != "" {
		t.Errorf("other stories and questions compared across: %+v", all)
	}

	st, err := l.Stats(classic.ID, "A", 3)
	if err != nil {
		t.Fatal(err)
	}
	if st.Total != 4 || len(st.Entries) != 3 || st.Entries[0].ID != "a2" {
		t.Fatalf("stats window: total %d, entries %d", st.Total, len(st.Entries))
	}
	if st.Score != (Trend{N: 2, First: 55, Last: 80, Mean: 67.5, Min: 55, Max: 80, Slope: 25}) {
		t.Errorf("score trend %+v", st.Score)
	}
	if st.Duration.N != 3 || st.Duration.First != 100 || st.Duration.Last != 130 || !near(st.Duration.Slope, 15) {
		t.Errorf("duration trend %+v", st.Duration)
	}
	ch := st.Sections[4]
	if ch.ID != "change" || ch.Seconds.N != 3 || ch.Seconds.First != 30 || ch.Seconds.Last != 47 || !near(ch.Seconds.Slope, 8.5) || !near(ch.Seconds.Mean, 39) {
		t.Errorf("change section trend %+v", ch)
	}
	if empty, _ := l.Stats("no-such-question", "", 0); empty.Total != 0 || empty.Entries == nil || empty.Score.N != 0 {
		t.Errorf("stats of nothing %+v", empty)
	}
}

func TestTrend(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want Trend
	}{
		{nil, Trend{}},
		{[]float64{5}, Trend{N: 1, First: 5, Last: 5, Mean: 5, Min: 5, Max: 5}},
		{[]float64{1, 2, 3}, Trend{N: 3, First: 1, Last: 3, Mean: 2, Min: 1, Max: 3, Slope: 1}},
		{[]float64{9, 3, 6}, Trend{N: 3, First: 9, Last: 6, Mean: 6, Min: 3, Max: 9, Slope: -1.5}},
	} {
		if got := trend(tc.in); got != tc.want {
			t.Errorf("trend(%v) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func ptr(i int) *int { return &i }

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestTimingFromMarks(t *testing.T) {
	for _, tc := range []struct {
		name    string
		marks   []float64
		dur     float64
		seconds []float64
		timed   bool
	}{
		{"all marks", []float64{10, 30, 55, 80}, 130, []float64{10, 20, 25, 25, 50}, true},
		{"stopped in section three", []float64{10, 30}, 45, []float64{10, 20, 15, 0, 0}, true},
		{"never pressed next", nil, 60, []float64{0, 0, 0, 0, 0}, false},
		{"no length", []float64{1, 2}, 0, []float64{0, 0, 0, 0, 0}, false},
	} {
		tk := &Take{Question: classic, Marks: tc.marks, DurationS: tc.dur}
		secs, timed := timing(tk)
		if timed != tc.timed || len(secs) != 5 {
			t.Fatalf("%s: timed %v, %d sections", tc.name, timed, len(secs))
		}
		for i, s := range secs {
			if s.Seconds != tc.seconds[i] {
				t.Errorf("%s: section %s %v s, want %v", tc.name, s.ID, s.Seconds, tc.seconds[i])
			}
		}
	}
}

func TestStatsLeaveOutUntimedTakes(t *testing.T) {
	l := openTest(t)
	handTake(t, l, "t1", 1, classic, "", 50, []string{}, []float64{10, 10, 10, 10, 0}, nil, 40)
	handTake(t, l, "t2", 2, classic, "", 0, nil, nil, nil, 60) // imported, never timed
	handTake(t, l, "t3", 3, classic, "", 70, []string{}, []float64{20, 10, 10, 10, 30}, nil, 80)
	st, err := l.Stats("", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	sit, ch := st.Sections[0].Seconds, st.Sections[4].Seconds
	if sit.N != 2 || sit.Mean != 15 || ch.N != 2 || ch.First != 0 || ch.Last != 30 {
		t.Errorf("situation %+v, change %+v: want two timed takes, zeros kept", sit, ch)
	}
	if st.Duration.N != 3 || st.Entries[1].Timed {
		t.Errorf("duration %+v, entry %+v", st.Duration, st.Entries[1])
	}
	list, err := l.List()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(list[0].SectionSeconds, []float64{10, 10, 10, 10, 0}) || list[1].SectionSeconds != nil {
		t.Errorf("listed section seconds %v and %v", list[0].SectionSeconds, list[1].SectionSeconds)
	}
}
