package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2/theme"
)

// TogglePlay plays or pauses the open take, opening the output device on
// first use.
func (r *Review) TogglePlay() {
	if r.take.AudioPath == "" {
		r.a.ShowError("Nothing to play", "This take has no audio: open a recorded take from History", fmt.Errorf("no audio file"))
		return
	}
	if err := r.ensurePlayer(); err != nil {
		r.a.ShowError("Could not play the take", "Check the output device in Settings", err)
		return
	}
	if r.player.Playing() {
		if err := r.player.Pause(); err != nil {
			r.a.ShowError("Could not pause", "Try again", err)
		}
		r.stopPlayhead()
	} else {
		if err := r.player.Play(); err != nil {
			r.a.ShowError("Could not play the take", "Check the output device in Settings", err)
			return
		}
		r.startPlayhead()
	}
	r.updatePos()
}

func (r *Review) ensurePlayer() error {
	if r.player != nil {
		return nil
	}
	if r.a.deps.OpenPlayer == nil {
		return fmt.Errorf("no audio backend")
	}
	p, err := r.a.deps.OpenPlayer(r.take.AudioPath, r.a.OutputDevice())
	if err != nil {
		return err
	}
	r.player = p
	if pos := r.Waveform.Playhead(); pos > 0 {
		_ = p.Seek(pos)
	}
	return nil
}

// seek moves playback, or just the playhead when nothing is playing yet.
func (r *Review) seek(t time.Duration) {
	r.Waveform.SetPosition(t)
	if r.player != nil {
		if err := r.player.Seek(t); err != nil {
			r.a.ShowError("Could not seek", "Try another point of the take", err)
		}
	}
	r.updatePos()
}

// startPlayhead moves the playhead at the UI rate while playing.
func (r *Review) startPlayhead() {
	r.stopPlayhead()
	stop := make(chan struct{})
	r.stopPlayer = stop
	p := r.player
	r.a.every(stop, func() {
		r.Waveform.SetPosition(p.Position())
		r.updatePos()
		if !p.Playing() {
			r.stopPlayhead()
		}
	})
}

func (r *Review) stopPlayhead() {
	if r.stopPlayer != nil {
		close(r.stopPlayer)
		r.stopPlayer = nil
	}
}

func (r *Review) closePlayer() {
	r.stopPlayhead()
	if r.player != nil {
		_ = r.player.Close()
		r.player = nil
	}
}

func (r *Review) updatePos() {
	playing := r.player != nil && r.player.Playing()
	if playing {
		r.Play.SetText("Pause (P)")
		r.Play.SetIcon(theme.MediaPauseIcon())
	} else {
		r.Play.SetText("Play (P)")
		r.Play.SetIcon(theme.MediaPlayIcon())
	}
	r.PosLabel.SetText(clock(r.Waveform.Playhead().Seconds()) + " / " + clock(r.take.Duration.Seconds()))
}
