package engine

import (
	"context"
	"fmt"
	"strings"
)

// Decision is one budget decision as the report shows it.
type Decision struct {
	Reference    string `json:"reference"`
	Date         string `json:"date"`
	DecidedBy    string `json:"decided_by,omitempty"`
	From         string `json:"from"`
	To           string `json:"to"`
	Amount       Money  `json:"amount"`
	Effective    string `json:"effective"`
	Text         string `json:"text,omitempty"`
	EffectPeriod Money  `json:"effect_period"` // on the scope's net cost frame, January–report month
	EffectYear   Money  `json:"effect_year"`   // on the scope's net cost frame, whole year
}

// Programme is a multi-year programme's follow-up.
type Programme struct {
	Name           string              `json:"name"`
	Title          string              `json:"title,omitempty"`
	Owner          string              `json:"owner,omitempty"`
	FirstYear      int                 `json:"first_year"`
	LastYear       int                 `json:"last_year"`
	ForecastMade   string              `json:"forecast_made,omitempty"`
	Years          []ProgrammeYear     `json:"years"`
	Total          ProgrammeTotal      `json:"total"`
	ForecastChange []ProgrammeFcChange `json:"forecast_change"`
}

type ProgrammeYear struct {
	Year        int    `json:"year"`
	Budget      Money  `json:"budget"`
	Outcome     *Money `json:"outcome"`
	Forecast    *Money `json:"forecast"`
	Contingency *Money `json:"contingency"`
	Basis       string `json:"basis"` // "utfall" or "prognos"
	Total       *Money `json:"total"` // outcome, or forecast + contingency
	Deviation   *Money `json:"deviation"`
	Accumulated *Money `json:"accumulated_deviation"`
}

type ProgrammeTotal struct {
	Budget      Money `json:"budget"`
	Outcome     Money `json:"outcome"`
	Forecast    Money `json:"forecast"`
	Contingency Money `json:"contingency"`
	Total       Money `json:"total"`
	Deviation   Money `json:"deviation"`
}

type ProgrammeFcChange struct {
	Year         int    `json:"year"`
	LatestMade   string `json:"latest_made"`
	Latest       *Money `json:"latest"`
	PreviousMade string `json:"previous_made,omitempty"`
	Previous     *Money `json:"previous"`
	Change       Money  `json:"change"`
}

func (s *Store) buildDecisions(ctx context.Context, p Params) ([]Decision, error) {
	t, err := s.Run(ctx, "budget_decisions", p)
	if err != nil {
		return nil, err
	}
	out := []Decision{}
	for _, r := range t.Rows {
		out = append(out, Decision{Reference: str(r[0]), Date: FormatValue(r[1]), DecidedBy: str(r[2]), From: str(r[3]), To: str(r[4]),
			Amount: money(r[5]), Effective: str(r[6]), Text: str(r[7]), EffectPeriod: money(r[8]), EffectYear: money(r[9])})
	}
	return out, nil
}

// Programmes follows up multi-year programmes as of p.Period (all of them,
// or p.Programme).
func (s *Store) Programmes(ctx context.Context, p Params) ([]Programme, error) {
	defs, err := s.Query(ctx, "SELECT name, coalesce(title, ''), coalesce(owner, ''), first_year, last_year FROM programmes WHERE ? = '' OR name = ? ORDER BY name", p.Programme, p.Programme)
	if err != nil {
		return nil, err
	}
	if p.Programme != "" && len(defs.Rows) == 0 {
		known, _ := s.Query(ctx, "SELECT string_agg(name, ', ' ORDER BY name) FROM programmes")
		names := ""
		if known != nil && len(known.Rows) == 1 {
			names = str(known.Rows[0][0])
		}
		if names == "" {
			return nil, fmt.Errorf("no programme %q: none is loaded (tertial load --kind programme FILE.yaml)", p.Programme)
		}
		return nil, fmt.Errorf("no programme %q; loaded: %s", p.Programme, names)
	}
	years, err := s.Run(ctx, "programme", p)
	if err != nil {
		return nil, err
	}
	changes, err := s.Run(ctx, "programme_forecast_change", p)
	if err != nil {
		return nil, err
	}
	out := []Programme{}
	for _, d := range defs.Rows {
		pr := Programme{Name: str(d[0]), Title: str(d[1]), Owner: str(d[2]), FirstYear: int(count(d[3])), LastYear: int(count(d[4])),
			Years: []ProgrammeYear{}, ForecastChange: []ProgrammeFcChange{}}
		for _, r := range years.Rows {
			if str(r[0]) != pr.Name {
				continue
			}
			y := ProgrammeYear{Year: int(count(r[1])), Budget: money(r[2]), Outcome: optMoney(r[3]), Forecast: optMoney(r[4]), Contingency: optMoney(r[5]),
				Basis: str(r[6]), Total: optMoney(r[7]), Deviation: optMoney(r[8]), Accumulated: optMoney(r[9])}
			if m := str(r[10]); m != "" {
				pr.ForecastMade = m
			}
			pr.Years = append(pr.Years, y)
			pr.Total.Budget = M(pr.Total.Budget.Add(y.Budget.Decimal))
			if y.Basis == "utfall" && y.Outcome != nil {
				pr.Total.Outcome = M(pr.Total.Outcome.Add(y.Outcome.Decimal))
			}
			if y.Basis == "prognos" && y.Forecast != nil {
				pr.Total.Forecast = M(pr.Total.Forecast.Add(y.Forecast.Decimal))
			}
			if y.Basis == "prognos" && y.Contingency != nil {
				pr.Total.Contingency = M(pr.Total.Contingency.Add(y.Contingency.Decimal))
			}
			if y.Total != nil {
				pr.Total.Total = M(pr.Total.Total.Add(y.Total.Decimal))
			}
			if y.Deviation != nil {
				pr.Total.Deviation = M(pr.Total.Deviation.Add(y.Deviation.Decimal))
			}
		}
		for _, r := range changes.Rows {
			if str(r[0]) != pr.Name {
				continue
			}
			pr.ForecastChange = append(pr.ForecastChange, ProgrammeFcChange{Year: int(count(r[1])), LatestMade: str(r[2]), Latest: optMoney(r[3]),
				PreviousMade: str(r[4]), Previous: optMoney(r[5]), Change: money(r[6])})
		}
		out = append(out, pr)
	}
	return out, nil
}

// Started says whether the programme has outcome or a forecast yet.
func (p Programme) Started() bool {
	for _, y := range p.Years {
		if y.Outcome != nil || y.Forecast != nil {
			return true
		}
	}
	return false
}

// Span is "2020–2025".
func (p Programme) Span() string {
	return strings.TrimSpace(fmt.Sprintf("%d–%d", p.FirstYear, p.LastYear))
}
