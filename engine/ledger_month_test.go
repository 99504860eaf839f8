package engine

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tertial/tertial/queries"
)

// ledgerMonthDiff counts the rows where ledger_month is not the ledger
// summed by month, account, cost center, source and load.
func ledgerMonthDiff(t *testing.T, s *Store) int {
	t.Helper()
	var n int
	err := s.DB().QueryRow(`WITH want AS (
			SELECT period, account, cost_center, source, load_id, sum(amount)::DECIMAL(18,2) AS amount, count(*) AS lines
			FROM ledger GROUP BY ALL),
		got AS (SELECT period, account, cost_center, source, load_id, amount, lines FROM ledger_month)
		SELECT (SELECT count(*) FROM (FROM want EXCEPT ALL FROM got)) + (SELECT count(*) FROM (FROM got EXCEPT ALL FROM want))`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLedgerMonthFollowsLoads(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	sie := "#FLAGGA 0\n#SIETYP 4\n#ORGNR 555555-5555\n#RAR 0 20190101 20191231\n#DIM 1 \"Ansvar\"\n" +
		"#VER A 1 20190105 \"x\"\n{\n#TRANS 1930 {} 100.00\n#TRANS 4011 {1 \"100\"} -60.00\n#TRANS 4011 {1 \"100\"} -40.00\n}\n" +
		"#VER A 2 20190305 \"y\"\n{\n#TRANS 1930 {} -7.50\n#TRANS 5011 {1 \"200\"} 7.50\n}\n"
	steps := []struct {
		name string
		load func() (*LoadResult, error)
	}{
		{"csv", func() (*LoadResult, error) {
			return s.LoadData(ctx, "huvudbok_2019-03.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-01;4011;100;100\n2019-01;4011;100;5\n2019-02;4011;100;200\n2019-03;5011;;300\n"), LoadOptions{Kind: KindLedger})
		}},
		// Replaces February and March of the same source, adds April.
		{"csv replacing", func() (*LoadResult, error) {
			return s.LoadData(ctx, "huvudbok_2019-04.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-02;4011;100;250\n2019-04;4011;100;400\n"), LoadOptions{Kind: KindLedger})
		}},
		{"other source", func() (*LoadResult, error) {
			return s.LoadData(ctx, "other.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-02;4011;100;1\n"), LoadOptions{Kind: KindLedger})
		}},
		{"sie", func() (*LoadResult, error) { return s.LoadData(ctx, "bok.se", []byte(sie), LoadOptions{}) }},
		{"xlsx", func() (*LoadResult, error) { return s.LoadFile(ctx, writeXLSX(t), LoadOptions{Kind: KindLedger}) }},
		{"parquet", func() (*LoadResult, error) { return s.LoadFile(ctx, writeParquet(t), LoadOptions{Kind: KindLedger}) }},
		{"sie again, changed", func() (*LoadResult, error) {
			return s.LoadData(ctx, "bok2.se", []byte(strings.Replace(sie, "7.50", "8.50", 2)), LoadOptions{})
		}},
		// January again with a budget for the whole year: the load's months
		// are January to December, its ledger rows replace January only,
		// and March stays.
		{"sie, one month and a year's budget", func() (*LoadResult, error) {
			one := "#FLAGGA 0\n#SIETYP 4\n#ORGNR 555555-5555\n#RAR 0 20190101 20191231\n" +
				"#PBUDGET 0 201901 4011 {} 10.00\n#PBUDGET 0 201912 4011 {} 10.00\n" +
				"#VER A 1 20190105 \"x\"\n{\n#TRANS 1930 {} 90.00\n#TRANS 4011 {1 \"100\"} -90.00\n}\n"
			return s.LoadData(ctx, "bok3.se", []byte(one), LoadOptions{})
		}},
	}
	for _, st := range steps {
		if _, err := st.load(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if d := ledgerMonthDiff(t, s); d != 0 {
			t.Fatalf("after %s: ledger_month differs from the ledger in %d rows", st.name, d)
		}
	}
	var months, lines int
	s.DB().QueryRow("SELECT count(DISTINCT period), sum(lines) FROM ledger_month").Scan(&months, &lines)
	var want int
	s.DB().QueryRow("SELECT count(*) FROM ledger").Scan(&want)
	if months != 6 || lines != want {
		t.Errorf("ledger_month: %d months and %d lines, want 6 and %d", months, lines, want)
	}
}

// A ledger changed behind tertial's back: the figures still come from the
// ledger as it is, and a read-only store refuses rather than answer from
// stale sums.
func TestLedgerMonthStale(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadData(ctx, "kontoplan.csv", []byte("Konto;Typ;Kategori\n3000-3999;Intäkt;Intäkter\n4000-7999;Kostnad;Kostnader\n"), LoadOptions{Kind: KindAccounts}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadData(ctx, "huvudbok.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-01;4011;100;100\n2019-02;3011;100;-300\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("UPDATE ledger SET amount = 150 WHERE account = '4011'"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB().Exec("INSERT INTO ledger (period, account, cost_center, amount, source, load_id) VALUES (DATE '2019-03-01', '4011', '100', 50, 'hand', 99)"); err != nil {
		t.Fatal(err)
	}
	stale, err := staleLedgerMonths(ctx, s.DB())
	if err != nil || len(stale) != 2 || stale[0] != (Month{2019, 1}) || stale[1] != (Month{2019, 3}) {
		t.Fatalf("stale months = %v, %v; want 2019-01 and 2019-03", stale, err)
	}
	s.Close()

	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	q, err := queries.Get("period_result")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ro.RunQuery(ctx, q, Params{Period: Month{2019, 3}}); err == nil || !strings.Contains(err.Error(), "ledger_month disagrees with ledger for 2019-01, 2019-03") {
		t.Errorf("read-only store: err = %v", err)
	}
	// Through the views built on ledger_month too, ad hoc or as a query.
	if _, err := ro.Query(ctx, "SELECT count(*) FROM accounts"); err == nil || !strings.Contains(err.Error(), "ledger_month disagrees") {
		t.Errorf("read-only store, ad-hoc SQL on accounts: err = %v", err)
	}
	if _, err := ro.RunQuery(ctx, queries.Query{Name: "own", SQL: "SELECT category, sum(amount) FROM ledger_report GROUP BY ALL"}, Params{}); err == nil || !strings.Contains(err.Error(), "ledger_month disagrees") {
		t.Errorf("read-only store, a query on ledger_report: err = %v", err)
	}
	if _, err := ro.Query(ctx, "SELECT count(*) FROM loads"); err != nil {
		t.Errorf("read-only store, SQL that does not read ledger_month: %v", err)
	}
	ro.Close()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tb, err := s.RunQuery(ctx, q, Params{Period: Month{2019, 3}})
	if err != nil {
		t.Fatal(err)
	}
	// Revenue 300 less costs 150 + 50, in report sign.
	if got := FormatValue(tb.Rows[0][1]); got != "100.00" {
		t.Errorf("period result = %s, want 100.00 (from the ledger as changed)", got)
	}
	if d := ledgerMonthDiff(t, s); d != 0 {
		t.Errorf("ledger_month differs in %d rows after the check", d)
	}
}
