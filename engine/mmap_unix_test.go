//go:build unix

package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestDropMapped: dropping a mapped file's pages loses none of its bytes
// (they come back from the page cache), and bytes on the Go heap are never
// touched, however the call is made.
func TestDropMapped(t *testing.T) {
	want := bytes.Repeat([]byte("2019-01;5010;100;;1 234,50;Resa\n"), 1<<16) // 2 MB, many pages
	data := mapTestFile(t, want)
	if !bytes.Equal(data, want) {
		t.Fatal("mapped bytes differ from the file")
	}
	dropMapped(data, 0, len(data))
	dropMapped(data[100:], 5000, 900000) // a sub-slice, unaligned bounds
	if !bytes.Equal(data, want) {
		t.Fatal("bytes changed after their pages were dropped")
	}
	heap := bytes.Clone(want)
	dropMapped(heap, 0, len(heap))
	if !bytes.Equal(heap, want) {
		t.Fatal("dropMapped changed bytes on the Go heap")
	}
	// Out of range and empty calls do nothing.
	dropMapped(data, -1, 10)
	dropMapped(data, 10, len(data)+1)
	dropMapped(data, 10, 10)
}

// TestBehindReaderReadsAll: reading through behindReader gives every byte of
// a mapped file, in order, while it drops the pages behind it.
func TestBehindReaderReadsAll(t *testing.T) {
	want := bytes.Repeat([]byte("0123456789abcdef"), 3<<20) // 48 MB: three drops
	data := mapTestFile(t, want)
	r := newBehindReader(data, nil)
	var got bytes.Buffer
	if _, err := got.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	if r.dropped < 32<<20 {
		t.Errorf("dropped only %d bytes behind the reader", r.dropped)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatal("read bytes differ from the file")
	}
	if !bytes.Equal(data, want) {
		t.Fatal("the mapping changed")
	}
}

// mapTestFile writes content to a file and maps it as a load would, until the
// test ends.
func mapTestFile(t *testing.T, content []byte) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "extract.csv")
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
	data, unmap, err := mapFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(unmap)
	return data
}
