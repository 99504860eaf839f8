package engine

import (
	"os"
	"syscall"
)

// setPipeSize widens the pipe from 64 KiB to 1 MiB (the default most a user
// may ask for), so that parser and DuckDB hand over in fewer, larger steps.
// It is only a hint: a smaller limit leaves the pipe as it was.
func setPipeSize(f *os.File) {
	const fSetPipeSz = 1031 // F_SETPIPE_SZ
	if rc, err := f.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) {
			syscall.Syscall(syscall.SYS_FCNTL, fd, fSetPipeSz, 1<<20)
		})
	}
}
