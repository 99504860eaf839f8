package engine

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
)

// ledger_month holds the ledger summed per month, account, cost center and
// load (migration 0012); the report's economy figures read it instead of
// every line. Loads keep it in step inside their transaction
// (refreshLedgerMonth). A ledger changed outside tertial, in the DuckDB CLI
// say, does not: so before the first figure a store reads from it, the sums
// are checked against the ledger month by month (lines and amount, one pass
// over two columns), and the months that disagree are recomputed, or, in a
// read-only store, refused.

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

// checkLedgerMonth runs the check once per store.
func (s *Store) checkLedgerMonth(ctx context.Context) error {
	s.monthMu.Lock()
	defer s.monthMu.Unlock()
	if s.monthChecked {
		return nil
	}
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
		slog.Warn("ledger_month recomputed: it disagreed with the ledger (changed outside tertial?)", "months", strings.Join(names, ","))
	}
	s.monthChecked = true
	return nil
}
