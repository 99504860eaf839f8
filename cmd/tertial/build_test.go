package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tertial/tertial/sampledata"
)

// writeSampleProject lays the sample out as a real project would: extracts
// in folders and a tertial.yaml.
func writeSampleProject(t *testing.T, extraConfig string) (string, string) {
	t.Helper()
	dir := t.TempDir()
	for _, e := range sampledata.Extracts {
		b, err := sampledata.Read(e.File)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, "extrakt"), 0o755)
		os.WriteFile(filepath.Join(dir, "extrakt", e.File), b, 0o644)
	}
	cfg := `database: t.duckdb
sources:
  - {kind: accounts, files: extrakt/kontoplan.csv}
  - {kind: org, files: extrakt/organisation.csv}
  - {kind: sie, files: extrakt/*.se}
  - {kind: ledger, files: extrakt/huvudbok_2019.csv}
  - {kind: ledger, files: extrakt/fvis_utfall.csv}
  - {kind: budget, files: extrakt/budget_*.csv}
  - {kind: budget, files: extrakt/budget_2019.xlsx}
  - {kind: forecast, files: extrakt/prognos_2019.csv}
  - {kind: decisions, files: extrakt/budgetbeslut.csv}
  - {kind: investments, files: extrakt/investeringar_2019.csv}
data_tests:
  warn: [budget_without_ledger]
reports:
  periods: [T1]
  divisions: [Länsteknik]
  units: [MT]
  browser: false
output: rapporter/{period}/{scope}
` + extraConfig
	path := filepath.Join(dir, "tertial.yaml")
	os.WriteFile(path, []byte(cfg), 0o644)
	return dir, path
}

func TestBuildFromConfig(t *testing.T) {
	dir, cfg := writeSampleProject(t, "")
	out, errs, code := runCLI(t, "build", "--config", cfg)
	if code != 0 {
		t.Fatalf("first build: exit %d\n%s%s", code, out, errs)
	}
	for _, f := range []string{"rapporter/2019-04/Länsteknik/index.html", "rapporter/2019-04/Länsteknik/manifest.json", "rapporter/2019-04/MT/report.json"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	if m := mustRead(t, filepath.Join(dir, "rapporter/2019-04/Länsteknik/manifest.json")); !strings.Contains(m, `"sha256"`) || !strings.Contains(m, `"net_cost_change"`) {
		t.Errorf("the manifest lacks its loads or query versions: %s", m)
	}
	if !strings.Contains(errs, "data test found rows") || !strings.Contains(errs, "budget_without_ledger") {
		t.Errorf("the warning-only data test was not reported: %s", errs)
	}
	// Nothing changed: nothing is loaded or built again.
	_, errs, code = runCLI(t, "build", "--config", cfg, "--log-format", "json")
	if code != 0 || strings.Contains(errs, `"msg":"loaded"`) || strings.Contains(errs, `"msg":"built"`) || !strings.Contains(errs, `"msg":"up to date"`) {
		t.Errorf("second build: exit %d\n%s", code, errs)
	}
}

func TestBuildExitStatuses(t *testing.T) {
	_, cfg := writeSampleProject(t, "colour: blue\n")
	if _, errs, code := runCLI(t, "build", "--config", cfg); code != exitConfig || !regexp.MustCompile(`colour \(line \d+\): unknown key \(known here: data_tests, database, `).MatchString(errs) {
		t.Errorf("unknown key: exit %d: %s", code, errs)
	}
	// Unknown keys and wrong values deeper in are named by their path.
	for _, c := range []struct{ from, to, want string }{
		{"browser: false", "browser: false\n  unit: [MT]", "reports.unit (line 20): unknown key (known here: browser, divisions, forecast_version, periods, units)"},
		{"browser: false", "browser: nej", `reports.browser (line 19): "nej" is not true or false`},
		{"kind: org,", "kind: org, sheeet: Blad1,", "sources[1].sheeet (line 4): unknown key"},
		{"divisions: [Länsteknik]", "divisions: Länsteknik", "reports.divisions (line 17): expected a list here"},
		{"data_tests:", "settings: {fte_hours: 1 720}\ndata_tests:", `settings.fte_hours (line 13): "1 720" is not a whole number`},
	} {
		_, cfg = writeSampleProject(t, "")
		conf := mustRead(t, cfg)
		if !strings.Contains(conf, c.from) {
			t.Fatalf("the sample project's config has no %q", c.from)
		}
		os.WriteFile(cfg, []byte(strings.Replace(conf, c.from, c.to, 1)), 0o644)
		if _, errs, code := runCLI(t, "build", "--config", cfg); code != exitConfig || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d: %s", c.to, code, errs)
		}
	}
	_, cfg = writeSampleProject(t, "")
	os.WriteFile(cfg, []byte(strings.Replace(mustRead(t, cfg), "kind: accounts", "kind: acounts", 1)), 0o644)
	if _, errs, code := runCLI(t, "build", "--config", cfg); code != exitConfig || !strings.Contains(errs, `sources[0].kind: "acounts" is not a kind`) {
		t.Errorf("bad kind: exit %d: %s", code, errs)
	}
	// Without the warning exception, budget without ledger stops the build.
	_, cfg = writeSampleProject(t, "")
	os.WriteFile(cfg, []byte(strings.Replace(mustRead(t, cfg), "warn: [budget_without_ledger]", "on_failure: stop", 1)), 0o644)
	if _, errs, code := runCLI(t, "build", "--config", cfg); code != exitDataTest || !strings.Contains(errs, "data test budget_without_ledger found 3 rows") {
		t.Errorf("failing data test: exit %d: %s", code, errs)
	}
	dir := t.TempDir()
	if out, _, code := runCLI(t, "init", filepath.Join(dir, "tertial.yaml")); code != 0 || !strings.Contains(out, "wrote") {
		t.Errorf("init: %d %s", code, out)
	}
	if _, err := loadConfig(filepath.Join(dir, "tertial.yaml")); err != nil {
		t.Errorf("the example config does not load: %v", err)
	}
}

func mustRead(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestOwnQueriesFromConfig: the config's queries folder is validated on
// start and its queries run by name; a broken one stops every command.
func TestOwnQueriesFromConfig(t *testing.T) {
	dir, cfg := writeSampleProject(t, "queries: egna\n")
	os.MkdirAll(filepath.Join(dir, "egna"), 0o755)
	os.WriteFile(filepath.Join(dir, "egna", "pc_per_ansvar.sql"), []byte("-- @title: PC-inköp per ansvar\n-- @description: test\n-- @unit: kr\n-- @params: period\nSELECT cost_center, sum(report_amount) AS kr FROM ledger_report WHERE subcategory = 'PC-inköp' GROUP BY 1 ORDER BY 1;\n"), 0o644)
	out, errs, code := runCLI(t, "--config", cfg, "--sample", "query", "pc_per_ansvar", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "cost_center,kr\n1100,") {
		t.Errorf("own query: exit %d %s %s", code, out, errs)
	}
	if out, _, _ := runCLI(t, "--config", cfg, "queries"); !strings.Contains(out, "pc_per_ansvar") {
		t.Errorf("queries does not list it: %s", out)
	}
	os.WriteFile(filepath.Join(dir, "egna", "broken.sql"), []byte("-- @titel: oops\nSELECT 1\n"), 0o644)
	if _, errs, code := runCLI(t, "--config", cfg, "--sample", "sql", "SELECT 1"); code == 0 || !strings.Contains(errs, "unknown metadata key @titel") {
		t.Errorf("broken query not refused on start: exit %d %s", code, errs)
	}
}

// TestBuildLatestIsACompleteMonth: an extract taken early in a month holds
// that month's first postings; "latest" is the last month that has ended.
// A unit that booked nothing in that month, in the extract that has its
// rows, gets that month too, not its own last booking's.
func TestBuildLatestIsACompleteMonth(t *testing.T) {
	dir := t.TempDir()
	now := time.Now().UTC()
	this := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	last := this.AddDate(0, -1, 0)
	before := last.AddDate(0, -1, 0)
	os.WriteFile(filepath.Join(dir, "kontoplan.csv"), []byte("Konto;Typ;Kategori\n3000-3999;intäkt;Intäkter\n4000-4999;kostnad;Personal\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "org.csv"), []byte("Ansvar;Enhet;Division\n100;A;D\n200;B;D\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "huvudbok.csv"), []byte(fmt.Sprintf("Period;Konto;Ansvar;Belopp\n%s;4011;100;100\n%s;4011;100;5\n%s;4011;200;7\n",
		last.Format("2006-01"), this.Format("2006-01"), before.Format("2006-01"))), 0o644)
	cfg := filepath.Join(dir, "tertial.yaml")
	os.WriteFile(cfg, []byte(`database: t.duckdb
sources:
  - {kind: accounts, files: kontoplan.csv}
  - {kind: org, files: org.csv}
  - {kind: ledger, files: huvudbok.csv}
data_tests: {on_failure: warn}
reports: {periods: [latest], divisions: [D], units: [B], browser: false}
output: rapporter/{period}/{scope}
`), 0o644)
	if _, errs, code := runCLI(t, "build", "--config", cfg, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "rapporter", last.Format("2006-01"), "D", "report.json")); err != nil {
		t.Errorf("no report for the last complete month %s: %v", last.Format("2006-01"), err)
	}
	if before.Year() == last.Year() { // B's bookings are of the report's year
		if _, err := os.Stat(filepath.Join(dir, "rapporter", last.Format("2006-01"), "B", "report.json")); err != nil {
			entries, _ := filepath.Glob(filepath.Join(dir, "rapporter", "*", "*"))
			t.Errorf("no report of B for %s: %v (%v)", last.Format("2006-01"), err, entries)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "rapporter", this.Format("2006-01"))); err == nil {
		t.Errorf("a report for the month in progress %s", this.Format("2006-01"))
	}
}

// A scheduled build with --verbose logs every step, the report's too
// (it runs in the build's process), in the scheduler's JSON.
func TestBuildVerbose(t *testing.T) {
	_, cfg := writeSampleProject(t, "")
	_, errs, code := runCLI(t, "build", "--config", cfg, "--log-format", "json", "-v")
	if code != 0 {
		t.Fatalf("build -v: exit %d\n%s", code, errs)
	}
	for _, want := range []string{`"msg":"load step"`, `"msg":"data test done"`, `"test":"budget_without_ledger"`, `"msg":"query done","seconds":`,
		`"query":"period_result"`, `"step":"write HTML, JSON, XLSX and CSVs"`, `"msg":"close step"`} {
		if !strings.Contains(errs, want) {
			t.Errorf("build -v: no %s in\n%s", want, errs)
		}
	}
}
