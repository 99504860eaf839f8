package charts

import (
	"fmt"
	"html/template"
	"regexp"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/tertial/tertial/engine"
)

// Figure is one chart of the report: a fixed ID (so output is
// deterministic), a Swedish title, and the markup and script that draw it.
type Figure struct {
	ID      string
	Title   string
	Caption string
	Element template.HTML
	Script  template.JS
}

var funcMarkers = regexp.MustCompile(`"__f__|__f__"`)

var monthNames = []string{"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}

// mnkrJS formats axis values and tooltips the Swedish way in the browser:
// one decimal, decimal comma, minus sign, no-break-space thousands. It has
// no '<' (so the option can be escaped safely, see figure) and no backslash
// (go-echarts JSON-encodes functions, which would double it).
const mnkrJS = `function (v) { if (v === null || v === undefined || v === '-') { return '–'; } var x = Number(v); var n = Math.abs(x).toFixed(1); var p = n.split('.'); var i = p[0]; var g = ''; while (i.length > 3) { g = String.fromCharCode(160) + i.slice(i.length - 3) + g; i = i.slice(0, i.length - 3); } var neg = 0 > x && n !== '0.0'; return (neg ? String.fromCharCode(8722) : '') + i + g + ',' + p[1]; }`

func mnkrValue(m *engine.Money) any {
	if m == nil {
		return nil
	}
	f, _ := m.Shift(-6).Round(2).Float64() // presentation only: the chart's y position
	return f
}

// ResultDevelopment is the figure Resultatutveckling: accumulated result per
// month this year, the accumulated period budget and last year's outcome.
func ResultDevelopment(r *engine.Report) Figure {
	year := r.Period[:4]
	py := 0
	fmt.Sscan(year, &py)
	line := charts.NewLine()
	line.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "fig_resultatutveckling", Width: "100%", Height: "340px", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", ValueFormatter: opts.FuncOpts(mnkrJS)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithYAxisOpts(opts.YAxis{Name: "mnkr", AxisLabel: &opts.AxisLabel{Formatter: opts.FuncOpts(mnkrJS)}}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "20", Top: "30", Bottom: "60", ContainLabel: opts.Bool(true)}),
	)
	line.SetXAxis(monthNames)
	var outcome, budget, last []opts.LineData
	for _, d := range r.Economy.ResultDevelopment {
		outcome = append(outcome, opts.LineData{Value: mnkrValue(d.Outcome)})
		budget = append(budget, opts.LineData{Value: mnkrValue(d.Budget)})
		last = append(last, opts.LineData{Value: mnkrValue(d.LastYear)})
	}
	line.AddSeries("Utfall "+year+" ack.", outcome,
		charts.WithLineStyleOpts(opts.LineStyle{Width: 3, Type: "solid", Color: "#1f4e79"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1f4e79"}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 7}))
	line.AddSeries("Periodbudget "+year+" ack.", budget,
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Type: "dashed", Color: "#7f7f7f"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#7f7f7f"}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "rect", SymbolSize: 6}))
	line.AddSeries(fmt.Sprintf("Utfall %d ack.", py-1), last,
		charts.WithLineStyleOpts(opts.LineStyle{Width: 2, Type: "dotted", Color: "#c55a11"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: "#c55a11"}),
		charts.WithLineChartOpts(opts.LineChart{Symbol: "triangle", SymbolSize: 7}))
	return figure(line, "fig_resultatutveckling", "Resultatutveckling",
		"Ackumulerat resultat per månad (mnkr): utfall i år, periodbudget och utfall förra året.")
}

// OperatingCosts is the figure Verksamhetens kostnader: each cost line's
// outcome against its period budget, year to date, as positive costs.
func OperatingCosts(r *engine.Report) Figure {
	var names []string
	var outcome, budget []opts.BarData
	for _, c := range costLines(r) {
		name := c.Category
		if c.Subcategory != "" {
			name = c.Subcategory
		}
		names = append(names, name)
		o := engine.M(c.Outcome.Neg())
		var b *engine.Money
		if c.Budget != nil {
			nb := engine.M(c.Budget.Neg())
			b = &nb
		}
		outcome = append(outcome, opts.BarData{Value: mnkrValue(&o)})
		budget = append(budget, opts.BarData{Value: mnkrValue(b)})
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(
		charts.WithInitializationOpts(opts.Initialization{ChartID: "fig_verksamhetens_kostnader", Width: "100%", Height: "340px", Renderer: "svg"}),
		charts.WithAnimation(false),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "axis", ValueFormatter: opts.FuncOpts(mnkrJS)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithYAxisOpts(opts.YAxis{Name: "mnkr", AxisLabel: &opts.AxisLabel{Formatter: opts.FuncOpts(mnkrJS)}}),
		charts.WithXAxisOpts(opts.XAxis{AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		charts.WithGridOpts(opts.Grid{Left: "12", Right: "20", Top: "30", Bottom: "60", ContainLabel: opts.Bool(true)}),
		// Decal patterns keep the bars apart when printed in black and white;
		// ECharts' generated (English) description is turned off.
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(false)}, Decal: &opts.AriaDecal{Show: opts.Bool(true)}}),
	)
	bar.SetXAxis(names)
	bar.AddSeries("Utfall", outcome, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#1f4e79"}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: opts.FuncOpts(`function (p) { return (` + mnkrJS + `)(p.value); }`)}))
	bar.AddSeries("Periodbudget", budget, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#a6a6a6"}))
	return figure(bar, "fig_verksamhetens_kostnader", "Verksamhetens kostnader",
		"Kostnader hittills i år mot periodbudget (mnkr), per kostnadsslag.")
}

// costLines are the bars of OperatingCosts: a category's subcategories where
// it has them, else the category.
func costLines(r *engine.Report) []engine.CostRow {
	hasSub := map[string]bool{}
	for _, c := range r.Economy.CostDeviation {
		if c.Subcategory != "" {
			hasSub[c.Category] = true
		}
	}
	var out []engine.CostRow
	for _, c := range r.Economy.CostDeviation {
		if (c.Subcategory == "") == hasSub[c.Category] {
			continue
		}
		out = append(out, c)
	}
	return out
}

// figure renders a go-echarts chart into our own element and script. The
// option JSON is written with '<' escaped, so a data value such as
// "</script>" stays text; the formatters above contain no '<'.
func figure(c interface {
	Validate()
	JSONNotEscaped() template.HTML
}, id, title, caption string) Figure {
	c.Validate()
	// go-echarts marks JavaScript functions as "__f__…__f__" strings; strip
	// the markers with their quotes to leave the functions as code.
	option := funcMarkers.ReplaceAllString(strings.TrimSpace(string(c.JSONNotEscaped())), "")
	option = strings.ReplaceAll(option, "<", `\u003c`)
	script := fmt.Sprintf(`(function () { var el = document.getElementById(%q); var chart = echarts.init(el, null, { renderer: 'svg' }); chart.setOption(%s); window.tertialCharts = (window.tertialCharts || []); window.tertialCharts.push(chart); })();`, id, option)
	return Figure{
		ID:      id,
		Title:   title,
		Caption: caption,
		Element: template.HTML(fmt.Sprintf(`<div class="chart" id="%s" role="img" aria-label="%s"></div>`, id, template.HTMLEscapeString(title+": "+caption))),
		Script:  template.JS(script),
	}
}
