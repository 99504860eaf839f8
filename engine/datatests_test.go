package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// ledgerRules are the built-in data tests that read the ledger, as they
// were written over every line. The built-in files read ledger_month, the
// same lines summed, in a fraction of the time; they must find the same rows.
var ledgerRules = map[string]string{
	"accounts_without_mapping": `SELECT DISTINCT account, 'ledger' AS used_in FROM ledger_report WHERE category = 'Ej mappat'
		UNION SELECT DISTINCT account, 'budget' FROM budget_report WHERE category = 'Ej mappat'
		ORDER BY 1`,
	"budget_without_ledger": `SELECT DISTINCT b.unit, year(b.period) AS year
		FROM budget_report b
		WHERE NOT EXISTS (SELECT 1 FROM ledger_report l WHERE l.unit = b.unit AND year(l.period) = year(b.period))
		ORDER BY 1, 2`,
	"months_missing": `WITH span AS (SELECT source, min(period) AS lo, max(period) AS hi FROM ledger GROUP BY source),
		months AS (SELECT s.source, m.period FROM span s JOIN months m ON m.period BETWEEN s.lo AND s.hi)
		SELECT m.source, strftime(m.period, '%Y-%m') AS missing_month
		FROM months m
		WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.source = m.source AND l.period = m.period)
		ORDER BY 1, 2`,
	"cost_centers_without_unit": `SELECT DISTINCT cost_center, 'ledger' AS used_in FROM ledger WHERE cost_center IS NOT NULL AND cost_center NOT IN (SELECT cost_center FROM cost_centers)
		UNION SELECT DISTINCT cost_center, 'budget' FROM budget WHERE cost_center IS NOT NULL AND cost_center NOT IN (SELECT cost_center FROM cost_centers)
		ORDER BY 1`,
}

// TestDataTestsFindBrokenRules breaks every ledger rule on purpose and
// checks that each built-in test finds exactly the rows its rule over every
// ledger line finds — also after the ledger was changed outside tertial.
func TestDataTestsFindBrokenRules(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dt.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	loadFixtures(t, s, []fixture{
		{"kontoplan.csv", "Konto;Typ;Kategori\n3000-3999;Intäkt;Intäkter\n4000-7999;Kostnad;Kostnader\n", LoadOptions{Kind: KindAccounts}},
		{"org.csv", "Ansvar;Enhet;Division\n100;IT;D\n200;MT;D\n", LoadOptions{Kind: KindOrg}},
		// Source huvudbok: January and March, not February; account 9100 and
		// cost center 300 are in no mapping.
		{"huvudbok_2019.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4011;100;100\n2019-01;9100;100;5\n2019-03;4011;300;7\n2019-03;3010;;-20\n", LoadOptions{Kind: KindLedger}},
		// Another source with one month: nothing missing.
		{"extra.csv", "Period;Konto;Ansvar;Belopp\n2019-02;5011;100;1\n", LoadOptions{Kind: KindLedger}},
		// MT has a budget in 2019 and 2020 and no ledger; account 8100 and
		// cost center 400 are in no mapping.
		{"budget.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4011;200;10\n2020-01;4011;200;10\n2019-01;8100;100;1\n2019-02;4011;400;1\n", LoadOptions{Kind: KindBudget, Version: "budget"}},
	})
	want := map[string][]string{
		"accounts_without_mapping":  {"8100|budget", "9100|ledger"},
		"budget_without_ledger":     {"MT|2019", "MT|2020"},
		"months_missing":            {"ledger:huvudbok|2019-02"},
		"cost_centers_without_unit": {"300|ledger", "400|budget"},
	}
	check := func(s *Store, want map[string][]string) {
		t.Helper()
		tests, err := BuiltinDataTests()
		if err != nil {
			t.Fatal(err)
		}
		found := map[string][]string{}
		for _, r := range s.RunDataTests(ctx, tests) {
			if r.Error != nil {
				t.Fatal(r.Error)
			}
			found[r.Test.Name] = tableLines(r.Rows)
		}
		for name, rule := range ledgerRules {
			ref, err := s.Query(ctx, rule)
			if err != nil {
				t.Fatalf("%s over the ledger: %v", name, err)
			}
			if got, all := found[name], tableLines(ref); !slices.Equal(got, all) {
				t.Errorf("%s finds %q; the same rule over every ledger line finds %q", name, got, all)
			}
			if got := found[name]; !slices.Equal(got, want[name]) {
				t.Errorf("%s finds %q, want %q", name, got, want[name])
			}
		}
	}
	check(s, want)

	// An analyst deletes March and adds a line in the DuckDB CLI: the next
	// store sees the ledger as it is, not the sums the loads left.
	if _, err := s.DB().ExecContext(ctx, `DELETE FROM ledger WHERE period = DATE '2019-03-01';
		INSERT INTO ledger (period, account, cost_center, amount, source, load_id, line)
		VALUES (DATE '2019-05-01', '9200', '500', 1, 'ledger:huvudbok', 3, 99)`); err != nil {
		t.Fatal(err)
	}
	s = reopen(t, s, path)
	defer s.Close()
	want["accounts_without_mapping"] = []string{"8100|budget", "9100|ledger", "9200|ledger"}
	want["months_missing"] = []string{"ledger:huvudbok|2019-02", "ledger:huvudbok|2019-03", "ledger:huvudbok|2019-04"}
	want["cost_centers_without_unit"] = []string{"400|budget", "500|ledger"}
	check(s, want)
}

// tableLines is a table's rows as "a|b" strings, in its order.
func tableLines(t *Table) []string {
	var out []string
	for _, r := range t.Rows {
		parts := make([]string, len(r))
		for i, v := range r {
			parts[i] = fmt.Sprint(v)
		}
		out = append(out, strings.Join(parts, "|"))
	}
	return out
}

// TestDataTestsLoadedTwice: a ledger and a budget loaded again under other
// names are found by the build's data tests; a second company's ledger for
// the same months is not.
func TestDataTestsLoadedTwice(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ledger := "Period;Konto;Ansvar;Belopp\n2019-01;4011;100;100\n2019-01;4012;100;40\n2019-02;4011;100;90\n"
	budget := "Period;Konto;Ansvar;Belopp\n2019-01;4011;100;100\n2019-02;4011;100;100\n"
	loadFixtures(t, s, []fixture{
		{"huvudbok.csv", ledger, LoadOptions{Kind: KindLedger}},
		{"bolag.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4011;100;100\n2019-01;4013;100;7\n2019-02;4011;100;3\n", LoadOptions{Kind: KindLedger}},
		{"budget.csv", budget, LoadOptions{Kind: KindBudget}},
	})
	found := func() map[string][]string {
		t.Helper()
		tests, err := BuiltinDataTests()
		if err != nil {
			t.Fatal(err)
		}
		out := map[string][]string{}
		for _, r := range s.RunDataTests(ctx, tests) {
			if r.Error != nil {
				t.Fatal(r.Error)
			}
			out[r.Test.Name] = tableLines(r.Rows)
		}
		return out
	}
	if f := found(); f["ledger_loaded_twice"] != nil || f["budget_loaded_twice"] != nil {
		t.Errorf("nothing loaded twice yet: %v", f)
	}
	loadFixtures(t, s, []fixture{
		{"huvudbok_ny.csv", ledger + "\n", LoadOptions{Kind: KindLedger}},
		{"budget_ny.csv", budget + "\n", LoadOptions{Kind: KindBudget}},
	})
	f := found()
	if got := f["ledger_loaded_twice"]; !slices.Equal(got, []string{"ledger:huvudbok|ledger:huvudbok_ny|3|3"}) {
		t.Errorf("ledger_loaded_twice: %q", got)
	}
	if got := f["budget_loaded_twice"]; !slices.Equal(got, []string{"budget|budget:budget|budget:budget_ny|2|2"}) {
		t.Errorf("budget_loaded_twice: %q", got)
	}
}
