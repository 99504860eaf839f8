package sampledata_test

import (
	"context"
	"testing"

	"github.com/tertial/tertial/engine"
	"github.com/tertial/tertial/sampledata"
)

func TestSampleLoads(t *testing.T) {
	ctx := context.Background()
	s, err := engine.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := sampledata.Load(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		t.Logf("%s: %d rows, %s, warnings %v", r.File, r.Rows, r.Format, r.Warnings)
		if len(r.Warnings) > 0 {
			t.Errorf("%s: unexpected warnings %v", r.File, r.Warnings)
		}
	}
	for _, q := range []string{"sick_leave", "sick_leave_monthly", "extra_hours", "span_of_control", "headcount", "headcount_monthly", "turnover", "fte"} {
		tb, err := s.Run(ctx, q, engine.Params{Period: engine.Month{Year: 2019, Mon: 4}})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %v", q, tb.Columns)
		for _, r := range tb.Rows {
			var cells []string
			for _, v := range r {
				cells = append(cells, engine.FormatValue(v))
			}
			t.Logf("  %v", cells)
		}
	}
}

// TestSamplePassesDataTests: the sample breaks no rule but one it breaks on
// purpose: budgets for units outside the division (the decisions' givers)
// with no ledger of their own.
func TestSamplePassesDataTests(t *testing.T) {
	ctx := context.Background()
	s, err := engine.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := sampledata.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	tests, err := engine.BuiltinDataTests()
	if err != nil || len(tests) < 7 {
		t.Fatalf("%d tests, %v", len(tests), err)
	}
	for _, r := range s.RunDataTests(ctx, tests) {
		if r.Error != nil {
			t.Errorf("%s: %v", r.Test.Name, r.Error)
		} else if r.Test.Name != "budget_without_ledger" {
			t.Errorf("%s found %d rows: %v", r.Test.Name, len(r.Rows.Rows), r.Rows.Rows)
		}
	}
}
