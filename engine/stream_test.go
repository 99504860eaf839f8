package engine

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// A load cancelled while DuckDB reads the stage ends promptly, with nothing
// loaded: the parser is not left waiting for a reader that has gone.
func TestStreamingLoadCancelled(t *testing.T) {
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
		t.Fatal("a cancelled load did not return: the stage deadlocked")
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

// The table function a chunk load registers lives in memory only: a load
// that rolls back takes it with it, and none is in the database file.
func TestChunkLoadLeavesNoFunction(t *testing.T) {
	if newArrowTransport(KindLedger) != nil {
		t.Skip("the Arrow build loads ledgers through a view")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	functions := func(s *Store) int {
		t.Helper()
		var n int
		if err := s.DB().QueryRow("SELECT count(*) FROM duckdb_functions() WHERE function_name LIKE 'tertial_chunks_%'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if _, err := s.LoadData(ctx, "huvudbok.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-01;4011;100;5\n2019-02;4011;100;7\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	kept := functions(s)
	if _, err := s.LoadData(ctx, "trasig.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-03;4011;100;5\n2019-03;4011;100;x\n"), LoadOptions{Kind: KindLedger}); err == nil {
		t.Fatal("a ledger with a bad amount loaded")
	}
	if n := functions(s); n != kept {
		t.Errorf("a refused load left its table function: %d registered, %d before", n, kept)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var rows int
	if err := s.DB().QueryRow("SELECT count(*) FROM ledger").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if n := functions(s); n != 0 || rows != 2 {
		t.Errorf("after reopening: %d table functions, %d ledger rows (want 0, 2)", n, rows)
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
