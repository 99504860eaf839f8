package engine

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// A load replaces its source's months from its first to its last. A month
// it has less than a tenth of the lines for that the source had there
// before (none at all, say, inside its span), with other money, was most
// likely not the file's to replace — a stray line dated in last year's
// December, which takes that month from last year's file, or an extract
// cut short — and the load warns of it, for the report to repeat. With the
// same money (within a tenth) it is the same books exported in fewer lines
// (vouchers, then SIE period balances), and nothing is said.
const (
	shrunkMinLines = 20
	shrunkFactor   = 10
)

// shrinkTable is a table whose months a load replaces: what counts its
// lines and its money (or hours) in a month, as SQL over the table as m,
// and what it holds, in English and Swedish.
type shrinkTable struct {
	table, lines, gross string
	en, sv              string
}

var (
	ledgerShrink = shrinkTable{"ledger_month", "sum(m.lines)", "sum(abs(m.amount))", "ledger", "huvudboken"}
	budgetShrink = shrinkTable{"budget", "count(*)", "sum(abs(m.amount))", "budget", "budgeten"}
	hoursShrink  = shrinkTable{"person_months", "count(*)", "sum(m.scheduled_hours)", "HR hours", "HR-timmarna"}
	// sickHoursShrink: reported sick hours, a person-month a line.
	sickHoursShrink = shrinkTable{"sick_hours_reported", "count(*)", "sum(m.sick_hours)", "reported sick hours", "de rapporterade sjuktimmarna"}
)

// monthLines is what a month held: lines, money, and the files they came
// from.
type monthLines struct {
	lines int64
	gross decimal.Decimal
	files string
}

// watchShrink reads what the months lo..hi of t hold where cond holds —
// the source's rows the load is about to replace — and returns what to
// call once the load's own rows are in: it adds the warning of the months
// that shrank to res.
func watchShrink(ctx context.Context, tx *sql.Tx, t shrinkTable, res *LoadResult, lo, hi Month, cond string, args ...any) (func() error, error) {
	before, err := t.months(ctx, tx, cond, args...)
	if err != nil {
		return nil, fmt.Errorf("%s months: %w", t.table, err)
	}
	return func() error {
		if len(before) == 0 {
			return nil
		}
		after, err := t.months(ctx, tx, "m.load_id = ?", res.LoadID)
		if err != nil {
			return fmt.Errorf("%s months: %w", t.table, err)
		}
		res.pending = append(res.pending, t.shrunk(lo, hi, before, after, res.Source)...)
		return nil
	}, nil
}

// months is t's lines and money per month where cond holds.
func (t shrinkTable) months(ctx context.Context, tx *sql.Tx, cond string, args ...any) (map[Month]monthLines, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.period, `+t.lines+`::BIGINT, coalesce(`+t.gross+`, 0)::VARCHAR, string_agg(DISTINCT l.file, ', ' ORDER BY l.file)
		FROM `+t.table+` m LEFT JOIN loads l USING (load_id) WHERE `+cond+` GROUP BY m.period`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[Month]monthLines{}
	for rows.Next() {
		var p time.Time
		var m monthLines
		var gross string
		var files sql.NullString
		if err := rows.Scan(&p, &m.lines, &gross, &files); err != nil {
			return nil, err
		}
		if m.gross, err = decimal.NewFromString(gross); err != nil {
			return nil, err
		}
		m.files = files.String
		out[Month{p.Year(), p.Month()}] = m
	}
	return out, rows.Err()
}

// shrunk is the warning of the months lo..hi that a load replaced with far
// fewer lines and other money than they held, if any.
func (t shrinkTable) shrunk(lo, hi Month, before, after map[Month]monthLines, source string) []loadWarning {
	var en, sv []string
	for i := lo.Index(); i <= hi.Index(); i++ {
		m := Month{i / 12, time.Month(i%12 + 1)}
		b, a := before[m], after[m]
		if b.lines < shrunkMinLines || a.lines*shrunkFactor >= b.lines {
			continue
		}
		if tenth := b.gross.Div(decimal.NewFromInt(shrunkFactor)); a.gross.Sub(b.gross).Abs().LessThanOrEqual(tenth) {
			continue
		}
		en = append(en, fmt.Sprintf("%s: %s, before %d (%s)", m, plural(a.lines, "line", "lines"), b.lines, b.files))
		sv = append(sv, fmt.Sprintf("%s: %s, tidigare %d (%s)", m, plural(a.lines, "rad", "rader"), b.lines, b.files))
	}
	if len(en) == 0 {
		return nil
	}
	return []loadWarning{{
		fmt.Sprintf("the file replaces the %[1]s of source %[2]s from %[3]s to %[4]s, but has far fewer lines in some of those months than the %[1]s held: %[5]s. Is a line dated in another month (last year's December, say), or is the extract cut short? Those months now hold this file's lines only; if that is wrong, load the month's right extract again",
			t.en, source, lo, hi, strings.Join(en, "; ")),
		fmt.Sprintf("filen ersätter %[1]s från källan %[2]s för %[3]s–%[4]s men har långt färre rader i några av månaderna än %[1]s hade: %[5]s. Är en rad daterad i en annan månad (förra årets december, till exempel), eller är extraktet avkortat? De månaderna har nu bara filens rader; stämmer det inte, läs in månadens rätta extrakt igen",
			t.sv, source, lo, hi, strings.Join(sv, "; ")),
	}}
}

// plural writes n with the noun's singular or plural form.
func plural(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
