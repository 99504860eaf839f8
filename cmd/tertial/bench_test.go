package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tertial/tertial/charts"
)

// TestBenchSmoke runs `tertial bench` on a tiny region: the command the
// README gives for the region-scale figures must keep working end to end,
// and every line the closing note quotes must be there with real numbers.
func TestBenchSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a dozen tertial processes")
	}
	bin := tertialBinary(t)
	t.Setenv("TERTIAL_CHROMIUM", "") // the report with Chromium is timed too, where there is one
	dir := t.TempDir()
	out, err := exec.Command(bin, "bench", "--rows-per-year", "20000", "--employees", "200", "--cost-centers", "40",
		"--xlsx-rows", "2000", "--load-runs", "2", "--dir", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, out)
	}
	text := string(out)
	num := `([0-9]+(?:\.[0-9]+)?)`
	for _, load := range []string{"ledger, Swedish CSV", "ledger, SIE 4", "ledger, Parquet", "ledger, XLSX",
		"budget, Swedish CSV", "HR hours, Swedish CSV", "absence spells, CSV"} {
		// rows, seconds, rows/s, read_csv/s, ratio, CPU s, read_csv CPU s, peak RSS
		re := regexp.MustCompile(regexp.QuoteMeta(load) + `\s+(\d+)\s+` + num + `\s+` + num + `\s+` + num + `\s+` + num + `x\s+` + num + `\s+` + num + `\s+` + num + ` MB`)
		m := re.FindStringSubmatch(text)
		if m == nil {
			t.Errorf("no figures for %q in:\n%s", load, text)
			continue
		}
		for i, v := range m[1:] {
			if f, _ := strconv.ParseFloat(v, 64); f <= 0 && i != 5 && i != 6 {
				t.Errorf("%s: column %d is %s", load, i+1, v)
			}
		}
	}
	if m := regexp.MustCompile(`reaches at most ` + num + `x of read_csv`).FindStringSubmatch(text); m == nil {
		t.Errorf("bench output lacks the ceiling of text loads:\n%s", text)
	} else if f, _ := strconv.ParseFloat(m[1], 64); f <= 0 {
		t.Errorf("ceiling %s", m[1])
	}
	for _, want := range []string{"full report 2019-11", "rewrite the rows (all columns", "sum them by ledger_month's grain", "queries alone (in process)", "report/SQL",
		"load huvudbok_2019-12.csv", "load hr_timmar_2019-12.csv", "incremental monthly rebuild 2019-12", "(medians of 2 runs of each",
		`'tertial sql "SELECT 1"' (median of 5):`, "peak RSS: loads", "database"} {
		if !strings.Contains(text, want) {
			t.Errorf("bench output lacks %q:\n%s", want, text)
		}
	}
	// Each load, the report and the rebuild's steps say where their time
	// went, from the processes' own --verbose logs.
	// (Which steps take 0.01 s or more on a tiny region depends on the
	// machine: TestBenchPhases tests the lines themselves.)
	for _, re := range []string{
		`ledger, Swedish CSV .*\n    steps: .*start, exit and the rest -?[0-9.]+\n`,
		`budget, Swedish CSV .*\n    steps: .*start, exit and the rest -?[0-9.]+\n`,
		`full report 2019-11 .*\n    slowest steps: .*start, exit and the rest -?[0-9.]+\n`,
		`  load huvudbok_2019-12.csv .*\n    steps: .*start, exit and the rest -?[0-9.]+\n`,
	} {
		if !regexp.MustCompile(re).MatchString(text) {
			t.Errorf("bench output lacks the steps %s:\n%s", re, text)
		}
	}
	// The report as economists get it, with Chromium's PNGs and PDF, when
	// this machine has a Chromium (CI installs one).
	if _, err := charts.FindBrowser(); err != nil {
		if !regexp.MustCompile(`the same report with PNGs and PDF\s+not timed: no Chromium`).MatchString(text) {
			t.Errorf("no Chromium, and the bench does not say so:\n%s", text)
		}
	} else {
		re := regexp.MustCompile(`the same report with PNGs and PDF \(Chromium\)\s+` + num + `\s+` + num + `\s+` + num + ` MB`)
		if re.FindStringSubmatch(text) == nil {
			t.Errorf("no time for the report with Chromium in:\n%s", text)
		}
		pngs, _ := filepath.Glob(filepath.Join(dir, "report-2019-11-browser", "figures", "*.png"))
		if _, err := os.Stat(filepath.Join(dir, "report-2019-11-browser", "report.pdf")); err != nil || len(pngs) < 5 {
			t.Errorf("the report with Chromium wrote %d PNGs and the PDF: %v", len(pngs), err)
		}
	}
}

// phasesOf sums a process's --verbose steps by name, in the order first
// seen, and phaseLine shows what the process spent beyond them.
func TestBenchPhases(t *testing.T) {
	log := strings.Join([]string{
		`{"time":"x","level":"DEBUG","msg":"open done","seconds":0.02,"db":"r.duckdb"}`,
		`{"level":"DEBUG","msg":"load step","step":"parse and insert","seconds":1.5,"file":"a.csv"}`,
		`{"level":"DEBUG","msg":"load step","step":"commit","seconds":0.25,"file":"a.csv"}`,
		`{"level":"DEBUG","msg":"load done","seconds":1.75,"file":"a.csv"}`,
		`{"level":"DEBUG","msg":"load step","step":"parse and insert","seconds":0.5,"file":"b.csv"}`,
		`{"level":"INFO","msg":"loaded","file":"b.csv"}`,
		`tertial: peak RSS kB: 1234`,
		`{"level":"DEBUG","msg":"query done","seconds":0.004,"query":"fte"}`,
		`{"level":"DEBUG","msg":"close step","step":"checkpoint","seconds":0.1,"db":"r.duckdb"}`,
	}, "\n")
	ps := phasesOf(log)
	want := []phase{{"open", 0.02}, {"parse and insert", 2.0}, {"commit", 0.25}, {"fte", 0.004}, {"checkpoint", 0.1}}
	if len(ps) != len(want) {
		t.Fatalf("phases %v, want %v", ps, want)
	}
	for i := range want {
		if ps[i].name != want[i].name || ps[i].seconds-want[i].seconds > 1e-9 || want[i].seconds-ps[i].seconds > 1e-9 {
			t.Errorf("phase %d: %v, want %v", i, ps[i], want[i])
		}
	}
	st := step{seconds: 3, phases: ps}
	if got, want := phaseLine(st, 0), "open 0.02, parse and insert 2.00, commit 0.25, checkpoint 0.10, start, exit and the rest 0.63"; got != want {
		t.Errorf("phaseLine(all) = %q, want %q", got, want)
	}
	if got, want := phaseLine(st, 2), "parse and insert 2.00, commit 0.25, …, start, exit and the rest 0.63"; got != want {
		t.Errorf("phaseLine(2) = %q, want %q", got, want)
	}
	if got := phaseLine(step{seconds: 1}, 0); got != "" {
		t.Errorf("no phases: %q", got)
	}
	if got, want := phaseLine(step{seconds: 0.05, phases: []phase{{"open", 0.004}}}, 0), "start, exit and the rest 0.05"; got != want {
		t.Errorf("phases all under 0.01 s: %q, want %q", got, want)
	}
}

// A bench that would fill its disk says so before it starts.
func TestBenchDisk(t *testing.T) {
	if need := benchDisk(10_000_000, 200_000); need < 5e9 || need > 7e9 {
		t.Errorf("the default region needs %d bytes; measured 5–6 GB at the peak", need)
	}
	dir := t.TempDir()
	if err := enoughDisk(dir, 1); err != nil {
		t.Errorf("one byte: %v", err)
	}
	err := enoughDisk(dir, 1<<62)
	if err == nil || !strings.Contains(err.Error(), "GB free and the region needs about") || !strings.Contains(err.Error(), "--dir") {
		t.Errorf("an exabyte: %v", err)
	}
}
