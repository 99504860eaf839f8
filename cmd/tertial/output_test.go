package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestOutputFormats(t *testing.T) {
	q := "SELECT 'Personal' AS category, -32533999.50::DECIMAL(18,2) AS kr, 3 AS n UNION ALL SELECT 'Övrigt | x', 1234.5, NULL ORDER BY 1"
	cases := map[string]string{
		"csv":      "category,kr,n\nPersonal,-32533999.50,3\nÖvrigt | x,1234.50,\n",
		"tsv":      "category\tkr\tn\nPersonal\t-32533999.50\t3\nÖvrigt | x\t1234.50\t\n",
		"jsonl":    "{\"category\":\"Personal\",\"kr\":\"-32533999.50\",\"n\":3}\n{\"category\":\"Övrigt | x\",\"kr\":\"1234.50\",\"n\":null}\n",
		"markdown": "| category | kr | n |\n| --- | ---: | ---: |\n| Personal | -32533999.50 | 3 |\n| Övrigt \\| x | 1234.50 |  |\n",
	}
	for format, want := range cases {
		out, errs, code := runCLI(t, "--sample", "sql", "--format", format, q)
		if code != 0 || out != want {
			t.Errorf("%s: exit %d\n got %q\nwant %q\n%s", format, code, out, want, errs)
		}
	}
	out, _, _ := runCLI(t, "--sample", "sql", "--swedish", q)
	if !strings.Contains(out, "−32\u00a0533\u00a0999,50") {
		t.Errorf("--swedish table: %q", out)
	}
	if _, errs, code := runCLI(t, "--sample", "sql", "--format", "parquet", q); code != exitUsage || !strings.Contains(errs, "give --output FILE") {
		t.Errorf("parquet to a terminal: exit %d %s", code, errs)
	}
	dir := t.TempDir()
	pq := filepath.Join(dir, "r.parquet")
	if _, errs, code := runCLI(t, "--sample", "sql", "--format", "parquet", "--output", pq, q); code != 0 {
		t.Fatalf("parquet: %s", errs)
	}
	out, errs, code := runCLI(t, "--sample", "sql", "--allow-write", "--format", "csv",
		"SELECT typeof(kr) AS t, sum(kr) AS s FROM read_parquet('"+pq+"') GROUP BY 1")
	if code != 0 || out != "t,s\n\"DECIMAL(18,2)\",-32532765.00\n" {
		t.Errorf("parquet round trip: %q %s", out, errs)
	}
	xl := filepath.Join(dir, "r.xlsx")
	if _, errs, code := runCLI(t, "--sample", "sql", "--format", "xlsx", "--output", xl, q); code != 0 {
		t.Fatalf("xlsx: %s", errs)
	}
	f, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	typ, _ := f.GetCellType("Resultat", "B2")
	v, _ := f.GetCellValue("Resultat", "B2", excelize.Options{RawCellValue: true})
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || v != "-32533999.5" {
		t.Errorf("xlsx B2 = %q (type %v), want the number -32533999.5", v, typ)
	}
}

// TestStatementWithLeadingComment: a query file starts with "-- @title: …",
// which the command line would take for a flag; pasted as the statement it
// must run, with flags before or after it.
func TestStatementWithLeadingComment(t *testing.T) {
	netCost := mustRead(t, filepath.Join("..", "..", "queries", "net_cost_change.sql"))
	for _, args := range [][]string{
		{"--sample", "sql", "--format", "csv", "-- a comment\nSELECT 42 AS answer"},
		{"--sample", "sql", "-- a comment\nSELECT 42 AS answer", "--format", "csv"},
		{"--sample", "sql", "--format=csv", "--", "-- a comment\nSELECT 42 AS answer"},
	} {
		out, errs, code := runCLI(t, args...)
		if code != 0 || out != "answer\n42\n" {
			t.Errorf("%q: exit %d, %q %s", args, code, out, errs)
		}
	}
	if out, errs, code := runCLI(t, "--sample", "sql", "--format", "csv", netCost); code != 0 || !strings.HasPrefix(out, "category,subcategory,current,previous,change,change_pct\nPersonal,") {
		t.Errorf("queries/net_cost_change.sql as the statement: exit %d, %q %s", code, out, errs)
	}
	// A real unknown flag is still refused.
	if _, errs, code := runCLI(t, "--sample", "sql", "--formt", "csv", "SELECT 1"); code == 0 || !strings.Contains(errs, "unknown flag: --formt") {
		t.Errorf("--formt: exit %d, %s", code, errs)
	}
}

func TestStatementsLast(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{"sql", "SELECT 1"}, []string{"sql", "SELECT 1"}},
		{[]string{"sql", "-- x\nSELECT 1", "--format", "csv"}, []string{"sql", "--format", "csv", "--", "-- x\nSELECT 1"}},
		{[]string{"--db=/a b/c.duckdb", "sql", "SELECT 1"}, []string{"--db=/a b/c.duckdb", "sql", "SELECT 1"}},
		{[]string{"sql", "--", "-- x\nSELECT 1"}, []string{"sql", "--", "-- x\nSELECT 1"}},
		{[]string{"sql", "--  x"}, []string{"sql", "--", "--  x"}},
	} {
		if got := statementsLast(c.in); !slices.Equal(got, c.want) {
			t.Errorf("statementsLast(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
