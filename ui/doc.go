// Package ui is Retake's Fyne desktop app: practice with a sectioned
// timer, review a take with its waveform and transcript, read the rubric
// card and follow the history of takes. It reaches audio, the take
// library and the transcriber only through the small interfaces in
// deps.go, so every view runs headless in tests with fakes, and the
// command wires the real packages in.
package ui
