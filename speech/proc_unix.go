//go:build unix

package speech

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts the program as the leader of a new process
// group, so killing the group also ends the helpers it starts.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
