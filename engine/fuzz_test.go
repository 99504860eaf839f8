package engine

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

func FuzzParseSIE(f *testing.F) {
	f.Add([]byte("#FLAGGA 0\n#SIETYP 4\n#VER A 1 20190105 \"x\"\n{\n#TRANS 1930 {1 \"100\"} 100.00\n#TRANS 4011 {} -100.00\n}\n"))
	f.Add([]byte("#FLAGGA 0\n#PSALDO 0 201901 4011 {} 12.50\n#PBUDGET 0 201901 4011 {1 \"2\"} 1\n"))
	f.Add([]byte("#FLAGGA 0\n#IB 0 1930 1\n#UB 0 1930 4\n#RES 0 3010 -3\n#PSALDO 0 201901 1930 {} 1\n#PSALDO 0 201901 1930 {1 \"2\" 7 \"x\"} 2\n#PSALDO 0 201902 3010 {6 \"P\"} -3\n#PBUDGET 0 201901 3010 {1 \"2\"} 1\n"))
	f.Add([]byte("#FLAGGA 0\n#VER \"\" \"\" 20190101 \"a \\\"q\\\" b\" {\n#TRANS 1 { \"1\" \"x\" } 1\n#TRANS 2 {} -1\n}\n"))
	if files, _ := filepath.Glob(filepath.Join(corpusDir, "*.SI")); len(files) > 0 {
		for _, p := range files[:min(3, len(files))] {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var rows []ledgerRow
		sf, err := parseSIE("fuzz.se", data, func(r *ledgerRow) error { rows = append(rows, *r); return nil }, nil)
		if err != nil {
			if !IsInputError(err) {
				t.Fatalf("error is not an input error: %v", err)
			}
			return
		}
		// Only balanced vouchers load, so voucher rows sum to zero.
		var total int64
		for _, r := range rows {
			if r.Period.Mon < 1 || r.Period.Mon > 12 {
				t.Fatalf("bad period %v", r.Period)
			}
			total += r.Amount
		}
		if sf.Vouchers > 0 && total != 0 {
			t.Fatalf("loaded vouchers sum to %s", FormatOre(total))
		}
	})
}

func FuzzCSVTable(f *testing.F) {
	f.Add([]byte("Period;Konto;Belopp\n2019-04;4011;1 234,50\n"))
	f.Add([]byte("\xef\xbb\xbfa,b\r\n\"x,y\",\"q\"\"\"\r\n"))
	f.Add([]byte("M\xe5nad\tKonto\n201901\t1\n"))
	f.Add([]byte("\xff\xfeP\x00\t\x00K\x00\r\x00\n\x00\xe5\x00\t\x001\x00"))
	f.Add([]byte("\xfe\xff\x00a\x00;\x00b\x00\r"))
	f.Add([]byte("Period;Konto\r2019-04;4011\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := newCSVTable("fuzz.csv", data, nil)
		if err != nil {
			if !IsInputError(err) {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		for i := 0; i < 10000; i++ {
			_, _, err := tb.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				if ie := asInputError("fuzz.csv", err); ie.Line < 0 {
					t.Fatalf("bad line %d", ie.Line)
				}
				return
			}
		}
	})
}

// xlsxBytes makes a one-sheet workbook with the given cells: cells[i] is
// sheet row i+1 (nil = no row), written as shared strings.
func xlsxBytes(t testing.TB, cells [][]string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, row := range cells {
		for j, v := range row {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := x.SetCellStr("Sheet1", ref, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzXLSXTable reads arbitrary bytes as a workbook (never a panic, only
// input errors) and, from the same fuzzed strings, a real workbook whose
// streamed rows must be what excelize's whole-sheet GetRows holds, blank
// rows skipped and every row numbered as the sheet numbers it.
func FuzzXLSXTable(f *testing.F) {
	f.Add([]byte("PK\x03\x04junk"), "Period", "2019-04", "", uint8(0))
	f.Add(xlsxBytes(f, [][]string{{"Konto", "Belopp"}, {"4011", "1 234,50"}}), "Konto", "4011", " ", uint8(3))
	f.Add([]byte{}, "a", "b\nc", "  ", uint8(7))
	f.Fuzz(func(t *testing.T, raw []byte, head, cell, blank string, gap uint8) {
		if tb, err := newXLSXTable("fuzz.xlsx", raw, ""); err != nil {
			if !IsInputError(err) {
				t.Fatalf("not an input error: %v", err)
			}
		} else {
			for i := 0; i < 10000; i++ {
				_, line, err := tb.Next()
				if err != nil {
					break
				}
				tb.formattedRow(line) // the display of any workbook's row: an error at most
				if len(tb.header) > 0 {
					// an error about a cell of any workbook: its formula looked up, no panic
					tb.explainFormulas(&InputError{File: "fuzz.xlsx", Line: line, Column: strings.TrimSpace(tb.header[0]), Msg: "empty value"})
				}
			}
			tb.Close()
		}

		if !utf8.ValidString(head + cell + blank) {
			return
		}
		// Excel keeps no control characters but tab and newlines.
		for _, r := range head + cell + blank {
			if r < ' ' && r != '\t' && r != '\n' && r != '\r' {
				return
			}
		}
		cells := make([][]string, 3+int(gap%8))
		cells[1] = []string{head, cell}
		cells[2] = []string{blank}
		cells[len(cells)-1] = []string{cell, "", head}
		raw = xlsxBytes(t, cells)
		x, err := excelize.OpenReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		want, err := x.GetRows("Sheet1", excelize.Options{RawCellValue: true})
		x.Close()
		if err != nil {
			t.Fatal(err)
		}
		tb, err := newXLSXTable("fuzz.xlsx", raw, "")
		if err != nil {
			// An empty sheet is refused: every cell blank, as excelize
			// reads them (the last row may overwrite the blank one).
			empty := true
			for _, r := range want {
				empty = empty && strings.TrimSpace(strings.Join(r, "")) == ""
			}
			if empty {
				return
			}
			t.Fatal(err)
		}
		defer tb.Close()
		first := 0
		for first < len(want) && strings.TrimSpace(strings.Join(want[first], "")) == "" {
			first++
		}
		for j, h := range tb.Header() {
			if h != strings.TrimSpace(want[first][j]) {
				t.Fatalf("header %q, want %q", tb.Header(), want[first])
			}
		}
		for i := first + 1; i < len(want); i++ {
			if strings.TrimSpace(strings.Join(want[i], "")) == "" || repeatsHeader(want[i], tb.Header()) {
				continue
			}
			rec, line, err := tb.Next()
			if err != nil {
				t.Fatalf("row %d: %v", i+1, err)
			}
			if line != i+1 || strings.Join(rec, "\x00") != strings.Join(want[i], "\x00") {
				t.Fatalf("got row %d %q, want row %d %q", line, rec, i+1, want[i])
			}
			// Text cells are shown as they are (timeCells reads the row
			// again as the workbook shows it).
			if shown, err := tb.formattedRow(line); err != nil || strings.Join(shown, "\x00") != strings.Join(rec, "\x00") {
				t.Fatalf("row %d shown as %q (%v), read as %q", line, shown, err, rec)
			}
		}
		if rec, line, err := tb.Next(); err != io.EOF {
			t.Fatalf("after the last row: %d %q %v", line, rec, err)
		}
	})
}

// FuzzScorecard reads arbitrary bytes as a scorecard definition and as
// the manually reported values, the two report inputs that are not loaded
// into the database, and evaluates what parses against a report month:
// only input errors, a row out for every row in, and a fulfilment that is
// one of the four the report shows.
func FuzzScorecard(f *testing.F) {
	for _, pair := range [][2]string{{"styrkort.yaml", "manuella_varden.csv"}} {
		def, err1 := os.ReadFile(filepath.Join("..", "sampledata", pair[0]))
		manual, err2 := os.ReadFile(filepath.Join("..", "sampledata", pair[1]))
		if err1 != nil || err2 != nil {
			f.Fatal(err1, err2)
		}
		f.Add(def, manual, "2019-04")
	}
	f.Add([]byte("rows:\n  - {perspective: P, measure: M, target: \"≥ 80 %\", source: \"manual:k\", baseline: \"70 %\"}\n"),
		[]byte("Period;Nyckel;Värde\n2019-01;k;1e308\n2019-02;k;-0\n"), "2019-02")
	f.Add([]byte("rows:\n  - {perspective: P, measure: M, target: minska, source: \"figure:sick_leave\"}\n"), []byte("Period;Nyckel;Värde\n"), "2018-12")
	f.Fuzz(func(t *testing.T, def, manual []byte, period string) {
		d, err := ParseScorecard("s.yaml", def)
		if err != nil {
			if !IsInputError(err) {
				t.Fatalf("scorecard: not an input error: %v", err)
			}
			return
		}
		mv, err := ParseManualValues("m.csv", manual)
		if err != nil {
			if !IsInputError(err) {
				t.Fatalf("manual values: not an input error: %v", err)
			}
			return
		}
		if _, err := ParsePeriod(period); err != nil {
			return
		}
		rows, err := EvaluateScorecard(context.Background(), d, mv, &Report{Period: period})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != len(d.Rows) {
			t.Fatalf("%d rows out of %d", len(rows), len(d.Rows))
		}
		for _, r := range rows {
			switch r.Fulfilment {
			case "", "reached", "partly", "not_reached":
			default:
				t.Fatalf("fulfilment %q", r.Fulfilment)
			}
		}
	})
}
