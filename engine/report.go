package engine

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// ReportOptions chooses the report: the month, the part of the organisation
// (empty unit and division = everything loaded) and the settings — the
// parameters of its queries. With Programme set, the report is that
// programme's follow-up only.
type ReportOptions = Params

// Report holds every figure of the report as plain values. It is also
// report.json: money as exact decimal strings, percentages as numbers.
type Report struct {
	Period   string `json:"period"`
	Unit     string `json:"unit"`
	Division string `json:"division,omitempty"`
	Scope    string `json:"scope"` // "division", "unit" or "all"
	Tertial  string `json:"tertial,omitempty"`
	Budget   string `json:"budget_version"`
	// BudgetBasis is "revised" (original + decisions in force, the default)
	// or "original".
	BudgetBasis string       `json:"budget_basis,omitempty"`
	Economy     *Economy     `json:"economy,omitempty"`
	Staff       *Staff       `json:"staff,omitempty"`
	Decisions   []Decision   `json:"decisions"`
	Investments []Investment `json:"investments"`
	// InvestmentsThrough is the investment extract's latest outcome month
	// (YYYY-MM) when it is before the report month: the outcome is then
	// "through that month", not the year to date.
	InvestmentsThrough string `json:"investments_through,omitempty"`
	// InvestmentYears are the years the investment register has rows of
	// (up to the report month in its year): a report with no Investments
	// tells a register without the year from a scope without investments.
	InvestmentYears []int `json:"-"`
	// InvestmentsByDivision: the register's rows of the report's year name
	// divisions only, no cost center, so no unit has investments of its own.
	InvestmentsByDivision bool `json:"-"`
	// Scorecard is filled in by EvaluateScorecard when a scorecard is given.
	Scorecard []ScorecardRow `json:"scorecard,omitempty"`
	// SickLeaveGoal is the scorecard's sick-leave goal in percent, if any.
	SickLeaveGoal *float64    `json:"sick_leave_goal,omitempty"`
	Programmes    []Programme `json:"programmes"`
	Sources       []Source    `json:"sources"`
	// Warnings say what the reader must know to trust the figures: no
	// budget for the year, accounts without a mapping, …
	Warnings []string `json:"warnings"`
}

// Economy is the Ekonomi section.
type Economy struct {
	Result            Result           `json:"result"`
	Forecast          Forecast         `json:"forecast"`
	NetCostChange     []NetCostRow     `json:"net_cost_change"`
	NetCostDetail     []NetCostRow     `json:"net_cost_change_detail"`
	CostDeviation     []CostRow        `json:"cost_deviation"`
	CostByUnit        []CostRow        `json:"cost_deviation_by_unit"`
	ResultDevelopment []DevelopmentRow `json:"result_development"`
}

type Result struct {
	Outcome Money `json:"outcome"`
	// Budget and Deviation are nil (null) where the budget version has no
	// rows for the scope in the year to date: no budget is not a budget of 0.
	Budget    *Money `json:"budget"`
	Deviation *Money `json:"deviation"`
}

type Forecast struct {
	Made      string `json:"made,omitempty"`    // the month the forecast was made
	Version   string `json:"version,omitempty"` // the budget version it is, when it is one
	Deviation *Money `json:"deviation"`         // nil: no forecast this year
	// Division names the unit's division when a unit report has no
	// forecast but the division has one (made for it, not per cost center).
	Division   string             `json:"division_forecast,omitempty"`
	ByCategory []ForecastCategory `json:"by_category"`
}

type ForecastCategory struct {
	Category  string `json:"category"`
	Deviation Money  `json:"deviation"`
}

type NetCostRow struct {
	Category    string   `json:"category"`
	Subcategory string   `json:"subcategory,omitempty"`
	Current     Money    `json:"current"`
	Previous    *Money   `json:"previous"`   // nil when the ledger has nothing for last year's months
	Change      *Money   `json:"change"`     // nil without last year
	ChangePct   *float64 `json:"change_pct"` // nil when last year was zero or missing
}

type CostRow struct {
	Unit        string
	Category    string
	Subcategory string // "" on a category's own row
	Outcome     Money
	// Budget and Deviation are nil where the budget version has no rows
	// for the scope (or the unit) in the year to date.
	Budget    *Money
	Deviation *Money
}

// MarshalJSON writes every row with the same keys, subcategory null on a
// category's own row, so that a reader can index them all alike.
func (c CostRow) MarshalJSON() ([]byte, error) {
	var sub *string
	if c.Subcategory != "" {
		sub = &c.Subcategory
	}
	return json.Marshal(struct {
		Unit        string  `json:"unit,omitempty"`
		Category    string  `json:"category"`
		Subcategory *string `json:"subcategory"`
		Outcome     Money   `json:"outcome"`
		Budget      *Money  `json:"budget"`
		Deviation   *Money  `json:"deviation"`
	}{c.Unit, c.Category, sub, c.Outcome, c.Budget, c.Deviation})
}

type DevelopmentRow struct {
	Month    int    `json:"month"`
	Outcome  *Money `json:"outcome_cum"`
	Budget   *Money `json:"budget_cum"`
	LastYear *Money `json:"last_year_cum"`
}

// Source is one load behind the report.
type Source struct {
	LoadID int64  `json:"load_id"`
	Kind   string `json:"kind"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Rows   int64  `json:"rows"`
}

// TertialOf names the tertial a month closes, or "" for other months.
func TertialOf(m Month) string {
	switch m.Mon {
	case 4:
		return "T1"
	case 8:
		return "T2"
	case 12:
		return "T3"
	}
	return ""
}

// BuildReport runs the report's queries.
func (s *Store) BuildReport(ctx context.Context, o ReportOptions) (*Report, error) {
	if err := s.checkLedgerMonth(ctx); err != nil {
		return nil, err
	}
	if o.Period.Year == 0 {
		var latest sql.NullTime
		if err := s.db.QueryRowContext(ctx, "SELECT max(period) FROM ledger").Scan(&latest); err != nil {
			return nil, err
		}
		if !latest.Valid {
			return nil, scopeErrorf("the ledger is empty: load extracts first (tertial load)")
		}
		o.Period = Month{latest.Time.Year(), latest.Time.Month()}
	}
	if err := s.CheckScope(ctx, o.Unit, o.Division); err != nil {
		return nil, err
	}
	// A programme report needs the month in the ledger at all; any other
	// report needs it in its own scope.
	scope := o
	if o.Programme != "" {
		scope = ReportOptions{Period: o.Period}
	}
	if err := s.checkPeriod(ctx, scope); err != nil {
		return nil, err
	}
	r := &Report{Period: o.Period.String(), Unit: o.Unit, Division: o.Division, Tertial: TertialOf(o.Period), Budget: o.BudgetVersion}
	if r.Budget == "" {
		r.Budget = DefaultVersion
	}
	switch {
	case o.Unit != "":
		r.Scope = "unit"
	case o.Division != "":
		r.Scope, r.Unit = "division", o.Division
	default:
		r.Scope = "all"
		var divs []string
		t, err := s.Query(ctx, "SELECT DISTINCT division FROM cost_centers ORDER BY 1")
		if err != nil {
			return nil, err
		}
		for _, row := range t.Rows {
			divs = append(divs, str(row[0]))
		}
		if len(divs) == 1 {
			r.Scope, r.Unit, r.Division = "division", divs[0], divs[0]
		} else if len(divs) > 1 {
			r.Unit = strings.Join(divs, ", ")
		}
	}
	run := func(name string) (*Table, error) { return s.Run(ctx, name, o) }
	if o.Programme != "" {
		r.Scope, r.Unit, r.Division = "programme", o.Programme, ""
		var err error
		if r.Programmes, err = s.Programmes(ctx, o); err != nil {
			return nil, err
		}
		r.Decisions, r.Warnings = []Decision{}, []string{}
		return r, s.addSources(ctx, r)
	}
	r.Economy = &Economy{}

	t, err := run("period_result")
	if err != nil {
		return nil, err
	}
	if len(t.Rows) == 1 {
		row := t.Rows[0]
		r.Economy.Result = Result{money(row[1]), optMoney(row[2]), optMoney(row[3])}
	}

	if t, err = run("forecast"); err != nil {
		return nil, err
	}
	r.Economy.Forecast.ByCategory = []ForecastCategory{}
	for _, row := range t.Rows {
		r.Economy.Forecast.Made, r.Economy.Forecast.Version = str(row[0]), str(row[3])
		if row[1] == nil {
			r.Economy.Forecast.Deviation = optMoney(row[2])
			continue
		}
		r.Economy.Forecast.ByCategory = append(r.Economy.Forecast.ByCategory, ForecastCategory{str(row[1]), money(row[2])})
	}
	if r.Economy.Forecast.Deviation == nil && r.Scope == "unit" && o.ForecastVersion == "" {
		// A forecast made for the unit's division, not per cost center, is
		// not the unit's: the report says where it is instead of "none".
		var div sql.NullString
		err := s.db.QueryRowContext(ctx, `SELECT any_value(f.division) FROM forecast f
			WHERE f.cost_center IS NULL AND year(f.period) = ? AND f.period <= ?
			  AND f.division IN (SELECT division FROM cost_centers WHERE unit = ?)`, o.Period.Year, o.Period.Date(), o.Unit).Scan(&div)
		if err != nil {
			return nil, fmt.Errorf("forecast: %w", err)
		}
		r.Economy.Forecast.Division = div.String
	}

	if t, err = run("net_cost_change"); err != nil {
		return nil, err
	}
	r.Economy.NetCostChange, r.Economy.NetCostDetail = []NetCostRow{}, []NetCostRow{}
	for _, row := range t.Rows {
		n := NetCostRow{Category: str(row[0]), Subcategory: str(row[1]), Current: money(row[2]), Previous: optMoney(row[3]), Change: optMoney(row[4]), ChangePct: optFloat(row[5])}
		switch {
		case row[1] == nil:
			r.Economy.NetCostChange = append(r.Economy.NetCostChange, n)
		case n.Subcategory != n.Category:
			r.Economy.NetCostDetail = append(r.Economy.NetCostDetail, n)
		}
	}

	if t, err = run("cost_deviation"); err != nil {
		return nil, err
	}
	r.Economy.CostDeviation = []CostRow{}
	for _, row := range t.Rows {
		c := CostRow{Category: str(row[0]), Subcategory: str(row[1]), Outcome: money(row[2]), Budget: optMoney(row[3]), Deviation: optMoney(row[4])}
		if row[1] != nil && c.Subcategory == c.Category {
			continue // a category without subcategories: its total row says it all
		}
		r.Economy.CostDeviation = append(r.Economy.CostDeviation, c)
	}

	if t, err = run("cost_deviation_by_unit"); err != nil {
		return nil, err
	}
	r.Economy.CostByUnit = []CostRow{}
	for _, row := range t.Rows {
		r.Economy.CostByUnit = append(r.Economy.CostByUnit, CostRow{Unit: str(row[0]), Category: str(row[1]), Subcategory: str(row[2]),
			Outcome: money(row[3]), Budget: optMoney(row[4]), Deviation: optMoney(row[5])})
	}

	if t, err = run("result_development"); err != nil {
		return nil, err
	}
	for _, row := range t.Rows {
		m, _ := row[0].(int64)
		r.Economy.ResultDevelopment = append(r.Economy.ResultDevelopment, DevelopmentRow{Month: int(m), Outcome: optMoney(row[1]), Budget: optMoney(row[2]), LastYear: optMoney(row[3])})
	}

	if r.Staff, err = s.buildStaff(ctx, o); err != nil {
		return nil, err
	}
	if r.Decisions, err = s.buildDecisions(ctx, o); err != nil {
		return nil, err
	}
	if r.Investments, err = s.buildInvestments(ctx, o); err != nil {
		return nil, err
	}
	if len(r.Investments) > 0 {
		if r.InvestmentsThrough, err = s.investmentsThrough(ctx, o.Period); err != nil {
			return nil, err
		}
	}
	if r.InvestmentYears, err = s.investmentYears(ctx, o.Period); err != nil {
		return nil, err
	}
	if len(r.Investments) == 0 && r.Scope == "unit" && slices.Contains(r.InvestmentYears, o.Period.Year) {
		err = s.db.QueryRowContext(ctx, `SELECT count(cost_center) = 0 FROM investments WHERE year(period) = ? AND period <= ?`,
			o.Period.Year, o.Period.Date()).Scan(&r.InvestmentsByDivision)
		if err != nil {
			return nil, fmt.Errorf("investments: %w", err)
		}
	}
	if r.Programmes, err = s.Programmes(ctx, o); err != nil {
		return nil, err
	}
	timed := s.steps(ctx, "report", "period", o.Period.String())
	if r.Warnings, err = s.reportWarnings(ctx, o, r); err != nil {
		return nil, err
	}
	timed.step("warnings")
	r.BudgetBasis = "revised"
	if o.OriginalBudget {
		r.BudgetBasis = "original"
	}
	err = s.addSources(ctx, r)
	timed.step("sources")
	return r, err
}

func (s *Store) addSources(ctx context.Context, r *Report) error {
	src, err := s.Query(ctx, "SELECT load_id, kind, file, sha256, rows FROM loads ORDER BY load_id")
	if err != nil {
		return err
	}
	r.Sources = []Source{}
	for _, row := range src.Rows {
		id, _ := row[0].(int64)
		n, _ := row[4].(int64)
		r.Sources = append(r.Sources, Source{LoadID: id, Kind: str(row[1]), File: str(row[2]), SHA256: str(row[3]), Rows: n})
	}
	return nil
}

// CheckScope refuses a unit or division that the organisation does not have,
// rather than printing a report (or a query's answer) of zeros.
func (s *Store) CheckScope(ctx context.Context, unit, division string) error {
	check := func(col, val string) error {
		if val == "" {
			return nil
		}
		var n int
		if err := s.db.QueryRowContext(ctx, fmt.Sprintf("SELECT count(*) FROM cost_centers WHERE %s = ?", col), val).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		t, err := s.Query(ctx, fmt.Sprintf("SELECT DISTINCT %s FROM cost_centers ORDER BY 1", col))
		if err != nil {
			return err
		}
		var known []string
		for _, row := range t.Rows {
			known = append(known, str(row[0]))
		}
		if len(known) == 0 {
			return scopeErrorf("no %s %q: no organisation is loaded (tertial load --kind org FILE)", col, val)
		}
		return scopeErrorf("no %s %q in the organisation; known: %s", col, val, strings.Join(known, ", "))
	}
	if err := check("unit", unit); err != nil {
		return err
	}
	return check("division", division)
}

// checkPeriod refuses a report month that no source of the scope's ledger
// has rows for: a report of zeros, or of an incomplete year, would be
// wrong rather than missing. A month the scope booked nothing in, of a
// source that has the scope's rows and that month, is a quiet month, not a
// missing one (the queries' "loaded" says the same).
func (s *Store) checkPeriod(ctx context.Context, o ReportOptions) error {
	// The organisation is joined only for a unit or division, and the
	// ledger's span is computed only when the month is missing: at region
	// scale a join over every line took most of a second.
	from, where, args := "ledger l", "TRUE", []any{}
	scope := forScope(o.Unit, o.Division)
	switch {
	case o.Unit != "":
		from, where, args = "ledger l LEFT JOIN cost_centers c USING (cost_center)", "coalesce(c.unit, 'Ej mappat') = ?", append(args, o.Unit)
	case o.Division != "":
		from, where, args = "ledger l LEFT JOIN cost_centers c USING (cost_center)", "coalesce(c.division, 'Ej mappat') = ?", append(args, o.Division)
	}
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM "+from+" WHERE l.period = ? AND "+where+" LIMIT 1", append([]any{o.Period.Date()}, args...)...).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if where != "TRUE" {
		// ledger_month has every source, cost center and month of the
		// ledger, in a fraction of its rows.
		months := strings.Replace(from, "ledger l", "ledger_month l", 1)
		err = s.db.QueryRowContext(ctx, "SELECT 1 FROM ledger_month m WHERE m.period = ? AND m.source IN (SELECT DISTINCT l.source FROM "+months+" WHERE "+where+") LIMIT 1",
			append([]any{o.Period.Date()}, args...)...).Scan(&one)
		if err == nil {
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
	}
	var lo, hi sql.NullTime
	if err := s.db.QueryRowContext(ctx, "SELECT min(l.period), max(l.period) FROM "+from+" WHERE "+where, args...).Scan(&lo, &hi); err != nil {
		return err
	}
	if !lo.Valid {
		if scope == "" {
			return scopeErrorf("the ledger is empty: load extracts first (tertial load)")
		}
		return scopeErrorf("the ledger has no rows%s", scope)
	}
	return scopeErrorf("the ledger has no rows for %s%s (it covers %s to %s): load that month's extract, or choose a month it covers",
		o.Period, scope, Month{lo.Time.Year(), lo.Time.Month()}, Month{hi.Time.Year(), hi.Time.Month()})
}

// forScope names a scope in an English message: " for unit MT", " for division
// D", or nothing for the whole organisation.
func forScope(unit, division string) string {
	switch {
	case unit != "":
		return " for unit " + unit
	case division != "":
		return " for division " + division
	}
	return ""
}

var (
	readsLedger = regexp.MustCompile(`\bledger`)
	readsStaff  = regexp.MustCompile(`\b(staff|staff_base|person_months)\b`)
)

// PeriodGaps says which of the data a query reads has no rows for month m
// in the scope: the ledger, for a query that reads it, and the HR hours'
// person-months, for one that reads those. The query's answer for such a
// month is zeros and empty figures, not the month's. A report refuses the
// month (checkPeriod); a query run on its own still answers, and the
// caller warns with these.
func (s *Store) PeriodGaps(ctx context.Context, query string, m Month, unit, division string) ([]string, error) {
	var gaps []string
	if readsLedger.MatchString(query) {
		err := s.checkPeriod(ctx, ReportOptions{Period: m, Unit: unit, Division: division})
		if IsScopeError(err) {
			gaps = append(gaps, err.Error())
		} else if err != nil {
			return nil, err
		}
		// As the report warns: a month of the year without a single
		// ledger line is an extract not loaded.
		if m.Mon > time.January {
			missing, err := s.monthsWithout(ctx, "SELECT DISTINCT period FROM ledger_month WHERE period BETWEEN $1 AND $2", Month{m.Year, 1}, Month{m.Year, m.Mon - 1})
			if err != nil {
				return nil, err
			}
			if len(missing) > 0 {
				names := make([]string, len(missing))
				for i, x := range missing {
					names[i] = x.String()
				}
				gaps = append(gaps, fmt.Sprintf("the ledger has no rows at all for %s: the year-to-date figures count them as nothing booked (an extract not loaded?)", strings.Join(names, ", ")))
			}
		}
	}
	if readsStaff.MatchString(query) {
		var here bool
		var lo, hi sql.NullTime
		if err := s.db.QueryRowContext(ctx, `SELECT
				EXISTS (SELECT 1 FROM staff_base WHERE period = $1 AND ($2 = '' OR unit = $2) AND ($3 = '' OR division = $3)),
				(SELECT min(period) FROM person_months), (SELECT max(period) FROM person_months)`,
			m.Date(), unit, division).Scan(&here, &lo, &hi); err != nil {
			return nil, fmt.Errorf("hr months: %w", err)
		}
		switch {
		case !lo.Valid:
			gaps = append(gaps, "no HR hours are loaded (tertial load --kind hours): the staff figures are empty")
		case !here:
			gaps = append(gaps, fmt.Sprintf("the HR hours have no person-months for %s%s (they cover %s to %s): the staff figures are not that month's",
				m, forScope(unit, division), Month{lo.Time.Year(), lo.Time.Month()}, Month{hi.Time.Year(), hi.Time.Month()}))
		}
	}
	return gaps, nil
}

func (s *Store) reportWarnings(ctx context.Context, o ReportOptions, r *Report) ([]string, error) {
	w, version := []string{}, r.Budget
	var unmapped, unmappedCC int
	yearFrom := Month{o.Period.Year, 1}
	months := o.Period.Index() - yearFrom.Index() + 1 // January to the report month
	gaps, err := s.monthsWithout(ctx, "SELECT DISTINCT period FROM budget WHERE period BETWEEN $1 AND $2 AND version = $3", yearFrom, o.Period, version)
	if err != nil {
		return nil, err
	}
	switch {
	case r.Economy != nil && r.Economy.Result.Budget == nil:
		w = append(w, fmt.Sprintf("Ingen budget (version %s) finns för %s %s: rapporten har ingen periodbudget och inga avvikelser mot budget.", version, reportScope(r), o.Period.SwedishYearToDate("januari")))
	case r.Economy == nil && len(gaps) == months:
		w = append(w, fmt.Sprintf("Ingen budget (version %s) finns för %s.", version, o.Period.SwedishYearToDate("januari")))
	case len(gaps) > 0:
		w = append(w, fmt.Sprintf("Budgeten (version %s) saknar %s: periodbudgeten räknar %s som 0.", version, MonthList(gaps), thoseMonths(gaps)))
	}
	if e := r.Economy; e != nil && e.Result.Budget != nil {
		var units []string
		for _, c := range e.CostByUnit {
			if c.Budget == nil && !slices.Contains(units, c.Unit) {
				units = append(units, c.Unit)
			}
		}
		if len(units) > 0 {
			for i, u := range units {
				if u == "" {
					units[i] = "kostnadsställen utan enhet"
				}
			}
			w = append(w, fmt.Sprintf("Budgeten (version %s) har inget för %s %s: tabellen per enhet har ingen periodbudget och ingen avvikelse där, men periodens resultat räknar deras utfall.",
				version, JoinSwedish(units), o.Period.SwedishYearToDate("januari")))
		}
	}
	for _, kind := range []Kind{KindLedger, KindBudget, KindHours, KindAbsence} {
		if msg, err := s.sourcesTwice(ctx, kind, yearFrom, o.Period, version); err != nil {
			return nil, err
		} else if msg != "" {
			w = append(w, msg)
		}
	}
	thin, err := s.thinMonth(ctx, o.Period)
	if err != nil {
		return nil, err
	}
	w = append(w, thin...)
	// A month of the year without a single ledger line is an extract that
	// was not loaded, never a month without bookings.
	if gaps, err := s.monthsWithout(ctx, "SELECT DISTINCT period FROM ledger_month WHERE period BETWEEN $1 AND $2", yearFrom, o.Period); err != nil {
		return nil, err
	} else if len(gaps) > 0 {
		w = append(w, fmt.Sprintf("Huvudboken har inga rader för %s: utfallet hittills i år saknar %s.", MonthList(gaps), thoseMonths(gaps)))
	}
	if fv := o.ForecastVersion; fv != "" {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM budget WHERE version = ? AND year(period) = ?", fv, o.Period.Year).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			w = append(w, fmt.Sprintf("Prognosversionen %s finns inte för %d: ingen årsprognos visas.", fv, o.Period.Year))
		}
	}
	// As ledger_report's 'Ej mappat', on the year's distinct accounts and
	// cost centers rather than on every line.
	if err := s.db.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM (SELECT DISTINCT account FROM ledger_month WHERE period BETWEEN $1 AND $2) l
			   LEFT JOIN accounts a USING (account) WHERE a.category IS NULL),
			(SELECT count(*) FROM (SELECT DISTINCT cost_center FROM ledger_month WHERE period BETWEEN $1 AND $2 AND cost_center IS NOT NULL) l
			   LEFT JOIN cost_centers c USING (cost_center) WHERE c.unit IS NULL)`, yearFrom.Date(), o.Period.Date()).Scan(&unmapped, &unmappedCC); err != nil {
		return nil, err
	}
	lastYear, err := s.monthsWithout(ctx, "SELECT DISTINCT period FROM ledger_month WHERE period BETWEEN $1 AND $2",
		Month{o.Period.Year - 1, 1}, Month{o.Period.Year - 1, o.Period.Mon})
	if err != nil {
		return nil, err
	}
	switch {
	case len(lastYear) == months:
		w = append(w, fmt.Sprintf("Inget utfall finns för samma period %d: nettokostnadsutvecklingen har ingen jämförelse.", o.Period.Year-1))
	case len(lastYear) > 0:
		w = append(w, fmt.Sprintf("Huvudboken har inga rader för %s: nettokostnadsutvecklingen jämför inte hela samma period %d.", MonthList(lastYear), o.Period.Year-1))
	}
	// A forecast is made every tertial; T2's report with T1's forecast
	// shows a forecast four months old as if it were the current one.
	// (December's speaks of it as history.)
	if e := r.Economy; e != nil && e.Forecast.Made != "" && o.Period.Mon == 8 {
		if made, err := ParsePeriod(e.Forecast.Made); err == nil && made.Index() < (Month{o.Period.Year, 5}).Index() {
			w = append(w, fmt.Sprintf("Årsprognosen lämnades i %s, före tertialen maj–augusti: ingen ny prognos är inläst, och rapporten visar den gamla.", made.Swedish()))
		}
	}
	if r.InvestmentsThrough != "" {
		last, _ := ParsePeriod(r.InvestmentsThrough)
		w = append(w, fmt.Sprintf("Investeringarnas utfall finns bara till och med %s (investeringsextraktets senaste utfallsmånad): tabellen Investeringar visar utfallet till och med den månaden, inte %s.",
			last.Swedish(), o.Period.Swedish()))
	}
	if len(r.InvestmentYears) > 0 && !slices.Contains(r.InvestmentYears, o.Period.Year) {
		w = append(w, fmt.Sprintf("Investeringsregistret har inget för %s (det har %s): avsnittet Investeringar har ingen tabell.",
			o.Period.SwedishYearToDate("januari"), yearList(r.InvestmentYears)))
	}
	loaded, err := s.loadWarnings(ctx, yearFrom, o.Period, version)
	if err != nil {
		return nil, err
	}
	w = append(w, loaded...)
	if msg, err := s.hrCoverage(ctx, o.Period); err != nil {
		return nil, err
	} else if msg != "" {
		w = append(w, msg)
	}
	if msg, err := s.spellsWithoutStaff(ctx, yearFrom, o.Period); err != nil {
		return nil, err
	} else if msg != "" {
		w = append(w, msg)
	}
	if msg, err := s.sickHoursBoth(ctx, yearFrom, o.Period); err != nil {
		return nil, err
	} else if msg != "" {
		w = append(w, msg)
	}
	if msg, err := s.spellsOfTwoSources(ctx, yearFrom, o.Period); err != nil {
		return nil, err
	} else if msg != "" {
		w = append(w, msg)
	}
	if byDefault, err := s.defaultMapping(ctx); err != nil {
		return nil, err
	} else if byDefault {
		w = append(w, "Ingen kontomappning är inläst: kontona redovisas efter standardmappningen per kontoklass (1–2 balansräkning, 3 intäkter, 4–7 kostnader, 8 finansiella poster), utan regionens rapportrader (tertial load --kind accounts).")
	}
	if unmapped > 0 {
		w = append(w, fmt.Sprintf("%d konton saknar kontomappning och redovisas som ”Ej mappat” (tertial sql \"SELECT * FROM accounts WHERE category IS NULL\").", unmapped))
	}
	if unmappedCC > 0 {
		w = append(w, fmt.Sprintf("%d kostnadsställen saknas i organisationen och ingår inte i någon enhet.", unmappedCC))
	}
	return w, nil
}

// loadWarnings repeats what the loads behind the report's months said
// about their files (load_warnings): the ledger of the year and of the
// same months last year, the year's budget of the report's version, its
// forecasts and investments, and the staff's person-months, reported sick
// hours and absence spells. Whoever builds the report from the database
// never saw those loads' logs. The messages are the load's own, in Swedish
// (in English for loads made before the warnings were kept in both); at
// most maxLoadWarnings are repeated.
func (s *Store) loadWarnings(ctx context.Context, yearFrom, m Month, version string) ([]string, error) {
	const maxLoadWarnings = 8
	// Most databases have none: then the scans below are not worth their
	// time (tens of milliseconds at a region's size).
	var some bool
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (FROM load_warnings)").Scan(&some); err != nil || !some {
		return nil, err
	}
	t, err := s.Query(ctx, `WITH behind AS (
			SELECT DISTINCT load_id FROM ledger_month WHERE period BETWEEN $1 AND $3
			UNION SELECT DISTINCT load_id FROM budget WHERE period BETWEEN $2 AND $3 AND version = $4
			UNION SELECT DISTINCT load_id FROM forecast WHERE period BETWEEN $2 AND $3
			UNION SELECT DISTINCT load_id FROM investments WHERE period BETWEEN $2 AND $3
			UNION SELECT DISTINCT load_id FROM person_months WHERE period BETWEEN $1 AND $3
			UNION SELECT DISTINCT load_id FROM sick_hours_reported WHERE period BETWEEN $1 AND $3
			UNION SELECT DISTINCT load_id FROM absence_spells WHERE first_day <= last_day($3::DATE) AND coalesce(last_day, $3) >= $1)
		SELECT w.load_id, l.file, coalesce(w.message_sv, w.message), count(*) OVER () AS n
		FROM load_warnings w JOIN behind USING (load_id) JOIN loads l USING (load_id)
		ORDER BY w.load_id, w.seq LIMIT `+strconv.Itoa(maxLoadWarnings),
		Month{m.Year - 1, 1}.Date(), yearFrom.Date(), m.Date(), version)
	if err != nil {
		return nil, fmt.Errorf("load warnings: %w", err)
	}
	var w []string
	for _, row := range t.Rows {
		w = append(w, fmt.Sprintf("Inläsningen av %s (inläsning %d), som rapportens siffror bygger på, varnade: ”%s”", str(row[1]), count(row[0]), str(row[2])))
	}
	if len(t.Rows) > 0 {
		if n := count(t.Rows[0][3]); n > int64(len(t.Rows)) {
			w = append(w, fmt.Sprintf("Inläsningarna bakom rapporten gav %d varningar till (tertial sql \"FROM load_warnings JOIN loads USING (load_id)\").", n-int64(len(t.Rows))))
		}
	}
	return w, nil
}

// hrCoverage warns when the report's staff figures cannot be trusted or
// are missing. With HR hours loaded but none for the month, the report has
// no Medarbetare section, which a reader would otherwise not notice. With
// staff but no absence of any kind in a month of the year to date — no
// spell of any cause touches it and no sick hours are reported for it —
// that month's sick leave would show as 0 %, and the year's cumulative
// sick leave, which sums its hours, too low: an absence extract has no
// period of its own, so one taken before the month ended, or not loaded,
// looks like a month without sick leave. (A whole division with no absence
// of any kind in a month does not happen.)
func (s *Store) hrCoverage(ctx context.Context, m Month) (string, error) {
	lo := m.Date()
	var staff int64
	var lastMonth, lastDay sql.NullTime
	if err := s.db.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM person_months WHERE period = $1),
			(SELECT max(period) FROM person_months),
			(SELECT max(coalesce(last_day, first_day)) FROM absence_spells)`, lo).Scan(&staff, &lastMonth, &lastDay); err != nil {
		return "", fmt.Errorf("hr coverage: %w", err)
	}
	if staff == 0 {
		if !lastMonth.Valid {
			return "", nil
		}
		last := Month{lastMonth.Time.Year(), lastMonth.Time.Month()}
		return fmt.Sprintf("Inga personuppgifter (HR-extraktets timmar per person och månad) finns för %s – senaste månad med uppgifter är %s – så avsnittet Medarbetare saknas i rapporten. Läs in månadens HR-extrakt (tertial load --kind hours).",
			m.Swedish(), last.Swedish()), nil
	}
	gaps, err := s.queryMonths(ctx, `SELECT p.period
		FROM (SELECT DISTINCT period FROM person_months WHERE period BETWEEN $1 AND $2) p
		WHERE NOT EXISTS (SELECT 1 FROM absence_spells a
		                  WHERE a.first_day <= last_day(p.period) AND (a.last_day IS NULL OR a.last_day >= p.period))
		  AND NOT EXISTS (SELECT 1 FROM sick_hours_reported r WHERE r.period = p.period)
		ORDER BY 1`, Month{m.Year, 1}.Date(), lo)
	if err != nil {
		return "", fmt.Errorf("hr coverage: %w", err)
	}
	if len(gaps) == 0 {
		return s.absenceEndsEarly(ctx, m, lastDay)
	}
	months := MonthList(gaps)
	ytd := ""
	if m.Mon > time.January { // the year to date is more than the month
		ytd = fmt.Sprintf(", och den ackumulerade sjukfrånvaron för %s blir för låg", m.SwedishYearToDate("januari"))
	}
	if !lastDay.Valid {
		var reported bool
		if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM sick_hours_reported)").Scan(&reported); err != nil {
			return "", fmt.Errorf("hr coverage: %w", err)
		}
		if !reported {
			return fmt.Sprintf("Ingen frånvaro är inläst för %s: sjukfrånvaron visas som 0 %%%s. Läs in frånvaroextraktet (tertial load --kind absence) innan sjukfrånvaron publiceras.", months, ytd), nil
		}
	}
	ends := ""
	if last := gaps[len(gaps)-1]; lastDay.Valid && lastDay.Time.Before(last.Date().AddDate(0, 1, 0)) {
		ends = fmt.Sprintf(" (frånvaroextraktets sista dag är %s)", lastDay.Time.Format("2006-01-02"))
	}
	return fmt.Sprintf("Ingen frånvaro alls finns för %s%s: sjukfrånvaron för %s visas som 0 %%%s. Kontrollera att extraktet täcker %s innan sjukfrånvaron publiceras.",
		months, ends, thoseMonths(gaps), ytd, thoseMonths(gaps)), nil
}

// absenceEndsEarly warns when the month has absence but the absence
// extract's last day is more than a week before the month ends, in an
// extract where spells start or end on most days (at least 14 of the 28
// days up to its last): one taken before the month was over, which holds
// only the absence reported until then. An extract of a few spells says
// nothing by its last day, and gets no warning.
func (s *Store) absenceEndsEarly(ctx context.Context, m Month, lastDay sql.NullTime) (string, error) {
	end := m.Date().AddDate(0, 1, -1)
	if !lastDay.Valid || !lastDay.Time.Before(end.AddDate(0, 0, -7)) {
		return "", nil
	}
	var days int
	if err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT d) FROM (
			SELECT first_day AS d FROM absence_spells WHERE first_day > $1::DATE - 28 AND first_day <= $1
			UNION ALL
			SELECT last_day FROM absence_spells WHERE last_day > $1::DATE - 28 AND last_day <= $1)`, lastDay.Time).Scan(&days); err != nil {
		return "", fmt.Errorf("hr coverage: %w", err)
	}
	if days < 14 {
		return "", nil
	}
	return fmt.Sprintf("Frånvaroextraktets senaste dag är %s, mer än en vecka före slutet av %s: sjukfrånvaron för månaden, och den ackumulerade, räknar bara frånvaro rapporterad till och med den dagen och kan vara för låg. Kontrollera att extraktet täcker hela månaden innan sjukfrånvaron publiceras.",
		lastDay.Time.Format("2006-01-02"), m.Swedish()), nil
}

// spellsWithoutStaff warns when many of the sick spells from..to belong to
// no one in the HR hours of the months they touch. Sick leave counts a
// spell's days only against the person's person-months, so such a spell
// adds nothing: when the absence and the hours extracts write the person
// differently (anställningsnummer in one and personnummer in the other),
// sick leave comes out far too low, with no other sign. A few spells of people who left are normal; a tenth is not.
// Only months through the last one with hours loaded count (hrCoverage
// speaks of the others).
func (s *Store) spellsWithoutStaff(ctx context.Context, from, to Month) (string, error) {
	var spells, alone int64
	if err := s.db.QueryRowContext(ctx, `WITH b AS (
			SELECT $1::DATE AS lo, (SELECT max(period) FROM person_months WHERE period BETWEEN $1 AND $2) AS hi
		), spells AS ( -- each sick spell, and the months of it the range has
			SELECT s.person, greatest(date_trunc('month', s.first_day), b.lo) AS f,
			       least(date_trunc('month', coalesce(s.last_day, b.hi)), b.hi) AS l
			FROM absence_spells s, b
			WHERE s.sick AND s.first_day < b.hi + INTERVAL 1 MONTH AND (s.last_day IS NULL OR s.last_day >= b.lo)
		)
		SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (
			SELECT 1 FROM person_months p WHERE p.person = spells.person AND p.period BETWEEN spells.f AND spells.l))
		FROM spells`, from.Date(), to.Date()).Scan(&spells, &alone); err != nil {
		return "", fmt.Errorf("sick spells without staff: %w", err)
	}
	if alone == 0 || alone*10 < spells {
		return "", nil
	}
	var months []Month
	for i := from.Index(); i <= to.Index(); i++ {
		months = append(months, Month{i / 12, time.Month(i%12 + 1)})
	}
	return fmt.Sprintf("%s av %s sjukfrånvaroperioder under %s gäller personer som inte finns i HR-extraktets timmar för de månaderna, så deras sjukdagar räknas inte och sjukfrånvaron blir för låg. Kontrollera att frånvaroextraktet och timextraktet anger personen på samma sätt (båda med anställningsnummer eller båda med personnummer).",
		thousands(alone), thousands(spells), MonthList(months)), nil
}

// sickHoursBoth warns of person-months in from..to whose sick hours come
// both as reported hours (sick_hours) and as sick spells (absence). The
// staff view takes the reported hours there and leaves the spells' out, so
// that no hour counts twice; the economist should know which extract gave
// those months' figures, and whether both were meant to be loaded.
func (s *Store) sickHoursBoth(ctx context.Context, from, to Month) (string, error) {
	var both int64
	if err := s.db.QueryRowContext(ctx, `SELECT count(*)
		FROM (SELECT DISTINCT period, person FROM sick_hours_reported WHERE period BETWEEN $1 AND $2) r
		WHERE EXISTS (SELECT 1 FROM absence_spells a
		              WHERE a.sick AND a.person = r.person
		                AND a.first_day <= last_day(r.period) AND (a.last_day IS NULL OR a.last_day >= r.period))`,
		from.Date(), to.Date()).Scan(&both); err != nil {
		return "", fmt.Errorf("sick hours of both kinds: %w", err)
	}
	if both == 0 {
		return "", nil
	}
	pm := "personmånader"
	if both == 1 {
		pm = "personmånad"
	}
	return fmt.Sprintf("För %s %s under %s finns sjuktimmar både rapporterade per månad (tertial load --kind sick_hours) och som sjukfrånvaroperioder (--kind absence): där räknas de rapporterade sjuktimmarna och inte periodernas, så att ingen timme räknas två gånger. Kontrollera att båda extrakten ska gälla de månaderna.",
		thousands(both), pm, to.SwedishYearToDate("januari")), nil
}

// spellsOfTwoSources warns of people whose sick spells from two sources
// (two absence extracts loaded under different names) overlap in from..to:
// within a source spells never overlap (a file's are refused, a later
// load replaces its dates), but across sources both count, and the days
// they share are sick hours twice.
func (s *Store) spellsOfTwoSources(ctx context.Context, from, to Month) (string, error) {
	var people int64
	var first, second sql.NullString
	if err := s.db.QueryRowContext(ctx, `WITH r AS (SELECT $1::DATE AS lo, last_day($2::DATE) AS hi),
		sick AS (SELECT a.person, a.source, greatest(a.first_day, r.lo) AS f, least(coalesce(a.last_day, r.hi), r.hi) AS l
		         FROM absence_spells a, r
		         WHERE a.sick AND a.first_day <= r.hi AND (a.last_day IS NULL OR a.last_day >= r.lo)),
		pairs AS (SELECT a.person, a.source AS s1, b.source AS s2
		         FROM sick a JOIN sick b ON a.person = b.person AND a.source < b.source AND a.f <= b.l AND b.f <= a.l)
		SELECT count(DISTINCT person), first(s1 ORDER BY s1, s2), first(s2 ORDER BY s1, s2) FROM pairs`, from.Date(), to.Date()).Scan(&people, &first, &second); err != nil {
		return "", fmt.Errorf("sick spells of two sources: %w", err)
	}
	if people == 0 {
		return "", nil
	}
	who := "personer"
	if people == 1 {
		who = "person"
	}
	return fmt.Sprintf("%s %s har sjukfrånvaroperioder under %s från två frånvaroextrakt med olika källor (%s och %s) som överlappar: de dagarna räknas två gånger och sjukfrånvaron blir för hög. Läs in det ena extraktet igen med den andras --source, så ersätter det den (tertial load --kind absence --source …).",
		thousands(people), who, to.SwedishYearToDate("januari"), first.String, second.String), nil
}

// investmentsThrough is the latest month of the report year with
// investment outcome, as YYYY-MM, when the investment extract has outcome
// for the year but ends before the report month; "" otherwise.
func (s *Store) investmentsThrough(ctx context.Context, m Month) (string, error) {
	var last sql.NullTime
	if err := s.db.QueryRowContext(ctx, "SELECT max(period) FROM investments WHERE kind = 'utfall' AND year(period) = ? AND period <= ?",
		m.Year, m.Date()).Scan(&last); err != nil {
		return "", fmt.Errorf("investments: %w", err)
	}
	if !last.Valid {
		return "", nil
	}
	if l := (Month{last.Time.Year(), last.Time.Month()}); l.Index() < m.Index() {
		return l.String(), nil
	}
	return "", nil
}

// reportScope is what a report covers, as explain's scopeText says it:
// "enhet IT", "division Länsteknik" (also when the organisation has that
// one division), "hela organisationen".
func reportScope(r *Report) string {
	switch r.Scope {
	case "unit":
		return scopeText(Params{Unit: r.Unit})
	case "division":
		return scopeText(Params{Division: r.Unit})
	}
	return scopeText(Params{})
}

// investmentYears lists the years the investment register has rows of:
// the report's year counts up to its month only.
func (s *Store) investmentYears(ctx context.Context, m Month) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT year(period)::INTEGER FROM investments
		WHERE year(period) <> ? OR period <= ? ORDER BY 1`, m.Year, m.Date())
	if err != nil {
		return nil, fmt.Errorf("investments: %w", err)
	}
	defer rows.Close()
	var years []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, fmt.Errorf("investments: %w", err)
		}
		years = append(years, y)
	}
	return years, rows.Err()
}

// yearList is "2018", "2018 och 2019" or "2017, 2018 och 2019".
func yearList(years []int) string {
	s := make([]string, len(years))
	for i, y := range years {
		s[i] = strconv.Itoa(y)
	}
	if len(s) == 1 {
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " och " + s[len(s)-1]
}

// monthsWithout lists the months from..to that query lacks; it selects the
// periods it has, between $1 = from and $2 = to, with args as $3….
func (s *Store) monthsWithout(ctx context.Context, query string, from, to Month, args ...any) ([]Month, error) {
	months, err := s.queryMonths(ctx, query, append([]any{from.Date(), to.Date()}, args...)...)
	if err != nil {
		return nil, err
	}
	have := map[int]bool{}
	for _, m := range months {
		have[m.Index()] = true
	}
	var out []Month
	for i := from.Index(); i <= to.Index(); i++ {
		if !have[i] {
			out = append(out, MonthFromIndex(i))
		}
	}
	return out, nil
}

// queryMonths runs a query whose one column is a month's date.
func (s *Store) queryMonths(ctx context.Context, query string, args ...any) ([]Month, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Month
	for rows.Next() {
		var p time.Time
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, Month{p.Year(), p.Month()})
	}
	return out, rows.Err()
}

// thoseMonths refers back to one month or several.
func thoseMonths(ms []Month) string {
	if len(ms) == 1 {
		return "den månaden"
	}
	return "de månaderna"
}

// MonthList names months as a Swedish text does, runs joined by a dash and
// the year once for each year: "januari–mars 2019", "februari och april
// 2019", "december 2018, januari 2019".
func MonthList(ms []Month) string {
	type run struct{ from, to Month }
	var runs []run
	for _, m := range ms {
		if n := len(runs); n > 0 && runs[n-1].to.Index()+1 == m.Index() && runs[n-1].to.Year == m.Year {
			runs[n-1].to = m
			continue
		}
		runs = append(runs, run{m, m})
	}
	var years [][]string // the runs' names, grouped by year
	var yearOf []int
	for _, r := range runs {
		name := SwedishMonths[r.from.Mon-1]
		if r.to != r.from {
			name += "–" + SwedishMonths[r.to.Mon-1]
		}
		if n := len(yearOf); n > 0 && yearOf[n-1] == r.from.Year {
			years[n-1] = append(years[n-1], name)
			continue
		}
		years, yearOf = append(years, []string{name}), append(yearOf, r.from.Year)
	}
	parts := make([]string, len(years))
	for i, names := range years {
		parts[i] = fmt.Sprintf("%s %d", JoinSwedish(names), yearOf[i])
	}
	return strings.Join(parts, ", ")
}

// JoinSwedish joins as a Swedish list does: "a, b och c".
func JoinSwedish(parts []string) string {
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " och " + parts[len(parts)-1]
}

// thinMonth warns when the report month looks incomplete: far fewer ledger
// lines than a usual month and than the same month a year ago (a report
// run before the month was closed, an extract taken mid-month), or far fewer people in the HR hours than the
// month before (an extract missing part of the organisation). The figures
// are then not wrong, but not the month's either.
func (s *Store) thinMonth(ctx context.Context, m Month) ([]string, error) {
	// A seasonal month (July) is thin every year: only a month thin
	// against the usual one and against itself a year ago is warned of.
	var lines, usual, lastYear sql.NullFloat64
	var months int
	if err := s.db.QueryRowContext(ctx, `
		WITH per AS (SELECT period, sum(lines) AS n FROM ledger_month WHERE period BETWEEN $1 AND $2 GROUP BY period)
		SELECT (SELECT n FROM per WHERE period = $2), (SELECT median(n) FROM per WHERE period < $2), (SELECT count(*) FROM per WHERE period < $2),
		       (SELECT n FROM per WHERE period = $1)`,
		MonthFromIndex(m.Index()-12).Date(), m.Date()).Scan(&lines, &usual, &months, &lastYear); err != nil {
		return nil, fmt.Errorf("ledger month: %w", err)
	}
	var out []string
	if lines.Valid && usual.Valid && months >= 3 && lines.Float64 < usual.Float64/2 && (!lastYear.Valid || lines.Float64 < lastYear.Float64/2) {
		out = append(out, fmt.Sprintf("Huvudboken för %s har %.0f %% av en vanlig månads rader (%s mot median %s de %d månaderna före): är månaden avslutad och hela extraktet inläst?",
			m.Swedish(), 100*lines.Float64/usual.Float64, thousands(int64(lines.Float64)), thousands(int64(usual.Float64)), months))
	}
	var people, before int64
	if err := s.db.QueryRowContext(ctx, `SELECT
			(SELECT count(DISTINCT person) FROM person_months WHERE period = $1),
			(SELECT count(DISTINCT person) FROM person_months WHERE period = $2)`,
		m.Date(), MonthFromIndex(m.Index()-1).Date()).Scan(&people, &before); err != nil {
		return nil, fmt.Errorf("hr month: %w", err)
	}
	if people > 0 && before >= 20 && people*4 < before*3 {
		out = append(out, fmt.Sprintf("HR-extraktet för %s har %s personer mot %s månaden före: är hela organisationen med i extraktet?",
			m.Swedish(), thousands(people), thousands(before)))
	}
	return out, nil
}

// thousands writes n with Swedish thousands separators (no-break spaces).
func thousands(n int64) string { return SwedishNumber(strconv.FormatInt(n, 10)) }

// SwedishNumber rewrites a plain number ("-1234567.5") the Swedish way:
// no-break spaces between thousands, a decimal comma and the minus sign
// U+2212 ("−1 234 567,5"); a negative that is zero as written has none.
func SwedishNumber(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString("\u00a0")
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteString(",")
		b.WriteString(frac)
	}
	out := b.String()
	if neg && strings.Trim(out, "0,\u00a0") != "" {
		out = "\u2212" + out
	}
	return out
}
