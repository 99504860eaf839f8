package engine

import (
	"context"
	"database/sql"
	"fmt"
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

// insertParquet lets DuckDB read a Parquet file with the canonical columns
// (period DATE or 'YYYY-MM' text, account, amount DECIMAL or integer, and
// the optional ones). Money stored as a float is refused: it has already
// lost its exactness.
func insertParquet(ctx context.Context, tx *sql.Tx, path string, res *LoadResult) error {
	rows, err := tx.QueryContext(ctx, fmt.Sprintf("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(%s))", sqlString(path)))
	if err != nil {
		return &InputError{File: path, Msg: fmt.Sprintf("not a readable Parquet file: %v", err)}
	}
	types := map[string]string{}
	for rows.Next() {
		var n, t string
		if err := rows.Scan(&n, &t); err != nil {
			rows.Close()
			return err
		}
		types[n] = t
	}
	rows.Close()
	isBudget := res.Kind == KindBudget
	for _, need := range []string{"period", "account", "amount"} {
		if _, ok := types[need]; !ok {
			return &InputError{File: path, Msg: fmt.Sprintf("missing column %s (canonical Parquet columns: period, account, cost_center, project, activity, amount, text)", need)}
		}
	}
	switch t := types["amount"]; {
	case t == "FLOAT" || t == "DOUBLE":
		return &InputError{File: path, Column: "amount", Msg: "amount is " + t + ": money must be DECIMAL (or integer öre-free kronor), a float has already lost exactness"}
	}
	opt := func(c string) string {
		if _, ok := types[c]; ok {
			return "NULLIF(CAST(" + c + " AS VARCHAR), '')"
		}
		return "NULL"
	}
	period := "date_trunc('month', CAST(period AS DATE))"
	if types["period"] == "VARCHAR" {
		period = "CAST(strptime(period, '%Y-%m') AS DATE)"
	}
	src := fmt.Sprintf("read_parquet(%s, file_row_number=true)", sqlString(path))
	var bad int64
	if err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT count(*) FROM %s WHERE period IS NULL OR account IS NULL OR amount IS NULL OR TRY_CAST(amount AS DECIMAL(18,2)) IS NULL", src)).Scan(&bad); err != nil {
		return &InputError{File: path, Msg: err.Error()}
	}
	if bad > 0 {
		var row int64
		tx.QueryRowContext(ctx, fmt.Sprintf("SELECT min(file_row_number)+1 FROM %s WHERE period IS NULL OR account IS NULL OR amount IS NULL OR TRY_CAST(amount AS DECIMAL(18,2)) IS NULL", src)).Scan(&row)
		return &InputError{File: path, Line: int(row), Msg: fmt.Sprintf("%d row(s) lack period, account or a valid amount; first at row %d", bad, row)}
	}
	var lo, hi sql.NullTime
	if err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT min(%s), max(%s) FROM %s", period, period, src)).Scan(&lo, &hi); err != nil {
		return &InputError{File: path, Column: "period", Msg: err.Error()}
	}
	if lo.Valid {
		res.Periods = [2]Month{{lo.Time.Year(), lo.Time.Month()}, {hi.Time.Year(), hi.Time.Month()}}
	}
	var del, ins string
	if isBudget {
		del = "DELETE FROM budget WHERE source = ? AND version = ? AND period BETWEEN ? AND ?"
		ins = fmt.Sprintf(`INSERT INTO budget SELECT %s, %s, CAST(account AS VARCHAR), %s, %s, CAST(amount AS DECIMAL(18,2)), %s, %d, file_row_number+1 FROM %s`,
			sqlString(versionOr(res)), period, opt("cost_center"), opt("project"), sqlString(res.Source), res.LoadID, src)
	} else {
		del = "DELETE FROM ledger WHERE source = ? AND period BETWEEN ? AND ?"
		ins = fmt.Sprintf(`INSERT INTO ledger SELECT %s, CAST(account AS VARCHAR), %s, %s, %s, CAST(amount AS DECIMAL(18,2)), %s, %s, %d, file_row_number+1, %s FROM %s`,
			period, opt("cost_center"), opt("project"), opt("activity"), opt("text"), sqlString(res.Source), res.LoadID, opt("voucher"), src)
	}
	args := []any{res.Source}
	if isBudget {
		args = append(args, versionOr(res))
	}
	args = append(args, res.Periods[0].Date(), res.Periods[1].Date())
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
		return nil
	}
	return followLedger(ctx, tx, res.Source, res.LoadID, res.Periods[0], res.Periods[1])
}

func versionOr(res *LoadResult) string {
	if res.version == "" {
		return DefaultVersion
	}
	return res.version
}
