package engine

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxTable reads the first (or a named) sheet of a workbook with the same
// header rules as CSV. Cells are read raw: numbers as the workbook stores
// them (never as formatted and possibly rounded for display), formulas as
// their cached values, dates as serial numbers (see excelSerial).
type xlsxTable struct {
	sheet  string
	rows   [][]string
	header []string
	next   int
	hdrRow int
}

func newXLSXTable(name string, raw []byte, sheet string) (*xlsxTable, error) {
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("not a readable XLSX workbook: %v", err), Hint: "save it as .xlsx (Excel 2007 or later)"}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheet == "" {
		if len(sheets) == 0 {
			return nil, &InputError{File: name, Msg: "the workbook has no sheets"}
		}
		sheet = sheets[0]
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("no sheet named %q; the workbook has %s", sheet, strings.Join(sheets, ", "))}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &InputError{File: name, Msg: fmt.Sprintf("sheet %s: %v", sheet, err)}
	}
	t := &xlsxTable{sheet: sheet, rows: rows}
	for i, r := range rows {
		if strings.TrimSpace(strings.Join(r, "")) == "" {
			continue
		}
		t.header = make([]string, len(r))
		for j, h := range r {
			t.header[j] = strings.TrimSpace(h)
		}
		t.hdrRow, t.next = i+1, i+1
		return t, nil
	}
	return nil, &InputError{File: name, Msg: fmt.Sprintf("sheet %s is empty", sheet)}
}

func (t *xlsxTable) Header() []string { return t.header }

func (t *xlsxTable) Next() ([]string, int, error) {
	for t.next < len(t.rows) {
		r := t.rows[t.next]
		t.next++
		if strings.TrimSpace(strings.Join(r, "")) == "" {
			continue
		}
		return r, t.next, nil
	}
	return nil, 0, io.EOF
}

func (t *xlsxTable) Describe() string { return fmt.Sprintf("XLSX, sheet %q", t.sheet) }
