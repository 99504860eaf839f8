package engine

import (
	"context"
	"fmt"
	"strings"
)

// One extract loaded twice under two names — a renamed file, another
// --source — replaces nothing: both sources' rows count in every figure.
// Several sources for the same months are normal (a ledger per company, a
// budget per division); sharing most of their rows is not. The checks
// below compare a load's rows, or two sources' rows, on the columns that
// make them the same row, and count the share of the smaller side, so a
// year's file over an earlier month's file of the same extract is found
// too.

// twiceCheck is what makes two rows of a kind the same: the table and its
// key columns (compared NULL-safe).
type twiceCheck struct {
	table, noun string
	cols        []string
	// spells: rows have first and last days instead of a period.
	spells bool
}

// ledgerTwice compares the ledger by its month sums: far fewer rows than
// lines, and a re-export has the same ones.
var ledgerTwice = twiceCheck{"ledger_month", "month sums (month, account, cost center, amount, lines)", []string{"period", "account", "cost_center", "amount", "lines"}, false}

var twiceChecks = map[Kind]twiceCheck{
	KindLedger: ledgerTwice,
	KindSIE:    ledgerTwice,
	KindBudget: {"budget", "budget rows (version, month, account, cost center, project, amount)", []string{"version", "period", "account", "cost_center", "project", "amount"}, false},
	KindHours:  {"person_months", "person-months (month, person, cost center)", []string{"period", "person", "cost_center"}, false},
	// Absence spells are the history, without a period: the whole of it.
	KindAbsence: {"absence_spells", "absence spells (person, cause, first and last day, extent)", []string{"person", "cause", "first_day", "last_day", "extent"}, true},
}

// same is the join condition of two rows a and b.
func (c twiceCheck) same(a, b string) string {
	conds := make([]string, len(c.cols))
	for i, col := range c.cols {
		conds[i] = fmt.Sprintf("%s.%s IS NOT DISTINCT FROM %s.%s", a, col, b, col)
	}
	return strings.Join(conds, " AND ")
}

// loadedTwice warns when most of a committed load's rows are already in the
// database from another source.
func (s *Store) loadedTwice(ctx context.Context, res *LoadResult, kind Kind) ([]string, error) {
	c := twiceChecks[kind]
	cols := strings.Join(c.cols, ", ")
	months := "period IN (SELECT DISTINCT period FROM n)"
	if c.spells {
		months = "true"
	}
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`
		WITH n AS (SELECT %[2]s FROM %[1]s WHERE load_id = $1),
		     o AS (SELECT source, %[2]s FROM %[1]s WHERE source <> $2 AND %[4]s),
		     same AS (SELECT o.source, count(*) AS same FROM n JOIN o ON %[3]s GROUP BY o.source),
		     size AS (SELECT source, count(*) AS rows FROM o GROUP BY source)
		SELECT same.source, same.same, least(size.rows, (SELECT count(*) FROM n)) AS smaller
		FROM same JOIN size USING (source)
		WHERE same.same * 2 >= least(size.rows, (SELECT count(*) FROM n))
		ORDER BY same.same DESC, same.source`, c.table, cols, c.same("n", "o"), months), res.LoadID, res.Source)
	if err != nil {
		return nil, fmt.Errorf("loaded twice: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var source string
		var same, smaller int64
		if err := rows.Scan(&source, &same, &smaller); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprintf("%d of %d %s equal those of source %s already loaded: "+
			"is this the same extract under another name? Both are counted. To replace that source's rows instead, load the file with --source %s (see: tertial sql \"FROM loads WHERE source = '%s'\")",
			same, smaller, c.noun, source, source, source))
	}
	return out, rows.Err()
}

// twiceNames are the report's words for each check's extract and rows.
var twiceNames = map[Kind][2]string{
	KindLedger:  {"Huvudbokskällorna", "samma månadssummor (månad, konto, kostnadsställe, belopp och antal rader)"},
	KindBudget:  {"Budgetkällorna", "samma budgetrader (månad, konto, kostnadsställe, projekt och belopp)"},
	KindHours:   {"HR-källorna", "samma personmånader (månad, person och kostnadsställe)"},
	KindAbsence: {"Frånvarokällorna", "samma frånvaroperioder (person, orsak, första och sista dag, omfattning)"},
}

// sourcesTwice warns, in a report, when two sources of a kind share most
// of their rows in the months from..to (budgets: of version): one extract
// loaded twice under two names. Only with more than one source in the
// months does it join anything.
func (s *Store) sourcesTwice(ctx context.Context, kind Kind, from, to Month, version string) (string, error) {
	c := twiceChecks[kind]
	filter := "period BETWEEN $1 AND $2"
	if c.spells { // the spells that touch the months
		filter = "first_day <= $2 + INTERVAL 1 MONTH - INTERVAL 1 DAY AND (last_day IS NULL OR last_day >= $1)"
	}
	args := []any{from.Date(), to.Date()}
	if kind == KindBudget {
		filter += " AND version = $3"
		args = append(args, version)
	}
	var sources int
	if err := s.db.QueryRowContext(ctx, fmt.Sprintf("SELECT count(DISTINCT source) FROM %s WHERE %s", c.table, filter), args...).Scan(&sources); err != nil {
		return "", err
	}
	if sources < 2 {
		return "", nil
	}
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(`
		WITH m AS (SELECT source, %[2]s FROM %[1]s WHERE %[3]s),
		     size AS (SELECT source, count(*) AS n FROM m GROUP BY source),
		     pairs AS (SELECT a.source AS a, b.source AS b, count(*) AS same
		               FROM m a JOIN m b ON %[4]s AND a.source < b.source
		               GROUP BY ALL)
		SELECT p.a, p.b, p.same, least(sa.n, sb.n)
		FROM pairs p JOIN size sa ON sa.source = p.a JOIN size sb ON sb.source = p.b
		WHERE p.same * 2 >= least(sa.n, sb.n)
		ORDER BY p.same DESC, p.a, p.b`, c.table, strings.Join(c.cols, ", "), filter, c.same("a", "b")), args...)
	if err != nil {
		return "", fmt.Errorf("%s sources: %w", kind, err)
	}
	defer rows.Close()
	var pairs []string
	for rows.Next() {
		var a, b string
		var same, smaller int64
		if err := rows.Scan(&a, &b, &same, &smaller); err != nil {
			return "", err
		}
		pairs = append(pairs, fmt.Sprintf("%s och %s (%d av %d)", a, b, same, smaller))
	}
	if err := rows.Err(); err != nil || len(pairs) == 0 {
		return "", err
	}
	names := twiceNames[kind]
	return fmt.Sprintf("%s %s har till största delen %s för %s–%s: troligen samma extrakt inläst två gånger under olika namn, och båda räknas i varje siffra. Läs in filen igen med den första källans --source, eller ta bort den andra källans rader (tertial sql --allow-write \"DELETE FROM %s WHERE source = '…'\").",
		names[0], JoinSwedish(pairs), names[1], SwedishMonths[from.Mon-1], to.Swedish(), twiceTable(kind)), nil
}

// twiceTable is the table a source's rows are deleted from: the ledger's
// lines, not their sums (ledger_month follows the ledger).
func twiceTable(kind Kind) string {
	if kind == KindLedger {
		return "ledger"
	}
	return twiceChecks[kind].table
}
