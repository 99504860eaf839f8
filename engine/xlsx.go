package engine

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxTable reads the first (or a named) sheet of a workbook with the same
// header rules as CSV. Cells are read raw: numbers as the workbook stores
// them (never as formatted and possibly rounded for display), formulas as
// their cached values, dates as serial numbers (see excelSerial). The sheet
// is streamed row by row, so a full sheet (1 048 576 rows) is never held in
// memory as strings, and the rows reach DuckDB while the XML is still being
// read. Close releases the workbook (and any temporary file excelize
// extracted a large sheet to).
type xlsxTable struct {
	name   string
	f      *excelize.File
	rows   *excelize.Rows
	sheet  string
	header []string
	row    int // the sheet row read last

	headerRow int // the header's row where rows above it were skipped, else 0
	repeats   int // rows that repeat the header, skipped
	// named is the sheet the caller asked for, "" for the first; passed
	// is the first sheet when it had no header and another one was read.
	named, passed string
	// shown reads the sheet a second time, as the workbook displays its
	// cells (formattedRow); shownRow is its row.
	shown    *excelize.Rows
	shownRow int
}

func newXLSXTable(name string, raw []byte, sheet string) (_ *xlsxTable, err error) {
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("not a readable XLSX workbook: %v", err), Hint: "save it as .xlsx (Excel 2007 or later)"}
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	sheets := f.GetSheetList()
	named := sheet
	if sheet == "" {
		if len(sheets) == 0 {
			return nil, &InputError{File: name, Msg: "the workbook has no sheets"}
		}
		sheet = sheets[0]
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("no sheet named %q; the workbook has %s", sheet, strings.Join(sheets, ", "))}
	}
	t, err := openSheet(name, f, sheet)
	if err != nil {
		return nil, err
	}
	t.named = named
	return t, nil
}

// openSheet starts reading a sheet of f, its first row that is not blank
// taken as the header.
func openSheet(name string, f *excelize.File, sheet string) (*xlsxTable, error) {
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("sheet %s: %v", sheet, err)}
	}
	t := &xlsxTable{name: name, f: f, rows: rows, sheet: sheet}
	h, _, err := t.next()
	if err != nil {
		rows.Close()
		if err == io.EOF {
			return nil, &InputError{File: name, Msg: fmt.Sprintf("sheet %s is empty", sheet)}
		}
		return nil, err
	}
	t.header = trimmed(h)
	return t, nil
}

// otherSheet looks for the header in the workbook's other sheets, match
// finding it in one. With exactly one that has it, t reads that sheet from
// then on and its columns are returned; with several, an error names them.
// ok is false when no other sheet has the header (or there is none).
func (t *xlsxTable) otherSheet(match func(*xlsxTable) (columns, error)) (_ columns, _ error, ok bool) {
	var found []*xlsxTable
	var cols columns
	for _, sheet := range t.f.GetSheetList() {
		if sheet == t.sheet {
			continue
		}
		o, err := openSheet(t.name, t.f, sheet)
		if err != nil {
			continue
		}
		o.named = sheet
		c, err := match(o)
		if err != nil {
			o.rows.Close()
			continue
		}
		found, cols = append(found, o), c
	}
	switch len(found) {
	case 0:
		return columns{}, nil, false
	case 1:
		o := found[0]
		t.rows.Close()
		t.passed, t.sheet, t.rows, t.header, t.row, t.headerRow = t.sheet, o.sheet, o.rows, o.header, o.row, o.headerRow
		return cols, nil, true
	}
	var names []string
	for _, o := range found {
		names = append(names, fmt.Sprintf("%q", o.sheet))
		o.rows.Close()
	}
	return columns{}, &InputError{File: t.name, Msg: fmt.Sprintf("the first sheet, %q, has no header row with the columns needed, and several others have: %s", t.sheet, strings.Join(names, ", ")),
		Hint: "choose one with --sheet NAME"}, true
}

func (t *xlsxTable) Header() []string { return t.header }

// nextRow is the next row that is not blank; Next also skips the rows
// that repeat the header (a sheet has no field count to check).
func (t *xlsxTable) nextRow() ([]string, int, error) { return t.next() }

func (t *xlsxTable) setHeader(h []string, row int) { t.header, t.headerRow = h, row }

// Next returns the next row that is not blank nor the header again, and
// its sheet row number.
func (t *xlsxTable) Next() ([]string, int, error) {
	return skipRepeats(t.next, t.header, &t.repeats)
}

func (t *xlsxTable) next() ([]string, int, error) {
	for t.rows.Next() {
		t.row++
		r, err := t.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, 0, &InputError{File: t.name, Line: t.row, Msg: fmt.Sprintf("sheet %s: %v", t.sheet, err)}
		}
		if blankRow(r) {
			continue
		}
		return r, t.row, nil
	}
	if err := t.rows.Error(); err != nil {
		return nil, 0, &InputError{File: t.name, Line: t.row + 1, Msg: fmt.Sprintf("sheet %s: %v", t.sheet, err)}
	}
	return nil, 0, io.EOF
}

// blankRow: every cell empty or white space (a CSV record or a sheet row).
func blankRow(r []string) bool {
	for _, v := range r {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// formattedRow is sheet row row as the workbook displays it: a duration
// cell ([h]:mm) as 162:30:00 where the raw value the records give is
// 6.770833… days. It reads the sheet a second time, on from where its
// last call stopped (from the top for an earlier row); the few rows a
// check needs cost nothing next to the sheet (see timeCells).
func (t *xlsxTable) formattedRow(row int) (_ []string, err error) {
	defer func() {
		// excelize's number formats are its least trodden path: a
		// workbook whose display it cannot work out is still read, raw.
		if p := recover(); p != nil {
			err = fmt.Errorf("cannot show row %d as the workbook does: %v", row, p)
		}
	}()
	if t.shown == nil || t.shownRow > row {
		if t.shown != nil {
			t.shown.Close()
		}
		rows, err := t.f.Rows(t.sheet)
		if err != nil {
			return nil, err
		}
		t.shown, t.shownRow = rows, 0
	}
	for t.shownRow < row && t.shown.Next() {
		t.shownRow++
	}
	if t.shownRow < row {
		return nil, t.shown.Error()
	}
	return t.shown.Columns()
}

// explainFormulas rewrites the errors about a cell that is empty in the
// records but holds a formula: a workbook written by a program that does
// not compute formulas (a script, an export tool) stores them without the
// cached value that Excel would have saved, and tertial reads values,
// never formulas. "empty value" would send the economist to a cell that
// shows a number once the workbook is opened.
func (t *xlsxTable) explainFormulas(err error) {
	var list []*InputError
	var many *InputErrors
	var one *InputError
	switch {
	case errors.As(err, &many):
		list = many.Errs
	case errors.As(err, &one):
		list = []*InputError{one}
	}
	for _, e := range list {
		if e.Line == 0 || e.Column == "" {
			continue
		}
		col := -1
		for i, h := range t.header {
			if strings.TrimSpace(h) == e.Column {
				col = i
				break
			}
		}
		if col < 0 {
			continue
		}
		cell, cerr := excelize.CoordinatesToCellName(col+1, e.Line)
		if cerr != nil {
			continue
		}
		formula, ferr := t.f.GetCellFormula(t.sheet, cell)
		value, verr := t.f.GetCellValue(t.sheet, cell, excelize.Options{RawCellValue: true})
		if ferr != nil || verr != nil || formula == "" || strings.TrimSpace(value) != "" {
			continue
		}
		e.Msg = fmt.Sprintf("cell %s holds the formula =%s but no computed value", cell, formula)
		e.Hint = "the workbook was saved by a program that does not compute formulas: open it in Excel or LibreOffice and save it, so that its cells keep their values"
	}
}

// Close releases the workbook.
func (t *xlsxTable) Close() error {
	if t.shown != nil {
		t.shown.Close()
	}
	err := t.rows.Close()
	if e := t.f.Close(); err == nil {
		err = e
	}
	return err
}

func (t *xlsxTable) Describe() string {
	d := fmt.Sprintf("XLSX, sheet %q", t.sheet)
	if t.headerRow > 0 {
		d += fmt.Sprintf(", header on row %d", t.headerRow)
	}
	d += repeatsNote(t.repeats, "row")
	if t.passed != "" {
		d += fmt.Sprintf("; the first sheet, %q, has no header", t.passed)
	}
	return d
}
