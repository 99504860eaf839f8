package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/tertial/tertial/engine"
)

// writeTable writes a query result as table (aligned text), csv or json (an
// array of objects; decimals as exact strings, so money never becomes a
// float).
func writeTable(w io.Writer, t *engine.Table, format string) error {
	switch format {
	case "", "table":
		return writeText(w, t)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(t.Columns)
		for _, r := range t.Rows {
			rec := make([]string, len(r))
			for i, v := range r {
				rec[i] = engine.FormatValue(v)
			}
			cw.Write(rec)
		}
		cw.Flush()
		return cw.Error()
	case "json":
		rows := make([]map[string]any, 0, len(t.Rows))
		for _, r := range t.Rows {
			m := map[string]any{}
			for i, v := range r {
				m[t.Columns[i]] = jsonValue(v)
			}
			rows = append(rows, m)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	return usageError{fmt.Errorf("unknown --format %q: use table, csv or json", format)}
}

func jsonValue(v any) any {
	switch x := v.(type) {
	case decimal.Decimal:
		return engine.FormatValue(x)
	case time.Time:
		return engine.FormatValue(x)
	}
	return v
}

func writeText(w io.Writer, t *engine.Table) error {
	// tabwriter cannot right-align some columns and left-align others, so
	// pad by hand: numbers right, text left.
	widths := make([]int, len(t.Columns))
	cells := make([][]string, len(t.Rows))
	numeric := make([]bool, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = utf8.RuneCountInString(c)
		switch {
		case strings.HasPrefix(t.Types[i], "DECIMAL"), strings.Contains(t.Types[i], "INT"), t.Types[i] == "DOUBLE", t.Types[i] == "FLOAT":
			numeric[i] = true
		}
	}
	for r, row := range t.Rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := engine.FormatValue(v)
			if v == nil {
				s = "NULL"
			}
			cells[r][i] = s
			if n := utf8.RuneCountInString(s); n > widths[i] {
				widths[i] = n
			}
		}
	}
	line := func(vals []string) {
		var b strings.Builder
		for i, v := range vals {
			pad := strings.Repeat(" ", widths[i]-utf8.RuneCountInString(v))
			if i > 0 {
				b.WriteString("  ")
			}
			if numeric[i] {
				b.WriteString(pad + v)
			} else {
				b.WriteString(v + pad)
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(t.Columns)
	sep := make([]string, len(widths))
	for i, n := range widths {
		sep[i] = strings.Repeat("-", n)
	}
	line(sep)
	for _, r := range cells {
		line(r)
	}
	fmt.Fprintf(w, "(%d rows)\n", len(t.Rows))
	return nil
}
