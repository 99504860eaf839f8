package engine

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"
)

// Money is an exact amount in kronor. In JSON it is a decimal string with
// two decimals ("-1400000.00"), so no reader turns it into a float.
type Money struct{ decimal.Decimal }

// M wraps a decimal as Money.
func M(d decimal.Decimal) Money { return Money{d} }

func (m Money) MarshalJSON() ([]byte, error) { return json.Marshal(m.StringFixed(2)) }

func (m *Money) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("money must be a decimal string: %w", err)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return err
	}
	m.Decimal = d
	return nil
}

// money reads a query cell as Money (NULL is zero).
func money(v any) Money {
	if d, ok := v.(decimal.Decimal); ok {
		return Money{d}
	}
	return Money{decimal.Zero}
}

// optMoney reads a query cell as *Money (NULL is nil).
func optMoney(v any) *Money {
	if d, ok := v.(decimal.Decimal); ok {
		return &Money{d}
	}
	return nil
}

func str(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

func optFloat(v any) *float64 {
	if f, ok := v.(float64); ok {
		return &f
	}
	return nil
}
