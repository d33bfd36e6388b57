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

// TestGUILibraryTrashAndRecovered checks the adapter's trash calls and
// that the listing marks recovered takes and keeps the question id the
// view finds the rubric by.
func TestGUILibraryTrashAndRecovered(t *testing.T) {
	takesEnv(t)
	lib, err := take.Open(take.Options{Audio: takeAudioHooks()})
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	g := guiLibrary{lib}
	created, err := g.Create(ui.Question{ID: "mistake-1", Text: "Tell me about a mistake.", Rubric: "mistake"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Finish(created.ID, 30*time.Second, nil); err != nil {
		t.Fatal(err)
	}
	if err := g.Delete(created.ID); err != nil {
		t.Fatal(err)
	}
	trash, err := g.Trash()
	if err != nil || len(trash) != 1 || trash[0].ID != created.ID || trash[0].QuestionID != "mistake-1" {
		t.Fatalf("trash = %+v, %v", trash, err)
	}
	if err := g.Restore(created.ID); err != nil {
		t.Fatal(err)
	}
	if listed, _ := g.List(); len(listed) != 1 {
		t.Fatalf("restored take not listed: %+v", listed)
	}
	if err := g.Delete(created.ID); err != nil {
		t.Fatal(err)
	}
	if err := g.EmptyTrash(); err != nil {
		t.Fatal(err)
	}
	if trash, _ := g.Trash(); len(trash) != 0 {
		t.Errorf("trash after emptying: %+v", trash)
	}
	got := uiSummaries([]take.Summary{{ID: "r", Status: take.Recovered, Reason: "audio repair failed"}, {ID: "o", Status: take.OK}})
	if !got[0].Recovered || got[0].Note != "audio repair failed" || got[1].Recovered {
		t.Errorf("recovered marks: %+v", got)
	}
}
