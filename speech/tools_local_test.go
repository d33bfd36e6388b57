//go:build !ci

package speech

// toolsRequired: outside CI a test whose tool is missing is skipped.
const toolsRequired = false
