// Command tertial turns a region's ledger, budget and HR extracts into the
// figures and tables of a tertialrapport, and answers SQL on the same data.
package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
)

func main() {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	if os.Getenv(peakRSSEnv) != "" {
		reportPeakRSS(os.Stderr)
	}
	os.Exit(code)
}

// peakRSSEnv makes a tertial process print its own peak resident memory
// when it ends, for the bench: the rusage a parent reads for its child
// counts the parent's own peak as well (Linux starts a child in the
// parent's memory until it execs), which would make every step of the
// bench look as large as the bench process itself.
const peakRSSEnv = "TERTIAL_BENCH_PEAK_RSS"

const peakRSSPrefix = "tertial-peak-rss-kb: "

// reportPeakRSS prints VmHWM, the process's peak resident set since it
// started this program, where /proc has it.
func reportPeakRSS(w io.Writer) {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			fmt.Fprintf(w, "%s%s\n", peakRSSPrefix, strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return
		}
	}
}
