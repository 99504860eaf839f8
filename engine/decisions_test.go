package engine

import (
	"context"
	"strings"
	"testing"
)

func loadAll(t *testing.T, s *Store, files ...struct {
	name, data string
	kind       Kind
}) {
	t.Helper()
	for _, f := range files {
		if _, err := s.LoadData(context.Background(), f.name, []byte(f.data), LoadOptions{Kind: f.kind}); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
	}
}

type file = struct {
	name, data string
	kind       Kind
}

func decisionBase(t *testing.T) *Store {
	s := openTest(t)
	loadAll(t, s,
		file{"k.csv", "Konto;Typ;Kategori\n3000-3999;Intäkt;Intäkter\n4000-7999;Kostnad;Kostnader\n", KindAccounts},
		file{"o.csv", "Ansvar;Enhet;Division\n100;Giver;A\n200;Taker;B\n300;Empty;C\n", KindOrg},
		file{"b.csv", "År;Konto;Ansvar;Belopp\n2019;5000;100;1 200 000\n2019;5000;200;2 400 000\n", KindBudget},
		file{"l.csv", "Period;Konto;Ansvar;Belopp\n2019-06;5000;200;250 000\n", KindLedger},
	)
	return s
}

// TestRevisedBudgetAcrossEffectiveMonth: 700 000 moved from Giver to Taker
// from June is 100 000 a month June–December; May is untouched.
func TestRevisedBudgetAcrossEffectiveMonth(t *testing.T) {
	s := decisionBase(t)
	loadAll(t, s, file{"d.csv", "Referens;Beslutsdatum;Från;Till;Belopp;Kategori;Gäller från;Profil\nX 1;2019-05-20;Giver;Taker;700 000;Kostnader;2019-06;\n", KindDecisions})
	ctx := context.Background()
	tb, err := s.Query(ctx, `SELECT cost_center, strftime(period, '%m') AS m, sum(amount)::VARCHAR FROM budget_revised
		WHERE period IN ('2019-05-01', '2019-06-01', '2019-12-01') GROUP BY ALL ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range tb.Rows {
		got = append(got, str(r[0])+"/"+str(r[1])+"="+str(r[2]))
	}
	// Monthly original: 100 000 and 200 000. From June: -100 000 and +100 000 (700 000 / 7 months).
	want := "100/05=100000.00 100/06=0.00 100/12=0.00 200/05=200000.00 200/06=300000.00 200/12=300000.00"
	if strings.Join(got, " ") != want {
		t.Errorf("revised budget = %s\nwant %s", strings.Join(got, " "), want)
	}
	// Period result for Taker in June: revised budget -1 300 000 (5 × 200 000 + 300 000), original -1 200 000.
	for _, c := range []struct {
		original bool
		want     string
	}{{false, "-1300000.00"}, {true, "-1200000.00"}} {
		tb, err := s.Run(ctx, "period_result", Params{Period: Month{2019, 6}, Unit: "Taker", OriginalBudget: c.original})
		if err != nil {
			t.Fatal(err)
		}
		if got := FormatValue(tb.Rows[0][2]); got != c.want {
			t.Errorf("budget (original=%v) = %s, want %s", c.original, got, c.want)
		}
	}
	dec, err := s.Run(ctx, "budget_decisions", Params{Period: Month{2019, 6}, Unit: "Taker"})
	if err != nil || len(dec.Rows) != 1 || FormatValue(dec.Rows[0][8]) != "100000.00" || FormatValue(dec.Rows[0][9]) != "700000.00" {
		t.Errorf("decision effect for Taker = %v, %v; want 100 000 by June and 700 000 for the year", dec, err)
	}
}

func TestDecisionsRefused(t *testing.T) {
	ctx := context.Background()
	s := decisionBase(t)
	before := snapshot(t, s)
	head := "Referens;Beslutsdatum;Från;Till;Belopp;Konto;Gäller från\n"
	cases := map[string]string{
		head + "Y 1;2019-03-01;Giver;;7 000 000;5000;2019-04\nY 1;2019-03-01;;Taker;6 000 000;5000;2019-04\n": "d.csv:2: decision Y 1 does not balance: 7000000.00 kr out, 6000000.00 kr in",
		head + "Y 2;2019-03-01;Empty;Taker;100;5000;2019-04\n":                                                "d.csv:2: decision Y 2 moves budget from Empty, which has no budget for 2019",
		head + "Y 3;2019-03-01;Nowhere;Taker;100;5000;2019-04\n":                                              `d.csv:2: column Från: "Nowhere" is no cost center, unit or division`,
		head + "Y 4;2019-03-01;Giver;Taker;-100;5000;2019-04\n":                                               "d.csv:2: column Belopp: the amount must be positive",
		head + "Y 5;2019-03-01;Giver;Taker;100;5000;2020-01\n":                                                "d.csv:2: decision Y 5 moves budget from Giver, which has no budget for 2020",
	}
	for data, want := range cases {
		_, err := s.LoadData(ctx, "d.csv", []byte(data), LoadOptions{Kind: KindDecisions})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v\nwant %q", err, want)
		}
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("a refused decision changed the database")
	}
}

func TestProgrammeByHand(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadAll(t, s,
		file{"l.csv", "Period;Konto;Ansvar;Projekt;Belopp\n2021-03;5000;1;P;40\n2021-09;5000;1;P;70\n2022-02;5000;1;P;95\n2022-02;5000;1;Q;1000\n", KindLedger},
		file{"p.yaml", "name: P\nyears: [2021, 2024]\nbudget_per_year: 100\nbudget: {2024: 50}\noutcome: {project: P}\nforecasts:\n  - made: 2022-01\n    years: {2022: 120, 2023: 100, 2024: 50}\n  - made: 2022-02\n    years: {2022: 130, 2023: 90, 2024: 60}\n    contingency: {2023: 10}\n", KindProgramme},
	)
	prs, err := s.Programmes(ctx, Params{Period: Month{2022, 2}})
	if err != nil || len(prs) != 1 {
		t.Fatal(prs, err)
	}
	var got []string
	for _, y := range prs[0].Years {
		got = append(got, FormatValue(y.Total.Decimal)+"/"+FormatValue(y.Deviation.Decimal)+"/"+FormatValue(y.Accumulated.Decimal)+"/"+y.Basis)
	}
	// 2021 closed: 110 → -10. 2022 current, forecast of February: 130 → -30 (acc -40).
	// 2023: 90 + 10 contingency = 100 → 0 (acc -40). 2024 budget 50, forecast 60 → -10 (acc -50).
	want := "110.00/-10.00/-10.00/utfall 130.00/-30.00/-40.00/prognos 100.00/0.00/-40.00/prognos 60.00/-10.00/-50.00/prognos"
	if strings.Join(got, " ") != want {
		t.Errorf("years = %s\nwant   %s", strings.Join(got, " "), want)
	}
	if d := prs[0].Total.Deviation; FormatValue(d.Decimal) != "-50.00" || FormatValue(prs[0].Total.Budget.Decimal) != "350.00" {
		t.Errorf("total = %+v", prs[0].Total)
	}
	var change []string
	for _, c := range prs[0].ForecastChange {
		change = append(change, FormatValue(c.Change.Decimal))
	}
	if strings.Join(change, " ") != "10.00 0.00 10.00" {
		t.Errorf("forecast change = %v, want 10 0 10", change)
	}
	_, err = s.LoadData(ctx, "bad.yaml", []byte("name: X\nyears: [2021, 2022]\nbudget_per_year: 1\noutcome: {project: X}\nforcasts: []\n"), LoadOptions{Kind: KindProgramme})
	if err == nil || !strings.Contains(err.Error(), "bad.yaml: programme definition: forcasts (line 5): unknown key (known here: budget, budget_per_year, forecasts, name, outcome, owner, title, years)") {
		t.Errorf("unknown field: %v", err)
	}
}

// TestDecisionFilesReplaceTheirDates: a year's file of decisions keeps the
// year before it (the same source by the file names); a register exported
// again replaces itself, and a decision corrected in a later file replaces
// its earlier lines wherever they were decided.
func TestDecisionFilesReplaceTheirDates(t *testing.T) {
	s := decisionBase(t)
	head := "Referens;Beslutsdatum;Från;Till;Belopp;Kategori;Gäller från\n"
	decisions := func() string {
		return strings.Join(queryLines(t, s, `SELECT concat_ws(' ', d.reference, d.amount::BIGINT,
				(SELECT count(*) FROM budget_decision_months m WHERE m.load_id = d.load_id AND m.reference = d.reference))
			FROM budget_decisions d ORDER BY 1`), ", ")
	}
	loadAll(t, s, file{"budgetbeslut_2018.csv", head + "A 1;2018-03-01;Giver;Taker;120 000;Kostnader;2019-01\nA 2;2018-09-01;Giver;Taker;60 000;Kostnader;2019-10\n", KindDecisions})
	loadAll(t, s, file{"budgetbeslut_2019.csv", head + "B 1;2019-02-01;Giver;Taker;240 000;Kostnader;2019-03\n", KindDecisions})
	// Each decision moves budget from one cost center to the other: two
	// rows a month from its effective month to December.
	if got, want := decisions(), "A 1 120000 24, A 2 60000 6, B 1 240000 20"; got != want {
		t.Errorf("after the year's file: %s, want %s", got, want)
	}
	ctx := context.Background()
	var moved string
	if err := s.DB().QueryRowContext(ctx, "SELECT sum(amount)::VARCHAR FROM budget_decision_months WHERE cost_center = '200' AND year(period) = 2019").Scan(&moved); err != nil || moved != "420000.00" {
		t.Errorf("2019's budget moved to Taker: %s (%v), want 420000.00, last year's decisions included", moved, err)
	}
	// The register again, A 1 corrected and A 2 withdrawn; then B 1
	// corrected in a file of its own month.
	loadAll(t, s, file{"budgetbeslut.csv", head + "A 1;2018-03-01;Giver;Taker;100 000;Kostnader;2019-01\nB 1;2019-02-01;Giver;Taker;240 000;Kostnader;2019-03\n", KindDecisions})
	if got, want := decisions(), "A 1 100000 24, B 1 240000 20"; got != want {
		t.Errorf("after the register: %s, want %s", got, want)
	}
	loadAll(t, s, file{"budgetbeslut_2019-02.csv", head + "B 1;2019-02-01;Giver;Taker;200 000;Kostnader;2019-03\n", KindDecisions})
	if got, want := decisions(), "A 1 100000 24, B 1 200000 20"; got != want {
		t.Errorf("after the correction: %s, want %s", got, want)
	}
}
