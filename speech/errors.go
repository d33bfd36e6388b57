package speech

import (
	"errors"
	"fmt"
)

// UnavailableError says why an engine cannot run and what fixes it. It
// matches ErrUnavailable with errors.Is.
type UnavailableError struct {
	// Reason is a sentence: "PocketSphinx is not installed".
	Reason string
	// Fix is the command to run or the step to take; it may be empty.
	Fix string
}

func (e *UnavailableError) Error() string {
	if e.Fix == "" {
		return e.Reason
	}
	return e.Reason + "; to fix: " + e.Fix
}

// Is makes errors.Is(err, ErrUnavailable) hold.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }

func unavailable(fix, format string, args ...any) error {
	return &UnavailableError{Reason: fmt.Sprintf(format, args...), Fix: fix}
}

// availability turns a check's error into Available's results.
func availability(err error) (bool, string, string) {
	if err == nil {
		return true, "", ""
	}
	var u *UnavailableError
	if errors.As(err, &u) {
		return false, u.Reason, u.Fix
	}
	return false, err.Error(), ""
}

// errorsJoin is errors.Join that keeps a single error as it is.
func errorsJoin(a, b error) error {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return errors.Join(a, b)
}
