package engine

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"hash/crc32"
	"slices"
	"strconv"
	"strings"
	"time"
)

// SIE 4 ("SIE filformat utgåva 4B", SIE-Gruppen). What becomes of a file:
//   - #VER/#TRANS vouchers become ledger rows, period = month of the voucher
//     date, dimension 1 = cost_center, 6 = project. #RTRANS/#BTRANS are
//     ignored: an added row is repeated as a plain #TRANS for older readers.
//   - A file without vouchers loads its #PSALDO period balances.
//   - #PBUDGET becomes budget rows.
//   - For #PSALDO/#PBUDGET the rows with an empty object list are the
//     account totals and rows with objects break the same money down, so
//     summing both would count it twice. Where the file's own year figures
//     (#RES, #UB less #IB) say its exporter writes objects as parts beside
//     the money without objects instead, the load says so (sieBalances).
//   - #RAR gives the years behind the year indexes; a #PSALDO/#PBUDGET period
//     outside its index's year is an error (the export is inconsistent).
//   - #KONTO names go to account_names.
//   - #KSUMMA: a file that opens a checksum must close it with the CRC-32
//     of what lies between (sieChecksum); a mismatch or a missing close (a
//     file cut short) refuses the file.
//   - Everything else is read and ignored.

// sieFile is what a SIE file holds that tertial loads.
type sieFile struct {
	Encoding Encoding
	Type     string // #SIETYP
	Company  string // #FNAMN
	OrgNr    string // #ORGNR
	Program  string
	Years    map[int][2]time.Time // #RAR index -> start, end
	Names    map[string]string    // #KONTO
	Budget   []budgetRow
	// LedgerRows counts the rows given to emit.
	LedgerRows int64
	Warnings   []loadWarning
	// Vouchers counts the #VER records; Balances says the ledger rows came
	// from #PSALDO.
	Vouchers int
	Balances bool
	// Year holds the year figures by year index and account: #RES for
	// result accounts, #UB less #IB for balance accounts.
	Year map[sieYearAccount]sieYearFigure
}

// sieYearFigure is a year's figure for an account as the file states it.
type sieYearFigure struct {
	amount int64  // öre
	label  string // "#RES", or "#UB less #IB"
}

type ledgerRow struct {
	Period     Month
	Account    string
	CostCenter string
	Project    string
	Activity   string
	Amount     int64 // öre
	Text       string
	Voucher    string
	Line       int
}

type budgetRow struct {
	Period     Month
	Account    string
	CostCenter string
	Project    string
	Amount     int64 // öre
	Line       int
}

// sieToken is one field of a SIE record; an object list keeps its members.
type sieToken struct {
	s      string
	list   []string
	isList bool
}

// splitSIE splits one record line into fields: white space separates,
// "quoted strings" may contain spaces and \" escapes, {…} is an object list.
func splitSIE(line string) ([]sieToken, error) {
	var sp sieSplitter
	return sp.split(line)
}

// sieSplitter splits record lines reusing its buffers from line to line: a
// year's SIE file has ten million lines, and a fresh token slice for each
// was two thirds of the bytes the parser allocated (BenchmarkParseSIE:
// 149 → 44 MB, 1.4× the lines a second). What split returns is valid until
// the next call; the strings in it are slices of the line.
type sieSplitter struct {
	toks  []sieToken
	lists []string // the members of the line's object lists, one after another
}

func (sp *sieSplitter) split(line string) ([]sieToken, error) {
	toks := sp.toks[:0]
	lists := sp.lists[:0]
	defer func() { sp.toks, sp.lists = toks[:0], lists[:0] }()
	list := -1 // inside {…}: the index in lists where the open list starts
	add := func(str string) {
		if list >= 0 {
			lists = append(lists, str)
		} else {
			toks = append(toks, sieToken{s: str})
		}
	}
	i := 0
	for i < len(line) {
		c := line[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
		case c == '{':
			if list >= 0 {
				return nil, fmt.Errorf("nested '{'")
			}
			toks = append(toks, sieToken{isList: true})
			list = len(lists)
			i++
		case c == '}':
			if list < 0 {
				return nil, fmt.Errorf("'}' without '{'")
			}
			// Capacity capped: a later list's members never overwrite these.
			toks[len(toks)-1].list = lists[list:len(lists):len(lists)]
			list = -1
			i++
		case c == '"':
			// Real exports are lax: some write a bare '"' inside a string
			// (XE writes ö that way) and some cut the last string at a fixed
			// width. So a quote closes the string only before white space,
			// a brace or the end of the line, and the end of the line closes
			// an open string.
			i++
			// Most strings have no escapes: then the string is a slice of
			// the line, without a copy.
			start, end, escaped := i, len(line), false
			for k := i; k < len(line); k++ {
				if line[k] == '\\' && k+1 < len(line) && (line[k+1] == '"' || line[k+1] == '\\') {
					escaped = true
					break
				}
				if line[k] == '"' && (k+1 == len(line) || strings.IndexByte(" \t\r{}", line[k+1]) >= 0) {
					end = k
					break
				}
			}
			if !escaped {
				add(line[start:end])
				i = end + 1
				continue
			}
			var b strings.Builder
			for i < len(line) {
				c := line[i]
				if c == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
					b.WriteByte(line[i+1])
					i += 2
					continue
				}
				if c == '"' && (i+1 == len(line) || strings.IndexByte(" \t\r{}", line[i+1]) >= 0) {
					i++
					break
				}
				b.WriteByte(c)
				i++
			}
			add(b.String())
		default:
			j := i
			for j < len(line) && line[j] != ' ' && line[j] != '\t' && line[j] != '\r' && line[j] != '{' && line[j] != '}' && line[j] != '"' {
				j++
			}
			add(line[i:j])
			i = j
		}
	}
	if list >= 0 {
		return nil, fmt.Errorf("object list not closed with '}'")
	}
	return toks, nil
}

// objects reads an object list {dim obj dim obj …} into cost center (1) and
// project (6). Other dimensions are kept out of the ledger.
func sieObjects(t sieToken) (costCenter, project string, n int, err error) {
	if !t.isList {
		// Some old exporters write the list without braces as a plain field;
		// only an empty string is accepted that way.
		if t.s == "" {
			return "", "", 0, nil
		}
		return "", "", 0, fmt.Errorf("expected an object list {…}, found %q", t.s)
	}
	if len(t.list)%2 != 0 {
		return "", "", 0, fmt.Errorf("object list {%s} has an odd number of fields (expected dimension object pairs)", strings.Join(t.list, " "))
	}
	for i := 0; i < len(t.list); i += 2 {
		switch t.list[i] {
		case "1":
			costCenter = t.list[i+1]
		case "6":
			project = t.list[i+1]
		}
	}
	return costCenter, project, len(t.list) / 2, nil
}

type sieBalanceKey struct {
	period  Month
	account string
}

// sieYearAccount is an account in a #RAR year, by its year index.
type sieYearAccount struct {
	year    int
	account string
}

// compareYearAccount orders the current year first, then by account.
func compareYearAccount(a, c sieYearAccount) int {
	return cmp.Or(cmp.Compare(c.year, a.year), cmp.Compare(a.account, c.account))
}

// sieBalances collects #PSALDO or #PBUDGET rows by month and account, in
// the order the file gives them. Rows with objects break the same money
// down — by cost center, by project, by both, by any dimension — so only one
// partition of an account-month counts, never the total and its breakdowns
// both: the total (the row with an empty object list), split by the rows
// whose object list is one cost center (dimension 1), the rest of the total
// without a cost center. So the month's sum per account is the file's total
// and a unit's report still gets its own balances and budget. An account-
// month the file gives no total for has no sum to keep; with untotalled
// (budgets) its cost-center rows are its budget, else (balances, whose sum
// must be the file's totals) it is left out, and said so (dropped).
//
// Some exporters (Avendo's type 3, for one) write it another way: the row
// with the empty list is only the money booked without objects, and each
// row with objects the money booked with exactly those. Read as SIE defines
// the rows, such a file loses the money booked with objects. Its own year
// figures tell (decide), and the load warns.
type sieBalances struct {
	untotalled bool
	totals     map[sieBalanceKey]int64
	line       map[sieBalanceKey]int // the total's first line
	byCC       map[sieBalanceKey][]budgetRow
	keyOrder   []sieBalanceKey

	// The year's sums by account, of the rows without and with objects,
	// against which decide tests the two readings.
	yearTotal   map[sieYearAccount]int64
	yearObjects map[sieYearAccount]int64
	// Every account-month's rows with objects: their sum and the first
	// one's line (an account-month without a total is one these have and
	// totals has not).
	objects map[sieBalanceKey]sieObjectRows
}

type sieObjectRows struct {
	sum  int64
	line int
}

func newSieBalances(untotalled bool) *sieBalances {
	return &sieBalances{untotalled: untotalled, totals: map[sieBalanceKey]int64{}, line: map[sieBalanceKey]int{}, byCC: map[sieBalanceKey][]budgetRow{},
		yearTotal: map[sieYearAccount]int64{}, yearObjects: map[sieYearAccount]int64{}, objects: map[sieBalanceKey]sieObjectRows{}}
}

func (b *sieBalances) add(line, year int, period Month, account, costCenter string, nobj int, amount int64) {
	ya := sieYearAccount{year, account}
	k := sieBalanceKey{period, account}
	_, total := b.totals[k]
	if nobj == 0 {
		b.yearTotal[ya] += amount
	} else {
		b.yearObjects[ya] += amount
		o, seen := b.objects[k]
		if !seen {
			o.line = line
		}
		o.sum += amount
		b.objects[k] = o
	}
	if _, split := b.byCC[k]; !total && !split && (nobj == 0 || nobj == 1 && costCenter != "") {
		b.keyOrder = append(b.keyOrder, k) // the first row that counts
	}
	switch {
	case nobj == 0:
		if !total {
			b.line[k] = line
		}
		b.totals[k] += amount
	case nobj == 1 && costCenter != "":
		rows := b.byCC[k]
		for i := range rows {
			if rows[i].CostCenter == costCenter {
				rows[i].Amount += amount
				return
			}
		}
		b.byCC[k] = append(rows, budgetRow{Period: period, Account: account, CostCenter: costCenter, Amount: amount, Line: line})
	}
	// Other object lists (projects, several dimensions) break down money
	// the total and the cost-center rows already hold.
}

// sieReading is what decide found: how many accounts' years the file's own
// year figures (#RES, or #UB less #IB) confirm under each reading.
type sieReading struct {
	breakdown, parts int
	example          string // an account-year that only the parts reading explains
	exampleSv        string // the same in Swedish
}

// decide tests the two readings of the rows with objects against the
// file's year figures: for every account-year whose rows with objects carry
// money, the breakdown reading (SIE's, which the load keeps) says the rows
// without objects sum to the year's figure, the parts reading that all
// rows do.
func (b *sieBalances) decide(year map[sieYearAccount]sieYearFigure) sieReading {
	var r sieReading
	keys := make([]sieYearAccount, 0, len(b.yearObjects))
	for ya, obj := range b.yearObjects {
		if obj != 0 {
			keys = append(keys, ya)
		}
	}
	slices.SortFunc(keys, compareYearAccount)
	for _, ya := range keys {
		fig, ok := year[ya]
		if !ok {
			continue
		}
		want := fig.amount
		switch tot := b.yearTotal[ya]; want {
		case tot:
			r.breakdown++
		case tot + b.yearObjects[ya]:
			r.parts++
			if r.example == "" {
				r.example = fmt.Sprintf("account %s, year index %d: %s without objects, %s with all rows, the year's figure %s",
					ya.account, ya.year, FormatOre(tot), FormatOre(tot+b.yearObjects[ya]), FormatOre(want))
				r.exampleSv = fmt.Sprintf("konto %s, årsindex %d: %s utan objekt, %s med alla rader, årets belopp %s",
					ya.account, ya.year, kr(tot), kr(tot+b.yearObjects[ya]), kr(want))
			}
		}
	}
	return r
}

// dropped is, under the breakdown reading, the number of account-months
// whose rows with objects carry money but have no row without objects:
// rows no total holds, which a balance file leaves out.
func (b *sieBalances) dropped() (n, firstLine int) {
	if b.untotalled {
		return 0, 0
	}
	for k, o := range b.objects {
		if _, total := b.totals[k]; !total && o.sum != 0 {
			n++
			if firstLine == 0 || o.line < firstLine {
				firstLine = o.line
			}
		}
	}
	return n, firstLine
}

func (b *sieBalances) rows() []budgetRow {
	out := make([]budgetRow, 0, len(b.keyOrder))
	for _, k := range b.keyOrder {
		cc := b.byCC[k]
		total, ok := b.totals[k]
		if !ok {
			if b.untotalled {
				out = append(out, cc...)
			}
			continue
		}
		rest := total
		for _, r := range cc {
			rest -= r.Amount
		}
		out = append(out, cc...)
		if rest != 0 || len(cc) == 0 {
			out = append(out, budgetRow{Period: k.period, Account: k.account, Amount: rest, Line: b.line[k]})
		}
	}
	return out
}

// parseSIE reads a whole SIE file (any type 1-4E/4I). Ledger rows go to
// emit as they are read (a balanced voucher at a time), so a large file is
// never held as rows in memory; the caller discards them if parseSIE fails.
func parseSIE(name string, raw []byte, emit func(*ledgerRow) error, progress Progress) (*sieFile, error) {
	// Decoded line by line: a copy of a whole year's file would double the
	// memory a load needs.
	data, dec, enc := textDecoder(raw, true)
	behind := dropBehind{data: data, progress: progress}
	f := &sieFile{Encoding: enc, Years: map[int][2]time.Time{}, Names: map[string]string{}, Year: map[sieYearAccount]sieYearFigure{}}
	// #IB and #UB by year index and account, for f.Year.
	opening, closing := map[sieYearAccount]int64{}, map[sieYearAccount]int64{}
	var rowsBuf []ledgerRow // reused from voucher to voucher: emit copies the rows
	var errs InputErrors
	bad := func(line int, format string, args ...any) {
		errs.add(&InputError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	psaldo := newSieBalances(false)
	pbudget := newSieBalances(true)

	type voucher struct {
		line  int
		id    string
		date  Month
		text  string
		rows  []ledgerRow
		sum   int64
		valid bool
	}
	var splitter sieSplitter
	var ver *voucher     // the voucher being read
	var pending *voucher // a #VER waiting for its '{'
	sawFlagga := false
	var sum sieChecksum
	skippedBudget, firstSkipped := 0, 0
	var held monthSpan // the months of the ledger rows emitted
	lineNo := 0
	for len(data) > 0 && !errs.full() {
		behind.passed(len(behind.data) - len(data))
		lineNo++
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if sum.open {
			sum.add(line) // the raw bytes, as the exporter wrote them
		}
		if dec != nil && hasHighByte(line) {
			line = dec.decode(line) // reused: copied by string(line) below
		}
		text := strings.TrimSpace(string(line))
		if text == "" {
			continue
		}
		if text == "{" {
			if pending == nil {
				bad(lineNo, "'{' without a #VER before it")
				continue
			}
			ver, pending = pending, nil
			continue
		}
		if text == "}" {
			if ver == nil {
				bad(lineNo, "'}' without an open voucher")
				continue
			}
			if ver.valid {
				if ver.sum != 0 {
					errs.add(&InputError{File: name, Line: ver.line,
						Msg:  fmt.Sprintf("voucher %s does not balance: its #TRANS rows sum to %s, expected 0", ver.id, FormatOre(ver.sum)),
						Hint: "correct the voucher in the accounting system and export again"})
				} else {
					for i := range ver.rows {
						held.add(ver.rows[i].Period)
						if err := emit(&ver.rows[i]); err != nil {
							return nil, err
						}
					}
					f.LedgerRows += int64(len(ver.rows))
					rowsBuf = ver.rows
				}
			}
			ver = nil
			continue
		}
		if text[0] != '#' {
			bad(lineNo, "expected a #LABEL record, found %q", clip(text))
			continue
		}
		openBrace := false
		if len(text) > 4 && strings.EqualFold(text[:4], "#VER") && strings.HasSuffix(text, "{") {
			text, openBrace = strings.TrimSpace(strings.TrimSuffix(text, "{")), true
		}
		toks, err := splitter.split(text)
		if err != nil {
			bad(lineNo, "%v", err)
			continue
		}
		label := strings.ToUpper(toks[0].s)
		args := toks[1:]
		if pending != nil && label != "#VER" {
			// A #VER whose '{' never came: treat it as empty.
			pending = nil
		}
		arg := func(i int) string {
			if i < len(args) && !args[i].isList {
				return args[i].s
			}
			return ""
		}
		switch label {
		case "#FLAGGA":
			sawFlagga = true
		case "#KSUMMA":
			if err := sum.record(lineNo, arg(0)); err != nil {
				errs.add(&InputError{File: name, Line: lineNo, Msg: err.Error(),
					Hint: "export the file again; a file changed by hand after its export must have both #KSUMMA lines removed to load unchecked"})
			}
		case "#SIETYP":
			f.Type = arg(0)
		case "#FNAMN":
			f.Company = arg(0)
		case "#ORGNR":
			f.OrgNr = arg(0)
		case "#PROGRAM":
			f.Program = arg(0)
		case "#RAR":
			var idx int
			if _, err := fmt.Sscanf(arg(0), "%d", &idx); err != nil {
				bad(lineNo, "#RAR: year index %q is not a number", arg(0))
				continue
			}
			start, err1 := ParseDate(arg(1))
			end, err2 := ParseDate(arg(2))
			if err1 != nil || err2 != nil {
				// Some exporters write "#RAR 0" alone; the year is then known
				// only from the dates, which is all the loader needs.
				continue
			}
			f.Years[idx] = [2]time.Time{start, end}
		case "#RES", "#UB", "#IB":
			// Year figures: to tell how #PSALDO reads (decide) and to check
			// the loaded ledger against (sieYearCheck). They are not the
			// file's money: a malformed one refuses nothing.
			idx, err := strconv.Atoi(arg(0))
			amt, err2 := ParseAmount(arg(2))
			if err != nil || err2 != nil || arg(1) == "" {
				continue
			}
			ya := sieYearAccount{idx, arg(1)}
			switch label {
			case "#RES":
				f.Year[ya] = sieYearFigure{amt, "#RES"}
			case "#IB":
				opening[ya] = amt
			case "#UB":
				closing[ya] = amt
			}
		case "#KONTO":
			if arg(0) != "" {
				f.Names[arg(0)] = arg(1)
			}
		case "#VER":
			if ver != nil {
				bad(lineNo, "#VER inside voucher %s (missing '}')", ver.id)
				ver = nil
			}
			f.Vouchers++
			v := &voucher{line: lineNo, id: strings.TrimSpace(arg(0) + " " + arg(1)), text: arg(3), valid: true, rows: rowsBuf[:0]}
			if v.id == "" {
				v.id = fmt.Sprintf("at line %d", lineNo)
			}
			d, err := ParseDate(arg(2))
			if err != nil {
				bad(lineNo, "#VER %s: voucher date: %v", v.id, err)
				v.valid = false
			} else if years, ok := outsideYears(f.Years, d); !ok {
				// Its month would be this source's newest extract of it and
				// replace what the ledger holds there (last year's December,
				// say) with this voucher alone.
				bad(lineNo, "#VER %s is dated %s, outside the file's financial years (%s): loaded, it would make the file this source's extract for %s and replace what the ledger holds from it there; correct the voucher date in the accounting program and export again",
					v.id, d.Format("2006-01-02"), years, Month{d.Year(), d.Month()})
				v.valid = false
			}
			v.date = Month{d.Year(), d.Month()}
			pending = v
			if openBrace {
				ver, pending = v, nil
			}
		case "#TRANS", "#RTRANS", "#BTRANS":
			if ver == nil {
				bad(lineNo, "%s outside a voucher", label)
				continue
			}
			if label != "#TRANS" {
				continue
			}
			if len(args) < 3 {
				bad(lineNo, "#TRANS needs account, object list and amount")
				ver.valid = false
				continue
			}
			cc, proj, _, err := sieObjects(args[1])
			if err != nil {
				bad(lineNo, "#TRANS: %v", err)
				ver.valid = false
				continue
			}
			amt, err := ParseAmount(arg(2))
			if err != nil {
				bad(lineNo, "#TRANS amount: %v", err)
				ver.valid = false
				continue
			}
			rowText := arg(4)
			if rowText == "" {
				rowText = ver.text
			}
			ver.sum += amt
			ver.rows = append(ver.rows, ledgerRow{Period: ver.date, Account: arg(0), CostCenter: cc, Project: proj,
				Amount: amt, Text: rowText, Voucher: ver.id, Line: lineNo})
		case "#PSALDO", "#PBUDGET":
			if len(args) < 5 {
				bad(lineNo, "%s needs year index, period, account, object list and amount", label)
				continue
			}
			per, err := ParsePeriod(arg(1))
			if err != nil {
				bad(lineNo, "%s period: %v", label, err)
				continue
			}
			costCenter, _, nobj, err := sieObjects(args[3])
			if err != nil {
				bad(lineNo, "%s: %v", label, err)
				continue
			}
			// The year index must name a #RAR year that holds the period.
			idx, err := strconv.Atoi(arg(0))
			if err != nil {
				bad(lineNo, "%s: year index %q is not a number", label, arg(0))
				continue
			} else if y, ok := f.Years[idx]; ok {
				if d := per.Date(); d.Before(monthStart(y[0])) || d.After(y[1]) {
					if label == "#PSALDO" {
						bad(lineNo, "%s: period %s is outside year index %d (%s to %s)", label, per, idx, y[0].Format("2006-01-02"), y[1].Format("2006-01-02"))
						continue
					}
					// Some exporters repeat this year's budget under index -1.
					// Loading it would count the budget twice: skip and say so.
					skippedBudget++
					if skippedBudget == 1 {
						firstSkipped = lineNo
					}
					continue
				}
			}
			amt, err := ParseAmount(arg(4))
			if err != nil {
				bad(lineNo, "%s amount: %v", label, err)
				continue
			}
			target := psaldo
			if label == "#PBUDGET" {
				target = pbudget
			}
			target.add(lineNo, idx, per, arg(2), costCenter, nobj, amt)
		}
	}
	behind.passed(len(behind.data) - len(data))
	if ver != nil && !errs.full() {
		bad(ver.line, "voucher %s is not closed with '}' (truncated file?)", ver.id)
	}
	if sum.open && !errs.full() {
		bad(sum.startLine, "#KSUMMA opens a checksum that no closing #KSUMMA ends: the file is cut short (expected #KSUMMA with the checksum as its last record)")
	}
	if !sawFlagga && len(errs.Errs) == 0 {
		errs.add(&InputError{File: name, Line: 1, Msg: "not a SIE file: no #FLAGGA record", Hint: "check that the file is a SIE export"})
	}
	if err := errs.err(); err != nil {
		return nil, err
	}
	for ya, ub := range closing {
		// Without its #IB (some exporters give the previous year's #UB
		// alone) the closing balance says nothing of the year's change.
		if ib, ok := opening[ya]; ok {
			if _, res := f.Year[ya]; !res {
				f.Year[ya] = sieYearFigure{ub - ib, "#UB less #IB"}
			}
		}
	}
	if f.Vouchers == 0 {
		f.Warnings = append(f.Warnings, readBalances(psaldo, f.Year)...)
		for _, r := range psaldo.rows() {
			row := ledgerRow{Period: r.Period, Account: r.Account, CostCenter: r.CostCenter, Project: r.Project, Amount: r.Amount, Text: "#PSALDO", Line: r.Line}
			held.add(r.Period)
			if err := emit(&row); err != nil {
				return nil, err
			}
			f.LedgerRows++
		}
		f.Balances = f.LedgerRows > 0
	}
	f.Budget = pbudget.rows()
	for _, r := range f.Budget {
		held.add(r.Period)
	}
	if w, ok := brokenFiscalYear(f.Years, held); ok {
		f.Warnings = append(f.Warnings, w)
	}
	if skippedBudget > 0 {
		f.Warnings = append(f.Warnings, loadWarning{
			fmt.Sprintf("skipped %d #PBUDGET rows whose period lies outside their #RAR year index (first at line %d): the file's year indexes contradict its periods", skippedBudget, firstSkipped),
			fmt.Sprintf("hoppade över %d periodbudgetrader (#PBUDGET) vars period ligger utanför deras räkenskapsår (#RAR) (första på rad %d): filens årsindex motsäger dess perioder", skippedBudget, firstSkipped),
		})
	}
	if f.Vouchers == 0 && f.LedgerRows == 0 && len(f.Budget) == 0 {
		typ := f.Type
		if typ == "" {
			typ = "unknown"
		}
		return nil, &InputError{File: name, Msg: fmt.Sprintf("SIE type %s file has no vouchers (#VER), period balances (#PSALDO) or period budget (#PBUDGET); year balances alone cannot make a monthly ledger", typ),
			Hint: "export SIE type 4 (vouchers) or type 2 (period balances)"}
	}
	return f, nil
}

// monthSpan is the first and last of the months added to it.
type monthSpan struct {
	first, last Month
	any         bool
}

func (s *monthSpan) add(m Month) {
	if !s.any {
		s.first, s.last, s.any = m, m, true
		return
	}
	if m.Index() < s.first.Index() {
		s.first = m
	}
	if m.Index() > s.last.Index() {
		s.last = m
	}
}

// outsideYears says whether day d lies in one of the file's #RAR years
// (or the file gives none), and if not, names them.
func outsideYears(years map[int][2]time.Time, d time.Time) (string, bool) {
	idxs := make([]int, 0, len(years))
	for i, y := range years {
		if !d.Before(y[0]) && !d.After(y[1]) {
			return "", true
		}
		if !y[1].Before(y[0]) { // a year that ends before it starts says nothing
			idxs = append(idxs, i)
		}
	}
	if len(idxs) == 0 {
		return "", true
	}
	slices.Sort(idxs)
	var names []string
	for i := len(idxs) - 1; i >= 0; i-- {
		y := years[idxs[i]]
		names = append(names, fmt.Sprintf("#RAR %d %s to %s", idxs[i], y[0].Format("2006-01-02"), y[1].Format("2006-01-02")))
	}
	return strings.Join(names, ", "), false
}

// brokenFiscalYear warns of a #RAR year that runs across the turn of a
// calendar year (brutet räkenskapsår: July to June, or a first year of more
// than twelve months) where it holds months the file loads. tertial's
// year-to-date figures, period budgets and year-on-year changes follow the
// calendar year, a region's fiscal year, so such a file's year is split
// between two report years; the rows load as they are. The year index
// nearest 0 is named.
func brokenFiscalYear(years map[int][2]time.Time, held monthSpan) (loadWarning, bool) {
	if !held.any {
		return loadWarning{}, false
	}
	idxs := make([]int, 0, len(years))
	for i := range years {
		idxs = append(idxs, i)
	}
	slices.SortFunc(idxs, func(a, b int) int { return cmp.Or(cmp.Compare(abs(a), abs(b)), cmp.Compare(b, a)) })
	for _, i := range idxs {
		y := years[i]
		start, end := y[0], y[1]
		if start.Year() == end.Year() || end.Before(start) {
			continue
		}
		if start.After(held.last.Date().AddDate(0, 1, -1)) || end.Before(held.first.Date()) {
			continue
		}
		from, to := start.Format("2006-01-02"), end.Format("2006-01-02")
		last := Month{Year: end.Year(), Mon: end.Month()}
		jan := Month{Year: end.Year(), Mon: time.January}
		return loadWarning{
			fmt.Sprintf("the file's fiscal year (#RAR %d) runs %s to %s, across the turn of a calendar year: tertial's year-to-date figures, period budgets and year-on-year changes follow the calendar year (a region's fiscal year), so a report on %s counts %s to %s, not the file's year from %s",
				i, from, to, last, jan, last, from),
			fmt.Sprintf("filens räkenskapsår (#RAR %d) är %s–%s och går över ett årsskifte: tertials ackumulerade belopp, periodbudget och jämförelser med föregående år följer kalenderåret (regionens räkenskapsår), så en rapport för %s räknar %s, inte filens år från %s",
				i, from, to, last.Swedish(), last.SwedishYearToDate("januari"), from),
		}, true
	}
	return loadWarning{}, false
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// readBalances says what the file's year figures tell of its #PSALDO rows
// with objects (sieBalances.decide) where the SIE reading the load keeps
// does not add up, and which account-months it leaves out.
func readBalances(psaldo *sieBalances, year map[sieYearAccount]sieYearFigure) []loadWarning {
	var warnings []loadWarning
	r := psaldo.decide(year)
	switch {
	case r.parts > 0 && r.breakdown == 0:
		warnings = append(warnings, loadWarning{
			fmt.Sprintf("#PSALDO rows with objects are read as a breakdown of the row without objects, as SIE defines them, but the file's year figures (#RES, #UB less #IB) "+
				"agree only with reading them as parts beside it, the money booked with those objects apart from the money without (%d accounts' years, none the other way; %s): "+
				"its exporter writes them so, and the ledger lacks the money booked with objects; export SIE type 2 (period balances without objects) or type 4 (vouchers) instead", r.parts, r.example),
			fmt.Sprintf("periodsaldon (#PSALDO) med objekt läses som en uppdelning av raden utan objekt, som SIE definierar dem, men filens årsbelopp (#RES, #UB minus #IB) "+
				"stämmer bara om de läses som delar bredvid den, pengarna bokförda med objekten skilda från pengarna utan (%d kontons år, inget åt andra hållet; %s): "+
				"exportprogrammet skriver dem så, och huvudboken saknar pengarna bokförda med objekt; exportera SIE typ 2 (periodsaldon utan objekt) eller typ 4 (verifikationer) i stället", r.parts, r.exampleSv),
		})
	case r.parts > 0:
		warnings = append(warnings, loadWarning{
			fmt.Sprintf("#PSALDO rows with objects are read as a breakdown of the row without objects, as SIE defines them, but the file's year figures (#RES, #UB less #IB) agree with that for %d accounts' years and with reading them as parts beside it for %d (%s): check the ledger against the accounting system", r.breakdown, r.parts, r.example),
			fmt.Sprintf("periodsaldon (#PSALDO) med objekt läses som en uppdelning av raden utan objekt, som SIE definierar dem, men filens årsbelopp (#RES, #UB minus #IB) stämmer med det för %d kontons år och med att läsa dem som delar bredvid den för %d (%s): stäm av huvudboken mot ekonomisystemet", r.breakdown, r.parts, r.exampleSv),
		})
	}
	if n, line := psaldo.dropped(); n > 0 {
		w := loadWarning{
			fmt.Sprintf("left out %d account-months whose #PSALDO rows all have objects (first at line %d): read as a breakdown of the row without objects, as SIE defines them, they have no total to load", n, line),
			fmt.Sprintf("utelämnade %d kontomånader vars periodsaldon (#PSALDO) alla har objekt (första på rad %d): lästa som en uppdelning av raden utan objekt, som SIE definierar dem, har de ingen summa att läsa in", n, line),
		}
		if r.breakdown == 0 && r.parts == 0 {
			w.en += "; the file has no year figures (#RES, #UB) to tell whether its exporter means them as parts instead"
			w.sv += "; filen har inga årsbelopp (#RES, #UB) som visar om exportprogrammet i stället menar dem som delar"
		}
		warnings = append(warnings, w)
	}
	return warnings
}

func monthStart(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// sieChecksum verifies #KSUMMA (SIE 4B, "Kontrollsumma"): a file that
// starts with an empty #KSUMMA ends with #KSUMMA and the CRC-32 (IEEE) of
// every record in between, over the fields' contents alone as the file's
// bytes have them: labels included; white space, line ends, the quotes
// around a string and the braces of an object list left out; \" and \\
// read as the character they escape. This rule gives the checksum of every
// real export in the corpus that has one.
type sieChecksum struct {
	open      bool // after the opening #KSUMMA, before the closing one
	done      bool
	startLine int
	crc       uint32
	buf       []byte // one line's fields, reused
}

// record handles a #KSUMMA record: without a value it opens the checksum,
// with one it closes it and compares.
func (c *sieChecksum) record(line int, value string) error {
	switch {
	case value == "" && !c.open && !c.done:
		c.open, c.startLine, c.crc = true, line, 0
		return nil
	case value == "":
		return fmt.Errorf("#KSUMMA without a checksum where the checksum was expected")
	case !c.open:
		return fmt.Errorf("#KSUMMA %s closes a checksum that no opening #KSUMMA started", value)
	}
	c.open, c.done = false, true
	want, err := strconv.ParseUint(value, 10, 32)
	if err != nil {
		return fmt.Errorf("#KSUMMA %q is not a checksum (expected a whole number, the CRC-32 of the records since line %d)", value, c.startLine)
	}
	if uint32(want) != c.crc {
		return fmt.Errorf("#KSUMMA %d does not match the records since line %d (their checksum is %d): the file was changed after its export, or damaged", want, c.startLine, c.crc)
	}
	return nil
}

// add takes one raw line into the checksum, unless it is the closing
// #KSUMMA, which is not part of what it sums.
func (c *sieChecksum) add(line []byte) {
	t := line
	for len(t) > 0 && (t[0] == ' ' || t[0] == '\t') {
		t = t[1:]
	}
	if len(t) >= 7 && t[1]|0x20 == 'k' && bytes.EqualFold(t[:7], []byte("#KSUMMA")) && (len(t) == 7 || sieSep[t[7]]) {
		return
	}
	c.buf = sieFields(c.buf[:0], line)
	c.crc = crc32.Update(c.crc, crc32.IEEETable, c.buf)
}

// sieFields appends the contents of a record's fields to dst, one after
// the other, splitting them as sieSplitter does (the same lax quotes: a
// quote ends a string only before white space, a brace or the end of the
// line).
func sieFields(dst, line []byte) []byte {
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case sieSep[c]:
			i++
		case c == '"':
			i++
			start := i
			for ; i < len(line); i++ {
				if line[i] == '\\' && i+1 < len(line) && (line[i+1] == '"' || line[i+1] == '\\') {
					dst = append(dst, line[start:i]...)
					i++ // the escaped character starts the next run
					start = i
				} else if line[i] == '"' && (i+1 == len(line) || sieSep[line[i+1]]) {
					break
				}
			}
			dst = append(dst, line[start:min(i, len(line))]...)
			i++ // the closing quote, or past the end
		default:
			j := i
			for j < len(line) && !sieSep[line[j]] && line[j] != '"' {
				j++
			}
			dst = append(dst, line[i:j]...)
			i = j
		}
	}
	return dst
}

// sieSep is what separates fields for the checksum: white space and the
// braces of an object list.
var sieSep = [256]bool{' ': true, '\t': true, '\r': true, '{': true, '}': true}

// sieYearCheck compares a loaded SIE file's ledger with the file's own
// year results (#RES): for every year the ledger has rows in, each result
// account's months must add up to the figure the file states. A file that
// disagrees with itself — vouchers of a series left out of the export,
// period balances cut short — loads as the vouchers or balances say, and
// the load says where the file contradicts them, so nobody takes its
// figures for the accounting system's. Balance accounts (#UB less #IB) are
// not compared: the report does not show them, and exporters that never
// update #UB, or book the opening balance as a voucher, would warn of
// figures nobody reads.
func sieYearCheck(ctx context.Context, tx *sql.Tx, loadID int64, f *sieFile) ([]loadWarning, error) {
	results := false
	for _, fig := range f.Year {
		results = results || fig.label == "#RES"
	}
	if !results || len(f.Years) == 0 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT period, account, (sum(amount) * 100)::BIGINT
		FROM ledger_month WHERE load_id = ? GROUP BY ALL`, loadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	yearOf := func(d time.Time) (int, bool) {
		for idx, y := range f.Years {
			if !d.Before(monthStart(y[0])) && !d.After(y[1]) {
				return idx, true
			}
		}
		return 0, false
	}
	loaded := map[sieYearAccount]int64{}
	covered := map[int]bool{}
	for rows.Next() {
		var period time.Time
		var account string
		var ore int64
		if err := rows.Scan(&period, &account, &ore); err != nil {
			return nil, err
		}
		if idx, ok := yearOf(period); ok {
			loaded[sieYearAccount{idx, account}] += ore
			covered[idx] = true
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var off []sieYearAccount
	for ya, fig := range f.Year {
		if fig.label == "#RES" && covered[ya.year] && loaded[ya] != fig.amount {
			off = append(off, ya)
		}
	}
	if len(off) == 0 {
		return nil, nil
	}
	slices.SortFunc(off, compareYearAccount)
	from, fromSv := "vouchers", "verifikationerna"
	if f.Vouchers == 0 {
		from, fromSv = "#PSALDO period balances", "periodsaldona (#PSALDO)"
	}
	first, fig := off[0], f.Year[off[0]]
	y := f.Years[first.year]
	// The other accounts, once each: a file's two years may both be off.
	var accounts, more []string
	for _, ya := range off {
		if !slices.Contains(accounts, ya.account) {
			accounts = append(accounts, ya.account)
		}
	}
	if len(accounts) > 1 {
		more = accounts[1:min(len(accounts), 6)]
		if len(accounts) > 6 {
			more = append(slices.Clip(more), "…")
		}
	}
	w := loadWarning{
		fmt.Sprintf("the %s of %d accounts do not add up to the file's own year results (#RES): "+
			"account %s in %s..%s loads as %s, its #RES is %s", from, len(accounts), first.account,
			y[0].Format("2006-01"), y[1].Format("2006-01"), FormatOre(loaded[first]), FormatOre(fig.amount)),
		fmt.Sprintf("%s för %d konton summerar inte till filens egna årsresultat (#RES): "+
			"konto %s %s–%s blir %s, dess #RES är %s", fromSv, len(accounts), first.account,
			y[0].Format("2006-01"), y[1].Format("2006-01"), kr(loaded[first]), kr(fig.amount)),
	}
	if len(more) > 0 {
		w.en += " (also " + strings.Join(more, ", ") + ")"
		w.sv += " (även " + strings.Join(more, ", ") + ")"
	}
	w.en += ": the export may lack vouchers or carry year figures of another run; check the ledger against the accounting system's"
	w.sv += ": exporten kan sakna verifikationer eller ha årsbelopp från en annan körning; stäm av huvudboken mot ekonomisystemets"
	return []loadWarning{w}, nil
}
