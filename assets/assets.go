// Package assets holds Retake's embedded data: the app icon, the question
// bank, the rubrics, the follow-up drills and the word lists the analyzer
// reads (and, in compiled/, those lists compiled ahead of time; see
// scoring/listimage.go). Keeping them as data means a new question or
// rubric is a data change, not new code.
package assets

import (
	"embed"
	"fmt"
	"io/fs"
)

//go:embed Icon.png rubrics questions wordlists followups models compiled
var files embed.FS

// FS is the read-only tree of embedded data files.
var FS fs.FS = files

// Icon returns the PNG bytes of the application icon.
func Icon() []byte {
	b, err := files.ReadFile("Icon.png")
	if err != nil {
		panic("assets: icon missing from the binary: " + err.Error())
	}
	return b
}

// Read returns an embedded file by its slash-separated path, for example
// "rubrics/mistake.json".
func Read(name string) ([]byte, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	return b, nil
}
