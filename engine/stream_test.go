package engine

import (
	"bytes"
	"context"
	"os/exec"
	"testing"
	"time"
)

// A load cancelled while DuckDB reads the pipe ends promptly, with nothing
// loaded: the parser is not left writing into a pipe nobody reads.
func TestStreamingLoadCancelled(t *testing.T) {
	if !fifoSupported {
		t.Skip("no named pipes here")
	}
	var b bytes.Buffer
	if err := WriteSyntheticLedger(&b, 400_000, 1); err != nil {
		t.Fatal(err)
	}
	s := openTest(t)
	before := snapshot(t, s)
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := s.LoadData(ctx, "huvudbok.csv", b.Bytes(), LoadOptions{Kind: KindLedger})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Skip("the load finished before the deadline; nothing to cancel")
		}
		t.Logf("cancelled load: %v", err)
	case <-time.After(30 * time.Second):
		t.Fatal("a cancelled load did not return: the pipe deadlocked")
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("a cancelled load changed the database:\n%s", lineDiffEngine(before, after))
	}
	// The store still loads afterwards.
	if _, err := s.LoadData(context.Background(), "small.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-01;4011;100;5\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatalf("load after a cancelled one: %v", err)
	}
}

// A parse error late in a large file, after DuckDB has read many rows,
// rolls the whole load back and reports the line.
func TestStreamingLoadLateError(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSyntheticLedger(&b, 200_000, 2); err != nil {
		t.Fatal(err)
	}
	b.WriteString("201912;4011;10001;;;12,345,67;trasig rad\n")
	s := openTest(t)
	before := snapshot(t, s)
	_, err := s.LoadData(context.Background(), "huvudbok.csv", b.Bytes(), LoadOptions{Kind: KindLedger})
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("huvudbok.csv:200002")) {
		t.Fatalf("want an error at line 200002, got %v", err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("a refused load changed the database:\n%s", lineDiffEngine(before, after))
	}
}

func lineDiffEngine(a, b string) string { return "before:\n" + a + "\nafter:\n" + b }

// TestArrowLoadsBuild reruns the load tests in a duckdb_arrow build, where
// ledgers go to DuckDB as Arrow record batches instead of through the pipe,
// so that go test ./... covers both transports.
func TestArrowLoadsBuild(t *testing.T) {
	if newArrowTransport(KindLedger) != nil {
		t.Skip("this is the Arrow build")
	}
	if testing.Short() {
		t.Skip("builds the package again with -tags duckdb_arrow")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build with")
	}
	cmd := exec.Command(goBin, "test", "-tags", "duckdb_arrow", "-count=1",
		"-run", "^(TestArrowTransportInUse|TestArrowLoadLeavesNoView|TestSIECorpus|TestBadInputCorpus|TestStreamingLoad.*|TestRegionLoads|TestReloadAndReplace|TestReaders)$", ".")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("Arrow build: %v\n%s", err, out)
	}
}
