//go:build ci

package speech

// toolsRequired: CI has every tool the Makefile installs, so a missing
// one is a failure, not a skip.
const toolsRequired = true
