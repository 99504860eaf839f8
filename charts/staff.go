package charts

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/tertial/tertial/engine"
)

// numberJS returns a Swedish formatter for the browser with the given
// decimals and suffix (no '<', no backslash: see mnkrJS).
func numberJS(decimals int, percent bool) string {
	suffix := "''"
	if percent {
		suffix = "String.fromCharCode(160) + '%'"
	}
	return fmt.Sprintf(`function (v) { if (v === null || v === undefined || v === '-') { return '–'; } var x = Number(v); var n = Math.abs(x).toFixed(%d); var p = n.split('.'); var i = p[0]; var g = ''; while (i.length > 3) { g = String.fromCharCode(160) + i.slice(i.length - 3) + g; i = i.slice(0, i.length - 3); } var neg = 0 > x && Number(n) !== 0; return (neg ? String.fromCharCode(8722) : '') + i + g + (p.length > 1 ? ',' + p[1] : '') + %s; }`, decimals, suffix)
}

func pairValues(ps []engine.MonthPair, current bool) []any {
	out := make([]any, 12)
	for _, p := range ps {
		if p.Month < 1 || p.Month > 12 {
			continue
		}
		v := p.Previous
		if current {
			v = p.Current
		}
		if v != nil {
			out[p.Month-1] = *v
		}
	}
	return out
}

func allNil(vs []any) bool {
	for _, v := range vs {
		if v != nil {
			return false
		}
	}
	return true
}

// monthlyChart draws this year against last year, month by month, as lines
// or bars; last year is dashed or patterned so that it reads in black and
// white.
func monthlyChart(id, title, caption, axis string, decimals int, percent bool, ps []engine.MonthPair, year int, bars bool) Figure {
	fmtJS := opts.FuncOpts(numberJS(decimals, percent))
	cur, prev := pairValues(ps, true), pairValues(ps, false)
	yAxis := opts.YAxis{Name: axis, AxisLabel: &opts.AxisLabel{Formatter: fmtJS}}
	if allNil(cur) && allNil(prev) {
		// Without values ECharts draws no axis labels, and the axis name
		// slips out of the figure: give the axis a scale, and say why it is empty.
		yAxis.Min, yAxis.Max = 0, 1
		caption += " Inga värden för perioden."
	}
	global := []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Width: "100%", Height: "300px", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", ValueFormatter: fmtJS}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithYAxisOpts(yAxis),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "20", Top: "30", Bottom: "60", ContainLabel: opts.Bool(true)}),
	}
	if bars {
		b := charts.NewBar()
		global = append(global, charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(false)}, Decal: &opts.AriaDecal{Show: opts.Bool(true)}}))
		b.SetGlobalOptions(global...)
		b.SetXAxis(monthNames)
		toBar := func(vs []any) []opts.BarData {
			out := make([]opts.BarData, len(vs))
			for i, v := range vs {
				out[i] = opts.BarData{Value: v}
			}
			return out
		}
		b.AddSeries(fmt.Sprint(year-1), toBar(prev), charts.WithItemStyleOpts(opts.ItemStyle{Color: "#a6a6a6"}))
		b.AddSeries(fmt.Sprint(year), toBar(cur), charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1f4e79"}))
		return figure(b, id, title, caption)
	}
	l := charts.NewLine()
	l.SetGlobalOptions(global...)
	l.SetXAxis(monthNames)
	toLine := func(vs []any) []opts.LineData {
		out := make([]opts.LineData, len(vs))
		for i, v := range vs {
			out[i] = opts.LineData{Value: v}
		}
		return out
	}
	l.AddSeries(fmt.Sprint(year-1), toLine(prev),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Type: "dashed", Color: "#7f7f7f"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#7f7f7f"}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "rect", SymbolSize: 6}))
	l.AddSeries(fmt.Sprint(year), toLine(cur),
		charts.WithLineStyleOpts(opts.LineStyle{Width: 3, Type: "solid", Color: "#1f4e79"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1f4e79"}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 7}))
	return figure(l, id, title, caption)
}

// StaffFigures are the Medarbetare section's five figures.
func StaffFigures(st *engine.Staff, year int) map[string]Figure {
	fte := fmt.Sprintf("%s h", Float(st.Settings.FTEHours, 0))
	return map[string]Figure{
		"fig_arsarbetare_rullande": monthlyChart("fig_arsarbetare_rullande", "Arbetad tid omvandlat till årsarbetare, rullande 12",
			"Arbetade timmar de senaste tolv månaderna / "+fte+", per månad; visas där tolv månaders uppgifter finns.", "årsarbetare", 1, false, st.FTE.Rolling, year, false),
		"fig_arsarbetare": monthlyChart("fig_arsarbetare", "Arbetad tid omvandlat till årsarbetare",
			"Månadens arbetade timmar / ("+fte+" / 12).", "årsarbetare", 1, false, st.FTE.Monthly, year, true),
		"fig_antal_anstallda": monthlyChart("fig_antal_anstallda", "Antal anställda",
			"Personer per månad, tillsvidare- och visstidsanställda.", "personer", 0, false, st.Headcount.Monthly, year, true),
		"fig_extratid": monthlyChart("fig_extratid", "Extratid",
			"Mertid/fyllnadstid och övertid per månad, timmar.", "timmar", 0, false, st.ExtraHours.Monthly, year, true),
		"fig_sjukfranvaro": monthlyChart("fig_sjukfranvaro", "Sjukfrånvaro",
			"Sjukfrånvaro per månad i procent av ordinarie arbetstid.", "%", 2, true, st.SickLeaveMonthly, year, false),
	}
}

// ProgrammeFigure draws a programme's budget against outcome (closed years)
// or forecast with contingency (later years), per year, in mnkr.
func ProgrammeFigure(pr engine.Programme) Figure {
	id := "fig_program_" + safeID(pr.Name)
	var years []string
	var budget, actual []opts.BarData
	for _, y := range pr.Years {
		years = append(years, fmt.Sprint(y.Year))
		b := y.Budget
		budget = append(budget, opts.BarData{Value: mnkrValue(&b)})
		label := "Utfall"
		if y.Basis == "prognos" {
			label = "Prognos"
		}
		actual = append(actual, opts.BarData{Name: label, Value: mnkrValue(y.Total)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(mnkrBarOptions(id)...)
	bar.SetXAxis(years)
	bar.AddSeries("Budget", budget, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#a6a6a6"}))
	bar.AddSeries("Utfall / prognos inkl. oförutsett", actual, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1f4e79"}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: opts.FuncOpts(`function (p) { return (` + mnkrJS + `)(p.value); }`)}))
	return figure(bar, id, pr.Name+": budget mot utfall och prognos", "Per år, mnkr: budget mot utfall för avslutade år och prognos inklusive oförutsett för kommande år.")
}

// safeID keeps letters and digits, for element and JavaScript identifiers.
func safeID(s string) string {
	var b []rune
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b = append(b, r)
		} else {
			b = append(b, '_')
		}
	}
	return string(b)
}

// InvestmentFigure is the figure Investeringar: per category the decided
// frame, the outcome so far and the full-year forecast, in mnkr. through is
// the latest outcome month (YYYY-MM) when the extract ends before the
// report month, else "".
func InvestmentFigure(inv []engine.Investment, through string) Figure {
	id := "fig_investeringar"
	var cats []string
	var frame, outcome, forecast []opts.BarData
	for _, i := range inv {
		if i.Category == "Totalt" {
			continue
		}
		cats = append(cats, i.Category)
		fr, tot := i.Frame, i.Total
		frame = append(frame, opts.BarData{Value: mnkrValue(&fr)})
		outcome = append(outcome, opts.BarData{Value: mnkrValue(&tot)})
		forecast = append(forecast, opts.BarData{Value: mnkrValue(i.Forecast)})
	}
	bar := charts.NewBar()
	label := charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: opts.FuncOpts(`function (p) { return (` + mnkrJS + `)(p.value); }`)})
	bar.SetGlobalOptions(mnkrBarOptions(id)...)
	bar.SetXAxis(cats)
	bar.AddSeries("Beslutad ram", frame, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#a6a6a6"}), label)
	bar.AddSeries("Utfall hittills", outcome, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1f4e79"}), label)
	bar.AddSeries("Årsprognos", forecast, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#c55a11"}), label)
	return figure(bar, id, "Investeringar", "Beslutad ram, utfall "+investmentsSoFar(through)+" och årsprognos per kategori, mnkr.")
}

// mnkrBarOptions are the options every mnkr bar figure shares: fixed ID, SVG,
// no animation, Swedish number formats, legend below, and decal patterns
// that keep the series apart in black and white.
func mnkrBarOptions(id string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: id, Width: "100%", Height: "300px", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", ValueFormatter: opts.FuncOpts(mnkrJS)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithYAxisOpts(opts.YAxis{Name: "mnkr", AxisLabel: &opts.AxisLabel{Formatter: opts.FuncOpts(mnkrJS)}}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "20", Top: "30", Bottom: "60", ContainLabel: opts.Bool(true)}),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(false)}, Decal: &opts.AriaDecal{Show: opts.Bool(true)}}),
	}
}

// investmentsSoFar says how far the investment outcome reaches: the year to
// date, or through the extract's latest outcome month when that is before
// the report month.
func investmentsSoFar(through string) string {
	if m, err := engine.ParsePeriod(through); through != "" && err == nil {
		return "till och med " + m.Swedish()
	}
	return "hittills i år"
}
