package scoring

import (
	"math"
	"strings"
	"testing"

	"retake/scoring/transcript"
)

// wordCues times every word of text as an engine would: each word lasts
// dur seconds, with gap seconds of silence after it, and the gaps map
// says where a longer silence follows a word (by word index).
func wordCues(text string, dur, gap float64, gaps map[int]float64) ([]transcript.Cue, float64) {
	var cues []transcript.Cue
	t, i, w := 0.0, 0, 0
	for i < len(text) {
		for i < len(text) && text[i] == ' ' {
			i++
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		if j > i {
			cues = append(cues, transcript.Cue{Start: i, End: j, From: t, To: t + dur})
			t += dur + gap + gaps[w]
			w++
		}
		i = j
	}
	return cues, t
}

func TestDeliveryFromWordTimes(t *testing.T) {
	text := strings.Join(strings.Fields(answerWith(nil)), " ")
	words := len(strings.Fields(text))
	// Word 3 is mid-sentence; the word before "That" ends a sentence.
	end := strings.Index(text, "That same morning")
	before := len(strings.Fields(text[:end])) - 1
	cues, total := wordCues(text, 0.3, 0.1, map[int]float64{3: 2.0, before: 1.6})
	rep := Analyze(Input{Text: text, Cues: cues, RecordingS: total, Source: Source{Kind: "engine", Name: "pocketsphinx"}, DropsFillers: true})
	d := rep.Delivery
	if d == nil {
		t.Fatal("no delivery from timed words")
	}
	if len(d.Pauses) != 2 || math.Abs(d.LongestPauseS-2.1) > 0.11 {
		t.Errorf("pauses %+v, longest %v; want two, the longest 2.1 s", d.Pauses, d.LongestPauseS)
	}
	speaking := total - 2.1 - 1.7 - 0.1 // the last word's trailing gap is not speech either
	if math.Abs(d.SpeakingS-speaking) > 0.3 {
		t.Errorf("speaking %v s, want about %v", d.SpeakingS, speaking)
	}
	if want := float64(words) / speaking * 60; math.Abs(d.WPM-want) > 3 {
		t.Errorf("pace %v wpm, want about %.0f", d.WPM, want)
	}
	if len(d.Sections) != 5 {
		t.Errorf("%d sections with delivery, want 5", len(d.Sections))
	}
	// Only the pause inside a sentence reads as hesitation.
	var lp *Flag
	for i := range rep.Flags {
		if rep.Flags[i].ID == "long-pauses" {
			lp = &rep.Flags[i]
		}
	}
	if lp != nil {
		t.Errorf("one mid-sentence pause raised long-pauses (the rubric wants two): %+v", lp)
	}
	if rep.Fillers.Heard {
		t.Error("fillers reported as heard from an engine that drops them")
	}
	if rep.Source.Name != "pocketsphinx" || !strings.Contains(RenderCard(rep), "not heard") {
		t.Errorf("the card does not say the fillers were not heard: source %+v", rep.Source)
	}
}

// TestRecordingPausesCountOnce is a draft's case: an engine's words
// touch (one ends as the next starts), short ones ("I", "to") last a
// tenth of a second, and the recording's pauses are measured apart from
// them. Each pause counts once, at the silence it falls in, not again at
// the word gaps a short word away from it.
func TestRecordingPausesCountOnce(t *testing.T) {
	text := strings.Join(strings.Fields(answerWith(nil)), " ")
	words := len(strings.Fields(text))
	// One pause mid-sentence, one between sentences.
	end := len(strings.Fields(text[:strings.Index(text, "That same morning")])) - 1
	cues, total := wordCues(text, 0.12, 0.01, map[int]float64{3: 2.0, end: 1.5})
	at := func(k int) float64 { return cues[k].To }
	rec := []Pause{{Start: at(3) + 0.05, End: at(3) + 1.95}, {Start: at(end) + 0.1, End: at(end) + 1.45}, {Start: total - 0.5, End: total}}
	rep := Analyze(Input{Text: text, Cues: cues, RecordingS: total, Pauses: rec, Source: Source{Kind: "engine", Name: "pocketsphinx"}, DropsFillers: true})
	d := rep.Delivery
	if d == nil {
		t.Fatal("no delivery")
	}
	if len(d.Pauses) != 2 || d.Pauses[0].Start != round1(rec[0].Start) || d.Pauses[1].End != round1(rec[1].End) {
		t.Fatalf("pauses %+v, want the recording's two, once each", d.Pauses)
	}
	speaking := at(words-1) - cues[0].From - (rec[0].End - rec[0].Start) - (rec[1].End - rec[1].Start)
	if math.Abs(d.SpeakingS-speaking) > 0.15 {
		t.Errorf("speaking %v s, want %.1f", d.SpeakingS, speaking)
	}
	if want := float64(words) / speaking * 60; math.Abs(d.WPM-want) > 3 {
		t.Errorf("pace %v wpm, want about %.0f", d.WPM, want)
	}
	// Every word takes the same time, so every section has the pace of
	// the whole: a pause subtracted from a section it is not in would
	// make that one look fast.
	sum := 0
	for _, s := range d.Sections {
		sum += s.Pauses
		if math.Abs(s.WPM-d.WPM) > d.WPM*0.1 {
			t.Errorf("section %s: %v s speaking at %v wpm, the whole at %v", s.ID, s.SpeakingS, s.WPM, d.WPM)
		}
	}
	if sum != 2 {
		t.Errorf("the sections hold %d pauses, want 2", sum)
	}
}

func TestLongPausesAndPace(t *testing.T) {
	text := strings.Join(strings.Fields(answerWith(nil)), " ")
	cues, total := wordCues(text, 0.3, 0.1, map[int]float64{3: 2.0, 9: 1.5, 30: 3})
	rep := Analyze(Input{Text: text, Cues: cues, RecordingS: total})
	if !rep.HasFlag("long-pauses") {
		t.Errorf("three mid-sentence pauses raised no long-pauses finding")
	}
	for _, f := range rep.Flags {
		if f.ID == "long-pauses" {
			if len(f.Spans) != 3 || f.Spans[0].T < 1 {
				t.Errorf("long-pauses spans %+v: want the three words after the pauses, timed", f.Spans)
			}
		}
	}
	// 0.3 s a word with 0.1 s gaps is 150 words a minute: no pace flag.
	if rep.HasFlag("pace") {
		t.Errorf("a 150 wpm answer raised pace: %+v", rep.Delivery)
	}
	slow, slowEnd := wordCues(text, 0.5, 0.3, nil)
	if !Analyze(Input{Text: text, Cues: slow, RecordingS: slowEnd}).HasFlag("pace") {
		t.Error("a 75 wpm answer raised no pace finding")
	}
	fast, fastEnd := wordCues(text, 0.2, 0.05, nil)
	if !Analyze(Input{Text: text, Cues: fast, RecordingS: fastEnd}).HasFlag("pace") {
		t.Error("a 240 wpm answer raised no pace finding")
	}
}

// Audio pauses from the recording refine the words' gaps, and a typed
// transcript with a recording gets speaking time but no pace flag.
func TestDeliveryFromRecordingPauses(t *testing.T) {
	text := answerWith(nil)
	rep := Analyze(Input{Text: text, RecordingS: 150, Pauses: []Pause{{Start: 10, End: 12}, {Start: 40, End: 40.5}}})
	d := rep.Delivery
	if d == nil || d.SpeakingS != 148 || len(d.Pauses) != 1 || d.LongestPauseS != 2 {
		t.Fatalf("delivery %+v; want 148 s speaking and the one long pause", d)
	}
	if rep.HasFlag("pace") || rep.HasFlag("long-pauses") {
		t.Error("a typed transcript raised pace or pause findings")
	}
	if Analyze(Input{Text: text}).Delivery != nil {
		t.Error("delivery reported with no times at all")
	}
}

// TestWithDraft: a draft's input is timed by the cues its engine's words
// give and reports no fillers; a draft with no word times keeps the
// input's own cues.
func TestWithDraft(t *testing.T) {
	text := "I skipped the dry run on Friday."
	heard := []transcript.Cue{{Start: 0, End: 1, From: 0.5, To: 0.6}, {Start: 2, End: 9, From: 0.6, To: 1.1}}
	in := Input{Text: text}.WithDraft(heard)
	if !in.DropsFillers {
		t.Error("a draft's fillers count as heard")
	}
	if len(in.Cues) != 2 || in.Cues[1] != heard[1] {
		t.Errorf("cues %v, want the engine's %v", in.Cues, heard)
	}
	if typed := (Input{Text: text}).WithDraft(nil); typed.Cues != nil || !typed.DropsFillers {
		t.Errorf("a draft without words: cues %v, fillers dropped %v", typed.Cues, typed.DropsFillers)
	}
	own := []transcript.Cue{{Start: 0, End: len(text), From: 0, To: 3}}
	if kept := (Input{Text: text, Cues: own}).WithDraft(nil); len(kept.Cues) != 1 || kept.Cues[0] != own[0] {
		t.Errorf("a draft without word times lost its own cues: %v", kept.Cues)
	}
}
