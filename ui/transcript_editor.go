package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// typeHere is the entry's prompt when empty.
const typeHere = "Type or paste what you said, or import a .txt, .md, .srt or .vtt file."

// Fyne's entry re-wraps a paragraph in time that grows with the square of
// its length, so long lines are shown unwrapped and very long
// transcripts are analysed without being put in the entry at all. A
// spoken answer is a few kilobytes; these limits only bite on unusual
// files.
const (
	maxWrapLine  = 2 << 10
	maxEditBytes = 256 << 10
	// maxShowBytes bounds the transcript view, which lays out every word;
	// above it the view shows excerpts around the marked words.
	maxShowBytes = 8 << 10
	// overviewBytes is how much of a long transcript the view shows
	// before anything in it is marked.
	overviewBytes = 2 << 10
	// excerptBytes is the context shown either side of a marked span in
	// a long transcript.
	excerptBytes = 160
)

// TranscriptEditor is Review's transcript part. It has two faces in one
// place: the view, where the analysed text carries every flag's words
// marked in place, and the editor, a text field to type or correct the
// transcript. Selecting a flag shows the view, scrolled to and selecting
// its words; E or Edit opens the editor and Escape or Done leaves it.
// The view reports the byte offset of a tap or of the pointer, so word
// times, a moving highlight (TextView.SetSpoken) and click-to-seek plug
// into OnPick and the view without changing the editor.
type TranscriptEditor struct {
	a *App

	View  *TextView
	Entry *keyEntry
	// EditButton opens the editor, and leaves it while it is open.
	EditButton *keyButton
	// Hint names the flag under the pointer or selected.
	Hint    *widget.Label
	Content fyne.CanvasObject

	// OnChanged runs after each edit the person makes (not on loading).
	OnChanged func()
	// OnPick receives the view offset tapped, OnHover the one under the
	// pointer (-1 off the words).
	OnPick  func(offset int)
	OnHover func(offset int)

	viewScroll *container.Scroll
	editing    bool
	loading    bool
	// bigText holds a transcript too long to edit in the entry, which is
	// then disabled; empty otherwise.
	bigText string
}

func newTranscriptEditor(a *App) *TranscriptEditor {
	e := &TranscriptEditor{a: a}
	e.View = NewTextView()
	e.viewScroll = container.NewVScroll(e.View)
	e.View.Scroll = e.viewScroll
	e.View.OnTapped = func(off int) {
		if e.OnPick != nil {
			e.OnPick(off)
		}
	}
	e.View.OnDoubleTapped = func(int) { e.Edit() }
	e.View.OnHover = func(off int) {
		if e.OnHover != nil {
			e.OnHover(off)
		}
	}
	e.Entry = a.newEntry(&keyEntry{onEscape: e.Done})
	e.Entry.MultiLine, e.Entry.Wrapping, e.Entry.PlaceHolder = true, fyne.TextWrapWord, typeHere
	e.Entry.OnChanged = func(string) {
		if !e.loading && e.OnChanged != nil {
			e.OnChanged()
		}
	}
	e.EditButton = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Edit (E)", Icon: theme.DocumentCreateIcon(), OnTapped: func() {
		if e.editing {
			e.Done()
		} else {
			e.Edit()
		}
	}}})
	e.Hint = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	e.Content = container.NewBorder(nil, e.Hint, nil, nil, container.NewStack(e.viewScroll, e.Entry))
	e.showMode()
	return e
}

// Editing reports whether the editor (not the view) is showing.
func (e *TranscriptEditor) Editing() bool { return e.editing }

// Edit opens the editor with the keyboard in it.
func (e *TranscriptEditor) Edit() {
	e.editing = true
	e.showMode()
	if c := e.a.win.Canvas(); c != nil && !e.Entry.Disabled() {
		c.Focus(e.Entry)
	}
}

// EditByKey opens the editor from a key press, dropping the character
// that same press types into the field it has just focused.
func (e *TranscriptEditor) EditByKey(r rune) {
	if !e.editing {
		e.Entry.skipNext(r)
	}
	e.Edit()
}

// Done leaves the editor for the view, where the flags are marked.
func (e *TranscriptEditor) Done() {
	if strings.TrimSpace(e.Text()) == "" {
		// Nothing to mark: the editor stays, waiting for text.
		e.a.win.Canvas().Unfocus()
		return
	}
	e.editing = false
	if c := e.a.win.Canvas(); c != nil && c.Focused() == e.Entry {
		c.Unfocus()
	}
	e.showMode()
}

func (e *TranscriptEditor) showMode() {
	if e.editing {
		e.viewScroll.Hide()
		e.Entry.Show()
		e.EditButton.SetText("Done (Esc)")
		e.EditButton.SetIcon(theme.ConfirmIcon())
	} else {
		e.Entry.Hide()
		e.viewScroll.Show()
		e.EditButton.SetText("Edit (E)")
		e.EditButton.SetIcon(theme.DocumentCreateIcon())
	}
}

// Load puts a take's transcript in the editor, opening the editor when
// there is nothing to show yet.
func (e *TranscriptEditor) Load(name, text string) {
	e.setText(name, text)
	e.View.SetText("", nil)
	e.Hint.SetText("")
	e.editing = strings.TrimSpace(text) == ""
	e.showMode()
	e.viewScroll.ScrollToTop()
}

// Replace puts new text in the editor (an import), keeping the mode.
func (e *TranscriptEditor) Replace(name, text string) { e.setText(name, text) }

// setText puts a transcript in the entry, or holds it aside when it is
// too long to edit there.
func (e *TranscriptEditor) setText(name, text string) {
	e.loading = true
	defer func() { e.loading = false }()
	e.Entry.Wrapping = fyne.TextWrapWord
	if longestLine(text) > maxWrapLine {
		e.Entry.Wrapping = fyne.TextWrapOff
	}
	if len(text) > maxEditBytes {
		e.bigText = text
		e.Entry.SetText("")
		e.Entry.PlaceHolder = fmt.Sprintf("%s is %d KB, too long to edit here: it is analysed as imported. Import a shorter file to edit it.", filepath.Base(name), len(text)>>10)
		e.Entry.Disable()
		return
	}
	e.bigText = ""
	e.Entry.PlaceHolder = typeHere
	e.Entry.Enable()
	e.Entry.SetText(text)
}

// Text is the transcript as edited.
func (e *TranscriptEditor) Text() string {
	if e.bigText != "" {
		return e.bigText
	}
	return e.Entry.Text
}

// Show puts the analysed text in the view with its marks.
func (e *TranscriptEditor) Show(text string, marks []TextMark) {
	e.View.SetText(text, marks)
	if !e.editing && strings.TrimSpace(text) == "" && strings.TrimSpace(e.Text()) == "" {
		e.editing = true
		e.showMode()
	}
}

// Select shows the view with [start, end) selected and in sight.
func (e *TranscriptEditor) Select(start, end int) {
	if e.editing {
		e.editing = false
		if c := e.a.win.Canvas(); c.Focused() == e.Entry {
			c.Unfocus()
		}
		e.showMode()
	}
	e.View.Select(start, end)
}

// Clear empties the editor and the view.
func (e *TranscriptEditor) Clear() { e.Load("", "") }

func longestLine(s string) int {
	longest := 0
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			i = len(s)
		}
		longest = max(longest, i)
		s = s[min(i+1, len(s)):]
	}
	return longest
}
