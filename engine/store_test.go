package engine

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenMigratesOnceAndRecordsVersion(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	ms, _ := migrations()
	want := ms[len(ms)-1].version
	if v, err := s.SchemaVersion(ctx); err != nil || v != want {
		t.Fatalf("schema version = %d, %v; want %d", v, err, want)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopening must not re-run migrations (they would fail on CREATE TABLE).
	s, err = Open(ctx, dbPath)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != len(ms) {
		t.Fatalf("schema_migrations rows = %d, %v; want %d", n, err, len(ms))
	}
	var comment string
	if err := s.DB().QueryRowContext(ctx, "SELECT comment FROM duckdb_tables() WHERE table_name = 'ledger'").Scan(&comment); err != nil || comment == "" {
		t.Fatalf("ledger has no COMMENT: %q, %v", comment, err)
	}
}

func TestReadOnlyAndLockdown(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadData(ctx, "l.csv", []byte("Period;Konto;Belopp\n2019-01;4011;5\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := OpenReadOnly(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Query(ctx, "SELECT sum(amount) FROM ledger"); err != nil {
		t.Errorf("read: %v", err)
	}
	for _, q := range []string{
		"DELETE FROM ledger",
		"CREATE TABLE x AS SELECT 1",
		"COPY ledger TO '" + filepath.Join(t.TempDir(), "out.csv") + "'",
		"SELECT * FROM read_csv('/etc/passwd')",
		"SET enable_external_access = true",
	} {
		if _, err := ro.DB().ExecContext(ctx, q); err == nil {
			t.Errorf("%s: allowed on a read-only store", q)
		}
	}
	if _, err := OpenReadOnly(ctx, filepath.Join(t.TempDir(), "missing.duckdb")); err == nil || !strings.Contains(err.Error(), "no database at") {
		t.Errorf("missing file: %v", err)
	}
}

// TestEverythingDocumented: every table, view and column carries COMMENT ON
// text, so `tertial schema` and the DuckDB CLI explain the whole schema.
func TestEverythingDocumented(t *testing.T) {
	s := openTest(t)
	for _, q := range []string{
		"SELECT string_agg(table_name || '.' || column_name, ', ') FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal AND table_name <> 'schema_migrations' AND comment IS NULL",
		"SELECT string_agg(table_name, ', ') FROM duckdb_tables() WHERE schema_name = 'main' AND table_name NOT IN ('schema_migrations', 'hr_key') AND comment IS NULL",
		"SELECT string_agg(view_name, ', ') FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal AND comment IS NULL",
	} {
		var missing *string
		if err := s.DB().QueryRow(q).Scan(&missing); err != nil {
			t.Fatal(err)
		}
		if missing != nil {
			t.Errorf("undocumented: %s", *missing)
		}
	}
}
