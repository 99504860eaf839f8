//go:build !unix

package engine

import "os"

func mapFile(path string) ([]byte, func(), error) {
	b, err := os.ReadFile(path)
	return b, func() {}, err
}

// dropMapped does nothing where files are read rather than mapped.
func dropMapped(b []byte, from, to int) {}
