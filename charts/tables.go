package charts

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/tertial/tertial/engine"
)

// Table is one of the report's tables as plain values, for the spreadsheet
// and CSV outputs: money as decimal.Decimal (kronor), percentages and hours
// as float64, a masked figure as its reason text.
type Table struct {
	Name    string // file name: net_cost_change
	Sheet   string // sheet name: Nettokostnadsutveckling
	Columns []string
	Formats []string // per column: "kr", "pct", "num", "int" or "" (text)
	Rows    [][]any
}

func dec(m engine.Money) any { return m.Decimal }

func optDec(m *engine.Money) any {
	if m == nil {
		return nil
	}
	return m.Decimal
}

func optNum(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// Tables lists the report's tables.
func Tables(r *engine.Report) []Table {
	var ts []Table
	if e := r.Economy; e != nil {
		ts = append(ts, Table{Name: "period_result", Sheet: "Periodens resultat", Columns: []string{"Period", "Utfall", "Periodbudget", "Avvikelse"},
			Formats: []string{"", "kr", "kr", "kr"}, Rows: [][]any{{r.Period, dec(e.Result.Outcome), optDec(e.Result.Budget), optDec(e.Result.Deviation)}}})
		fc := Table{Name: "forecast", Sheet: "Årsprognos", Columns: []string{"Kategori", "Avvikelse mot årsbudget"}, Formats: []string{"", "kr"}}
		for _, c := range e.Forecast.ByCategory {
			fc.Rows = append(fc.Rows, []any{c.Category, dec(c.Deviation)})
		}
		if e.Forecast.Deviation != nil {
			fc.Rows = append(fc.Rows, []any{"Summa", dec(*e.Forecast.Deviation)})
		}
		ts = append(ts, fc)
		nc := Table{Name: "net_cost_change", Sheet: "Nettokostnadsutveckling", Columns: []string{"Kategori", "Underkategori", "I år", "Förra året", "Förändring", "Förändring %"},
			Formats: []string{"", "", "kr", "kr", "kr", "pct"}}
		for _, rows := range [][]engine.NetCostRow{e.NetCostChange, e.NetCostDetail} {
			for _, n := range rows {
				nc.Rows = append(nc.Rows, []any{n.Category, n.Subcategory, dec(n.Current), optDec(n.Previous), optDec(n.Change), optNum(n.ChangePct)})
			}
		}
		ts = append(ts, nc)
		cd := Table{Name: "cost_deviation", Sheet: "Verksamhetens kostnader", Columns: []string{"Kategori", "Underkategori", "Utfall", "Periodbudget", "Avvikelse"},
			Formats: []string{"", "", "kr", "kr", "kr"}}
		for _, c := range e.CostDeviation {
			cd.Rows = append(cd.Rows, []any{c.Category, c.Subcategory, dec(c.Outcome), optDec(c.Budget), optDec(c.Deviation)})
		}
		ts = append(ts, cd)
		cu := Table{Name: "cost_deviation_by_unit", Sheet: "Avvikelse per enhet", Columns: []string{"Enhet", "Kategori", "Underkategori", "Utfall", "Periodbudget", "Avvikelse"},
			Formats: []string{"", "", "", "kr", "kr", "kr"}}
		for _, c := range e.CostByUnit {
			cu.Rows = append(cu.Rows, []any{c.Unit, c.Category, c.Subcategory, dec(c.Outcome), optDec(c.Budget), optDec(c.Deviation)})
		}
		ts = append(ts, cu)
		rd := Table{Name: "result_development", Sheet: "Resultatutveckling", Columns: []string{"Månad", "Utfall ack.", "Periodbudget ack.", "Utfall förra året ack."},
			Formats: []string{"int", "kr", "kr", "kr"}}
		for _, d := range e.ResultDevelopment {
			rd.Rows = append(rd.Rows, []any{int64(d.Month), optDec(d.Outcome), optDec(d.Budget), optDec(d.LastYear)})
		}
		ts = append(ts, rd)
	}
	if len(r.Decisions) > 0 {
		d := Table{Name: "budget_decisions", Sheet: "Budgetbeslut", Columns: []string{"Beslut", "Datum", "Beslutad av", "Från", "Till", "Belopp", "Gäller från", "Effekt hittills i år", "Effekt helår", "Text"},
			Formats: []string{"", "", "", "", "", "kr", "", "kr", "kr", ""}}
		for _, x := range r.Decisions {
			d.Rows = append(d.Rows, []any{x.Reference, x.Date, x.DecidedBy, x.From, x.To, dec(x.Amount), x.Effective, dec(x.EffectPeriod), dec(x.EffectYear), x.Text})
		}
		ts = append(ts, d)
	}
	if len(r.Investments) > 0 {
		inv := Table{Name: "investments", Sheet: "Investeringar", Columns: []string{"Kategori", "Beslutad ram", "Utfall beslut före året", "Utfall", "Summa", "Beräknad årsprognos"},
			Formats: []string{"", "kr", "kr", "kr", "kr", "kr"}}
		for _, i := range r.Investments {
			inv.Rows = append(inv.Rows, []any{i.Category, dec(i.Frame), dec(i.OutcomePriorDecisions), dec(i.Outcome), dec(i.Total), optDec(i.Forecast)})
		}
		ts = append(ts, inv)
	}
	if st := r.Staff; st != nil {
		sl := Table{Name: "sick_leave", Sheet: "Sjukfrånvaro", Columns: []string{"Mått", "I år %", "Förra året %", "Anställda i år", "Anställda förra året", "Anmärkning"},
			Formats: []string{"", "pct", "pct", "int", "int", ""}}
		for _, k := range engine.SickLeaveMeasures {
			f := st.SickLeave[k]
			// A value that is not shown is an empty cell, never text in a
			// number column; Anmärkning says why (masked, or nobody).
			cur, prev := optNum(f.Current), optNum(f.Previous)
			sl.Rows = append(sl.Rows, []any{sickLabels[k], cur, prev, f.CurrentEmployees, f.PreviousEmployees, f.Reason})
		}
		ts = append(ts, sl)
		hc := Table{Name: "headcount", Sheet: "Antal anställda", Columns: []string{"Anställningsform", "Kvinnor", "Män", "Totalt", "Kvinnor förra året", "Män förra året", "Totalt förra året"},
			Formats: []string{"", "int", "int", "int", "int", "int", "int"}}
		for _, h := range append(st.Headcount.ByType, st.Headcount.Total) {
			hc.Rows = append(hc.Rows, []any{h.EmploymentType, h.Women, h.Men, h.Total, h.WomenPrevious, h.MenPrevious, h.TotalPrevious})
		}
		ts = append(ts, hc)
		monthly := func(name, sheet, unit string, ps []engine.MonthPair) Table {
			t := Table{Name: name, Sheet: sheet, Columns: []string{"Månad", "I år (" + unit + ")", "Förra året (" + unit + ")"}, Formats: []string{"int", "num", "num"}}
			for _, p := range ps {
				t.Rows = append(t.Rows, []any{int64(p.Month), optNum(p.Current), optNum(p.Previous)})
			}
			return t
		}
		ts = append(ts, monthly("extra_hours", "Extratid", "h", st.ExtraHours.Monthly),
			monthly("fte_month", "Årsarbetare per månad", "årsarbetare", st.FTE.Monthly),
			monthly("fte_rolling12", "Årsarbetare rullande 12", "årsarbetare", st.FTE.Rolling),
			monthly("sick_leave_monthly", "Sjukfrånvaro per månad", "%", st.SickLeaveMonthly))
	}
	for _, pr := range r.Programmes {
		t := Table{Name: "programme_" + strings.ToLower(safeID(pr.Name)), Sheet: sheetName("Program " + pr.Name),
			Columns: []string{"År", "Budget", "Utfall", "Prognos", "Oförutsett", "Underlag", "Avvikelse", "Ack. avvikelse"},
			Formats: []string{"int", "kr", "kr", "kr", "kr", "", "kr", "kr"}}
		for _, y := range pr.Years {
			t.Rows = append(t.Rows, []any{int64(y.Year), dec(y.Budget), optDec(y.Outcome), optDec(y.Forecast), optDec(y.Contingency), y.Basis, optDec(y.Deviation), optDec(y.Accumulated)})
		}
		ts = append(ts, t)
	}
	return ts
}

// sheetName keeps a sheet name within Excel's 31 characters.
func sheetName(s string) string {
	r := []rune(s)
	if len(r) > 31 {
		r = r[:31]
	}
	return string(r)
}

// WriteXLSX writes tables.xlsx: one sheet per table, real numeric cells with
// number formats (thousands grouping and two-decimal percentages, shown with
// the reader's own separators), bold frozen headers.
func WriteXLSX(w io.Writer, ts []Table) error {
	f := excelize.NewFile()
	defer f.Close()
	styles := map[string]int{}
	for k, numFmt := range map[string]int{"kr": 3, "pct": 2, "num": 4, "int": 1} {
		id, err := f.NewStyle(&excelize.Style{NumFmt: numFmt})
		if err != nil {
			return err
		}
		styles[k] = id
	}
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	if err != nil {
		return err
	}
	for i, t := range ts {
		sheet := sheetName(t.Sheet)
		if i == 0 {
			f.SetSheetName("Sheet1", sheet)
		} else if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
		for c, name := range t.Columns {
			cell, _ := excelize.CoordinatesToCellName(c+1, 1)
			f.SetCellValue(sheet, cell, name)
			f.SetCellStyle(sheet, cell, cell, head)
			col, _ := excelize.ColumnNumberToName(c + 1)
			f.SetColWidth(sheet, col, col, float64(max(12, len([]rune(name))+2)))
		}
		for r, row := range t.Rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				switch x := v.(type) {
				case nil:
					continue
				case decimal.Decimal:
					fl, _ := x.Float64()
					f.SetCellValue(sheet, cell, fl)
				default:
					f.SetCellValue(sheet, cell, v)
				}
				if st, ok := styles[t.Formats[c]]; ok {
					f.SetCellStyle(sheet, cell, cell, st)
				}
			}
		}
		if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return err
		}
	}
	f.SetDocProps(&excelize.DocProperties{Creator: "tertial", Created: "2000-01-01T00:00:00Z", Modified: "2000-01-01T00:00:00Z"})
	return f.Write(w)
}

// WriteCSVs writes one plain CSV per table into dir (exact decimals) and
// returns the paths it wrote.
func WriteCSVs(dir string, ts []Table) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var wrote []string
	for _, t := range ts {
		var b strings.Builder
		cw := csv.NewWriter(&b)
		cw.Write(t.Columns)
		for _, row := range t.Rows {
			rec := make([]string, len(row))
			for i, v := range row {
				switch x := v.(type) {
				case nil:
				case decimal.Decimal:
					rec[i] = x.StringFixed(2)
				default:
					rec[i] = engine.FormatValue(v)
				}
			}
			cw.Write(rec)
		}
		cw.Flush()
		p := filepath.Join(dir, t.Name+".csv")
		if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
			return wrote, fmt.Errorf("write %s.csv: %w", t.Name, err)
		}
		wrote = append(wrote, p)
	}
	return wrote, nil
}
