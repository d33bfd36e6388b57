package take

import "errors"

// errSymlink and errNotFolder are why an entry of the library is refused.
var (
	errSymlink   = errors.New("is a symbolic link, which the library does not follow")
	errNotFolder = errors.New("is not a folder")
)
