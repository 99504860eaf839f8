package engine

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// CheckSpread refuses a spread that is none of those spreadAnnual knows,
// before any file is read.
func CheckSpread(spread string) error {
	switch {
	case spread == "" || spread == "even" || spread == "lastyear":
		return nil
	case strings.HasPrefix(spread, "profile:"):
		_, err := spreadProfile(spread)
		return err
	}
	return fmt.Errorf("unknown spread %q: use even, profile:w1,…,w12 or lastyear", spread)
}

// spreadProfile reads "profile:w1,…,w12": twelve whole weights ≥ 0, not
// all zero.
func spreadProfile(spread string) ([]int64, error) {
	parts := strings.Split(strings.TrimPrefix(spread, "profile:"), ",")
	if len(parts) != 12 {
		return nil, fmt.Errorf("spread %q: a profile needs 12 weights, one per month", spread)
	}
	var ws []int64
	var total int64
	for _, p := range parts {
		w, err := strconv.ParseInt(strings.TrimSpace(p), 10, 64)
		if err != nil || w < 0 {
			return nil, fmt.Errorf("spread %q: weight %q is not a whole number ≥ 0", spread, p)
		}
		ws = append(ws, w)
		total += w
	}
	if total == 0 {
		return nil, fmt.Errorf("spread %q: the weights sum to zero", spread)
	}
	return ws, nil
}

// spreadAnnual turns annual budget amounts into twelve monthly rows whose
// sum is exactly the annual amount (the öre left over by the division go one
// each to the earliest months with a weight).
//   - "" or "even": 1/12 each.
//   - "profile:w1,…,w12": twelve non-negative weights.
//   - "lastyear": each account and cost center by its own ledger pattern of
//     the year before (each month's net outcome, whatever its sign); evenly
//     where that year has no outcome, which the warnings say. The year before
//     must be in the ledger for all twelve months: a pattern of the months
//     loaded so far would put the whole year's budget into them.
func spreadAnnual(ctx context.Context, s *Store, name string, rows []budgetRow, spread string) ([]budgetRow, []loadWarning, error) {
	var fixed []int64
	var pattern map[string][12]int64
	switch {
	case spread == "" || spread == "even":
		fixed = []int64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	case strings.HasPrefix(spread, "profile:"):
		var err error
		if fixed, err = spreadProfile(spread); err != nil {
			return nil, nil, err
		}
	case spread == "lastyear":
		years := map[int]bool{}
		for _, r := range rows {
			years[r.Period.Year] = true
		}
		pattern = map[string][12]int64{}
		for y := range years {
			q, err := s.db.QueryContext(ctx, `SELECT account, coalesce(cost_center, ''), month(period), sum(amount)::VARCHAR
				FROM ledger WHERE year(period) = ? GROUP BY ALL`, y-1)
			if err != nil {
				return nil, nil, err
			}
			var months [12]bool // the months of y-1 the ledger has
			for q.Next() {
				var acct, cc, amt string
				var m int
				if err := q.Scan(&acct, &cc, &m, &amt); err != nil {
					q.Close()
					return nil, nil, err
				}
				v, err := ParseAmount(amt)
				if err != nil {
					q.Close()
					return nil, nil, err
				}
				months[m-1] = true
				k := fmt.Sprint(y, "|", acct, "|", cc)
				p := pattern[k]
				p[m-1] += v
				pattern[k] = p
			}
			if err := q.Err(); err != nil {
				q.Close()
				return nil, nil, err
			}
			q.Close()
			if err := wholeYear(name, y, months); err != nil {
				return nil, nil, err
			}
		}
	default:
		return nil, nil, CheckSpread(spread)
	}
	var out []budgetRow
	var evenly []budgetRow // rows "lastyear" had no pattern for
	for _, r := range rows {
		w := fixed
		if pattern != nil {
			w = lastYearWeights(pattern[fmt.Sprint(r.Period.Year, "|", r.Account, "|", r.CostCenter)])
			if w == nil {
				w = []int64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
				evenly = append(evenly, r)
			}
		}
		for i, amt := range SplitOre(r.Amount, w) {
			out = append(out, budgetRow{Period: Month{r.Period.Year, time.Month(i + 1)}, Account: r.Account,
				CostCenter: r.CostCenter, Project: r.Project, Amount: amt, Line: r.Line})
		}
	}
	var warnings []loadWarning
	if len(evenly) > 0 {
		r := evenly[0]
		warnings = append(warnings, loadWarning{
			fmt.Sprintf("%d annual budget rows were spread evenly: their account and cost center have no outcome the year before (first at line %d: account %s, cost center %q, %d)",
				len(evenly), r.Line, r.Account, r.CostCenter, r.Period.Year),
			fmt.Sprintf("%d årsbudgetrader fördelades jämnt över månaderna: deras konto och kostnadsställe har inget utfall året före (första på rad %d: konto %s, kostnadsställe %q, %d)",
				len(evenly), r.Line, r.Account, r.CostCenter, r.Period.Year),
		})
	}
	return out, warnings, nil
}

// wholeYear refuses to spread year y's budget by a year before that the
// ledger has only some months of.
func wholeYear(name string, y int, months [12]bool) error {
	n, first, last := 0, 0, 0
	for i, ok := range months {
		if ok {
			if n == 0 {
				first = i + 1
			}
			n, last = n+1, i+1
		}
	}
	if n == 12 {
		return nil
	}
	have := "no ledger for that year"
	if n > 0 {
		have = fmt.Sprintf("the ledger has %d of its months (%d-%02d..%d-%02d)", n, y-1, first, y-1, last)
	}
	return &InputError{File: name, Msg: fmt.Sprintf("--spread lastyear spreads %d's annual amounts by %d's ledger, and %s", y, y-1, have),
		Hint: fmt.Sprintf("load all of %d's ledger first, or spread with even or profile:w1,…,w12", y-1)}
}

// lastYearWeights are a year's monthly outcomes as weights, each month's net
// amount whatever its sign; nil if the year has none.
func lastYearWeights(p [12]int64) []int64 {
	w := make([]int64, 12)
	var total int64
	for i, v := range p {
		if v < 0 {
			v = -v
		}
		w[i] = v
		total += v
	}
	if total == 0 {
		return nil
	}
	return w
}

// SplitOre divides total öre by weights exactly: each part rounded down,
// the öre left over one each to the earliest parts with a weight.
func SplitOre(total int64, weights []int64) []int64 {
	var sum int64
	for _, w := range weights {
		sum += w
	}
	out := make([]int64, len(weights))
	neg := total < 0
	t := total
	if neg {
		t = -t
	}
	var given int64
	for i, w := range weights {
		// t*w can overflow for huge amounts; split into quotient and rest.
		out[i] = (t/sum)*w + (t%sum)*w/sum
		given += out[i]
	}
	for i := 0; given < t; i = (i + 1) % len(weights) {
		if weights[i] > 0 {
			out[i]++
			given++
		}
	}
	if neg {
		for i := range out {
			out[i] = -out[i]
		}
	}
	return out
}
