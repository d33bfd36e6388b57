package speech

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/adrg/xdg"
)

// ModelsDir is where Retake looks for whisper.cpp models when none is
// set: $XDG_DATA_HOME/retake/models (usually ~/.local/share/retake/models).
func ModelsDir() string { return filepath.Join(xdg.DataHome, "retake", "models") }

// preferredModels are tried first, in this order, when the models folder
// holds several: English-only models that run near real time on a
// laptop's CPU before the larger, slower ones.
var preferredModels = []string{
	"ggml-base.en.bin", "ggml-small.en.bin", "ggml-base.bin", "ggml-small.bin",
	"ggml-tiny.en.bin", "ggml-medium.en.bin", "ggml-large-v3-turbo.bin",
}

// findModel picks a whisper.cpp model from dir: a preferred one if
// present, or else the first ggml-*.bin by name.
func findModel(dir string) (string, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", false
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if strings.HasPrefix(n, "ggml-") && strings.HasSuffix(n, ".bin") && !e.IsDir() {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "", false
	}
	for _, p := range preferredModels {
		if slices.Contains(names, p) {
			return filepath.Join(dir, p), true
		}
	}
	slices.Sort(names)
	return filepath.Join(dir, names[0]), true
}
