package engine

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

func insertAccounts(ctx context.Context, tx *sql.Tx, rows []accountRange, res *LoadResult) error {
	r, err := tx.ExecContext(ctx, "DELETE FROM account_map")
	if err != nil {
		return err
	}
	res.Replaced, _ = r.RowsAffected()
	cols := []string{"first_account VARCHAR", "last_account VARCHAR", "kind VARCHAR", "category VARCHAR", "subcategory VARCHAR", "load_id INTEGER", "line INTEGER"}
	err = stageCSV(ctx, tx, "account_map", cols, func(w *csvWriter) error {
		for _, a := range rows {
			w.str(a.First)
			w.str(a.Last)
			w.str(a.Kind)
			w.str(a.Category)
			w.str(a.Subcategory)
			w.int(res.LoadID)
			w.int(int64(a.Line))
			w.end()
		}
		return nil
	}, "INSERT INTO account_map SELECT * FROM %s")
	if err != nil {
		return err
	}
	// Names given on single-account rows of the mapping are account names.
	names := map[string]string{}
	for _, a := range rows {
		if a.Name != "" && a.First == a.Last {
			names[a.First] = a.Name
		}
	}
	for acct, name := range names {
		if _, err := tx.ExecContext(ctx, "INSERT OR REPLACE INTO account_names VALUES (?, ?, ?)", acct, name, res.LoadID); err != nil {
			return err
		}
	}
	res.Rows = int64(len(rows))
	return nil
}

func insertOrg(ctx context.Context, tx *sql.Tx, rows []orgRow, res *LoadResult) error {
	r, err := tx.ExecContext(ctx, "DELETE FROM cost_centers")
	if err != nil {
		return err
	}
	res.Replaced, _ = r.RowsAffected()
	cols := []string{"cost_center VARCHAR", "name VARCHAR", "unit VARCHAR", "division VARCHAR", "load_id INTEGER", "line INTEGER"}
	res.Rows = int64(len(rows))
	return stageCSV(ctx, tx, "cost_centers", cols, func(w *csvWriter) error {
		for _, o := range rows {
			w.str(o.CostCenter)
			w.str(o.Name)
			w.str(o.Unit)
			w.str(o.Division)
			w.int(res.LoadID)
			w.int(int64(o.Line))
			w.end()
		}
		return nil
	}, "INSERT INTO cost_centers SELECT * FROM %s")
}

func insertForecast(ctx context.Context, tx *sql.Tx, rows []forecastRow, res *LoadResult) error {
	if len(rows) == 0 {
		return nil
	}
	for _, f := range rows {
		periodRange(res, f.Period)
	}
	r, err := tx.ExecContext(ctx, "DELETE FROM forecast WHERE source = ? AND period BETWEEN ? AND ?", res.Source, res.Periods[0].Date(), res.Periods[1].Date())
	if err != nil {
		return err
	}
	res.Replaced, _ = r.RowsAffected()
	cols := []string{"period DATE", "category VARCHAR", "cost_center VARCHAR", "deviation DECIMAL(18,2)", "comment VARCHAR", "source VARCHAR", "load_id INTEGER", "line INTEGER", "division VARCHAR"}
	res.Rows = int64(len(rows))
	return stageCSV(ctx, tx, "forecast", cols, func(w *csvWriter) error {
		for _, f := range rows {
			w.month(f.Period)
			w.str(f.Category)
			w.str(f.CostCenter)
			w.ore(f.Deviation)
			w.str(f.Comment)
			w.str(res.Source)
			w.int(res.LoadID)
			w.int(int64(f.Line))
			w.str(f.Division)
			w.end()
		}
		return nil
	}, "INSERT INTO forecast SELECT * FROM %s")
}

// insertParquet lets DuckDB read a Parquet file. Its columns are found as
// a CSV header's are (Swedish or English names, any case, --column); money
// must be DECIMAL with at most two decimals in use, or an integer: a float
// has already lost its exactness, and text would need the Swedish number
// rules of the CSV reader. The period is a DATE or TIMESTAMP, text
// (YYYY-MM, YYYYMM, YYYY-MM-DD) or an integer YYYYMM; codes may be text or
// whole numbers. A row that breaks any of this refuses the file, naming its
// row and column.
func insertParquet(ctx context.Context, tx *sql.Tx, path string, res *LoadResult, override map[string]string) error {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(%s))", sqlString(path)))
	if err != nil {
		return &InputError{File: path, Msg: fmt.Sprintf("not a readable Parquet file: %v", err)}
	}
	var names, types []string
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			rows.Close()
			return err
		}
		names, types = append(names, n), append(types, t)
	}
	rows.Close()
	isBudget := res.Kind == KindBudget
	fields := ledgerFields
	if isBudget {
		fields = budgetFields
	}
	c, err := matchColumns(path, names, fields, override)
	if err != nil {
		return err
	}
	for _, need := range []string{"period", "amount"} {
		if !c.has(need) {
			return &InputError{File: path, Msg: fmt.Sprintf("missing column %s: a Parquet extract has a period and an amount column (period, account, amount and optionally cost_center, project, activity, text; or Period, Konto, Belopp, Ansvar …); the file has %s",
				need, strings.Join(names, ", "))}
		}
	}
	pq := parquetColumns{path: path, c: c, types: types}
	period, err := pq.period()
	if err != nil {
		return err
	}
	amount, err := pq.amount()
	if err != nil {
		return err
	}
	account, err := pq.code("account")
	if err != nil {
		return err
	}
	// The read values take names of their own: the file's own columns
	// (Period, Konto) stay readable beside them, DuckDB's names being
	// case-insensitive.
	src := fmt.Sprintf("(SELECT %s AS tertial_period, %s AS tertial_account, %s AS tertial_amount, * FROM read_parquet(%s, file_row_number=true)) AS src",
		period, account, amount, sqlString(path))
	// One pass checks every row and finds the months the file covers.
	var bad, first sql.NullInt64
	var lo, hi sql.NullTime
	const unread = "tertial_period IS NULL OR tertial_account IS NULL OR tertial_amount IS NULL"
	if err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FILTER (WHERE %[1]s), min(file_row_number) FILTER (WHERE %[1]s) + 1,
			min(tertial_period), max(tertial_period) FROM %[2]s`, unread, src)).Scan(&bad, &first, &lo, &hi); err != nil {
		return &InputError{File: path, Msg: err.Error()}
	}
	if bad.Int64 > 0 {
		return pq.rowError(ctx, tx, src, bad.Int64, first.Int64)
	}
	if lo.Valid {
		res.Periods = [2]Month{{lo.Time.Year(), lo.Time.Month()}, {hi.Time.Year(), hi.Time.Month()}}
	}
	cols := map[string]string{"cost_center": "NULL"}
	if c.has("cost_center") {
		if cols["cost_center"], err = pq.code("cost_center"); err != nil {
			return err
		}
	}
	for _, f := range []string{"project", "activity", "text", "voucher"} {
		cols[f] = "NULL"
		if c.has(f) {
			cols[f] = "NULLIF(CAST(" + pq.col(f) + " AS VARCHAR), '')"
		}
	}
	var del, ins string
	if isBudget {
		del = "DELETE FROM budget WHERE source = ? AND version = ? AND period BETWEEN ? AND ?"
		ins = fmt.Sprintf(`INSERT INTO budget SELECT %s, tertial_period, tertial_account, %s, %s, tertial_amount, %s, %d, file_row_number+1 FROM %s`,
			sqlString(versionOr(res)), cols["cost_center"], cols["project"], sqlString(res.Source), res.LoadID, src)
	} else {
		del = "DELETE FROM ledger WHERE source = ? AND period BETWEEN ? AND ?"
		ins = fmt.Sprintf(`INSERT INTO ledger SELECT tertial_period, tertial_account, %s, %s, %s, tertial_amount, %s, %s, %d, file_row_number+1, %s FROM %s`,
			cols["cost_center"], cols["project"], cols["activity"], cols["text"], sqlString(res.Source), res.LoadID, cols["voucher"], src)
	}
	args := []any{res.Source}
	if isBudget {
		args = append(args, versionOr(res))
	}
	args = append(args, res.Periods[0].Date(), res.Periods[1].Date())
	budgetDone := func() error { return nil }
	if isBudget {
		if budgetDone, err = watchShrink(ctx, tx, budgetShrink, res, res.Periods[0], res.Periods[1], "m.source = ? AND m.version = ? AND m.period BETWEEN ? AND ?",
			res.Source, versionOr(res), res.Periods[0].Date(), res.Periods[1].Date()); err != nil {
			return err
		}
	}
	r, err := tx.ExecContext(ctx, del, args...)
	if err != nil {
		return err
	}
	res.Replaced, _ = r.RowsAffected()
	r, err = tx.ExecContext(ctx, ins)
	if err != nil {
		return &InputError{File: path, Msg: err.Error()}
	}
	res.Rows, _ = r.RowsAffected()
	if isBudget {
		return budgetDone()
	}
	return followLedger(ctx, tx, res, res.Periods[0], res.Periods[1])
}

// parquetColumns builds the SQL that reads a Parquet file's columns as the
// store's, by their DuckDB types. Each expression is NULL for a value it
// cannot read exactly, which the load then refuses.
type parquetColumns struct {
	path  string
	c     columns
	types []string
}

func (p parquetColumns) col(f string) string {
	return `"` + strings.ReplaceAll(p.c.header[p.c.index(f)], `"`, `""`) + `"`
}

func (p parquetColumns) typ(f string) string { return p.types[p.c.index(f)] }

func (p parquetColumns) typeErr(f, msg string) error {
	return &InputError{File: p.path, Column: p.c.colName(f), Msg: fmt.Sprintf("the column is %s: %s", p.typ(f), msg)}
}

func isIntegerType(t string) bool {
	switch t {
	case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT":
		return true
	}
	return false
}

// decimalScale is the scale of a DECIMAL(p,s) type, -1 for another type.
func decimalScale(t string) int {
	var p, s int
	if n, _ := fmt.Sscanf(t, "DECIMAL(%d,%d)", &p, &s); n == 2 {
		return s
	}
	return -1
}

func (p parquetColumns) period() (string, error) {
	x := p.col("period")
	switch t := p.typ("period"); {
	case t == "DATE" || strings.HasPrefix(t, "TIMESTAMP"):
		return fmt.Sprintf("date_trunc('month', CAST(%s AS DATE))", x), nil
	case t == "VARCHAR":
		// A year outside 1900-2999 is a misread one ('19-01' as year 19).
		d := fmt.Sprintf("CAST(date_trunc('month', coalesce(try_strptime(trim(%[1]s), '%%Y-%%m'), try_strptime(trim(%[1]s), '%%Y%%m'), try_strptime(trim(%[1]s), '%%Y-%%m-%%d'))) AS DATE)", x)
		return fmt.Sprintf("CASE WHEN year(%[1]s) BETWEEN 1900 AND 2999 THEN %[1]s END", d), nil
	case isIntegerType(t):
		return fmt.Sprintf("CASE WHEN %[1]s BETWEEN 190001 AND 299912 AND %[1]s %% 100 BETWEEN 1 AND 12 THEN make_date(CAST(%[1]s // 100 AS INTEGER), CAST(%[1]s %% 100 AS INTEGER), 1) END", x), nil
	}
	return "", p.typeErr("period", "a period is a DATE, a TIMESTAMP, text YYYY-MM or an integer YYYYMM")
}

func (p parquetColumns) amount() (string, error) {
	x := p.col("amount")
	switch t := p.typ("amount"); {
	case t == "FLOAT" || t == "DOUBLE":
		return "", p.typeErr("amount", "money must be DECIMAL (or integer kronor), a float has already lost exactness")
	case isIntegerType(t) || decimalScale(t) >= 0 && decimalScale(t) <= 2:
		return fmt.Sprintf("TRY_CAST(%s AS DECIMAL(18,2))", x), nil
	case decimalScale(t) > 2:
		// DECIMAL(38,10) of amounts in öre: exact when no digit beyond
		// the öre is set; a cast alone would round 1234.5678 to 1234.57.
		return fmt.Sprintf("CASE WHEN %[1]s = round(%[1]s, 2) THEN TRY_CAST(%[1]s AS DECIMAL(18,2)) END", x), nil
	case t == "VARCHAR":
		return "", p.typeErr("amount", "a Parquet amount is DECIMAL or an integer; text with Swedish numbers (1 234,50) loads from CSV")
	}
	return "", p.typeErr("amount", "money must be DECIMAL or an integer")
}

// code reads an account or cost center: text as written (code's names and
// spreadsheet numbers are text-file matters, and a trim of every value
// cost the region's Parquet load 5 %), a whole number as its digits, a
// fractional one refused.
func (p parquetColumns) code(f string) (string, error) {
	x := p.col(f)
	switch t := p.typ(f); {
	case t == "VARCHAR":
		return fmt.Sprintf("NULLIF(%s, '')", x), nil
	case isIntegerType(t):
		return fmt.Sprintf("CAST(%s AS VARCHAR)", x), nil
	case t == "FLOAT" || t == "DOUBLE" || decimalScale(t) >= 0:
		return fmt.Sprintf("CASE WHEN %[1]s = trunc(%[1]s) AND %[1]s >= 0 THEN CAST(CAST(%[1]s AS HUGEINT) AS VARCHAR) END", x), nil
	}
	return "", p.typeErr(f, "a code is text or a whole number")
}

// rowError names the first row the load cannot read, and why.
func (p parquetColumns) rowError(ctx context.Context, tx *sql.Tx, src string, bad, row int64) error {
	var period, account, amount sql.NullString
	var periodOK, accountOK, amountOK bool
	q := fmt.Sprintf("SELECT CAST(%s AS VARCHAR), CAST(%s AS VARCHAR), CAST(%s AS VARCHAR), tertial_period IS NOT NULL, tertial_account IS NOT NULL, tertial_amount IS NOT NULL FROM %s WHERE file_row_number = %d",
		p.col("period"), p.col("account"), p.col("amount"), src, row-1)
	if err := tx.QueryRowContext(ctx, q).Scan(&period, &account, &amount, &periodOK, &accountOK, &amountOK); err != nil {
		return &InputError{File: p.path, Line: int(row), Msg: fmt.Sprintf("%d row(s) lack period, account or a valid amount; first at row %d", bad, row)}
	}
	shown := func(v sql.NullString) string {
		if !v.Valid {
			return "NULL"
		}
		return fmt.Sprintf("%q", v.String)
	}
	var f, msg string
	switch {
	case !periodOK:
		f, msg = "period", shown(period)+" is not a period (expected a date, YYYY-MM, YYYYMM or YYYY-MM-DD)"
	case !accountOK:
		f, msg = "account", shown(account)+" is not an account (empty, or not a whole number)"
	default:
		f, msg = "amount", shown(amount)+" is not an exact amount (empty, more than two decimals, or too large for DECIMAL(18,2))"
	}
	if bad > 1 {
		msg += fmt.Sprintf("; %d rows cannot be read", bad)
	}
	return &InputError{File: p.path, Line: int(row), Column: p.c.colName(f), Msg: msg}
}

func versionOr(res *LoadResult) string {
	if res.version == "" {
		return DefaultVersion
	}
	return res.version
}
