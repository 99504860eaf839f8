package engine

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// A multi-year programme (such as FVIS): its years, a yearly budget, how its
// outcome is found in the ledger, and forecasts for the remaining years made
// at stated months, with contingency as a line of its own. Amounts are
// costs in kronor (positive).
//
//	name: FVIS
//	title: Framtidens vårdinformationsstöd
//	owner: Programägare FVIS
//	years: [2020, 2025]
//	budget_per_year: 75000000          # or budget: {2020: 75000000, …}
//	outcome: {project: FVIS}           # or cost_centers: [...], accounts: [...]
//	forecasts:
//	  - made: 2023-12
//	    years: {2024: 144000000, 2025: 75000000}
//	    contingency: {2024: 5000000}
type programmeDef struct {
	Name          string           `yaml:"name"`
	Title         string           `yaml:"title"`
	Owner         string           `yaml:"owner"`
	Years         []int            `yaml:"years"`
	BudgetPerYear string           `yaml:"budget_per_year"`
	Budget        map[int]string   `yaml:"budget"`
	Outcome       programmeOutcome `yaml:"outcome"`
	Forecasts     []programmeFcDef `yaml:"forecasts"`
	budget        map[int]int64
	forecasts     []programmeFcRow
}

type programmeOutcome struct {
	Project     string   `yaml:"project"`
	CostCenters []string `yaml:"cost_centers"`
	Accounts    []string `yaml:"accounts"`
}

type programmeFcDef struct {
	Made        string         `yaml:"made"`
	Years       map[int]string `yaml:"years"`
	Contingency map[int]string `yaml:"contingency"`
}

type programmeFcRow struct {
	Made                Month
	Year                int
	Amount, Contingency int64
}

func parseProgramme(name string, data []byte) (*programmeDef, error) {
	var p programmeDef
	if err := DecodeYAMLStrict(data, &p); err != nil {
		return nil, &InputError{File: name, Msg: "programme definition: " + err.Error(),
			Hint: "fields: name, title, owner, years, budget_per_year or budget, outcome, forecasts"}
	}
	bad := func(format string, args ...any) error {
		return &InputError{File: name, Msg: "programme " + p.Name + ": " + fmt.Sprintf(format, args...)}
	}
	if p.Name == "" {
		return nil, &InputError{File: name, Msg: "programme definition: name is required"}
	}
	if len(p.Years) != 2 || p.Years[0] > p.Years[1] || p.Years[0] < 1900 {
		return nil, bad("years must be [first, last], e.g. [2020, 2025]")
	}
	o := p.Outcome
	if o.Project == "" && len(o.CostCenters) == 0 && len(o.Accounts) == 0 {
		return nil, bad("outcome needs a project, cost_centers or accounts to find the programme in the ledger")
	}
	p.budget = map[int]int64{}
	for y := p.Years[0]; y <= p.Years[1]; y++ {
		v := p.Budget[y]
		if v == "" {
			v = p.BudgetPerYear
		}
		if v == "" {
			return nil, bad("no budget for %d (give budget_per_year or budget: {%d: …})", y, y)
		}
		amt, err := ParseAmount(v)
		if err != nil {
			return nil, bad("budget %d: %v", y, err)
		}
		p.budget[y] = amt
	}
	for y := range p.Budget {
		if y < p.Years[0] || y > p.Years[1] {
			return nil, bad("budget for %d is outside the programme's years", y)
		}
	}
	for _, f := range p.Forecasts {
		made, err := ParsePeriod(f.Made)
		if err != nil {
			return nil, bad("forecast made %q: %v", f.Made, err)
		}
		for y, v := range f.Years {
			if y < p.Years[0] || y > p.Years[1] {
				return nil, bad("forecast made %s has %d, outside the programme's years", made, y)
			}
			amt, err := ParseAmount(v)
			if err != nil {
				return nil, bad("forecast made %s, %d: %v", made, y, err)
			}
			var cont int64
			if c, ok := f.Contingency[y]; ok {
				if cont, err = ParseAmount(c); err != nil {
					return nil, bad("contingency %d: %v", y, err)
				}
			}
			p.forecasts = append(p.forecasts, programmeFcRow{made, y, amt, cont})
		}
		for y := range f.Contingency {
			if _, ok := f.Years[y]; !ok {
				return nil, bad("forecast made %s has contingency for %d but no forecast for it", made, y)
			}
		}
	}
	sort.Slice(p.forecasts, func(i, j int) bool {
		a, b := p.forecasts[i], p.forecasts[j]
		if a.Made != b.Made {
			return a.Made.Index() < b.Made.Index()
		}
		return a.Year < b.Year
	})
	return &p, nil
}

func insertProgramme(ctx context.Context, tx *sql.Tx, p *programmeDef, res *LoadResult) error {
	for _, q := range []string{"DELETE FROM programmes WHERE name = ?", "DELETE FROM programme_budget WHERE name = ?", "DELETE FROM programme_forecasts WHERE name = ?"} {
		r, err := tx.ExecContext(ctx, q, p.Name)
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		res.Replaced += n
	}
	list := func(xs []string) any {
		if len(xs) == 0 {
			return nil
		}
		q := make([]string, len(xs))
		for i, x := range xs {
			q[i] = sqlString(x)
		}
		return "[" + strings.Join(q, ", ") + "]"
	}
	cc, acct := list(p.Outcome.CostCenters), list(p.Outcome.Accounts)
	lit := func(v any) string {
		if v == nil {
			return "NULL"
		}
		return v.(string)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO programmes VALUES (?, ?, ?, ?, ?, ?, %s, %s, ?)", lit(cc), lit(acct)),
		p.Name, nullIfEmpty(p.Title), nullIfEmpty(p.Owner), p.Years[0], p.Years[1], nullIfEmpty(p.Outcome.Project), res.LoadID); err != nil {
		return err
	}
	for y := p.Years[0]; y <= p.Years[1]; y++ {
		if _, err := tx.ExecContext(ctx, "INSERT INTO programme_budget VALUES (?, ?, ?::DECIMAL(18,2))", p.Name, y, FormatOre(p.budget[y])); err != nil {
			return err
		}
	}
	for _, f := range p.forecasts {
		if _, err := tx.ExecContext(ctx, "INSERT INTO programme_forecasts VALUES (?, ?, ?, ?::DECIMAL(18,2), ?::DECIMAL(18,2))",
			p.Name, f.Made.Date(), f.Year, FormatOre(f.Amount), FormatOre(f.Contingency)); err != nil {
			return err
		}
	}
	res.Rows = int64(1 + len(p.budget) + len(p.forecasts))
	return nil
}
