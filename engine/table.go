package engine

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// tableReader is what the tabular extract formats (Swedish CSV, XLSX) have
// in common: a header row, then records, each with the line (or sheet row)
// it came from.
type tableReader interface {
	// Header returns the header row.
	Header() []string
	// Next returns the next record and its 1-based line, or io.EOF.
	Next() ([]string, int, error)
	// Describe says how the file was read, e.g. "CSV, ';', decimal comma, windows-1252".
	Describe() string
	// Close releases what the reader holds (an XLSX workbook and its
	// temporary files); the caller closes it when the records are read.
	Close() error
}

// csvTable reads Swedish-style CSV: delimiter ';', ',' or tab detected from
// the header line; UTF-8 with or without BOM, Windows-1252 or Latin-1
// detected; CRLF; quoted fields with embedded delimiters and quotes.
type csvTable struct {
	r          *csv.Reader
	header     []string
	headerLine int // the header's line where rows above it were skipped, else 0
	repeats    int // rows that repeat the header, skipped
	enc        Encoding
	delim      rune
	quotes     *bareQuotes // nil when the file has no quote at all
}

func newCSVTable(name string, raw []byte, progress Progress) (*csvTable, error) {
	u16, enc16, isUTF16, err := fromUTF16(name, raw)
	if err != nil {
		return nil, err
	}
	if isUTF16 {
		raw = u16
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(raw, utf8BOM))) == 0 {
		return nil, &InputError{File: name, Line: 1, Msg: "the file is empty", Hint: "export the extract again"}
	}
	if bytes.IndexByte(raw, 0) >= 0 {
		return nil, &InputError{File: name, Msg: "the file has NUL bytes: it is binary or UTF-16 without a byte order mark, not a CSV text file", Hint: "save it as CSV (UTF-8 or Windows-1252)"}
	}
	if err := checkUTF8(name, raw); err != nil {
		return nil, err
	}
	if bytes.IndexByte(raw, '\n') < 0 && bytes.IndexByte(raw, '\r') >= 0 {
		// Lines ended by CR alone, as Excel for Mac's "CSV (Macintosh)"
		// writes them: the reader splits lines at LF.
		raw = bytes.ReplaceAll(raw, []byte{'\r'}, []byte{'\n'})
	}
	src, enc := decodeReader(raw, false, progress)
	if isUTF16 {
		enc = enc16
	}
	head, _ := decodeText(raw[:min(len(raw), 64<<10)], false)
	delim := detectDelimiter(head)
	var bq *bareQuotes
	if bytes.IndexByte(raw, '"') >= 0 {
		bq = newBareQuotes(src, delim)
		src = bq
	}
	r := csv.NewReader(src)
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	t := &csvTable{r: r, enc: enc, delim: delim, quotes: bq}
	for {
		h, err := r.Read()
		if err == io.EOF {
			return nil, &InputError{File: name, Line: 1, Msg: "the file has no header row"}
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		if len(h) == 1 && strings.TrimSpace(h[0]) == "" {
			continue
		}
		t.header = trimmed(h)
		return t, nil
	}
}

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		what := pe.Err.Error()
		switch {
		case errors.Is(pe.Err, csv.ErrQuote):
			what = `a quoted field's closing quote (") is missing, or a quote inside it is not doubled`
		case errors.Is(pe.Err, csv.ErrBareQuote):
			what = `a quote (") inside a field that is not quoted`
		}
		msg := fmt.Sprintf("%s, at character %d of the line", what, pe.Column)
		if pe.StartLine != pe.Line {
			msg += fmt.Sprintf(", in a quoted field opened on line %d", pe.StartLine)
		}
		return &InputError{File: name, Line: pe.Line, Msg: msg,
			Hint: "a field that contains the delimiter or a quote must be quoted, with quotes doubled"}
	}
	return &InputError{File: name, Msg: err.Error()}
}

// detectDelimiter looks at the first ten lines that are not blank and takes
// the candidate that splits the most of them into the same number of fields
// (counted outside quotes); on a tie, the one with more fields. So a title
// line above the header ("Huvudbok, Region Norr") does not decide, and a
// decimal comma inside ';'-separated fields does not either: the header has
// none.
func detectDelimiter(data []byte) rune {
	var lines [][]byte
	for len(data) > 0 && len(lines) < 10 {
		line := data
		i := bytes.IndexByte(data, '\n')
		if i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if len(bytes.TrimSpace(line)) > 0 {
			lines = append(lines, line)
		}
	}
	best, bestLines, bestCount := ';', 0, 0
	for _, c := range []rune{';', '\t', ','} {
		freq := map[int]int{} // delimiters a line -> lines
		for _, line := range lines {
			n, inQuote := 0, false
			for _, r := range string(line) {
				switch {
				case r == '"':
					inQuote = !inQuote
				case !inQuote && r == c:
					n++
				}
			}
			if n > 0 {
				freq[n]++
			}
		}
		for count, nlines := range freq {
			if nlines > bestLines || nlines == bestLines && count > bestCount {
				best, bestLines, bestCount = c, nlines, count
			}
		}
	}
	return best
}

func (t *csvTable) Header() []string { return t.header }

// nextRow is the next record that is not blank, and its line: a blank
// line, or one of delimiters only (";;;"), which spreadsheets write for rows
// that were touched and emptied, is skipped.
func (t *csvTable) nextRow() ([]string, int, error) {
	for {
		rec, err := t.r.Read()
		if err != nil {
			return nil, 0, err
		}
		if !blankRow(rec) {
			line, _ := t.r.FieldPos(0)
			return rec, line, nil
		}
	}
}

func (t *csvTable) setHeader(h []string, line int) { t.header, t.headerLine = h, line }

func (t *csvTable) Next() ([]string, int, error) {
	rec, line, err := skipRepeats(t.nextRow, t.header, &t.repeats)
	if err != nil {
		return nil, 0, err
	}
	if len(rec) > len(t.header) {
		for _, extra := range rec[len(t.header):] {
			if strings.TrimSpace(extra) != "" {
				return nil, line, &InputError{Line: line, Msg: fmt.Sprintf("the line has %d fields but the header %d (a delimiter inside an unquoted field?)", len(rec), len(t.header)),
					Hint: "quote fields that contain the delimiter"}
			}
		}
	}
	return rec, line, nil
}

func (t *csvTable) Close() error { return nil }

func (t *csvTable) Describe() string {
	d := map[rune]string{';': "';'", ',': "','", '\t': "tab"}[t.delim]
	desc := fmt.Sprintf("CSV, delimiter %s, %s", d, t.enc)
	if t.headerLine > 0 {
		desc += fmt.Sprintf(", header on line %d", t.headerLine)
	}
	if t.quotes != nil && t.quotes.repaired > 0 {
		desc += fmt.Sprintf(", %d unquoted field(s) with a quote inside (read as written)", t.quotes.repaired)
	}
	return desc + repeatsNote(t.repeats, "line")
}

// repeatsHeader reports whether a row is the header again, as exports
// that print page by page repeat it on every page. Such a row is never
// data: the readers skip it, and say how many they skipped.
func repeatsHeader(rec, header []string) bool {
	if len(rec) == 0 || len(header) == 0 || strings.TrimSpace(rec[0]) != header[0] {
		return false
	}
	for i, h := range header {
		if i >= len(rec) || strings.TrimSpace(rec[i]) != h {
			return false
		}
	}
	for _, extra := range rec[len(header):] {
		if strings.TrimSpace(extra) != "" {
			return false
		}
	}
	return true
}

// skipRepeats is next's row, passing over (and counting) the rows that
// repeat the header.
func skipRepeats(next func() ([]string, int, error), header []string, repeats *int) ([]string, int, error) {
	rec, line, err := next()
	for err == nil && repeatsHeader(rec, header) {
		*repeats++
		rec, line, err = next()
	}
	return rec, line, err
}

func repeatsNote(n int, unit string) string {
	switch n {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(", the header repeated on 1 %s (skipped)", unit)
	}
	return fmt.Sprintf(", the header repeated on %d %ss (skipped)", n, unit)
}

// normHeader folds a header for matching: lower case, no diacritics, no
// punctuation or spaces ("Kostnadsställe" → "kostnadsstalle").
func normHeader(h string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(h)) {
		// NFD splits å into a + ring; the ring is a mark, not a letter.
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// field is a canonical column of an extract kind and the headers that mean it.
type field struct {
	name     string
	required bool
	aliases  []string
}

// columns maps a kind's canonical fields to header positions.
type columns struct {
	idx    map[string]int
	header []string
}

func (c columns) has(f string) bool { _, ok := c.idx[f]; return ok }

func (c columns) get(rec []string, f string) string { return cell(rec, c.index(f)) }

// code is field f of a record as an account or cost-center code (codeCell).
func (c columns) code(rec []string, f string) string { return codeCell(rec, c.index(f)) }

// index is the field's column, -1 if the file has none: for loops over
// millions of rows, which look the column up once instead of once a row.
func (c columns) index(f string) int {
	if i, ok := c.idx[f]; ok {
		return i
	}
	return -1
}

// cell is column i of a record, trimmed; "" where the record is shorter or
// i is -1.
func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// codeCell is column i of a record read as an account or cost-center code.
// Exports write a code with its name ("4010 Lokalhyra", "1100 - IT-drift"),
// and a sheet saved as CSV by a program that read the codes as numbers
// writes "4010.0". Kept as written, the ledger would hold 4010, "4010
// Lokalhyra" and "4010.0" as three accounts that budget, organisation and
// account names do not meet. So a code of digits followed by a name, or by
// a decimal point and zeros, is its digits; anything else stays as written
// (an alphanumeric cost center such as K1100 or 1100-A, or "1100 200").
func codeCell(rec []string, i int) string {
	return code(cell(rec, i))
}

func code(v string) string {
	n := 0
	for n < len(v) && v[n] >= '0' && v[n] <= '9' {
		n++
	}
	if n == len(v) || n == 0 {
		return v
	}
	rest := v[n:]
	if len(rest) > 1 && rest[0] == '.' && strings.Trim(rest[1:], "0") == "" {
		return v[:n]
	}
	// A name: after white space (or a dash or colon with white space
	// after it), a word of two letters or more. "1100A", "1100-A" and
	// "1100 A" are codes of their own: a sub-unit, not a name.
	a := strings.TrimLeft(rest, " \t")
	b := strings.TrimLeft(a, "-–—:")
	name := strings.TrimLeft(b, " \t")
	if len(a) == len(rest) && len(name) == len(b) {
		return v // no white space: "4010-Hyra" may be a code
	}
	r1, w := utf8.DecodeRuneInString(name)
	r2, _ := utf8.DecodeRuneInString(name[w:])
	if unicode.IsLetter(r1) && unicode.IsLetter(r2) {
		return v[:n]
	}
	return v
}

// colName is the file's own header for a canonical field, for messages.
func (c columns) colName(f string) string {
	if i, ok := c.idx[f]; ok {
		return c.header[i]
	}
	return f
}

// matchColumns finds each field's column. override maps a field to a header
// of the file (the mapping file for other layouts).
func matchColumns(name string, header []string, fields []field, override map[string]string) (columns, error) {
	c := columns{idx: map[string]int{}, header: header}
	// A header twice is an error only where tertial reads the column:
	// which of the two would it be? Two Kommentar columns it never reads
	// do not matter.
	seen := map[string]int{}
	twice := map[string]int{} // the second column of a header met twice
	for i, h := range header {
		n := normHeader(h)
		if n == "" {
			continue
		}
		if _, dup := seen[n]; dup {
			if _, more := twice[n]; !more {
				twice[n] = i
			}
			continue
		}
		seen[n] = i
	}
	for key := range override {
		known := false
		var names []string
		for _, f := range fields {
			known = known || f.name == key
			names = append(names, f.name)
		}
		if !known {
			return c, &InputError{File: name, Msg: fmt.Sprintf("the column mapping names field %q; this kind of extract has %s", key, strings.Join(names, ", "))}
		}
	}
	for _, f := range fields {
		if h, ok := override[f.name]; ok {
			i, found := seen[normHeader(h)]
			if !found {
				return c, &InputError{File: name, Line: 1, missing: true, Msg: fmt.Sprintf("column %q (mapped to %s) is not in the header", h, f.name)}
			}
			c.idx[f.name] = i
			continue
		}
		for _, a := range append([]string{f.name}, f.aliases...) {
			if i, found := seen[normHeader(a)]; found {
				c.idx[f.name] = i
				break
			}
		}
		if !c.has(f.name) {
			i, err := matchSuffixed(name, header, f)
			if err != nil {
				return c, err
			}
			if i >= 0 {
				c.idx[f.name] = i
			}
		}
	}
	var missing []string
	for _, f := range fields {
		if f.required && !c.has(f.name) {
			missing = append(missing, fmt.Sprintf("%s (%s)", f.name, strings.Join(f.aliases, "/")))
		}
	}
	if len(missing) > 0 {
		return c, missingColumns(name, header, missing)
	}
	for _, f := range fields {
		if i, ok := c.idx[f.name]; ok {
			if j, dup := twice[normHeader(header[i])]; dup {
				return c, &InputError{File: name, Line: 1, Column: header[i],
					Msg: fmt.Sprintf("duplicate header %q (columns %d and %d)", header[i], i+1, j+1), Hint: "rename or remove one of them"}
			}
		}
	}
	return c, nil
}

// headerSuffixes are the words an export adds to a header without changing
// what the column means: "Kontokod", "Ansvarskod", "Belopp (kr)", "Arbetad
// tid (h)". A header is matched by them only when no column has one of the
// field's own names.
var headerSuffixes = map[string][]string{
	"account": idSuffixes, "cost_center": idSuffixes, "project": idSuffixes, "activity": idSuffixes,
	"voucher": idSuffixes, "person": idSuffixes, "manager": idSuffixes,
	"amount": moneySuffixes, "debit": moneySuffixes, "credit": moneySuffixes, "deviation": moneySuffixes,
	"scheduled_hours": hourSuffixes, "worked_hours": hourSuffixes, "extra_hours": hourSuffixes,
	"overtime_hours": hourSuffixes, "short_hours": hourSuffixes, "long_hours": hourSuffixes, "long60_hours": hourSuffixes,
}

var (
	idSuffixes    = []string{"nr", "nummer", "kod", "id", "no", "number", "code"}
	moneySuffixes = []string{"kr", "kronor", "sek"}
	hourSuffixes  = []string{"h", "tim", "timmar", "hours"}
)

// matchSuffixed finds the column whose header is one of f's names followed by
// one of its suffixes, -1 if none. A money column in tkr or mnkr is an error:
// read as kronor, every amount would be a thousand or a million times too small.
func matchSuffixed(file string, header []string, f field) (int, error) {
	suffixes := headerSuffixes[f.name]
	if suffixes == nil {
		return -1, nil
	}
	money := slices.Contains(suffixes, "kr")
	for i, h := range header {
		n := normHeader(h)
		for _, a := range append([]string{f.name}, f.aliases...) {
			rest, ok := strings.CutPrefix(n, normHeader(a))
			if !ok || rest == "" {
				continue
			}
			if len(rest) > 1 && rest[0] == 's' { // a Swedish compound's s: "Ansvarskod"
				if r := rest[1:]; slices.Contains(suffixes, r) || slices.Contains(scaledCurrencies, r) {
					rest = r
				}
			}
			if slices.Contains(suffixes, rest) {
				return i, nil
			}
			if money && slices.Contains(scaledCurrencies, rest) {
				return -1, &InputError{File: file, Line: 1, Column: h,
					Msg:  fmt.Sprintf("column %q gives amounts in thousands or millions of kronor; tertial loads kronor", h),
					Hint: "export the amounts in kronor"}
			}
		}
	}
	return -1, nil
}

// maxPreamble is how many rows above the header an extract may have: a
// title, the report's selection, the date it was printed.
const maxPreamble = 10

// headerColumns matches the table's header to the fields like matchColumns.
// Exports often open with a few lines before the header ("Huvudbok 2019",
// "Utskriven 2019-05-03"); when the first row is not the header, the next
// rows are tried, and the first one that names every required field becomes
// the header. Any other problem, or no such row, is the first row's error.
//
// A workbook whose first sheet has no such header (a cover sheet, notes)
// is read from the one other sheet that has it; with several, the load is
// refused naming them, for --sheet to choose.
func headerColumns(name string, t tableReader, fields []field, override map[string]string) (columns, error) {
	c, err := sheetHeaderColumns(name, t, fields, override)
	var ie *InputError
	if x, ok := t.(*xlsxTable); ok && x.named == "" && errors.As(err, &ie) && ie.missing {
		if found, ferr, ok := x.otherSheet(func(o *xlsxTable) (columns, error) {
			return sheetHeaderColumns(name, o, fields, override)
		}); ok {
			return found, ferr
		}
		if len(x.f.GetSheetList()) > 1 {
			ie.Msg += fmt.Sprintf(" (sheet %q; no other sheet has the header either)", x.sheet)
		}
	}
	return c, err
}

// sheetHeaderColumns is headerColumns within one table (one sheet).
func sheetHeaderColumns(name string, t tableReader, fields []field, override map[string]string) (columns, error) {
	c, err := matchColumns(name, t.Header(), fields, override)
	var ie *InputError
	if err == nil || !errors.As(err, &ie) || !ie.missing {
		return c, err
	}
	r, ok := t.(interface {
		nextRow() ([]string, int, error) // the next row that is not blank, as it is
		setHeader(h []string, line int)
	})
	if !ok {
		return c, err
	}
	for n := 0; n < maxPreamble; n++ {
		row, line, rerr := r.nextRow()
		if rerr != nil {
			break
		}
		h := trimmed(row)
		if found, e := matchColumns(name, h, fields, override); e == nil {
			r.setHeader(h, line)
			return found, nil
		}
	}
	return c, err
}

// trimmed is a header row without surrounding space or a byte order mark.
func trimmed(h []string) []string {
	out := make([]string, len(h))
	for j, v := range h {
		out[j] = strings.TrimSpace(strings.TrimPrefix(v, "\ufeff"))
	}
	return out
}

func missingColumns(name string, header, missing []string) error {
	return &InputError{File: name, Line: 1, missing: true, Msg: fmt.Sprintf("missing column %s; the header has: %s",
		strings.Join(missing, ", "), strings.Join(header, " | ")),
		Hint: "rename the column, or map it with --column FIELD=HEADER"}
}
