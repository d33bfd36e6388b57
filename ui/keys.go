package ui

import (
	"fmt"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// A key binding is one line of the help: the keys, what they do, where,
// and the handler the matching button also calls. The help is made from
// this list and the keys are bound from it, so the help lists exactly
// what works.
type binding struct {
	// keys is how the help writes the keys.
	keys, what string
	// shortcut is set for keys with Ctrl: they work whatever has focus.
	shortcut *desktop.CustomShortcut
	// key is set for single keys: they work when no text field has
	// focus, in the views listed (all when empty).
	key   fyne.KeyName
	views []string
	run   func()
}

func ctrl(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierControl}
}

// makeBindings lists every key the app answers to.
func (a *App) makeBindings() []binding {
	b := []binding{
		{keys: "Ctrl+1 … Ctrl+4", what: "Practice, Review, History, Settings"},
	}
	for i, v := range []string{ViewPractice, ViewReview, ViewHistory, ViewSettings} {
		view := v
		b = append(b, binding{shortcut: ctrl(fyne.KeyName(fmt.Sprint(i + 1))), run: func() { a.Show(view) }})
	}
	b = append(b,
		binding{keys: "Ctrl+R", what: "Record / stop, from any view", shortcut: ctrl(fyne.KeyR), run: a.recordFromAnywhere},
		binding{keys: "Ctrl+N", what: "Next section while recording", shortcut: ctrl(fyne.KeyN), run: func() { a.Practice.Next() }},
		binding{keys: "Ctrl+P", what: "Play / pause the take open in Review", shortcut: ctrl(fyne.KeyP), run: func() { a.Review.TogglePlay() }},
		binding{keys: "Ctrl+T", what: "Transcribe the take open in Review", shortcut: ctrl(fyne.KeyT), run: func() { a.Show(ViewReview); a.Review.TranscribeTake() }},
		binding{keys: "Ctrl+Q", what: "Quit (a take being recorded is saved first)", shortcut: ctrl(fyne.KeyQ), run: a.Quit},
		binding{keys: "F1", what: "This list", key: fyne.KeyF1, run: a.ShowHelp},
		binding{keys: "R", what: "Record / stop", key: fyne.KeyR, views: []string{ViewPractice}, run: func() { a.Practice.ToggleRecord() }},
		binding{keys: "Space or N", what: "Next section while recording", key: fyne.KeySpace, views: []string{ViewPractice}, run: func() { a.Practice.Next() }},
		binding{key: fyne.KeyN, views: []string{ViewPractice}, run: func() { a.Practice.Next() }},
		binding{keys: "P or Space", what: "Play / pause", key: fyne.KeyP, views: []string{ViewReview}, run: func() { a.Review.TogglePlay() }},
		binding{key: fyne.KeySpace, views: []string{ViewReview}, run: func() { a.Review.TogglePlay() }},
		binding{keys: "Left / Right", what: "Back / forward 5 seconds", key: fyne.KeyLeft, views: []string{ViewReview}, run: func() { a.Review.Player.Skip(-seekStep) }},
		binding{key: fyne.KeyRight, views: []string{ViewReview}, run: func() { a.Review.Player.Skip(seekStep) }},
		binding{keys: "Home / End", what: "Start / end of the take", key: fyne.KeyHome, views: []string{ViewReview}, run: func() { a.Review.Player.SeekTo(0) }},
		binding{key: fyne.KeyEnd, views: []string{ViewReview}, run: func() { a.Review.Player.SeekToEnd() }},
		binding{keys: "S", what: "Replay the section under the playhead", key: fyne.KeyS, views: []string{ViewReview}, run: func() { a.Review.Player.ReplayCurrent() }},
		binding{keys: "F", what: "Next flag: show its words in the transcript", key: fyne.KeyF, views: []string{ViewReview}, run: func() { a.Review.Card.SelectNext() }},
		binding{keys: "E", what: "Edit the transcript", key: fyne.KeyE, views: []string{ViewReview}, run: func() { a.Review.Editor.EditByKey('e') }},
		binding{keys: "T", what: "Transcribe the take with the speech engine (Cancel stops it)", key: fyne.KeyT, views: []string{ViewReview}, run: func() { a.Review.TranscribeTake() }},
		binding{keys: "Escape", what: "Leave the transcript editor (or any text field)", key: fyne.KeyEscape, run: a.unfocus},
	)
	return b
}

// bindKeys puts the Ctrl shortcuts on the window's canvas and the single
// keys on its key handler, which only hears keys when nothing has focus;
// the widgets below hand their keys over while they do.
func (a *App) bindKeys() {
	a.bindings = a.makeBindings()
	c := a.win.Canvas()
	for _, b := range a.bindings {
		if b.shortcut != nil {
			run := b.run
			c.AddShortcut(b.shortcut, func(fyne.Shortcut) { run() })
		}
	}
	c.SetOnTypedKey(func(e *fyne.KeyEvent) { a.typedKey(e) })
}

// shortcut runs the app's handler of a Ctrl shortcut, reporting whether
// it is one of the app's. A focused text field calls it first, because
// a focused widget that takes shortcuts gets them instead of the window.
func (a *App) shortcut(s fyne.Shortcut) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return false
	}
	for _, b := range a.bindings {
		if b.shortcut != nil && b.shortcut.KeyName == cs.KeyName && b.shortcut.Modifier == cs.Modifier {
			b.run()
			return true
		}
	}
	return false
}

// typedKey runs a single-key binding of the view showing and reports
// whether there was one.
func (a *App) typedKey(e *fyne.KeyEvent) bool {
	view := a.Current()
	for _, b := range a.bindings {
		if b.shortcut != nil || b.key != e.Name || !inViews(view, b.views) {
			continue
		}
		b.run()
		return true
	}
	return false
}

func inViews(view string, views []string) bool {
	if len(views) == 0 {
		return true
	}
	for _, v := range views {
		if v == view {
			return true
		}
	}
	return false
}

// textKey is what a focused text field does with a key before the field
// sees it: F1 still opens the help and Escape leaves the field; every
// other key is typing.
func (a *App) textKey(e *fyne.KeyEvent, escape func()) bool {
	switch e.Name {
	case fyne.KeyF1:
		a.ShowHelp()
		return true
	case fyne.KeyEscape:
		if escape != nil {
			escape()
		} else {
			a.unfocus()
		}
		return true
	}
	return false
}

// unfocus takes the keyboard focus from whatever holds it, so the single
// keys work again.
func (a *App) unfocus() {
	if a.Current() == ViewReview && a.Review.Editor.Editing() {
		a.Review.Editor.Done()
	}
	a.win.Canvas().Unfocus()
}

// ShowHelp lists the keyboard shortcuts.
func (a *App) ShowHelp() {
	f := widget.NewForm()
	for _, b := range a.bindings {
		if b.keys == "" {
			continue
		}
		what := b.what
		if len(b.views) > 0 {
			what += " (" + b.views[0] + ")"
		}
		f.Append(b.keys, widget.NewLabel(what))
	}
	note := &widget.Label{Text: "Ctrl keys work whatever has focus. Single keys work when no text field has focus: press Escape to leave one.", Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVBox(f, note), a.win)
	d.Resize(fyne.NewSize(min(620, a.win.Canvas().Size().Width-40), 0))
	d.Show()
}

// keyEntry is a text field that still lets the app's Ctrl shortcuts,
// F1 and Escape through.
type keyEntry struct {
	widget.Entry
	a *App
	// onEscape runs on Escape instead of just leaving the field.
	onEscape func()
	// skip is a character to drop when it arrives before skipUntil:
	// the E that opened the editor is a key press and a character, and
	// the character reaches the field that press has just focused.
	skip      rune
	skipUntil time.Time
}

// skipNext drops r if it is the next character typed in the next moment.
func (e *keyEntry) skipNext(r rune) {
	e.skip, e.skipUntil = r, e.a.deps.Now().Add(150*time.Millisecond)
}

// TypedRune types a character, unless it is the one skipNext drops.
func (e *keyEntry) TypedRune(r rune) {
	if e.skip != 0 {
		skip := e.skip
		e.skip = 0
		if (r == skip || unicode.ToLower(r) == skip) && e.a.deps.Now().Before(e.skipUntil) {
			return
		}
	}
	e.Entry.TypedRune(r)
}

func (a *App) newEntry(e *keyEntry) *keyEntry {
	e.a = a
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey gives F1 and Escape to the app, every other key to the field.
func (e *keyEntry) TypedKey(k *fyne.KeyEvent) {
	if e.a != nil && e.a.textKey(k, e.onEscape) {
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut gives the app's shortcuts to the app and the editing
// ones (copy, paste, undo…) to the field.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if e.a != nil && e.a.shortcut(s) {
		return
	}
	e.Entry.TypedShortcut(s)
}

// keySlider, keySelect and keyTable take the focus when clicked; they
// offer each key to the app first, so R still records after the target
// slider was dragged.
type keySlider struct {
	widget.Slider
	a *App
}

// TypedKey offers the key to the app first.
func (s *keySlider) TypedKey(k *fyne.KeyEvent) {
	if !s.a.typedKey(k) {
		s.Slider.TypedKey(k)
	}
}

type keySelect struct {
	widget.Select
	a *App
}

// TypedKey offers the key to the app first.
func (s *keySelect) TypedKey(k *fyne.KeyEvent) {
	if !s.a.typedKey(k) {
		s.Select.TypedKey(k)
	}
}

func (a *App) newSelect(opts []string, changed func(string)) *keySelect {
	s := &keySelect{a: a}
	s.Options, s.OnChanged = opts, changed
	s.ExtendBaseWidget(s)
	return s
}

type keyTable struct {
	widget.Table
	a *App
}

// TypedKey offers the key to the app first; arrows and Space stay the
// table's in History, where the app gives them no meaning.
func (t *keyTable) TypedKey(k *fyne.KeyEvent) {
	if !t.a.typedKey(k) {
		t.Table.TypedKey(k)
	}
}

// keyButton is a button that offers the app every key but the ones that
// press it, so F1 and the single keys still work after Tab has moved the
// keyboard onto a button.
type keyButton struct {
	widget.Button
	keys func(*fyne.KeyEvent) bool
}

func newKeyButton(keys func(*fyne.KeyEvent) bool, b *keyButton) *keyButton {
	b.keys = keys
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Space or Return, and offers any other
// key to the app first.
func (b *keyButton) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
	default:
		if b.keys != nil && b.keys(k) {
			return
		}
	}
	b.Button.TypedKey(k)
}
