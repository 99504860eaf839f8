package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/tertial/tertial/engine"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestMain keeps Chromium out of every test but the browser test, which
// turns it back on.
func TestMain(m *testing.M) {
	os.Setenv("TERTIAL_CHROMIUM", "none")
	os.Exit(m.Run())
}

func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/tertial -update to create it)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (-want +got):\n%s", name, lineDiff(string(want), string(got)))
	}
}

func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var d []string
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			d = append(d, "- "+x, "+ "+y)
		}
		if len(d) > 30 {
			break
		}
	}
	return strings.Join(d, "\n")
}

// TestSampleReportReproducesSeed checks the seed report's printed economy
// figures, computed by the SQL over the sample extracts.
func TestSampleReportReproducesSeed(t *testing.T) {
	dir := t.TempDir()
	out, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--out", dir, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	js, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report_2019-04.json", js)

	var r struct {
		Period  string
		Economy struct {
			Result   struct{ Outcome, Budget, Deviation string }
			Forecast struct {
				Deviation  string
				ByCategory []struct{ Category, Deviation string } `json:"by_category"`
			}
			NetCostChange []struct {
				Category                  string
				Current, Previous, Change string
				ChangePct                 float64 `json:"change_pct"`
			} `json:"net_cost_change"`
			CostDeviation []struct{ Category, Subcategory, Deviation string } `json:"cost_deviation"`
			CostByUnit    []struct{ Unit, Subcategory, Deviation string }     `json:"cost_deviation_by_unit"`
		}
	}
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatal(err)
	}
	e := r.Economy
	if e.Result.Outcome != "-1400000.00" || e.Result.Budget != "-2200000.00" || e.Result.Deviation != "800000.00" {
		t.Errorf("result = %+v, want -1,4 / -2,2 / +0,8 mnkr", e.Result)
	}
	if e.Forecast.Deviation != "2000000.00" {
		t.Errorf("forecast = %s, want +2 mnkr", e.Forecast.Deviation)
	}
	fc := map[string]string{}
	for _, c := range e.Forecast.ByCategory {
		fc[c.Category] = c.Deviation
	}
	if fc["Personal"] != "6000000.00" || fc["Intäkter"] != "-1000000.00" || fc["Avskrivningar"] != "-3000000.00" {
		t.Errorf("forecast by category = %v", fc)
	}
	want := map[string][4]string{
		"Personal":         {"-32533999.00", "-32465224.00", "-68775.00", "0.21"},
		"Övriga kostnader": {"-32120055.00", "-26125442.00", "-5994613.00", "22.95"},
		"Avskrivningar":    {"-6077282.00", "-5306925.00", "-770357.00", "14.52"},
	}
	if len(e.NetCostChange) != len(want) {
		t.Errorf("net cost change has %d rows, want %d", len(e.NetCostChange), len(want))
	}
	for _, n := range e.NetCostChange {
		w := want[n.Category]
		got := [4]string{n.Current, n.Previous, n.Change, strings.TrimRight(strings.TrimRight(fmtFloat(n.ChangePct), "0"), ".")}
		if got != w {
			t.Errorf("net cost change %s = %v, want %v", n.Category, got, w)
		}
	}
	// The text's deviations, at its rounding (mnkr, one decimal).
	dev := map[string]string{}
	for _, c := range e.CostDeviation {
		k := c.Category
		if c.Subcategory != "" {
			k = c.Subcategory
		}
		dev[k] = c.Deviation
	}
	for k, w := range map[string]string{"Personal": "5.0", "Avskrivningar": "-0.9", "PC-inköp": "2.4", "MT-reservdelar": "-3.4", "Övrigt": "-2.0"} {
		if got := mnkr1(t, dev[k]); got != w {
			t.Errorf("cost deviation %s = %s mnkr (%s), want %s", k, got, dev[k], w)
		}
	}
	steril := ""
	for _, c := range e.CostByUnit {
		if c.Unit == "Sterilteknik" && c.Subcategory == "MT-reservdelar" {
			steril = c.Deviation
		}
	}
	if got := mnkr1(t, steril); got != "-0.9" {
		t.Errorf("Sterilteknik MT-reservdelar deviation = %s mnkr, want -0.9", got)
	}

	html, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"−32\u00a0533\u00a0999", "0,21\u00a0%", "22,95\u00a0%", "Resultatutveckling", "Verksamhetens kostnader", `id="fig_resultatutveckling"`, "överskott på 0,8 mnkr"} {
		if !bytes.Contains(html, []byte(s)) {
			t.Errorf("index.html lacks %q", s)
		}
	}
	for _, s := range []string{"http://", "https://", "src="} {
		if bytes.Contains(stripECharts(html), []byte(s)) {
			t.Errorf("index.html refers to %q outside the embedded ECharts", s)
		}
	}
}

// TestSampleReportStaffFigures checks the seed's Medarbetare figures.
func TestSampleReportStaffFigures(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--out", dir, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	js, _ := os.ReadFile(filepath.Join(dir, "report.json"))
	var r struct {
		Staff struct {
			SickLeave map[string]struct {
				Current, Previous *float64
				Reason            string
			} `json:"sick_leave"`
			ExtraHours struct{ Current, Previous float64 } `json:"extra_hours"`
			Span       map[string]struct {
				SharePct *float64 `json:"share_pct"`
			} `json:"span_of_control"`
			FTE struct {
				Month, Rolling12 struct{ Current *float64 }
			} `json:"fte"`
			Settings struct {
				FTEHours float64 `json:"fte_hours"`
			}
		}
	}
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]float64{
		"total": {4.45, 4.31}, "short": {2.64, 2.71}, "long": {1.81, 1.60}, "women": {2.41, 2.60}, "men": {5.25, 4.96},
	}
	for k, w := range want {
		g := r.Staff.SickLeave[k]
		if g.Current == nil || g.Previous == nil || *g.Current != w[0] || *g.Previous != w[1] {
			t.Errorf("sick leave %s = %v/%v, want %v", k, g.Current, g.Previous, w)
		}
	}
	if e := r.Staff.ExtraHours; e.Current != 602 || e.Previous != 450 {
		t.Errorf("extra hours = %v, want 602 against 450", e)
	}
	if c, p := r.Staff.Span["current"].SharePct, r.Staff.Span["previous"].SharePct; c == nil || *c != 100 || p == nil || int(*p+0.5) != 92 {
		t.Errorf("span of control = %v, %v; want 100 and 92", c, p)
	}
	if r.Staff.Settings.FTEHours != 1720 || r.Staff.FTE.Month.Current == nil || r.Staff.FTE.Rolling12.Current == nil {
		t.Errorf("fte = %+v, settings %+v", r.Staff.FTE, r.Staff.Settings)
	}
	// A unit of ten or fewer people (Stab): every sick-leave figure masked, with the reason.
	dir = t.TempDir()
	if _, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--unit", "Stab", "--out", dir, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	js, _ = os.ReadFile(filepath.Join(dir, "report.json"))
	r.Staff.SickLeave = nil
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatal(err)
	}
	if g := r.Staff.SickLeave["total"]; g.Current != nil || !strings.Contains(g.Reason, "högst 10 anställda") {
		t.Errorf("Stab total sick leave = %v (%q), want masked", g.Current, g.Reason)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !bytes.Contains(html, []byte("högst 10 anställda visas inte")) {
		t.Errorf("the HTML does not show why Stab's sick leave is hidden")
	}
	// The workbook and the CSV: an empty cell, and the reason beside it.
	wb, err := excelize.OpenFile(filepath.Join(dir, "tables.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows("Sjukfrånvaro")
	if err != nil || len(rows) < 2 {
		t.Fatalf("sheet Sjukfrånvaro: %v %v", rows, err)
	}
	if total := rows[1]; total[0] != "Total sjukfrånvaro" || total[1] != "" || !strings.Contains(total[len(total)-1], "högst 10 anställda visas inte") {
		t.Errorf("tables.xlsx shows Stab's total sick leave as %q", total)
	}
	csv, _ := os.ReadFile(filepath.Join(dir, "tables", "sick_leave.csv"))
	if !regexp.MustCompile(`(?m)^Total sjukfrånvaro,,,\d+,\d+,i år \d+ anställda: grupp med högst 10 anställda visas inte`).Match(csv) {
		t.Errorf("sick_leave.csv for Stab:\n%s", csv)
	}
}

// TestSampleDecisionsAndProgramme checks the other seeds' figures.
func TestSampleDecisionsAndProgramme(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--out", dir, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		BudgetBasis string `json:"budget_basis"`
		Decisions   []struct {
			Reference, Amount string
			EP                string `json:"effect_period"`
			EY                string `json:"effect_year"`
		}
	}
	js, _ := os.ReadFile(filepath.Join(dir, "report.json"))
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatal(err)
	}
	if r.BudgetBasis != "revised" || len(r.Decisions) != 1 || r.Decisions[0].Reference != "RS 1572-2019" || r.Decisions[0].Amount != "7000000.00" ||
		r.Decisions[0].EP != "0.00" || r.Decisions[0].EY != "7000000.00" {
		t.Errorf("decisions = %+v (basis %s); want RS 1572-2019, 7 mkr, effect 0 by April and 7 mkr for 2019", r.Decisions, r.BudgetBasis)
	}
	out, errs, code := runCLI(t, "query", "--sample", "budget_decisions", "--period", "2025-01", "--division", "Regionala utvecklingsnämnden", "--format", "csv")
	if code != 0 || !strings.Contains(out, "RUN/243/2024,2024-06-12,Regionstyrelsen,Regionala utvecklingsnämnden,Regionstyrelsen IT,6719000.00,2025-01,IT-tjänster; Dataprogram; Office 365") {
		t.Errorf("RUN/243/2024: exit %d\n%s%s", code, out, errs)
	}

	dir = t.TempDir()
	if _, errs, code := runCLI(t, "report", "--sample", "--period", "2023-12", "--programme", "FVIS", "--out", dir, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var p struct {
		Programmes []struct {
			Name  string
			Years []struct {
				Year              int
				Budget, Deviation string
				Contingency       *string
			}
			Total struct{ Budget, Deviation string }
		}
	}
	js, _ = os.ReadFile(filepath.Join(dir, "report.json"))
	if err := json.Unmarshal(js, &p); err != nil || len(p.Programmes) != 1 {
		t.Fatalf("%v %s", err, js)
	}
	fv := p.Programmes[0]
	if fv.Name != "FVIS" || fv.Total.Budget != "450000000.00" || fv.Total.Deviation != "-69000000.00" {
		t.Errorf("FVIS total = %+v, want 6 × 75 mkr and 69 mkr over", fv.Total)
	}
	for _, y := range fv.Years {
		if y.Budget != "75000000.00" {
			t.Errorf("%d budget %s", y.Year, y.Budget)
		}
		if y.Year == 2024 && (y.Deviation != "-74000000.00" || y.Contingency == nil || *y.Contingency != "5000000.00") {
			t.Errorf("2024 = %+v, want a 74 mkr deficit of which 5 mkr contingency", y)
		}
		if y.Year == 2025 && strings.HasPrefix(y.Deviation, "-") {
			t.Errorf("2025 = %+v, want within budget", y)
		}
	}
}

// TestSampleInvestments checks the seed's investment table (mnkr, one decimal).
func TestSampleInvestments(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--out", dir, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Investments []struct {
			Category                        string
			Frame, Outcome, Total, Forecast string
			P                               string `json:"outcome_prior_decisions"`
		}
	}
	js, _ := os.ReadFile(filepath.Join(dir, "report.json"))
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"Totalt": "82.0 25.4 1.3 26.7 56.0",
		"IT":     "27.0 2.9 0.0 2.9 16.0",
		"MT":     "55.0 22.5 1.3 23.8 40.0",
	}
	if len(r.Investments) != 3 {
		t.Fatalf("investments = %+v", r.Investments)
	}
	for _, i := range r.Investments {
		got := strings.Join([]string{mnkr1(t, i.Frame), mnkr1(t, i.P), mnkr1(t, i.Outcome), mnkr1(t, i.Total), mnkr1(t, i.Forecast)}, " ")
		if got != want[i.Category] {
			t.Errorf("%s = %s, want %s", i.Category, got, want[i.Category])
		}
	}
}

// TestSampleScorecard checks the sample's styrkort against the seed's rows.
func TestSampleScorecard(t *testing.T) {
	dir := t.TempDir()
	if _, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--out", dir, "-q"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Scorecard []struct {
			Perspective, Measure, Fulfilment, Trend string
			Outcome                                 *float64
		}
	}
	js, _ := os.ReadFile(filepath.Join(dir, "report.json"))
	if err := json.Unmarshal(js, &r); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, row := range r.Scorecard {
		got[row.Measure[:12]] = row.Fulfilment + "/" + row.Trend
	}
	for k, want := range map[string]string{
		"Antalet majo": "not_reached/down", // 11 against max 10, 13 last year
		"Total sjukfr": "not_reached/up",   // 4,45 % against 4,31 %, target minska
		"Extratid, ti": "not_reached/up",   // 602 h against 450 h
		"Andel chefer": "reached/up",       // at most 25 reports: 100 % against 92 %
		"Divisionen n": "reached/",         // +0,8 mnkr against budget
	} {
		if got[k] != want {
			t.Errorf("%s…: %s, want %s", k, got[k], want)
		}
	}
	html, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, s := range []string{"Balanserad styrning", "Återrapportering av uppdrag", "Nuläge:</strong> Påbörjas efter sommaren.", "vilket är högre än målet på 3\u00a0%"} {
		if !bytes.Contains(html, []byte(s)) {
			t.Errorf("index.html lacks %q", s)
		}
	}
}

// TestExplainMatchesFigure: the lineage of a figure adds up to the figure,
// load by load, and names file and line for its rows.
func TestExplainMatchesFigure(t *testing.T) {
	out, errs, code := runCLI(t, "--sample", "explain", "net_cost_change", "--period", "2019-04", "--category", "Personal", "--json", "--rows", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var l struct {
		Sources []struct {
			File   string
			Amount string
		}
		Rows []struct {
			File string
			Line int
		}
		SQL string
	}
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range l.Sources {
		got[s.File] = s.Amount
	}
	// The figure: Personal -32 533 999 (2019) against -32 465 224 (2018), costs in report sign.
	if got["huvudbok_2019.csv"] != "32533999.00" || got["huvudbok_2018.se"] != "32465224.00" {
		t.Errorf("sources = %v", got)
	}
	if len(l.Rows) != 3 || l.Rows[0].File == "" || l.Rows[0].Line == 0 || !strings.Contains(l.SQL, "net_cost_change") && !strings.Contains(l.SQL, "Nettokostnadsutveckling") {
		t.Errorf("rows = %+v", l.Rows)
	}
}

// TestSickLeaveThresholdsAreSettings: moving the end of the short part
// moves hours between short and long, never the total.
func TestSickLeaveThresholdsAreSettings(t *testing.T) {
	out, errs, code := runCLI(t, "--sample", "query", "sick_leave", "--period", "2019-04", "--short-days", "7", "--format", "csv")
	if code != 0 || !strings.Contains(out, "total,4.45,4.31,") || strings.Contains(out, "short,2.64,") {
		t.Errorf("exit %d: %s %s", code, out, errs)
	}
}

// TestMaskComplementsFlag: --mask-complements reaches the query; the
// sample division's groups are all above ten, so nothing more is masked.
func TestMaskComplementsFlag(t *testing.T) {
	out, errs, code := runCLI(t, "--sample", "query", "sick_leave", "--period", "2019-04", "--mask-complements", "--format", "csv")
	if code != 0 || !strings.Contains(out, "total,4.45,4.31,") || !strings.Contains(out, "men,5.25,4.96,") {
		t.Errorf("exit %d: %s %s", code, out, errs)
	}
}

func fmtFloat(f float64) string {
	b, _ := json.Marshal(f)
	return string(b) + ".00"
}

func mnkr1(t *testing.T, s string) string {
	t.Helper()
	var f float64
	if err := json.Unmarshal([]byte(s), &f); err != nil {
		return "?" + s
	}
	b, _ := json.Marshal(float64(int64(f/100000+map[bool]float64{true: 0.5, false: -0.5}[f >= 0])) / 10)
	out := string(b)
	if !strings.Contains(out, ".") {
		out += ".0"
	}
	return out
}

// stripECharts removes the embedded library, whose source mentions URLs.
func stripECharts(html []byte) []byte {
	i := bytes.Index(html, []byte("<script>\n/*"))
	if i < 0 {
		i = bytes.Index(html, []byte("<script>!function"))
	}
	if i < 0 {
		return html
	}
	j := bytes.Index(html[i:], []byte("</script>"))
	return append(append([]byte{}, html[:i]...), html[i+j:]...)
}

func TestOtherMonthsBuild(t *testing.T) {
	for _, p := range []string{"2019-01", "2019-08", "2019-12", "2018-06", "2018-01"} {
		dir := t.TempDir()
		_, errs, code := runCLI(t, "report", "--sample", "--period", p, "--out", dir, "-q")
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", p, code, errs)
		}
		var r struct {
			Period  string
			Economy struct {
				Result        struct{ Outcome string }
				NetCostChange []struct{ Previous, Change *string } `json:"net_cost_change"`
			}
		}
		js, _ := os.ReadFile(filepath.Join(dir, "report.json"))
		if err := json.Unmarshal(js, &r); err != nil || r.Period != p || r.Economy.Result.Outcome == "0.00" {
			t.Errorf("%s: period %q outcome %q (%v)", p, r.Period, r.Economy.Result.Outcome, err)
		}
		// 2018 has no 2017 to compare with: no previous and no change,
		// rather than 0 and the whole cost as the change.
		for _, n := range r.Economy.NetCostChange {
			if (n.Previous == nil) != (p[:4] == "2018") || (n.Change == nil) != (p[:4] == "2018") {
				t.Errorf("%s: net cost change previous %v, change %v", p, n.Previous, n.Change)
			}
		}
		// The economist's texts of April 2019 (texter/2019-04/) are April's.
		html, _ := os.ReadFile(filepath.Join(dir, "index.html"))
		if bytes.Contains(html, []byte("major incidents. Rutinerna")) || bytes.Contains(html, []byte("Regionens behov av lagring")) {
			t.Errorf("%s shows April 2019's texts", p)
		}
		// The sample's decisions and investments are 2019's: a 2018 report
		// says none are loaded and has no investment table, not 0,0 mnkr.
		if p[:4] == "2018" {
			var inv struct{ Investments []any }
			json.Unmarshal(js, &inv)
			if !bytes.Contains(html, []byte("<p>Inga budgetbeslut för division Länsteknik januari")) || !bytes.Contains(html, []byte("<p>Investeringsregistret har inga uppgifter för januari")) ||
				bytes.Contains(html, []byte("Länsteknik totalt")) || inv.Investments == nil || len(inv.Investments) != 0 {
				t.Errorf("%s: decisions or investments shown: investments %v", p, inv.Investments)
			}
		}
	}
}

func TestReportRefusesMonthWithoutData(t *testing.T) {
	_, errs, code := runCLI(t, "report", "--sample", "--period", "2020-04", "--out", t.TempDir(), "-q")
	if code != exitUsage || !strings.Contains(errs, "the ledger has no rows for 2020-04 for division Länsteknik (it covers 2018-01 to 2019-12)") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestUnitReport(t *testing.T) {
	dir := t.TempDir()
	_, errs, code := runCLI(t, "report", "--sample", "--period", "2019-04", "--unit", "Sterilteknik", "--out", dir, "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// The sample's investments are the division's, without cost centers:
	// the unit's section says so, rather than a frame and an outcome of 0,0.
	page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(page), "Investeringsregistret för 2019 anger division, inte kostnadsställe: investeringarna redovisas i divisionens rapport, inte per enhet.") ||
		strings.Contains(string(page), "Sterilteknik totalt") {
		t.Errorf("Sterilteknik's investments section:\n%s", page[bytes.Index(page, []byte(`id="investeringar"`)):][:400])
	}
	// So is the sample's forecast: the unit's report says where it is.
	if !strings.Contains(string(page), "Årsprognosen för 2019 lämnas för division Länsteknik, inte per enhet: den står i divisionens rapport.") {
		t.Errorf("Sterilteknik's forecast text missing")
	}
	_, errs, code = runCLI(t, "report", "--sample", "--period", "2019-04", "--unit", "Nope", "--out", dir, "-q")
	const unknown = `no unit "Nope" in the organisation; known: FVIS, IT, MT, Regionala utvecklingsnämnden, Regionstyrelsen IT, Stab, Sterilteknik, Strategiska medel`
	if code != exitUsage || !strings.Contains(errs, unknown) {
		t.Errorf("unknown unit: exit %d, %s", code, errs)
	}
	// A query answers with zero rows for a unit that does not exist, which
	// an economist would read as zero: it is refused like the report.
	out, errs, code := runCLI(t, "--sample", "query", "net_cost_change", "--period", "2019-04", "--unit", "Nope")
	if code != exitUsage || !strings.Contains(errs, unknown) || out != "" {
		t.Errorf("query for an unknown unit: exit %d, %q, %s", code, out, errs)
	}
	_, errs, code = runCLI(t, "--sample", "query", "net_cost_change", "--period", "2019-04", "--division", "Nope")
	if code != exitUsage || !strings.Contains(errs, `no division "Nope" in the organisation`) {
		t.Errorf("query for an unknown division: exit %d, %s", code, errs)
	}
}

// TestHRKeyIsASetting: an HR load without the key, or with another key than
// the earlier loads', is a setting to fix (exit 4), not tertial failing.
func TestHRKeyIsASetting(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.duckdb")
	f := filepath.Join(t.TempDir(), "hours.csv")
	os.WriteFile(f, []byte("Month,Person id,Gender,Birth year,Employment type,Scheduled hours,Worked hours\n2019-05,P1,F,1980,tillsvidare,160,160\n"), 0o644)
	t.Setenv("TERTIAL_HR_KEY", "")
	if _, errs, code := runCLI(t, "--db", db, "load", "--kind", "hours", f); code != exitConfig || !strings.Contains(errs, "set TERTIAL_HR_KEY") {
		t.Errorf("no key: exit %d, want %d: %s", code, exitConfig, errs)
	}
	t.Setenv("TERTIAL_HR_KEY", "tertial-test-key-0123456789")
	if _, errs, code := runCLI(t, "--db", db, "load", "--kind", "hours", f); code != 0 {
		t.Fatalf("with the key: exit %d: %s", code, errs)
	}
	os.WriteFile(f, []byte("Month,Person id,Gender,Birth year,Employment type,Scheduled hours,Worked hours\n2019-06,P1,F,1980,tillsvidare,160,160\n"), 0o644)
	t.Setenv("TERTIAL_HR_KEY", "another-key-0123456789")
	if _, errs, code := runCLI(t, "--db", db, "load", "--kind", "hours", f); code != exitConfig || !strings.Contains(errs, "differs from the one earlier HR extracts") {
		t.Errorf("another key: exit %d, want %d: %s", code, exitConfig, errs)
	}
}

func TestLoadHelpNamesEveryKind(t *testing.T) {
	out, _, code := runCLI(t, "load", "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, k := range engine.Kinds {
		if !strings.Contains(out, "  "+string(k)+" ") {
			t.Errorf("load --help does not describe the kind %s:\n%s", k, out)
		}
	}
}

func TestExitStatus(t *testing.T) {
	if _, _, code := runCLI(t, "frobnicate"); code != exitUsage {
		t.Errorf("unknown command: exit %d, want %d", code, exitUsage)
	}
	if _, _, code := runCLI(t, "report", "--sample", "--period", "2019-13", "--out", t.TempDir()); code != exitUsage {
		t.Errorf("bad period: exit %d, want %d", code, exitUsage)
	}
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("Period;Konto;Belopp\n2019-04;4011;12,3,4\n"), 0o644)
	db := filepath.Join(t.TempDir(), "t.duckdb")
	_, errs, code := runCLI(t, "load", "--db", db, "--kind", "ledger", bad)
	if code != exitInput || !strings.Contains(errs, "bad.csv:2: column Belopp:") {
		t.Errorf("bad input: exit %d, want %d; %s", code, exitInput, errs)
	}
}

// TestRefusedFirstLoadLeavesNoDatabase: a load refused into a database it
// created removes that file (an empty schema would pass for a loaded one);
// a database that was there, or that an earlier file of the same command
// filled, stays as it was.
func TestRefusedFirstLoadLeavesNoDatabase(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("Period;Konto;Belopp\n2019-04;4011;12,3,4\n"), 0o644)
	good := filepath.Join(dir, "huvudbok_2019-04.csv")
	os.WriteFile(good, []byte("Period;Konto;Belopp\n2019-04;4011;100\n"), 0o644)
	db := filepath.Join(dir, "t.duckdb")
	if _, errs, code := runCLI(t, "load", "--db", db, "--kind", "ledger", bad); code != exitInput {
		t.Fatalf("bad input: exit %d; %s", code, errs)
	}
	if left, _ := filepath.Glob(db + "*"); len(left) != 0 {
		t.Errorf("refused first load left %v", left)
	}
	if _, errs, code := runCLI(t, "load", "--db", db, "--kind", "ledger", good, bad); code != exitInput {
		t.Fatalf("good then bad: exit %d; %s", code, errs)
	}
	out, errs, code := runCLI(t, "sql", "--db", db, "--format", "csv", "SELECT count(*) AS n, sum(amount) AS s FROM ledger")
	if code != 0 || out != "n,s\n1,100.00\n" {
		t.Errorf("after good then bad: exit %d: %q %s", code, out, errs)
	}
	if _, errs, code := runCLI(t, "load", "--db", db, "--kind", "ledger", bad); code != exitInput {
		t.Fatalf("bad into an existing database: exit %d; %s", code, errs)
	}
	if out2, _, _ := runCLI(t, "sql", "--db", db, "--format", "csv", "SELECT count(*) AS n, sum(amount) AS s FROM ledger"); out2 != out {
		t.Errorf("a refused load into an existing database changed it: %q, was %q", out2, out)
	}
}

func TestLoadThenQueryFileDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "t.duckdb")
	f := filepath.Join(t.TempDir(), "huvudbok_2019-04.csv")
	os.WriteFile(f, []byte("Period;Konto;Ansvar;Belopp\n2019-04;4011;100;1 000,50\n2019-04;3011;100;-2 000\n"), 0o644)
	out, errs, code := runCLI(t, "load", "--db", db, "--kind", "ledger", f)
	if code != 0 || !strings.Contains(out, "2 rows") {
		t.Fatalf("load: exit %d: %s %s", code, out, errs)
	}
	out, _, code = runCLI(t, "load", "--db", db, "--kind", "ledger", f)
	if code != 0 || !strings.Contains(out, "unchanged") {
		t.Errorf("reload: exit %d: %s", code, out)
	}
	t.Setenv("TERTIAL_DB", db)
	out, errs, code = runCLI(t, "sql", "--format", "csv", "SELECT sum(amount) AS s, count(*) AS n FROM ledger")
	if code != 0 || out != "s,n\n-999.50,2\n" {
		t.Errorf("sql: exit %d: %q %s", code, out, errs)
	}
}

// TestInterruptedLoad: Ctrl-C (or a scheduler's SIGTERM) during a load ends
// it with status 130 and says so — not as bad input, not as a broken pipe —
// and leaves nothing of it in the database. Both transports: a ledger's data
// chunks and HR hours' pipe.
func TestInterruptedLoad(t *testing.T) {
	t.Setenv("TERTIAL_HR_KEY", "tertial-test-key-0123456789")
	dir := t.TempDir()
	f, err := engine.GenerateRegion(dir, engine.RegionSpec{Seed: 1, FirstYear: 2018, RowsPerYear: 1_500_000, Employees: 20_000, CostCenters: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ kind, file, table string }{
		{"ledger", f.LedgerCSV[0], "ledger"},
		{"hours", f.Hours[0], "person_months"},
	} {
		t.Run(c.kind, func(t *testing.T) {
			for _, after := range []time.Duration{800 * time.Millisecond, 400 * time.Millisecond, 200 * time.Millisecond} {
				db := filepath.Join(t.TempDir(), "t.duckdb")
				if _, errs, code := runCLI(t, "--db", db, "load", "--kind", "org", f.Org); code != 0 {
					t.Fatal(errs)
				}
				// As main's signal.NotifyContext does on SIGINT or SIGTERM.
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(after, cancel)
				var out, errb bytes.Buffer
				code := run(ctx, []string{"--db", db, "load", "--kind", c.kind, c.file}, strings.NewReader(""), &out, &errb)
				cancel()
				if code == exitOK {
					continue // it finished first: interrupt sooner
				}
				errs := errb.String()
				if code != exitInterrupted || !strings.Contains(errs, "tertial: interrupted") || strings.Contains(errs, "broken pipe") || regexp.MustCompile(`\.csv:\d`).MatchString(errs) {
					t.Errorf("interrupted after %v: exit %d, want %d:\n%s", after, code, exitInterrupted, errs)
				}
				out2, errs2, code2 := runCLI(t, "--db", db, "sql", "--format", "csv", "SELECT count(*) FROM "+c.table+" UNION ALL SELECT count(*) FROM loads WHERE kind = '"+c.kind+"'")
				if code2 != 0 || out2 != "count_star()\n0\n0\n" {
					t.Errorf("after the interrupted load: %q %s", out2, errs2)
				}
				return
			}
			t.Skip("every load finished before it was interrupted")
		})
	}
}

// --verbose logs each step's time, so a user sees where a slow load or
// report goes; --quiet with it is a contradiction.
func TestVerboseStepTimes(t *testing.T) {
	db := filepath.Join(t.TempDir(), "v.duckdb")
	for _, f := range []string{"kontoplan.csv", "organisation.csv"} {
		kind := map[string]string{"kontoplan.csv": "accounts", "organisation.csv": "org"}[f]
		if _, errs, code := runCLI(t, "--db", db, "load", "--kind", kind, filepath.Join("..", "..", "sampledata", f)); code != 0 {
			t.Fatal(errs)
		}
	}
	_, errs, code := runCLI(t, "-v", "--db", db, "load", "--kind", "ledger", filepath.Join("..", "..", "sampledata", "huvudbok_2019.csv"))
	if code != 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{`msg="open done"`, `msg="load step" step="parse and insert"`, `step=ledger_month`, `step=commit`, `msg="load done"`, `msg="close step" step=checkpoint`} {
		if !strings.Contains(errs, want) {
			t.Errorf("-v load: no %s in\n%s", want, errs)
		}
	}
	_, errs, code = runCLI(t, "-v", "--db", db, "query", "period_result", "--period", "2019-04")
	if code != 0 || !strings.Contains(errs, `msg="query done"`) || !strings.Contains(errs, "query=period_result") {
		t.Errorf("-v query: exit %d, no query time in\n%s", code, errs)
	}
	_, errs, code = runCLI(t, "-v", "--db", db, "export", "--parquet", filepath.Join(t.TempDir(), "export"))
	if code != 0 || !strings.Contains(errs, `msg="export step" step=ledger`) || !strings.Contains(errs, `msg="export done"`) {
		t.Errorf("-v export: exit %d, no table times in\n%s", code, errs)
	}
	_, errs, code = runCLI(t, "--db", db, "query", "period_result", "--period", "2019-04")
	if code != 0 || strings.Contains(errs, "DEBUG") {
		t.Errorf("without -v: exit %d, debug lines in\n%s", code, errs)
	}
	if _, errs, code := runCLI(t, "-v", "-q", "--db", db, "query", "period_result"); code != exitUsage || !strings.Contains(errs, "contradict") {
		t.Errorf("-v -q: exit %d, %s", code, errs)
	}
}

// TestNoDatabaseYet: the commands that read what was loaded say that there
// is no database yet, and a load of a file that is not there fails before
// it opens one: neither leaves an empty tertial.duckdb behind.
func TestNoDatabaseYet(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("TERTIAL_DB", "")
	for _, args := range [][]string{
		{"report", "--period", "2019-04", "--out", "r"},
		{"explain", "period_result", "--period", "2019-04"},
		{"query", "net_cost_change", "--period", "2019-04"},
		{"sql", "SELECT 1"},
		{"schema"},
		{"export", "--parquet", "x"},
	} {
		_, stderr, code := runCLI(t, args...)
		if code == 0 || !strings.Contains(stderr, "no database at tertial.duckdb: load extracts first (tertial load), or name another with --db") {
			t.Errorf("%v: exit %d, %s", args, code, stderr)
		}
	}
	_, stderr, code := runCLI(t, "load", "--kind", "ledger", "saknas.csv")
	if code == 0 || !strings.Contains(stderr, "saknas.csv") {
		t.Errorf("load of a missing file: exit %d, %s", code, stderr)
	}
	_, stderr, code = runCLI(t, "load", "--kind", "ledger", ".")
	if code == 0 || !strings.Contains(stderr, "load: . is a folder, not an extract") {
		t.Errorf("load of a folder: exit %d, %s", code, stderr)
	}
	// A mistyped kind is the command's error, found before the files.
	_, stderr, code = runCLI(t, "load", "--kind", "ledgr", "saknas.csv")
	if code != 2 || !strings.Contains(stderr, `unknown kind "ledgr": use one of sie|ledger|budget|`) {
		t.Errorf("load --kind ledgr: exit %d, %s", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// TestQueryMonthWithoutData: a query for a month the data it reads does
// not cover still answers (zeros, empty figures) but warns which data is
// missing; a covered month gets no warning.
func TestQueryMonthWithoutData(t *testing.T) {
	for _, c := range []struct {
		query, period, warn string
	}{
		{"period_result", "2020-03", "the ledger has no rows for 2020-03 for division Länsteknik (it covers 2018-01 to 2019-12)"},
		{"headcount", "2020-03", "the HR hours have no person-months for 2020-03 for division Länsteknik (they cover 2018-01 to 2019-12)"},
		{"investments", "2020-03", ""},
		{"period_result", "2019-04", ""},
		{"sick_leave", "2019-04", ""},
		// The sample's ledger begins in January 2018.
		{"net_cost_change", "2018-03", ""},
	} {
		stdout, stderr, code := runCLI(t, "--sample", "query", c.query, "--period", c.period, "--format", "csv")
		if code != 0 || stdout == "" {
			t.Errorf("%s %s: exit %d, %q %s", c.query, c.period, code, stdout, stderr)
		}
		if got := strings.Contains(stderr, "WARN"); got != (c.warn != "") || !strings.Contains(stderr, c.warn) {
			t.Errorf("%s %s: stderr %q, want warning %q", c.query, c.period, stderr, c.warn)
		}
	}
}
