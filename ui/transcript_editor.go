package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// typeHere is the entry's prompt when empty.
const typeHere = "Type or paste what you said, or import a .txt, .md, .srt or .vtt file."

// draftComing is the entry's prompt while an engine drafts the text.
const draftComing = "The draft is on its way: it appears here to correct as soon as the speech engine is done (Cancel stops it)."

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
	Hint *widget.Label
	// DraftNote says the text is a speech engine's draft, which engine
	// made it and whether it has been corrected; DraftLegend says how
	// its doubted words and the word playing are shown. Both are hidden
	// for a typed or imported transcript.
	DraftNote   *widget.Label
	DraftLegend *widget.Label
	Content     fyne.CanvasObject

	// OnChanged runs after each edit the person makes (not on loading).
	OnChanged func()
	// OnPick receives the view offset tapped, OnHover the one under the
	// pointer (-1 off the words).
	OnPick  func(offset int)
	OnHover func(offset int)

	viewScroll *container.Scroll
	editing    bool
	loading    bool
	// busy is set while an engine drafts the transcript, which the
	// draft will replace: the editor stays shut until it is in.
	busy bool
	// draft is what the draft note says while one is shown.
	draft draftLook
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
	e.DraftNote = &widget.Label{Wrapping: fyne.TextWrapWord, TextStyle: fyne.TextStyle{Bold: true}, Importance: widget.WarningImportance}
	e.DraftLegend = &widget.Label{Wrapping: fyne.TextWrapWord, SizeName: theme.SizeNameCaptionText}
	e.DraftNote.Hide()
	e.DraftLegend.Hide()
	e.Content = container.NewBorder(container.NewVBox(e.DraftNote, e.DraftLegend), e.Hint, nil, nil, container.NewStack(e.viewScroll, e.Entry))
	e.showMode()
	return e
}

// Editing reports whether the editor (not the view) is showing.
func (e *TranscriptEditor) Editing() bool { return e.editing }

// Edit opens the editor with the keyboard in it.
func (e *TranscriptEditor) Edit() {
	if e.busy {
		return
	}
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
	e.showLegend()
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
	if !e.busy {
		e.Entry.PlaceHolder = typeHere
		e.Entry.Enable()
	}
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
func (e *TranscriptEditor) Clear() {
	e.Load("", "")
	e.ShowDraft(draftLook{})
}

// draftLook is how the editor presents a draft: the engine that made
// it, whether the person corrected it, and how many of its words the
// engine doubted. The zero draftLook is a transcript that is no draft.
type draftLook struct {
	engine    string
	corrected bool
	unsure    int
	timed     bool
}

// ShowDraft says whether the transcript is an engine's draft and how
// its marks read.
func (e *TranscriptEditor) ShowDraft(d draftLook) {
	e.draft = d
	if d.engine == "" {
		e.DraftNote.Hide()
	} else {
		note := "Draft from " + EngineTitle(d.engine) + " — correct it while listening"
		if d.corrected {
			note = "Draft from " + EngineTitle(d.engine) + ", corrected by you — keep correcting it while listening"
		}
		e.DraftNote.SetText(note)
		e.DraftNote.Show()
	}
	e.showLegend()
}

// showLegend explains the marks of the face showing: the view's dotted
// words and outline, or, in the editor, what an edit keeps.
func (e *TranscriptEditor) showLegend() {
	d := e.draft
	var text string
	switch {
	case d.engine == "" && !d.timed:
	case e.editing && d.engine != "":
		text = "Type your corrections: the words you leave as they are keep the times they were said at. Esc shows the text with its marks."
	case e.editing:
	default:
		var parts []string
		if d.engine != "" {
			switch d.unsure {
			case 0:
				parts = append(parts, EngineTitle(d.engine)+" was sure of every word")
			case 1:
				parts = append(parts, "dotted: 1 word "+EngineTitle(d.engine)+" was unsure of")
			default:
				parts = append(parts, fmt.Sprintf("dotted: %d words %s was unsure of", d.unsure, EngineTitle(d.engine)))
			}
		}
		parts = append(parts, "outlined: the word playing", "tap a word to hear it")
		text = upperFirst(strings.Join(parts, " · "))
	}
	if text == "" {
		e.DraftLegend.Hide()
		return
	}
	e.DraftLegend.SetText(text)
	e.DraftLegend.Show()
}

// SetBusy shuts the editor while an engine drafts the transcript (the
// draft will replace it) and opens it again after.
func (e *TranscriptEditor) SetBusy(busy bool) {
	e.busy = busy
	if busy {
		if e.editing && strings.TrimSpace(e.Text()) != "" {
			e.Done()
		}
		if e.bigText == "" {
			e.Entry.PlaceHolder = draftComing
		}
		e.Entry.Disable()
		e.EditButton.Disable()
		return
	}
	if e.bigText == "" {
		e.Entry.PlaceHolder = typeHere
		e.Entry.Enable()
	}
	e.EditButton.Enable()
}

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

// upperFirst is s with its first letter upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
