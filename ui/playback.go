package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"retake/scoring"
)

// seekStep is how far Left and Right move the playhead.
const seekStep = 5 * time.Second

// Playback is Review's waveform and playback part: the waveform with its
// labelled sections, the take's timer bar (spoken against planned, per
// section), play and pause, seeking by keys and by tapping, and
// replaying one section.
type Playback struct {
	a *App

	Waveform *Waveform
	// Bar is the take's timer bar: tap a section to jump to it.
	Bar      *TimerBar
	Play     *keyButton
	Replay   *keyButton
	PosLabel *widget.Label
	Content  fyne.CanvasObject

	// OnPosition receives the playhead as it moves or is moved (for a
	// transcript whose words carry times to follow it).
	OnPosition func(time.Duration)

	audio    string
	duration time.Duration
	sections []WaveSection
	player   Player
	stop     chan struct{}
	// until is where a section replay pauses, 0 when playing on.
	until time.Duration
}

func newPlayback(a *App) *Playback {
	p := &Playback{a: a}
	p.Waveform = NewWaveform()
	p.Waveform.OnSeek = p.SeekTo
	p.Waveform.OnSection = p.JumpToSection
	p.Bar = newTimerBar(nil, nil, theme.SizeNameCaptionText)
	p.Bar.OnTapped = p.JumpToSection
	p.Play = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Play (P)", Icon: theme.MediaPlayIcon(), OnTapped: p.TogglePlay}})
	p.Replay = newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Text: "Replay section (S)", Icon: theme.MediaReplayIcon(), OnTapped: p.ReplayCurrent}})
	p.PosLabel = &widget.Label{TextStyle: fyne.TextStyle{Monospace: true}}
	back := newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Icon: theme.MediaFastRewindIcon(), OnTapped: func() { p.Skip(-seekStep) }}})
	fwd := newKeyButton(a.typedKey, &keyButton{Button: widget.Button{Icon: theme.MediaFastForwardIcon(), OnTapped: func() { p.Skip(seekStep) }}})
	hint := &widget.Label{Text: "←/→ 5 s · Home/End · tap a section to jump to it", SizeName: theme.SizeNameCaptionText, Truncation: fyne.TextTruncateEllipsis}
	p.Content = container.NewVBox(p.Waveform,
		container.NewBorder(nil, nil, container.NewHBox(p.Play, back, fwd, p.Replay, p.PosLabel), nil, hint),
		p.Bar)
	p.update()
	return p
}

// Load shows a take: its sections from the marks pressed while
// recording, or where the report found them told when the words carry
// times; its timer bar against the plan.
func (p *Playback) Load(t Take, r *scoring.Rubric, rep *scoring.Report, target time.Duration) {
	p.Close()
	p.audio, p.duration = t.AudioPath, t.Duration
	p.sections = takeSections(t, r, rep)
	p.Waveform.SetData(nil, p.sections, t.Duration)
	p.Waveform.SetPosition(0)
	p.showBar(r, rep, target, t)
	p.update()
}

// SetReport follows a new analysis of the open take.
func (p *Playback) SetReport(t Take, r *scoring.Rubric, rep *scoring.Report, target time.Duration) {
	p.sections = takeSections(t, r, rep)
	p.Waveform.SetData(p.Waveform.peaks, p.sections, p.duration)
	p.showBar(r, rep, target, t)
}

func (p *Playback) showBar(r *scoring.Rubric, rep *scoring.Report, target time.Duration, t Take) {
	plan := r.Plan(target)
	spoken := make([]float64, len(r.Sections))
	if rep != nil && len(rep.Sections) == len(r.Sections) {
		for i, s := range rep.Sections {
			spoken[i] = s.Seconds
			if s.PlannedS > 0 {
				plan[i] = s.PlannedS
			}
		}
	} else {
		for i, s := range p.sections {
			if i < len(spoken) {
				spoken[i] = s.End - s.Start
			}
		}
	}
	p.Bar.SetSections(r.Sections, plan)
	p.Bar.Update(-1, spoken)
}

// takeSections places a take's sections in time: where the report found
// each told (when the words carry times), else at the marks pressed
// while recording. Sections without either are left out.
func takeSections(t Take, r *scoring.Rubric, rep *scoring.Report) []WaveSection {
	dur := t.Duration.Seconds()
	var out []WaveSection
	if toldTimes(rep, r) {
		for i, s := range rep.Sections {
			if s.ToldS >= 0 && s.ToldS < dur {
				out = append(out, WaveSection{Title: s.Title, Start: s.ToldS, Index: i})
			}
		}
	}
	if len(out) == 0 && len(t.Marks) > 0 {
		out = append(out, WaveSection{Title: r.Sections[0].Title, Start: 0})
		for i, m := range t.Marks {
			if i+1 < len(r.Sections) && m < dur {
				out = append(out, WaveSection{Title: r.Sections[i+1].Title, Start: m, Index: i + 1})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	for i := range out {
		out[i].End = dur
		if i+1 < len(out) {
			out[i].End = out[i+1].Start
		}
	}
	return out
}

// toldTimes reports whether a report says when each section is told.
// Reports stored before the analyzer gave told times read 0 for all
// (the JSON lacked the field), and none of those carry score parts.
func toldTimes(rep *scoring.Report, r *scoring.Rubric) bool {
	if rep == nil || len(rep.Sections) != len(r.Sections) || len(rep.ScoreParts) == 0 {
		return false
	}
	for _, s := range rep.Sections {
		if s.ToldS > 0 {
			return true
		}
	}
	return false
}

// SetPeaks shows the waveform once computed.
func (p *Playback) SetPeaks(peaks []Peak) { p.Waveform.SetPeaks(peaks) }

// Sections are the take's sections in time order.
func (p *Playback) Sections() []WaveSection { return p.sections }

// TogglePlay plays or pauses the take, opening the output device on
// first use.
func (p *Playback) TogglePlay() {
	if p.a.Practice.Recording() {
		return // playing over a rehearsal would end up in the take
	}
	if p.audio == "" {
		p.a.ShowError("Nothing to play", "This take has no audio: open a recorded take from History", fmt.Errorf("no audio file"))
		return
	}
	if err := p.ensurePlayer(); err != nil {
		p.playError(err)
		return
	}
	if p.player.Playing() {
		if err := p.player.Pause(); err != nil {
			p.a.ShowError("Could not pause", "Try again", err)
		}
		p.stopPlayhead()
		p.until = 0
	} else {
		p.until = 0
		p.start()
	}
	p.update()
}

// playError words a failure to play for what caused it.
func (p *Playback) playError(err error) {
	if errors.Is(err, fs.ErrNotExist) {
		p.a.ShowError("The take's audio file is missing", "It may have been deleted or moved outside Retake", err)
		return
	}
	p.a.ShowError("Could not play the take", "Check the output device in Settings", err)
}

func (p *Playback) start() {
	if err := p.player.Play(); err != nil {
		p.playError(err)
		return
	}
	p.startPlayhead()
}

func (p *Playback) ensurePlayer() error {
	if p.player != nil {
		return nil
	}
	if p.a.deps.OpenPlayer == nil {
		return fmt.Errorf("no audio backend")
	}
	pl, err := p.a.deps.OpenPlayer(p.audio, p.a.OutputDevice())
	if err != nil {
		return err
	}
	p.player = pl
	if pos := p.Waveform.Playhead(); pos > 0 {
		_ = pl.Seek(pos)
	}
	return nil
}

// SeekTo moves playback, or just the playhead when nothing plays yet.
func (p *Playback) SeekTo(t time.Duration) {
	t = min(max(t, 0), p.duration)
	p.Waveform.SetPosition(t)
	if p.player != nil {
		if err := p.player.Seek(t); err != nil {
			p.a.ShowError("Could not seek", "Try another point of the take", err)
		}
	}
	if p.OnPosition != nil {
		p.OnPosition(t)
	}
	p.update()
}

// Skip moves the playhead by d, within the take.
func (p *Playback) Skip(d time.Duration) { p.SeekTo(p.Waveform.Playhead() + d) }

// SeekToEnd moves the playhead to the end of the take.
func (p *Playback) SeekToEnd() { p.SeekTo(p.duration) }

// JumpToSection moves the playhead to where section i starts, keeping
// playback going if it was.
func (p *Playback) JumpToSection(i int) {
	if s, ok := p.section(i); ok {
		p.until = 0
		p.SeekTo(secs(s.Start))
	}
}

// section finds a section by its rubric position, from its title.
func (p *Playback) section(i int) (WaveSection, bool) {
	if i < 0 || i >= len(p.Bar.sections) {
		return WaveSection{}, false
	}
	title := p.Bar.sections[i].Title
	for _, s := range p.sections {
		if s.Title == title {
			return s, true
		}
	}
	return WaveSection{}, false
}

// ReplaySection plays section i (by rubric position) from its start and
// pauses where it ends.
func (p *Playback) ReplaySection(i int) {
	s, ok := p.section(i)
	if !ok {
		p.a.ShowError("That section has no time in this take", "Press Space while recording to mark sections, or import a timed transcript", fmt.Errorf("no section marks"))
		return
	}
	p.replay(s)
}

// ReplayCurrent replays the section under the playhead.
func (p *Playback) ReplayCurrent() {
	at := p.Waveform.Playhead().Seconds()
	for i, s := range p.sections {
		if at >= s.Start && (at < s.End || i == len(p.sections)-1) {
			p.replay(s)
			return
		}
	}
	p.a.ShowError("No sections to replay", "Press Space while recording to mark sections, or import a timed transcript", fmt.Errorf("no section marks"))
}

func (p *Playback) replay(s WaveSection) {
	if p.audio == "" {
		p.a.ShowError("Nothing to play", "This take has no audio", fmt.Errorf("no audio file"))
		return
	}
	if err := p.ensurePlayer(); err != nil {
		p.playError(err)
		return
	}
	p.SeekTo(secs(s.Start))
	p.until = secs(s.End)
	if !p.player.Playing() {
		p.start()
	}
	p.update()
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// startPlayhead moves the playhead at the UI rate while playing.
func (p *Playback) startPlayhead() {
	p.stopPlayhead()
	stop := make(chan struct{})
	p.stop = stop
	p.a.every(stop, p.Tick)
}

// Tick follows the player: it moves the playhead and pauses at the end
// of a section being replayed.
func (p *Playback) Tick() {
	pl := p.player
	if pl == nil {
		return
	}
	pos := pl.Position()
	if p.until > 0 && pos >= p.until {
		_ = pl.Pause()
		pos = p.until
		p.until = 0
	}
	p.Waveform.SetPosition(pos)
	if p.OnPosition != nil {
		p.OnPosition(pos)
	}
	if !pl.Playing() {
		p.stopPlayhead()
	}
	p.update()
}

func (p *Playback) stopPlayhead() {
	if p.stop != nil {
		close(p.stop)
		p.stop = nil
	}
}

// Close releases the output device and forgets the take.
func (p *Playback) Close() {
	p.stopPlayhead()
	if p.player != nil {
		_ = p.player.Close()
		p.player = nil
	}
	p.until = 0
}

// Clear shows no take.
func (p *Playback) Clear() {
	p.Close()
	p.audio, p.duration, p.sections = "", 0, nil
	p.Waveform.SetData(nil, nil, 0)
	p.Waveform.SetPosition(0)
	p.Bar.SetSections(nil, nil)
	p.update()
}

// Playing reports whether the take is playing.
func (p *Playback) Playing() bool { return p.player != nil && p.player.Playing() }

func (p *Playback) update() {
	if p.Playing() {
		p.Play.SetText("Pause (P)")
		p.Play.SetIcon(theme.MediaPauseIcon())
	} else {
		p.Play.SetText("Play (P)")
		p.Play.SetIcon(theme.MediaPlayIcon())
	}
	if p.audio == "" {
		p.Play.Disable()
		p.Replay.Disable()
	} else {
		p.Play.Enable()
		p.Replay.Enable()
	}
	p.PosLabel.SetText(clock(p.Waveform.Playhead().Seconds()) + " / " + clock(p.duration.Seconds()))
}
