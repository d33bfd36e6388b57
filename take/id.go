package take

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ErrBadID is returned for a take id that could name a path outside the
// library: empty, too long, "." or "..", or holding anything but letters,
// digits, '-', '_' and '.'.
var ErrBadID = errors.New("invalid take id")

// maxIDLen bounds ids so a hostile one cannot make huge paths.
const maxIDLen = 64

// NewID returns a fresh take id: the UTC creation time to the millisecond
// followed by random hex, so ids sort by creation time and two takes made
// in the same millisecond still differ.
func NewID(now time.Time) string {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		// crypto/rand does not fail on supported platforms; a time-only
		// suffix keeps the id usable if it ever does.
		copy(b[:], fmt.Sprintf("%04d", now.Nanosecond()%10000))
	}
	u := now.UTC()
	return fmt.Sprintf("%s%03dZ-%s", u.Format("20060102T150405"), u.Nanosecond()/1e6, hex.EncodeToString(b[:]))
}

// ValidateID checks that id names a folder directly inside the library.
func ValidateID(id string) error {
	if id == "" || len(id) > maxIDLen || id == "." || strings.Contains(id, "..") {
		return fmt.Errorf("%w: %q", ErrBadID, id)
	}
	for _, c := range id {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
		if !ok {
			return fmt.Errorf("%w: %q", ErrBadID, id)
		}
	}
	if strings.HasPrefix(id, ".") {
		// Hidden names are where atomic writes keep their temp files.
		return fmt.Errorf("%w: %q", ErrBadID, id)
	}
	return nil
}
