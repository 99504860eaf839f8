package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratorIsDeterministic regenerates the sample into a temporary
// folder and compares it with the committed files: the sample is exactly
// what the generator writes, every time.
func TestGeneratorIsDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates the whole sample")
	}
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(files) < 9 {
		t.Fatalf("generated only %d files", len(files))
	}
	for _, f := range files {
		got, _ := os.ReadFile(f)
		want, err := os.ReadFile(filepath.Join("..", filepath.Base(f)))
		if err != nil {
			t.Errorf("%s is generated but not committed: %v", filepath.Base(f), err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the committed file: run go run ./sampledata/gen", filepath.Base(f))
		}
	}
}
