//go:build ci

package main

// toolsRequired: CI has every tool the Makefile installs, so a missing
// one fails a test instead of skipping it.
const toolsRequired = true
