package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/ipc"

	"github.com/tertial/tertial/engine"
)

// TestStreamedOutputs writes a large-ish result as Parquet and Arrow IPC the
// streaming way (--output), reads both back, and compares them with the
// same query as CSV. The build decides the path: DuckDB's own Arrow batches
// with -tags duckdb_arrow, rows in batches without.
func TestStreamedOutputs(t *testing.T) {
	t.Logf("native Arrow: %v", engine.NativeArrow)
	// 200 000 rows: several batches either way, every type the schema uses.
	q := `SELECT (DATE '2019-01-01' + INTERVAL (i % 365) DAY)::DATE AS day, 'konto ' || (i % 97) AS text,
		((i * 37 % 100000 - 50000) * 0.01)::DECIMAL(18,2) AS kr, i::BIGINT AS n, (i % 3 = 0) AS flag,
		CASE WHEN i % 11 = 0 THEN NULL ELSE i / 7.0 END AS x
		FROM range(200000) t(i) ORDER BY i`
	want, errs, code := runCLI(t, "--sample", "sql", "--format", "csv", "SELECT count(*) AS n, sum(kr) AS kr, count(x) AS x, min(day) AS d, sum(length(text)) AS l, count(*) FILTER (WHERE flag) AS f FROM ("+q+")")
	if code != 0 {
		t.Fatalf("csv: %s", errs)
	}
	dir := t.TempDir()
	pq := filepath.Join(dir, "r.parquet")
	if _, errs, code := runCLI(t, "--sample", "sql", "--format", "parquet", "--output", pq, q); code != 0 {
		t.Fatalf("parquet: %s", errs)
	}
	got, errs, code := runCLI(t, "--sample", "sql", "--allow-write", "--format", "csv",
		"SELECT count(*) AS n, sum(kr) AS kr, count(x) AS x, min(day) AS d, sum(length(text)) AS l, count(*) FILTER (WHERE flag) AS f FROM read_parquet('"+pq+"')")
	if code != 0 || got != want {
		t.Errorf("parquet read back: exit %d %s\n got %q\nwant %q", code, errs, got, want)
	}
	arr := filepath.Join(dir, "r.arrow")
	if _, errs, code := runCLI(t, "--sample", "sql", "--format", "arrow", "--output", arr, q); code != 0 {
		t.Fatalf("arrow: %s", errs)
	}
	f, err := os.Open(arr)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := ipc.NewFileReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var rows int64
	for i := 0; i < r.NumRecords(); i++ {
		rec, err := r.Record(i)
		if err != nil {
			t.Fatal(err)
		}
		rows += rec.NumRows()
	}
	if rows != 200000 || r.NumRecords() < 2 || r.Schema().NumFields() != 6 {
		t.Errorf("arrow file: %d rows in %d batches, %d columns", rows, r.NumRecords(), r.Schema().NumFields())
	}
	if kr := r.Schema().Field(2).Type.String(); !strings.HasPrefix(kr, "decimal") {
		t.Errorf("kr is %s in the Arrow file, want a decimal", kr)
	}
}

// TestStreamedOutputsNativeArrow runs TestStreamedOutputs again in a build
// with DuckDB's Arrow interface, so that go test ./... covers both paths.
func TestStreamedOutputsNativeArrow(t *testing.T) {
	if engine.NativeArrow {
		t.Skip("this is the native build")
	}
	if testing.Short() {
		t.Skip("builds the package again with -tags duckdb_arrow")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build with")
	}
	cmd := exec.Command(goBin, "test", "-tags", "duckdb_arrow", "-count=1", "-run", "^TestStreamedOutputs$", "-v", ".")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "native Arrow: true") {
		t.Fatalf("native Arrow build: %v\n%s", err, out)
	}
}
