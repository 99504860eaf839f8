package charts

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tertial/tertial/engine"
	"github.com/tertial/tertial/sampledata"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		os.WriteFile(path, got, 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./charts -update creates it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from its golden file; got:\n%s", name, got)
	}
}

func sampleReport(t *testing.T) *engine.Report {
	t.Helper()
	ctx := context.Background()
	s, err := engine.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := sampledata.Load(ctx, s); err != nil {
		t.Fatal(err)
	}
	r, err := s.BuildReport(ctx, engine.ReportOptions{Period: engine.Month{Year: 2019, Mon: 4}, Division: sampledata.Division})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestCommentaryGolden: the draft sentences for the sample, word for word.
func TestCommentaryGolden(t *testing.T) {
	text := Commentary(sampleReport(t), "april 2019")
	var keys []string
	for k := range text {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	for _, k := range keys {
		fmt.Fprintf(&b, "[%s]\n", k)
		for _, s := range text[k] {
			fmt.Fprintln(&b, s)
		}
	}
	golden(t, "commentary_2019-04.txt", b.Bytes())
}

// TestXLSXGolden dumps tables.xlsx: sheets, cell values and number formats.
func TestXLSXGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, Tables(sampleReport(t))); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b bytes.Buffer
	for _, sh := range f.GetSheetList() {
		panes, _ := f.GetPanes(sh)
		fmt.Fprintf(&b, "== %s (frozen: %v)\n", sh, panes.Freeze)
		rows, _ := f.GetRows(sh, excelize.Options{RawCellValue: true})
		for r, row := range rows {
			var cells []string
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				typ, _ := f.GetCellType(sh, cell)
				style, _ := f.GetCellStyle(sh, cell)
				st, _ := f.GetStyle(style)
				tag := ""
				if typ == excelize.CellTypeNumber || (v != "" && typ == excelize.CellTypeUnset && r > 0) {
					tag = fmt.Sprintf("#%d", st.NumFmt)
				}
				cells = append(cells, v+tag)
			}
			fmt.Fprintln(&b, strings.Join(cells, " | "))
		}
	}
	golden(t, "tables_2019-04.txt", b.Bytes())
}

// TestDataIsEscaped: a value such as <script> from an extract shows as text,
// in the tables and in the figures.
func TestDataIsEscaped(t *testing.T) {
	r := sampleReport(t)
	evil := "<script>alert('x')</script>"
	r.Economy.CostByUnit[0].Unit = evil
	r.Economy.CostDeviation[1].Subcategory = evil
	r.Decisions[0].From = evil
	var b strings.Builder
	if err := WriteHTML(&b, NewPage(r)); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	if strings.Contains(html, evil) {
		t.Errorf("a data value reached the page as markup")
	}
	if !strings.Contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") {
		t.Errorf("the value is not shown as text")
	}
	if !strings.Contains(html, `\u003cscript>alert('x')\u003c/script>`) {
		t.Errorf("the figure option does not carry the value escaped")
	}
}
