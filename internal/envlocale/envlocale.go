// Package envlocale gives the process a well-formed locale before Fyne's
// translation package reads it during package initialisation. Fyne logs
// a parse error for the POSIX locale names "C" and "POSIX", which would
// otherwise land on the stderr of every command-line tool. Import it for
// its side effect, before anything that imports Fyne.
package envlocale

import "os"

func init() {
	for _, name := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		base := v
		for i := 0; i < len(v); i++ {
			if v[i] == '.' || v[i] == '@' {
				base = v[:i]
				break
			}
		}
		if base == "C" || base == "POSIX" {
			// Keep the character set the person chose; only the
			// language part is replaced.
			_ = os.Setenv(name, "en_US"+v[len(base):])
		}
	}
}
