package charts

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tertial/tertial/engine"
)

//go:embed assets/echarts.min.js
var echartsJS string

//go:embed report.html.tmpl
var reportTmpl string

// Page is what the report template shows.
type Page struct {
	R        *engine.Report
	Title    string
	Subject  string // "Länsteknik", "enhet MT"
	MonthTxt string // "april 2019"
	YTDTxt   string // "januari–april 2019" ("januari 2019" in January)
	YTDShort string // "jan–april 2019" ("januari 2019" in January)
	Year     int
	PrevYear int
	Figures  map[string]Figure
	Text     map[string][]string // draft commentary per section
	ECharts  template.JS
	CostRows []engine.CostRow
	// UnitRows are the cost deviation per unit as the table shows them:
	// each unit named once, on the first of its rows.
	UnitRows []UnitRow
	// Texts are the economist's own words, replacing draft sections and
	// giving the assignments reported back; nil = drafts only.
	Texts       *Texts
	Assignments []Assignment
	// Lineage is where each figure comes from, for the Underlag section.
	Lineage []*engine.Lineage
}

// UnitRow is a row of the table of cost deviation per unit; First marks
// the first row of its unit, which names it.
type UnitRow struct {
	engine.CostRow
	First bool
}

func unitRows(rows []engine.CostRow) []UnitRow {
	out := make([]UnitRow, len(rows))
	for i, c := range rows {
		out[i] = UnitRow{CostRow: c, First: i == 0 || rows[i-1].Unit != c.Unit}
	}
	return out
}

// WithTexts attaches the economist's texts to the page.
func (p *Page) WithTexts(t *Texts) *Page {
	p.Texts = t
	if t != nil {
		p.Assignments = t.Assignments
	}
	return p
}

var funcs = template.FuncMap{
	"kr": func(m any) string {
		switch x := m.(type) {
		case engine.Money:
			return Kr(x.Decimal)
		case *engine.Money:
			if x == nil {
				return "–"
			}
			return Kr(x.Decimal)
		}
		return ""
	},
	"mnkr": func(m engine.Money) string { return Mnkr(m.Decimal) },
	"mnkrp": func(m *engine.Money) string {
		if m == nil {
			return "–"
		}
		return Mnkr(m.Decimal)
	},
	"safeID":   safeID,
	"markdown": Markdown,
	"soFar":    investmentsSoFar,
	"hasYear":  func(years []int, y int) bool { return slices.Contains(years, y) },
	"text": func(p *Page, key string) template.HTML {
		if p.Texts != nil {
			if md, ok := p.Texts.Sections[key]; ok {
				return Markdown(md)
			}
		}
		var b strings.Builder
		for _, s := range p.Text[key] {
			b.WriteString("<p>" + template.HTMLEscapeString(s) + "</p>\n")
		}
		return template.HTML(b.String())
	},
	"perspective": func(p *Page, name string) []engine.ScorecardRow {
		var out []engine.ScorecardRow
		for _, r := range p.R.Scorecard {
			if r.Perspective == name {
				out = append(out, r)
			}
		}
		return out
	},
	"fulfilment": func(f string) string {
		return map[string]string{"reached": "▲", "partly": "■", "not_reached": "▼"}[f]
	},
	"trend":   func(t string) string { return map[string]string{"up": "↑", "flat": "→", "down": "↓"}[t] },
	"outcome": scorecardOutcome,
	"pct": func(f *float64) string {
		if f == nil {
			return "–"
		}
		return Pct(*f)
	},
	"neg": func(m engine.Money) bool { return m.IsNegative() },
	"pctp": func(f *float64) string {
		if f == nil {
			return "–"
		}
		return Pct(*f)
	},
	"num1": func(f *float64) string {
		if f == nil {
			return "–"
		}
		return Float(*f, 1)
	},
	"hours": func(f *float64) string {
		if f == nil {
			return "–"
		}
		return Float(*f, 0) + "\u00a0h"
	},
	"pct0": func(f *float64) string {
		if f == nil {
			return "–"
		}
		return Float(*f, 0) + nbsp + "%"
	},
	"int": func(n any) string {
		switch x := n.(type) {
		case int64:
			return Float(float64(x), 0)
		case int:
			return Float(float64(x), 0)
		case float64:
			return Float(x, 0)
		}
		return fmt.Sprint(n)
	},
	"sick":      func(st *engine.Staff, key string) engine.Figure2 { return st.SickLeave[key] },
	"sickLabel": func(key string) string { return sickLabels[key] },
	"measures":  func() []string { return engine.SickLeaveMeasures },
	"label": func(c engine.CostRow) string {
		if c.Subcategory != "" {
			return c.Subcategory
		}
		return c.Category
	},
}

var sickLabels = map[string]string{
	"total": "Total sjukfrånvaro", "short": "– varav kort (dag 1–14)", "long": "– varav lång (dag 15–)",
	"long_60_share": "Andel av sjuktiden i perioder om 60 dagar eller mer", "women": "Kvinnor", "men": "Män",
	"age_29": "29 år eller yngre", "age_30_49": "30–49 år", "age_50": "50 år eller äldre",
}

var pageTmpl = template.Must(template.New("report").Funcs(funcs).Parse(reportTmpl))

// wholeOrganisation is a report over more than two divisions, which is
// named as the whole organisation rather than by listing them.
func wholeOrganisation(r *engine.Report) bool {
	return r.Scope == "all" && strings.Count(r.Unit, ", ") >= 2
}

// NewPage prepares the report page: figures and draft sentences.
func NewPage(r *engine.Report) *Page {
	var y, m int
	fmt.Sscanf(r.Period, "%d-%d", &y, &m)
	month := engine.Month{Year: y, Mon: time.Month(m)}
	p := &Page{R: r, Year: y, PrevYear: y - 1, MonthTxt: month.Swedish(),
		YTDTxt: month.SwedishYearToDate("januari"), YTDShort: month.SwedishYearToDate("jan"), ECharts: template.JS(echartsJS)}
	p.Subject = r.Unit
	if wholeOrganisation(r) {
		p.Subject = "hela organisationen"
	}
	if r.Scope == "division" {
		p.Subject = "division " + r.Unit
	}
	if r.Scope == "unit" {
		p.Subject = "enhet " + r.Unit
	}
	subject := p.Subject
	if subject != "" {
		subject += " "
	}
	p.Title = fmt.Sprintf("%s %s%d%02d", reportKind(r.Tertial), subject, y, m)
	if r.Scope == "programme" {
		p.Title = fmt.Sprintf("Programuppföljning %s per %s", r.Unit, p.MonthTxt)
	}
	p.Figures = map[string]Figure{}
	if r.Economy != nil {
		p.Figures["resultatutveckling"] = ResultDevelopment(r)
		p.Figures["verksamhetens_kostnader"] = OperatingCosts(r)
		p.CostRows = costLines(r)
		p.UnitRows = unitRows(r.Economy.CostByUnit)
	}
	if len(r.Investments) > 0 {
		f := InvestmentFigure(r.Investments, r.InvestmentsThrough)
		p.Figures[f.ID] = f
	}
	for _, pr := range r.Programmes {
		if pr.Started() {
			f := ProgrammeFigure(pr)
			p.Figures[f.ID] = f
		}
	}
	if r.Staff != nil {
		for id, f := range StaffFigures(r.Staff, y) {
			p.Figures[id] = f
		}
	}
	p.Text = Commentary(r, p.MonthTxt)
	return p
}

// WriteHTML writes the report as one self-contained HTML file.
func WriteHTML(w io.Writer, p *Page) error {
	var buf bytes.Buffer
	if err := pageTmpl.Execute(&buf, p); err != nil {
		return fmt.Errorf("report template: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Commentary drafts the economy sentences in the seed's register. Direction
// words follow the data: överskott/underskott, ökat/minskat.
func Commentary(r *engine.Report, monthTxt string) map[string][]string {
	t := map[string][]string{}
	for _, pr := range r.Programmes {
		t["program"] = append(t["program"], programmeSentences(pr)...)
	}
	if len(r.Scorecard) > 0 {
		all, byPerspective := scorecardSentences(r.Scorecard, monthTxt)
		t["balanserad_styrning"] = all
		// Each perspective's own section names its measures that are not
		// (or partly) reached, after its scorecard table.
		for p, key := range map[string]string{"Verksamhet": "verksamhet", "Medarbetare": "medarbetare", "Ekonomi": "ekonomi"} {
			if s, ok := byPerspective[p]; ok {
				t[key] = []string{s}
			}
		}
	}
	if r.Economy == nil {
		return t
	}
	e := r.Economy
	name, mid := r.Unit, r.Unit // at the start of a sentence, and within one
	switch {
	case name == "":
		name, mid = "Verksamheten", "verksamheten"
	case wholeOrganisation(r):
		name, mid = "Hela organisationen", "hela organisationen"
	}
	year := r.Period[:4]
	var dev decimal.Decimal
	var sum string
	if e.Result.Deviation != nil {
		dev = e.Result.Deviation.Decimal
		// "ett överskott på 0,8 mnkr"; a deviation that rounds to 0,0 mnkr is
		// said to be in line with the budget, as the cost lines below are.
		versus := fmt.Sprintf("ett överskott på %s mnkr", Mnkr(dev.Abs()))
		if dev.IsNegative() {
			versus = fmt.Sprintf("ett underskott på %s mnkr", Mnkr(dev.Abs()))
		}
		mot, gentemot := versus+" mot", versus+" gentemot"
		if dev.Abs().LessThan(inLine) {
			mot, gentemot = "ett resultat i nivå med", "ett resultat i nivå med"
		}
		sum = fmt.Sprintf("%s redovisar %s periodbudget per %s", name, mot, monthTxt)
		if r.Tertial == "T3" {
			sum = fmt.Sprintf("%s redovisar %s budget för helåret %s", name, mot, year)
		}
		t["resultat"] = []string{
			fmt.Sprintf("%s genererar ett utfall på %s mnkr per %s. Enligt periodbudgeten borde utfallet ha landat på %s mnkr, vilket gör att %s redovisar %s budget.",
				name, Mnkr(e.Result.Outcome.Decimal), monthTxt, Mnkr(e.Result.Budget.Decimal), mid, gentemot),
		}
	} else {
		// No budget for the scope: the outcome is all there is to say; a
		// deviation against nothing would be the whole outcome.
		sum = fmt.Sprintf("%s redovisar ett utfall på %s mnkr per %s (ingen periodbudget är inläst)", name, Mnkr(e.Result.Outcome.Decimal), monthTxt)
		if r.Tertial == "T3" {
			sum = fmt.Sprintf("%s redovisar ett utfall på %s mnkr för helåret %s (ingen budget är inläst)", name, Mnkr(e.Result.Outcome.Decimal), year)
		}
		t["resultat"] = []string{
			fmt.Sprintf("%s genererar ett utfall på %s mnkr per %s. Ingen periodbudget (version %s) är inläst för %s, så resultatet har ingen avvikelse mot budget.",
				name, Mnkr(e.Result.Outcome.Decimal), monthTxt, r.Budget, mid),
		}
	}
	switch {
	case r.Tertial == "T3":
		// The year is over: its outcome, not a forecast, is the news; the
		// last forecast is what it is measured against.
		sum += "."
		if f := e.Forecast; f.Deviation != nil && f.Made != "" && f.Made != r.Period {
			if m, err := engine.ParsePeriod(f.Made); err == nil {
				sum += fmt.Sprintf(" Årsprognosen i %s var %s mnkr.", m.Swedish(), MnkrSigned(f.Deviation.Decimal))
			}
		}
	case e.Forecast.Deviation != nil:
		sum += fmt.Sprintf(" och lämnar en årsprognos på %s mnkr för helår %s.", MnkrSigned(e.Forecast.Deviation.Decimal), year)
	default:
		sum += "."
	}
	t["sammanfattning"] = []string{sum}
	if e.Forecast.Deviation != nil {
		// In December the year's outcome is known and the forecast is
		// history.
		lead := "Årsprognosen är"
		if m, err := engine.ParsePeriod(e.Forecast.Made); r.Tertial == "T3" && err == nil && e.Forecast.Made != r.Period {
			lead = "Årsprognosen i " + m.Swedish() + " var"
		}
		f := fmt.Sprintf("%s %s mnkr mot årsbudget för %s", lead, MnkrSigned(e.Forecast.Deviation.Decimal), year)
		var parts []string
		for _, c := range e.Forecast.ByCategory {
			if c.Deviation.IsZero() {
				continue // as budgeted: nothing to say
			}
			word := "ett överskott"
			if c.Deviation.IsNegative() {
				word = "ett underskott"
			}
			parts = append(parts, fmt.Sprintf("%s för %s med %s mnkr", word, strings.ToLower(c.Category), Mnkr(c.Deviation.Abs())))
		}
		if len(parts) > 0 {
			f += ", med " + engine.JoinSwedish(parts)
		}
		t["prognos"] = []string{f + "."}
		if r.Tertial == "T3" && e.Result.Deviation != nil {
			// How far the year's outcome came from it is what a reader asks.
			t["prognos"] = append(t["prognos"], fmt.Sprintf("Utfallet för helåret blev %s mnkr mot budget.", MnkrSigned(dev)))
		}
	} else {
		t["prognos"] = []string{fmt.Sprintf("Ingen årsprognos har lämnats för %s till och med %s.", year, monthTxt)}
		if d := e.Forecast.Division; d != "" {
			t["prognos"] = []string{fmt.Sprintf("Årsprognosen för %s lämnas för division %s, inte per enhet: den står i divisionens rapport.", year, d)}
		}
	}
	for _, c := range costLines(r) {
		if c.Deviation == nil {
			continue // no budget: the table's dashes say it
		}
		label := c.Category
		if c.Subcategory != "" {
			label = c.Subcategory
		}
		word := "ett överskott"
		if c.Deviation.IsNegative() {
			word = "ett underskott"
		}
		if c.Deviation.Abs().LessThan(inLine) {
			t["kostnader"] = append(t["kostnader"], fmt.Sprintf("%s ligger i nivå med periodbudget.", label))
			continue
		}
		t["kostnader"] = append(t["kostnader"], fmt.Sprintf("%s visar %s på %s mnkr gentemot periodbudget.", label, word, Mnkr(c.Deviation.Abs())))
	}
	for _, inv := range r.Investments {
		if inv.Category == "Totalt" {
			continue
		}
		line := fmt.Sprintf("Inom %s har %s mnkr investerats %s, varav %s mnkr på beslut från tidigare år, av en ram på %s mnkr.",
			inv.Category, Mnkr(inv.Total.Decimal), investmentsSoFar(r.InvestmentsThrough), Mnkr(inv.OutcomePriorDecisions.Decimal), Mnkr(inv.Frame.Decimal))
		if inv.Forecast != nil {
			line += fmt.Sprintf(" Årsprognosen är %s mnkr.", Mnkr(inv.Forecast.Decimal))
		}
		t["investeringar"] = append(t["investeringar"], line)
	}
	for _, d := range r.Decisions {
		line := fmt.Sprintf("Beslut %s (%s, %s): %s mnkr från %s till %s från och med %s.", d.Reference, d.Date, d.DecidedBy, Mnkr(d.Amount.Decimal), d.From, d.To, d.Effective)
		if !d.EffectYear.IsZero() {
			line += fmt.Sprintf(" Effekt på ramen i år: %s mnkr, varav %s mnkr till och med %s.", MnkrSigned(d.EffectYear.Decimal), MnkrSigned(d.EffectPeriod.Decimal), monthTxt)
		}
		t["beslut"] = append(t["beslut"], line)
	}
	if st := r.Staff; st != nil {
		yr := mustAtoi(year)
		if tot := st.SickLeave["total"]; tot.Current != nil {
			line := fmt.Sprintf("Den totala sjukfrånvaron ligger på %s", Pct(*tot.Current))
			if g := r.SickLeaveGoal; g != nil {
				t["medarbetare"] = append(t["medarbetare"], fmt.Sprintf("%s, vilket är %s målet på %s.", line, compareWord(*tot.Current, *g), goalPct(*g)))
				if tot.Previous != nil {
					t["medarbetare"] = append(t["medarbetare"], fmt.Sprintf("Samma period %d låg den på %s.", yr-1, Pct(*tot.Previous)))
				}
			} else {
				if tot.Previous != nil {
					line += fmt.Sprintf(", vilket är %s samma period %d (%s)", compareWord(*tot.Current, *tot.Previous), yr-1, Pct(*tot.Previous))
				}
				t["medarbetare"] = append(t["medarbetare"], line+".")
			}
		}
		w, m := st.SickLeave["women"], st.SickLeave["men"]
		if w.Current != nil && m.Current != nil && *w.Current != *m.Current {
			hi, lo := "Männen", "kvinnorna"
			if *w.Current > *m.Current {
				hi, lo = "Kvinnorna", "männen"
			}
			t["medarbetare"] = append(t["medarbetare"], fmt.Sprintf("%s har högre sjukfrånvaro än %s (%s mot %s).", hi, lo,
				Pct(maxf(*w.Current, *m.Current)), Pct(minf(*w.Current, *m.Current))))
		}
		switch cur, prev := st.ExtraHours.Current, st.ExtraHours.Previous; {
		case cur == nil:
		case prev == nil:
			t["medarbetare"] = append(t["medarbetare"], fmt.Sprintf("Extratiden uppgår till %s h; samma period %d saknar uppgifter.", Float(*cur, 0), yr-1))
		case Float(*cur, 0) == Float(*prev, 0):
			t["medarbetare"] = append(t["medarbetare"], fmt.Sprintf("Extratiden är oförändrad jämfört med samma period %d (%s h).", yr-1, Float(*cur, 0)))
		default:
			dir := "ökat"
			if *cur < *prev {
				dir = "minskat"
			}
			t["medarbetare"] = append(t["medarbetare"], fmt.Sprintf("Extratiden har %s jämfört med samma period %d, från %s h till %s h.", dir, yr-1,
				Float(*prev, 0), Float(*cur, 0)))
		}
		if sp, ok := st.SpanOfControl["current"]; ok && sp.SharePct != nil {
			if sp.Over25 == 0 {
				t["medarbetare"] = append(t["medarbetare"], "Samtliga chefer har högst 25 underställda medarbetare.")
			} else {
				t["medarbetare"] = append(t["medarbetare"], fmt.Sprintf("%s av cheferna har högst 25 underställda medarbetare; %d har fler.", Float(*sp.SharePct, 0)+nbsp+"%", sp.Over25))
			}
		}
	}
	for _, n := range e.NetCostChange {
		if n.ChangePct == nil || n.Change == nil {
			continue
		}
		if n.Change.IsZero() {
			t["nettokostnad"] = append(t["nettokostnad"], fmt.Sprintf("Nettokostnaden för %s är oförändrad jämfört med samma period %d.",
				strings.ToLower(n.Category), mustAtoi(year)-1))
			continue
		}
		dir := "ökat"
		if n.Change.IsPositive() { // report sign: a positive change is a lower cost
			dir = "minskat"
		}
		// In mnkr as the seed writes it; a change that would round to 0,0
		// mnkr in kronor.
		amount := Mnkr(n.Change.Abs()) + " mnkr"
		if n.Change.Abs().LessThan(inLine) {
			amount = Kr(n.Change.Abs()) + " kr"
		}
		t["nettokostnad"] = append(t["nettokostnad"], fmt.Sprintf("Nettokostnaden för %s har %s med %s (%s) jämfört med samma period %d.",
			strings.ToLower(n.Category), dir, amount, Pct(abs(*n.ChangePct)), mustAtoi(year)-1))
	}
	return t
}

// compareWord says how a percentage stands against another: högre än, lägre
// än, i nivå med. It compares them as Pct shows them, to two decimals, so the
// text never calls 3,00 % higher than a goal of 3 %.
func compareWord(v, other float64) string {
	a, b := math.Round(v*100), math.Round(other*100)
	switch {
	case a > b:
		return "högre än"
	case a < b:
		return "lägre än"
	}
	return "i nivå med"
}

// goalPct formats a goal as the scorecard states it, with the decimals it
// has: 3 → "3 %", 3.5 → "3,5 %" (never rounded to a whole percent).
func goalPct(g float64) string {
	return group(strconv.FormatFloat(math.Round(g*100)/100, 'f', -1, 64)) + nbsp + "%"
}

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

func minf(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func mustAtoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}

// scorecardOutcome is a scorecard row's outcome as the report prints it.
func scorecardOutcome(r engine.ScorecardRow) string {
	if r.Outcome == nil {
		return "–"
	}
	switch {
	case strings.HasPrefix(r.Source, "figure:result"):
		return Mnkr(decimal.NewFromFloat(*r.Outcome)) + " mnkr"
	case strings.HasPrefix(r.Source, "figure:sick_leave") || strings.HasPrefix(r.Source, "figure:turnover"):
		return Float(*r.Outcome, 2) + nbsp + "%"
	case strings.Contains(r.Unit, "%") || strings.HasPrefix(r.Source, "figure:span"):
		return Float(*r.Outcome, 0) + nbsp + "%"
	}
	s := Float(*r.Outcome, 0)
	if r.Unit != "" {
		s += nbsp + r.Unit
	}
	return s
}

// scorecardSentences drafts the Balanserad styrning section from the
// evaluated scorecard — how many measures reached their target, in all and
// per perspective — and, for each perspective's own section, which of its
// measures did not or only partly reach theirs (what an economist has to
// comment on), or that all measures evaluated did.
func scorecardSentences(rows []engine.ScorecardRow, monthTxt string) (all []string, byPerspective map[string]string) {
	byPerspective = map[string]string{}
	var order []string
	groups := map[string][]engine.ScorecardRow{}
	for _, r := range rows {
		if _, ok := groups[r.Perspective]; !ok {
			order = append(order, r.Perspective)
		}
		groups[r.Perspective] = append(groups[r.Perspective], r)
	}
	count := func(rs []engine.ScorecardRow) (reached, partly, not, open int, missed, part []string) {
		for _, r := range rs {
			switch r.Fulfilment {
			case "reached":
				reached++
			case "partly":
				partly++
				part = append(part, fmt.Sprintf("%s (%s, mål %s)", r.Measure, scorecardOutcome(r), r.Target))
			case "not_reached":
				not++
				missed = append(missed, fmt.Sprintf("%s (%s, mål %s)", r.Measure, scorecardOutcome(r), r.Target))
			default:
				open++
			}
		}
		return
	}
	tally := func(reached, partly, not, open int) string {
		var parts []string
		for _, p := range []struct {
			n          int
			one, other string
		}{{reached, "uppfyllt", "uppfyllda"}, {partly, "delvis uppfyllt", "delvis uppfyllda"}, {not, "inte uppfyllt", "inte uppfyllda"}, {open, "utvärderas inte", "utvärderas inte"}} {
			switch {
			case p.n == 1:
				parts = append(parts, "1 "+p.one)
			case p.n > 1:
				parts = append(parts, fmt.Sprintf("%d %s", p.n, p.other))
			}
		}
		return engine.JoinSwedish(parts)
	}
	reached, partly, not, open, _, _ := count(rows)
	all = append(all, fmt.Sprintf("Styrkortet har per %s %d styrmått: %s.", monthTxt, len(rows), tally(reached, partly, not, open)))
	for _, p := range order {
		rs := groups[p]
		reached, partly, not, open, missed, part := count(rs)
		all = append(all, fmt.Sprintf("Perspektivet %s har %d styrmått: %s.", p, len(rs), tally(reached, partly, not, open)))
		var s []string
		if len(missed) > 0 {
			s = append(s, "Inte uppfyllt: "+strings.Join(missed, "; ")+".")
		}
		if len(part) > 0 {
			s = append(s, "Delvis uppfyllt: "+strings.Join(part, "; ")+".")
		}
		if len(s) == 0 && reached > 0 {
			s = append(s, fmt.Sprintf("Alla styrmått i perspektivet %s som utvärderas är uppfyllda.", p))
		}
		if len(s) > 0 {
			byPerspective[p] = strings.Join(s, " ")
		}
	}
	return all, byPerspective
}

// ReportJSON is report.json: every figure, indented, with a final newline.
func ReportJSON(r *engine.Report) ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// programmeSentences drafts the programme text: where the forecast lands
// against the budget over the whole programme, and each year's deficits.
func programmeSentences(pr engine.Programme) []string {
	if !pr.Started() {
		return []string{fmt.Sprintf("Programmet %s (%s) har ännu inget utfall eller prognos; budgeten är %s mnkr för hela perioden.", pr.Name, pr.Span(), Mnkr(pr.Total.Budget.Decimal))}
	}
	dev := pr.Total.Deviation.Decimal
	word := "under"
	if dev.IsNegative() {
		word = "över"
	}
	out := []string{fmt.Sprintf("%s: utfall och prognos för %s ligger %s mnkr %s programmets budget på %s mnkr.", pr.Name, pr.Span(), Mnkr(dev.Abs()), word, Mnkr(pr.Total.Budget.Decimal))}
	for _, y := range pr.Years {
		if y.Basis != "prognos" || y.Deviation == nil {
			continue
		}
		switch {
		case y.Deviation.IsNegative():
			s := fmt.Sprintf("För %d är prognosen ett underskott på %s mnkr", y.Year, Mnkr(y.Deviation.Abs()))
			if y.Contingency != nil && !y.Contingency.IsZero() {
				s += fmt.Sprintf(", varav %s mnkr för oförutsedda kostnader", Mnkr(y.Contingency.Decimal))
			}
			out = append(out, s+".")
		default:
			out = append(out, fmt.Sprintf("%d ryms inom budgetramen.", y.Year))
		}
	}
	return out
}

// inLine: a deviation below it rounds to 0,0 mnkr, so a text calls it in
// line with the budget, or writes the change in kronor.
var inLine = decimal.New(50_000, 0)

// reportKind names the report by the months it covers: T1 and T2 are
// delårsrapporter (as the seed calls its T1), T3 is the whole year, an
// årsrapport — a delårsrapport covers at most two thirds of the year
// (LKBR 13 kap.) — and any other month a månadsrapport.
func reportKind(tertial string) string {
	switch tertial {
	case "":
		return "Månadsrapport"
	case "T3":
		return "Årsrapport"
	}
	return "Delårsrapport"
}
