package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// pickFilePath shows the file-open dialog for files with one of the
// extensions (".json") and gives then the path picked; nothing happens
// when the person cancels, and a dialog that fails says so.
func (a *App) pickFilePath(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			a.ShowError("Could not open the file", "Pick another file", err)
			return
		}
		if rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		then(path)
	}, a.win)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	d.Show()
}
