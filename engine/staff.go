package engine

import (
	"context"
)

// Staff is the Medarbetare section. Percentages are numbers in percent,
// hours and FTE plain numbers; a masked figure is nil with its reason.
type Staff struct {
	Settings         StaffSettings         `json:"settings"`
	SickLeave        map[string]Figure2    `json:"sick_leave"`
	SickLeaveMonthly []MonthPair           `json:"sick_leave_monthly"`
	ExtraHours       ExtraHours            `json:"extra_hours"`
	FTE              FTE                   `json:"fte"`
	Headcount        Headcount             `json:"headcount"`
	Turnover         map[string]Turnover   `json:"turnover"`
	SpanOfControl    map[string]SpanResult `json:"span_of_control"`
}

type StaffSettings struct {
	FTEHours      float64 `json:"fte_hours"`
	MaskThreshold int     `json:"mask_threshold"`
	// MaskComplements: the groups that would give a masked one away are
	// masked too (sick leave).
	MaskComplements bool `json:"mask_complements"`
	ShortDays       int  `json:"short_days"`
	LongSpellDays   int  `json:"long_spell_days"`
}

// Figure2 is a figure this year and the same period last year.
type Figure2 struct {
	Current           *float64 `json:"current"`
	Previous          *float64 `json:"previous"`
	CurrentEmployees  int64    `json:"current_employees"`
	PreviousEmployees int64    `json:"previous_employees"`
	Reason            string   `json:"reason,omitempty"`
}

type MonthPair struct {
	Month    int      `json:"month"`
	Current  *float64 `json:"current"`
	Previous *float64 `json:"previous"`
}

type ExtraHours struct {
	// Current and Previous are the hours January through the report month,
	// nil for a year without person-months.
	Current  *float64    `json:"current"`
	Previous *float64    `json:"previous"`
	Monthly  []MonthPair `json:"monthly"`
}

// Pair is a value this year and last year.
type Pair struct {
	Current  *float64 `json:"current"`
	Previous *float64 `json:"previous"`
}

type FTE struct {
	Month     Pair        `json:"month"`
	Rolling12 Pair        `json:"rolling12"`
	Monthly   []MonthPair `json:"monthly"`
	Rolling   []MonthPair `json:"rolling12_monthly"`
}

type Headcount struct {
	ByType  []HeadcountRow `json:"by_type"`
	Total   HeadcountRow   `json:"total"`
	Monthly []MonthPair    `json:"monthly"`
}

type HeadcountRow struct {
	EmploymentType string `json:"employment_type"`
	Women          int64  `json:"women"`
	Men            int64  `json:"men"`
	Total          int64  `json:"total"`
	WomenPrevious  int64  `json:"women_previous"`
	MenPrevious    int64  `json:"men_previous"`
	TotalPrevious  int64  `json:"total_previous"`
}

type Turnover struct {
	External     int64    `json:"external"`
	Internal     int64    `json:"internal"`
	AvgHeadcount *float64 `json:"avg_headcount"`
	ExternalPct  *float64 `json:"external_pct"`
	InternalPct  *float64 `json:"internal_pct"`
}

type SpanResult struct {
	Managers   int64    `json:"managers"`
	Over25     int64    `json:"over_25"`
	MaxReports int64    `json:"max_reports"`
	SharePct   *float64 `json:"share_pct"`
}

// SickLeaveMeasures are the keys of Staff.SickLeave, in report order.
var SickLeaveMeasures = []string{"total", "short", "long", "long_60_share", "women", "men", "age_29", "age_30_49", "age_50"}

func num(v any) *float64 {
	switch x := v.(type) {
	case float64:
		return &x
	case int64:
		f := float64(x)
		return &f
	}
	if d, ok := v.(interface{ Float64() (float64, bool) }); ok {
		f, _ := d.Float64()
		return &f
	}
	return nil
}

func count(v any) int64 {
	if n, ok := v.(int64); ok {
		return n
	}
	return 0
}

func monthPairs(t *Table) []MonthPair {
	var out []MonthPair
	for _, r := range t.Rows {
		out = append(out, MonthPair{Month: int(count(r[0])), Current: num(r[1]), Previous: num(r[2])})
	}
	return out
}

// buildStaff runs the staff queries; nil when no HR extract is loaded.
func (s *Store) buildStaff(ctx context.Context, p Params) (*Staff, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM person_months WHERE period = ?", p.Period.Date()).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, nil
	}
	run := func(name string) (*Table, error) { return s.Run(ctx, name, p) }
	st := &Staff{SickLeave: map[string]Figure2{}, Turnover: map[string]Turnover{}, SpanOfControl: map[string]SpanResult{}}
	st.Settings.MaskThreshold, st.Settings.MaskComplements = p.MaskThreshold, p.MaskComplements
	if st.Settings.MaskThreshold == 0 {
		st.Settings.MaskThreshold = 10
	}
	st.Settings.ShortDays, st.Settings.LongSpellDays = p.ShortDays, p.LongSpellDays
	if st.Settings.ShortDays == 0 {
		st.Settings.ShortDays = 14
	}
	if st.Settings.LongSpellDays == 0 {
		st.Settings.LongSpellDays = 60
	}

	t, err := run("sick_leave")
	if err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		st.SickLeave[str(r[0])] = Figure2{Current: num(r[1]), Previous: num(r[2]), CurrentEmployees: count(r[3]), PreviousEmployees: count(r[4]), Reason: str(r[5])}
	}
	if t, err = run("sick_leave_monthly"); err != nil {
		return nil, err
	}
	st.SickLeaveMonthly = monthPairs(t)

	if t, err = run("extra_hours"); err != nil {
		return nil, err
	}
	m := int(p.Period.Mon)
	for _, r := range t.Rows {
		st.ExtraHours.Monthly = append(st.ExtraHours.Monthly, MonthPair{Month: int(count(r[0])), Current: num(r[1]), Previous: num(r[2])})
		if int(count(r[0])) == m {
			st.ExtraHours.Current, st.ExtraHours.Previous = num(r[5]), num(r[6])
		}
	}

	if t, err = run("fte"); err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		mo := int(count(r[0]))
		st.FTE.Monthly = append(st.FTE.Monthly, MonthPair{Month: mo, Current: num(r[1]), Previous: num(r[2])})
		st.FTE.Rolling = append(st.FTE.Rolling, MonthPair{Month: mo, Current: num(r[3]), Previous: num(r[4])})
		if v := num(r[5]); v != nil {
			st.Settings.FTEHours = *v
		}
		if mo == m {
			st.FTE.Month = Pair{Current: num(r[1]), Previous: num(r[2])}
			st.FTE.Rolling12 = Pair{Current: num(r[3]), Previous: num(r[4])}
		}
	}

	if t, err = run("headcount"); err != nil {
		return nil, err
	}
	st.Headcount.Total.EmploymentType = "totalt"
	for _, r := range t.Rows {
		h := HeadcountRow{EmploymentType: str(r[0]), Women: count(r[1]), Men: count(r[2]), Total: count(r[3]),
			WomenPrevious: count(r[4]), MenPrevious: count(r[5]), TotalPrevious: count(r[6])}
		st.Headcount.ByType = append(st.Headcount.ByType, h)
		st.Headcount.Total.Women += h.Women
		st.Headcount.Total.Men += h.Men
		st.Headcount.Total.Total += h.Total
		st.Headcount.Total.WomenPrevious += h.WomenPrevious
		st.Headcount.Total.MenPrevious += h.MenPrevious
		st.Headcount.Total.TotalPrevious += h.TotalPrevious
	}
	if t, err = run("headcount_monthly"); err != nil {
		return nil, err
	}
	st.Headcount.Monthly = monthPairs(t)

	if t, err = run("turnover"); err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		st.Turnover[str(r[0])] = Turnover{External: count(r[1]), Internal: count(r[2]), AvgHeadcount: num(r[3]), ExternalPct: num(r[4]), InternalPct: num(r[5])}
	}
	if t, err = run("span_of_control"); err != nil {
		return nil, err
	}
	for _, r := range t.Rows {
		st.SpanOfControl[str(r[0])] = SpanResult{Managers: count(r[1]), Over25: count(r[2]), MaxReports: count(r[3]), SharePct: num(r[4])}
	}
	return st, nil
}
