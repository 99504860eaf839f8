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

	"github.com/tertial/tertial/charts"
	"github.com/tertial/tertial/engine"
)

// writeTable writes a query result as text with plain numbers.
func writeTable(w io.Writer, t *engine.Table, format string) error {
	return writeTableOpts(w, t, format, false)
}

// writeTableOpts writes a query result as table (aligned text, plain or
// Swedish numbers), csv, tsv (pastes into Excel), json (an array of objects),
// jsonl (an object a line) or markdown. Machine formats keep decimals exact,
// as strings in JSON, so money never becomes a float.
func writeTableOpts(w io.Writer, t *engine.Table, format string, swedish bool) error {
	switch format {
	case "", "table":
		return writeText(w, t, swedish)
	case "markdown":
		return writeMarkdown(w, t)
	case "jsonl":
		enc := json.NewEncoder(w)
		for _, r := range t.Rows {
			m := map[string]any{}
			for i, v := range r {
				m[t.Columns[i]] = jsonValue(v)
			}
			if err := enc.Encode(m); err != nil {
				return err
			}
		}
		return nil
	case "csv", "tsv":
		cw := csv.NewWriter(w)
		if format == "tsv" {
			cw.Comma = '\t'
		}
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
	return usageError{fmt.Errorf("unknown --format %q: use table, csv, tsv, json, jsonl or markdown", format)}
}

func writeMarkdown(w io.Writer, t *engine.Table) error {
	esc := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "|", "\\|"), "\n", " ") }
	fmt.Fprintf(w, "| %s |\n", strings.Join(t.Columns, " | "))
	seps := make([]string, len(t.Columns))
	for i := range seps {
		seps[i] = "---"
		if isNumeric(t.Types[i]) {
			seps[i] = "---:"
		}
	}
	fmt.Fprintf(w, "| %s |\n", strings.Join(seps, " | "))
	for _, r := range t.Rows {
		cells := make([]string, len(r))
		for i, v := range r {
			cells[i] = esc(engine.FormatValue(v))
		}
		fmt.Fprintf(w, "| %s |\n", strings.Join(cells, " | "))
	}
	return nil
}

func isNumeric(dbType string) bool {
	return strings.HasPrefix(dbType, "DECIMAL") || strings.Contains(dbType, "INT") || dbType == "DOUBLE" || dbType == "FLOAT"
}

// swedishValue formats numbers for reading: no-break-space thousands,
// decimal comma, minus sign.
func swedishValue(v any) string {
	switch x := v.(type) {
	case decimal.Decimal:
		d := -x.Exponent()
		if d < 0 {
			d = 0
		}
		return charts.SwedishDecimal(x, int(d))
	case int64:
		return charts.Float(float64(x), 0)
	case float64:
		return charts.Float(x, 2)
	}
	return engine.FormatValue(v)
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

func writeText(w io.Writer, t *engine.Table, swedish bool) error {
	// tabwriter cannot right-align some columns and left-align others, so
	// pad by hand: numbers right, text left.
	widths := make([]int, len(t.Columns))
	cells := make([][]string, len(t.Rows))
	numeric := make([]bool, len(t.Columns))
	for i, c := range t.Columns {
		widths[i] = utf8.RuneCountInString(c)
		numeric[i] = isNumeric(t.Types[i])
	}
	for r, row := range t.Rows {
		cells[r] = make([]string, len(row))
		for i, v := range row {
			s := engine.FormatValue(v)
			if swedish {
				s = swedishValue(v)
			}
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
