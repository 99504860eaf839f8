package charts

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tertial/tertial/engine"
)

func TestSwedishFormat(t *testing.T) {
	d := decimal.RequireFromString
	cases := []struct{ got, want string }{
		{Kr(d("-32533999.00")), "−32\u00a0533\u00a0999"},
		{Kr(d("999")), "999"},
		{Kr(d("1000")), "1\u00a0000"},
		{Kr(d("-0.4")), "0"},
		{Mnkr(d("-1400000")), "−1,4"},
		{Mnkr(d("800000")), "0,8"},
		{MnkrSigned(d("800000")), "+0,8"},
		{MnkrSigned(d("2000000")), "+2,0"},
		{Mnkr(d("4966001")), "5,0"},
		{Mnkr(d("-877282")), "−0,9"},
		{Mnkr(d("-40000")), "0,0"},
		{Mnkr(d("-82000000")), "−82,0"},
		{Mnkr(d("1234567890")), "1\u00a0234,6"},
		{Tkr(d("-241000")), "−241"},
		{Pct(0.21), "0,21\u00a0%"},
		{Pct(22.95), "22,95\u00a0%"},
		{Pct(-3.5), "−3,50\u00a0%"},
		{goalPct(3), "3\u00a0%"},
		{goalPct(3.5), "3,5\u00a0%"},
		{goalPct(4.25), "4,25\u00a0%"},
		{compareWord(3.004, 3), "i nivå med"},
		{compareWord(3.97, 3), "högre än"},
		{compareWord(2.994, 3), "lägre än"},
	}
	for i, c := range cases {
		if c.got != c.want {
			t.Errorf("case %d: got %q, want %q", i, c.got, c.want)
		}
	}
}

func TestInvestmentsSoFar(t *testing.T) {
	for in, want := range map[string]string{"": "hittills i år", "2019-04": "till och med april 2019"} {
		if got := investmentsSoFar(in); got != want {
			t.Errorf("investmentsSoFar(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReportKind(t *testing.T) {
	for in, want := range map[string]string{"": "Månadsrapport", "T1": "Delårsrapport", "T2": "Delårsrapport", "T3": "Årsrapport"} {
		if got := reportKind(in); got != want {
			t.Errorf("reportKind(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTitleWithoutSubject: a ledger loaded without an organisation has no
// unit to name, and the title keeps single spaces.
func TestTitleWithoutSubject(t *testing.T) {
	for _, c := range []struct {
		r    engine.Report
		want string
	}{
		{engine.Report{Period: "2021-08", Tertial: "T2", Scope: "all"}, "Delårsrapport 202108"},
		{engine.Report{Period: "2019-04", Tertial: "T1", Scope: "division", Unit: "Länsteknik"}, "Delårsrapport division Länsteknik 201904"},
	} {
		if got := NewPage(&c.r).Title; got != c.want {
			t.Errorf("%+v: title %q, want %q", c.r, got, c.want)
		}
	}
}
