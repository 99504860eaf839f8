package engine

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./engine -update creates it)", err)
	}
	if string(want) != got {
		t.Errorf("%s (-want +got):\n-%s\n+%s", path, want, got)
	}
}

// dump prints what a load put in the ledger and budget, in a stable order.
func dump(t *testing.T, s *Store) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{
		"SELECT 'ledger', period, account, cost_center, project, activity, amount, text, source, line FROM ledger ORDER BY load_id, line, account",
		"SELECT 'budget', version, period, account, cost_center, amount, line FROM budget ORDER BY load_id, period, line, account",
	} {
		tb, err := s.Query(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range tb.Rows {
			var cells []string
			for _, v := range r {
				if v == nil {
					cells = append(cells, "NULL")
				} else {
					cells = append(cells, FormatValue(v))
				}
			}
			b.WriteString(strings.Join(cells, " | "))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func TestReaders(t *testing.T) {
	ctx := context.Background()
	files, _ := filepath.Glob("testdata/readers/*.csv")
	files = append(files, writeXLSX(t), writeParquet(t))
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			s := openTest(t)
			res, err := s.LoadFile(ctx, f, LoadOptions{Kind: KindLedger})
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("format: %s\nsource: %s\nrows: %d\n", res.Format, res.Source, res.Rows) + dump(t, s)
			golden(t, filepath.Join("testdata", "readers", strings.TrimSuffix(name, filepath.Ext(name))+".golden"), got)
		})
	}
}

// writeXLSX makes a workbook with numeric, text and date cells, a formula
// and a display format that rounds, so that the test proves raw values are read.
func writeXLSX(t *testing.T) string {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Huvudbok"
	f.SetSheetName("Sheet1", sh)
	f.SetSheetRow(sh, "A1", &[]any{"Period", "Konto", "Ansvar", "Belopp", "Text"})
	f.SetSheetRow(sh, "A2", &[]any{"2019-05", 4011, "100", 1234.56, "Numeric cell"})
	f.SetSheetRow(sh, "A3", &[]any{"201905", "5441", "200", "-1 234,56", "Swedish text number"})
	f.SetCellValue(sh, "A4", 43600.0) // 2019-05-14 as a serial date
	f.SetSheetRow(sh, "B4", &[]any{"7811", "300", 0, "Formula"})
	f.SetCellFormula(sh, "D4", "D2*2")
	f.SetCellValue(sh, "D4", 2469.12) // the cached value a saved workbook carries
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 1})
	f.SetCellStyle(sh, "D2", "D2", style) // displays as 1235
	path := filepath.Join(t.TempDir(), "huvudbok_xlsx.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeParquet(t *testing.T) string {
	s := openTest(t)
	path := filepath.Join(t.TempDir(), "huvudbok_parquet.parquet")
	_, err := s.DB().Exec(fmt.Sprintf(`COPY (SELECT * FROM (VALUES
		(DATE '2019-06-01', '4011', '100', NULL, 'IT', 1500.25::DECIMAL(18,2), 'Parquet row'),
		(DATE '2019-06-01', '3011', '100', 'P7', NULL, -1500.25::DECIMAL(18,2), NULL))
		t(period, account, cost_center, project, activity, amount, text)) TO %s (FORMAT parquet)`, sqlString(path)))
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshot summarises the whole database, to prove a refused load changed nothing.
// assertSwedishWarnings checks that every warning kept with a load has its
// Swedish text, which the report quotes, beside the English.
func assertSwedishWarnings(t *testing.T, s *Store) {
	t.Helper()
	for _, w := range queryLines(t, s, "SELECT load_id, seq, message FROM load_warnings WHERE message_sv IS NULL OR message_sv = '' OR message_sv = message") {
		t.Errorf("a load warning without its Swedish: %s", w)
	}
}

func snapshot(t *testing.T, s *Store) string {
	t.Helper()
	var parts []string
	for _, tbl := range []string{"loads", "ledger", "ledger_month", "budget", "forecast", "account_map", "account_names", "cost_centers"} {
		var n int
		var h string
		if err := s.DB().QueryRow(fmt.Sprintf("SELECT count(*), coalesce(sum(hash(t))::VARCHAR, '') FROM %s t", tbl)).Scan(&n, &h); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, fmt.Sprintf("%s=%d/%s", tbl, n, h))
	}
	return strings.Join(parts, " ")
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name, file, content string
		kind                Kind
		want                string
	}{
		{"amount", "a.csv", "Period;Konto;Belopp\n2019-04;4011;1.234,5,6\n", KindLedger, `a.csv:2: column Belopp: "1.234,5,6" has more than one decimal comma`},
		{"period", "p.csv", "Period;Konto;Belopp\n2019-13;4011;1\n", KindLedger, `p.csv:2: column Period: "2019-13" is not a valid period`},
		{"missing column", "m.csv", "Period;Account\n2019-04;4011\n", KindLedger, "m.csv:1: missing column amount (Belopp/Amount/Utfall/Summa, or Debet and Kredit); the header has: Period | Account"},
		{"duplicate header", "d.csv", "Period;Konto;Belopp;Belopp\n2019-04;4011;1;2\n", KindLedger, `d.csv:1: column Belopp: duplicate header "Belopp" (columns 3 and 4)`},
		{"empty", "e.csv", "", KindLedger, "e.csv:1: the file is empty"},
		{"utf16 without BOM", "u.csv", "P\x00e\x00r\x00", KindLedger, "u.csv: the file has NUL bytes: it is binary or UTF-16 without a byte order mark"},
		{"utf16 odd bytes", "o.csv", "\xff\xfeP\x00e", KindLedger, "o.csv: the file starts as UTF-16 text but has an odd number of bytes"},
		{"utf16 lone surrogate", "s.csv", "\xff\xfeP\x00\n\x00\x00\xd8x\x00", KindLedger, "s.csv:2: a character that is not valid utf-16le"},
		{"bad quote", "q.csv", "Period;Konto;Belopp;Text\n2019-04;4011;1;\"open\n", KindLedger, "q.csv:"},
		{"empty account", "k.csv", "Period;Konto;Belopp\n2019-04;;1\n", KindLedger, "k.csv:2: column Konto: empty account"},
		{"three decimals", "t.csv", "Period;Konto;Belopp\n2019-04;4011;1,234\n", KindLedger, `t.csv:2: column Belopp: "1,234" has more than two decimals`},
		{"unbalanced voucher", "v.se", "#FLAGGA 0\n#SIETYP 4\n#VER A 1 20190105 \"x\"\n{\n#TRANS 1930 {} 100.00\n#TRANS 4011 {} -90.00\n}\n", "", `v.se:3: voucher A 1 does not balance: its #TRANS rows sum to 10.00, expected 0`},
		{"truncated sie", "tr.se", "#FLAGGA 0\n#SIETYP 4\n#VER A 1 20190105 \"x\"\n{\n#TRANS 1930 {} 100.00\n", "", "tr.se:3: voucher A 1 is not closed with '}' (truncated file?)"},
		{"sie type 1", "t1.se", "#FLAGGA 0\n#SIETYP 1\n#RAR 0 20190101 20191231\n#UB 0 1930 100.00\n", "", "t1.se: SIE type 1 file has no vouchers"},
		{"sie bad date", "bd.se", "#FLAGGA 0\n#SIETYP 4\n#VER A 1 20190230 \"x\"\n{\n#TRANS 1930 {} 0\n}\n", "", `bd.se:3: #VER A 1: voucher date: "20190230" is not a valid date`},
		{"sie year index", "yi.se", "#FLAGGA 0\n#SIETYP 2\n#RAR 0 20190101 20191231\n#PSALDO 0 201812 4011 {} 5\n", "", "yi.se:4: #PSALDO: period 2018-12 is outside year index 0 (2019-01-01 to 2019-12-31)"},
		{"not sie", "n.se", "hello\n", "", "n.se:1: expected a #LABEL record"},
		{"unknown kind", "x.txt", "a;b\n1;2\n", "", "x.txt: cannot tell what kind of extract this is"},
		{"budget no period", "b.csv", "Konto;Belopp\n4011;100\n", KindBudget, "b.csv:1: a budget needs a Period column"},
		{"bad range", "r.csv", "Konto;Typ;Kategori\n4000-499;Kostnad;Personal\n", KindAccounts, `r.csv:2: column Konto: "4000"-"499" is not an account range`},
		{"bad kind", "bk.csv", "Konto;Typ;Kategori\n4000-4999;Utgift;Personal\n", KindAccounts, `bk.csv:2: column Typ: "Utgift" is not a kind`},
		{"org duplicate", "o.csv", "Ansvar;Enhet;Division\n100;IT;L\n100;MT;L\n", KindOrg, "o.csv:3: column Ansvar: cost center 100 is listed twice (also line 2)"},
		{"parquet float", "f.parquet", "", KindLedger, "column amount: the column is DOUBLE: money must be DECIMAL"},
		{"bom then latin-1", "bl.csv", "\xef\xbb\xbfPeriod;Konto;Belopp;Text\n2019-04;4011;1;ok\n2019-04;4011;1;L\xe4n\n", KindLedger, "bl.csv:3: the file starts with a UTF-8 byte order mark but byte 0xE4"},
		{"yaml not a list", "m.yaml", "accounts: 12\n", KindAccounts, "m.yaml:1: expected a list of records"},
		{"yaml bad kind", "m2.yaml", "- {konto: 4000-4999, typ: utgift, kategori: Personal}\n", KindAccounts, `m2.yaml:1: column typ: "utgift" is not a kind`},
	}
	ctx := context.Background()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t)
			// Something loaded before, which a refused load must leave as it was.
			if _, err := s.LoadData(ctx, "base.csv", []byte("Period;Konto;Belopp\n2019-01;4011;5\n"), LoadOptions{Kind: KindLedger}); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, s)
			var err error
			if strings.HasSuffix(c.file, ".parquet") {
				p := filepath.Join(t.TempDir(), c.file)
				if _, err := s.DB().Exec(fmt.Sprintf("COPY (SELECT DATE '2019-01-01' AS period, '4011' AS account, 1.5::DOUBLE AS amount) TO %s (FORMAT parquet)", sqlString(p))); err != nil {
					t.Fatal(err)
				}
				before = snapshot(t, s)
				_, err = s.LoadFile(ctx, p, LoadOptions{Kind: c.kind})
			} else {
				_, err = s.LoadData(ctx, c.file, []byte(c.content), LoadOptions{Kind: c.kind})
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v\nwant it to contain %q", err, c.want)
			}
			if c.name != "unknown kind" && !IsInputError(err) {
				t.Errorf("not an input error: %v", err)
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("database changed:\n%s\n%s", before, after)
			}
		})
	}
}

func TestReloadAndReplace(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	v1 := "Period;Konto;Ansvar;Belopp\n2019-01;4011;100;100\n2019-02;4011;100;200\n2019-03;4011;100;300\n"
	// The April re-export corrects February and adds April.
	v2 := "Period;Konto;Ansvar;Belopp\n2019-02;4011;100;250\n2019-03;4011;100;300\n2019-04;4011;100;400\n"
	res, err := s.LoadData(ctx, "huvudbok_2019-03.csv", []byte(v1), LoadOptions{Kind: KindLedger})
	if err != nil || res.Rows != 3 || res.Source != "ledger:huvudbok" {
		t.Fatalf("v1: %+v, %v", res, err)
	}
	again, err := s.LoadData(ctx, "copy-of-huvudbok_2019-03.csv", []byte(v1), LoadOptions{Kind: KindLedger})
	if err != nil || !again.Skipped || again.Previous != res.LoadID {
		t.Fatalf("same content again: %+v, %v", again, err)
	}
	r2, err := s.LoadData(ctx, "huvudbok_2019-04.csv", []byte(v2), LoadOptions{Kind: KindLedger})
	if err != nil || r2.Replaced != 2 || r2.Rows != 3 {
		t.Fatalf("v2: %+v, %v", r2, err)
	}
	tb, err := s.Query(ctx, "SELECT strftime(period, '%m') AS m, sum(amount) FROM ledger GROUP BY 1 ORDER BY 1")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range tb.Rows {
		got = append(got, FormatValue(r[0])+"="+FormatValue(r[1]))
	}
	if want := "01=100.00 02=250.00 03=300.00 04=400.00"; strings.Join(got, " ") != want {
		t.Errorf("ledger after replace = %v, want %s", got, want)
	}
	// Another source is never touched.
	if _, err := s.LoadData(ctx, "other.csv", []byte("Period;Konto;Belopp\n2019-02;4011;1\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	var n int
	s.DB().QueryRow("SELECT count(*) FROM ledger WHERE period = DATE '2019-02-01'").Scan(&n)
	if n != 2 {
		t.Errorf("February rows = %d, want 2 (one per source)", n)
	}
}

// TestReloadWithOtherOptions: the same content loaded with other options
// that shape its rows — an annual budget's spread, a column mapping — is
// loaded again and replaces what the earlier load made; with the options
// of the latest load of that content it is skipped, and an older extract
// loaded again after a newer one replaced its months stays skipped.
func TestReloadWithOtherOptions(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	budget := []byte("År;Konto;Ansvar;Belopp\n2019;4011;100;1200\n")
	january := func() string {
		t.Helper()
		return queryLines(t, s, "SELECT coalesce(sum(amount), 0) FROM budget WHERE period = DATE '2019-01-01'")[0]
	}
	profile := "profile:2,1,1,1,1,1,1,1,1,1,1,1"
	for i, c := range []struct {
		spread, skipped, january string
	}{
		{"", "", "100.00"},
		{"even", "skipped", "100.00"},
		{profile, "", "184.62"},
		{profile, "skipped", "184.62"},
		{"", "", "100.00"}, // back to even: the latest load of the content was the profile's
	} {
		res, err := s.LoadData(ctx, "budget.csv", budget, LoadOptions{Kind: KindBudget, Spread: c.spread})
		if err != nil {
			t.Fatalf("%d: %v", i, err)
		}
		if got := map[bool]string{true: "skipped"}[res.Skipped]; got != c.skipped {
			t.Errorf("%d, spread %q: skipped %v", i, c.spread, res.Skipped)
		}
		if got := january(); got != c.january {
			t.Errorf("%d, spread %q: January %s, want %s", i, c.spread, got, c.january)
		}
	}
	if got := queryLines(t, s, "SELECT coalesce(options, 'NULL') FROM loads ORDER BY load_id"); strings.Join(got, " | ") != "NULL | spread="+profile+" | NULL" {
		t.Errorf("options: %q", got)
	}
	if _, err := s.LoadData(ctx, "b.csv", budget, LoadOptions{Kind: KindBudget, Spread: "evenly"}); err == nil || err.Error() != `unknown spread "evenly": use even, profile:w1,…,w12 or lastyear` {
		t.Errorf("an unknown spread, on content loaded before: %v", err)
	}

	// A corrected column mapping reads the same file again.
	ledger := []byte("Period;Konto;Ansvar;Brutto;Netto\n2019-01;4011;100;125;100\n")
	for _, c := range []struct{ header, want string }{{"Brutto", "125.00"}, {"Netto", "100.00"}} {
		if _, err := s.LoadData(ctx, "hb.csv", ledger, LoadOptions{Kind: KindLedger, Columns: map[string]string{"amount": c.header}}); err != nil {
			t.Fatal(err)
		}
		if got := queryLines(t, s, "SELECT sum(amount) FROM ledger"); got[0] != c.want {
			t.Errorf("amount=%s: ledger %q", c.header, got)
		}
	}

	// An older monthly extract, loaded again, stays skipped.
	v1 := []byte("Period;Konto;Ansvar;Belopp\n2019-03;4011;100;300\n")
	v2 := []byte("Period;Konto;Ansvar;Belopp\n2019-03;4011;100;350\n2019-04;4011;100;400\n")
	loadFixtures(t, s, []fixture{
		{"huvudbok_2019-03.csv", string(v1), LoadOptions{Kind: KindLedger}},
		{"huvudbok_2019-04.csv", string(v2), LoadOptions{Kind: KindLedger}},
	})
	if res, err := s.LoadData(ctx, "huvudbok_2019-03.csv", v1, LoadOptions{Kind: KindLedger}); err != nil || !res.Skipped {
		t.Errorf("the March extract again: %+v %v", res, err)
	}
	if got := queryLines(t, s, "SELECT sum(amount) FROM ledger WHERE period = DATE '2019-03-01'"); got[0] != "350.00" {
		t.Errorf("March: %q", got)
	}
}

func TestInTxRollsBack(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.LoadData(ctx, "a.csv", []byte("Period;Konto;Belopp\n2019-01;4011;5\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, s)
	boom := errors.New("boom")
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM ledger"); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO loads VALUES (99, 'ledger', 'x', 'y', 0, now(), 's', NULL, NULL, NULL, 0, NULL)"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("a failed transaction changed the database:\n%s\n%s", before, after)
	}
}

func TestColumnMap(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	cols, err := ReadColumnMap("m.yaml", []byte("period: Bokf.datum\namount: Belopp SEK\naccount: Kto\n"))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("Bokf.datum;Kto;Belopp SEK\n2019-04-30;4011;12,50\n")
	if _, err := s.LoadData(ctx, "x.csv", data, LoadOptions{Kind: KindLedger, Columns: cols}); err != nil {
		t.Fatal(err)
	}
	_, err = s.LoadData(ctx, "y.csv", append(data, "2019-05-31;4011;1\n"...), LoadOptions{Kind: KindLedger, Columns: map[string]string{"belopp": "Belopp SEK"}})
	if err == nil || !strings.Contains(err.Error(), `names field "belopp"; this kind of extract has period, year, account`) {
		t.Errorf("unknown field: %v", err)
	}
}

func TestYAMLMappings(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	acc := "# account mapping\naccounts:\n  - {konto: 4000-4999, typ: kostnad, kategori: Personal}\n  - konto: \"4011\"\n    typ: kostnad\n    kategori: Personal\n    underkategori: Löner\n    namn: Månadslöner\n"
	org := "cost_centers:\n  - {ansvar: \"100\", enhet: IT, division: Länsteknik, namn: IT-drift}\n"
	if _, err := s.LoadData(ctx, "konton.yaml", []byte(acc), LoadOptions{Kind: KindAccounts}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadData(ctx, "org.yml", []byte(org), LoadOptions{Kind: KindOrg}); err != nil {
		t.Fatal(err)
	}
	tb, err := s.Query(ctx, "SELECT account, name, category, subcategory, kind FROM accounts ORDER BY 1")
	if err != nil || len(tb.Rows) != 1 || FormatValue(tb.Rows[0][1]) != "Månadslöner" || FormatValue(tb.Rows[0][3]) != "Löner" {
		t.Errorf("accounts = %v, %v", tb, err)
	}
	var unit string
	if err := s.DB().QueryRow("SELECT unit || '/' || division || '/' || name FROM cost_centers WHERE cost_center = '100'").Scan(&unit); err != nil || unit != "IT/Länsteknik/IT-drift" {
		t.Errorf("org = %q, %v", unit, err)
	}
}

// TestBudgetMonthColumns: a budget laid out with a column per month, as
// budget workbooks are, loads a row per month; a total column beside the
// months is checked, never added; months named without a year take the
// row's År; and the layouts that cannot be read one way are refused.
func TestBudgetMonthColumns(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	csvData := "Budget 2019\nKonto;Ansvar;År;Jan;Feb;Mar;Apr;Maj;Jun;Jul;Aug;Sep;Okt;Nov;Dec;Helår;Kommentar\n" +
		"4011;100;2019;100;100;100;100;100;100;100;100;100;100;100;100;1 200;lön\n" +
		"3011;100;2019;-50;;-50;;;;;;;;;-100;-200;\n"
	res, err := s.LoadData(ctx, "budget_månad.csv", []byte(csvData), LoadOptions{Kind: KindBudget})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 15 || !strings.Contains(res.Format, "a column per month (Jan … Dec)") {
		t.Errorf("rows %d, format %q", res.Rows, res.Format)
	}
	got := queryLines(t, s, "SELECT concat_ws(' ', account, strftime(period, '%m'), amount, line) FROM budget WHERE account = '3011' ORDER BY period")
	if want := "3011 01 -50.00 4|3011 03 -50.00 4|3011 12 -100.00 4"; strings.Join(got, "|") != want {
		t.Errorf("3011: %v, want %s", got, want)
	}
	if got := queryLines(t, s, "SELECT sum(amount) FROM budget WHERE account = '4011'"); got[0] != "1200.00" {
		t.Errorf("4011: %v", got)
	}
	// A workbook whose header holds the months as date cells, no År.
	x := excelize.NewFile()
	x.SetSheetRow("Sheet1", "A1", &[]any{"Konto", "Ansvar", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2020, 2, 1, 0, 0, 0, 0, time.UTC), "Årsbudget"})
	x.SetSheetRow("Sheet1", "A2", &[]any{"4011", "100", 10.5, 20, 30.5})
	var b bytes.Buffer
	x.Write(&b)
	if _, err := s.LoadData(ctx, "budget2020.xlsx", b.Bytes(), LoadOptions{Kind: KindBudget}); err != nil {
		t.Fatal(err)
	}
	got = queryLines(t, s, "SELECT concat_ws(' ', strftime(period, '%Y-%m'), amount) FROM budget WHERE year(period) = 2020 ORDER BY period")
	if want := "2020-01 10.50|2020-02 20.00"; strings.Join(got, "|") != want {
		t.Errorf("workbook with date headers: %v, want %s", got, want)
	}
	for _, c := range []struct{ file, data, want string }{
		{"summa.csv", "Konto;Ansvar;År;Jan;Feb;Summa\n4011;100;2019;1;2;4\n", "summa.csv:2: column Summa: the months sum to 3.00, but the column says 4.00"},
		{"utan_år.csv", "Konto;Ansvar;Jan;Feb\n4011;100;1;2\n", "utan_år.csv:1: column Jan: the month columns (Jan, …) do not say the year, and there is no År column"},
		{"dubbel.csv", "Konto;År;Jan;januari\n4011;2019;1;2\n", `dubbel.csv:1: column januari: columns "Jan" and "januari" are the same month`},
		{"period.csv", "Konto;Period;2019-01;2019-02\n4011;2019-01;1;2\n", "period.csv:1: column Period: the budget has both a period column and a column per month"},
		{"annat_år.csv", "Konto;År;2019-01;2019-02\n4011;2020;1;2\n", "annat_år.csv:2: column År: the row's year 2020 is not the year of column \"2019-01\""},
		{"belopp.csv", "Konto;Ansvar;År;Jan\n4011;100;2019;1\n", "belopp.csv:1: missing column amount (Belopp/Amount/Budget/Årsbudget, or a column per month"},
	} {
		if _, err := s.LoadData(ctx, c.file, []byte(c.data), LoadOptions{Kind: KindBudget}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %s", c.file, err, c.want)
		}
	}
}

func TestBudgetSpread(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	annual := []byte("År;Konto;Ansvar;Belopp\n2019;4011;100;100,00\n2019;5011;100;-0,07\n")
	// A pattern of the months loaded so far would put the year's budget into them.
	if _, err := s.LoadData(ctx, "l.csv", []byte("Period;Konto;Ansvar;Belopp\n2018-03;4011;100;50\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	_, err := s.LoadData(ctx, "b.csv", annual, LoadOptions{Kind: KindBudget, Spread: "lastyear"})
	if want := "b.csv: --spread lastyear spreads 2019's annual amounts by 2018's ledger, and the ledger has 1 of its months (2018-03..2018-03)"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("lastyear over one month of 2018: %v, want %q", err, want)
	}
	// Last year's pattern: all in March for 4011/100; the other months
	// have outcome on another account only.
	var rest strings.Builder
	rest.WriteString("Period;Konto;Ansvar;Belopp\n")
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&rest, "2018-%02d;6011;200;1\n", m)
	}
	if _, err := s.LoadData(ctx, "other.csv", []byte(rest.String()), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	cases := map[string]string{
		"":                                "4011: 8.34 8.34 8.34 8.34 8.33 8.33 8.33 8.33 8.33 8.33 8.33 8.33 | 5011: -0.01 -0.01 -0.01 -0.01 -0.01 -0.01 -0.01 0.00 0.00 0.00 0.00 0.00",
		"profile:0,0,0,1,1,1,1,1,1,1,1,2": "4011: 0.00 0.00 0.00 10.00 10.00 10.00 10.00 10.00 10.00 10.00 10.00 20.00 | 5011: 0.00 0.00 0.00 -0.01 -0.01 -0.01 -0.01 -0.01 -0.01 0.00 0.00 -0.01",
		"lastyear":                        "4011: 0.00 0.00 100.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 0.00 | 5011: -0.01 -0.01 -0.01 -0.01 -0.01 -0.01 -0.01 0.00 0.00 0.00 0.00 0.00",
	}
	for spread, want := range cases {
		ver := "v" + fmt.Sprint(len(spread))
		res, err := s.LoadData(ctx, "b"+ver+".csv", annual, LoadOptions{Kind: KindBudget, Version: ver, Spread: spread})
		if err != nil {
			t.Fatal(err)
		}
		fellBack := "1 annual budget rows were spread evenly: their account and cost center have no outcome the year before (first at line 3: account 5011, cost center \"100\", 2019)"
		if got := strings.Join(res.Warnings, "\n"); strings.Contains(got, fellBack) != (spread == "lastyear") {
			t.Errorf("spread %q: warnings %q", spread, got)
		}
		assertSwedishWarnings(t, s)
		tb, err := s.Query(ctx, "SELECT account, string_agg(amount::VARCHAR, ' ' ORDER BY period) FROM budget WHERE version = ? GROUP BY 1 ORDER BY 1", ver)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range tb.Rows {
			got = append(got, FormatValue(r[0])+": "+FormatValue(r[1]))
		}
		if strings.Join(got, " | ") != want {
			t.Errorf("spread %q:\n got %s\nwant %s", spread, strings.Join(got, " | "), want)
		}
	}
}

// TestLoadRestoresInsertionOrder: a Parquet or parsed ledger load switches DuckDB's
// preserve_insertion_order off while it inserts (a database-wide setting)
// and must switch it back, after a load that succeeds and one that fails,
// so that an analyst's SELECT without ORDER BY still reads rows in the
// order they are stored.
func TestLoadRestoresInsertionOrder(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	setting := func() string {
		t.Helper()
		var v string
		if err := s.DB().QueryRowContext(ctx, "SELECT current_setting('preserve_insertion_order')::VARCHAR").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	parquet := func(name, account string) string {
		return parquetOf(t, s, name, fmt.Sprintf("SELECT DATE '2019-01-01' AS period, %s AS account, 12.50::DECIMAL(18,2) AS amount FROM range(3)", account))
	}
	if v := setting(); v != "true" {
		t.Fatalf("before any load: %s", v)
	}
	if _, err := s.LoadFile(ctx, parquet("huvudbok.parquet", "'5010'"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	if v := setting(); v != "true" {
		t.Errorf("after a load: preserve_insertion_order = %s", v)
	}
	if _, err := s.LoadFile(ctx, parquet("trasig.parquet", "NULL::VARCHAR"), LoadOptions{Kind: KindLedger}); err == nil {
		t.Fatal("a Parquet ledger without accounts loaded")
	}
	if v := setting(); v != "true" {
		t.Errorf("after a failed load: preserve_insertion_order = %s", v)
	}
	// A parsed ledger's chunks are inserted without the order too.
	if _, err := s.LoadData(ctx, "huvudbok.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-05;4011;100;5\n"), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadData(ctx, "trasig.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-06;4011;100;x\n"), LoadOptions{Kind: KindLedger}); err == nil {
		t.Fatal("a ledger with a bad amount loaded")
	}
	if v := setting(); v != "true" {
		t.Errorf("after CSV ledger loads: preserve_insertion_order = %s", v)
	}
}

// parquetOf writes the rows of a query to a Parquet file of that name.
func parquetOf(t *testing.T, s *Store, name, query string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if _, err := s.DB().Exec(fmt.Sprintf("COPY (%s) TO %s (FORMAT parquet)", query, sqlString(p))); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestParquetLayouts: a Parquet extract's columns are found by the same
// names as a CSV header's (Period, Konto, Belopp in any case, --column);
// periods as dates, timestamps, text or YYYYMM integers, codes as whole
// numbers and amounts as integers or decimals of any scale load exactly;
// what cannot be read exactly is refused, naming its row and column.
func TestParquetLayouts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	for _, f := range []struct {
		name, sel string
		opt       LoadOptions
	}{
		{"sv.parquet", "SELECT 201903 AS Period, 4010 AS Konto, 100::BIGINT AS Ansvar, 12.5::DECIMAL(18,1) AS Belopp, 'hyra' AS Text", LoadOptions{Kind: KindLedger}},
		{"ts.parquet", "SELECT TIMESTAMP '2019-04-30 23:00' AS PERIOD, 4010.0::DOUBLE AS account, '' AS cost_center, 1234.5600::DECIMAL(38,4) AS amount", LoadOptions{Kind: KindLedger}},
		{"txt.parquet", "SELECT ' 2019-05 ' AS Månad, '4010' AS Konto, 7::INTEGER AS Nettobelopp UNION ALL SELECT '201906', '4010', -3 UNION ALL SELECT '2019-07-15', '4010', 0",
			LoadOptions{Kind: KindLedger, Columns: map[string]string{"amount": "Nettobelopp"}}},
		{"budget.parquet", "SELECT DATE '2019-03-01' AS Period, '4010' AS Konto, '100' AS Ansvar, 100::DECIMAL(10,0) AS Budget", LoadOptions{Kind: KindBudget}},
	} {
		if _, err := s.LoadFile(ctx, parquetOf(t, s, f.name, f.sel), f.opt); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
	}
	rows := queryLines(t, s, `SELECT concat_ws(' ', source, strftime(period, '%Y-%m'), account, coalesce(cost_center, '-'), amount, line, text) FROM ledger
		UNION ALL SELECT concat_ws(' ', source, strftime(period, '%Y-%m'), account, cost_center, amount, line) FROM budget ORDER BY 1`)
	want := []string{"budget:budget 2019-03 4010 100 100.00 1", "ledger:sv 2019-03 4010 100 12.50 1 hyra", "ledger:ts 2019-04 4010 - 1234.56 1",
		"ledger:txt 2019-05 4010 - 7.00 1", "ledger:txt 2019-06 4010 - -3.00 2", "ledger:txt 2019-07 4010 - 0.00 3"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []struct{ sel, want string }{
		{"SELECT '2019-01' AS period, '4010' AS account, 1.005::DECIMAL(18,3) AS amount UNION ALL SELECT '2019-01', '4010', 2.001", `:1: column amount: "1.005" is not an exact amount (empty, more than two decimals, or too large for DECIMAL(18,2)); 2 rows cannot be read`},
		{"SELECT 201913 AS period, '4010' AS account, 1 AS amount", `:1: column period: "201913" is not a period`},
		{"SELECT '2019-01' AS period, '4010' AS account, 1 AS amount UNION ALL SELECT '19-01', '4010', 1", `:2: column period: "19-01" is not a period`},
		{"SELECT '2019-01' AS period, 4010.5 AS account, 1 AS amount", `:1: column account: "4010.5" is not an account`},
		{"SELECT '2019-01' AS period, '4010' AS account, '1 234,50' AS amount", `column amount: the column is VARCHAR: a Parquet amount is DECIMAL or an integer`},
		{"SELECT '2019-01' AS period, '4010' AS account, 1.5::FLOAT AS amount", `column amount: the column is FLOAT`},
		{"SELECT true AS period, '4010' AS account, 1 AS amount", `column period: the column is BOOLEAN`},
		{"SELECT '2019-01' AS period, '4010' AS konto", `missing column amount`},
	} {
		_, err := s.LoadFile(ctx, parquetOf(t, s, "bad.parquet", bad.sel), LoadOptions{Kind: KindLedger})
		if err == nil || !strings.Contains(err.Error(), bad.want) || strings.Contains(err.Error(), "load ") {
			t.Errorf("%s: %v, want %q", bad.sel, err, bad.want)
		}
	}
}

// TestLoadReportsProgress: a text extract's parser tells Progress how far it
// has read, in order and about every megabyte, ending at the whole file.
func TestLoadReportsProgress(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("Period;Konto;Ansvar;Belopp;Text\n")
	for i := 0; csv.Len() < 3<<20; i++ {
		fmt.Fprintf(&csv, "2019-%02d;4011;100;%d,50;lön %d\n", i%12+1, i, i)
	}
	var sie strings.Builder
	sie.WriteString("#FLAGGA 0\n#SIETYP 4\n#RAR 0 20190101 20191231\n")
	for i := 0; sie.Len() < 3<<20; i++ {
		fmt.Fprintf(&sie, "#VER A %d 20190315 \"v\"\n{\n#TRANS 4011 {} %d.00\n#TRANS 1930 {} -%d.00\n}\n", i+1, i, i)
	}
	for _, c := range []struct{ name, data string }{{"huvudbok.csv", csv.String()}, {"huvudbok.se", sie.String()}} {
		t.Run(c.name, func(t *testing.T) {
			var calls [][2]int64
			opt := LoadOptions{Progress: func(done, total int64) { calls = append(calls, [2]int64{done, total}) }}
			if !strings.HasSuffix(c.name, ".se") {
				opt.Kind = KindLedger
			}
			if _, err := openTest(t).LoadData(context.Background(), c.name, []byte(c.data), opt); err != nil {
				t.Fatal(err)
			}
			if len(calls) < 3 {
				t.Fatalf("%d progress calls for %d bytes: %v", len(calls), len(c.data), calls)
			}
			for i, cl := range calls {
				if cl[1] != int64(len(c.data)) || cl[0] > cl[1] || i > 0 && cl[0] <= calls[i-1][0] {
					t.Fatalf("call %d: %v (file %d bytes; all %v)", i, cl, len(c.data), calls)
				}
			}
			if last := calls[len(calls)-1]; last[0] != last[1] {
				t.Errorf("the last call %v is not the whole file", last)
			}
		})
	}
}

// fixture is an extract a test loads.
type fixture struct {
	name, data string
	opt        LoadOptions
}

func loadFixtures(t testing.TB, s *Store, fs []fixture) {
	t.Helper()
	for _, f := range fs {
		if _, err := s.LoadData(context.Background(), f.name, []byte(f.data), f.opt); err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
	}
}

// queryLines runs SQL and gives each row as its values joined by spaces.
func queryLines(t *testing.T, s *Store, sql string) []string {
	t.Helper()
	got, err := s.Query(context.Background(), sql)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range got.Rows {
		var cells []string
		for _, v := range r {
			cells = append(cells, FormatValue(v))
		}
		lines = append(lines, strings.Join(cells, " "))
	}
	return lines
}

// TestForecastVersion: a full-year forecast loaded as a budget version gives
// the årsprognos as that version's full year against the annual budget's, per
// category, in report sign; without it the forecast extract's deviations
// count; an absent version gives no forecast and a warning.
func TestForecastVersion(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n3000-3999;intäkt;Intäkter\n4000-4999;kostnad;Personal\n5000-5999;kostnad;Övriga kostnader\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n200;B;D\n", LoadOptions{Kind: KindOrg}},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2024-02;4010;100;1000\n", LoadOptions{Kind: KindLedger}},
		{"b.csv", "År;Konto;Ansvar;Belopp\n2024;4010;100;12 000\n2024;3010;100;-60 000\n2024;5410;200;2 400\n", LoadOptions{Kind: KindBudget}},
		{"p.csv", "År;Konto;Ansvar;Belopp\n2024;4010;100;14 000\n2024;3010;100;-65 000\n2024;5410;200;2 400\n", LoadOptions{Kind: KindBudget, Version: "prognos"}},
		{"f.csv", "Period;Kategori;Division;Avvikelse\n2024-01;Personal;D;-7 000\n", LoadOptions{Kind: KindForecast}},
	})
	forecast := func(o ReportOptions) (Forecast, []string) {
		t.Helper()
		o.Period, o.Division = Month{2024, 2}, "D"
		r, err := s.BuildReport(ctx, o)
		if err != nil {
			t.Fatal(err)
		}
		return r.Economy.Forecast, r.Warnings
	}
	f, _ := forecast(ReportOptions{ForecastVersion: "prognos"})
	var got []string
	for _, c := range f.ByCategory {
		got = append(got, c.Category+" "+c.Deviation.StringFixed(0))
	}
	// Revenue 5 000 more (+), personnel 2 000 more (−), other costs as budgeted.
	if f.Version != "prognos" || f.Deviation == nil || f.Deviation.StringFixed(0) != "3000" || strings.Join(got, ", ") != "Intäkter 5000, Personal -2000, Övriga kostnader 0" {
		t.Errorf("forecast version: %+v %v", f, got)
	}
	if f, _ := forecast(ReportOptions{}); f.Version != "" || f.Made != "2024-01" || f.Deviation == nil || f.Deviation.StringFixed(0) != "-7000" {
		t.Errorf("forecast extract: %+v", f)
	}
	if f, w := forecast(ReportOptions{ForecastVersion: "prognos2"}); f.Deviation != nil || !strings.Contains(strings.Join(w, "\n"), "Prognosversionen prognos2 finns inte för 2024") {
		t.Errorf("absent version: %+v %v", f, w)
	}
}

// TestLedgerLayouts: the other layouts Swedish ledger and budget exports come
// in — debit and credit in columns of their own, and the year and the month's
// number in two columns — give the same rows as Period;Belopp.
func TestLedgerLayouts(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"dk.csv", "Bokföringsdatum;Kontonr;Kst;Debet;Kredit\n2019-04-12;4011;100;1 000,00;\n2019-04-12;1930;100;;1 000,00\n2019-05-02;3011;100;;250\n", LoadOptions{Kind: KindLedger}},
		{"ym.csv", "År;Period;Konto;Belopp\n2019;4;4011;12,50\n2019;12;4011;-2\n", LoadOptions{Kind: KindLedger}},
		{"bym.csv", "År;Period;Konto;Belopp\n2019;04;4011;100\n", LoadOptions{Kind: KindBudget}},
		// Headers with the words exports add: a code, a number, a currency.
		{"sfx.csv", "Period;Kontokod;Ansvarskod;Projektnummer;Belopp (kr)\n2019-06;4011;100;P1;7\n", LoadOptions{Kind: KindLedger}},
		// The currency a formatted column keeps when saved as CSV.
		{"valuta.csv", "Period;Konto;Belopp\n2019-08;4011;1 234,50 kr\n2019-08;5611;-12 SEK\n", LoadOptions{Kind: KindLedger}},
		// A header twice on columns tertial does not read does not matter.
		{"kommentar.csv", "Period;Konto;Belopp;Kommentar;Kommentar\n2019-09;4011;9;a;b\n", LoadOptions{Kind: KindLedger}},
		// Rows of delimiters only, as spreadsheets save emptied rows, are skipped.
		{"blank.csv", "Period;Konto;Belopp\n;;\n2019-07;4011;3\n ; ;\n", LoadOptions{Kind: KindLedger}},
	})
	rows := queryLines(t, s, `SELECT concat_ws(' ', source, strftime(period, '%Y-%m'), account, amount, cost_center, project) FROM ledger
		UNION ALL SELECT concat_ws(' ', source, strftime(period, '%Y-%m'), account, amount) FROM budget ORDER BY ALL`)
	want := []string{
		"budget:bym 2019-04 4011 100.00",
		"ledger:blank 2019-07 4011 3.00",
		"ledger:dk 2019-04 1930 -1000.00 100", "ledger:dk 2019-04 4011 1000.00 100", "ledger:dk 2019-05 3011 -250.00 100",
		"ledger:kommentar 2019-09 4011 9.00",
		"ledger:sfx 2019-06 4011 7.00 100 P1",
		"ledger:valuta 2019-08 4011 1234.50", "ledger:valuta 2019-08 5611 -12.00",
		"ledger:ym 2019-04 4011 12.50", "ledger:ym 2019-12 4011 -2.00",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []struct{ data, want string }{
		{"År;Period;Konto;Belopp\n2019;13;4011;1\n", `b.csv:2: column Period: "13" is not a month (expected 1-12 with the year column, or YYYY-MM)`},
		{"År;Period;Konto;Belopp\n;4;4011;1\n", `b.csv:2: column Period: month 4 needs a year, and the year column has ""`},
		{"Period;Konto;Debet\n2019-04;4011;1\n", `b.csv:1: missing column amount (Belopp/Amount/Utfall/Summa, or Debet and Kredit)`},
		{"Period;Konto;Debet;Kredit\n2019-04;4011;1,2,3;\n", `b.csv:2: column Debet: "1,2,3" has more than one decimal comma`},
		{"Period;Konto;Belopp tkr\n2019-04;4011;1\n", `b.csv:1: column Belopp tkr: column "Belopp tkr" gives amounts in thousands or millions of kronor; tertial loads kronor`},
		{"Period;Konto;Beloppsnamn\n2019-04;4011;1\n", `b.csv:1: missing column amount`},
	} {
		if _, err := s.LoadData(ctx, "b.csv", []byte(bad.data), LoadOptions{Kind: KindLedger}); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%q: %v, want %q", bad.data, err, bad.want)
		}
	}
}

// TestCodesWithNames: an account or cost center written with its name
// ("4010 Lokalhyra", "100 - IT-drift") or as a spreadsheet's number
// ("4010.0") is its code, so the ledger, the budget and the organisation
// meet on it; a code with letters or two numbers stays as written.
func TestCodesWithNames(t *testing.T) {
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100 IT-drift;A;D\nK200;B;D\n", LoadOptions{Kind: KindOrg}},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2024-02;4010 Lokalhyra;100 - IT-drift;1\n2024-02;4010.0;100.00;2\n2024-02;4010;100;4\n" +
			"2024-02;4010: Lokalhyra;100 – IT-drift;8\n2024-02;4010;K200;16\n2024-02;4010;100 200;32\n", LoadOptions{Kind: KindLedger}},
		{"b.csv", "Period;Konto;Ansvar;Belopp\n2024-02;4010 - Lokalhyra;100;10\n", LoadOptions{Kind: KindBudget}},
	})
	got := queryLines(t, s, `SELECT concat_ws(' ', account, cost_center, unit, sum(amount)) FROM ledger_report GROUP BY account, cost_center, unit
		UNION ALL SELECT concat_ws(' ', 'budget', account, cost_center, sum(amount)) FROM budget GROUP BY account, cost_center ORDER BY 1`)
	want := []string{"4010 100 200 Ej mappat 32.00", "4010 100 A 15.00", "4010 K200 B 16.00", "budget 4010 100 10.00"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for v, want := range map[string]string{"4010": "4010", "4010.0": "4010", "4010.": "4010.", "4010.5": "4010.5", "1100A": "1100A",
		"A100": "A100", "4000-4999": "4000-4999", "4010 -5": "4010 -5", "4010-Hyra": "4010-Hyra", "4010 - Hyra": "4010", "4010 -Hyra": "4010", "4010\tÖvrigt": "4010",
		"1100-A": "1100-A", "1100 A": "1100 A", "1100 B2": "1100 B2", "4010: Hyra": "4010", "": ""} {
		if got := code(v); got != want {
			t.Errorf("code(%q) = %q, want %q", v, got, want)
		}
	}
}

// TestSIEBalancesByCostCenter: #PSALDO and #PBUDGET totals are split by the
// rows that break them down by cost center, the rest of the total without a
// cost center, so each account-month still sums to the file's total and a
// unit's report gets its own figures; rows by project or several dimensions
// are never added on top; a budget account-month given only by cost center
// loads those rows.
func TestSIEBalancesByCostCenter(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	sie := `#FLAGGA 0
#SIETYP 3
#RAR 0 20240101 20241231
#DIM 1 "Kostnadsställe"
#DIM 6 "Projekt"
#PSALDO 0 202403 4010 {} 1000.00
#PSALDO 0 202403 4010 {1 "100"} 600.00
#PSALDO 0 202403 4010 {1 "200"} 300.00
#PSALDO 0 202403 4010 {6 "P1"} 1000.00
#PSALDO 0 202403 4010 {1 "100" 6 "P1"} 600.00
#PSALDO 0 202403 5010 {} 50.00
#PSALDO 0 202403 6010 {1 "100"} 70.00
#PBUDGET 0 202403 4010 {} 900.00
#PBUDGET 0 202403 4010 {1 "100"} 900.00
#PBUDGET 0 202403 7010 {1 "100"} 80.00
#PBUDGET 0 202403 7010 {1 "200"} 20.00
`
	res, err := s.LoadData(ctx, "saldo.se", []byte(sie), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "left out 1 account-months whose #PSALDO rows all have objects (first at line 12)") || strings.Contains(w, "read as parts") {
		t.Errorf("warnings: %s", w)
	}
	rows := queryLines(t, s, `SELECT 'ledger', account, coalesce(cost_center, '-'), amount FROM ledger
		UNION ALL SELECT 'budget', account, coalesce(cost_center, '-'), amount FROM budget ORDER BY ALL`)
	want := []string{
		"budget 4010 100 900.00",
		"budget 7010 100 80.00", "budget 7010 200 20.00",
		"ledger 4010 - 100.00", "ledger 4010 100 600.00", "ledger 4010 200 300.00",
		"ledger 5010 - 50.00",
		// 6010 has no total: the balances' sums must be the file's totals
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

// TestSIEBalancesAsParts: an exporter that writes #PSALDO rows with objects
// as the money booked with those objects, beside the row without objects
// (Avendo's type 3), is recognised by the file's own year figures — #RES
// for result accounts, #UB less #IB for balance accounts. The load keeps
// SIE's reading, the invariant (the ledger is the rows without objects),
// and warns, naming an account that shows it; a file whose year figures
// bear out the SIE reading does not warn of it, and one with evidence both
// ways says so.
func TestSIEBalancesAsParts(t *testing.T) {
	ctx := context.Background()
	head := "#FLAGGA 0\n#SIETYP 3\n#RAR 0 20240101 20241231\n#DIM 1 \"Kostnadsställe\"\n#DIM 6 \"Projekt\"\n#DIM 7 \"Medarbetare\"\n"
	rows := "#PSALDO 0 202403 3010 {} -100.00\n" +
		"#PSALDO 0 202403 3010 {1 \"100\" 7 \"4\"} -600.00\n" +
		"#PSALDO 0 202403 3010 {1 \"100\" 7 \"5\"} -300.00\n" +
		"#PSALDO 0 202404 3010 {6 \"P1\"} -50.00\n" +
		"#PSALDO 0 202403 1930 {} 300.00\n" +
		"#PSALDO 0 202403 1930 {1 \"200\"} 700.00\n" +
		"#PSALDO 0 202403 1930 {1 \"200\"} -50.00\n"
	// As SIE reads them: 3010's total -100 (no cost-center row alone),
	// 1930's 300 split into 650 for cost center 200 and -350 without.
	ledger := "1930 - -350.00\n1930 200 650.00\n3010 - -100.00"
	for _, c := range []struct {
		name, year string
		warning    string // "" = no warning of the reading
	}{
		{"parts, by #RES and #UB less #IB", "#IB 0 1930 5000.00\n#UB 0 1930 5950.00\n#RES 0 3010 -1050.00\n",
			"agree only with reading them as parts beside it, the money booked with those objects apart from the money without (2 accounts' years, none the other way; " +
				"account 1930, year index 0: 300.00 without objects, 950.00 with all rows, the year's figure 950.00): its exporter writes them so, and the ledger lacks the money booked with objects; export SIE type 2"},
		{"a breakdown, by #RES", "#RES 0 3010 -100.00\n", ""},
		{"evidence both ways", "#RES 0 3010 -100.00\n#IB 0 1930 0.00\n#UB 0 1930 950.00\n",
			"read as a breakdown of the row without objects, as SIE defines them, but the file's year figures (#RES, #UB less #IB) agree with that for 1 accounts' years and with reading them as parts beside it for 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t)
			res, err := s.LoadData(ctx, "saldo.se", []byte(head+c.year+rows), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			w := strings.Join(res.Warnings, "\n")
			if c.warning == "" && strings.Contains(w, "as parts") || !strings.Contains(w, c.warning) {
				t.Errorf("warnings:\n%s\nwant one containing\n%s", w, c.warning)
			}
			if !strings.Contains(w, "left out 1 account-months whose #PSALDO rows all have objects (first at line") {
				t.Errorf("the April row with objects alone is not warned of:\n%s", w)
			}
			got := queryLines(t, s, `SELECT account, coalesce(cost_center, '-'), sum(amount) FROM ledger GROUP BY ALL ORDER BY ALL`)
			if strings.Join(got, "\n") != ledger {
				t.Errorf("ledger:\n%s\nwant\n%s", strings.Join(got, "\n"), ledger)
			}
		})
	}
}

// TestSIEYearFigures: a SIE file whose vouchers do not add up to its own
// #RES loads as the vouchers say and warns, naming an account, both
// amounts and the others; balance accounts (#UB less #IB), and years the
// ledger has no rows in, are not compared.
func TestSIEYearFigures(t *testing.T) {
	ctx := context.Background()
	head := "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#RAR -1 20230101 20231231\n" +
		"#VER A 1 20240115 \"x\"\n{\n#TRANS 1930 {} -100.00\n#TRANS 4010 {} 100.00\n}\n"
	for _, c := range []struct{ name, year, warning string }{
		{"agrees", "#IB 0 1930 500.00\n#UB 0 1930 400.00\n#RES 0 4010 100.00\n#RES -1 4010 999.00\n#UB -1 1930 500.00\n", ""},
		{"a voucher missing", "#IB 0 1930 500.00\n#UB 0 1930 300.00\n#RES 0 4010 200.00\n#RES 0 5010 7.00\n",
			"the vouchers of 2 accounts do not add up to the file's own year results (#RES): " +
				"account 4010 in 2024-01..2024-12 loads as 100.00, its #RES is 200.00 (also 5010): the export may lack vouchers"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t)
			res, err := s.LoadData(ctx, "year.se", []byte(head+c.year), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			w := strings.Join(res.Warnings, "\n")
			if c.warning == "" && strings.Contains(w, "year results") || !strings.Contains(w, c.warning) {
				t.Errorf("warnings:\n%s\nwant\n%s", w, c.warning)
			}
			if got := strings.Join(queryLines(t, s, `SELECT account, sum(amount) FROM ledger GROUP BY ALL ORDER BY ALL`), "\n"); got != "1930 -100.00\n4010 100.00" {
				t.Errorf("ledger:\n%s", got)
			}
		})
	}
}

// TestLoadWarningsInReport: what a load said about its file is kept with
// the load (load_warnings), in the same transaction, and a report over the
// months the load's rows are in repeats it; once a later load of the same
// source has replaced those rows, the report no longer does.
func TestLoadWarningsInReport(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	off := "#FLAGGA 0\n#ORGNR 5560000000\n#SIETYP 4\n#RAR 0 20240101 20241231\n#RES 0 4010 900.00\n" +
		"#VER A 1 20240115 \"x\"\n{\n#TRANS 1930 {} -100.00\n#TRANS 4010 {} 100.00\n}\n"
	res, err := s.LoadData(ctx, "off.se", []byte(off), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := queryLines(t, s, "SELECT load_id, seq, message FROM load_warnings"); len(got) != 1 ||
		!strings.HasPrefix(got[0], fmt.Sprintf("%d 1 the vouchers of 1 accounts do not add up", res.LoadID)) {
		t.Fatalf("load_warnings: %q", got)
	}
	warned := func() bool {
		t.Helper()
		r, err := s.BuildReport(ctx, ReportOptions{Period: Month{2024, 1}})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Contains(strings.Join(r.Warnings, "\n"), "Inläsningen av off.se (inläsning 1), som rapportens siffror bygger på, varnade: "+
			"”verifikationerna för 1 konton summerar inte till filens egna årsresultat (#RES): konto 4010 2024-01–2024-12 blir 100,00 kr, dess #RES är 900,00 kr")
	}
	if !warned() {
		t.Error("the report does not repeat the load's warning in Swedish")
	}
	// A load made before the warnings were kept in Swedish too has only
	// the English, which the report then quotes.
	if _, err := s.DB().ExecContext(ctx, "UPDATE load_warnings SET message_sv = NULL"); err != nil {
		t.Fatal(err)
	}
	if r, err := s.BuildReport(ctx, ReportOptions{Period: Month{2024, 1}}); err != nil {
		t.Fatal(err)
	} else if !strings.Contains(strings.Join(r.Warnings, "\n"), "varnade: ”the vouchers of 1 accounts do not add up") {
		t.Errorf("a warning without its Swedish: %q", r.Warnings)
	}
	// The lineage gives it beside the load.
	l, err := s.Explain(ctx, "period_result", Params{Period: Month{2024, 1}}, LineageFilter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Sources) != 1 || len(l.Sources[0].Warnings) != 1 || !strings.Contains(l.Sources[0].Warnings[0], "do not add up") {
		t.Errorf("lineage sources: %+v", l.Sources)
	}
	fixed := strings.Replace(off, "#RES 0 4010 900.00", "#RES 0 4010 100.00", 1)
	if _, err := s.LoadData(ctx, "fixed.se", []byte(fixed), LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	if warned() {
		t.Error("the report repeats the warning of a load whose rows were replaced")
	}
}

// TestExplainByTable: the lineage of a figure gives a SIE file's outcome
// and budget as two sources, each with its own sum, not one sum of both.
func TestExplainByTable(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	sie := "#FLAGGA 0\n#SIETYP 4\n#RAR 0 20240101 20241231\n#PBUDGET 0 202401 4010 {} 250.00\n" +
		"#VER A 1 20240115 \"x\"\n{\n#TRANS 1930 {} -100.00\n#TRANS 4010 {} 100.00\n}\n"
	if _, err := s.LoadData(ctx, "b.se", []byte(sie), LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	l, err := s.Explain(ctx, "period_result", Params{Period: Month{2024, 1}}, LineageFilter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, src := range l.Sources {
		got = append(got, fmt.Sprintf("%s %s %d %s", src.File, src.Table, src.Rows, src.Amount.StringFixed(2)))
	}
	if want := "b.se budget 1 250.00, b.se ledger 1 100.00"; strings.Join(got, ", ") != want {
		t.Errorf("sources: %s, want %s", strings.Join(got, ", "), want)
	}
}

// TestSIEObjectBalances: one company's period balances exported as SIE
// type 2 (totals only) and type 3 (with objects, Avendo's parts): the type
// 3 file loads as SIE reads it and lacks the money booked with objects (its
// January 2010 revenue on 3041: nothing, against -112 225 in type 2); its
// load warns of both the reading and the year results.
func TestSIEObjectBalances(t *testing.T) {
	ctx := context.Background()
	load := func(file string) (*Store, *LoadResult) {
		raw, err := os.ReadFile(filepath.Join(corpusDir, file))
		if err != nil {
			t.Skipf("no SIE corpus: %v", err)
		}
		s := openTest(t)
		res, err := s.LoadData(ctx, file, raw, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return s, res
	}
	two, _ := load("periodsaldo_ovnbolag.se")
	three, res := load("objektsaldo_ovnbolag.se")
	jan := `SELECT coalesce(sum(amount), 0)::DECIMAL(18,2) FROM ledger WHERE account = '3041' AND period = DATE '2010-01-01'`
	if a, b := queryLines(t, two, jan), queryLines(t, three, jan); a[0] != "-112225.00" || b[0] != "0.00" {
		t.Errorf("3041 in January 2010: type 2 %v, type 3 %v", a, b)
	}
	w := strings.Join(res.Warnings, "\n")
	if !strings.Contains(w, "agree only with reading them as parts") || !strings.Contains(w, "do not add up to the file's own year results (#RES)") {
		t.Errorf("type 3 warnings:\n%s", w)
	}
}

// TestInvestmentsThrough: an investment extract whose outcome ends before
// the report month says so — InvestmentsThrough and a warning — and one
// that reaches the month does not.
func TestInvestmentsThrough(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n", LoadOptions{Kind: KindOrg}},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2024-01;4010;100;1000\n2024-02;4010;100;1000\n2024-03;4010;100;1000\n2024-04;4010;100;1000\n", LoadOptions{Kind: KindLedger}},
		{"i.csv", "Typ;Period;Kategori;Beslutsår;Division;Belopp\nRam;2024;IT;;D;1 000 000\nUtfall;2024-01;IT;2024;D;100 000\nUtfall;2024-02;IT;2024;D;50 000\n", LoadOptions{Kind: KindInvest}},
	})
	report := func(m Month) *Report {
		t.Helper()
		r, err := s.BuildReport(ctx, ReportOptions{Period: m, Division: "D"})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if r := report(Month{2024, 4}); r.InvestmentsThrough != "2024-02" ||
		!strings.Contains(strings.Join(r.Warnings, "\n"), "Investeringarnas utfall finns bara till och med februari 2024") {
		t.Errorf("April, outcome through February: %q %v", r.InvestmentsThrough, r.Warnings)
	}
	if r := report(Month{2024, 2}); r.InvestmentsThrough != "" || strings.Contains(strings.Join(r.Warnings, "\n"), "Investeringarnas") {
		t.Errorf("February: %q %v", r.InvestmentsThrough, r.Warnings)
	}
}

// TestInvestmentsWithoutTheYear: a report of a year the investment register
// has nothing of gets no investment table (not a frame and an outcome of
// 0) and a warning naming the years it has; a unit the register has no
// investments for gets no rows either, and no warning, since the register
// covers its year.
func TestInvestmentsWithoutTheYear(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n200;B;D\n", LoadOptions{Kind: KindOrg}},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2023-02;4010;100;1000\n2024-02;4010;100;1000\n2024-02;4010;200;1000\n", LoadOptions{Kind: KindLedger}},
		{"i.csv", "Typ;Period;Kategori;Beslutsår;Ansvar;Belopp\nRam;2024;IT;;100;1 000 000\nUtfall;2024-01;IT;2024;100;100 000\n", LoadOptions{Kind: KindInvest}},
	})
	report := func(m Month, unit string) *Report {
		t.Helper()
		r, err := s.BuildReport(ctx, ReportOptions{Period: m, Unit: unit})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	const missing = "Investeringsregistret har inget för januari–februari 2023 (det har 2024): avsnittet Investeringar har ingen tabell."
	r := report(Month{2023, 2}, "")
	if len(r.Investments) != 0 || !slices.Contains(r.Warnings, missing) {
		t.Errorf("2023: investments %+v, warnings %q", r.Investments, r.Warnings)
	}
	r = report(Month{2024, 2}, "A")
	if len(r.Investments) != 2 || r.Investments[0].Frame.StringFixed(2) != "1000000.00" || slices.Contains(r.Warnings, missing) {
		t.Errorf("2024, unit A: investments %+v, warnings %q", r.Investments, r.Warnings)
	}
	r = report(Month{2024, 2}, "B")
	if len(r.Investments) != 0 || !slices.Contains(r.InvestmentYears, 2024) || r.InvestmentsByDivision || strings.Contains(strings.Join(r.Warnings, "\n"), "Investeringsregistret") {
		t.Errorf("2024, unit B: investments %+v, years %v, warnings %q", r.Investments, r.InvestmentYears, r.Warnings)
	}
}

// TestReportGapWarnings: months of the year or of the comparison period
// without a ledger line, and months without budget, are named in the
// report's warnings; a complete year has none of them.
func TestReportGapWarnings(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n", LoadOptions{Kind: KindOrg}},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2023-02;4010;100;900\n2023-03;4010;100;900\n2024-01;4010;100;1000\n2024-03;4010;100;1000\n2024-04;4010;100;1000\n", LoadOptions{Kind: KindLedger}},
		{"b.csv", "Period;Konto;Ansvar;Belopp\n2024-01;4010;100;1000\n2024-02;4010;100;1000\n", LoadOptions{Kind: KindBudget}},
	})
	warnings := func(m Month) string {
		t.Helper()
		r, err := s.BuildReport(ctx, ReportOptions{Period: m, Division: "D"})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(r.Warnings, "\n")
	}
	w := warnings(Month{2024, 4})
	for _, want := range []string{
		"Budgeten (version budget) saknar mars–april 2024: periodbudgeten räknar de månaderna som 0.",
		"Huvudboken har inga rader för februari 2024: utfallet hittills i år saknar den månaden.",
		"Huvudboken har inga rader för januari och april 2023: nettokostnadsutvecklingen jämför inte hela samma period 2023.",
	} {
		if !strings.Contains(w, want) {
			t.Errorf("April's warnings lack %q:\n%s", want, w)
		}
	}
	if w := warnings(Month{2024, 1}); strings.Contains(w, "saknar") || strings.Contains(w, "inga rader") {
		t.Errorf("January has budget and ledger; last year's January has no ledger (a warning of its own):\n%s", w)
	}
}

// TestLedgerLoadedTwice: the same ledger loaded again under another name —
// whole, or a year over a month's file — is warned of on load and in the
// report, both counting; two sources with ledgers of their own in the same
// months are not.
func TestLedgerLoadedTwice(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	ledger := "Period;Konto;Ansvar;Belopp\n2024-01;4010;100;1000\n2024-01;4020;100;250\n2024-02;4010;100;1100\n2024-02;4010;200;300\n"
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n200;B;D\n", LoadOptions{Kind: KindOrg}},
		{"huvudbok.csv", ledger, LoadOptions{Kind: KindLedger}},
		// Another company's ledger for the same months: one sum in common.
		{"bolag.csv", "Period;Konto;Ansvar;Belopp\n2024-01;4010;100;1000\n2024-01;4030;100;75\n2024-02;4010;100;900\n2024-02;4020;200;60\n", LoadOptions{Kind: KindLedger}},
	})
	report := func() string {
		t.Helper()
		r, err := s.BuildReport(ctx, ReportOptions{Period: Month{2024, 2}, Division: "D"})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(r.Warnings, "\n")
	}
	if w := report(); strings.Contains(w, "Huvudbokskällorna") {
		t.Errorf("two ledgers of their own are not one loaded twice:\n%s", w)
	}
	// One more line break: another file, as a re-export is.
	res, err := s.LoadData(ctx, "huvudbok_kopia.csv", []byte(ledger+"\n"), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "4 of 4 month sums") || !strings.Contains(w, "--source ledger:huvudbok ") {
		t.Errorf("the copy's load warnings: %v", res.Warnings)
	}
	if w := report(); !strings.Contains(w, "Huvudbokskällorna ledger:huvudbok och ledger:huvudbok_kopia (4 av 4) har till största delen samma månadssummor") {
		t.Errorf("the report's warnings:\n%s", w)
	}
	// January's file of the same ledger, under a third name: its two sums
	// are the year's.
	res, err = s.LoadData(ctx, "januari.csv", []byte("Period;Konto;Ansvar;Belopp\n2024-01;4010;100;1000\n2024-01;4020;100;250\n"), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "2 of 2 month sums") {
		t.Errorf("January's load warnings: %v", res.Warnings)
	}
}

// TestBudgetLoadedTwice: a budget loaded again under another name warns on
// load and in the report; another version of the same rows does not.
func TestBudgetLoadedTwice(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	budget := "Period;Konto;Ansvar;Belopp\n2024-01;4010;100;1000\n2024-02;4010;100;1000\n2024-02;4020;100;500\n"
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n", LoadOptions{Kind: KindOrg}},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2024-01;4010;100;1000\n2024-02;4010;100;1000\n", LoadOptions{Kind: KindLedger}},
		{"budget.csv", budget, LoadOptions{Kind: KindBudget}},
		{"prognos.csv", budget, LoadOptions{Kind: KindBudget, Version: "prognos"}},
	})
	res, err := s.LoadData(ctx, "budget_ny.csv", []byte(budget+"\n"), LoadOptions{Kind: KindBudget})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "3 of 3 budget rows") || !strings.Contains(w, "source budget:budget ") || strings.Contains(w, "prognos") {
		t.Errorf("load warnings: %v", res.Warnings)
	}
	r, err := s.BuildReport(ctx, ReportOptions{Period: Month{2024, 2}, Division: "D"})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(r.Warnings, "\n"); !strings.Contains(w, "Budgetkällorna budget:budget och budget:budget_ny (3 av 3)") {
		t.Errorf("report warnings:\n%s", w)
	}
}

// TestSignsReversed: an extract with revenue positive and costs negative —
// a report's signs, not a ledger's — loads with a warning; one in the
// ledger's signs does not, nor one with costs only.
func TestSignsReversed(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n3000-3999;intäkt;Intäkter\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n", LoadOptions{Kind: KindOrg}},
	})
	for _, c := range []struct {
		name, data string
		kind       Kind
		warn       bool
	}{
		{"ratt.csv", "Period;Konto;Ansvar;Belopp\n2024-01;3010;100;-5000\n2024-01;4010;100;4000\n", KindLedger, false},
		{"omvand.csv", "Period;Konto;Ansvar;Belopp\n2024-02;3010;100;5000\n2024-02;4010;100;-4000\n", KindLedger, true},
		{"kostnader.csv", "Period;Konto;Ansvar;Belopp\n2024-03;4010;100;-4000\n", KindLedger, false},
		{"budget_omvand.csv", "Period;Konto;Ansvar;Belopp\n2024-02;3010;100;5000\n2024-02;4010;100;-4000\n", KindBudget, true},
	} {
		res, err := s.LoadData(ctx, c.name, []byte(c.data), LoadOptions{Kind: c.kind})
		if err != nil {
			t.Fatal(err)
		}
		w := strings.Join(res.Warnings, "\n")
		if got := strings.Contains(w, "sign-reversed"); got != c.warn {
			t.Errorf("%s: sign warning %v, want %v: %v", c.name, got, c.warn, res.Warnings)
		}
		if c.warn && !strings.Contains(w, "revenue accounts sum to 5000.00 (debit) and cost accounts to -4000.00 (credit)") {
			t.Errorf("%s: %v", c.name, res.Warnings)
		}
		// Kept with the load, so the report on its months repeats it.
		kept := strings.Join(queryLines(t, s, fmt.Sprintf("SELECT message FROM load_warnings WHERE load_id = %d", res.LoadID)), "\n")
		if got := strings.Contains(kept, "sign-reversed"); got != c.warn {
			t.Errorf("%s: load_warnings %q", c.name, kept)
		}
		assertSwedishWarnings(t, s)
	}
	r, err := s.BuildReport(ctx, ReportOptions{Period: Month{2024, 2}, Division: "D"})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(r.Warnings, "\n"); !strings.Contains(w, "Inläsningen av omvand.csv") || !strings.Contains(w, "Inläsningen av budget_omvand.csv") ||
		!strings.Contains(w, "intäktskontona summerar till 5\u00a0000,00 kr (debet) och kostnadskontona till \u22124\u00a0000,00 kr (kredit)") {
		t.Errorf("report warnings: %s", w)
	}
}

// TestStaleForecastInT2: August's report with no forecast made since April
// says so; one made in the second tertial does not.
func TestStaleForecastInT2(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var ledger strings.Builder
	ledger.WriteString("Period;Konto;Ansvar;Belopp\n")
	for m := 1; m <= 8; m++ {
		fmt.Fprintf(&ledger, "2024-%02d;4010;100;1000\n", m)
	}
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n", LoadOptions{Kind: KindOrg}},
		{"l.csv", ledger.String(), LoadOptions{Kind: KindLedger}},
		{"f.csv", "Period;Kategori;Division;Avvikelse\n2024-04;Personal;D;-7 000\n", LoadOptions{Kind: KindForecast}},
	})
	stale := func() bool {
		t.Helper()
		r, err := s.BuildReport(ctx, ReportOptions{Period: Month{2024, 8}, Division: "D"})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Contains(strings.Join(r.Warnings, "\n"), "Årsprognosen lämnades i april 2024, före tertialen maj–augusti")
	}
	if !stale() {
		t.Error("April's forecast in August's report: no warning")
	}
	loadFixtures(t, s, []fixture{{"f2.csv", "Period;Kategori;Division;Avvikelse\n2024-07;Personal;D;-5 000\n", LoadOptions{Kind: KindForecast}}})
	if stale() {
		t.Error("July's forecast in August's report: a warning")
	}
}

// TestAccountRangesCoverDigits: a range covers an account by its leading
// digits. An account with a letter among them sorts between '4000' and
// '4999' as text, yet no chart of accounts puts it there: it must show as
// not mapped (and be warned of), not as personnel.
func TestAccountRangesCoverDigits(t *testing.T) {
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"kontoplan.csv", "Konto;Typ;Kategori\n4000-4999;Kostnad;Personal\n40;Kostnad;Fyrtio\n5000-5999;Kostnad;Övrigt\n", LoadOptions{Kind: KindAccounts}},
		{"hb.csv", "Period;Konto;Belopp\n" +
			"2019-04;4010;1\n2019-04;40111;1\n2019-04;4010.1;1\n2019-04;4010A;1\n" +
			"2019-04;40A0;1\n2019-04;4A;1\n2019-04;FEL;1\n2019-04;4 010;1\n2019-04;5999;1\n", LoadOptions{Kind: KindLedger}},
	})
	rows := queryLines(t, s, `SELECT account, coalesce(category, '-') FROM accounts ORDER BY account`)
	want := []string{
		"4 010 -", "4010 Personal", "4010.1 Personal", "4010A Personal", "40111 Personal",
		"40A0 Fyrtio", "4A -", "5999 Övrigt", "FEL -",
	}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("accounts:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}

// TestExcelTextExports: Excel's "Unicode text" (UTF-16 with a byte order
// mark, tab-separated, CRLF) and "CSV (Macintosh)" (lines ended by CR
// alone) load like any CSV, with their Swedish letters and line numbers.
func TestExcelTextExports(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	text := "Period\tKonto\tAnsvar\tBelopp\tText\r\n2019-04\t4011\t100\t1 234,50\tLön åäö\r\n2019-04\t5611\t100\t-7,25\t\"Resa, Malmö\"\r\n"
	var le, be []byte
	le, be = []byte{0xFF, 0xFE}, []byte{0xFE, 0xFF}
	for _, r := range text {
		le = append(le, byte(r), byte(r>>8))
		be = append(be, byte(r>>8), byte(r))
	}
	for name, data := range map[string][]byte{"unicode_le.txt": le, "unicode_be.txt": be,
		"mac.csv": []byte(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\r"), "\t", ";"))} {
		res, err := s.LoadData(ctx, name, data, LoadOptions{Kind: KindLedger, Source: name})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := queryLines(t, s, "SELECT concat_ws('|', line, account, amount, text) FROM ledger WHERE source = '"+name+"' ORDER BY line")
		if want := "2|4011|1234.50|Lön åäö 3|5611|-7.25|Resa, Malmö"; strings.Join(got, " ") != want {
			t.Errorf("%s (%s): %v, want %s", name, res.Format, got, want)
		}
	}
}

// workbook is an XLSX with the named sheets, in order, of text cells.
func workbook(t *testing.T, sheets ...any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i := 0; i < len(sheets); i += 2 {
		name, cells := sheets[i].(string), sheets[i+1].([][]string)
		if i == 0 {
			x.SetSheetName("Sheet1", name)
		} else if _, err := x.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range cells {
			for c, v := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				x.SetCellStr(name, ref, v)
			}
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestWorkbookCoverSheet: a workbook that opens with a cover sheet is read
// from the one sheet that has the header, and the load says so; with two
// such sheets it is refused naming them; --sheet reads the sheet named,
// and no other.
func TestWorkbookCoverSheet(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	cover := [][]string{{"Huvudbok – utdrag"}, {"Skapad 2019-05-03"}}
	data := [][]string{{"Utdrag april"}, {"Period", "Konto", "Ansvar", "Belopp"}, {"2019-04", "4011", "100", "12,50"}}
	res, err := s.LoadData(ctx, "utdrag.xlsx", workbook(t, "Info", cover, "Data", data, "Anteckningar", [][]string{{"Se bilaga"}}), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if want := `XLSX, sheet "Data", header on row 2; the first sheet, "Info", has no header`; res.Format != want {
		t.Errorf("format %q, want %q", res.Format, want)
	}
	if got := queryLines(t, s, "SELECT concat_ws(' ', line, account, amount) FROM ledger"); strings.Join(got, "|") != "3 4011 12.50" {
		t.Errorf("rows %v", got)
	}
	_, err = s.LoadData(ctx, "två.xlsx", workbook(t, "Info", cover, "2019", data, "2018", data), LoadOptions{Kind: KindLedger})
	if err == nil || !strings.Contains(err.Error(), `the first sheet, "Info", has no header row with the columns needed, and several others have: "2019", "2018"`) || !strings.Contains(err.Error(), "--sheet") {
		t.Errorf("two data sheets: %v", err)
	}
	_, err = s.LoadData(ctx, "vald.xlsx", workbook(t, "Info", cover, "Data", data), LoadOptions{Kind: KindLedger, Sheet: "Info"})
	if err == nil || !strings.Contains(err.Error(), "missing column period") {
		t.Errorf("--sheet Info: %v", err)
	}
	_, err = s.LoadData(ctx, "ingen.xlsx", workbook(t, "Info", cover, "Mer", cover), LoadOptions{Kind: KindLedger})
	if err == nil || !strings.Contains(err.Error(), "ingen.xlsx:1: missing column period") || !strings.Contains(err.Error(), `(sheet "Info"; no other sheet has the header either)`) {
		t.Errorf("no sheet with a header: %v", err)
	}
}

// TestRepeatedHeader: an export printed page by page repeats its header
// on every page; those rows are skipped, counted in the load line, in CSV
// and XLSX alike, and a row that only starts like the header is data.
func TestRepeatedHeader(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	res, err := s.LoadData(ctx, "sidor.csv", []byte("Period;Konto;Ansvar;Belopp\n2019-04;4011;100;5\nPeriod;Konto;Ansvar;Belopp\n2019-04;4012;100;6\n"), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 2 || !strings.Contains(res.Format, "the header repeated on 1 line (skipped)") {
		t.Errorf("rows %d, format %q", res.Rows, res.Format)
	}
	sheet := xlsxBytes(t, [][]string{{"Period", "Konto", "Belopp"}, {"2019-05", "4011", "1"}, {"Period", "Konto", "Belopp"}, {"Period", "Konto", "Belopp"}, {"2019-05", "4012", "2"}})
	res, err = s.LoadData(ctx, "sidor.xlsx", sheet, LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 2 || !strings.Contains(res.Format, "the header repeated on 2 rows (skipped)") {
		t.Errorf("xlsx: rows %d, format %q", res.Rows, res.Format)
	}
	_, err = s.LoadData(ctx, "nästan.csv", []byte("Period;Konto;Belopp\n2019-04;4011;5\nPeriod;Konto;Summa\n"), LoadOptions{Kind: KindLedger})
	if err == nil || !strings.Contains(err.Error(), `nästan.csv:3: column Period: "Period" is not a period`) {
		t.Errorf("a row that is not the header: %v", err)
	}
}

// TestPreambleAboveHeader: exports often open with a title and the report's
// selection before the header. The header is the first of the first rows
// that names every required field, and the delimiter is not decided by a
// title with a comma in it.
func TestPreambleAboveHeader(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	csvData := "Huvudbok, Region Norr\nUtskriven 2019-05-03 av ekonomi\n\nPeriod;Konto;Ansvar;Belopp\n2019-04;4011;100;1 000,50\n2019-04;5611;100;2,25\n"
	res, err := s.LoadData(ctx, "titel.csv", []byte(csvData), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Format, "delimiter ';'") || !strings.Contains(res.Format, "header on line 4") {
		t.Errorf("format %q, want delimiter ';' and the header's line", res.Format)
	}
	sheet := xlsxBytes(t, [][]string{{"Resultatrapport april 2019"}, nil, {"Urval: division D"}, {"Period", "Konto", "Ansvar", "Belopp"}, {"2019-04", "4011", "200", "7"}})
	res, err = s.LoadData(ctx, "rapport.xlsx", sheet, LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Format, "header on row 4") {
		t.Errorf("format %q, want the header's row", res.Format)
	}
	got := queryLines(t, s, "SELECT concat_ws(' ', source, line, account, cost_center, amount) FROM ledger ORDER BY source DESC, line")
	want := []string{"ledger:titel 5 4011 100 1000.50", "ledger:titel 6 5611 100 2.25", "ledger:rapport 5 4011 200 7.00"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// A mapped column is looked for in the header below the title too.
	if _, err := s.LoadData(ctx, "mappad.csv", []byte("Huvudbok\nPeriod;Konto;Nettobelopp\n2019-05;4011;4\n"),
		LoadOptions{Kind: KindLedger, Columns: map[string]string{"amount": "Nettobelopp"}}); err != nil {
		t.Errorf("mapped column below a title: %v", err)
	}
	// No header among the first rows: the first row's error, as before.
	_, err = s.LoadData(ctx, "ingen.csv", []byte("Rapport\nPeriod;Belopp\n2019-04;4011\n"), LoadOptions{Kind: KindLedger})
	if want := "ingen.csv:1: missing column period"; err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "the header has: Rapport (") {
		t.Errorf("no header: %v, want %q", err, want)
	}
}

// TestDefaultAccountMapping: with no mapping file loaded, a whole ledger
// (balance sheet included, as an SIE export has it) is reported by the
// default mapping of account classes: the period result is revenue less
// costs, not the ledger's sum of zero, and the closing entry to 8999 does not
// cancel it. A mapping file then replaces the default but for its balance
// ranges, which keep the accounts the file does not cover out of the result.
func TestDefaultAccountMapping(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	res, err := s.LoadData(ctx, "hb.csv", []byte("Period;Konto;Belopp\n"+
		"2021-03;1930;1000\n2021-03;3010;-5000\n2021-03;4010;3500\n2021-03;8410;-100\n2021-03;2440;600\n"+
		"2021-12;8999;1600\n2021-12;2099;-1600\n2021-03;9100;7\n2021-03;9100;-7\n"), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	w := strings.Join(res.Warnings, "\n")
	if !strings.Contains(w, "no account mapping is loaded") || !strings.Contains(w, "1 account(s) have no category in the account mapping and show as 'Ej mappat': 9100") {
		t.Errorf("load warnings: %v", res.Warnings)
	}
	for period, want := range map[string]string{"2021-03": "1600.00", "2021-12": "1600.00"} {
		o := ReportOptions{}
		if o.Period, err = ParsePeriod(period); err != nil {
			t.Fatal(err)
		}
		got, err := s.Run(ctx, "period_result", o)
		if err != nil {
			t.Fatal(err)
		}
		if v := FormatValue(got.Rows[0][1]); v != want {
			t.Errorf("%s: period result %s, want %s", period, v, want)
		}
	}
	rows := queryLines(t, s, `SELECT account, coalesce(kind, '-'), coalesce(category, '-') FROM accounts ORDER BY account`)
	want := []string{"1930 balance Balansräkning", "2099 balance Balansräkning", "2440 balance Balansräkning", "3010 revenue Intäkter",
		"4010 cost Kostnader", "8410 financial Finansiella poster", "8999 balance Årets resultat", "9100 - -"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("accounts:\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
	r, err := s.BuildReport(ctx, ReportOptions{Period: Month{2021, 3}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(r.Warnings, "\n"), "Ingen kontomappning är inläst") {
		t.Errorf("report warnings: %v", r.Warnings)
	}
	// A file maps its own lines; the default's balance ranges stay for the
	// accounts it does not cover, so the balance sheet stays out of the
	// result, and the rest of the default is gone.
	loadFixtures(t, s, []fixture{{"k.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}}})
	// Reported at the next load, not dropped.
	res, err = s.LoadData(ctx, "hb2.csv", []byte("Period;Konto;Belopp\n2021-04;1930;50\n2021-04;4010;-50\n2021-04;3010;7\n2021-04;3010;-7\n"), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "1 account(s) are not in the account mapping and are kept out of the result as balance sheet by the default mapping (classes 1-2, 8990-8999): 1930") ||
		!strings.Contains(w, "1 account(s) have no category in the account mapping and show as 'Ej mappat': 3010") {
		t.Errorf("load warnings with a mapping file: %s", w)
	}
	rows = queryLines(t, s, `SELECT account, coalesce(category, '-'), coalesce(origin, '-') FROM accounts WHERE account IN ('1930', '3010', '4010', '8999') ORDER BY account`)
	if got := strings.Join(rows, ", "); got != "1930 Balansräkning default balance, 3010 - -, 4010 Personal file, 8999 Årets resultat default balance" {
		t.Errorf("with a mapping file: %s", got)
	}
	if got, err := s.Run(ctx, "period_result", ReportOptions{Period: Month{2021, 3}}); err != nil {
		t.Fatal(err)
	} else if v := FormatValue(got.Rows[0][1]); v != "1600.00" {
		t.Errorf("with a mapping file: period result %s, want 1600.00 (the unmapped 3010 and 8410 count, the balance sheet does not)", v)
	}
	// A range of the file wins over the default's, however wide.
	loadFixtures(t, s, []fixture{{"k2.csv", "Konto;Typ;Kategori\n1-9;kostnad;Allt\n", LoadOptions{Kind: KindAccounts}}})
	if got := strings.Join(queryLines(t, s, `SELECT account, kind, origin FROM accounts WHERE account = '1930'`), ""); got != "1930 cost file" {
		t.Errorf("a file's range over the balance sheet: %s", got)
	}
	loadFixtures(t, s, []fixture{{"k3.csv", "Konto;Typ;Kategori\n4000-4999;kostnad;Personal\n", LoadOptions{Kind: KindAccounts}}})
	if r, err = s.BuildReport(ctx, ReportOptions{Period: Month{2021, 3}}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.Join(r.Warnings, "\n"), "Ingen kontomappning är inläst") {
		t.Errorf("report warnings with a mapping file: %v", r.Warnings)
	}
}

// TestSIEBudgetOutsideYear: #PBUDGET rows whose period is not in their
// #RAR year are skipped with a warning, in English for the log and in
// Swedish for the report, and the rest of the budget loads.
func TestSIEBudgetOutsideYear(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	raw := "#FLAGGA 0\n#SIETYP 2\n#RAR 0 20240101 20241231\n" +
		"#PBUDGET 0 202401 4010 {} 100.00\n#PBUDGET 0 202301 4010 {} 50.00\n#PBUDGET 0 202302 4010 {} 50.00\n"
	res, err := s.LoadData(ctx, "b.se", []byte(raw), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "skipped 2 #PBUDGET rows whose period lies outside their #RAR year index (first at line 5)") {
		t.Errorf("warnings: %q", res.Warnings)
	}
	if got := queryLines(t, s, "SELECT message_sv FROM load_warnings"); len(got) != 1 ||
		got[0] != "hoppade över 2 periodbudgetrader (#PBUDGET) vars period ligger utanför deras räkenskapsår (#RAR) (första på rad 5): filens årsindex motsäger dess perioder" {
		t.Errorf("load_warnings: %q", got)
	}
	if got := queryLines(t, s, "SELECT strftime(period, '%Y-%m'), account, amount FROM budget"); strings.Join(got, "|") != "2024-01 4010 100.00" {
		t.Errorf("budget: %q", got)
	}
	assertSwedishWarnings(t, s)
}

// TestSumsBeyondDecimal: amounts that each fit DECIMAL(18,2) but sum,
// within one month, account and cost center, beyond it are refused as
// input (naming the group and, from a text extract, its first line),
// from CSV, SIE and Parquet alike, and the database is left as it was.
func TestSumsBeyondDecimal(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	before := snapshot(t, s)
	big := "9999999999999999,99"
	csv := "Period;Konto;Ansvar;Belopp\n2019-01;4010;100;1\n2019-01;3010;100;" + big + "\n2019-01;3010;200;5\n2019-01;3010;100;" + big + "\n"
	_, err := s.LoadData(ctx, "big.csv", []byte(csv), LoadOptions{Kind: KindLedger})
	if !IsInputError(err) || err.Error() != `big.csv:3: the amounts of account 3010, cost center "100" in 2019-01, from this line on, sum to 19999999999999999.98 kr, beyond ±9999999999999999.99 kr, the most an amount holds (DECIMAL(18,2)) (try: check that the amount column holds kronor, not öre or another field)` {
		t.Errorf("CSV: %v", err)
	}
	sie := "#FLAGGA 0\n#SIETYP 4\n#VER A 1 20190105 \"x\"\n{\n#TRANS 3010 {} 9999999999999999.99\n#TRANS 1930 {} -9999999999999999.99\n}\n" +
		"#VER A 2 20190106 \"y\"\n{\n#TRANS 3010 {} 9999999999999999.99\n#TRANS 1930 {} -9999999999999999.99\n}\n"
	if _, err := s.LoadData(ctx, "big.se", []byte(sie), LoadOptions{}); !IsInputError(err) || !strings.HasPrefix(err.Error(), "big.se:5: the amounts of account ") {
		t.Errorf("SIE: %v", err)
	}
	pq := parquetOf(t, s, "big.parquet", "SELECT DATE '2019-01-01' AS period, '3010' AS account, '100' AS cost_center, 9999999999999999.99::DECIMAL(18,2) AS amount FROM range(2)")
	if _, err := s.LoadFile(ctx, pq, LoadOptions{Kind: KindLedger}); !IsInputError(err) || !strings.Contains(err.Error(), "the amounts of one month, account and cost center sum beyond ±9999999999999999.99 kr") {
		t.Errorf("Parquet: %v", err)
	}
	if after := snapshot(t, s); after != before {
		t.Error("a refused load changed the database")
	}
}

// TestAmountsBeyondTableLimit: amounts that each fit, and fit their month
// sums, but bring a table's absolute total beyond the 10^14 kr the
// report's sums hold are refused, naming the load's largest amount and its
// line; the total counts the earlier loads that stay (another source) and
// not the ones the load replaces; CSV, SIE and Parquet alike, and the
// database is left as it was.
func TestAmountsBeyondTableLimit(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"prognos.csv", "Period;Kategori;Avvikelse\n2019-04;Personal;-60 000 000 000 000\n", LoadOptions{Kind: KindForecast}},
	})
	// The same source again replaces the month: 70 000 billion alone fits.
	loadFixtures(t, s, []fixture{
		{"prognos.csv", "Period;Kategori;Avvikelse\n2019-04;Personal;70 000 000 000 000\n", LoadOptions{Kind: KindForecast}},
	})
	before := snapshot(t, s)
	_, err := s.LoadData(ctx, "division.csv", []byte("Period;Kategori;Avvikelse\n2019-04;Lokaler;1\n2019-04;Personal;-40 000 000 000 000\n"), LoadOptions{Kind: KindForecast})
	if !IsInputError(err) || err.Error() != "division.csv:3: amount -40000000000000.00 kr, the largest in the file: with this file the forecast deviations add up to 110000000000001.00 kr in absolute value, beyond the 100000000000000 kr (10^14) the report's sums can hold (DECIMAL(18,2)) (try: check that the amounts are kronor, not öre or another field)" {
		t.Errorf("forecast: %v", err)
	}
	sie := "#FLAGGA 0\n#SIETYP 4\n#VER A 1 20190105 \"x\"\n{\n#TRANS 3010 {} 60000000000000.00\n#TRANS 1930 {} -60000000000000.00\n}\n"
	if _, err := s.LoadData(ctx, "big.se", []byte(sie), LoadOptions{}); !IsInputError(err) || !strings.HasPrefix(err.Error(), "big.se:5: amount 60000000000000.00 kr, the largest in the file: with this file the ledger amounts add up to 120000000000000.00 kr") {
		t.Errorf("SIE: %v", err)
	}
	pq := parquetOf(t, s, "big.parquet", "SELECT DATE '2019-01-01' AS period, (3010 + i)::VARCHAR AS account, '100' AS cost_center, 1000000000000.00::DECIMAL(18,2) AS amount FROM range(101) t(i)")
	if _, err := s.LoadFile(ctx, pq, LoadOptions{Kind: KindBudget}); !IsInputError(err) || !strings.Contains(err.Error(), "the budget amounts add up to 101000000000000.00 kr") {
		t.Errorf("Parquet: %v", err)
	}
	if after := snapshot(t, s); after != before {
		t.Error("a refused load changed the database")
	}
}

// TestOutcomeOfMonthNotLoaded: the economy queries give no outcome (NULL,
// not 0) for a report month that no source of the scope's ledger has rows
// for — a month not loaded yet, for the scope — and the budget beside it;
// a month with rows in the scope gives its sums, however few the rows, and
// so does a month the scope booked nothing in, of a source that has it.
func TestOutcomeOfMonthNotLoaded(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori;Underkategori\n3000-3999;intäkt;Intäkter;Intäkter\n4000-4999;kostnad;Personal;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n200;B;D\n300;C;E\n", LoadOptions{Kind: KindOrg}},
		{"l18.csv", "Period;Konto;Ansvar;Belopp\n2018-03;4010;100;30\n", LoadOptions{Kind: KindLedger}},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4010;100;10\n2019-02;4010;200;20\n2019-03;4010;200;5\n", LoadOptions{Kind: KindLedger}},
		// C's own extract, which has January only
		{"c.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4010;300;7\n", LoadOptions{Kind: KindLedger}},
		{"b.csv", "Period;Konto;Ansvar;Belopp\n2019-03;4010;100;40\n2019-04;4010;100;40\n", LoadOptions{Kind: KindBudget}},
	})
	for _, c := range []struct {
		name, unit string
		period     Month
		want       string
	}{
		{"period_result", "", Month{2019, 3}, "-42.00 -40.00 -2.00"},
		{"period_result", "", Month{2019, 4}, "NULL -80.00 NULL"},
		{"period_result", "A", Month{2019, 3}, "-10.00 -40.00 30.00"}, // A booked nothing in March, in an extract that has March
		{"period_result", "C", Month{2019, 3}, "NULL NULL NULL"},      // C's extract has no March (and C no budget)
		{"period_result", "C", Month{2019, 1}, "-7.00 NULL NULL"},
		{"period_result", "B", Month{2019, 3}, "-25.00 NULL NULL"}, // B has no budget (TestNoBudgetIsNotZero)
		// rows keyed by category: its last row, the subcategory's
		{"cost_deviation", "", Month{2019, 4}, "Personal NULL -80.00 NULL"},
		{"net_cost_change", "", Month{2019, 4}, "Personal NULL -30.00 NULL NULL"},
		{"net_cost_change", "", Month{2019, 3}, "Personal -42.00 -30.00 -12.00 40"},
	} {
		rows := queryRows(t, s, c.name, Params{Period: c.period, Unit: c.unit})
		var got []string
		for k, v := range rows {
			if c.name != "period_result" && k != "Personal" {
				continue
			}
			got = append(got, strings.Join(v, " "))
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("%s %s %s: %q, want %q", c.name, c.unit, c.period, got, c.want)
		}
	}
	dev := queryRows(t, s, "result_development", Params{Period: Month{2019, 4}})
	if got := strings.Join(dev["1"], " ") + "|" + strings.Join(dev["4"], " "); got != "NULL 0.00 0.00|NULL -80.00 -30.00" {
		t.Errorf("result_development 2019-04: %s", got)
	}
	// The report agrees: A's quiet March is reported, C's missing one is
	// refused.
	if r, err := s.BuildReport(ctx, ReportOptions{Period: Month{2019, 3}, Unit: "A"}); err != nil || r.Economy.Result.Outcome.StringFixed(2) != "-10.00" {
		t.Errorf("report A 2019-03: %v", err)
	}
	if _, err := s.BuildReport(ctx, ReportOptions{Period: Month{2019, 3}, Unit: "C"}); err == nil || !strings.Contains(err.Error(), "the ledger has no rows for 2019-03 for unit C (it covers 2019-01 to 2019-01)") {
		t.Errorf("report C 2019-03: %v", err)
	}
}

// TestNoBudgetIsNotZero: a scope the budget version has no rows for in the
// year to date has no period budget and no deviation (NULL), not a budget
// of 0 and the whole outcome as the deviation; decisions alone are not a
// budget. The report says so, in its warnings and texts, and report.json
// has null.
func TestNoBudgetIsNotZero(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"k.csv", "Konto;Typ;Kategori;Underkategori\n3000-3999;intäkt;Intäkter;Intäkter\n4000-4999;kostnad;Personal;Personal\n", LoadOptions{Kind: KindAccounts}},
		{"o.csv", "Ansvar;Enhet;Division\n100;A;D\n200;B;D\n300;C;E\n", LoadOptions{Kind: KindOrg}},
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4010;100;1000000\n2019-01;4010;200;2000000\n2019-01;4010;300;500000\n", LoadOptions{Kind: KindLedger}},
		{"b.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4010;100;1500000\n", LoadOptions{Kind: KindBudget}},
		{"beslut.csv", "Referens;Beslutsdatum;Från;Till;Belopp;Konto;Gäller från\nB1;2019-01-10;A;C;100000;4010;2019-01\n", LoadOptions{Kind: KindDecisions}},
		{"f.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4010;100;1400000\n2019-01;4010;300;400000\n", LoadOptions{Kind: KindBudget, Version: "prognos"}},
	})
	jan := Month{2019, 1}
	for _, c := range []struct {
		name string
		p    Params
		key  string
		want string
	}{
		{"period_result", Params{Period: jan, Division: "D"}, "2019-01", "-3000000.00 -1491666.66 -1508333.34"}, // A: 1,5 mnkr less a twelfth of the decision
		{"period_result", Params{Period: jan, Unit: "B"}, "2019-01", "-2000000.00 NULL NULL"},
		// C has a decision's 100 000 but no budget of its own
		{"period_result", Params{Period: jan, Unit: "C"}, "2019-01", "-500000.00 NULL NULL"},
		{"period_result", Params{Period: jan, Division: "E"}, "2019-01", "-500000.00 NULL NULL"},
		{"cost_deviation", Params{Period: jan, Unit: "C"}, "Personal", "Personal -500000.00 NULL NULL"},
		{"cost_deviation", Params{Period: jan, Unit: "A"}, "Personal", "Personal -1000000.00 -1491666.66 491666.66"},
		{"result_development", Params{Period: jan, Unit: "C"}, "1", "-500000.00 NULL NULL"},
	} {
		rows := queryRows(t, s, c.name, c.p)
		if got := strings.Join(rows[c.key], " "); got != c.want {
			t.Errorf("%s %+v: %q, want %q (all: %v)", c.name, c.p, got, c.want, rows)
		}
	}
	byUnit := queryRows(t, s, "cost_deviation_by_unit", Params{Period: jan, Division: "D"})
	if a, b := strings.Join(byUnit["A"], " "), strings.Join(byUnit["B"], " "); a != "Personal Personal -1000000.00 -1491666.66 491666.66" || b != "Personal Personal -2000000.00 NULL NULL" {
		t.Errorf("cost_deviation_by_unit D: A %q, B %q", a, b)
	}
	// A forecast version against no annual budget has no deviation either.
	for unit, want := range map[string]int{"A": 2, "C": 0} {
		tb, err := s.Run(ctx, "forecast", Params{Period: jan, Unit: unit, ForecastVersion: "prognos"})
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Rows) != want {
			t.Errorf("forecast version for %s: %v, want %d rows", unit, tb.Rows, want)
		}
	}

	r, err := s.BuildReport(ctx, ReportOptions{Period: jan, Unit: "C"})
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(r.Economy.Result)
	if string(js) != `{"outcome":"-500000.00","budget":null,"deviation":null}` {
		t.Errorf("unit C result: %s", js)
	}
	if !slices.Contains(r.Warnings, "Ingen budget (version budget) finns för enhet C januari 2019: rapporten har ingen periodbudget och inga avvikelser mot budget.") {
		t.Errorf("unit C warnings: %q", r.Warnings)
	}
	r, err = s.BuildReport(ctx, ReportOptions{Period: jan, Division: "D"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(r.Warnings, "Budgeten (version budget) har inget för B januari 2019: tabellen per enhet har ingen periodbudget och ingen avvikelse där, men periodens resultat räknar deras utfall.") {
		t.Errorf("division D warnings: %q", r.Warnings)
	}
}

// TestImportAmountsBeyondTableLimit: an export whose files were changed to
// amounts beyond the 10^14 kr a database tertial loads holds is refused by
// the import, which leaves the new database empty.
func TestImportAmountsBeyondTableLimit(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"prognos.csv", "Period;Kategori;Avvikelse\n2019-04;Personal;100\n", LoadOptions{Kind: KindForecast}},
	})
	dir := filepath.Join(t.TempDir(), "export")
	if _, err := s.ExportParquet(ctx, dir); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "forecast", "year=*", "month=*", "*.parquet"))
	if len(files) != 1 {
		t.Fatalf("forecast files: %q", files)
	}
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`COPY (SELECT * REPLACE (200000000000000.00::DECIMAL(18,2) AS deviation) FROM read_parquet(%s))
		TO %s (FORMAT parquet)`, sqlString(files[0]), sqlString(files[0]+".new"))); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(files[0]+".new", files[0]); err != nil {
		t.Fatal(err)
	}
	c := openTest(t)
	_, err := c.ImportParquet(ctx, dir)
	if err == nil || !strings.Contains(err.Error(), "the forecast deviations add up to 200000000000000.00 kr in absolute value, beyond the 100000000000000 kr (10^14)") {
		t.Errorf("import: %v", err)
	}
	if got := queryLines(t, c, "SELECT count(*) FROM loads"); got[0] != "0" {
		t.Errorf("loads after a refused import: %q", got)
	}
	// Into a new file, which is removed again.
	path := filepath.Join(t.TempDir(), "new.duckdb")
	if _, _, err := ImportDatabase(ctx, path, dir); err == nil || !strings.Contains(err.Error(), "beyond the 100000000000000 kr") {
		t.Errorf("import into a new file: %v", err)
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("%s left behind by a refused import", path)
	}
}

// TestPeriodGapsInYear: a query over the year to date warns of a month
// before the report month without a single ledger line, as the report
// does; a year whose months are all there, or a January, does not.
func TestPeriodGapsInYear(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadFixtures(t, s, []fixture{
		{"l.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4010;100;10\n2019-03;4010;100;5\n2019-04;4010;100;5\n", LoadOptions{Kind: KindLedger}},
	})
	q := "SELECT sum(amount) FROM ledger_month_report"
	for _, c := range []struct {
		m    Month
		want string
	}{
		{Month{2019, 1}, ""},
		{Month{2019, 2}, "the ledger has no rows for 2019-02 (it covers 2019-01 to 2019-04): load that month's extract, or choose a month it covers"},
		{Month{2019, 3}, "the ledger has no rows at all for 2019-02: the year-to-date figures count them as nothing booked (an extract not loaded?)"},
		{Month{2019, 4}, "the ledger has no rows at all for 2019-02: the year-to-date figures count them as nothing booked (an extract not loaded?)"},
	} {
		gaps, err := s.PeriodGaps(ctx, q, c.m, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(gaps, " | "); got != c.want {
			t.Errorf("%s: %q, want %q", c.m, got, c.want)
		}
	}
}

// TestXLSXFormulaWithoutValue: a workbook saved by a program that does not
// compute formulas has formula cells without a value; the refusal names
// the cell and its formula and says how to get the values, where a plain
// empty cell keeps its own message. Outside the ledger too (the ledger
// streams its rows).
func TestXLSXFormulaWithoutValue(t *testing.T) {
	ctx := context.Background()
	book := func(formula bool) []byte {
		x := excelize.NewFile()
		defer x.Close()
		x.SetSheetRow("Sheet1", "A1", &[]any{"Titel"})
		x.SetSheetRow("Sheet1", "B3", &[]any{"Period", "Konto", "Ansvar", "Belopp"})
		x.SetSheetRow("Sheet1", "B4", &[]any{"2019-01", "5010", "100", 1000})
		x.SetSheetRow("Sheet1", "B5", &[]any{"2019-01", "5020", "100"})
		if formula {
			x.SetCellFormula("Sheet1", "E5", "E4*2")
		}
		var b bytes.Buffer
		if err := x.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, kind := range []Kind{KindBudget, KindLedger} {
		s := openTest(t)
		_, err := s.LoadData(ctx, "b.xlsx", book(true), LoadOptions{Kind: kind})
		if err == nil || !strings.Contains(err.Error(), "b.xlsx:5: column Belopp: cell E5 holds the formula =E4*2 but no computed value") || !strings.Contains(err.Error(), "open it in Excel or LibreOffice and save it") {
			t.Errorf("%s, a formula without its value: %v", kind, err)
		}
		_, err = s.LoadData(ctx, "b.xlsx", book(false), LoadOptions{Kind: kind})
		if err == nil || !strings.Contains(err.Error(), "b.xlsx:5: column Belopp: empty value") {
			t.Errorf("%s, an empty cell: %v", kind, err)
		}
	}
}

// TestShrunkMonthWarned: a ledger, budget or HR extract whose span takes in a month
// where it has far fewer lines than its source had — a stray line dated
// last December, a month missing inside it — loads with a warning naming
// the month, the counts and the file it replaced, kept for the report; an
// ordinary re-export of the year to date does not warn.
func TestShrunkMonthWarned(t *testing.T) {
	ctx := context.Background()
	month := func(p string, n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "%s;%d;100;%d,00\n", p, 4010+i%5, 100+i)
		}
		return b.String()
	}
	head := "Period;Konto;Ansvar;Belopp\n"
	s := openTest(t)
	loadFixtures(t, s, []fixture{{"huvudbok_2018.csv", head + month("2018-11", 30) + month("2018-12", 30), LoadOptions{Kind: KindLedger}}})
	res, err := s.LoadData(ctx, "huvudbok_2019-02.csv", []byte(head+month("2018-12", 1)+month("2019-01", 30)+month("2019-02", 30)), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	want := "has far fewer lines in some of those months than the ledger held: 2018-12: 1 line, before 30 (huvudbok_2018.csv)"
	if got := strings.Join(res.Warnings, " | "); !strings.Contains(got, want) {
		t.Errorf("stray December line: %s", got)
	}
	if got := queryLines(t, s, fmt.Sprintf("SELECT count(*) FROM load_warnings WHERE load_id = %d AND message LIKE '%%2018-12: 1 line%%' AND message_sv LIKE '%%2018-12: 1 rad, tidigare 30%%'", res.LoadID)); got[0] != "1" {
		t.Errorf("the warning is not kept for the report: %q", got)
	}
	// The year to date again, a month further: nothing shrinks.
	res, err = s.LoadData(ctx, "huvudbok_2019-03.csv", []byte(head+month("2019-01", 31)+month("2019-02", 30)+month("2019-03", 30)), LoadOptions{Kind: KindLedger})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Warnings, " | "); strings.Contains(got, "far fewer") {
		t.Errorf("ordinary re-export: %s", got)
	}
	// A month missing inside the span, from a SIE export of the same books.
	sie := "#FLAGGA 0\n#SIETYP 4\n#ORGNR 556677-8899\n#RAR 0 20190101 20191231\n"
	ver := func(n int, date string, lines int) string {
		v := fmt.Sprintf("#VER A %d %s \"x\"\n{\n", n, date)
		for i := 0; i < lines; i++ {
			v += fmt.Sprintf("#TRANS 4010 {} %d.00\n#TRANS 1930 {} -%d.00\n", 10+i, 10+i)
		}
		return v + "}\n"
	}
	if _, err := s.LoadData(ctx, "bok.se", []byte(sie+ver(1, "20190110", 15)+ver(2, "20190210", 15)+ver(3, "20190310", 15)), LoadOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err = s.LoadData(ctx, "bok2.se", []byte(sie+ver(1, "20190110", 15)+ver(3, "20190310", 15)), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Warnings, " | "); !strings.Contains(got, "2019-02: 0 lines, before 30 (bok.se)") {
		t.Errorf("month missing inside the span: %s", got)
	}
	// The same books as period balances: a line an account-month, the same
	// money.
	psaldo := sie + "#PSALDO 0 201901 4010 {} 255.00\n#PSALDO 0 201901 1930 {} -255.00\n#PSALDO 0 201903 4010 {} 255.00\n#PSALDO 0 201903 1930 {} -255.00\n"
	res, err = s.LoadData(ctx, "saldon.se", []byte(strings.Replace(psaldo, "#SIETYP 4", "#SIETYP 3", 1)), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Warnings, " | "); strings.Contains(got, "far fewer") {
		t.Errorf("the same books as balances: %s", got)
	}
	// The budget too, by version.
	loadFixtures(t, s, []fixture{{"budget_2018.csv", head + month("2018-12", 25), LoadOptions{Kind: KindBudget}}})
	res, err = s.LoadData(ctx, "budget_2019.csv", []byte(head+month("2018-12", 1)+month("2019-01", 25)), LoadOptions{Kind: KindBudget})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Warnings, " | "); !strings.Contains(got, "the file replaces the budget of source budget:budget from 2018-12 to 2019-01, but has far fewer lines in some of those months than the budget held: 2018-12: 1 line, before 25 (budget_2018.csv)") {
		t.Errorf("stray budget line: %s", got)
	}
	res, err = s.LoadData(ctx, "budget_2019.csv", []byte(head+month("2018-12", 1)+month("2019-01", 25)), LoadOptions{Kind: KindBudget, Version: "prognos"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Warnings, " | "); strings.Contains(got, "far fewer") {
		t.Errorf("another budget version: %s", got)
	}
	// And the HR hours, a person-month a line.
	people := func(p string, n int) string {
		b := "Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n"
		for i := 0; i < n; i++ {
			b += fmt.Sprintf("%s;P%d;K;1980;tillsvidare;160;160\n", p, i)
		}
		return b
	}
	loadHR(t, s, "timmar_2019-03.csv", KindHours, people("2019-03", 30))
	april := people("2019-04", 30)
	res = loadHR(t, s, "timmar_2019-04.csv", KindHours, strings.Replace(april, "2019-04;P0;", "2019-03;P0;", 1))
	if got := strings.Join(res.Warnings, " | "); !strings.Contains(got, "the file replaces the HR hours of source hours:timmar from 2019-03 to 2019-04, but has far fewer lines in some of those months than the HR hours held: 2019-03: 1 line, before 30 (timmar_2019-03.csv)") {
		t.Errorf("stray person-month: %s", got)
	}
	sick := func(p string, n int) string {
		b := "Period;Person;Kort;Lång\n"
		for i := 0; i < n; i++ {
			b += fmt.Sprintf("%s;P%d;8;0\n", p, i)
		}
		return b
	}
	loadHR(t, s, "sjuktimmar_2019-03.csv", KindSickHour, sick("2019-03", 25))
	res = loadHR(t, s, "sjuktimmar_2019-04.csv", KindSickHour, sick("2019-03", 1)+strings.TrimPrefix(sick("2019-04", 25), "Period;Person;Kort;Lång\n"))
	if got := strings.Join(res.Warnings, " | "); !strings.Contains(got, "reported sick hours of source sick_hours:sjuktimmar from 2019-03 to 2019-04") || !strings.Contains(got, "2019-03: 1 line, before 25") {
		t.Errorf("stray sick hours: %s", got)
	}
	// The report of those months repeats it.
	w, err := s.loadWarnings(ctx, Month{2019, 1}, Month{2019, 4}, DefaultVersion)
	if err != nil || !strings.Contains(strings.Join(w, " | "), "filen ersätter de rapporterade sjuktimmarna från källan sick_hours:sjuktimmar för 2019-03–2019-04") {
		t.Errorf("the report's warnings: %q, %v", w, err)
	}
}
