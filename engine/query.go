package engine

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/shopspring/decimal"

	"github.com/tertial/tertial/queries"
)

// Params are the variables a query reads. Zero values mean "not set": the
// latest month, the whole organisation, the default budget version.
type Params struct {
	Period        Month
	Unit          string
	Division      string
	BudgetVersion string
	// MaskThreshold hides a staff group of this many employees or fewer
	// (0 = the law's 10). FTEHours is the annual full-time hours (0 = 1720).
	MaskThreshold int
	FTEHours      int
	// MaskComplements masks, in sick leave, the groups beside a masked one
	// that would give it away with the total (women/men, the age groups).
	MaskComplements bool
	// OriginalBudget compares with the budget as loaded instead of the
	// revised budget (original + decisions in force).
	OriginalBudget bool
	// Programme names a multi-year programme for the programme queries.
	Programme string
	// ShortDays ends the short part of a sick spell (0 = 14); LongSpellDays
	// is the length from which a spell counts as long (0 = 60).
	ShortDays, LongSpellDays int
	// ForecastVersion names a budget version that holds a full-year forecast
	// (amounts per account, as a budget): the årsprognos is then that version
	// against the annual budget, instead of the forecast extract's deviations.
	ForecastVersion string
}

// Table is a query result: plain Go values. DECIMAL becomes decimal.Decimal,
// DATE time.Time, integers int64, DOUBLE float64, text string, NULL nil.
type Table struct {
	Query   string
	Columns []string
	Types   []string
	Rows    [][]any
}

// Col returns the index of a column, or -1.
func (t *Table) Col(name string) int {
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// TracedQuery is a query a Store ran, with its parameters: what a report's
// SQL alone is, for the bench.
type TracedQuery struct {
	Name   string `json:"name"`
	SQL    string `json:"sql"`
	Params Params `json:"params"`
}

// Run runs a named query with its parameters set as DuckDB variables.
func (s *Store) Run(ctx context.Context, name string, p Params) (*Table, error) {
	q, err := queries.Get(name)
	if err != nil {
		return nil, err
	}
	return s.RunQuery(ctx, q, p)
}

// RunQuery runs q with p set as DuckDB variables.
func (s *Store) RunQuery(ctx context.Context, q queries.Query, p Params) (*Table, error) {
	if err := s.checkBefore(ctx, q.SQL); err != nil {
		return nil, err
	}
	defer s.steps(ctx, "query", "query", q.Name).done()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if err := setParams(ctx, conn, p); err != nil {
		return nil, fmt.Errorf("query %s: %w", q.Name, err)
	}
	t, err := queryTable(ctx, conn, q.SQL)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", q.Name, err)
	}
	if s.Trace != nil {
		*s.Trace = append(*s.Trace, TracedQuery{Name: q.Name, SQL: q.SQL, Params: p})
	}
	t.Query = q.Name
	return t, nil
}

func setParams(ctx context.Context, conn *sql.Conn, p Params) error {
	set := func(name, value string) error {
		_, err := conn.ExecContext(ctx, fmt.Sprintf("SET VARIABLE %s = %s", name, value))
		return err
	}
	str := func(v string) string {
		if v == "" {
			return "NULL"
		}
		return sqlString(v)
	}
	period := "NULL"
	if p.Period.Year != 0 {
		period = fmt.Sprintf("DATE '%s-01'", p.Period)
	}
	basis := "NULL"
	if p.OriginalBudget {
		basis = "'original'"
	}
	num := func(v int) string {
		if v == 0 {
			return "NULL"
		}
		return fmt.Sprint(v)
	}
	complements := "NULL"
	if p.MaskComplements {
		complements = "true"
	}
	for _, kv := range [][2]string{{"period", period}, {"unit", str(p.Unit)}, {"division", str(p.Division)}, {"budget_version", str(p.BudgetVersion)},
		{"mask_threshold", num(p.MaskThreshold)}, {"mask_complements", complements}, {"fte_hours", num(p.FTEHours)}, {"budget_basis", basis}, {"programme", str(p.Programme)},
		{"short_days", num(p.ShortDays)}, {"long_spell_days", num(p.LongSpellDays)}, {"forecast_version", str(p.ForecastVersion)}} {
		if err := set(kv[0], kv[1]); err != nil {
			return err
		}
	}
	return nil
}

type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Query runs ad-hoc SQL and returns its result as a Table.
func (s *Store) Query(ctx context.Context, sqlText string, args ...any) (*Table, error) {
	if err := s.checkBefore(ctx, sqlText); err != nil {
		return nil, err
	}
	return queryTable(ctx, s.db, sqlText, args...)
}

func queryTable(ctx context.Context, db queryer, sqlText string, args ...any) (*Table, error) {
	rows, err := db.QueryContext(ctx, sqlText, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	t := &Table{Columns: cols}
	for _, ct := range types {
		t.Types = append(t.Types, ct.DatabaseTypeName())
	}
	for rows.Next() {
		vals, err := scanRow(rows, len(cols))
		if err != nil {
			return nil, err
		}
		t.Rows = append(t.Rows, vals)
	}
	return t, rows.Err()
}

// scanRow reads the current row as plain values (see plainValue).
func scanRow(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	for i, v := range vals {
		vals[i] = plainValue(v)
	}
	return vals, nil
}

// plainValue turns driver values into the few types the rest of tertial
// handles.
func plainValue(v any) any {
	switch x := v.(type) {
	case duckdb.Decimal:
		if x.Value == nil {
			return decimal.Zero
		}
		return decimal.NewFromBigInt(new(big.Int).Set(x.Value), -int32(x.Scale))
	case *big.Int:
		return decimal.NewFromBigInt(x, 0)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint8:
		return int64(x)
	case uint16:
		return int64(x)
	case uint32:
		return int64(x)
	case uint64:
		return int64(x)
	case int:
		return int64(x)
	case float32:
		return float64(x)
	case []byte:
		return string(x)
	case time.Time:
		return x.UTC()
	}
	return v
}

// FormatValue writes a value plainly (machine outputs: CSV, JSON).
func FormatValue(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case decimal.Decimal:
		if e := x.Exponent(); e < 0 {
			return x.StringFixed(-e) // keep DECIMAL(18,2)'s two decimals
		}
		return x.String()
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format("2006-01-02 15:04:05")
	case float64:
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.6f", x), "0"), ".")
	}
	return fmt.Sprint(v)
}

// Stream runs ad-hoc SQL and hands the result to fn in batches of at most
// batch rows, so that a large result is never held whole in memory. The
// first call gives the column names and types; each batch reuses no memory
// of the previous one.
func (s *Store) Stream(ctx context.Context, sqlText string, batch int, fn func(cols, types []string, rows [][]any) error) error {
	rows, err := s.db.QueryContext(ctx, sqlText)
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	cts, err := rows.ColumnTypes()
	if err != nil {
		return err
	}
	types := make([]string, len(cts))
	for i, ct := range cts {
		types[i] = ct.DatabaseTypeName()
	}
	buf := make([][]any, 0, batch)
	sent := false
	for rows.Next() {
		vals, err := scanRow(rows, len(cols))
		if err != nil {
			return err
		}
		buf = append(buf, vals)
		if len(buf) == batch {
			if err := fn(cols, types, buf); err != nil {
				return err
			}
			sent = true
			buf = make([][]any, 0, batch)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(buf) > 0 || !sent {
		return fn(cols, types, buf)
	}
	return nil
}
