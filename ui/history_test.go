package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func seedTakes(h *harness) {
	day := func(d int) time.Time { return time.Date(2026, 2, d, 9, 0, 0, 0, time.UTC) }
	h.lib.add(Take{ID: "a", Created: day(1), QuestionID: "q1", Question: "Q one", Duration: 95 * time.Second, Score: 40, SectionSeconds: []float64{30, 20, 10, 20, 15}})
	h.lib.add(Take{ID: "b", Created: day(3), QuestionID: "q2", Question: "Q two", Story: "billing", Duration: 130 * time.Second, Score: 71, SectionSeconds: []float64{14, 20, 28, 27, 41}})
	h.lib.add(Take{ID: "c", Created: day(2), QuestionID: "q1", Question: "Q one", Story: "billing", Duration: 60 * time.Second, Score: -1, Recovered: true})
	h.ui.History.Reload()
	h.settle()
}

func TestHistoryTableAndCharts(t *testing.T) {
	h := newHarness(t, nil)
	seedTakes(h)
	hi := h.ui.History
	if len(hi.Takes()) != 3 {
		t.Fatalf("%d takes listed", len(hi.Takes()))
	}
	wantRow0 := []string{"Q two", "billing", "2:10", "71", ""}
	for i, want := range wantRow0 {
		if got := hi.Cell(0, i+1); got != want {
			t.Errorf("newest row col %d = %q, want %q", i+1, got, want)
		}
	}
	if hi.Cell(1, 4) != "–" || hi.Cell(1, 5) != "recovered" {
		t.Errorf("unscored recovered take shows %q, %q", hi.Cell(1, 4), hi.Cell(1, 5))
	}
	if p := hi.Trend.Points; len(p) != 2 || p[0].Value != 40 || p[1].Value != 71 || p[0].Label != "Feb 1 09:00" {
		t.Errorf("trend points %+v, want oldest first 40 then 71", p)
	}
	if len(hi.Sections.Rows) != 2 || len(hi.Sections.Rows[1].Values) != 5 || !hi.Sections.Stacked {
		t.Errorf("section rows %+v", hi.Sections.Rows)
	}
	// The legend names the section colours, the same ones Review uses.
	if hi.SectionsLegend.Text() != "Situation, The mistake, Root cause, Immediate response, Behavioral change" {
		t.Errorf("legend %q", hi.SectionsLegend.Text())
	}
	if hi.SectionsLegend.Items[2].Color != sectionColor(2) || hi.Sections.color(hi.Sections.Rows[0], 2) != sectionColor(2) {
		t.Error("the chart and its legend disagree on a section's colour")
	}
	if !hi.Open.Disabled() {
		t.Error("open enabled with nothing selected")
	}
}

func TestHistoryColumnsStretch(t *testing.T) {
	h := newHarness(t, nil)
	seedTakes(h)
	hi := h.ui.History
	l := &columnsLayout{t: &hi.Table.Table}
	widths := func(w float32) (q, s float32) {
		l.Layout([]fyne.CanvasObject{hi.Table}, fyne.NewSize(w, 300))
		return l.widths[1], l.widths[2]
	}
	q1, s1 := widths(800)
	q2, s2 := widths(1900)
	if q2 <= q1+500 || s2 <= s1 {
		t.Errorf("question column %v -> %v, story %v -> %v from 800 to 1900 wide", q1, q2, s1, s2)
	}
	total := q2 + s2
	for _, w := range fixedWidths {
		total += w
	}
	if total > 1900 {
		t.Errorf("columns add up to %v, wider than the table", total)
	}
}

func TestHistoryFilters(t *testing.T) {
	h := newHarness(t, nil)
	seedTakes(h)
	hi := h.ui.History
	if got := hi.QuestionFilter.Options; len(got) != 3 || got[0] != allQuestions {
		t.Fatalf("question filter options %q", got)
	}
	hi.FilterQuestion("Q one")
	if len(hi.Takes()) != 2 || hi.Status.Text != "2 of 3 takes" {
		t.Errorf("question filter: %d takes, %q", len(hi.Takes()), hi.Status.Text)
	}
	if len(hi.Trend.Points) != 1 {
		t.Errorf("the trend follows the filter: %d points", len(hi.Trend.Points))
	}
	hi.FilterStory("billing")
	if len(hi.Takes()) != 1 || hi.Takes()[0].ID != "c" {
		t.Errorf("question and story: %+v", hi.Takes())
	}
	hi.FilterQuestion(allQuestions)
	if len(hi.Takes()) != 2 {
		t.Errorf("story only: %d", len(hi.Takes()))
	}
	hi.FilterStory(noStory)
	if len(hi.Takes()) != 1 || hi.Takes()[0].ID != "a" {
		t.Errorf("unnamed stories: %+v", hi.Takes())
	}
	// A reload keeps the filter.
	hi.Reload()
	h.settle()
	if hi.StoryFilter.Selected != noStory || len(hi.Takes()) != 1 {
		t.Errorf("reload dropped the filter: %q", hi.StoryFilter.Selected)
	}
}

func TestHistoryOpenRenameDeleteExport(t *testing.T) {
	h := newHarness(t, nil)
	seedTakes(h)
	hi := h.ui.History
	hi.Select(0)
	test.Tap(hi.Open)
	h.settle()
	if h.ui.Current() != ViewReview || h.ui.ReviewTakeID() != "b" {
		t.Fatalf("open showed %q with take %q", h.ui.Current(), h.ui.ReviewTakeID())
	}
	hi.SetStory("a", "  pricing page ")
	h.settle()
	if got, _ := h.lib.Get("a"); got.Story != "pricing page" {
		t.Errorf("story = %q", got.Story)
	}
	hi.DeleteTake("c")
	h.settle()
	if len(hi.Takes()) != 2 || hi.ShowTrash.Text != "Trash (1)" {
		t.Errorf("%d takes after delete, %q", len(hi.Takes()), hi.ShowTrash.Text)
	}
	hi.ExportTake("b", "/tmp/out.zip")
	h.settle()
	if h.lib.exported["b"] != "/tmp/out.zip" || hi.Status.Text != "Exported to /tmp/out.zip" {
		t.Errorf("export: %v, status %q", h.lib.exported, hi.Status.Text)
	}
	hi.ImportAudioFile("/music/answer.mp3")
	h.settle()
	if h.ui.Current() != ViewReview || h.ui.Review.Take().AudioPath != "/music/answer.mp3" {
		t.Errorf("imported audio not opened: %+v", h.ui.Review.Take())
	}
}

func TestRenameIsFocusedEnterSavesEscapeCancels(t *testing.T) {
	h := newHarness(t, nil)
	seedTakes(h)
	hi := h.ui.History
	h.ui.Show(ViewHistory)
	h.settle()
	hi.Select(0)
	test.Tap(hi.Rename)
	e := hi.RenameEntry
	if e == nil || h.win.Canvas().Focused() != e {
		t.Fatal("the story field does not have the keyboard")
	}
	if e.Size().Width < 400 {
		t.Errorf("the story field is %.0f wide", e.Size().Width)
	}
	test.Type(e, " migration")
	h.press(fyne.KeyEscape)
	h.settle()
	if got, _ := h.lib.Get("b"); got.Story != "billing" || h.errorShown() {
		t.Errorf("Escape saved %q or left the dialog open", got.Story)
	}
	hi.Select(0)
	test.Tap(hi.Rename)
	e = hi.RenameEntry
	test.Type(e, " migration")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if got, _ := h.lib.Get("b"); got.Story != "billing migration" || h.errorShown() {
		t.Errorf("Enter saved %q, dialog open %v", got.Story, h.errorShown())
	}
}

func TestTrashRestoreAndEmpty(t *testing.T) {
	h := newHarness(t, nil)
	seedTakes(h)
	hi := h.ui.History
	hi.DeleteTake("a")
	hi.DeleteTake("b")
	h.settle()
	test.Tap(hi.ShowTrash)
	if !hi.TrashShown() || len(hi.Trashed()) != 2 || hi.TrashCell(0, 1) != "Q two" {
		t.Fatalf("trash view: shown %v, %d takes", hi.TrashShown(), len(hi.Trashed()))
	}
	if !hi.Restore.Disabled() {
		t.Error("restore enabled with nothing selected")
	}
	hi.SelectTrashed(0)
	test.Tap(hi.Restore)
	h.settle()
	if _, err := h.lib.Get("b"); err != nil || len(hi.Trashed()) != 1 || len(hi.Takes()) != 2 {
		t.Errorf("restore: %v, %d trashed, %d takes", err, len(hi.Trashed()), len(hi.Takes()))
	}
	test.Tap(hi.EmptyTrash)
	if !h.errorShown() {
		t.Fatal("emptying the trash asked nothing")
	}
	hi.EmptyTrashNow()
	h.settle()
	if len(hi.Trashed()) != 0 || !hi.EmptyTrash.Disabled() || hi.ShowTrash.Text != "Trash (0)" {
		t.Errorf("after emptying: %d trashed", len(hi.Trashed()))
	}
	test.Tap(hi.HideTrash)
	if hi.TrashShown() {
		t.Error("back to takes left the trash showing")
	}
}

func TestTrendChartHasAxesAndLabels(t *testing.T) {
	sharedApp(t)
	c := NewTrendChart("score", "takes, oldest on the left")
	var pts []TrendPoint
	for i, s := range []float64{40, 55, 52, 71} {
		pts = append(pts, TrendPoint{Label: time.Date(2026, 3, i+1, 9, 0, 0, 0, time.UTC).Format("Jan 2 15:04"), Value: s})
	}
	c.SetPoints(pts)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(600, 200))
	var texts []string
	for _, o := range test.WidgetRenderer(c).Objects() {
		if txt, ok := o.(*canvas.Text); ok {
			texts = append(texts, txt.Text)
		}
	}
	all := strings.Join(texts, "|")
	for _, want := range []string{"0", "50", "100", "score", "takes, oldest on the left", "Mar 1 09:00", "Mar 4 09:00", "71"} {
		if !strings.Contains("|"+all+"|", "|"+want+"|") {
			t.Errorf("chart lacks %q: %s", want, all)
		}
	}
}

func TestReviewStartsWithTheLatestTake(t *testing.T) {
	lib := newFakeLibrary(t.TempDir())
	lib.add(Take{ID: "old", Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Question: "Q", Score: -1})
	lib.add(Take{ID: "new", Created: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Question: "Q", Score: -1})
	h := newHarness(t, func(d *Deps) { d.Library = lib })
	h.lib = lib
	h.settle()
	if h.ui.ReviewTakeID() != "new" || h.ui.Current() != ViewPractice {
		t.Errorf("review has %q, view %q", h.ui.ReviewTakeID(), h.ui.Current())
	}
}
