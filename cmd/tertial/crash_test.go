package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tertial/tertial/engine"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// tertialBinary builds the command once per test run.
func tertialBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tertial-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "tertial")
		if out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err != nil {
			binErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// TestLoadSurvivesSIGKILL kills `tertial load` at random moments, many
// times, and checks that the database is always either as before the load
// or fully loaded — no rows lost or doubled — and that loading again then
// finishes the job. -short runs a few kills; the full loop runs 25.
func TestLoadSurvivesSIGKILL(t *testing.T) {
	bin := tertialBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "t.duckdb")
	ctx := context.Background()
	// Three monthly re-exports of one source; each replaces the months it covers.
	files := make([]string, 3)
	rows := []int{60000, 90000, 120000}
	for i := range files {
		files[i] = filepath.Join(dir, fmt.Sprintf("huvudbok_2018-%02d.csv", i+1))
		f, _ := os.Create(files[i])
		if err := engine.WriteSyntheticLedger(f, rows[i], uint64(i+1)); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	if out, err := exec.Command(bin, "load", "--db", db, "--kind", "ledger", "--source", "huvudbok", files[0]).CombinedOutput(); err != nil {
		t.Fatalf("first load: %v\n%s", err, out)
	}
	kills := 25
	if testing.Short() {
		kills = 4
	}
	rng := rand.New(rand.NewPCG(7, 7))
	state := func() (int64, int64) {
		s, err := engine.Open(ctx, db)
		if err != nil {
			t.Fatalf("reopen after kill: %v", err)
		}
		defer s.Close()
		var n, loads int64
		if err := s.DB().QueryRow("SELECT (SELECT count(*) FROM ledger), (SELECT count(*) FROM loads)").Scan(&n, &loads); err != nil {
			t.Fatal(err)
		}
		return n, loads
	}
	for i := 0; i < kills; i++ {
		next := files[1+i%2]
		before, beforeLoads := state()
		cmd := exec.Command(bin, "load", "--db", db, "--kind", "ledger", "--source", "huvudbok", "-q", next)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(2500)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		after, afterLoads := state()
		want := int64(rows[1+i%2])
		switch {
		case after == before && afterLoads == beforeLoads: // killed before commit: as before
		case after == want && afterLoads == beforeLoads+1: // committed: exactly the new extract
		case after == want && afterLoads == beforeLoads: // the same content was loaded before: nothing to do
		default:
			t.Fatalf("kill %d: %d rows (%d loads) before, %d rows (%d loads) after; want before or exactly %d", i, before, beforeLoads, after, afterLoads, want)
		}
	}
	// Loading again completes whatever a kill interrupted.
	if out, err := exec.Command(bin, "load", "--db", db, "--kind", "ledger", "--source", "huvudbok", files[2]).CombinedOutput(); err != nil {
		t.Fatalf("final load: %v\n%s", err, out)
	}
	if n, _ := state(); n != int64(rows[2]) {
		t.Errorf("after the final load: %d rows, want %d", n, rows[2])
	}
}

// TestSecondWriterGetsClearMessage: while one process holds the database,
// another gets exit status 6 and a message to try again.
func TestSecondWriterGetsClearMessage(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := engine.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bin := tertialBinary(t)
	const busy = "is being updated by another tertial process; try again"
	// A reader gets a consistent answer or the clear message, never a corrupt read.
	reader := exec.Command(bin, "sql", "--db", db, "SELECT count(*) AS n FROM ledger")
	out, _ := reader.CombinedOutput()
	if code := reader.ProcessState.ExitCode(); !(code == 0 && strings.Contains(string(out), "n")) && !(code == exitBusy && strings.Contains(string(out), busy)) {
		t.Errorf("reader: exit %d: %s", code, out)
	}
	writer := exec.Command(bin, "load", "--db", db, "--kind", "org", "/dev/null")
	out, _ = writer.CombinedOutput()
	if writer.ProcessState.ExitCode() != exitBusy || !strings.Contains(string(out), busy) {
		t.Errorf("second writer: exit %d: %s", writer.ProcessState.ExitCode(), out)
	}
}

// TestBuildRepairsAfterSIGKILL kills `tertial build` at random moments,
// then lets it finish: the outputs must then equal those of a build that
// was never interrupted.
func TestBuildRepairsAfterSIGKILL(t *testing.T) {
	bin := tertialBinary(t)
	economy := func(dir string) string {
		b, err := os.ReadFile(filepath.Join(dir, "rapporter/2019-04/Länsteknik/report.json"))
		if err != nil {
			t.Fatal(err)
		}
		var r struct {
			Economy json.RawMessage
			Staff   json.RawMessage
		}
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		return string(r.Economy)
	}
	refDir, refCfg := writeSampleProject(t, "")
	if out, err := exec.Command(bin, "build", "--config", refCfg).CombinedOutput(); err != nil {
		t.Fatalf("reference build: %v\n%s", err, out)
	}
	want := economy(refDir)

	dir, cfg := writeSampleProject(t, "")
	kills := 6
	if testing.Short() {
		kills = 2
	}
	rng := rand.New(rand.NewPCG(11, 3))
	for i := 0; i < kills; i++ {
		cmd := exec.Command(bin, "build", "--config", cfg, "-q")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(50+rng.IntN(1500)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	if out, err := exec.Command(bin, "build", "--config", cfg).CombinedOutput(); err != nil {
		t.Fatalf("build after kills: %v\n%s", err, out)
	}
	if got := economy(dir); got != want {
		t.Errorf("after kills the report differs from an uninterrupted build:\n%s\nwant\n%s", got, want)
	}
}
