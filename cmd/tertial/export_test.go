package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tertial/tertial/engine"
	"github.com/tertial/tertial/queries"
	"github.com/tertial/tertial/sampledata"
)

// sampleFile writes the sample division into a database file.
func sampleFile(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "sample.duckdb")
	s, err := engine.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sampledata.Load(context.Background(), s); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return db
}

// The export re-imports to identical figures, and the same queries give the
// same answers on the Parquet files in place.
func TestParquetExportRoundTrip(t *testing.T) {
	db := sampleFile(t)
	dir := filepath.Join(t.TempDir(), "export")
	if _, errs, code := runCLI(t, "--db", db, "export", "--parquet", dir); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	for _, p := range []string{"manifest.json", "views.sql", "ledger/year=2019/month=4", "budget/year=2018/month=12", "account_map/data_0.parquet"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("export lacks %s: %v", p, err)
		}
	}
	copyDB := filepath.Join(t.TempDir(), "copy.duckdb")
	if _, errs, code := runCLI(t, "--db", copyDB, "import", "--parquet", dir); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	// Importing twice is refused: the copy already holds loads.
	if _, errs, code := runCLI(t, "--db", copyDB, "import", "--parquet", dir); code == 0 || !strings.Contains(errs, "already holds") {
		t.Errorf("second import: exit %d: %s", code, errs)
	}

	all, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range all {
		args := []string{"query", q.Name, "--period", "2019-04", "--format", "csv"}
		if strings.HasPrefix(q.Name, "programme") {
			args = append(args, "--programme", "FVIS")
			args[3] = "2024-06" // after the programme's forecasts were made
		}
		want, errs, code := runCLI(t, append([]string{"--db", db}, args...)...)
		if code != 0 {
			t.Fatalf("%s on the database: exit %d: %s", q.Name, code, errs)
		}
		if strings.Count(want, "\n") < 2 {
			t.Errorf("%s gives no rows on the sample; the comparison would prove nothing:\n%s", q.Name, want)
		}
		got, errs, code := runCLI(t, append([]string{"--db", copyDB}, args...)...)
		if code != 0 || got != want {
			t.Errorf("%s on the re-imported database: exit %d %s\n%s", q.Name, code, errs, lineDiff(want, got))
		}
		got, errs, code = runCLI(t, append(args, "--from-export", dir)...)
		if code != 0 || got != want {
			t.Errorf("%s on the Parquet files: exit %d %s\n%s", q.Name, code, errs, lineDiff(want, got))
		}
	}

	// Every table comes back whole: same rows, same sums.
	check := `SELECT (SELECT count(*) FROM ledger), (SELECT sum(amount) FROM ledger), (SELECT count(*) FROM budget),
		(SELECT sum(amount) FROM budget), (SELECT count(*) FROM person_months), (SELECT count(*) FROM loads), (SELECT max(load_id) FROM loads)`
	want, _, _ := runCLI(t, "--db", db, "sql", "--format", "csv", check)
	got, errs, _ := runCLI(t, "--db", copyDB, "sql", "--format", "csv", check)
	if got != want {
		t.Errorf("tables differ after the round trip: %s\n%s", errs, lineDiff(want, got))
	}

	// An export is rewritten whole; a folder that is not an export is not touched.
	if _, errs, code := runCLI(t, "--db", db, "export", "--parquet", dir); code != 0 {
		t.Errorf("export again: exit %d: %s", code, errs)
	}
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "keep.txt"), []byte("mine"), 0o644)
	if _, errs, code := runCLI(t, "--db", db, "export", "--parquet", other); code == 0 || !strings.Contains(errs, "not an earlier export") {
		t.Errorf("export over a foreign folder: exit %d: %s", code, errs)
	}
	// SQL on the export reads the export's folder and nothing else.
	if _, errs, code := runCLI(t, "sql", "--from-export", dir, "SELECT * FROM read_csv('/etc/passwd')"); code == 0 {
		t.Errorf("reading outside the export through --from-export succeeded: %s", errs)
	}
	// A next load into the copy gets a new load id.
	f := filepath.Join(t.TempDir(), "huvudbok_2020-01.csv")
	os.WriteFile(f, []byte("Period;Konto;Ansvar;Belopp\n2020-01;4011;100;1 000,50\n"), 0o644)
	if out, errs, code := runCLI(t, "--db", copyDB, "load", "--kind", "ledger", f); code != 0 {
		t.Errorf("load into the copy: exit %d: %s %s", code, out, errs)
	}
}

// An export made by an older tertial: a named query refuses to run on its
// views (they are the older tertial's), ad-hoc SQL runs with a warning,
// and an import makes an up-to-date database of it with the same figures.
func TestOlderExport(t *testing.T) {
	db := sampleFile(t)
	dir := filepath.Join(t.TempDir(), "export")
	if _, errs, code := runCLI(t, "--db", db, "export", "--parquet", dir); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	latest, err := engine.LatestSchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	// The last migration changed views only, so this export's tables are
	// those of the version before it.
	manifest := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	field := fmt.Sprintf(`"schema_version": %d`, latest)
	if !strings.Contains(string(b), field) {
		t.Fatalf("manifest without %s:\n%s", field, b)
	}
	os.WriteFile(manifest, []byte(strings.Replace(string(b), field, fmt.Sprintf(`"schema_version": %d`, latest-1), 1)), 0o644)

	args := []string{"query", "period_result", "--period", "2019-04", "--format", "csv"}
	if _, errs, code := runCLI(t, append(args, "--from-export", dir)...); code != 1 || !strings.Contains(errs, fmt.Sprintf("was exported with schema version %d, this tertial has %d", latest-1, latest)) || !strings.Contains(errs, "tertial import --db NEW.duckdb") {
		t.Errorf("named query on an older export: exit %d: %s", code, errs)
	}
	out, errs, code := runCLI(t, "sql", "--from-export", dir, "--format", "csv", "SELECT count(*) FROM ledger")
	if code != 0 || !strings.Contains(errs, "its views are the older tertial's") || strings.Count(out, "\n") != 2 {
		t.Errorf("sql on an older export: exit %d: %s %s", code, out, errs)
	}

	copyDB := filepath.Join(t.TempDir(), "copy.duckdb")
	if _, errs, code := runCLI(t, "--db", copyDB, "import", "--parquet", dir); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	want, _, _ := runCLI(t, append([]string{"--db", db}, args...)...)
	got, errs, code := runCLI(t, append([]string{"--db", copyDB}, args...)...)
	if code != 0 || got != want || strings.Count(want, "\n") < 2 {
		t.Errorf("period_result on the imported older export: exit %d %s\n%s", code, errs, lineDiff(want, got))
	}
}
