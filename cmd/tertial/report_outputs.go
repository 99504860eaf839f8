package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// outputsManifest lists, in a report's folder, the files the report wrote
// there. The next report into the same folder removes those it does not
// write again: a table the new unit has none of, or figures/*.png and
// report.pdf when Chromium failed or --no-browser was given. A folder then
// never holds one report's index.html beside another's PDF or CSV, which an
// economist could not tell apart. Only files named in the manifest are ever
// removed, so what the user keeps in the folder stays.
const outputsManifest = ".tertial-outputs"

// reportOutputs collects what one report writes into dir.
type reportOutputs struct {
	dir   string
	wrote map[string]bool // slash paths relative to dir
}

func newReportOutputs(dir string) *reportOutputs {
	return &reportOutputs{dir: dir, wrote: map[string]bool{}}
}

// add records a file written, by its path (dir joined with the rest).
func (o *reportOutputs) add(p string) {
	rel, err := filepath.Rel(o.dir, p)
	if err != nil || !filepath.IsLocal(rel) {
		return
	}
	o.wrote[filepath.ToSlash(rel)] = true
}

// finish removes the files the earlier report listed that this one did not
// write, returning them, and lists this report's files in their place.
func (o *reportOutputs) finish() (removed []string, _ error) {
	manifest := filepath.Join(o.dir, outputsManifest)
	old, err := os.ReadFile(manifest)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var errs []error
	for _, rel := range manifestFiles(old) {
		if o.wrote[rel] {
			continue
		}
		p := filepath.Join(o.dir, filepath.FromSlash(rel))
		if fi, err := os.Lstat(p); err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if err := os.Remove(p); err != nil {
			errs = append(errs, fmt.Errorf("remove the earlier report's %s: %w", rel, err))
			continue
		}
		removed = append(removed, rel)
	}
	names := make([]string, 0, len(o.wrote))
	for rel := range o.wrote {
		names = append(names, rel)
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteString("# Files `tertial report` wrote into this folder. The next report written here\n")
	b.WriteString("# removes those of them it does not write again; other files are left alone.\n")
	for _, rel := range names {
		b.WriteString(rel + "\n")
	}
	if err := writeFileAtomic(manifest, b.Bytes()); err != nil {
		errs = append(errs, err)
	}
	return removed, errors.Join(errs...)
}

// manifestFiles reads a manifest's file names, keeping only plain relative
// paths inside the folder: a manifest edited by hand cannot point outside it.
func manifestFiles(b []byte) []string {
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if line != path.Clean(line) || !filepath.IsLocal(filepath.FromSlash(line)) || line == outputsManifest {
			continue
		}
		names = append(names, line)
	}
	return names
}
