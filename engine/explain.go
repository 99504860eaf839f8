package engine

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/tertial/tertial/queries"
)

// Lineage answers an auditor's "where does this number come from?": the SQL
// that produced a figure, the loads (file, SHA-256) whose rows it used, and
// the rows themselves with their file and line or voucher.
type Lineage struct {
	Figure  string          `json:"figure"`
	Title   string          `json:"title"`
	SQL     string          `json:"sql"`
	Period  string          `json:"period"`
	Scope   string          `json:"scope"`
	Sources []LineageSource `json:"sources"`
	Rows    []LineageRow    `json:"rows"`
	// RowsShown is how many of the rows behind the figure Rows holds (the
	// largest amounts first).
	RowsTotal int64 `json:"rows_total"`
}

// LineageSource is one load's rows of one table behind a figure: a load
// that holds both outcome and budget (a SIE file with #PBUDGET) is two.
// Amount is the rows' sum as the extract has it (debit +, credit −).
type LineageSource struct {
	LoadID int64  `json:"load_id"`
	Kind   string `json:"kind"`
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
	Table  string `json:"table"`
	Rows   int64  `json:"rows"`
	Amount *Money `json:"amount,omitempty"`
	// Warnings are what the load said about its file (load_warnings).
	Warnings []string `json:"warnings,omitempty"`
}

type LineageRow struct {
	File       string `json:"file"`
	Line       int64  `json:"line"`
	Voucher    string `json:"voucher,omitempty"`
	Period     string `json:"period"`
	Account    string `json:"account,omitempty"`
	CostCenter string `json:"cost_center,omitempty"`
	Amount     Money  `json:"amount"`
	Text       string `json:"text,omitempty"`
	Table      string `json:"table"`
}

// LineageFilter narrows the rows to part of a figure.
type LineageFilter struct {
	Category    string
	Subcategory string
	Account     string
}

// baseOf says which rows each figure reads, as a SELECT over the documented
// views with the columns load_id, line, voucher, period, account,
// cost_center, amount, text, lines (the source rows a row stands for), and
// the scope filter applied through ?-less variables p.*. With monthly the
// ledger's rows are its month sums (ledger_month): the same loads, lines
// and amounts, without line, voucher and text, and a fifth of the rows.
func baseOf(figure string, monthly bool) (string, bool) {
	rowCols, ledgerView := "r.line, r.voucher, r.period, r.account, r.cost_center, r.amount, r.text, r.category, r.subcategory, 1 AS lines", "ledger_report"
	if monthly {
		rowCols, ledgerView = "NULL AS line, NULL AS voucher, r.period, r.account, r.cost_center, r.amount, NULL AS text, r.category, r.subcategory, r.lines", "ledger_month_report"
	}
	ledger := `SELECT 'ledger' AS tbl, r.load_id, ` + rowCols + `
		FROM ` + ledgerView + ` r, p WHERE r.kind %s AND r.period BETWEEN %s AND p.period
		AND (p.unit IS NULL OR r.unit = p.unit) AND (p.division IS NULL OR r.division = p.division)`
	budget := `SELECT 'budget' AS tbl, r.load_id, r.line, r.decision AS voucher, r.period, r.account, r.cost_center, r.amount, NULL AS text, r.category, r.subcategory, 1 AS lines
		FROM budget_report r, p WHERE r.version = p.version AND r.kind %s AND r.period BETWEEN p.year_start AND p.period
		AND (p.unit IS NULL OR r.unit = p.unit) AND (p.division IS NULL OR r.division = p.division)`
	switch figure {
	case "period_result", "result_development":
		return fmt.Sprintf(ledger, "<> 'balance'", "p.year_start") + " UNION ALL " + fmt.Sprintf(budget, "<> 'balance'"), true
	case "cost_deviation", "cost_deviation_by_unit":
		return fmt.Sprintf(ledger, "= 'cost'", "p.year_start") + " UNION ALL " + fmt.Sprintf(budget, "= 'cost'"), true
	case "net_cost_change":
		return fmt.Sprintf(ledger, "= 'cost'", "p.last_year_start") +
			// Not "period >= year_start OR period <= last_year_period", the
			// same rows: with that OR, DuckDB guessed too few rows and built
			// its join's hash table on the month sums instead of the accounts
			// (on the bench region: 0.25 s against 0.07 for the join alone).
			" AND NOT (r.period > p.last_year_period AND r.period < p.year_start)", true
	case "forecast":
		return `SELECT 'forecast' AS tbl, f.load_id, f.line, NULL AS voucher, f.period, NULL AS account, f.cost_center, f.deviation AS amount, f.comment AS text, f.category, NULL AS subcategory, 1 AS lines
			FROM forecast f LEFT JOIN cost_centers c USING (cost_center), p
			WHERE year(f.period) = year(p.period) AND f.period <= p.period
			AND (p.unit IS NULL OR c.unit = p.unit) AND (p.division IS NULL OR c.division = p.division OR f.division = p.division)`, true
	case "investments":
		return `SELECT 'investments' AS tbl, i.load_id, i.line, i.kind AS voucher, i.period, NULL AS account, i.cost_center, i.amount, i.text, i.category, NULL AS subcategory, 1 AS lines
			FROM investments i LEFT JOIN cost_centers c USING (cost_center), p
			WHERE year(i.period) = year(p.period) AND i.period <= p.period
			AND (p.unit IS NULL OR c.unit = p.unit) AND (p.division IS NULL OR c.division = p.division OR i.division = p.division)`, true
	case "budget_decisions":
		return `SELECT 'budget_decisions' AS tbl, d.load_id, d.line, d.reference AS voucher, d.effective AS period, d.account, NULL AS cost_center, d.amount, d.text, d.category, NULL AS subcategory, 1 AS lines
			FROM budget_decisions d, p WHERE year(d.effective) = year(p.period) OR year(d.decided) = year(p.period)`, true
	case "programme", "programme_forecast_change":
		return `SELECT 'ledger' AS tbl, l.load_id, l.line, l.voucher, l.period, l.account, l.cost_center, l.amount, l.text, g.name AS category, NULL AS subcategory, 1 AS lines
			FROM programmes g
			JOIN ledger l ON (g.project IS NULL OR l.project = g.project)
				AND (g.cost_centers IS NULL OR list_contains(g.cost_centers, l.cost_center))
				AND (g.accounts IS NULL OR list_contains(g.accounts, l.account)), p
			WHERE l.period <= p.period AND (getvariable('programme') IS NULL OR g.name = getvariable('programme')::VARCHAR)`, true
	case "sick_leave", "sick_leave_monthly":
		// The sick hours come from the absence spells and the sick hours
		// reported per person-month of the people in scope: their loads
		// are behind the figure as much as the hours'.
		return staffRows + " UNION ALL " + sickRows, true
	case "fte", "headcount", "headcount_monthly", "extra_hours", "turnover", "span_of_control":
		return staffRows, true
	}
	return "", false
}

// staffRows are the person-months of the staff figures: shown by file and
// line, never by person.
const staffRows = `SELECT 'person_months' AS tbl, pm.load_id, pm.line, NULL AS voucher, pm.period, NULL AS account, pm.cost_center, pm.scheduled_hours AS amount, NULL AS text, NULL AS category, NULL AS subcategory, 1 AS lines
			FROM person_months pm LEFT JOIN cost_centers c USING (cost_center), p
			WHERE pm.period BETWEEN p.last_year_start AND p.period
			AND (p.unit IS NULL OR c.unit = p.unit) AND (p.division IS NULL OR c.division = p.division)`

// sickRows are the sick spells touching those months and the sick hours
// reported for them, of the people with a person-month in scope (the staff
// view gives a spell's hours to the person-months it falls in).
const sickRows = `SELECT 'absence_spells' AS tbl, a.load_id, a.line, NULL AS voucher, a.first_day AS period, NULL AS account, NULL AS cost_center, NULL AS amount, NULL AS text, NULL AS category, NULL AS subcategory, 1 AS lines
			FROM absence_spells a, p
			WHERE a.sick AND a.first_day <= last_day(p.period) AND (a.last_day IS NULL OR a.last_day >= p.last_year_start)
			AND a.person IN (SELECT pm.person FROM person_months pm LEFT JOIN cost_centers c USING (cost_center)
				WHERE pm.period BETWEEN p.last_year_start AND p.period
				AND (p.unit IS NULL OR c.unit = p.unit) AND (p.division IS NULL OR c.division = p.division))
		UNION ALL
		SELECT 'sick_hours_reported' AS tbl, r.load_id, r.line, NULL AS voucher, r.period, NULL AS account, NULL AS cost_center, r.sick_hours AS amount, NULL AS text, NULL AS category, NULL AS subcategory, 1 AS lines
			FROM sick_hours_reported r, p
			WHERE r.period BETWEEN p.last_year_start AND p.period
			AND EXISTS (SELECT 1 FROM person_months pm LEFT JOIN cost_centers c USING (cost_center)
				WHERE pm.person = r.person AND pm.period = r.period
				AND (p.unit IS NULL OR c.unit = p.unit) AND (p.division IS NULL OR c.division = p.division))`

// Explain returns the lineage of a figure: its SQL, the loads behind it and
// up to limit of its source rows (largest amounts first).
func (s *Store) Explain(ctx context.Context, figure string, p Params, f LineageFilter, limit int) (*Lineage, error) {
	return s.explain(ctx, figure, p, f, limit, nil)
}

// Explainer explains many figures of one report over the same data: figures
// that share their source rows (period_result and result_development, the
// staff figures …) read them once.
type Explainer struct {
	s    *Store
	memo map[string]*Table
}

// NewExplainer returns an Explainer; use it while the data does not change.
func (s *Store) NewExplainer() *Explainer { return &Explainer{s: s, memo: map[string]*Table{}} }

// Explain is Store.Explain with the sources of earlier figures reused.
func (e *Explainer) Explain(ctx context.Context, figure string, p Params, f LineageFilter, limit int) (*Lineage, error) {
	return e.s.explain(ctx, figure, p, f, limit, e.memo)
}

func (s *Store) explain(ctx context.Context, figure string, p Params, f LineageFilter, limit int, memo map[string]*Table) (*Lineage, error) {
	defer s.steps(ctx, "query", "query", "lineage of "+figure).done()
	q, err := queries.Get(figure)
	if err != nil {
		return nil, err
	}
	base, ok := baseOf(figure, false)
	if !ok {
		return nil, fmt.Errorf("explain: no lineage for %s", figure)
	}
	monthly, _ := baseOf(figure, true)
	// Before taking a connection: the check may need one of its own.
	if err := s.checkLedgerMonth(ctx); err != nil {
		return nil, err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if err := setParams(ctx, conn, p); err != nil {
		return nil, err
	}
	// Last year's bounds are columns of p, computed once: as expressions in
	// a WHERE they are computed again for every row.
	pcte := `WITH p0 AS (
		SELECT coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger))::DATE AS period,
		       date_trunc('year', coalesce(getvariable('period')::DATE, (SELECT max(period) FROM ledger)))::DATE AS year_start,
		       getvariable('unit')::VARCHAR AS unit, getvariable('division')::VARCHAR AS division,
		       coalesce(getvariable('budget_version')::VARCHAR, 'budget') AS version),
		p AS (SELECT *, (year_start - INTERVAL 1 YEAR)::DATE AS last_year_start, (period - INTERVAL 1 YEAR)::DATE AS last_year_period FROM p0)`
	where := "TRUE"
	var args []any
	for col, v := range map[string]string{"category": f.Category, "subcategory": f.Subcategory, "account": f.Account} {
		if v != "" {
			where += " AND b." + col + " = ?"
			args = append(args, v)
		}
	}
	from := pcte + ", b AS (" + base + ") "
	l := &Lineage{Figure: figure, Title: q.Title, SQL: q.SQL, Period: p.Period.String(), Scope: scopeText(p)}
	// Summed by load before the loads' file and hash join in: grouping
	// millions of month sums by those strings cost a fifth of the query.
	// By table too: a SIE file's load holds both outcome (ledger) and
	// budget (#PBUDGET), whose sum together is neither.
	srcSQL := pcte + ", b AS (" + monthly + "), s AS (SELECT b.load_id, b.tbl, sum(b.lines)::BIGINT AS n, sum(b.amount)::DECIMAL(18,2) AS amount FROM b WHERE " + where + ` GROUP BY b.load_id, b.tbl)
		SELECT s.load_id, l.kind, l.file, l.sha256, s.n, s.amount, s.tbl FROM s JOIN loads l USING (load_id) ORDER BY s.load_id, s.tbl`
	key := fmt.Sprintf("%s\x00%+v\x00%v", srcSQL, p, args)
	src := memo[key]
	if src == nil {
		if src, err = queryTable(ctx, conn, srcSQL, args...); err != nil {
			return nil, fmt.Errorf("explain %s: %w", figure, err)
		}
		if memo != nil {
			memo[key] = src
		}
		if s.Trace != nil && len(args) == 0 {
			*s.Trace = append(*s.Trace, TracedQuery{Name: "lineage of " + figure, SQL: srcSQL, Params: p})
		}
	}
	for _, r := range src.Rows {
		ls := LineageSource{LoadID: count(r[0]), Kind: str(r[1]), File: str(r[2]), SHA256: str(r[3]), Rows: count(r[4]), Table: str(r[6])}
		if !strings.HasPrefix(figure, "sick") && !strings.HasPrefix(figure, "fte") && !strings.HasPrefix(figure, "headcount") &&
			figure != "extra_hours" && figure != "turnover" && figure != "span_of_control" {
			ls.Amount = optMoney(r[5])
		}
		l.Sources = append(l.Sources, ls)
		l.RowsTotal += ls.Rows
	}
	if err := loadWarningsOf(ctx, conn, l.Sources, memo); err != nil {
		return nil, fmt.Errorf("explain %s: %w", figure, err)
	}
	if limit > 0 && l.Sources != nil && l.Sources[0].Amount != nil {
		rows, err := queryTable(ctx, conn, from+fmt.Sprintf(`SELECT l.file, b.line, b.voucher, strftime(b.period, '%%Y-%%m'), b.account, b.cost_center, b.amount::DECIMAL(18,2), b.text, b.tbl
			FROM b JOIN loads l USING (load_id) WHERE %s ORDER BY abs(b.amount) DESC, l.file, b.line LIMIT %d`, where, limit), args...)
		if err != nil {
			return nil, fmt.Errorf("explain %s: %w", figure, err)
		}
		for _, r := range rows.Rows {
			l.Rows = append(l.Rows, LineageRow{File: str(r[0]), Line: count(r[1]), Voucher: str(r[2]), Period: str(r[3]), Account: str(r[4]),
				CostCenter: str(r[5]), Amount: money(r[6]), Text: str(r[7]), Table: str(r[8])})
		}
	}
	return l, nil
}

func scopeText(p Params) string {
	switch {
	case p.Unit != "":
		return "enhet " + p.Unit
	case p.Division != "":
		return "division " + p.Division
	}
	return "hela organisationen"
}

// loadWarningsOf attaches to each source what its load said about its
// file. The table is small and read once per Explainer (memo).
func loadWarningsOf(ctx context.Context, conn *sql.Conn, sources []LineageSource, memo map[string]*Table) error {
	if len(sources) == 0 {
		return nil
	}
	const key = "\x00load_warnings"
	t := memo[key]
	if t == nil {
		var err error
		if t, err = queryTable(ctx, conn, "SELECT load_id, message FROM load_warnings ORDER BY load_id, seq"); err != nil {
			return err
		}
		if memo != nil {
			memo[key] = t
		}
	}
	for _, r := range t.Rows {
		for i := range sources {
			if sources[i].LoadID == count(r[0]) {
				sources[i].Warnings = append(sources[i].Warnings, str(r[1]))
			}
		}
	}
	return nil
}
