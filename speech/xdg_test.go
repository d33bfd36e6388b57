package speech

import "github.com/adrg/xdg"

// reloadXDG rereads the XDG variables a test has set.
func reloadXDG() { xdg.Reload() }
