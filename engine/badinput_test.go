package engine

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// refusalBase is what the database holds before a load that must be
// refused, and leave it alone: a ledger, an organisation and a budget.
var refusalBase = []fixture{
	{"base.csv", "Period;Konto;Ansvar;Belopp\n2019-01;4011;100;5\n", LoadOptions{Kind: KindLedger}},
	{"org.csv", "Ansvar;Enhet;Division\n100;IT;D\n", LoadOptions{Kind: KindOrg}},
	{"b.csv", "År;Konto;Ansvar;Belopp\n2019;4011;100;1200\n", LoadOptions{Kind: KindBudget}},
}

// TestBadInputCorpus loads every malformed file of testdata/badinput (the
// kind is the part of the name before "__"), plus a few made here that are
// too large or binary to keep: each is refused with the error text in its
// golden NAME.err file, as an input error, and leaves the database exactly
// as it was.
func TestBadInputCorpus(t *testing.T) {
	dir := "../testdata/badinput"
	files, _ := filepath.Glob(filepath.Join(dir, "*__*"))
	var cases []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".err") {
			cases = append(cases, f)
		}
	}
	gen := t.TempDir()
	// A 10 MB line without a newline.
	big := filepath.Join(gen, "ledger__ten_megabyte_line.csv")
	os.WriteFile(big, []byte("Period;Konto;Belopp\n2019-04;4011;"+strings.Repeat("9", 10<<20)), 0o644)
	// A workbook whose amount is a formula with no cached value, and one
	// whose header cells are merged.
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Period", "Konto", "Belopp"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"2019-04", "4011"})
	f.SetCellFormula("Sheet1", "C2", "B2*2")
	formula := filepath.Join(gen, "ledger__xlsx_formula_without_value.xlsx")
	f.SaveAs(formula)
	f.Close()
	m := excelize.NewFile()
	m.SetSheetRow("Sheet1", "A1", &[]any{"Period", "", "Belopp"})
	m.MergeCell("Sheet1", "A1", "B1")
	m.SetSheetRow("Sheet1", "A2", &[]any{"2019-04", "4011", 5})
	merged := filepath.Join(gen, "ledger__xlsx_merged_header.xlsx")
	m.SaveAs(merged)
	m.Close()
	cases = append(cases, big, formula, merged)
	if len(cases) < 40 {
		t.Fatalf("only %d malformed inputs", len(cases))
	}
	ctx := context.Background()
	for _, path := range cases {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			kind := Kind(strings.SplitN(name, "__", 2)[0])
			if kind == KindSIE {
				kind = ""
			}
			s := openTest(t)
			loadFixtures(t, s, refusalBase)
			before := snapshot(t, s)
			_, err := s.LoadFile(ctx, path, LoadOptions{Kind: kind, HRKey: testHRKey})
			if err == nil {
				t.Fatal("loaded without an error")
			}
			if !IsInputError(err) {
				t.Errorf("not an input error: %v", err)
			}
			got := strings.ReplaceAll(err.Error(), filepath.Dir(path)+"/", "") + "\n"
			errFile := filepath.Join(dir, strings.TrimSuffix(name, filepath.Ext(name))+".err")
			if *update {
				os.WriteFile(errFile, []byte(got), 0o644)
			}
			want, rerr := os.ReadFile(errFile)
			if rerr != nil {
				t.Fatalf("no golden error (go test ./engine -run BadInputCorpus -update): %v", rerr)
			}
			if string(want) != got {
				t.Errorf("error text:\n got %s want %s", got, want)
			}
			if after := snapshot(t, s); after != before {
				t.Errorf("the refused load changed the database")
			}
		})
	}
}
