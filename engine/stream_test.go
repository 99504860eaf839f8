package engine

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
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
	s = reopen(t, s, path)
	defer s.Close()
	var rows int
	if err := s.DB().QueryRow("SELECT count(*) FROM ledger").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if n := functions(s); n != 0 || rows != 2 {
		t.Errorf("after reopening: %d table functions, %d ledger rows (want 0, 2)", n, rows)
	}
}

// Every row a chunk load hands over arrives once, whole, whichever of
// DuckDB's threads inserts its chunk: several chunks and a partial one,
// empty fields as NULL, text with any character the extracts may hold.
func TestChunkLoadKeepsEveryRow(t *testing.T) {
	texts := []string{"Hyra lokal", "Ränta på lån – §4", "€ 0x80–0x9F: ‚ƒ„…†‡", "tab\there", "emoji 🙂 och kombinerat å", ""}
	var b strings.Builder
	b.WriteString("Period;Konto;Ansvar;Projekt;Belopp;Text\n")
	const n = 3*chunkRows + 77
	want := make([]string, 0, n)
	for i := 0; i < n; i++ {
		project := ""
		if i%3 == 0 {
			project = fmt.Sprintf("P%d", i%7)
		}
		text := texts[i%len(texts)]
		fmt.Fprintf(&b, "2019-%02d;%d;%d;%s;%d,%02d;\"%s\"\n", 1+i%12, 4000+i%50, 100+i%9, project, i-n/2, i%100, text)
		want = append(want, fmt.Sprintf("%d|2019-%02d-01|%d|%d|%s|%.2f|%s", i+2, 1+i%12, 4000+i%50, 100+i%9, nullOr(project), float64(i-n/2)+float64(i%100)/100*sign(i-n/2), nullOr(text)))
	}
	s := openTest(t)
	res, err := s.LoadData(context.Background(), "huvudbok.csv", []byte(b.String()), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != n {
		t.Fatalf("loaded %d rows, want %d", res.Rows, n)
	}
	rows, err := s.DB().Query(`SELECT line, period, account, cost_center, coalesce(project, 'NULL'), amount::DOUBLE, coalesce(text, 'NULL') FROM ledger ORDER BY line`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var line int
		var period time.Time
		var account, cc, project, text string
		var amount float64
		if err := rows.Scan(&line, &period, &account, &cc, &project, &amount, &text); err != nil {
			t.Fatal(err)
		}
		got = append(got, fmt.Sprintf("%d|%s|%s|%s|%s|%.2f|%s", line, period.Format("2006-01-02"), account, cc, project, amount, text))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows in the ledger, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("row %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

func nullOr(s string) string {
	if s == "" {
		return "NULL"
	}
	return s
}

func sign(i int) float64 {
	if i < 0 {
		return -1
	}
	return 1
}

// reopen closes the store and opens its file again, as the next process would.
func reopen(t *testing.T, s *Store, path string) *Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
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
