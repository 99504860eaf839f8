package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tertial/tertial/charts"
)

// TestReportFolderHoldsOneReport: a report written into a folder that holds
// an earlier one removes the earlier files it does not write again (the
// whole division has budget decisions, the unit MT has none), and nothing
// else: not the user's own files, not a path a hand-edited manifest points
// outside the folder with, and nothing at all when the report fails.
func TestReportFolderHoldsOneReport(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "out")
	if _, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--out", dir, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	decisions := filepath.Join(dir, "tables", "budget_decisions.csv")
	if _, err := os.Stat(decisions); err != nil {
		t.Fatalf("the division's report has no budget decisions table: %v", err)
	}
	mine := []string{filepath.Join(dir, "notes.txt"), filepath.Join(dir, "tables", "mine.csv"), filepath.Join(parent, "outside.txt")}
	for _, p := range mine {
		os.WriteFile(p, []byte("kept"), 0o644)
	}
	manifest := filepath.Join(dir, outputsManifest)
	b, err := os.ReadFile(manifest)
	if err != nil || !strings.Contains(string(b), "\ntables/budget_decisions.csv\n") || !strings.Contains(string(b), "\nindex.html\n") {
		t.Fatalf("manifest: %v\n%s", err, b)
	}
	os.WriteFile(manifest, append(b, []byte("../outside.txt\n"+filepath.Join(parent, "outside.txt")+"\n")...), 0o644)

	// A report that fails leaves the earlier one whole.
	if _, _, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--unit", "Nope", "--out", dir, "-q"); code != exitUsage {
		t.Fatalf("unknown unit: exit %d", code)
	}
	if _, err := os.Stat(decisions); err != nil {
		t.Fatalf("a failed report removed the earlier one's files: %v", err)
	}

	_, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--unit", "MT", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(decisions); err == nil {
		t.Errorf("the unit's report left the division's budget decisions in %s", decisions)
	}
	if !strings.Contains(errs, "tables/budget_decisions.csv") {
		t.Errorf("the removal is not logged: %s", errs)
	}
	for _, p := range mine {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("removed %s, which tertial did not write", p)
		}
	}
	for _, name := range []string{"index.html", "report.json", "tables.xlsx", "tables/period_result.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("the unit's report: %v", err)
		}
	}
	b, _ = os.ReadFile(manifest)
	if strings.Contains(string(b), "budget_decisions") || strings.Contains(string(b), "outside") {
		t.Errorf("manifest after the unit's report:\n%s", b)
	}
}

// TestReportWhenChromiumFails: Chromium that fails is tried once more; when
// it fails again the report exits non-zero, says what it did write, and
// leaves no earlier report's PDF or figures beside the new HTML.
func TestReportWhenChromiumFails(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("a shell script stands in for Chromium")
	}
	bin := t.TempDir()
	fake := filepath.Join(bin, "chromium")
	os.WriteFile(fake, []byte("#!/bin/sh\necho 'Segmentation fault' >&2\nexit 139\n"), 0o755)
	t.Setenv("TERTIAL_CHROMIUM", fake)

	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "figures"), 0o755)
	os.WriteFile(filepath.Join(dir, "report.pdf"), []byte("%PDF an earlier report"), 0o644)
	os.WriteFile(filepath.Join(dir, "figures", "sjukfranvaro.png"), []byte("an earlier figure"), 0o644)
	os.WriteFile(filepath.Join(dir, outputsManifest), []byte("report.pdf\nfigures/sjukfranvaro.png\n"), 0o644)

	_, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--out", dir)
	if code == 0 {
		t.Fatalf("exit 0 without PNGs and PDF: %s", errs)
	}
	for _, want := range []string{"Chromium failed; trying once more", "index.html, report.json, tables.xlsx and tables/*.csv in " + dir + " are written", "--no-browser leaves them out"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr has no %q:\n%s", want, errs)
		}
	}
	for _, name := range []string{"report.pdf", "figures/sjukfranvaro.png"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("the earlier report's %s is still there", name)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Error(err)
	}
}

// TestReportChromiumRetried: Chromium that fails the first time and starts
// the second gives a whole report (exit 0, every PNG, the PDF).
func TestReportChromiumRetried(t *testing.T) {
	t.Setenv("TERTIAL_CHROMIUM", "")
	exe, err := charts.FindBrowser()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI must have Chromium: %v", err)
		}
		t.Skip(err)
	}
	bin := t.TempDir()
	once := filepath.Join(bin, "failed-once")
	fake := filepath.Join(bin, "chromium")
	os.WriteFile(fake, []byte("#!/bin/sh\nif [ ! -e '"+once+"' ]; then touch '"+once+"'; exit 139; fi\nexec '"+exe+"' \"$@\"\n"), 0o755)
	t.Setenv("TERTIAL_CHROMIUM", fake)
	dir := t.TempDir()
	out, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--out", dir)
	if code != 0 || !strings.Contains(errs, "trying once more") || !strings.Contains(out, "wrote 8 figures as PNG") {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "report.pdf")); err != nil {
		t.Error(err)
	}
}
