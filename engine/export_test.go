package engine

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// openAt opens an in-memory store with the migrations up to version v
// only: the database an older tertial made.
func openAt(t *testing.T, v int) *Store {
	t.Helper()
	ctx := context.Background()
	s, err := openRaw(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.migrateTo(ctx, v); err != nil {
		t.Fatal(err)
	}
	if err := s.fillCalendar(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestImportOlderExport: an export made by an older tertial (schema
// version 11, before the month table and the load warnings) restores into
// a new database that the later migrations bring up to date, with the same
// figures as the same extracts loaded today; a database already at this
// version is told to use a new one, and a failed import into a new file
// leaves no file behind.
func TestImportOlderExport(t *testing.T) {
	ctx := context.Background()
	extracts := []fixture{
		{"huvudbok.csv", "Period;Konto;Ansvar;Belopp\n2019-03;4010;100;1 000,50\n2019-04;4010;100;-200,25\n2019-04;3010;100;-5 000\n", LoadOptions{Kind: KindLedger}},
		{"budget.csv", "Period;Konto;Ansvar;Belopp\n2019-03;4010;100;900\n2019-04;4010;100;900\n2019-04;3010;100;-4 000\n", LoadOptions{Kind: KindBudget}},
	}
	today := openTest(t)
	loadFixtures(t, today, extracts)
	src := filepath.Join(t.TempDir(), "today")
	if _, err := today.ExportParquet(ctx, src); err != nil {
		t.Fatal(err)
	}

	// The same rows as the version-11 tertial held them: loads had no
	// options column yet.
	old := openAt(t, 11)
	for _, c := range []struct{ table, files, exclude string }{
		{"loads", "loads/*.parquet", "options"},
		{"ledger", "ledger/year=*/month=*/*.parquet", "year, month"},
		{"budget", "budget/year=*/month=*/*.parquet", "year, month"},
	} {
		q := "INSERT INTO " + c.table + " SELECT * EXCLUDE (" + c.exclude + ") FROM read_parquet(" + sqlString(filepath.Join(src, c.files)) + ", hive_partitioning = true, union_by_name = true)"
		if _, err := old.db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", c.table, err)
		}
	}
	dir := filepath.Join(t.TempDir(), "export-v11")
	m, err := old.ExportParquet(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if m.SchemaVersion != 11 {
		t.Fatalf("export of the old database has schema version %d", m.SchemaVersion)
	}

	if _, err := openTest(t).ImportParquet(ctx, dir); err == nil || !strings.Contains(err.Error(), "exported with schema version 11, this database has") || !strings.Contains(err.Error(), "import into a new database") {
		t.Errorf("import into a current database: %v", err)
	}

	path := filepath.Join(t.TempDir(), "restored.duckdb")
	s, m, err := ImportDatabase(ctx, path, dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if m.SchemaVersion != 11 {
		t.Errorf("manifest version %d", m.SchemaVersion)
	}
	want, _ := today.SchemaVersion(ctx)
	if got, _ := s.SchemaVersion(ctx); got != want {
		t.Errorf("restored database at schema version %d, want %d", got, want)
	}
	// Migration 0012 built the month table from the imported ledger.
	if got := queryLines(t, s, "SELECT count(*), sum(amount) FROM ledger_month"); got[0] != "3 -4199.75" {
		t.Errorf("ledger_month after the upgrade: %q", got)
	}
	for _, name := range []string{"period_result", "result_development", "cost_deviation"} {
		p := Params{Period: Month{2019, 4}}
		a, b := queryRows(t, today, name, p), queryRows(t, s, name, p)
		if len(a) == 0 || !equalRows(a, b) {
			t.Errorf("%s: restored %v, loaded today %v", name, b, a)
		}
	}

	// An export the import refuses leaves no new file behind.
	bad := filepath.Join(t.TempDir(), "bad")
	if _, err := old.ExportParquet(ctx, bad); err != nil {
		t.Fatal(err)
	}
	manifest := filepath.Join(bad, "manifest.json")
	b, _ := os.ReadFile(manifest)
	os.WriteFile(manifest, []byte(strings.Replace(string(b), `"rows": 3`, `"rows": 4`, 1)), 0o644)
	gone := filepath.Join(t.TempDir(), "gone.duckdb")
	if _, _, err := ImportDatabase(ctx, gone, bad); err == nil || !strings.Contains(err.Error(), "the manifest says 4") {
		t.Errorf("import of a changed export: %v", err)
	}
	for _, p := range []string{gone, gone + ".wal"} {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s left behind: %v", p, err)
		}
	}
}

func equalRows(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\x00") != strings.Join(b[k], "\x00") {
			return false
		}
	}
	return true
}
