package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzKinds are the extract kinds FuzzLoadExtract reads its bytes as; ""
// is a SIE file, told from its content.
var fuzzKinds = []Kind{"", KindLedger, KindBudget, KindForecast, KindAccounts, KindOrg,
	KindHours, KindAbsence, KindSickHour, KindDecisions, KindProgramme, KindInvest}

// fuzzExts are the file names' endings, which choose the table reader.
var fuzzExts = []string{".csv", ".yaml", ".xlsx", ".se"}

// FuzzLoadExtract loads arbitrary bytes as every kind of extract, through
// the reader its file name chooses (CSV, YAML, XLSX, SIE) and the kind's
// own parser, into a database that already holds a ledger, an organisation
// and a budget: every parser behind `tertial load`, not only the table
// readers the other fuzz targets cover. A refused load must be an input
// error naming its file, with a line that is not negative, and leave every
// table as it was; a load that succeeds must, loaded again, change nothing.
func FuzzLoadExtract(f *testing.F) {
	seed := func(kind Kind, name string) {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		ext := strings.ToLower(filepath.Ext(name))
		// Short seeds: the fuzzer minimises every new input it finds
		// interesting, a load at a time, and a large one takes it minutes.
		if ext != ".xlsx" && len(data) > 1500 {
			if i := bytes.LastIndexByte(data[:1500], '\n'); i > 0 {
				data = data[:i+1]
			}
		}
		for i, k := range fuzzKinds {
			if k == kind {
				for j, e := range fuzzExts {
					if e == ext {
						f.Add(uint8(i), uint8(j), data)
					}
				}
			}
		}
	}
	for name, kind := range map[string]Kind{
		"kontoplan.csv": KindAccounts, "organisation.csv": KindOrg, "budget_2018.csv": KindBudget,
		"prognos_2019.csv": KindForecast, "hr_timmar.csv": KindHours, "budgetbeslut.csv": KindDecisions,
		"program_fvis.yaml": KindProgramme, "investeringar_2019.csv": KindInvest, "fvis_utfall.csv": KindLedger,
	} {
		seed(kind, filepath.Join("..", "sampledata", name))
	}
	bad, _ := filepath.Glob(filepath.Join("..", "testdata", "badinput", "*__*"))
	for _, name := range bad {
		if strings.HasSuffix(name, ".err") {
			continue
		}
		kind := Kind(strings.SplitN(filepath.Base(name), "__", 2)[0])
		if kind == KindSIE {
			kind = ""
		}
		seed(kind, name)
	}
	f.Add(uint8(6), uint8(0), []byte("Period;Anställningsnummer;Kön;Födelseår;Ansvar;Anställningsform;Sysselsättningsgrad;Schemalagd tid;Arbetad tid\n2019-01;1;K;1980;100;Tillsvidare;100;160;150\n"))
	f.Add(uint8(7), uint8(0), []byte("Anställningsnummer;Orsak;Från;Till;Omfattning\n1;Sjukdom;2019-01-02;2019-01-05;100\n"))
	f.Add(uint8(5), uint8(1), []byte("- cost_center: \"200\"\n  unit: MT\n  division: D\n"))
	// The database every input loads into, made once; a load that succeeds
	// changes it, so the next input starts from a fresh copy of the file
	// (opening a new database runs every migration: a quarter of a second).
	ctx := context.Background()
	dir := f.TempDir()
	tmpl := filepath.Join(dir, "base.duckdb")
	bs, err := Open(ctx, tmpl)
	if err != nil {
		f.Fatal(err)
	}
	loadFixtures(f, bs, refusalBase)
	if err := bs.Close(); err != nil {
		f.Fatal(err)
	}
	template, err := os.ReadFile(tmpl)
	if err != nil {
		f.Fatal(err)
	}
	var (
		s          *Store
		base, want string
	)
	f.Fuzz(func(t *testing.T, kindIdx, extIdx uint8, data []byte) {
		kind := fuzzKinds[int(kindIdx)%len(fuzzKinds)]
		name := "fuzz" + fuzzExts[int(extIdx)%len(fuzzExts)]
		if s == nil {
			path := filepath.Join(dir, "fuzz.duckdb")
			os.Remove(path + ".wal")
			if err := os.WriteFile(path, template, 0o644); err != nil {
				t.Fatal(err)
			}
			var err error
			if s, err = Open(ctx, path); err != nil {
				t.Fatal(err)
			}
			if base == "" {
				base = fullSnapshot(t, s)
			}
		}
		// A load that succeeded left its rows: start again from the base.
		reset := func() {
			s.Close()
			s = nil
		}
		before := base
		res, err := s.LoadData(ctx, name, data, LoadOptions{Kind: kind, HRKey: testHRKey})
		if err != nil {
			defer func() {
				if after := fullSnapshot(t, s); after != before {
					reset()
					t.Fatalf("refused load (%v) changed the database", err)
				}
			}()
			if !IsInputError(err) {
				t.Fatalf("not an input error: %v", err)
			}
			errs := []*InputError{}
			var one *InputError
			var list *InputErrors
			switch {
			case errors.As(err, &list):
				errs = list.Errs
			case errors.As(err, &one):
				errs = append(errs, one)
			}
			for _, ie := range errs {
				if ie.File != name || ie.Line < 0 {
					t.Fatalf("input error names file %q line %d: %v", ie.File, ie.Line, err)
				}
			}
			return
		}
		defer reset()
		if res.Skipped {
			t.Fatalf("the first load of new content was skipped as load %d", res.Previous)
		}
		assertSwedishWarnings(t, s)
		want = fullSnapshot(t, s)
		again, err := s.LoadData(ctx, name, data, LoadOptions{Kind: kind, HRKey: testHRKey})
		if err != nil {
			t.Fatalf("loaded once, refused the second time: %v", err)
		}
		if !again.Skipped || fullSnapshot(t, s) != want {
			t.Fatalf("loading the same content again changed the database (skipped %v)", again.Skipped)
		}
	})
}

// fullSnapshot hashes every table of the store, so that a refused load
// that changed any of them shows.
func fullSnapshot(t *testing.T, s *Store) string {
	t.Helper()
	rows, err := s.DB().Query("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	if len(tables) < 10 {
		t.Fatalf("only %d tables: %v", len(tables), tables)
	}
	var parts []string
	for _, tbl := range tables {
		var n int
		var h string
		if err := s.DB().QueryRow(fmt.Sprintf(`SELECT count(*), coalesce(sum(hash(t))::VARCHAR, '') FROM "%s" t`, tbl)).Scan(&n, &h); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, fmt.Sprintf("%s=%d/%s", tbl, n, h))
	}
	return strings.Join(parts, " ")
}
