package ui

import (
	"fmt"
	"math"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// trendTakes is how many recent takes the charts show; older ones would
// squeeze the chart without changing the picture.
const trendTakes = 16

// Filter choices that mean "no filter".
const (
	allQuestions = "All questions"
	allStories   = "All stories"
	noStory      = "(no story name)"
)

// History lists the stored takes with their scores and timing trends,
// filtered by question and story, and the trash.
type History struct {
	a *App

	Table          *keyTable
	QuestionFilter *keySelect
	StoryFilter    *keySelect
	Open           *keyButton
	Rename         *keyButton
	Delete         *keyButton
	Export         *keyButton
	// ImportAudio makes a take from a WAV or MP3 file.
	ImportAudio *keyButton
	ShowTrash   *keyButton
	Status      *widget.Label
	Trend       *TrendChart
	// Pace is the pace of each take in words per speaking minute; takes
	// without one (no word times) are left out, not drawn at 0.
	Pace     *TrendChart
	Sections *BarChart
	// SectionsLegend names the section colours, as in Review.
	SectionsLegend *Legend
	SectionsNote   *widget.Label
	// Trash lists the trashed takes; Restore and EmptyTrash act on it.
	Trash      *keyTable
	Restore    *keyButton
	EmptyTrash *keyButton
	HideTrash  *keyButton
	TrashInfo  *widget.Label
	// RenameEntry is the story field of the open rename dialog.
	RenameEntry *keyEntry
	Content     fyne.CanvasObject

	all      []Take
	takes    []Take
	trash    []Take
	selected int
	trashSel int
	primed   bool
	qKeys    map[string]string
	list     *fyne.Container
	trashBox *fyne.Container
	rename   dialog.Dialog
}

// historyColumns are the table's columns; the question and story
// columns share the width the others leave.
var historyColumns = []string{"Date", "Question", "Story", "Length", "Score", "Note"}

var fixedWidths = map[int]float32{0: 140, 3: 70, 4: 60, 5: 110}

func newHistory(a *App) *History {
	h := &History{a: a, selected: -1, trashSel: -1, qKeys: map[string]string{}}
	h.Table = h.newTable(func() []Take { return h.takes }, h.Cell, func(row int) { h.selected = row; h.updateButtons() })
	h.Trash = h.newTable(func() []Take { return h.trash }, h.TrashCell, func(row int) { h.trashSel = row; h.updateButtons() })
	h.QuestionFilter = a.newSelect([]string{allQuestions}, func(string) { h.applyFilter() })
	h.QuestionFilter.Selected = allQuestions
	h.StoryFilter = a.newSelect([]string{allStories}, func(string) { h.applyFilter() })
	h.StoryFilter.Selected = allStories
	h.Open = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Open", Icon: theme.FileIcon(), OnTapped: h.openSelected}})
	h.Rename = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Rename story", Icon: theme.DocumentCreateIcon(), OnTapped: h.renameSelected}})
	h.Delete = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), OnTapped: h.deleteSelected}})
	h.Export = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Export…", Icon: theme.DocumentSaveIcon(), OnTapped: h.exportSelected}})
	h.ImportAudio = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Import audio…", Icon: theme.UploadIcon(), OnTapped: h.chooseAudio}})
	h.ShowTrash = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Trash", Icon: theme.DeleteIcon(), OnTapped: func() { h.showTrash(true) }}})
	h.Status = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	h.Trend = NewTrendChart("score", "takes, oldest on the left")
	h.Pace = NewTrendChart("words a minute", "takes with a timed transcript, oldest on the left")
	h.Pace.Empty = "no take has a pace yet: transcribe one in Review"
	h.Sections = NewBarChart()
	h.Sections.Stacked = true
	h.SectionsLegend = NewLegend(nil)
	h.SectionsNote = caption("")
	h.Restore = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Restore", Icon: theme.ContentUndoIcon(), OnTapped: h.restoreSelected}})
	h.EmptyTrash = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Empty trash…", Icon: theme.DeleteIcon(), Importance: widget.DangerImportance, OnTapped: h.confirmEmptyTrash}})
	h.HideTrash = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Back to takes", Icon: theme.NavigateBackIcon(), OnTapped: func() { h.showTrash(false) }}})
	h.TrashInfo = caption("Deleted and discarded takes wait here until the trash is emptied.")
	h.updateButtons()

	filters := container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, widget.NewLabel("Question"), nil, h.QuestionFilter),
		container.NewBorder(nil, nil, widget.NewLabel("Story"), nil, h.StoryFilter))
	tools := NewFlow(h.Open, h.Rename, h.Delete, h.Export, h.ImportAudio, h.ShowTrash)
	charts := container.NewVBox(heading("Score trend"), h.Trend,
		heading("Pace trend"), h.Pace,
		heading("Seconds per section, per take"), h.SectionsLegend, h.Sections, h.SectionsNote)
	table := container.New(&columnsLayout{t: &h.Table.Table}, h.Table)
	split := container.NewVSplit(table, container.NewVScroll(charts))
	split.Offset = 0.45
	h.list = container.NewBorder(container.NewVBox(filters, tools, h.Status), nil, nil, nil, split)
	trashTable := container.New(&columnsLayout{t: &h.Trash.Table}, h.Trash)
	h.trashBox = container.NewBorder(container.NewVBox(heading("Trash"), h.TrashInfo, NewFlow(h.HideTrash, h.Restore, h.EmptyTrash)), nil, nil, nil, trashTable)
	h.trashBox.Hide()
	h.Content = container.NewStack(h.list, h.trashBox)
	return h
}

// newTable makes a takes table with a header row.
func (h *History) newTable(rows func() []Take, cell func(row, col int) string, selected func(int)) *keyTable {
	t := &keyTable{a: h.a}
	t.Length = func() (int, int) { return len(rows()), len(historyColumns) }
	t.CreateCell = func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} }
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(cell(id.Row, id.Col)) }
	t.ShowHeaderRow = true
	t.CreateHeader = func() fyne.CanvasObject { return &widget.Label{TextStyle: fyne.TextStyle{Bold: true}} }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(historyColumns[id.Col])
		}
	}
	t.OnSelected = func(id widget.TableCellID) { selected(id.Row) }
	t.ExtendBaseWidget(t)
	return t
}

// columnsLayout fills its table and gives the question and story
// columns what the fixed ones leave, so they stretch with the window.
type columnsLayout struct {
	t     *widget.Table
	width float32
	// widths are the column widths last set.
	widths map[int]float32
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		l.widths = map[int]float32{}
		fixed := float32(0)
		for i, w := range fixedWidths {
			fixed += w
			l.widths[i] = w
		}
		// Room for the scroll bar and the cell padding.
		free := max(size.Width-fixed-float32(len(historyColumns))*theme.Padding()-2*theme.Padding(), 220)
		l.widths[1], l.widths[2] = free*0.7, free*0.3
		for i, w := range l.widths {
			l.t.SetColumnWidth(i, w)
		}
	}
	for _, o := range objs {
		o.Resize(size)
	}
}

func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(300, 120)
}

// plural says how many of a thing there are, in words people use.
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// cell is the text of one column of a take.
func cell(t Take, col int) string {
	switch col {
	case 0:
		return t.Created.Local().Format("2006-01-02 15:04")
	case 1:
		return t.Question
	case 2:
		return t.Story
	case 3:
		return clock(t.Duration.Seconds())
	case 4:
		if t.Score < 0 {
			return "–"
		}
		return fmt.Sprint(t.Score)
	case 5:
		if t.Recovered {
			return "recovered"
		}
	}
	return ""
}

// Cell is the text of one cell of the takes table.
func (h *History) Cell(row, col int) string {
	if row < 0 || row >= len(h.takes) {
		return ""
	}
	return cell(h.takes[row], col)
}

// TrashCell is the text of one cell of the trash table.
func (h *History) TrashCell(row, col int) string {
	if row < 0 || row >= len(h.trash) {
		return ""
	}
	return cell(h.trash[row], col)
}

// All is every stored take, newest first, whatever the filters.
func (h *History) All() []Take { return h.all }

// Takes is what the table shows, newest first.
func (h *History) Takes() []Take { return h.takes }

// Trashed is what the trash holds, newest first.
func (h *History) Trashed() []Take { return h.trash }

// Reload lists the takes and the trash again, off the UI thread.
func (h *History) Reload() {
	lib := h.a.deps.Library
	if lib == nil {
		h.Status.SetText("No take library: takes cannot be stored on this run.")
		return
	}
	type lists struct{ takes, trash []Take }
	run(h.a, Failure{},
		func() (lists, error) {
			takes, err := lib.List()
			if err != nil {
				return lists{}, err
			}
			trash, err := lib.Trash()
			if err != nil {
				return lists{takes: takes}, nil
			}
			return lists{takes, trash}, nil
		},
		func(l lists) { h.setTakes(l.takes, l.trash) },
		func(err error) { h.Status.SetText("Could not list takes: " + err.Error()) })
}

func newestFirst(takes []Take) {
	sort.SliceStable(takes, func(i, j int) bool { return takes[i].Created.After(takes[j].Created) })
}

func (h *History) setTakes(takes, trash []Take) {
	newestFirst(takes)
	newestFirst(trash)
	h.all, h.trash = takes, trash
	h.ShowTrash.SetText(fmt.Sprintf("Trash (%d)", len(trash)))
	h.trashSel = -1
	h.Trash.UnselectAll()
	h.Trash.Refresh()
	h.fillFilters()
	h.applyFilter()
	h.a.Practice.TakesChanged()
	// On start, Review shows the latest take rather than an empty page.
	if !h.primed {
		h.primed = true
		if len(takes) > 0 && h.a.ReviewTakeID() == "" {
			h.a.OpenTakeID(takes[0].ID, false)
		}
	}
}

// questionKey is what the question filter matches a take by.
func questionKey(t Take) string {
	if t.QuestionID != "" {
		return t.QuestionID
	}
	return t.Question
}

// shorten cuts a long choice for a filter list.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// fillFilters lists the questions and stories the takes have, keeping
// the current choices when they still exist.
func (h *History) fillFilters() {
	qs := []string{allQuestions}
	h.qKeys = map[string]string{}
	seen := map[string]bool{}
	for _, t := range h.all {
		k := questionKey(t)
		if seen[k] {
			continue
		}
		seen[k] = true
		label := shorten(t.Question, 60)
		for h.qKeys[label] != "" {
			label += " "
		}
		h.qKeys[label] = k
		qs = append(qs, label)
	}
	stories := []string{allStories}
	seenS := map[string]bool{}
	for _, t := range h.all {
		s := t.Story
		if s == "" {
			s = noStory
		}
		if !seenS[s] {
			seenS[s] = true
			stories = append(stories, s)
		}
	}
	sort.Strings(stories[1:])
	keep := func(sel *keySelect, opts []string, all string) {
		cur := sel.Selected
		sel.Options = opts
		found := false
		for _, o := range opts {
			found = found || o == cur
		}
		if !found {
			cur = all
		}
		sel.Selected = cur
		sel.Refresh()
	}
	keep(h.QuestionFilter, qs, allQuestions)
	keep(h.StoryFilter, stories, allStories)
}

// FilterQuestion and FilterStory choose the filters as a person would.
func (h *History) FilterQuestion(label string) { h.QuestionFilter.SetSelected(label) }

// FilterStory shows only the takes of one story (noStory for unnamed).
func (h *History) FilterStory(story string) { h.StoryFilter.SetSelected(story) }

// applyFilter shows the takes that match the filters, with their charts.
func (h *History) applyFilter() {
	q, s := h.QuestionFilter.Selected, h.StoryFilter.Selected
	h.takes = nil
	for _, t := range h.all {
		if q != allQuestions && q != "" && questionKey(t) != h.qKeys[q] {
			continue
		}
		story := t.Story
		if story == "" {
			story = noStory
		}
		if s != allStories && s != "" && story != s {
			continue
		}
		h.takes = append(h.takes, t)
	}
	h.selected = -1
	h.Table.UnselectAll()
	h.Table.Refresh()
	if len(h.takes) == len(h.all) {
		h.Status.SetText(plural(len(h.all), "take"))
	} else {
		h.Status.SetText(fmt.Sprintf("%d of %s", len(h.takes), plural(len(h.all), "take")))
	}
	h.updateButtons()
	h.showCharts()
}

// showCharts draws the score trend and the per-section seconds of the
// takes shown. Sections only compare within one rubric: when the takes
// mix rubrics, the chart keeps those graded like the newest.
func (h *History) showCharts() {
	recent := h.takes[:min(len(h.takes), trendTakes)]
	var points []TrendPoint
	for i := len(recent) - 1; i >= 0; i-- {
		if t := recent[i]; t.Score >= 0 {
			points = append(points, TrendPoint{Label: t.Created.Local().Format("Jan 2 15:04"), Value: float64(t.Score)})
		}
	}
	h.Trend.SetPoints(points)
	h.showPace(recent)

	var rows []ChartRow
	var rubricID string
	mixed := false
	var titles []string
	for i := len(recent) - 1; i >= 0; i-- {
		t := recent[i]
		if len(t.SectionSeconds) == 0 {
			continue
		}
		r := h.a.rubricOf(t)
		if rubricID == "" {
			// The newest timed take decides the rubric shown.
			for j := 0; j <= i; j++ {
				if len(recent[j].SectionSeconds) > 0 {
					rubricID = h.a.rubricOf(recent[j]).ID
					break
				}
			}
			for _, s := range h.a.rubric(rubricID).Sections {
				titles = append(titles, s.Title)
			}
		}
		if r.ID != rubricID {
			mixed = true
			continue
		}
		var vals []string
		for _, s := range t.SectionSeconds {
			vals = append(vals, clock(s))
		}
		rows = append(rows, ChartRow{Label: t.Created.Local().Format("Jan 2 15:04"), Values: t.SectionSeconds, Text: strings.Join(vals, " · ")})
	}
	h.Sections.SetRows(rows)
	h.SectionsLegend.SetItems(sectionLegend(titles, false))
	switch {
	case len(rows) == 0:
		h.SectionsNote.SetText("No take shown has section times: press Space while recording to mark the sections.")
	case mixed:
		h.SectionsNote.SetText(fmt.Sprintf("Showing the takes graded on “%s”; pick a question to see the others.", h.a.rubric(rubricID).Title))
	default:
		h.SectionsNote.SetText("")
	}
}

// showPace draws the pace of the takes shown that have one, on an axis
// that reaches past the fastest.
func (h *History) showPace(recent []Take) {
	var points []TrendPoint
	fastest := 0.0
	for i := len(recent) - 1; i >= 0; i-- {
		if t := recent[i]; t.WPM > 0 {
			points = append(points, TrendPoint{Label: t.Created.Local().Format("Jan 2 15:04"), Value: t.WPM})
			fastest = max(fastest, t.WPM)
		}
	}
	top := max(240, 60*math.Ceil(fastest/60))
	h.Pace.Ticks = nil
	for v := 0.0; v <= top; v += 60 {
		h.Pace.Ticks = append(h.Pace.Ticks, v)
	}
	h.Pace.SetPoints(points)
}

func (h *History) updateButtons() {
	for _, b := range []*keyButton{h.Open, h.Rename, h.Delete, h.Export} {
		if h.selected >= 0 && h.selected < len(h.takes) {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if h.trashSel >= 0 && h.trashSel < len(h.trash) {
		h.Restore.Enable()
	} else {
		h.Restore.Disable()
	}
	if len(h.trash) > 0 {
		h.EmptyTrash.Enable()
	} else {
		h.EmptyTrash.Disable()
	}
}

// showTrash swaps the takes list for the trash and back.
func (h *History) showTrash(on bool) {
	if on {
		h.list.Hide()
		h.trashBox.Show()
	} else {
		h.trashBox.Hide()
		h.list.Show()
	}
}

// TrashShown reports whether the trash is showing.
func (h *History) TrashShown() bool { return h.trashBox.Visible() }

// Select picks a row as if tapped.
func (h *History) Select(row int) {
	h.Table.Select(widget.TableCellID{Row: row, Col: 0})
}

// SelectTrashed picks a row of the trash as if tapped.
func (h *History) SelectTrashed(row int) {
	h.Trash.Select(widget.TableCellID{Row: row, Col: 0})
}

func (h *History) current() (Take, bool) {
	if h.selected < 0 || h.selected >= len(h.takes) {
		return Take{}, false
	}
	return h.takes[h.selected], true
}

func (h *History) openSelected() {
	if t, ok := h.current(); ok {
		h.a.OpenTakeID(t.ID, true)
	}
}

// renameSelected asks for a story name: the field has the keyboard,
// Enter saves and Escape cancels.
func (h *History) renameSelected() {
	t, ok := h.current()
	if !ok {
		return
	}
	e := h.a.newEntry(&keyEntry{})
	e.Text, e.PlaceHolder = t.Story, "for example: the pricing migration"
	e.CursorColumn = len([]rune(t.Story))
	h.RenameEntry = e
	d := dialog.NewCustomConfirm("Story name", "Save", "Cancel",
		container.NewVBox(widget.NewLabel("A short name for the story this take tells, so takes of it can be compared:"), e),
		func(ok bool) {
			h.RenameEntry = nil
			if ok {
				h.SetStory(t.ID, e.Text)
			}
		}, h.a.win)
	e.OnSubmitted = func(string) { d.Hide(); h.RenameEntry = nil; h.SetStory(t.ID, e.Text) }
	e.onEscape = func() { d.Hide(); h.RenameEntry = nil }
	h.rename = d
	d.Resize(fyne.NewSize(min(520, h.a.win.Canvas().Size().Width-40), 0))
	d.Show()
	h.a.win.Canvas().Focus(e)
}

// SetStory renames a take's story, off the UI thread.
func (h *History) SetStory(id, story string) {
	lib := h.a.deps.Library
	run(h.a, Failure{"Could not rename the story", "Check the data folder is writable"},
		func() (Take, error) { return lib.SetStory(id, strings.TrimSpace(story)) },
		func(Take) { h.a.TakesChanged() }, nil)
}

func (h *History) deleteSelected() {
	if t, ok := h.current(); ok {
		h.DeleteTake(t.ID)
	}
}

// DeleteTake moves a take to the trash, off the UI thread; it can be
// restored from the trash view.
func (h *History) DeleteTake(id string) {
	lib := h.a.deps.Library
	runErr(h.a, Failure{"Could not delete the take", "Check the data folder is writable"},
		func() error { return lib.Delete(id) },
		func() {
			h.a.TakesChanged(id)
			h.Status.SetText("Moved to the trash; open Trash to restore it.")
		}, nil)
}

func (h *History) restoreSelected() {
	if h.trashSel < 0 || h.trashSel >= len(h.trash) {
		return
	}
	h.RestoreTake(h.trash[h.trashSel].ID)
}

// RestoreTake brings a take back from the trash.
func (h *History) RestoreTake(id string) {
	lib := h.a.deps.Library
	runErr(h.a, Failure{"Could not restore the take", "A take with the same id may be back already; check the data folder"},
		func() error { return lib.Restore(id) },
		func() {
			h.a.TakesChanged()
			h.TrashInfo.SetText("Restored: it is back in the list of takes.")
		}, nil)
}

func (h *History) confirmEmptyTrash() {
	dialog.ShowConfirm("Empty the trash?", fmt.Sprintf("Delete the %s in the trash for good? This cannot be undone.", plural(len(h.trash), "take")),
		func(yes bool) {
			if yes {
				h.EmptyTrashNow()
			}
		}, h.a.win)
}

// EmptyTrashNow deletes every trashed take for good.
func (h *History) EmptyTrashNow() {
	lib := h.a.deps.Library
	runErr(h.a, Failure{"Could not empty the trash", "Check the data folder is writable"},
		lib.EmptyTrash,
		func() {
			h.a.TakesChanged()
			h.TrashInfo.SetText("The trash is empty.")
		}, nil)
}

func (h *History) exportSelected() {
	t, ok := h.current()
	if !ok {
		return
	}
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			if err != nil {
				h.a.ShowError("Could not choose where to export", "Pick another folder", err)
			}
			return
		}
		path := wc.URI().Path()
		wc.Close()
		h.ExportTake(t.ID, path)
	}, h.a.win)
	d.SetFileName("retake-" + t.ID + ".zip")
	d.Show()
}

// ExportTake writes a take to a zip file, off the UI thread.
func (h *History) ExportTake(id, path string) {
	lib := h.a.deps.Library
	h.Status.SetText("Exporting…")
	runErr(h.a, Failure{},
		func() error { return lib.Export(id, path) },
		func() { h.Status.SetText("Exported to " + path) },
		func(err error) {
			h.Status.SetText("")
			h.a.ShowError("Could not export the take", "Pick a folder you can write to", err)
		})
}

func (h *History) chooseAudio() {
	if h.a.deps.Library == nil {
		h.a.ShowError("Cannot import", "Restart Retake with a writable data folder", fmt.Errorf("no take library"))
		return
	}
	h.a.pickFilePath([]string{".wav", ".mp3"}, h.ImportAudioFile)
}

// ImportAudioFile makes a take from a WAV or MP3 file for the current
// question and opens it, off the UI thread.
func (h *History) ImportAudioFile(path string) {
	lib := h.a.deps.Library
	q := h.a.Practice.CurrentQuestion()
	h.Status.SetText("Importing " + filepath.Base(path) + "…")
	run(h.a, Failure{},
		func() (Take, error) { return lib.ImportAudio(path, q) },
		func(t Take) {
			h.Status.SetText("Imported " + filepath.Base(path))
			h.a.TakesChanged()
			h.a.OpenTake(t, true)
		},
		func(err error) {
			h.Status.SetText("")
			h.a.ShowError("Could not import "+filepath.Base(path), "Import a WAV or MP3 file", err)
		})
}
