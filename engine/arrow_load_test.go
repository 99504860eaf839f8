//go:build duckdb_arrow

package engine

import (
	"context"
	"path/filepath"
	"testing"
)

// In this build ledgers load as Arrow batches (TestArrowLoadsBuild runs the
// load tests here).
func TestArrowTransportInUse(t *testing.T) {
	if newArrowTransport(KindLedger) == nil || newArrowTransport(KindSIE) == nil {
		t.Fatal("a duckdb_arrow build without the Arrow transport")
	}
	if newArrowTransport(KindHours) != nil {
		t.Error("hours have no Arrow schema here; they stream through the pipe")
	}
}

// No stage view is ever committed: a file database reopens and reads after
// an Arrow load (a registered view left behind crashes DuckDB on reopen).
func TestArrowLoadLeavesNoView(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadData(ctx, "huvudbok.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-01;4011;100;5\n2019-02;4011;100;7\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, path)
	defer s.Close()
	var views, rows int
	if err := s.DB().QueryRow("SELECT (SELECT count(*) FROM duckdb_views() WHERE view_name LIKE 'tertial_stage_%'), (SELECT count(*) FROM ledger)").Scan(&views, &rows); err != nil {
		t.Fatal(err)
	}
	if views != 0 || rows != 2 {
		t.Errorf("after reopening: %d stage views, %d ledger rows (want 0, 2)", views, rows)
	}
}
