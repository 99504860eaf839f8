package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

var (
	ledgerFields = []field{
		{"period", true, []string{"Period", "Månad", "Month", "Datum", "Date", "Bokföringsdatum", "Verifikationsdatum"}},
		// With a year column, the period may be the month's number (1-12).
		{"year", false, []string{"År", "Year", "Räkenskapsår", "Bokföringsår"}},
		{"account", true, []string{"Konto", "Account", "Kontonummer", "Kontonr"}},
		{"cost_center", false, []string{"Ansvar", "Kostnadsställe", "Kst", "Cost center", "Costcenter", "Ansvarsenhet", "Enhet"}},
		{"project", false, []string{"Projekt", "Project"}},
		{"activity", false, []string{"Verksamhet", "Activity", "Aktivitet"}},
		// The amount, or debit and credit in columns of their own (amount =
		// debit - credit): readLedger requires one of the two.
		{"amount", false, []string{"Belopp", "Amount", "Utfall", "Summa"}},
		{"debit", false, []string{"Debet", "Debit"}},
		{"credit", false, []string{"Kredit", "Credit"}},
		{"text", false, []string{"Text", "Beskrivning", "Description", "Verifikationstext"}},
		{"voucher", false, []string{"Verifikation", "Ver", "Vernr", "Voucher"}},
	}
	budgetFields = []field{
		{"period", false, []string{"Period", "Månad", "Month"}},
		{"year", false, []string{"År", "Year", "Budgetår"}},
		{"account", true, []string{"Konto", "Account", "Kontonummer", "Kontonr"}},
		{"cost_center", false, []string{"Ansvar", "Kostnadsställe", "Kst", "Cost center", "Costcenter", "Enhet"}},
		{"project", false, []string{"Projekt", "Project"}},
		// Required, unless the budget has a column per month (see
		// budgetMonthColumns).
		{"amount", false, []string{"Belopp", "Amount", "Budget", "Årsbudget"}},
	}
	forecastFields = []field{
		{"period", true, []string{"Period", "Månad", "Prognosmånad", "Month"}},
		{"category", true, []string{"Kategori", "Category", "Rad", "Resultaträkningsrad"}},
		{"cost_center", false, []string{"Ansvar", "Kostnadsställe", "Kst", "Cost center"}},
		{"deviation", true, []string{"Avvikelse", "Deviation", "Prognosavvikelse", "Prognos"}},
		{"comment", false, []string{"Kommentar", "Comment", "Text"}},
		{"division", false, []string{"Division", "Förvaltning"}},
	}
	accountFields = []field{
		{"from", false, []string{"Från konto", "Konto från", "From", "From account", "Första konto"}},
		{"to", false, []string{"Till konto", "Konto till", "To", "To account", "Sista konto"}},
		{"account", false, []string{"Konto", "Account", "Kontointervall", "Intervall"}},
		{"kind", true, []string{"Typ", "Kind", "Slag"}},
		{"category", true, []string{"Kategori", "Category", "Rad"}},
		{"subcategory", false, []string{"Underkategori", "Subcategory", "Delrad"}},
		{"name", false, []string{"Namn", "Name", "Benämning", "Kontonamn"}},
	}
	orgFields = []field{
		{"cost_center", true, []string{"Ansvar", "Kostnadsställe", "Kst", "Cost center", "Costcenter"}},
		{"name", false, []string{"Namn", "Name", "Benämning"}},
		{"unit", true, []string{"Enhet", "Unit", "Verksamhetsområde", "Avdelning"}},
		{"division", true, []string{"Division", "Förvaltning", "Verksamhetsgren"}},
	}
)

type forecastRow struct {
	Period     Month
	Category   string
	CostCenter string
	Division   string
	Deviation  int64
	Comment    string
	Line       int
}

type accountRange struct {
	First, Last, Kind, Category, Subcategory, Name string
	Line                                           int
}

type orgRow struct {
	CostCenter, Name, Unit, Division string
	Line                             int
}

// parseExtract reads an extract. Ledger rows go to the stage mk makes (nil:
// a temporary file).
func parseExtract(ctx context.Context, s *Store, name string, data []byte, kind Kind, opt LoadOptions, mk func() (*stage, error)) (*extract, error) {
	streaming := mk != nil
	if mk == nil {
		mk = newStage
	}
	if kind == KindSIE {
		st, err := mk()
		if err != nil {
			return nil, err
		}
		f, err := parseSIE(name, data, st.ledger, opt.Progress)
		if err == nil {
			err = st.close()
		}
		if err != nil {
			st.remove()
			return nil, err
		}
		src := f.OrgNr
		if src == "" {
			src = f.Company
		}
		ex := &extract{format: fmt.Sprintf("SIE type %s, %s", f.Type, f.Encoding), ledger: st, budget: f.Budget, names: f.Names, warnings: f.Warnings, sie: f}
		if src != "" {
			ex.source = "sie:" + src
		}
		return ex, nil
	}
	if kind == KindProgramme {
		def, err := parseProgramme(name, data)
		if err != nil {
			return nil, err
		}
		return &extract{format: "YAML programme " + def.Name, programme: def, source: "programme:" + def.Name}, nil
	}
	if isParquet(name, data) {
		if kind != KindLedger && kind != KindBudget {
			return nil, &InputError{File: name, Msg: fmt.Sprintf("Parquet is read for ledger and budget extracts, not %s", kind)}
		}
		return &extract{format: "Parquet", parquet: name}, nil
	}
	t, err := openTable(name, data, opt.Sheet, opt.Progress)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	described := t.Describe()
	ex := &extract{format: described}
	if kind != KindLedger {
		// Kinds that collect their rows, and hours, whose duplicate check
		// keeps a key a row also when the rows stream to DuckDB (regrowing
		// that map was half of a year's hours parse).
		ex.rowsHint = rowsHint(data)
	}
	switch kind {
	case KindLedger:
		if ex.ledger, err = mk(); err != nil {
			return nil, err
		}
		err = readLedger(name, t, opt, ex.ledger)
		if err == nil {
			err = ex.ledger.close()
		}
	case KindBudget:
		err = readBudget(ctx, s, name, t, opt, ex)
	case KindForecast:
		err = readForecast(name, t, opt, ex)
	case KindAccounts:
		err = readAccounts(name, t, opt, ex)
	case KindOrg:
		err = readOrg(name, t, opt, ex)
	case KindDecisions:
		err = readDecisions(ctx, s, name, t, opt, ex)
	case KindInvest:
		err = readInvestments(name, t, opt, ex)
	case KindHours, KindAbsence, KindSickHour:
		if ex.hr = opt.hr; ex.hr == nil {
			if ex.hr, err = newPseudonymiser(opt.HRKey); err != nil {
				return nil, err
			}
		}
		switch kind {
		case KindHours:
			// Streamed when the caller gives a stage; else collected.
			var st *stage
			if streaming {
				if st, err = mk(); err != nil {
					return nil, err
				}
			}
			err = readHours(name, t, opt, ex.hr, ex, st)
			if err == nil && st != nil {
				err = st.close()
			}
		case KindAbsence:
			err = readAbsence(name, t, opt, ex.hr, ex)
		default:
			err = readSickHours(name, t, opt, ex.hr, ex)
		}
	default:
		err = fmt.Errorf("kind %s cannot be read from a table", kind)
	}
	if err != nil {
		if xt, ok := t.(*xlsxTable); ok {
			xt.explainFormulas(err)
		}
		ex.cleanup()
		return nil, err
	}
	// The reader knows more once read: the header's line below a title.
	if before, after := described, t.Describe(); after != before {
		ex.format = after + strings.TrimPrefix(ex.format, before)
	}
	return ex, nil
}

// rowsHint guesses a text extract's rows from its line count, so that the
// rows are collected without regrowing (at 600 000 person-months, regrowing
// and the collector scanning the copies took half the load). An XLSX is
// zipped: no guess.
func rowsHint(data []byte) int {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return 0
	}
	return bytes.Count(data, []byte{'\n'}) + 1
}

func isParquet(name string, data []byte) bool {
	return strings.EqualFold(filepath.Ext(name), ".parquet") || bytes.HasPrefix(data, []byte("PAR1"))
}

func openTable(name string, data []byte, sheet string, progress Progress) (tableReader, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".xlsx" || ext == ".xlsm" || bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return newXLSXTable(name, data, sheet)
	}
	if ext == ".yaml" || ext == ".yml" {
		return newYAMLTable(name, data)
	}
	if ext == ".xls" {
		return nil, &InputError{File: name, Msg: "old Excel (.xls) workbooks are not read", Hint: "save the sheet as .xlsx or CSV"}
	}
	return newCSVTable(name, data, progress)
}

// eachRecord calls fn for every record, collecting input errors (capped).
func eachRecord(name string, t tableReader, fn func(rec []string, line int) error) error {
	var errs InputErrors
	n := 0
	for !errs.full() {
		rec, line, err := t.Next()
		if err == io.EOF {
			if n == 0 {
				errs.add(&InputError{File: name, Line: 1, Msg: "the file has a header but no data rows", Hint: "check that the export finished"})
			}
			break
		}
		n++
		if err != nil {
			errs.add(asInputError(name, err))
			break
		}
		if err := fn(rec, line); err != nil {
			if errors.Is(err, errStageStopped) {
				return err // DuckDB stopped taking rows: not the file's fault
			}
			errs.add(asInputError(name, err))
		}
	}
	return errs.err()
}

func asInputError(name string, err error) *InputError {
	if ie, ok := err.(*InputError); ok {
		if ie.File == "" {
			ie.File = name
		}
		return ie
	}
	if ce := csvError(name, err); ce != nil {
		if ie, ok := ce.(*InputError); ok {
			return ie
		}
	}
	return &InputError{File: name, Msg: err.Error()}
}

func cellErr(name string, line int, col, msg string) *InputError {
	return &InputError{File: name, Line: line, Column: col, Msg: msg}
}

// periodErr is cellErr for a period cell, with a hint where the row is a
// spreadsheet's total ("Summa", "Totalt"): such a row is refused, never
// skipped, since what it sums is the extract's business, not the load's.
func periodErr(name string, line int, col, v string, rec []string, err error) *InputError {
	e := cellErr(name, line, col, err.Error())
	if totalRow(v, rec) {
		e.Hint = "this looks like a total row: remove totals from the extract, tertial sums the rows itself"
	}
	return e
}

// totalRow reports whether a row whose period could not be read is a total:
// the period cell says so (Summa, Totalt, Delsumma, Ack.), or it is empty
// and another cell says Summa or Totalt (";;Summa;1 334,50").
func totalRow(period string, rec []string) bool {
	low := strings.ToLower(strings.TrimSpace(period))
	for _, total := range []string{"sum", "total", "delsumma", "ack"} {
		if strings.HasPrefix(low, total) {
			return true
		}
	}
	if low != "" {
		return false
	}
	for _, v := range rec {
		low := strings.ToLower(strings.TrimSpace(v))
		for _, total := range []string{"summa", "totalt", "total", "delsumma"} {
			if low == total || strings.HasPrefix(low, total+" ") || strings.HasPrefix(low, total+":") {
				return true
			}
		}
	}
	return false
}

// amountCell reads a money cell: a Swedish number, or the raw value of a
// numeric XLSX cell, which may carry float noise (1234.1000000000001). A
// number in scientific notation is read only when it rounds to 0,00: the
// noise of a sum that should be zero (1.1368683772161603E-13, or its
// 1,13687E-13 in a CSV). Any other is refused. Excel saves a number as the
// cell shows it, and a cell shows a number of 12 digits or more as
// 1,23457E+11, only some of its digits. No workbook writer stores an amount
// between 0,005 and 10^15 kronor that way.
func amountCell(v string) (int64, error) {
	if scientific(v) {
		d, err := decimal.NewFromString(strings.NewReplacer(",", ".", "−", "-").Replace(strings.TrimSpace(v)))
		if err == nil && d.Abs().LessThan(decimal.New(5, -3)) {
			return 0, nil
		}
		return 0, fmt.Errorf("%s is in scientific notation, which keeps only the digits the spreadsheet showed: format the column as a number with all its digits before saving the file", quoteClip(v))
	}
	v2, err := ParseAmount(v)
	if err != nil && strings.Count(v, ".") == 1 && !strings.ContainsAny(v, ", \u00a0") {
		// A raw XLSX double such as 1234.1000000000001.
		if d, derr := decimal.NewFromString(v); derr == nil {
			r := d.Round(2)
			if r.Sub(d).Abs().LessThan(decimal.New(1, -6)) {
				return r.Shift(2).IntPart(), nil
			}
		}
	}
	return v2, err
}

// scientific reports whether v is a number written with an exponent:
// 1.5E+6, 1,23457E+11, -2e-3.
func scientific(v string) bool {
	v = strings.TrimSpace(v)
	e := strings.IndexAny(v, "eE")
	if e <= 0 || e == len(v)-1 {
		return false
	}
	mant, exp := strings.TrimLeft(v[:e], "+-−"), v[e+1:]
	if exp[0] == '+' || exp[0] == '-' {
		exp = exp[1:]
	}
	if exp == "" || !allDigits(exp) || mant == "" {
		return false
	}
	seen := false
	for i := 0; i < len(mant); i++ {
		switch c := mant[i]; {
		case c >= '0' && c <= '9':
			seen = true
		case (c == '.' || c == ',') && !strings.ContainsAny(mant[i+1:], ".,"):
		default:
			return false
		}
	}
	return seen
}

// periodOf reads a period cell; where the extract has a year column (year
// >= 0) the period may also be the month's number, "4" or "04" with År 2019.
func periodOf(v string, year int, rec []string) (Month, error) {
	if year >= 0 && len(v) <= 2 && allDigits(v) {
		m, _ := strconv.Atoi(v)
		y, err := strconv.Atoi(cell(rec, year))
		if err != nil || y < 1900 || y > 2999 {
			return Month{}, fmt.Errorf("month %s needs a year, and the year column has %q (expected YYYY)", v, cell(rec, year))
		}
		if m < 1 || m > 12 {
			return Month{}, fmt.Errorf("%q is not a month (expected 1-12 with the year column, or YYYY-MM)", v)
		}
		return Month{y, time.Month(m)}, nil
	}
	return periodCell(v)
}

// periodCell reads a period, including an XLSX date serial number.
func periodCell(v string) (Month, error) {
	if len(v) == 5 && allDigits(v) || (strings.Contains(v, ".") && len(v) > 5 && allDigits(strings.Replace(v, ".", "", 1)) && v[5] == '.') {
		serial, _ := strconv.ParseFloat(v, 64)
		if serial > 20000 && serial < 80000 {
			t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial))
			return Month{t.Year(), t.Month()}, nil
		}
	}
	return ParsePeriod(v)
}

func readLedger(name string, t tableReader, opt LoadOptions, st *stage) error {
	c, err := headerColumns(name, t, ledgerFields, opt.Columns)
	if err != nil {
		return err
	}
	debitCredit := !c.has("amount") && c.has("debit") && c.has("credit")
	if !c.has("amount") && !debitCredit {
		return missingColumns(name, t.Header(), []string{"amount (Belopp/Amount/Utfall/Summa, or Debet and Kredit)"})
	}
	period, year, account, amount := c.index("period"), c.index("year"), c.index("account"), c.index("amount")
	debit, credit := c.index("debit"), c.index("credit")
	costCenter, project, activity, text, voucher := c.index("cost_center"), c.index("project"), c.index("activity"), c.index("text"), c.index("voucher")
	// Debit and credit are both written positive, a correction (storno)
	// as a negative one. A credit column that is mostly negative holds
	// credits already signed, which Debet − Kredit would turn into debits.
	var credits, negCredits, firstNeg int
	err = eachRecord(name, t, func(rec []string, line int) error {
		r := ledgerRow{Line: line}
		var err error
		if r.Period, err = periodOf(cell(rec, period), year, rec); err != nil {
			return periodErr(name, line, c.colName("period"), cell(rec, period), rec, err)
		}
		if r.Account = codeCell(rec, account); r.Account == "" {
			return cellErr(name, line, c.colName("account"), "empty account")
		}
		if debitCredit {
			var d, k int64
			if v := cell(rec, debit); v != "" {
				if d, err = amountCell(v); err != nil {
					return cellErr(name, line, c.colName("debit"), err.Error()+" (expected an amount such as 1 234,50)")
				}
			}
			if v := cell(rec, credit); v != "" {
				if k, err = amountCell(v); err != nil {
					return cellErr(name, line, c.colName("credit"), err.Error()+" (expected an amount such as 1 234,50)")
				}
			}
			if k != 0 {
				credits++
				if k < 0 {
					if negCredits++; firstNeg == 0 {
						firstNeg = line
					}
				}
			}
			r.Amount = d - k
		} else if r.Amount, err = amountCell(cell(rec, amount)); err != nil {
			return cellErr(name, line, c.colName("amount"), err.Error()+" (expected an amount such as -1 234,50)")
		}
		r.CostCenter = codeCell(rec, costCenter)
		r.Project = cell(rec, project)
		r.Activity = cell(rec, activity)
		r.Text = cell(rec, text)
		r.Voucher = cell(rec, voucher)
		return st.ledger(&r)
	})
	if err == nil && negCredits*2 > credits {
		return &InputError{File: name, Line: firstNeg, Column: c.colName("credit"),
			Msg:  fmt.Sprintf("%d of the %d credit amounts are negative: the credits look signed already, and Debet − Kredit would book them as debits", negCredits, credits),
			Hint: "give credits as positive amounts (a negative one is a correction), or one signed Belopp column"}
	}
	return err
}

func readBudget(ctx context.Context, s *Store, name string, t tableReader, opt LoadOptions, ex *extract) error {
	c, err := headerColumns(name, t, budgetFields, opt.Columns)
	if err != nil {
		return err
	}
	months, totals, err := budgetMonthColumns(name, t.Header(), c)
	if err != nil {
		return err
	}
	if len(months) == 0 && !c.has("amount") {
		return missingColumns(name, t.Header(), []string{"amount (Belopp/Amount/Budget/Årsbudget, or a column per month: Jan … Dec, 2019-01 …)"})
	}
	if len(months) == 0 && !c.has("period") && !c.has("year") {
		return &InputError{File: name, Line: 1, Msg: "a budget needs a Period column (monthly amounts) or an År/Year column (annual amounts spread over months); the header has: " + strings.Join(t.Header(), " | ")}
	}
	var annual []budgetRow // Period.Mon == 0: annual amount for Period.Year
	ex.budget = make([]budgetRow, 0, ex.rowsHint*max(1, len(months)))
	err = eachRecord(name, t, func(rec []string, line int) error {
		r := budgetRow{Line: line}
		var err error
		if len(months) > 0 {
			return budgetMonthRow(name, line, rec, c, months, totals, ex)
		}
		if p := c.get(rec, "period"); p != "" {
			if r.Period, err = periodOf(p, c.index("year"), rec); err != nil {
				return periodErr(name, line, c.colName("period"), p, rec, err)
			}
		} else {
			y, err := budgetYear(name, line, rec, c)
			if err != nil {
				return err
			}
			r.Period = Month{Year: y}
		}
		if r.Account = c.code(rec, "account"); r.Account == "" {
			return cellErr(name, line, c.colName("account"), "empty account")
		}
		if r.Amount, err = amountCell(c.get(rec, "amount")); err != nil {
			return cellErr(name, line, c.colName("amount"), err.Error()+" (expected an amount such as -1 234,50)")
		}
		r.CostCenter = c.code(rec, "cost_center")
		r.Project = c.get(rec, "project")
		if r.Period.Mon == 0 {
			annual = append(annual, r)
		} else {
			ex.budget = append(ex.budget, r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(months) > 0 {
		ex.format += fmt.Sprintf(", a column per month (%s … %s)", c.header[months[0].index], c.header[months[len(months)-1].index])
	}
	if len(annual) > 0 {
		spread, warnings, err := spreadAnnual(ctx, s, name, annual, opt.Spread)
		if err != nil {
			return err
		}
		ex.warnings = append(ex.warnings, warnings...)
		ex.budget = append(ex.budget, spread...)
		ex.format += ", annual amounts spread " + spreadName(opt.Spread)
	}
	return nil
}

// monthColumn is a budget column that holds one month's amounts: its
// header names the month ("Jan", "januari", "2019-01", "jan 2019"); Year
// is 0 when the header has none, and the row's År gives it.
type monthColumn struct {
	index int
	month Month
}

// budgetTotalHeaders name a column of the year's total beside the months,
// checked like the amount column (normHeader forms).
var budgetTotalHeaders = []string{"helar", "helarsbudget", "summa", "totalt", "total", "arstotal"}

// budgetMonthColumns finds the columns of a budget laid out a row per
// account and cost center with a column per month, as budget workbooks
// are, and the columns of the year's total beside them (Årsbudget, Belopp,
// Helår, Summa), which are checked against the months' sum row by row and
// never added to them; any other column is not read.
func budgetMonthColumns(name string, header []string, c columns) (months []monthColumn, totals []int, _ error) {
	used := map[int]bool{}
	for _, i := range c.idx {
		used[i] = true
	}
	var out []monthColumn
	seen := map[Month]string{}
	for i, h := range header {
		if used[i] || h == "" {
			continue
		}
		var m Month
		if mon, ok := monthName(h); ok {
			m = Month{Mon: time.Month(mon)}
		} else if p, err := periodCell(h); err == nil { // also a date cell of a workbook's header
			m = p
		} else {
			continue
		}
		if other, dup := seen[m]; dup {
			return nil, nil, &InputError{File: name, Line: 1, Column: h, Msg: fmt.Sprintf("columns %q and %q are the same month", other, h)}
		}
		seen[m] = h
		out = append(out, monthColumn{i, m})
	}
	if len(out) < 2 {
		return nil, nil, nil // one column that looks like a month is not a layout
	}
	for _, mc := range out {
		switch {
		case c.has("period"):
			return nil, nil, &InputError{File: name, Line: 1, Column: c.colName("period"),
				Msg: fmt.Sprintf("the budget has both a period column and a column per month (%s, …): which is the month?", header[out[0].index]), Hint: "remove one of them"}
		case mc.month.Year == 0 && !c.has("year"):
			return nil, nil, &InputError{File: name, Line: 1, Column: header[mc.index],
				Msg:  fmt.Sprintf("the month columns (%s, …) do not say the year, and there is no År column", header[out[0].index]),
				Hint: "add an År column, or head the months with their year (2019-01, jan 2019)"}
		}
	}
	for i, h := range header {
		if i == c.index("amount") || slices.Contains(budgetTotalHeaders, normHeader(h)) {
			totals = append(totals, i)
		}
	}
	return out, totals, nil
}

// budgetMonthRow reads one row of a budget with a column per month.
func budgetMonthRow(name string, line int, rec []string, c columns, months []monthColumn, totals []int, ex *extract) error {
	account := c.code(rec, "account")
	if account == "" {
		return cellErr(name, line, c.colName("account"), "empty account")
	}
	year := 0
	if c.has("year") {
		y, err := budgetYear(name, line, rec, c)
		if err != nil {
			return err
		}
		year = y
	}
	costCenter, project := c.code(rec, "cost_center"), c.get(rec, "project")
	var sum int64
	for _, mc := range months {
		v := cell(rec, mc.index)
		if v == "" {
			continue
		}
		amount, err := amountCell(v)
		if err != nil {
			return cellErr(name, line, c.header[mc.index], err.Error()+" (expected an amount such as -1 234,50)")
		}
		m := mc.month
		if m.Year == 0 {
			m.Year = year
		} else if year != 0 && year != m.Year {
			return cellErr(name, line, c.colName("year"), fmt.Sprintf("the row's year %d is not the year of column %q", year, c.header[mc.index]))
		}
		sum += amount
		ex.budget = append(ex.budget, budgetRow{Period: m, Account: account, CostCenter: costCenter, Project: project, Amount: amount, Line: line})
	}
	for _, i := range totals {
		v := cell(rec, i)
		if v == "" {
			continue
		}
		total, err := amountCell(v)
		if err != nil {
			return cellErr(name, line, c.header[i], err.Error()+" (expected an amount such as -1 234,50)")
		}
		if total != sum {
			return cellErr(name, line, c.header[i], fmt.Sprintf("the months sum to %s, but the column says %s", FormatOre(sum), FormatOre(total)))
		}
	}
	return nil
}

// budgetYear reads a budget row's År.
func budgetYear(name string, line int, rec []string, c columns) (int, error) {
	y, err := strconv.Atoi(c.get(rec, "year"))
	if err != nil || y < 1900 || y > 2999 {
		return 0, cellErr(name, line, c.colName("year"), fmt.Sprintf("%q is not a year (expected YYYY)", c.get(rec, "year")))
	}
	return y, nil
}

func spreadName(s string) string {
	if s == "" {
		return "evenly"
	}
	return "by " + s
}

func readForecast(name string, t tableReader, opt LoadOptions, ex *extract) error {
	c, err := headerColumns(name, t, forecastFields, opt.Columns)
	if err != nil {
		return err
	}
	ex.forecast = []forecastRow{}
	return eachRecord(name, t, func(rec []string, line int) error {
		r := forecastRow{Line: line}
		var err error
		if r.Period, err = periodCell(c.get(rec, "period")); err != nil {
			return cellErr(name, line, c.colName("period"), err.Error()+" (the month the forecast was made)")
		}
		if r.Category = c.get(rec, "category"); r.Category == "" {
			return cellErr(name, line, c.colName("category"), "empty category")
		}
		if r.Deviation, err = amountCell(c.get(rec, "deviation")); err != nil {
			return cellErr(name, line, c.colName("deviation"), err.Error())
		}
		r.CostCenter = c.code(rec, "cost_center")
		r.Division = c.get(rec, "division")
		r.Comment = c.get(rec, "comment")
		ex.forecast = append(ex.forecast, r)
		return nil
	})
}

var kindAliases = map[string]string{
	"revenue": "revenue", "intakt": "revenue", "intakter": "revenue",
	"cost": "cost", "kostnad": "cost", "kostnader": "cost",
	"financial": "financial", "finansiell": "financial", "finansiella": "financial", "finansiellapostern": "financial", "finansiellaposter": "financial",
	"balance": "balance", "balans": "balance", "balansrakning": "balance",
}

func readAccounts(name string, t tableReader, opt LoadOptions, ex *extract) error {
	c, err := headerColumns(name, t, accountFields, opt.Columns)
	if err != nil {
		return err
	}
	if !c.has("account") && !(c.has("from") && c.has("to")) {
		return &InputError{File: name, Line: 1, Msg: "an account mapping needs a Konto column (4010 or 4000-4999) or Från konto and Till konto columns"}
	}
	ex.accounts = []accountRange{}
	err = eachRecord(name, t, func(rec []string, line int) error {
		r := accountRange{Line: line, Category: c.get(rec, "category"), Subcategory: c.get(rec, "subcategory"), Name: c.get(rec, "name")}
		if a := c.code(rec, "account"); a != "" {
			r.First, r.Last, _ = strings.Cut(a, "-")
			r.First, r.Last = strings.TrimSpace(r.First), strings.TrimSpace(r.Last)
			if r.Last == "" {
				r.Last = r.First
			}
		} else {
			r.First, r.Last = c.get(rec, "from"), c.get(rec, "to")
		}
		if !allDigits(r.First) || !allDigits(r.Last) || len(r.First) != len(r.Last) || r.First > r.Last {
			return cellErr(name, line, c.colName("account"), fmt.Sprintf("%q-%q is not an account range (expected digits of equal length, first ≤ last, e.g. 4000-4999)", r.First, r.Last))
		}
		k, ok := kindAliases[normHeader(c.get(rec, "kind"))]
		if !ok {
			return cellErr(name, line, c.colName("kind"), fmt.Sprintf("%q is not a kind (expected intäkt, kostnad, finansiell or balans)", c.get(rec, "kind")))
		}
		r.Kind = k
		if r.Category == "" {
			return cellErr(name, line, c.colName("category"), "empty category")
		}
		ex.accounts = append(ex.accounts, r)
		return nil
	})
	if err != nil {
		return err
	}
	// Two ranges of the same width covering the same accounts would make the
	// mapping ambiguous: refuse rather than pick one.
	for i := range ex.accounts {
		for j := i + 1; j < len(ex.accounts); j++ {
			a, b := ex.accounts[i], ex.accounts[j]
			if a.First == b.First && a.Last == b.Last {
				return &InputError{File: name, Line: b.Line, Msg: fmt.Sprintf("range %s-%s is mapped twice (also line %d)", b.First, b.Last, a.Line)}
			}
		}
	}
	return nil
}

func readOrg(name string, t tableReader, opt LoadOptions, ex *extract) error {
	c, err := headerColumns(name, t, orgFields, opt.Columns)
	if err != nil {
		return err
	}
	ex.org = []orgRow{}
	seen := map[string]int{}
	return eachRecord(name, t, func(rec []string, line int) error {
		r := orgRow{Line: line, CostCenter: c.code(rec, "cost_center"), Name: c.get(rec, "name"), Unit: c.get(rec, "unit"), Division: c.get(rec, "division")}
		if r.CostCenter == "" || r.Unit == "" || r.Division == "" {
			return cellErr(name, line, "", "cost center, unit and division must all be given")
		}
		if prev, dup := seen[r.CostCenter]; dup {
			return cellErr(name, line, c.colName("cost_center"), fmt.Sprintf("cost center %s is listed twice (also line %d)", r.CostCenter, prev))
		}
		seen[r.CostCenter] = line
		ex.org = append(ex.org, r)
		return nil
	})
}
