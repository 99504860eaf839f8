package engine

import (
	"context"
	"fmt"
	"regexp"
	"strings"
)

// A scorecard (styrkort) is a file of rows: perspective, goal, measure,
// baseline, target and where the outcome comes from — one of the report's
// own figures, or a file of manually reported values per period.
//
//	sick_leave_goal: 3            # optional: the division's sick-leave goal in %, for the text
//	rows:
//	  - perspective: Verksamhet
//	    goal: Tillgänglig, stabil och säker MT/IT-miljö
//	    measure: Antalet major incidents
//	    baseline: "Major incidents 2018: 13 st"
//	    target: max 10
//	    source: manual:major_incidents
//
// Sources: manual:KEY (the manual values file), or figure:NAME, one of
// result.deviation (kr), sick_leave.total (and the other sick-leave keys),
// extra_hours, span_of_control, turnover.external, turnover.internal,
// headcount.total, fte.rolling12.
//
// Targets and the fulfilment rules (documented in the README):
//   - "max N": reached when the outcome is ≤ N, else not reached.
//   - "min N", "≥ N", "N %": reached when ≥ N, else not reached.
//   - "minska" / "öka": reached when the outcome moved that way against the
//     same period last year (or the baseline); partly when unchanged; not
//     reached when it moved the other way.
//   - "+/- 0": reached when ≥ 0 (a result at or above budget).
//   - anything else is a text target and is not evaluated.
//
// The trend is ↑, → or ↓: the outcome against last year's (or the
// baseline value when there is no last year).
type ScorecardDef struct {
	SickLeaveGoal *float64       `yaml:"sick_leave_goal"`
	Rows          []ScorecardRow `yaml:"rows"`
}

type ScorecardRow struct {
	Perspective string `yaml:"perspective" json:"perspective"`
	Goal        string `yaml:"goal" json:"goal"`
	Measure     string `yaml:"measure" json:"measure"`
	Baseline    string `yaml:"baseline" json:"baseline"`
	Target      string `yaml:"target" json:"target"`
	// BaselineValue is the baseline as a number, where the text's own
	// number (the last one that is not a year) would not do.
	BaselineValue *float64 `yaml:"baseline_value" json:"baseline_value,omitempty"`
	Source        string   `yaml:"source" json:"source"`
	Unit          string   `yaml:"unit" json:"unit,omitempty"`
	// Filled in by Evaluate:
	Outcome    *float64 `yaml:"-" json:"outcome"`
	Previous   *float64 `yaml:"-" json:"previous"`
	Fulfilment string   `yaml:"-" json:"fulfilment"` // reached, partly, not_reached, "" (not evaluated)
	Trend      string   `yaml:"-" json:"trend"`      // up, flat, down, ""
	Note       string   `yaml:"-" json:"note,omitempty"`
}

// ParseScorecard reads a scorecard definition strictly.
func ParseScorecard(name string, data []byte) (*ScorecardDef, error) {
	var d ScorecardDef
	if err := DecodeYAMLStrict(data, &d); err != nil {
		return nil, &InputError{File: name, Msg: "scorecard: " + err.Error(), Hint: "rows of perspective, goal, measure, baseline, target, source"}
	}
	for i, r := range d.Rows {
		if r.Perspective == "" || r.Measure == "" {
			return nil, &InputError{File: name, Msg: fmt.Sprintf("scorecard row %d: perspective and measure are required", i+1)}
		}
		if r.Source != "" && !strings.HasPrefix(r.Source, "manual:") && !strings.HasPrefix(r.Source, "figure:") {
			return nil, &InputError{File: name, Msg: fmt.Sprintf("scorecard row %d (%s): source %q must be manual:KEY or figure:NAME", i+1, r.Measure, r.Source)}
		}
	}
	return &d, nil
}

// ManualValues are manually reported values: key → month → value.
type ManualValues map[string]map[Month]float64

var manualFields = []field{
	{"period", true, []string{"Period", "Månad", "Month"}},
	{"key", true, []string{"Nyckel", "Mått", "Key", "Measure"}},
	{"value", true, []string{"Värde", "Value", "Utfall"}},
}

// ParseManualValues reads a CSV/XLSX of Period; Nyckel; Värde.
func ParseManualValues(name string, data []byte) (ManualValues, error) {
	t, err := openTable(name, data, "", nil)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	c, err := headerColumns(name, t, manualFields, nil)
	if err != nil {
		return nil, err
	}
	mv := ManualValues{}
	err = eachRecord(name, t, func(rec []string, line int) error {
		m, err := periodCell(c.get(rec, "period"))
		if err != nil {
			return cellErr(name, line, c.colName("period"), err.Error())
		}
		v, err := ParseNumber(c.get(rec, "value"))
		if err != nil {
			return cellErr(name, line, c.colName("value"), err.Error())
		}
		k := c.get(rec, "key")
		if mv[k] == nil {
			mv[k] = map[Month]float64{}
		}
		mv[k][m] = v
		return nil
	})
	return mv, err
}

// latest returns the value for the month, or the latest before it in the
// same year.
func (mv ManualValues) latest(key string, m Month) *float64 {
	var best *float64
	bestIdx := -1
	for mo, v := range mv[key] {
		if mo.Year == m.Year && mo.Index() <= m.Index() && mo.Index() > bestIdx {
			v := v
			best, bestIdx = &v, mo.Index()
		}
	}
	return best
}

var numberIn = regexp.MustCompile(`[-−]?\d+(?:[ \x{00a0}]\d{3})*(?:[.,]\d+)?`)

// baselineNumber is the last number in a baseline text that is not a year:
// "Major incidents 2018: 13 st" → 13, "2018: 4,31 %" → 4,31, "Budget 2019" → none.
func baselineNumber(s string) *float64 {
	var out *float64
	for _, m := range numberIn.FindAllString(s, -1) {
		f, err := ParseNumber(strings.ReplaceAll(m, "−", "-"))
		if err != nil {
			continue
		}
		if len(m) == 4 && f >= 1990 && f <= 2100 {
			continue
		}
		f2 := f
		out = &f2
	}
	return out
}

func targetNumber(s string) *float64 {
	m := numberIn.FindString(s)
	if m == "" {
		return nil
	}
	f, err := ParseNumber(strings.ReplaceAll(m, "−", "-"))
	if err != nil {
		return nil
	}
	return &f
}

// figureValue reads a scorecard source from the report.
func figureValue(r *Report, name string) (cur, prev *float64, ok bool) {
	f := func(v float64) *float64 { return &v }
	switch {
	case name == "result.deviation" && r.Economy != nil && r.Economy.Result.Deviation != nil:
		v, _ := r.Economy.Result.Deviation.Float64()
		return f(v), nil, true
	case strings.HasPrefix(name, "sick_leave.") && r.Staff != nil:
		s, ok := r.Staff.SickLeave[strings.TrimPrefix(name, "sick_leave.")]
		return s.Current, s.Previous, ok
	case name == "extra_hours" && r.Staff != nil:
		return r.Staff.ExtraHours.Current, r.Staff.ExtraHours.Previous, true
	case name == "span_of_control" && r.Staff != nil:
		return r.Staff.SpanOfControl["current"].SharePct, r.Staff.SpanOfControl["previous"].SharePct, true
	case name == "turnover.external" && r.Staff != nil:
		return r.Staff.Turnover["current"].ExternalPct, r.Staff.Turnover["previous"].ExternalPct, true
	case name == "turnover.internal" && r.Staff != nil:
		return r.Staff.Turnover["current"].InternalPct, r.Staff.Turnover["previous"].InternalPct, true
	case name == "headcount.total" && r.Staff != nil:
		return f(float64(r.Staff.Headcount.Total.Total)), f(float64(r.Staff.Headcount.Total.TotalPrevious)), true
	case name == "fte.rolling12" && r.Staff != nil:
		return r.Staff.FTE.Rolling12.Current, r.Staff.FTE.Rolling12.Previous, true
	}
	return nil, nil, false
}

// EvaluateScorecard fills in outcome, fulfilment and trend for every row.
func EvaluateScorecard(ctx context.Context, def *ScorecardDef, manual ManualValues, r *Report) ([]ScorecardRow, error) {
	period, err := ParsePeriod(r.Period)
	if err != nil {
		return nil, err
	}
	out := make([]ScorecardRow, 0, len(def.Rows))
	for _, row := range def.Rows {
		switch {
		case strings.HasPrefix(row.Source, "manual:"):
			k := strings.TrimPrefix(row.Source, "manual:")
			row.Outcome = manual.latest(k, period)
			row.Previous = manual.latest(k, Month{period.Year - 1, period.Mon})
			if row.Outcome == nil {
				row.Note = fmt.Sprintf("inget manuellt värde för %s till och med %s", k, period)
			}
		case strings.HasPrefix(row.Source, "figure:"):
			cur, prev, ok := figureValue(r, strings.TrimPrefix(row.Source, "figure:"))
			if !ok {
				row.Note = "måttet finns inte i rapporten (saknas underlag?)"
			}
			row.Outcome, row.Previous = cur, prev
		}
		compare := row.Previous
		if compare == nil {
			compare = row.BaselineValue
		}
		if compare == nil {
			compare = baselineNumber(row.Baseline)
		}
		if row.Outcome != nil && compare != nil {
			switch {
			case *row.Outcome > *compare:
				row.Trend = "up"
			case *row.Outcome < *compare:
				row.Trend = "down"
			default:
				row.Trend = "flat"
			}
		}
		row.Fulfilment = fulfilment(row.Target, row.Outcome, compare)
		out = append(out, row)
	}
	return out, nil
}

func fulfilment(target string, outcome, compare *float64) string {
	if outcome == nil {
		return ""
	}
	t := strings.ToLower(strings.TrimSpace(target))
	v := *outcome
	n := targetNumber(t)
	switch {
	case strings.Contains(t, "+/- 0") || strings.Contains(t, "+/-0") || strings.Contains(t, "±0") || strings.Contains(t, "± 0"):
		if v >= 0 {
			return "reached"
		}
		return "not_reached"
	case strings.HasPrefix(t, "max") && n != nil:
		if v <= *n {
			return "reached"
		}
		return "not_reached"
	case (strings.HasPrefix(t, "min") || strings.HasPrefix(t, "≥") || strings.HasPrefix(t, ">=") || strings.HasSuffix(t, "%")) && n != nil:
		if v >= *n {
			return "reached"
		}
		return "not_reached"
	case strings.HasPrefix(t, "minska") || strings.HasPrefix(t, "öka"):
		if compare == nil {
			return ""
		}
		want := strings.HasPrefix(t, "öka")
		switch {
		case v == *compare:
			return "partly"
		case (v > *compare) == want:
			return "reached"
		}
		return "not_reached"
	}
	return ""
}
