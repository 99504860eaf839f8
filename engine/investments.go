package engine

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
)

// Investment extracts: one row per frame (Typ ram: the frame decided for a
// year), outcome (Typ utfall: a month's spending, with the year of the
// decision it is spent on) or forecast (Typ prognos: the full-year forecast,
// made in a month). Amounts are kronor spent, positive.
var investmentFields = []field{
	{"kind", true, []string{"Typ", "Kind", "Radtyp"}},
	{"period", true, []string{"Period", "Månad", "År", "Year", "Month"}},
	{"category", true, []string{"Kategori", "Category", "Investeringsslag"}},
	{"decision_year", false, []string{"Beslutsår", "Decision year", "Beslutad år"}},
	{"cost_center", false, []string{"Ansvar", "Kostnadsställe", "Cost center"}},
	{"division", false, []string{"Division", "Förvaltning"}},
	{"amount", true, []string{"Belopp", "Amount"}},
	{"text", false, []string{"Text", "Beskrivning"}},
}

type investmentRow struct {
	Kind, Category, CostCenter, Division, Text string
	Period                                     Month
	DecisionYear                               int
	Amount                                     int64
	Line                                       int
}

var investmentKinds = map[string]string{"ram": "ram", "frame": "ram", "utfall": "utfall", "outcome": "utfall", "prognos": "prognos", "forecast": "prognos"}

func readInvestments(name string, t tableReader, opt LoadOptions, ex *extract) error {
	c, err := headerColumns(name, t, investmentFields, opt.Columns)
	if err != nil {
		return err
	}
	ex.investments = []investmentRow{}
	return eachRecord(name, t, func(rec []string, line int) error {
		r := investmentRow{Line: line, Category: c.get(rec, "category"), CostCenter: c.code(rec, "cost_center"), Division: c.get(rec, "division"), Text: c.get(rec, "text")}
		k, ok := investmentKinds[normHeader(c.get(rec, "kind"))]
		if !ok {
			return cellErr(name, line, c.colName("kind"), fmt.Sprintf("%q is not ram, utfall or prognos", c.get(rec, "kind")))
		}
		r.Kind = k
		p := c.get(rec, "period")
		if len(p) == 4 && allDigits(p) && k == "ram" {
			y, _ := strconv.Atoi(p)
			r.Period = Month{y, 1}
		} else {
			m, err := periodCell(p)
			if err != nil {
				return cellErr(name, line, c.colName("period"), err.Error())
			}
			r.Period = m
			if k == "ram" {
				r.Period.Mon = 1
			}
		}
		if r.Category == "" {
			return cellErr(name, line, c.colName("category"), "empty category")
		}
		if r.Amount, err = amountCell(c.get(rec, "amount")); err != nil {
			return cellErr(name, line, c.colName("amount"), err.Error())
		}
		if y := c.get(rec, "decision_year"); y != "" {
			if r.DecisionYear, err = strconv.Atoi(strings.TrimSpace(y)); err != nil || r.DecisionYear < 1900 {
				return cellErr(name, line, c.colName("decision_year"), fmt.Sprintf("%q is not a year", y))
			}
		}
		if k == "utfall" && r.DecisionYear == 0 {
			return cellErr(name, line, c.colName("decision_year"), "an outcome row needs the year of the decision it is spent on (Beslutsår)")
		}
		ex.investments = append(ex.investments, r)
		return nil
	})
}

func insertInvestments(ctx context.Context, tx *sql.Tx, rows []investmentRow, res *LoadResult) error {
	for _, r := range rows {
		periodRange(res, r.Period)
	}
	if len(rows) == 0 {
		return nil
	}
	del, err := tx.ExecContext(ctx, "DELETE FROM investments WHERE source = ? AND period BETWEEN ? AND ?", res.Source, res.Periods[0].Date(), res.Periods[1].Date())
	if err != nil {
		return err
	}
	res.Replaced, _ = del.RowsAffected()
	res.Rows = int64(len(rows))
	cols := []string{"kind VARCHAR", "period DATE", "category VARCHAR", "decision_year INTEGER", "cost_center VARCHAR", "division VARCHAR", "amount DECIMAL(18,2)", "text VARCHAR", "line INTEGER"}
	return stageCSV(ctx, tx, "investments", cols, func(w *csvWriter) error {
		for _, r := range rows {
			w.str(r.Kind)
			w.month(r.Period)
			w.str(r.Category)
			if r.DecisionYear > 0 {
				w.int(int64(r.DecisionYear))
			} else {
				w.str("")
			}
			w.str(r.CostCenter)
			w.str(r.Division)
			w.ore(r.Amount)
			w.str(r.Text)
			w.int(int64(r.Line))
			w.end()
		}
		return nil
	}, fmt.Sprintf("INSERT INTO investments SELECT kind, period, category, decision_year, cost_center, division, amount, text, %s, %d, line FROM %%s", sqlString(res.Source), res.LoadID))
}

// Investment is one row of the Investeringar table (category "" is the total).
type Investment struct {
	Category              string `json:"category"`
	Frame                 Money  `json:"frame"`
	OutcomePriorDecisions Money  `json:"outcome_prior_decisions"`
	Outcome               Money  `json:"outcome"`
	Total                 Money  `json:"total"`
	Forecast              *Money `json:"forecast"`
}

func (s *Store) buildInvestments(ctx context.Context, p Params) ([]Investment, error) {
	t, err := s.Run(ctx, "investments", p)
	if err != nil {
		return nil, err
	}
	out := []Investment{}
	for _, r := range t.Rows {
		cat := str(r[0])
		if r[0] == nil {
			cat = "Totalt"
		}
		out = append(out, Investment{Category: cat, Frame: money(r[1]), OutcomePriorDecisions: money(r[2]), Outcome: money(r[3]), Total: money(r[4]), Forecast: optMoney(r[5])})
	}
	return out, nil
}
