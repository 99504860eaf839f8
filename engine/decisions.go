package engine

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Budget reallocation decisions ("omfördelning av budgetram"): each line
// moves an amount of net cost budget from one cost center, unit or division
// to another, from an effective month to the end of that year, spread evenly
// or by a twelve-month profile. A line may name only the giving side (an
// amount out) or only the receiving side (an amount in); the lines of one
// decision must then balance. A unit or division is booked on its first cost
// center; a category on the first account of its range. Giving budget that
// is not there — a side with no budget in the effective year — is refused.

var decisionFields = []field{
	{"reference", true, []string{"Referens", "Beslut", "Diarienummer", "Dnr", "Reference", "Decision"}},
	{"decided", true, []string{"Beslutsdatum", "Datum", "Decision date", "Date", "Beslutad"}},
	{"decided_by", false, []string{"Beslutsfattare", "Beslutad av", "Decided by", "Instans"}},
	{"from", false, []string{"Från", "From", "Från enhet", "Från ansvar"}},
	{"to", false, []string{"Till", "To", "Till enhet", "Till ansvar"}},
	{"amount", true, []string{"Belopp", "Amount"}},
	{"account", false, []string{"Konto", "Account"}},
	{"category", false, []string{"Kategori", "Category"}},
	{"effective", true, []string{"Gäller från", "Fr.o.m.", "From month", "Effective from", "Effective"}},
	{"profile", false, []string{"Profil", "Periodisering", "Profile"}},
	{"text", false, []string{"Text", "Beskrivning", "Description"}},
}

type decisionLine struct {
	Reference, DecidedBy, From, To, Account, Category, Profile, Text string
	Decided                                                          time.Time
	Amount                                                           int64
	Effective                                                        Month
	Line                                                             int
	fromCC, toCC                                                     string
	fromScope                                                        []string
}

type decisionMonth struct {
	Reference, CostCenter, Account string
	Period                         Month
	Amount                         int64
	Line                           int
}

// orgIndex resolves a label to cost centers.
type orgIndex struct {
	cc       map[string]bool
	unit     map[string][]string
	division map[string][]string
}

func (s *Store) orgIndex(ctx context.Context) (*orgIndex, error) {
	t, err := s.Query(ctx, "SELECT cost_center, unit, division FROM cost_centers ORDER BY cost_center")
	if err != nil {
		return nil, err
	}
	o := &orgIndex{cc: map[string]bool{}, unit: map[string][]string{}, division: map[string][]string{}}
	for _, r := range t.Rows {
		cc, u, d := str(r[0]), str(r[1]), str(r[2])
		o.cc[cc] = true
		o.unit[u] = append(o.unit[u], cc)
		o.division[d] = append(o.division[d], cc)
	}
	return o, nil
}

// resolve returns the cost center that carries the budget and every cost
// center the label stands for.
func (o *orgIndex) resolve(label string) (string, []string, bool) {
	switch {
	case o.cc[label]:
		return label, []string{label}, true
	case len(o.unit[label]) > 0:
		return o.unit[label][0], o.unit[label], true
	case len(o.division[label]) > 0:
		return o.division[label][0], o.division[label], true
	}
	return "", nil, false
}

func readDecisions(ctx context.Context, s *Store, name string, t tableReader, opt LoadOptions, ex *extract) error {
	c, err := headerColumns(name, t, decisionFields, opt.Columns)
	if err != nil {
		return err
	}
	org, err := s.orgIndex(ctx)
	if err != nil {
		return err
	}
	var lines []decisionLine
	err = eachRecord(name, t, func(rec []string, line int) error {
		d := decisionLine{Line: line, Reference: c.get(rec, "reference"), DecidedBy: c.get(rec, "decided_by"), From: c.get(rec, "from"), To: c.get(rec, "to"),
			Account: c.code(rec, "account"), Category: c.get(rec, "category"), Profile: c.get(rec, "profile"), Text: c.get(rec, "text")}
		if d.Reference == "" {
			return cellErr(name, line, c.colName("reference"), "empty decision reference")
		}
		var err error
		if d.Decided, err = dateCell(c.get(rec, "decided")); err != nil {
			return cellErr(name, line, c.colName("decided"), err.Error())
		}
		if d.Amount, err = amountCell(c.get(rec, "amount")); err != nil {
			return cellErr(name, line, c.colName("amount"), err.Error())
		}
		if d.Amount <= 0 {
			return cellErr(name, line, c.colName("amount"), "the amount must be positive: the direction is from → to")
		}
		if d.Effective, err = periodCell(c.get(rec, "effective")); err != nil {
			return cellErr(name, line, c.colName("effective"), err.Error()+" (the month the decision takes effect)")
		}
		if d.From == "" && d.To == "" {
			return cellErr(name, line, "", "a decision line needs a from or a to side (or both)")
		}
		for _, side := range []struct {
			label string
			cc    *string
			scope *[]string
			col   string
		}{{d.From, &d.fromCC, &d.fromScope, "from"}, {d.To, &d.toCC, nil, "to"}} {
			if side.label == "" {
				continue
			}
			cc, scope, ok := org.resolve(side.label)
			if !ok {
				return cellErr(name, line, c.colName(side.col), fmt.Sprintf("%q is no cost center, unit or division in the organisation", side.label))
			}
			*side.cc = cc
			if side.scope != nil {
				*side.scope = scope
			}
		}
		if d.Account == "" {
			if d.Category == "" {
				return cellErr(name, line, "", "give an account or a category")
			}
			var first sql.NullString
			if err := s.db.QueryRowContext(ctx, "SELECT min(first_account) FROM account_ranges WHERE category = ? OR subcategory = ?", d.Category, d.Category).Scan(&first); err != nil {
				return err
			}
			if !first.Valid {
				return cellErr(name, line, c.colName("category"), fmt.Sprintf("category %q is not in the account mapping", d.Category))
			}
			d.Account = first.String
		}
		if _, err := profileWeights(d.Profile); err != nil {
			return cellErr(name, line, c.colName("profile"), err.Error())
		}
		lines = append(lines, d)
		return nil
	})
	if err != nil {
		return err
	}
	var errs InputErrors
	// Balance: per decision, the amounts out equal the amounts in.
	type bal struct {
		out, in int64
		first   int
	}
	sums := map[string]*bal{}
	var refs []string
	for _, d := range lines {
		b := sums[d.Reference]
		if b == nil {
			b = &bal{first: d.Line}
			sums[d.Reference] = b
			refs = append(refs, d.Reference)
		}
		if d.From != "" {
			b.out += d.Amount
		}
		if d.To != "" {
			b.in += d.Amount
		}
	}
	for _, r := range refs {
		if b := sums[r]; b.out != b.in {
			errs.add(&InputError{File: name, Line: b.first, Msg: fmt.Sprintf("decision %s does not balance: %s kr out, %s kr in", r, FormatOre(b.out), FormatOre(b.in)),
				Hint: "every amount moved from one place must arrive at another"})
		}
	}
	// The giving side must have budget in the effective year.
	for _, d := range lines {
		if d.From == "" {
			continue
		}
		var n int
		q := "SELECT count(*) FROM budget WHERE year(period) = ? AND cost_center IN (" + placeholders(len(d.fromScope)) + ")"
		args := []any{d.Effective.Year}
		for _, cc := range d.fromScope {
			args = append(args, cc)
		}
		if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			errs.add(&InputError{File: name, Line: d.Line, Msg: fmt.Sprintf("decision %s moves budget from %s, which has no budget for %d", d.Reference, d.From, d.Effective.Year),
				Hint: "load that year's budget first, or check the from side"})
		}
	}
	if err := errs.err(); err != nil {
		return err
	}
	ex.decisions = lines
	for _, d := range lines {
		w, _ := profileWeights(d.Profile)
		months := w[d.Effective.Mon-1:]
		for i, amt := range SplitOre(d.Amount, months) {
			m := Month{d.Effective.Year, d.Effective.Mon + time.Month(i)}
			if d.From != "" {
				ex.decisionMonths = append(ex.decisionMonths, decisionMonth{d.Reference, d.fromCC, d.Account, m, -amt, d.Line})
			}
			if d.To != "" {
				ex.decisionMonths = append(ex.decisionMonths, decisionMonth{d.Reference, d.toCC, d.Account, m, amt, d.Line})
			}
		}
	}
	return nil
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// profileWeights reads "" (even) or twelve weights "1,1,2,…".
func profileWeights(p string) ([]int64, error) {
	if p == "" || strings.EqualFold(p, "even") || strings.EqualFold(p, "jämn") {
		return []int64{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, nil
	}
	parts := strings.FieldsFunc(p, func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(parts) != 12 {
		return nil, fmt.Errorf("profile %q: expected twelve weights, one per month", p)
	}
	var w []int64
	for _, x := range parts {
		v, err := strconv.ParseInt(x, 10, 64)
		if err != nil || v < 0 {
			return nil, fmt.Errorf("profile %q: %q is not a whole number ≥ 0", p, x)
		}
		w = append(w, v)
	}
	return w, nil
}

// insertDecisions replaces the decisions of the file's source that were
// decided within the file's dates (its earliest to its latest decision) or
// have one of its references, with their months, and keeps the others: a
// register exported again replaces itself, a decision corrected in it
// replaces its old lines, and a year's file (budgetbeslut_2020.csv, one
// source with budgetbeslut_2019.csv) keeps the year before it, whose
// decisions may still take effect.
func insertDecisions(ctx context.Context, tx *sql.Tx, lines []decisionLine, months []decisionMonth, res *LoadResult) error {
	var n int64
	if len(lines) > 0 {
		lo, hi := lines[0].Decided, lines[0].Decided
		refs := map[string]bool{}
		args := []any{res.Source, nil, nil}
		for _, d := range lines {
			if d.Decided.Before(lo) {
				lo = d.Decided
			}
			if d.Decided.After(hi) {
				hi = d.Decided
			}
			if !refs[d.Reference] {
				refs[d.Reference] = true
				args = append(args, d.Reference)
			}
		}
		args[1], args[2] = lo, hi
		replaced := "d.source = ? AND (d.decided BETWEEN ? AND ? OR d.reference IN (" + placeholders(len(refs)) + "))"
		for _, q := range []string{
			"DELETE FROM budget_decision_months m WHERE EXISTS (SELECT 1 FROM budget_decisions d WHERE d.load_id = m.load_id AND d.reference = m.reference AND " + replaced + ")",
			"DELETE FROM budget_decisions d WHERE " + replaced,
		} {
			r, err := tx.ExecContext(ctx, q, args...)
			if err != nil {
				return fmt.Errorf("replace earlier decisions: %w", err)
			}
			k, _ := r.RowsAffected()
			n += k
		}
	}
	res.Replaced = n
	res.Rows = int64(len(lines))
	sort.SliceStable(months, func(i, j int) bool { return months[i].Period.Index() < months[j].Period.Index() })
	err := stageCSV(ctx, tx, "budget_decisions", []string{"reference VARCHAR", "decided DATE", "decided_by VARCHAR", "from_label VARCHAR", "to_label VARCHAR",
		"amount DECIMAL(18,2)", "account VARCHAR", "category VARCHAR", "effective DATE", "profile VARCHAR", "text VARCHAR", "line INTEGER"}, func(w *csvWriter) error {
		for _, d := range lines {
			w.str(d.Reference)
			w.str(d.Decided.Format("2006-01-02"))
			w.str(d.DecidedBy)
			w.str(d.From)
			w.str(d.To)
			w.ore(d.Amount)
			w.str(d.Account)
			w.str(d.Category)
			w.month(d.Effective)
			w.str(d.Profile)
			w.str(d.Text)
			w.int(int64(d.Line))
			w.end()
		}
		return nil
	}, fmt.Sprintf(`INSERT INTO budget_decisions SELECT reference, decided, decided_by, from_label, to_label, amount, account, category, effective,
		profile, text, %s, %d, line FROM %%s`, sqlString(res.Source), res.LoadID))
	if err != nil {
		return err
	}
	return stageCSV(ctx, tx, "budget_decision_months", []string{"reference VARCHAR", "period DATE", "cost_center VARCHAR", "account VARCHAR", "amount DECIMAL(18,2)", "line INTEGER"}, func(w *csvWriter) error {
		for _, m := range months {
			w.str(m.Reference)
			w.month(m.Period)
			w.str(m.CostCenter)
			w.str(m.Account)
			w.ore(m.Amount)
			w.int(int64(m.Line))
			w.end()
		}
		return nil
	}, fmt.Sprintf("INSERT INTO budget_decision_months SELECT reference, period, cost_center, account, amount, %d, line FROM %%s", res.LoadID))
}
