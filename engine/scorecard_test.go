package engine

import "testing"

func TestFulfilmentRules(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	cases := []struct {
		target           string
		outcome, compare *float64
		want             string
	}{
		{"max 10", f(11), f(13), "not_reached"}, // the seed: 11 major incidents against max 10
		{"max 10", f(10), nil, "reached"},
		{"≥ 80 %", f(68), nil, "not_reached"},
		{"80 %", f(85), nil, "reached"},
		{"100 %", f(100), f(92.3), "reached"},
		{"minska", f(4.45), f(4.31), "not_reached"},
		{"minska", f(4.0), f(4.31), "reached"},
		{"öka", f(75), f(75), "partly"},
		{"öka", f(6), f(5), "reached"},
		{"öka", f(6), nil, ""},
		{"Resultat +/- 0", f(800000), nil, "reached"},
		{"Resultat +/- 0", f(-1), nil, "not_reached"},
		{"Likvärdigt med övriga regioner", f(1), f(2), ""},
		{"max 10", nil, nil, ""},
	}
	for _, c := range cases {
		if got := fulfilment(c.target, c.outcome, c.compare); got != c.want {
			t.Errorf("%q %v vs %v = %q, want %q", c.target, c.outcome, c.compare, got, c.want)
		}
	}
	for s, want := range map[string]float64{"Major incidents 2018: 13 st": 13, "2018: 4,31 %": 4.31, "63 %": 63, "Utfall 2018: 75": 75} {
		if got := baselineNumber(s); got == nil || *got != want {
			t.Errorf("baselineNumber(%q) = %v, want %v", s, got, want)
		}
	}
	if got := baselineNumber("Budget 2019"); got != nil {
		t.Errorf("a year is not a baseline: %v", *got)
	}
}
