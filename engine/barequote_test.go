package engine

import (
	"context"
	"encoding/csv"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestBareQuotes: an unquoted field holding a quote is rewritten as the
// quoted field it means; valid CSV passes byte for byte, also when the
// stream arrives a byte at a time; a malformed quoted field is passed on
// for the CSV reader to refuse.
func TestBareQuotes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"a;b\n", "a;b\n"},
		{`1;Konsult "X" AB;2` + "\n", `1;"Konsult ""X"" AB";2` + "\n"},
		{`1;12" skärm` + "\r\n", `1;"12"" skärm"` + "\r\n"},
		{`1;"quoted ""ok"" ; x";2` + "\n", `1;"quoted ""ok"" ; x";2` + "\n"},
		{"1;\"two\nlines\";x\"y\n", "1;\"two\nlines\";\"x\"\"y\"\n"},
		{`1;"abc"def;2`, `1;"abc"def;2`},
		{`a";`, `"a""";`},
		{`;;"";x"`, `;;"";"x"""`},
		{"", ""},
	} {
		for _, one := range []bool{false, true} {
			var src io.Reader = strings.NewReader(c.in)
			if one {
				src = iotest.OneByteReader(src)
			}
			got, err := io.ReadAll(newBareQuotes(src, ';'))
			if err != nil || string(got) != c.want {
				t.Errorf("%q (byte at a time %v): %q, %v; want %q", c.in, one, got, err, c.want)
			}
		}
	}
	b := newBareQuotes(strings.NewReader("x\"1;\"ok\";y\"\n"), ';')
	if _, err := io.ReadAll(b); err != nil || b.repaired != 2 {
		t.Errorf("repaired %d, %v", b.repaired, err)
	}
}

// TestBareQuotesLoad: a ledger whose text fields hold unquoted quotes loads
// with the texts as written and its lines numbered as in the file, and the
// load line says how many such fields it read.
func TestBareQuotesLoad(t *testing.T) {
	s := openTest(t)
	res, err := s.LoadData(context.Background(), "q.csv", []byte("Period;Konto;Ansvar;Belopp;Text\n2019-01;4010;100;1;Konsult \"X\" AB\n2019-01;4010;100;2;\"två\nrader\"\n2019-01;4010;100;3;24\" skärm\n"), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Format, "2 unquoted field(s) with a quote inside (read as written)") {
		t.Errorf("format: %s", res.Format)
	}
	got := queryLines(t, s, "SELECT concat_ws('|', line, amount, text) FROM ledger ORDER BY line")
	if want := "2|1.00|Konsult \"X\" AB\n3|2.00|två\nrader\n5|3.00|24\" skärm"; strings.Join(got, "\n") != want {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// FuzzBareQuotes: the rewrite never adds or drops a line end, leaves what
// encoding/csv reads strictly as it is, and what it rewrites reads
// strictly, each field as written.
func FuzzBareQuotes(f *testing.F) {
	for _, s := range []string{"a;b\n", `1;Konsult "X" AB;2`, "1;\"two\nlines\";x\"y\n", `1;"abc"def;2`, `a";`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := io.ReadAll(newBareQuotes(strings.NewReader(in), ';'))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Count(string(out), "\n") != strings.Count(in, "\n") {
			t.Fatalf("%q -> %q: line ends changed", in, out)
		}
		strict := func(s string) ([][]string, error) {
			r := csv.NewReader(strings.NewReader(s))
			r.Comma, r.FieldsPerRecord = ';', -1
			return r.ReadAll()
		}
		if _, err := strict(in); err == nil && string(out) != in {
			t.Fatalf("valid %q rewritten to %q", in, out)
		}
		if recs, err := strict(string(out)); err == nil && !strings.Contains(in, "\r") {
			// Every field reads back as the bytes it held: as written
			// (a field the rewrite quoted), or with its quotes doubled
			// (a field quoted in the file).
			for _, rec := range recs {
				for _, field := range rec {
					if !strings.Contains(in, field) && !strings.Contains(in, strings.ReplaceAll(field, `"`, `""`)) {
						t.Fatalf("%q -> %q: field %q not in the input", in, out, field)
					}
				}
			}
		}
	})
}
