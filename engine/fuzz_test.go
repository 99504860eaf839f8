package engine

import (
	"io"
	"os"
	"path/filepath"
	"testing"
)

func FuzzParseSIE(f *testing.F) {
	f.Add([]byte("#FLAGGA 0\n#SIETYP 4\n#VER A 1 20190105 \"x\"\n{\n#TRANS 1930 {1 \"100\"} 100.00\n#TRANS 4011 {} -100.00\n}\n"))
	f.Add([]byte("#FLAGGA 0\n#PSALDO 0 201901 4011 {} 12.50\n#PBUDGET 0 201901 4011 {1 \"2\"} 1\n"))
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
		sf, err := parseSIE("fuzz.se", data, func(r *ledgerRow) error { rows = append(rows, *r); return nil })
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
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := newCSVTable("fuzz.csv", data)
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
