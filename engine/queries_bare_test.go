package engine

import (
	"context"
	"testing"

	"github.com/tertial/tertial/queries"
)

// TestQueriesRunBare runs every query file's text as it is, with no variable
// set, as the DuckDB CLI would: the defaults (latest month, everything) must
// make it run.
func TestQueriesRunBare(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for _, f := range []struct {
		name, data string
		kind       Kind
	}{
		{"k.csv", "Konto;Typ;Kategori;Underkategori\n3000-3999;Intäkt;Intäkter;\n4000-4999;Kostnad;Personal;\n5000-5999;Kostnad;Övrigt;Lokaler\n", KindAccounts},
		{"o.csv", "Ansvar;Enhet;Division\n100;IT;D\n", KindOrg},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2018-02;4011;100;10\n2019-01;4011;100;20\n2019-02;5011;100;5\n2019-02;3011;100;-40\n", KindLedger},
		{"b.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4011;100;15\n", KindBudget},
		{"f.csv", "Period;Kategori;Avvikelse\n2019-02;Personal;3\n", KindForecast},
	} {
		if _, err := s.LoadData(ctx, f.name, []byte(f.data), LoadOptions{Kind: f.kind}); err != nil {
			t.Fatal(err)
		}
	}
	qs, err := queries.All()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if _, err := s.Query(ctx, q.SQL); err != nil {
			t.Errorf("%s does not run bare: %v", q.Name, err)
		}
	}
	tb, err := s.Query(ctx, mustQuery(t, "period_result").SQL)
	if err != nil || len(tb.Rows) != 1 || FormatValue(tb.Rows[0][0]) != "2019-02" || FormatValue(tb.Rows[0][1]) != "15.00" {
		t.Errorf("bare period_result = %v, %v; want the latest month 2019-02 and outcome 15.00", tb, err)
	}
}

func mustQuery(t *testing.T, name string) queries.Query {
	q, err := queries.Get(name)
	if err != nil {
		t.Fatal(err)
	}
	return q
}
