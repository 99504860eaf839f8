package engine

import (
	"context"
	"path/filepath"
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
