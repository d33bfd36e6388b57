package ui

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
	"retake/scoring/transcript"
)

// analysisDelay is how long typing must pause before the analysis
// reruns: long enough not to score every keystroke.
const analysisDelay = 400 * time.Millisecond

// waveBuckets is the waveform's resolution, about one bucket per pixel
// of a wide window.
const waveBuckets = 800

// Review shows one take: its waveform and playback, its transcript and
// the rubric card.
type Review struct {
	a *App

	Info       *widget.Label
	Waveform   *Waveform
	Play       *widget.Button
	PosLabel   *widget.Label
	Transcript *widget.Entry
	Import     *widget.Button
	Transcribe *widget.Button
	Cancel     *widget.Button
	// Progress and Activity show long work: the transcriber, the
	// waveform and the analysis.
	Progress *widget.ProgressBarInfinite
	Activity *widget.Label
	// Highlight shows the transcript with the selected flag's words
	// marked.
	Highlight *widget.RichText
	Card      *Card
	Content   fyne.CanvasObject

	textSplit *container.Split
	// bigText holds a transcript too long to edit in the entry, which is
	// then disabled; empty otherwise.
	bigText string
	take    Take
	srcName string
	parsed  transcript.Transcript
	report  *scoring.Report
	loading bool

	gen     atomic.Int64
	timer   *time.Timer
	pending sync.WaitGroup
	storeMu sync.Mutex
	cancel  context.CancelFunc

	player     Player
	stopPlayer chan struct{}
}

func newReview(a *App) *Review {
	r := &Review{a: a}
	r.Info = &widget.Label{Text: "No take open: record one in Practice or open one from History.", Wrapping: fyne.TextWrapWord}
	r.Waveform = NewWaveform()
	r.Waveform.OnSeek = r.seek
	r.Play = &widget.Button{Text: "Play (P)", Icon: theme.MediaPlayIcon(), OnTapped: r.TogglePlay}
	r.PosLabel = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}}
	r.Transcript = &widget.Entry{MultiLine: true, Wrapping: fyne.TextWrapWord, PlaceHolder: typeHere}
	r.Transcript.OnChanged = func(string) {
		if !r.loading {
			r.scheduleAnalysis()
		}
	}
	r.Import = &widget.Button{Text: "Import transcript…", Icon: theme.FolderOpenIcon(), OnTapped: r.chooseTranscript}
	r.Transcribe = &widget.Button{Text: "Transcribe", Icon: theme.MediaRecordIcon(), OnTapped: r.RunTranscriber}
	r.Cancel = &widget.Button{Text: "Cancel", Icon: theme.CancelIcon(), OnTapped: r.CancelWork}
	r.Cancel.Hide()
	r.Progress = widget.NewProgressBarInfinite()
	r.Progress.Stop()
	r.Progress.Hide()
	r.Activity = &widget.Label{Truncation: fyne.TextTruncateEllipsis}
	r.Highlight = &widget.RichText{Wrapping: fyne.TextWrapWord}
	r.Card = newCard(a.followups)
	r.Card.OnFlagSelected = r.selectFlag

	tools := container.NewHBox(r.Import, r.Transcribe, r.Cancel)
	r.textSplit = container.NewVSplit(r.Transcript, container.NewVScroll(container.NewVBox(heading("Flagged words"), r.Highlight)))
	r.textSplit.Offset = 0.55
	left := container.NewBorder(container.NewVBox(tools, container.NewBorder(nil, nil, nil, nil, r.Progress), r.Activity), nil, nil, nil,
		r.textSplit)
	split := container.NewHSplit(left, container.NewVScroll(r.Card.Content))
	split.Offset = 0.45
	top := container.NewVBox(r.Info, r.Waveform, container.NewHBox(r.Play, r.PosLabel))
	r.Content = container.NewBorder(top, nil, nil, nil, split)
	r.updatePos()
	return r
}

// Open shows a take: its stored transcript and report, and its waveform
// computed in the background.
func (r *Review) Open(t Take) {
	r.closePlayer()
	r.take = t
	r.srcName = t.TranscriptName
	r.report = t.Report
	story := t.Story
	if story == "" {
		story = "no story name"
	}
	when := "silent rehearsal, not saved"
	if t.ID != "" {
		when = t.Created.Local().Format("2 Jan 2006 15:04")
		if t.AudioPath == "" {
			when += " · no audio"
		}
	}
	r.Info.SetText(fmt.Sprintf("%s\n%s · %s · %s", t.Question, when, clock(t.Duration.Seconds()), story))
	r.loading = true
	r.setText(t.TranscriptName, t.Transcript)
	r.loading = false
	r.Waveform.SetData(nil, t.Marks, t.Duration)
	r.Waveform.SetPosition(0)
	r.updatePos()
	switch {
	case t.Report != nil:
		r.parsed = r.parse(t.TranscriptName, t.Transcript)
		r.Card.Show(*t.Report)
		r.showText(nil)
	case strings.TrimSpace(t.Transcript) != "":
		r.parsed = transcript.Transcript{}
		r.Card.Clear()
		r.scheduleAnalysis()
	default:
		r.parsed = transcript.Transcript{}
		r.Card.Clear()
		r.showText(nil)
	}
	if t.AudioPath != "" && r.a.deps.Peaks != nil {
		r.loadWaveform(t)
	}
}

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
	// maxShowBytes bounds the highlight view, a rich text with the same
	// cost; above it the view shows excerpts around the flagged words.
	maxShowBytes = 8 << 10
	// overviewBytes is how much of a long transcript the highlight view
	// shows before a flag is picked.
	overviewBytes = 2 << 10
)

// setText puts a transcript in the entry, or holds it aside when it is
// too long to edit there. The caller sets r.loading around it.
func (r *Review) setText(name, text string) {
	r.Transcript.Wrapping = fyne.TextWrapWord
	if longestLine(text) > maxWrapLine {
		r.Transcript.Wrapping = fyne.TextWrapOff
	}
	if len(text) > maxEditBytes {
		r.bigText = text
		r.Transcript.SetText("")
		r.Transcript.PlaceHolder = fmt.Sprintf("%s is %d KB, too long to edit here: it is analysed as imported. Import a shorter file to edit it.", filepath.Base(name), len(text)>>10)
		r.Transcript.Disable()
		return
	}
	r.bigText = ""
	r.Transcript.PlaceHolder = typeHere
	r.Transcript.Enable()
	r.Transcript.SetText(text)
}

// text is the transcript being reviewed.
func (r *Review) text() string {
	if r.bigText != "" {
		return r.bigText
	}
	return r.Transcript.Text
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

func (r *Review) loadWaveform(t Take) {
	r.startActivity("Drawing the waveform…")
	r.pending.Add(1)
	go func() {
		defer r.pending.Done()
		peaks, err := r.a.deps.Peaks(t.AudioPath, waveBuckets)
		r.a.deps.Do(func() {
			r.stopActivity()
			if r.take.ID != t.ID {
				return
			}
			if err != nil {
				r.Activity.SetText("No waveform: " + err.Error())
				return
			}
			r.Waveform.SetData(peaks, t.Marks, t.Duration)
		})
	}()
}

// Wait blocks until background work started so far has reported back;
// tests use it.
func (r *Review) Wait() { r.pending.Wait() }

func (r *Review) startActivity(msg string) {
	r.Activity.SetText(msg)
	r.Progress.Show()
	r.Progress.Start()
}

func (r *Review) stopActivity() {
	r.Progress.Stop()
	r.Progress.Hide()
	r.Activity.SetText("")
}

func (r *Review) parse(name, text string) transcript.Transcript {
	if name == "" {
		name = "typed.txt"
	}
	tr, err := r.a.deps.Parse(name, []byte(text))
	if err != nil {
		// Typed text always parses as plain text; keep it even if the
		// named format no longer fits after editing.
		tr = transcript.Transcript{Text: text, Format: transcript.Text}
	}
	return tr
}

// scheduleAnalysis reruns the analysis once the text has stopped
// changing for analysisDelay, off the UI thread.
func (r *Review) scheduleAnalysis() {
	gen := r.gen.Add(1)
	if r.timer != nil && r.timer.Stop() {
		r.pending.Done()
	}
	text, name, take := r.text(), r.srcName, r.take
	target := r.a.Target()
	r.pending.Add(1)
	r.timer = time.AfterFunc(analysisDelay, func() {
		defer r.pending.Done()
		r.a.deps.Do(func() { r.startActivity("Analysing…") })
		tr := r.parse(name, text)
		in := scoring.Input{Text: tr.Text, Cues: tr.Cues, Marks: take.Marks, RecordingS: take.Duration.Seconds(), Target: target}
		rep, aerr := safeAnalyze(r.a.deps.Analyze, in)
		var saved Take
		var err error
		if aerr == nil {
			saved, err = r.store(gen, take, name, text, rep)
		}
		r.a.deps.Do(func() {
			r.stopActivity()
			if gen != r.gen.Load() {
				return
			}
			if aerr != nil {
				r.a.ShowError("The analysis failed", "Your transcript is kept; please report this with the transcript attached", aerr)
				return
			}
			if err != nil {
				r.a.ShowError("Could not save the transcript", "Your text is still in the box; check the data folder and edit once more to retry", err)
			} else if saved.ID != "" && saved.ID == r.take.ID {
				r.take = saved
			}
			r.parsed = tr
			r.report = &rep
			r.Card.Show(rep)
			r.showText(nil)
		})
	})
}

// safeAnalyze runs the analyzer, turning a panic (a bug in a rule) into
// an error so the app and the person's text survive it.
func safeAnalyze(analyze func(scoring.Input) scoring.Report, in scoring.Input) (rep scoring.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("analyzer error: %v", p)
		}
	}()
	return analyze(in), nil
}

// store saves the transcript and report unless a newer edit superseded
// them; the lock keeps an older save from landing after a newer one.
func (r *Review) store(gen int64, t Take, name, text string, rep scoring.Report) (Take, error) {
	if t.ID == "" || r.a.deps.Library == nil {
		return Take{}, nil
	}
	r.storeMu.Lock()
	defer r.storeMu.Unlock()
	if gen != r.gen.Load() {
		return Take{}, nil
	}
	return r.a.deps.Library.SetTranscript(t.ID, name, text, rep)
}

func (r *Review) chooseTranscript() {
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			r.a.ShowError("Could not open the file", "Pick another file", err)
			return
		}
		if rc == nil {
			return
		}
		r.startActivity("Reading " + rc.URI().Name() + "…")
		r.pending.Add(1)
		go func() {
			defer r.pending.Done()
			defer rc.Close()
			data, err := io.ReadAll(io.LimitReader(rc, transcript.MaxBytes+1))
			if err == nil && len(data) > transcript.MaxBytes {
				err = fmt.Errorf("the file is larger than %d MB", transcript.MaxBytes>>20)
			}
			name := rc.URI().Name()
			r.a.deps.Do(func() {
				r.stopActivity()
				if err != nil {
					r.a.ShowError("Could not read "+name, "Pick a transcript under 10 MB", err)
					return
				}
				r.ImportTranscript(name, data)
			})
		}()
	}, r.a.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".txt", ".md", ".srt", ".vtt"}))
	d.Show()
}

// ImportTranscript replaces the transcript with a file's contents and
// reruns the analysis. Files that do not parse are refused with a dialog
// and the current transcript is kept.
func (r *Review) ImportTranscript(name string, data []byte) {
	if _, err := r.a.deps.Parse(name, data); err != nil {
		r.a.ShowError("Could not import "+filepath.Base(name), "Import a UTF-8 .txt, .md, .srt or .vtt file", err)
		return
	}
	r.srcName = filepath.Base(name)
	r.loading = true
	r.setText(name, string(data))
	r.loading = false
	r.scheduleAnalysis()
}

// RunTranscriber runs the transcriber command from the settings on the
// take's audio, with progress and a cancel button, then imports what it
// wrote.
func (r *Review) RunTranscriber() {
	tmpl := strings.TrimSpace(r.a.app.Preferences().String(PrefTranscriber))
	switch {
	case tmpl == "":
		r.a.ShowError("No transcriber set", "Enter a command with {audio} and {out} in Settings, or type the transcript", fmt.Errorf("the transcriber command is empty"))
		return
	case r.take.AudioPath == "":
		r.a.ShowError("This take has no audio", "Record a take with a microphone, or import a WAV or MP3 in History", fmt.Errorf("nothing to transcribe"))
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.cancel = cancel
	r.Transcribe.Disable()
	r.Cancel.Show()
	r.startActivity("Transcribing…")
	audio := r.take.AudioPath
	id := r.take.ID
	r.pending.Add(1)
	go func() {
		defer r.pending.Done()
		name, data, err := r.a.deps.RunTranscriber(ctx, tmpl, audio, func(line string) {
			r.a.deps.DoAsync(func() { r.Activity.SetText("Transcribing: " + line) })
		})
		cancelled := ctx.Err() != nil
		cancel()
		r.a.deps.Do(func() {
			r.cancel = nil
			r.Transcribe.Enable()
			r.Cancel.Hide()
			r.stopActivity()
			switch {
			case cancelled:
				r.Activity.SetText("Transcription cancelled.")
			case err != nil:
				r.a.ShowError("The transcriber failed", "Check the command in Settings; it must write a transcript to {out}", err)
			case r.take.ID == id:
				r.ImportTranscript(name, data)
			}
		})
	}()
}

// CancelWork stops a running transcriber.
func (r *Review) CancelWork() {
	if r.cancel != nil {
		r.cancel()
	}
}

// selectFlag highlights a flag's words and, when the transcript has
// times, moves playback to the first of them.
func (r *Review) selectFlag(f scoring.Flag) {
	r.showText(f.Spans)
	for _, s := range f.Spans {
		if s.T >= 0 {
			r.seek(time.Duration(s.T * float64(time.Second)))
			break
		}
	}
}

// highlightStyle marks flagged words in the transcript.
var highlightStyle = widget.RichTextStyle{Inline: true, ColorName: theme.ColorNameError, TextStyle: fyne.TextStyle{Bold: true}}

// showText fills the highlight view with the transcript, marking spans.
func (r *Review) showText(spans []scoring.Span) {
	text := r.parsed.Text
	sp := append([]scoring.Span(nil), spans...)
	sort.Slice(sp, func(i, j int) bool { return sp[i].Start < sp[j].Start })
	var segs []widget.RichTextSegment
	at := 0
	plain := func(s string) {
		if s = squeeze(s); s != "" {
			segs = append(segs, &widget.TextSegment{Text: s, Style: widget.RichTextStyleInline})
		}
	}
	big := len(text) > maxShowBytes
	for _, s := range sp {
		if s.Start < at || s.End > len(text) || s.Start >= s.End {
			continue
		}
		if big {
			plain(" … " + excerpt(text, max(s.Start-excerptBytes, at), s.Start))
		} else {
			plain(text[at:s.Start])
		}
		segs = append(segs, &widget.TextSegment{Text: squeeze(text[s.Start:s.End]), Style: highlightStyle})
		at = s.End
		if big {
			plain(excerpt(text, at, min(at+excerptBytes, len(text))) + " … ")
		}
	}
	switch {
	case !big:
		plain(text[at:])
	case len(sp) == 0:
		plain(excerpt(text, 0, overviewBytes) + " … (the transcript is long; pick a flag to see its words in context)")
	}
	r.Highlight.Segments = segs
	r.Highlight.Refresh()
}

// excerptBytes is the context shown either side of a flagged span in a
// long transcript.
const excerptBytes = 160

// excerpt is text[from:to] widened to whole UTF-8 characters.
func excerpt(text string, from, to int) string {
	for from > 0 && from < len(text) && !utf8.RuneStart(text[from]) {
		from--
	}
	for to < len(text) && !utf8.RuneStart(text[to]) {
		to++
	}
	return text[from:to]
}

// squeeze collapses runs of white space, including the blanked-out cue
// numbers and timings of subtitle files, to one space, or to one line
// break where the run held one, so cues and paragraphs keep their own
// lines (which also keeps the rich text's line wrapping cheap).
func squeeze(s string) string {
	var b strings.Builder
	space, newline := false, false
	flush := func() {
		switch {
		case newline:
			b.WriteByte('\n')
		case space:
			b.WriteByte(' ')
		}
		space, newline = false, false
	}
	for _, r := range s {
		switch {
		case r == '\n':
			newline = true
		case unicode.IsSpace(r):
			space = true
		default:
			flush()
			b.WriteRune(r)
		}
	}
	flush()
	return b.String()
}

// Highlighted returns the words currently marked in the transcript.
func (r *Review) Highlighted() []string {
	var out []string
	for _, s := range r.Highlight.Segments {
		if t, ok := s.(*widget.TextSegment); ok && t.Style == highlightStyle {
			out = append(out, t.Text)
		}
	}
	return out
}

// Report is the report on show, nil before any analysis.
func (r *Review) Report() *scoring.Report { return r.report }
