// Package audio records, plays and analyses takes. Sound devices (through
// miniaudio via malgo) appear only in recorder.go, player.go and
// backend.go; the codecs, the capture ring and its writer, the level
// meter, waveform peaks and pause detection are pure Go and are tested
// with synthetic buffers.
//
// Setting RETAKE_AUDIO_BACKEND=null selects miniaudio's null backend,
// which captures silence and swallows playback at real-time pace, so the
// whole path runs on machines without a sound card.
package audio
