package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// TestFuzzEveryParserInCI fuzzes every fuzz target of the module (the SIE
// parser, CSV dialect detection, Swedish numbers and periods, XLSX, every
// kind of extract through its loader, the scorecard, the config …) for a
// short time each when CI is set, so that CI runs the
// fuzzers themselves and not only their seed corpora. TERTIAL_FUZZTIME sets
// the time per target (default 10s); TERTIAL_FUZZ=1 runs it outside CI too.
// An input that fails is saved under the package's testdata/fuzz/ by the
// fuzzer: commit it, and it becomes a test of its own.
func TestFuzzEveryParserInCI(t *testing.T) {
	if os.Getenv("CI") == "" && os.Getenv("TERTIAL_FUZZ") == "" {
		t.Skip("fuzzing runs in CI (CI=true) or with TERTIAL_FUZZ=1")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	fuzztime := os.Getenv("TERTIAL_FUZZTIME")
	if fuzztime == "" {
		fuzztime = "10s"
	}
	targets := fuzzTargets(t)
	if len(targets) < 10 {
		t.Fatalf("found %d fuzz targets, want at least the ten parsers': %v", len(targets), targets)
	}
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			cmd := exec.Command("go", "test", "-run", "^$", "-fuzz", "^"+tg.name+"$", "-fuzztime", fuzztime, tg.pkg)
			out, err := cmd.CombinedOutput()
			if err != nil && coordinatorRace(out) {
				t.Logf("%s: Go's fuzz coordinator reported its own deadline (golang/go#75804, fixed in Go 1.27), no failing input: not a finding\n%s", tg.name, lastLine(out))
				return
			}
			if err != nil {
				t.Fatalf("go test -fuzz %s %s: %v\n%s", tg.name, tg.pkg, err, out)
			}
			t.Logf("%s: %s", tg.name, lastLine(out))
		})
	}
}

// coordinatorRace tells Go's fuzzing race at the end of a -fuzztime
// (golang/go#75804, in every Go 1.26): the target "fails" with "context
// deadline exceeded" at the deadline and no input is written. A real
// finding — a failing input, a crash, a hung worker — always writes the
// input ("Failing input written to testdata/fuzz/…").
func coordinatorRace(out []byte) bool {
	return bytes.Contains(out, []byte("context deadline exceeded")) && !bytes.Contains(out, []byte("Failing input written"))
}

type fuzzTarget struct{ pkg, name string }

var (
	reFuzzName = regexp.MustCompile(`^Fuzz\w+$`)
	reListed   = regexp.MustCompile(`^ok\s+(\S+)`)
)

// fuzzTargets lists the module's fuzz targets with `go test -list`, whose
// output gives each package's target names before its "ok" line.
func fuzzTargets(t *testing.T) []fuzzTarget {
	t.Helper()
	out, err := exec.Command("go", "test", "-list", "^Fuzz", "github.com/tertial/tertial/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go test -list: %v\n%s", err, out)
	}
	var targets []fuzzTarget
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case reFuzzName.MatchString(line):
			names = append(names, line)
		case reListed.MatchString(line):
			pkg := reListed.FindStringSubmatch(line)[1]
			for _, n := range names {
				targets = append(targets, fuzzTarget{pkg, n})
			}
			names = nil
		}
	}
	return targets
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}

func TestCoordinatorRace(t *testing.T) {
	race := "fuzz: elapsed: 11s, execs: 33502 (0/sec), new interesting: 9 (total: 196)\n--- FAIL: FuzzMarkdown (11.05s)\n    context deadline exceeded\nFAIL\n"
	finding := "--- FAIL: FuzzXLSXTable (5.64s)\n    fuzz_test.go:147: fuzz.xlsx: sheet Sheet1 is empty\n\n    Failing input written to testdata/fuzz/FuzzXLSXTable/988d3a6012f4c108\n    context deadline exceeded\n"
	if !coordinatorRace([]byte(race)) {
		t.Error("the coordinator's deadline taken for a finding")
	}
	if coordinatorRace([]byte(finding)) || coordinatorRace([]byte("--- FAIL: FuzzX\n    panic: boom\n")) {
		t.Error("a finding taken for the coordinator's deadline")
	}
}
