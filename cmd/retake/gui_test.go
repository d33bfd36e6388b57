package main

import (
	"testing"
	"time"

	"retake/scoring"
	"retake/take"
	"retake/ui"
)

// TestGUILibrarySilentTakeAndTarget checks the adapter between the view
// and the real library: a take finished without audio offers no audio
// path (the view shows no waveform instead of an error), and a report
// made for another target length updates the take's target so the
// stored report matches the one on screen.
func TestGUILibrarySilentTakeAndTarget(t *testing.T) {
	takesEnv(t)
	lib, err := take.Open(take.Options{Audio: takeAudioHooks()})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	g := guiLibrary{lib}
	q := ui.Question{ID: "mistake-1", Text: "Tell me about a time you made a mistake.", Rubric: "mistake"}
	created, err := g.Create(q)
	if err != nil {
		t.Fatal(err)
	}
	// A take being recorded must say where to record, although the
	// file does not exist yet.
	if created.AudioPath == "" {
		t.Fatal("a new take offers no path to record into")
	}
	done, err := g.Finish(created.ID, 50*time.Second, []float64{5, 12})
	if err != nil {
		t.Fatal(err)
	}
	if done.AudioPath != "" {
		t.Errorf("silent take offers audio %q", done.AudioPath)
	}
	text := "I approved the rota without checking the holiday list, so two nurses were missing on Sunday."
	rep := scoring.Analyze(scoring.Input{Text: text, Target: 3 * time.Minute})
	saved, err := g.SetTranscript(created.ID, "", text, rep)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Report == nil || saved.Report.TargetS != 180 {
		t.Fatalf("stored report target %v, want 180", saved.Report)
	}
	if saved.Report.Sections[4].PlannedS != rep.Sections[4].PlannedS {
		t.Errorf("stored plan %v differs from the view's %v", saved.Report.Sections[4].PlannedS, rep.Sections[4].PlannedS)
	}
}
