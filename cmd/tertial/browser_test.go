package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tertial/tertial/charts"
)

// TestReportInRealBrowser opens the sample report in headless Chromium with
// the network off: every figure must draw, with no console error and no
// request leaving the page, and the PNGs and the PDF must be real. CI
// installs Chromium (.ci/run); elsewhere the test is skipped without it.
func TestReportInRealBrowser(t *testing.T) {
	t.Setenv("TERTIAL_CHROMIUM", "")
	if _, err := charts.FindBrowser(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI must have Chromium: %v", err)
		}
		t.Skip(err)
	}
	dir := t.TempDir()
	out, errs, code := runCLI(t, "-v", "report", "--sample", "--period", "2019-04", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	// -v times Chromium's steps, so a slow PDF is told from a slow start.
	for _, want := range []string{`msg="browser step" step="start Chromium"`, `step="screenshot each figure"`, `step="print the PDF"`, `step="PNGs and PDF in Chromium"`} {
		if !strings.Contains(errs, want) {
			t.Errorf("-v: no %s in\n%s", want, errs)
		}
	}
	if !strings.Contains(out, "wrote 8 figures as PNG") {
		t.Errorf("output: %s", out)
	}
	for _, name := range []string{"resultatutveckling", "verksamhetens_kostnader", "arsarbetare_rullande", "arsarbetare", "antal_anstallda", "extratid", "sjukfranvaro", "investeringar"} {
		b, err := os.ReadFile(filepath.Join(dir, "figures", name+".png"))
		if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) || len(b) < 5000 {
			t.Errorf("figures/%s.png: %d bytes, %v", name, len(b), err)
		}
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "report.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 50000 {
		t.Errorf("report.pdf: %d bytes, %v", len(pdf), err)
	}
}
