package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ledger_month holds the ledger summed per month, account, cost center and
// load (migration 0012); the report's economy figures read it instead of
// every line. Loads keep it in step inside their transaction
// (followLedger). A ledger changed outside tertial, in the DuckDB CLI
// say, does not: so before the first figure a store reads from it, the sums
// are checked against the ledger month by month (lines and amount, one pass
// over two columns), and the months that disagree are recomputed, or, in a
// read-only store, refused.

// followLedger changes ledger_month as a load changed the ledger: the
// load replaced source's rows in lo..hi and inserted its own (loadID), all
// with that source. Only the new rows are summed, not the months' other
// sources: a year's load sums its 10 M lines, nothing more.
func followLedger(ctx context.Context, tx *sql.Tx, res *LoadResult, lo, hi Month) error {
	// What the months held from the source before: the ledger's rows are
	// gone already, their sums not yet.
	shrunk, err := watchShrink(ctx, tx, ledgerShrink, res, lo, hi, "m.source = ? AND m.period BETWEEN ? AND ?", res.Source, lo.Date(), hi.Date())
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM ledger_month WHERE source = ? AND period BETWEEN ? AND ?", res.Source, lo.Date(), hi.Date()); err != nil {
		return fmt.Errorf("ledger_month: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_month
		SELECT period, account, cost_center, ?, ?, sum(amount), count(*)
		FROM ledger WHERE load_id = ? AND period BETWEEN ? AND ?
		GROUP BY period, account, cost_center`, res.Source, res.LoadID, res.LoadID, lo.Date(), hi.Date()); err != nil {
		if strings.Contains(err.Error(), "out of range") {
			// A sum no DECIMAL(18,2) holds; a text load finds which first
			// (sumsFit), a Parquet load only here.
			return &InputError{File: res.File, Msg: "the amounts of one month, account and cost center sum beyond " + maxAmountText + ", the most an amount holds (DECIMAL(18,2))",
				Hint: "check that the amount column holds kronor, not öre or another field"}
		}
		return fmt.Errorf("ledger_month: %w", err)
	}
	return shrunk()
}

// The largest amount DECIMAL(18,2) holds, in öre and as the errors write
// it: every amount of the ledger, and every sum ledger_month keeps of them.
const (
	maxAmountOre  = 999_999_999_999_999_999
	maxAmountText = "±9999999999999999.99 kr"
)

// sumsFit refuses a load whose amounts of one month, account and cost
// center sum beyond what ledger_month's DECIMAL(18,2) holds, naming the
// first line of that group. Each amount fits (the parser checks it), but a
// few near the limit (an amount in öre, a column of ids read as amounts)
// add up beyond it, and DuckDB would end the load with a conversion error
// that names no line. absTotal is the sum of the load's absolute amounts
// in öre (saturating): below the limit no sum can pass it, so for any real
// ledger this costs nothing.
func sumsFit(ctx context.Context, tx *sql.Tx, res *LoadResult, absTotal uint64) error {
	if absTotal <= maxAmountOre {
		return nil
	}
	var period time.Time
	var account string
	var costCenter sql.NullString
	var line int
	var sum string
	err := tx.QueryRowContext(ctx, `SELECT period, account, cost_center, min(line), sum(amount)::VARCHAR
		FROM ledger WHERE load_id = ?
		GROUP BY period, account, cost_center
		HAVING abs(sum(amount)) * 100 > ?
		ORDER BY 4 LIMIT 1`, res.LoadID, int64(maxAmountOre)).Scan(&period, &account, &costCenter, &line, &sum)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("ledger sums: %w", err)
	}
	return &InputError{File: res.File, Line: line,
		Msg: fmt.Sprintf("the amounts of account %s, cost center %q in %s, from this line on, sum to %s kr, beyond %s, the most an amount holds (DECIMAL(18,2))",
			account, costCenter.String, Month{period.Year(), period.Month()}, sum, maxAmountText),
		Hint: "check that the amount column holds kronor, not öre or another field"}
}

// followStaged is followLedger for a load whose rows went through st: its
// sums are checked against DECIMAL(18,2) first (sumsFit), with a line.
func followStaged(ctx context.Context, tx *sql.Tx, res *LoadResult, st *stage) error {
	if err := sumsFit(ctx, tx, res, st.absTotal); err != nil {
		return err
	}
	return followLedger(ctx, tx, res, st.lo, st.hi)
}

// refreshLedgerMonth recomputes ledger_month for the months lo..hi from the
// whole ledger.
func refreshLedgerMonth(ctx context.Context, tx execer, lo, hi Month) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM ledger_month WHERE period BETWEEN ? AND ?", lo.Date(), hi.Date()); err != nil {
		return fmt.Errorf("ledger_month: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO ledger_month
		SELECT period, account, cost_center, source, load_id, sum(amount), count(*)
		FROM ledger WHERE period BETWEEN ? AND ?
		GROUP BY period, account, cost_center, source, load_id`, lo.Date(), hi.Date()); err != nil {
		return fmt.Errorf("ledger_month: %w", err)
	}
	return nil
}

// staleLedgerMonths lists the months where ledger_month and ledger disagree
// on the number of lines or their sum.
func staleLedgerMonths(ctx context.Context, db queryer) ([]Month, error) {
	rows, err := db.QueryContext(ctx, `
		WITH l AS (SELECT period, count(*) AS n, sum(amount) AS a FROM ledger GROUP BY period),
		     m AS (SELECT period, sum(lines) AS n, sum(amount) AS a FROM ledger_month GROUP BY period)
		SELECT coalesce(l.period, m.period) AS period
		FROM l FULL JOIN m USING (period)
		WHERE l.n IS DISTINCT FROM m.n OR l.a IS DISTINCT FROM m.a
		ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("check ledger_month: %w", err)
	}
	defer rows.Close()
	var out []Month
	for rows.Next() {
		var p sql.NullTime
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, Month{p.Time.Year(), p.Time.Month()})
	}
	return out, rows.Err()
}

// checkBefore checks ledger_month (once per store) before SQL that may read
// it: directly, or through the views built on it — accounts takes its list
// of accounts from it, and every *_report view joins accounts.
func (s *Store) checkBefore(ctx context.Context, sqlText string) error {
	l := strings.ToLower(sqlText)
	if strings.Contains(l, "ledger_month") || strings.Contains(l, "accounts") || strings.Contains(l, "_report") {
		return s.checkLedgerMonth(ctx)
	}
	return nil
}

// checkLedgerMonth runs the check once per store.
func (s *Store) checkLedgerMonth(ctx context.Context) error {
	s.monthMu.Lock()
	defer s.monthMu.Unlock()
	if s.monthChecked {
		return nil
	}
	defer s.steps(ctx, "check", "what", "ledger_month against the ledger").done()
	stale, err := staleLedgerMonths(ctx, s.db)
	if err != nil {
		return err
	}
	if len(stale) > 0 {
		names := make([]string, len(stale))
		for i, m := range stale {
			names[i] = m.String()
		}
		if s.readOnly {
			return fmt.Errorf("ledger_month disagrees with ledger for %s (the ledger was changed outside tertial): open the database once with write access, e.g. tertial report, to recompute it",
				strings.Join(names, ", "))
		}
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			for _, m := range stale {
				if err := refreshLedgerMonth(ctx, tx, m, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		s.logger().Warn("ledger_month recomputed: it disagreed with the ledger (changed outside tertial?)", "months", strings.Join(names, ","))
	}
	s.monthChecked = true
	return nil
}
