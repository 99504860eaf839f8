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
// parser, CSV dialect detection, Swedish numbers and periods, XLSX, the
// config …) for a short time each when CI is set, so that CI runs the
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
	if len(targets) < 6 {
		t.Fatalf("found %d fuzz targets, want at least the six parsers': %v", len(targets), targets)
	}
	for _, tg := range targets {
		t.Run(tg.name, func(t *testing.T) {
			cmd := exec.Command("go", "test", "-run", "^$", "-fuzz", "^"+tg.name+"$", "-fuzztime", fuzztime, tg.pkg)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("go test -fuzz %s %s: %v\n%s", tg.name, tg.pkg, err, out)
			}
			t.Logf("%s: %s", tg.name, lastLine(out))
		})
	}
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
