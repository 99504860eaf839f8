package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// The most a table's amounts may add up to, in absolute value: 10^14 kr,
// a hundredth of what DECIMAL(18,2) holds. The report's queries sum a
// table's amounts and cast the sums to DECIMAL(18,2); with every table's
// absolute total below a hundredth of the limit, no sum a query makes of
// a few tables, years or annualised months can pass it. Each amount fits
// on its own (the parsers check that), but a handful near the limit (an
// amount in öre, a column of ids read as amounts) loaded fine and ended
// the next report with DuckDB's "Conversion Error". A region's ledger
// holds around 10^11 kr a year in absolute amounts, so no real extract
// comes near.
const (
	tableLimitOre  = 10_000_000_000_000_000
	tableLimitText = "100000000000000 kr (10^14)"
)

// amountTable is a table whose amounts the queries sum, and where the rows
// of one load are found with their lines.
type amountTable struct {
	name  string
	total string // the sum of the absolute amounts of one row
	rows  string // the load's rows: a table with amount, load_id and line ("" when it has no lines)
	what  string // the amounts, in the error
}

var amountTables = map[Kind][]amountTable{
	KindLedger: {ledgerAmounts},
	KindSIE:    {ledgerAmounts, budgetAmounts},
	KindBudget: {budgetAmounts},
	KindForecast: {{name: "forecast", total: "abs(deviation)",
		rows: "(SELECT deviation AS amount, load_id, line FROM forecast)", what: "forecast deviations"}},
	KindInvest: {{name: "investments", total: "abs(amount)", rows: "investments", what: "investment amounts"}},
	KindDecisions: {
		{name: "budget_decisions", total: "abs(amount)", rows: "budget_decisions", what: "budget decisions"},
		{name: "budget_decision_months", total: "abs(amount)", rows: "budget_decision_months", what: "budget decisions' monthly amounts"},
	},
	KindProgramme: {
		{name: "programme_budget", total: "abs(amount)", what: "programme budgets"},
		{name: "programme_forecasts", total: "abs(amount) + abs(contingency)", what: "programme forecasts"},
	},
}

var (
	// ledger_month, not ledger: the queries sum the month sums, and any
	// sum of them is bounded by their absolute total. It has a fifth of
	// the ledger's rows.
	ledgerAmounts = amountTable{name: "ledger_month", total: "abs(amount)", rows: "ledger", what: "ledger amounts"}
	budgetAmounts = amountTable{name: "budget", total: "abs(amount)", rows: "budget", what: "budget amounts"}
)

// amountsFit refuses a load after which a table its kind writes holds
// amounts adding up, in absolute value, beyond tableLimitOre, naming the
// load's largest amount and its line. It runs in the load's transaction,
// after its rows and the replacement of earlier ones.
func amountsFit(ctx context.Context, tx *sql.Tx, res *LoadResult, kind Kind) error {
	for _, t := range amountTables[kind] {
		over, total, err := t.over(ctx, tx)
		if err != nil {
			return err
		}
		if !over {
			continue
		}
		e := &InputError{File: res.File,
			Msg: fmt.Sprintf("with this file the %s add up to %s kr in absolute value, beyond the %s the report's sums can hold (DECIMAL(18,2))",
				t.what, total, tableLimitText),
			Hint: "check that the amounts are kronor, not öre or another field"}
		if t.rows != "" {
			var line sql.NullInt64
			var largest string
			err := tx.QueryRowContext(ctx, "SELECT line, amount::VARCHAR FROM "+t.rows+" WHERE load_id = ? ORDER BY abs(amount) DESC, line LIMIT 1", res.LoadID).Scan(&line, &largest)
			switch {
			case errors.Is(err, sql.ErrNoRows):
			case err != nil:
				return fmt.Errorf("%s amounts: %w", t.name, err)
			default:
				e.Line = int(line.Int64)
				e.Msg = fmt.Sprintf("amount %s kr, the largest in the file: %s", largest, e.Msg)
			}
		}
		return e
	}
	return nil
}

// over tells whether the table's amounts add up, in absolute value, beyond
// tableLimitOre, and gives their total.
func (t amountTable) over(ctx context.Context, tx *sql.Tx) (bool, string, error) {
	var over bool
	var total string
	err := tx.QueryRowContext(ctx, fmt.Sprintf("SELECT coalesce(sum(%s), 0) * 100 > ?, coalesce(sum(%s), 0)::VARCHAR FROM %s", t.total, t.total, t.name),
		int64(tableLimitOre)).Scan(&over, &total)
	if err != nil {
		return false, "", fmt.Errorf("%s amounts: %w", t.name, err)
	}
	return over, total, nil
}

// importedAmountsFit is amountsFit for an import (tertial import): every
// table, whatever loaded it, since an export's files can be changed.
func importedAmountsFit(ctx context.Context, tx *sql.Tx, dir string) error {
	seen := map[string]bool{}
	for _, k := range Kinds {
		for _, t := range amountTables[k] {
			if seen[t.name] {
				continue
			}
			seen[t.name] = true
			over, total, err := t.over(ctx, tx)
			if err != nil {
				return err
			}
			if over {
				return fmt.Errorf("import %s: the %s add up to %s kr in absolute value, beyond the %s the report's sums can hold (DECIMAL(18,2)); a database tertial loaded never holds that", dir, t.what, total, tableLimitText)
			}
		}
	}
	return nil
}
