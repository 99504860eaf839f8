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

	"github.com/shopspring/decimal"
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

// TestCommentaryFollowsTheData: direction words come from the figures, a
// deviation that rounds to 0,0 mnkr is in line with the budget rather than
// "ett underskott på 0,0 mnkr", and a year without hours is not compared
// with as if it had 0.
func TestCommentaryFollowsTheData(t *testing.T) {
	r := sampleReport(t)
	cur := 602.0
	for _, c := range []struct {
		deviation string
		prev      *float64
		want      []string
	}{
		{"-30000", nil, []string{
			"Länsteknik redovisar ett resultat i nivå med periodbudget per april 2019",
			"vilket gör att Länsteknik redovisar ett resultat i nivå med budget.",
			"Extratiden uppgår till 602 h; samma period 2018 saknar uppgifter.",
			"Nettokostnaden för personal har ökat med 30\u00a0000 kr (0,21\u00a0%) jämfört med samma period 2018.",
		}},
		{"-1250000", &cur, []string{
			"Länsteknik redovisar ett underskott på 1,3 mnkr mot periodbudget per april 2019",
			"vilket gör att Länsteknik redovisar ett underskott på 1,3 mnkr gentemot budget.",
			"Extratiden är oförändrad jämfört med samma period 2018 (602 h).",
			"Nettokostnaden för personal har ökat med 1,3 mnkr (0,21\u00a0%) jämfört med samma period 2018.",
		}},
	} {
		dev := engine.M(decimal.RequireFromString(c.deviation))
		r.Economy.Result.Deviation = &dev
		change := engine.M(decimal.RequireFromString(c.deviation)) // negative: a higher cost
		r.Economy.NetCostChange[0].Change = &change
		r.Staff.ExtraHours.Previous = c.prev
		var all []string
		for _, ss := range Commentary(r, "april 2019") {
			all = append(all, ss...)
		}
		text := strings.Join(all, "\n")
		for _, w := range c.want {
			if !strings.Contains(text, w) {
				t.Errorf("deviation %s: no %q in\n%s", c.deviation, w, text)
			}
		}
	}
}

// TestCommentaryWithoutBudget: a report without a period budget (nil
// budget and deviation) says what the outcome is and that no budget is
// loaded; no överskott, underskott or "i nivå med" is drawn from a budget
// of nothing, and the page renders the missing figures as dashes.
func TestCommentaryWithoutBudget(t *testing.T) {
	r := sampleReport(t)
	r.Economy.Result.Budget, r.Economy.Result.Deviation = nil, nil
	for i := range r.Economy.CostDeviation {
		r.Economy.CostDeviation[i].Budget, r.Economy.CostDeviation[i].Deviation = nil, nil
	}
	text := Commentary(r, "april 2019")
	sum, res := strings.Join(text["sammanfattning"], " "), strings.Join(text["resultat"], " ")
	if !strings.Contains(sum, "Länsteknik redovisar ett utfall på −1,4 mnkr per april 2019 (ingen periodbudget är inläst) och lämnar en årsprognos på +2,0 mnkr") ||
		!strings.Contains(res, "Ingen periodbudget (version budget) är inläst för Länsteknik, så resultatet har ingen avvikelse mot budget.") {
		t.Errorf("summary %q, result %q", sum, res)
	}
	for k, ss := range text {
		for _, s := range ss {
			if k != "prognos" && (strings.Contains(s, "överskott") || strings.Contains(s, "underskott") || strings.Contains(s, "i nivå med")) {
				t.Errorf("[%s] %s", k, s)
			}
		}
	}
	var page bytes.Buffer
	if err := WriteHTML(&page, NewPage(r)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), `<td class="num">−1,4</td><td class="num">–</td><td class="num">–</td>`) {
		t.Errorf("period result row without budget not dashes")
	}
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

// TestScorecardSentences: Balanserad styrning gets a draft from the
// evaluated scorecard, the tally in all and per perspective; each
// perspective's section names its measures that missed or partly reached.
func TestScorecardSentences(t *testing.T) {
	r := sampleReport(t)
	eleven, share := 11.0, 68.0
	r.Scorecard = []engine.ScorecardRow{
		{Perspective: "Verksamhet", Measure: "Antalet major incidents", Target: "max 10", Unit: "st", Outcome: &eleven, Fulfilment: "not_reached"},
		{Perspective: "Verksamhet", Measure: "Förvaltningsobjekt", Target: "öka", Fulfilment: "reached"},
		{Perspective: "Medarbetare", Measure: "Andel chefer utbildade", Target: "80 %", Unit: "%", Outcome: &share, Fulfilment: "partly"},
		{Perspective: "Medarbetare", Measure: "Kompetensplanering", Target: "Nytt mått"},
		{Perspective: "Ekonomi", Measure: "Ekonomi i balans", Target: "+/- 0", Fulfilment: "reached"},
	}
	text := Commentary(r, "april 2019")
	want := []string{
		"Styrkortet har per april 2019 5 styrmått: 2 uppfyllda, 1 delvis uppfyllt, 1 inte uppfyllt och 1 utvärderas inte.",
		"Perspektivet Verksamhet har 2 styrmått: 1 uppfyllt och 1 inte uppfyllt.",
		"Perspektivet Medarbetare har 2 styrmått: 1 delvis uppfyllt och 1 utvärderas inte.",
		"Perspektivet Ekonomi har 1 styrmått: 1 uppfyllt.",
	}
	if got := strings.Join(text["balanserad_styrning"], "\n"); got != strings.Join(want, "\n") {
		t.Errorf("balanserad_styrning:\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	// Each perspective's section names what is not, or partly, reached;
	// nothing of it repeats Balanserad styrning.
	if got := text["verksamhet"]; len(got) != 1 || got[0] != "Inte uppfyllt: Antalet major incidents (11\u00a0st, mål max 10)." {
		t.Errorf("verksamhet: %q", got)
	}
	if got := text["medarbetare"]; len(got) == 0 || got[0] != "Delvis uppfyllt: Andel chefer utbildade (68\u00a0%, mål 80 %)." {
		t.Errorf("medarbetare: %q", got)
	}
	if got := text["ekonomi"]; len(got) != 1 || got[0] != "Alla styrmått i perspektivet Ekonomi som utvärderas är uppfyllda." {
		t.Errorf("ekonomi: %q", got)
	}
}

// TestYearEndCommentary: in December the year's outcome is the news and
// the forecast is history: the summary and the forecast section say so.
func TestYearEndCommentary(t *testing.T) {
	r := sampleReport(t)
	r.Period, r.Tertial = "2019-12", "T3" // April's figures, read as the year's
	text := Commentary(r, "december 2019")
	if got, want := strings.Join(text["sammanfattning"], " "), "Länsteknik redovisar ett överskott på 0,8 mnkr mot budget för helåret 2019. Årsprognosen i april 2019 var +2,0 mnkr."; got != want {
		t.Errorf("sammanfattning:\n%s\nwant\n%s", got, want)
	}
	if got := text["prognos"]; len(got) != 2 || !strings.HasPrefix(got[0], "Årsprognosen i april 2019 var +2,0 mnkr mot årsbudget för 2019") || got[1] != "Utfallet för helåret blev +0,8 mnkr mot budget." {
		t.Errorf("prognos: %q", got)
	}
}

// TestUnitTableNamesEachUnitOnce: the table of cost deviation per unit
// names a unit on the first of its rows only, which starts its group, and
// keeps every row; the machine tables stay one full row each.
func TestUnitTableNamesEachUnitOnce(t *testing.T) {
	r := sampleReport(t)
	var b strings.Builder
	if err := WriteHTML(&b, NewPage(r)); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	start := strings.Index(html, "<caption>Avvikelse mot periodbudget per enhet")
	if start < 0 {
		t.Fatal("no table per unit")
	}
	table := html[start : start+strings.Index(html[start:], "</table>")]
	units := map[string]int{}
	for _, c := range r.Economy.CostByUnit {
		units[c.Unit]++
	}
	if len(units) < 2 {
		t.Fatalf("the sample has %d units: the test needs several", len(units))
	}
	for u, n := range units {
		if n < 2 {
			continue
		}
		if got := strings.Count(table, "<td>"+u+"</td>"); got != 1 {
			t.Errorf("unit %s (%d rows) named %d times", u, n, got)
		}
	}
	if got, want := strings.Count(table, `<tr class="group">`), len(units); got != want {
		t.Errorf("%d groups, want %d", got, want)
	}
	if got, want := strings.Count(table, "<tr"), len(r.Economy.CostByUnit)+1; got != want {
		t.Errorf("%d rows with the header, want %d", got, want)
	}
	for _, tb := range Tables(r) {
		if tb.Name != "cost_deviation_by_unit" {
			continue
		}
		for _, row := range tb.Rows {
			if row[0] == "" {
				t.Errorf("a machine table row without its unit: %v", row)
			}
		}
	}
}
