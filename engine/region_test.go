package engine

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

var smallRegion = RegionSpec{Seed: 7, FirstYear: 2018, RowsPerYear: 6000, Employees: 300, CostCenters: 40, HoldLastMonth: true}

func hashDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		f, err := os.Open(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		io.Copy(h, f)
		f.Close()
		out[e.Name()] = hex.EncodeToString(h.Sum(nil))
	}
	return out
}

// The same seed gives the same files, byte for byte; another seed other ones.
func TestRegionDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if _, err := GenerateRegion(d, smallRegion); err != nil {
			t.Fatal(err)
		}
	}
	other := smallRegion
	other.Seed = 8
	if _, err := GenerateRegion(c, other); err != nil {
		t.Fatal(err)
	}
	ha, hb, hc := hashDir(t, a), hashDir(t, b), hashDir(t, c)
	if len(ha) < 12 {
		t.Fatalf("only %d files: %v", len(ha), ha)
	}
	names := make([]string, 0, len(ha))
	for n := range ha {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if ha[n] != hb[n] {
			t.Errorf("%s differs between two runs with the same seed", n)
		}
	}
	if ha["huvudbok_2018.csv"] == hc["huvudbok_2018.csv"] || ha["hr_timmar_2019.csv"] == hc["hr_timmar_2019.csv"] {
		t.Error("another seed gave the same ledger or hours")
	}
}

// The region's extracts load, the CSV and SIE ledgers hold the same lines,
// every voucher balances, and the budget is near the outcome.
func TestRegionLoads(t *testing.T) {
	dir := t.TempDir()
	f, err := GenerateRegion(dir, smallRegion)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	load := func(s *Store, kind Kind, paths ...string) int64 {
		t.Helper()
		var n int64
		for _, p := range paths {
			res, err := s.LoadFile(ctx, p, LoadOptions{Kind: kind, HRKey: testHRKey})
			if err != nil {
				t.Fatalf("load %s: %v", filepath.Base(p), err)
			}
			n += res.Rows
		}
		return n
	}
	csvDB, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer csvDB.Close()
	sieDB, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer sieDB.Close()
	for _, s := range []*Store{csvDB, sieDB} {
		load(s, KindAccounts, f.Accounts)
		load(s, KindOrg, f.Org)
	}
	if n := load(csvDB, KindLedger, f.LedgerCSV...); n != f.LedgerRows {
		t.Errorf("CSV ledger: loaded %d rows, generated %d", n, f.LedgerRows)
	}
	if n := load(sieDB, "", f.LedgerSIE...); n != f.LedgerRows {
		t.Errorf("SIE ledger: loaded %d rows, generated %d", n, f.LedgerRows)
	}
	sums := `SELECT strftime(period, '%Y-%m') || ' ' || account || ' ' || coalesce(cost_center, '-') || ' ' || coalesce(project, '-') || ' ' || sum(amount)::VARCHAR
		FROM ledger GROUP BY period, account, cost_center, project ORDER BY 1`
	a, err := csvDB.Query(ctx, sums)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sieDB.Query(ctx, sums)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Rows) < 100 || len(a.Rows) != len(b.Rows) {
		t.Fatalf("CSV gives %d sums, SIE %d", len(a.Rows), len(b.Rows))
	}
	for i := range a.Rows {
		if a.Rows[i][0] != b.Rows[i][0] {
			t.Fatalf("CSV and SIE differ: %v vs %v", a.Rows[i][0], b.Rows[i][0])
		}
	}
	load(csvDB, KindBudget, f.Budget...)
	load(csvDB, KindHours, f.Hours...)
	load(csvDB, KindAbsence, f.Spells)
	if n := load(csvDB, KindLedger, f.NextLedgerCSV); n != f.NextLedgerRows {
		t.Errorf("next month: %d rows, generated %d", n, f.NextLedgerRows)
	}
	load(csvDB, KindHours, f.NextHours)
	var balance, outcome, budget float64
	var months, personMonths int64
	err = csvDB.DB().QueryRowContext(ctx, `SELECT (SELECT sum(amount) FROM ledger)::DOUBLE,
		(SELECT sum(amount) FROM ledger_report WHERE year(period) = 2019 AND category <> 'Balansräkning')::DOUBLE,
		(SELECT sum(amount) FROM budget_report WHERE year(period) = 2019)::DOUBLE,
		(SELECT count(DISTINCT period) FROM ledger), (SELECT count(*) FROM person_months)`).Scan(&balance, &outcome, &budget, &months, &personMonths)
	if err != nil {
		t.Fatal(err)
	}
	if balance != 0 {
		t.Errorf("the vouchers do not balance: the ledger sums to %.2f", balance)
	}
	if months != 24 || personMonths != f.HoursRows+f.NextHoursRows {
		t.Errorf("%d months, %d person-months (generated %d)", months, personMonths, f.HoursRows+f.NextHoursRows)
	}
	if outcome <= 0 || budget <= 0 || outcome/budget < 0.7 || outcome/budget > 1.3 {
		t.Errorf("2019 net cost %.0f against budget %.0f: not a plausible region", outcome, budget)
	}
}
