package engine

import (
	"strings"
	"testing"
	"time"
)

func TestParseAmount(t *testing.T) {
	ok := []struct {
		in   string
		want int64
	}{
		{"0", 0},
		{"1234", 123400},
		{"1234,5", 123450},
		{"1 234,50", 123450},
		{"1\u00a0234\u00a0567,89", 123456789},
		{"1\u2009234,50", 123450}, {"1\u202f234,50", 123450}, // thin and narrow no-break spaces
		{"-32 533 999", -3253399900},
		{"\u221232 533 999,00", -3253399900},
		{"1.234,56", 123456},
		{"1,234.56", 123456},
		{"1.234.567", 123456700},
		{"-1234.50", -123450},
		{"12-", -1200},
		{"12,-", 1200}, // whole kronor, not a trailing minus
		{"-12,-", -1200},
		{"1 234:-", 123400},
		{"(100,00)", -10000},
		{"+5", 500},
		{"0.1", 10},
		{"12.300", 1230},
		{" 7 ", 700},
		{"1000000000000000,00", 100000000000000000},
		{"9 999 999 999 999 999,99", 999999999999999999},
		{"-9999999999999999.99", -999999999999999999},
		// The currency a formatted cell keeps when saved as CSV.
		{"1 234,50 kr", 123450},
		{"-12 SEK", -1200},
		{"12kr", 1200},
		{"1 234 kr.", 123400},
		{"12,- kr", 1200},
		{"12.", 1200},
		{"SEK 1 234,50", 123450}, {"kr 12", 1200}, {"SEK -5", -500}, {"sek\u00a012", 1200}, {"SEK12", 1200},
	}
	for _, c := range ok {
		got, err := ParseAmount(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	bad := []string{"", "abc", "1.234,5,6", "1,2,3", "12 34", "1 2345", "1,234.5.6", "12.345", "1e5", "--5", "1 234 ,5", "99999999999999999999", "10000000000000000", "99999999999999999,9", "0,001", ",-", "12,--",
		"12 tkr", "1,4 mnkr", "5 MSEK", "kr", "12 kronor", "12 EUR", "tkr 12", "MSEK 5", "EUR 12", "kr ", "krona 5", "SEK 12 SEK"}
	for _, in := range bad {
		if got, err := ParseAmount(in); err == nil {
			t.Errorf("ParseAmount(%q) = %d, want an error", in, got)
		}
	}
}

// TestAmountCellScientific: a number with an exponent is read only where it
// rounds to 0,00 (the float noise of a zero sum); one an Excel cell showed
// with some of its digits, or an XLSX value written that way, is refused.
func TestAmountCellScientific(t *testing.T) {
	for in, want := range map[string]int64{
		"1.1368683772161603E-13": 0, "-1,13687E-13": 0, "\u22122e-3": 0, "4,9e-3": 0,
		"1234.1000000000001": 123410, "-0.30000000000000004": -30, "12 SEK": 1200, "1 234,50": 123450,
	} {
		if got, err := amountCell(in); err != nil || got != want {
			t.Errorf("amountCell(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"1,23457E+11", "1.5E+6", "5e-3", "-2,5E+03", "1E+0"} {
		if got, err := amountCell(in); err == nil || !strings.Contains(err.Error(), "scientific notation") {
			t.Errorf("amountCell(%q) = %d, %v; want a scientific-notation error", in, got, err)
		}
	}
	for _, in := range []string{"E5", "1E", "Ledning", "12e", "1.2.3E4", "e-5"} {
		if scientific(in) {
			t.Errorf("scientific(%q) = true", in)
		}
	}
}

func TestFormatOreRoundTrip(t *testing.T) {
	for _, v := range []int64{0, 1, -1, 99, -100, 123456789, -3253399900} {
		got, err := ParseAmount(FormatOre(v))
		if err != nil || got != v {
			t.Errorf("round trip %d: %q -> %d, %v", v, FormatOre(v), got, err)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	ok := map[string]string{
		"2019-04": "2019-04", "201904": "2019-04", "2019/04": "2019-04",
		"2019-04-30": "2019-04", "20190430": "2019-04", "2019-04-01 00:00:00": "2019-04",
		" 2018-12 ": "2018-12",
		// A month's name, or numbers that can be read one way only.
		"april 2019": "2019-04", "Apr 2019": "2019-04", "apr-19": "2019-04", "Apr-2019": "2019-04", "okt. 2019": "2019-10",
		"2019 april": "2019-04", "2019-maj": "2019-05", "Maj 2019": "2019-05", "March 2019": "2019-03", "dec-98": "1998-12",
		"2019-4": "2019-04", "2019/4": "2019-04", "04/2019": "2019-04", "4-2019": "2019-04", "2019M04": "2019-04",
		"30.04.2019": "2019-04", "1.4.2019": "2019-04",
	}
	for in, want := range ok {
		got, err := ParsePeriod(in)
		if err != nil || got.String() != want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "2019-13", "201900", "2019-02-30", "19-04", "april", "20190431",
		"04-19", "2019 04", "4/30/2019", "30/4/2019", "30.02.2019", "0.4.2019", "mars", "mars 19 19", "T1 2019", "2019M13", "2019-00", "13/2019", "april 201", "aprill 2019", "våren 2019"} {
		if got, err := ParsePeriod(in); err == nil {
			t.Errorf("ParsePeriod(%q) = %v, want an error", in, got)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{"2019-04-01": "2019-04-01", "20190401": "2019-04-01", "01.04.2019": "2019-04-01", "1.4.2019": "2019-04-01", " 29.02.2020 ": "2020-02-29"} {
		if got, err := ParseDate(in); err != nil || got.Format("2006-01-02") != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"", "31.04.2019", "1.13.2019", "4/5/2019", "5/4/2019", "2019.04.01", "01.04.19", "2019-4-1", "2019/04/01", "29.02.2019", "x1.04.2019"} {
		if got, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, got)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1 234,50", "-1234.50", "1.234,5,6", "12-", "\u22121", "(3)", "0,001", "1 234,50 kr", "12 tkr"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseAmount(s)
		if err != nil {
			return
		}
		if v > maxOre || v < -maxOre {
			t.Fatalf("%q -> %d outside DECIMAL(18,2)", s, v)
		}
		back, err := ParseAmount(FormatOre(v))
		if err != nil || back != v {
			t.Fatalf("%q -> %d -> %q -> %d, %v", s, v, FormatOre(v), back, err)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2019-04", "201904", "2019-04-30", "20190229", "apr-19", "30.04.2019", "2019M04", "04/2019", "maj 2019"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParsePeriod(s)
		if err != nil {
			return
		}
		if m.Mon < 1 || m.Mon > 12 || m.Year < 1900 {
			t.Fatalf("%q -> %v", s, m)
		}
		if again, err := ParsePeriod(m.String()); err != nil || again != m {
			t.Fatalf("%q -> %v -> %v, %v", s, m, again, err)
		}
	})
}

func TestMonthList(t *testing.T) {
	m := func(y, mon int) Month { return Month{y, time.Month(mon)} }
	for _, c := range []struct {
		in   []Month
		want string
	}{
		{[]Month{m(2019, 3)}, "mars 2019"},
		{[]Month{m(2019, 1), m(2019, 2), m(2019, 3)}, "januari–mars 2019"},
		{[]Month{m(2019, 2), m(2019, 4)}, "februari och april 2019"},
		{[]Month{m(2019, 1), m(2019, 3), m(2019, 4), m(2019, 6)}, "januari, mars–april och juni 2019"},
		{[]Month{m(2018, 12), m(2019, 1)}, "december 2018, januari 2019"},
	} {
		if got := MonthList(c.in); got != c.want {
			t.Errorf("MonthList(%v) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSwedishYearToDate(t *testing.T) {
	for m, want := range map[Month]string{
		{2019, 4}:  "januari–april 2019",
		{2019, 1}:  "januari 2019",
		{2019, 12}: "januari–december 2019",
	} {
		if got := m.SwedishYearToDate("januari"); got != want {
			t.Errorf("%v: %q, want %q", m, got, want)
		}
	}
	if got := (Month{2011, 3}).SwedishYearToDate("jan"); got != "jan–mars 2011" {
		t.Errorf("short: %q", got)
	}
}
