//go:build unix

package engine

import (
	"errors"
	"os"
	"syscall"
)

const fifoSupported = true

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }

// openFIFOWriter opens a named pipe for writing without waiting: waiting is
// true while no reader has opened it yet.
func openFIFOWriter(path string) (f *os.File, waiting bool, err error) {
	f, err = os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, syscall.ENXIO) {
		return nil, true, nil
	}
	if err == nil {
		setPipeSize(f)
	}
	return f, false, err
}
