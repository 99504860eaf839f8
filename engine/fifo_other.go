//go:build !unix

package engine

import (
	"errors"
	"os"
)

const fifoSupported = false

var errNoFIFO = errors.New("named pipes are not supported here")

func mkfifo(string) error { return errNoFIFO }

func openFIFOWriter(string) (*os.File, bool, error) { return nil, false, errNoFIFO }
