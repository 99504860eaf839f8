//go:build unix

package engine

import (
	"os"
	"sync"
	"syscall"
	"unsafe"
)

// mapped records the files mapFile has mapped, so that dropMapped can tell
// mapped bytes from the Go heap's.
var mapped struct {
	sync.Mutex
	regions map[uintptr]int // start address → length
}

// mapFile maps a file read-only; unmap releases it.
func mapFile(path string) (data []byte, unmap func(), err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	size := st.Size()
	if size == 0 || !st.Mode().IsRegular() || int64(int(size)) != size {
		b, err := os.ReadFile(path)
		return b, func() {}, err
	}
	data, err = syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		b, err := os.ReadFile(path)
		return b, func() {}, err
	}
	start := uintptr(unsafe.Pointer(&data[0]))
	mapped.Lock()
	if mapped.regions == nil {
		mapped.regions = map[uintptr]int{}
	}
	mapped.regions[start] = len(data)
	mapped.Unlock()
	return data, func() {
		mapped.Lock()
		delete(mapped.regions, start)
		mapped.Unlock()
		syscall.Munmap(data)
	}, nil
}

// dropMapped tells the kernel that the whole pages of b[from:to] will not be
// needed again soon, when b lies in a file mapFile mapped: they leave the
// process's resident memory, and if read again they come back from the page
// cache, unchanged (the mapping is read-only and shared). A parser that has
// passed them calls it, so that a year's extract is not resident twice over
// at the end of its load. For bytes on the Go heap it does nothing.
func dropMapped(b []byte, from, to int) {
	if from < 0 || to > len(b) || to <= from {
		return
	}
	p := uintptr(unsafe.Pointer(&b[0]))
	mapped.Lock()
	inside := false
	for start, n := range mapped.regions {
		if p >= start && p+uintptr(len(b)) <= start+uintptr(n) {
			inside = true
			break
		}
	}
	mapped.Unlock()
	if !inside {
		return
	}
	page := uintptr(os.Getpagesize())
	lo := int((p+uintptr(from)+page-1)&^(page-1) - p)
	hi := int((p+uintptr(to))&^(page-1) - p)
	if hi <= lo {
		return
	}
	syscall.Madvise(b[lo:hi], syscall.MADV_DONTNEED)
}
