package ui

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// trendTakes is how many recent takes the charts show; older ones would
// squeeze the bars without changing the picture.
const trendTakes = 12

// History lists the stored takes with their scores and timing trends.
type History struct {
	a *App

	Table  *widget.Table
	Open   *widget.Button
	Rename *widget.Button
	Delete *widget.Button
	Export *widget.Button
	// ImportAudio makes a take from a WAV or MP3 file.
	ImportAudio *widget.Button
	Status      *widget.Label
	Trend       *BarChart
	Sections    *BarChart
	Content     fyne.CanvasObject

	takes    []Take
	selected int
	primed   bool
	pending  sync.WaitGroup
}

var historyColumns = []string{"Date", "Question", "Story", "Length", "Score"}

func newHistory(a *App) *History {
	h := &History{a: a, selected: -1}
	h.Table = widget.NewTableWithHeaders(
		func() (int, int) { return len(h.takes), len(historyColumns) },
		func() fyne.CanvasObject { return &widget.Label{Truncation: fyne.TextTruncateEllipsis} },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(h.Cell(id.Row, id.Col)) })
	h.Table.CreateHeader = func() fyne.CanvasObject { return &widget.Label{TextStyle: fyne.TextStyle{Bold: true}} }
	h.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(historyColumns[id.Col])
		} else if id.Col < 0 {
			o.(*widget.Label).SetText(fmt.Sprint(id.Row + 1))
		}
	}
	for i, w := range []float32{140, 330, 150, 70, 60} {
		h.Table.SetColumnWidth(i, w)
	}
	h.Table.OnSelected = func(id widget.TableCellID) { h.selected = id.Row; h.updateButtons() }
	h.Open = &widget.Button{Text: "Open", Icon: theme.FileIcon(), OnTapped: h.openSelected}
	h.Rename = &widget.Button{Text: "Rename story", Icon: theme.DocumentCreateIcon(), OnTapped: h.renameSelected}
	h.Delete = &widget.Button{Text: "Delete", Icon: theme.DeleteIcon(), OnTapped: h.confirmDelete}
	h.Export = &widget.Button{Text: "Export…", Icon: theme.DocumentSaveIcon(), OnTapped: h.exportSelected}
	h.ImportAudio = &widget.Button{Text: "Import audio…", Icon: theme.UploadIcon(), OnTapped: h.chooseAudio}
	h.Status = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	h.Trend = NewBarChart(theme.ColorNamePrimary)
	h.Trend.Max = 100
	h.Sections = NewBarChart(theme.ColorNameDisabled, theme.ColorNameWarning, theme.ColorNameError, theme.ColorNamePrimary, theme.ColorNameSuccess)
	h.updateButtons()
	tools := container.NewHBox(h.Open, h.Rename, h.Delete, h.Export, h.ImportAudio)
	charts := container.NewVBox(heading("Score trend (oldest first)"), h.Trend,
		heading("Seconds per section: situation, mistake, root cause, response, change"), h.Sections)
	h.Content = container.NewBorder(container.NewVBox(tools, h.Status), nil, nil, nil,
		container.NewVSplit(h.Table, container.NewVScroll(charts)))
	return h
}

// plural says how many of a thing there are, in words people use.
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// Cell is the text of one table cell.
func (h *History) Cell(row, col int) string {
	if row < 0 || row >= len(h.takes) {
		return ""
	}
	t := h.takes[row]
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
	}
	return ""
}

// Takes is what the table shows, newest first.
func (h *History) Takes() []Take { return h.takes }

// Wait blocks until background work started so far has reported back.
func (h *History) Wait() { h.pending.Wait() }

// Reload lists the takes again, off the UI thread.
func (h *History) Reload() {
	lib := h.a.deps.Library
	if lib == nil {
		h.Status.SetText("No take library: takes cannot be stored on this run.")
		return
	}
	h.pending.Add(1)
	go func() {
		defer h.pending.Done()
		takes, err := lib.List()
		h.a.deps.Do(func() {
			if err != nil {
				h.Status.SetText("Could not list takes: " + err.Error())
				return
			}
			h.setTakes(takes)
		})
	}()
}

func (h *History) setTakes(takes []Take) {
	sort.SliceStable(takes, func(i, j int) bool { return takes[i].Created.After(takes[j].Created) })
	h.takes = takes
	h.selected = -1
	h.Table.UnselectAll()
	h.Table.Refresh()
	h.Status.SetText(plural(len(takes), "take"))
	h.updateButtons()

	var trend, secs []ChartRow
	recent := takes[:min(len(takes), trendTakes)]
	for i := len(recent) - 1; i >= 0; i-- {
		t := recent[i]
		label := t.Created.Local().Format("Jan 2 15:04")
		if t.Score >= 0 {
			trend = append(trend, ChartRow{Label: label, Values: []float64{float64(t.Score)}, Text: fmt.Sprint(t.Score)})
		}
		if len(t.SectionSeconds) == 0 {
			continue
		}
		var vals []string
		for _, s := range t.SectionSeconds {
			vals = append(vals, fmt.Sprintf("%.0f", s))
		}
		secs = append(secs, ChartRow{Label: label, Values: t.SectionSeconds, Text: strings.Join(vals, " / ")})
	}
	h.Trend.SetRows(trend)
	h.Sections.SetRows(secs)
	// On start, Review shows the latest take rather than an empty page.
	if !h.primed {
		h.primed = true
		if len(takes) > 0 && h.a.Review.take.ID == "" {
			h.openTake(takes[0].ID, false)
		}
	}
}

func (h *History) updateButtons() {
	for _, b := range []*widget.Button{h.Open, h.Rename, h.Delete, h.Export} {
		if h.selected >= 0 && h.selected < len(h.takes) {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// Select picks a row as if tapped.
func (h *History) Select(row int) {
	h.Table.Select(widget.TableCellID{Row: row, Col: 0})
}

func (h *History) current() (Take, bool) {
	if h.selected < 0 || h.selected >= len(h.takes) {
		return Take{}, false
	}
	return h.takes[h.selected], true
}

func (h *History) openSelected() {
	if t, ok := h.current(); ok {
		h.openTake(t.ID, true)
	}
}

// openTake loads a take in full into Review, switching to it when show
// is set.
func (h *History) openTake(id string, show bool) {
	lib := h.a.deps.Library
	h.pending.Add(1)
	go func() {
		defer h.pending.Done()
		t, err := lib.Get(id)
		h.a.deps.Do(func() {
			if err != nil {
				h.a.ShowError("Could not open the take", "It may have been deleted; reload History", err)
				return
			}
			h.a.Review.Open(t)
			if show {
				h.a.Show(ViewReview)
			}
		})
	}()
}

func (h *History) renameSelected() {
	t, ok := h.current()
	if !ok {
		return
	}
	e := &widget.Entry{Text: t.Story, PlaceHolder: "for example: the pricing migration"}
	dialog.ShowForm("Story name", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Story", e)}, func(ok bool) {
		if ok {
			h.SetStory(t.ID, e.Text)
		}
	}, h.a.win)
}

// SetStory renames a take's story, off the UI thread.
func (h *History) SetStory(id, story string) {
	lib := h.a.deps.Library
	h.pending.Add(1)
	go func() {
		defer h.pending.Done()
		_, err := lib.SetStory(id, strings.TrimSpace(story))
		h.a.deps.Do(func() {
			if err != nil {
				h.a.ShowError("Could not rename the story", "Check the data folder is writable", err)
				return
			}
			h.Reload()
		})
	}()
}

func (h *History) confirmDelete() {
	t, ok := h.current()
	if !ok {
		return
	}
	dialog.ShowConfirm("Delete take?", fmt.Sprintf("Move the take of %s to the trash? 'retake restore ID' brings it back.",
		t.Created.Local().Format("2 Jan 15:04")), func(yes bool) {
		if yes {
			h.DeleteTake(t.ID)
		}
	}, h.a.win)
}

// DeleteTake moves a take to the trash, off the UI thread.
func (h *History) DeleteTake(id string) {
	lib := h.a.deps.Library
	h.pending.Add(1)
	go func() {
		defer h.pending.Done()
		err := lib.Delete(id)
		h.a.deps.Do(func() {
			if err != nil {
				h.a.ShowError("Could not delete the take", "Check the data folder is writable", err)
				return
			}
			h.Reload()
		})
	}()
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
	h.pending.Add(1)
	go func() {
		defer h.pending.Done()
		err := lib.Export(id, path)
		h.a.deps.Do(func() {
			if err != nil {
				h.a.ShowError("Could not export the take", "Pick a folder you can write to", err)
				h.Status.SetText("")
				return
			}
			h.Status.SetText("Exported to " + path)
		})
	}()
}

func (h *History) chooseAudio() {
	if h.a.deps.Library == nil {
		h.a.ShowError("Cannot import", "Restart Retake with a writable data folder", fmt.Errorf("no take library"))
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			h.a.ShowError("Could not open the file", "Pick another file", err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		h.ImportAudioFile(path)
	}, h.a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".wav", ".mp3"}))
	d.Show()
}

// ImportAudioFile makes a take from a WAV or MP3 file for the current
// question and opens it, off the UI thread.
func (h *History) ImportAudioFile(path string) {
	lib := h.a.deps.Library
	q := h.a.Practice.CurrentQuestion()
	h.Status.SetText("Importing " + filepath.Base(path) + "…")
	h.pending.Add(1)
	go func() {
		defer h.pending.Done()
		t, err := lib.ImportAudio(path, q)
		h.a.deps.Do(func() {
			if err != nil {
				h.Status.SetText("")
				h.a.ShowError("Could not import "+filepath.Base(path), "Import a WAV or MP3 file", err)
				return
			}
			h.Status.SetText("Imported " + filepath.Base(path))
			h.Reload()
			h.a.Review.Open(t)
			h.a.Show(ViewReview)
		})
	}()
}
