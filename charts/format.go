package charts

import (
	"math"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/tertial/tertial/engine"
)

// Swedish presentation (engine.SwedishNumber): no-break space between
// thousands, decimal comma, the minus sign U+2212. Machine outputs never
// use these.
const nbsp = "\u00a0"

// Kr formats whole kronor: "−32 533 999".
func Kr(d decimal.Decimal) string { return group(d.Round(0).String()) }

// Tkr formats thousands of kronor with no decimals: "−32 534".
func Tkr(d decimal.Decimal) string { return group(d.Shift(-3).Round(0).String()) }

// Mnkr formats millions with one decimal: "−1,4". Rounding is half away
// from zero, once, here.
func Mnkr(d decimal.Decimal) string { return group(d.Shift(-6).StringFixed(1)) }

// MnkrSigned is Mnkr with an explicit plus for positive values: "+0,8".
func MnkrSigned(d decimal.Decimal) string {
	s := Mnkr(d)
	if d.Shift(-6).Round(1).IsPositive() {
		return "+" + s
	}
	return s
}

// Pct formats a percentage with two decimals: "0,21 %".
func Pct(f float64) string { return Float(f, 2) + nbsp + "%" }

// Float formats a number with the given decimals, Swedish style.
func Float(f float64, decimals int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "–"
	}
	return group(strconv.FormatFloat(f, 'f', decimals, 64))
}

// group rewrites a plain number ("-1234567.5") the Swedish way.
func group(s string) string { return engine.SwedishNumber(s) }

// SwedishDecimal formats an exact decimal with the given decimals.
func SwedishDecimal(d decimal.Decimal, decimals int) string {
	return group(d.StringFixed(int32(decimals)))
}
