package engine

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Amounts are carried through parsing as int64 öre (hundredths of a krona):
// exact like decimal.Decimal, but without an allocation per row, which
// matters at ten million ledger lines. DuckDB stores them as DECIMAL(18,2).

// maxOre is the largest DECIMAL(18,2) in öre: 9 999 999 999 999 999,99 kr.
const maxOre int64 = 1e18 - 1

var errNumber = errors.New("not a number")

// ParseAmount reads a Swedish or plain number with at most two decimals into
// öre: "1 234,50", "1\u00a0234,5", "-1234.50", "−12,00" (minus sign),
// "1.234,50", "1,234.50", "12-" (trailing minus, as some ERPs write) and
// "12,-" (whole kronor: 12) all work. A value it cannot read exactly is an error that says why.
func ParseAmount(s string) (int64, error) {
	if n := len(s); n > 0 && (s[n-1]|0x20 >= 'a' && s[n-1]|0x20 <= 'z' || s[n-1] == '.') {
		var err error
		if s, err = withoutCurrency(s); err != nil {
			return 0, err
		}
	} else if n > 0 && s[0]|0x20 >= 'a' && s[0]|0x20 <= 'z' {
		var err error
		if s, err = withoutCurrencyFirst(s); err != nil {
			return 0, err
		}
	}
	v, scale, err := parseDecimal(s)
	if err != nil {
		return 0, err
	}
	for scale > 2 {
		if v%10 != 0 {
			return 0, fmt.Errorf("%s has more than two decimals", quoteClip(s))
		}
		v /= 10
		scale--
	}
	for scale < 2 {
		if v > maxOre/10 || v < -maxOre/10 {
			return 0, fmt.Errorf("%s is too large for an amount", quoteClip(s))
		}
		v *= 10
		scale++
	}
	return v, nil
}

// scaledCurrencies are thousands and millions of kronor, which a load
// refuses, in an amount ("12 tkr") or a header ("Belopp tkr") alike.
var scaledCurrencies = []string{"tkr", "tsek", "ksek", "mnkr", "mkr", "msek", "mdkr"}

// withoutCurrency drops the currency a formatted spreadsheet cell keeps when
// saved as CSV ("1 234,50 kr", "-12 SEK"). An amount in thousands or millions
// ("12 tkr", "1,4 mnkr") is an error: read as kronor it would be wrong.
func withoutCurrency(s string) (string, error) {
	t := strings.TrimRight(s, " \u00a0")
	low := strings.ToLower(t)
	if err := scaledAmount(s, low, strings.HasSuffix); err != nil {
		return "", err
	}
	for _, cur := range []string{"kr.", "kr", "sek"} {
		if strings.HasSuffix(low, cur) {
			return t[:len(t)-len(cur)], nil
		}
	}
	return s, nil
}

// scaledAmount refuses an amount whose currency, found at its end or start
// by at, is thousands or millions of kronor.
func scaledAmount(s, low string, at func(s, affix string) bool) error {
	for _, scaled := range scaledCurrencies {
		if at(low, scaled) {
			return fmt.Errorf("%s is in thousands or millions of kronor; amounts must be in kronor", quoteClip(s))
		}
	}
	return nil
}

// withoutCurrencyFirst is withoutCurrency for a currency written before
// the amount ("SEK 1 234,50", "kr 12").
func withoutCurrencyFirst(s string) (string, error) {
	low := strings.ToLower(s)
	if err := scaledAmount(s, low, strings.HasPrefix); err != nil {
		return "", err
	}
	for _, cur := range []string{"sek", "kr"} {
		if rest, ok := strings.CutPrefix(low, cur); ok && rest != "" && (rest[0] == ' ' || rest[0] == '-' || rest[0] >= '0' && rest[0] <= '9' || strings.HasPrefix(rest, "\u00a0") || strings.HasPrefix(rest, "−")) {
			return strings.TrimLeft(s[len(cur):], " \u00a0"), nil
		}
	}
	return s, nil
}

// ParseNumber reads a Swedish or plain number as a float64, for hours and
// percentages (never money).
func ParseNumber(s string) (float64, error) {
	v, scale, err := parseDecimal(s)
	if err != nil {
		return 0, err
	}
	// Parse the exact decimal text, so 4,31 becomes the double nearest 4.31.
	return strconv.ParseFloat(fmt.Sprintf("%de-%d", v, scale), 64)
}

// parseDecimal returns the digits of s as an integer and the number of
// decimals. Separators are decided per value: with both ',' and '.', the last
// one is the decimal separator; a lone ',' is a decimal comma; a lone '.' a
// decimal point; thousands groups must have three digits.
func parseDecimal(s string) (int64, int, error) {
	orig := s
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "\u00a0\u202f\u2009")
	if s == "" {
		return 0, 0, fmt.Errorf("empty value: %w", errNumber)
	}
	// "12,-" and "12:-" are whole kronor in Swedish, not a trailing minus.
	for _, whole := range []string{",-", ":-", ".-"} {
		if strings.HasSuffix(s, whole) && len(s) > len(whole) {
			s = s[:len(s)-len(whole)]
			break
		}
	}
	neg := false
	switch {
	case strings.HasPrefix(s, "-"), strings.HasPrefix(s, "+"):
		neg = s[0] == '-'
		s = s[1:]
	case strings.HasPrefix(s, "\u2212"), strings.HasPrefix(s, "\u2013"):
		neg = true
		s = s[len("\u2212"):]
	case strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")"):
		neg = true
		s = s[1 : len(s)-1]
	}
	if !neg && strings.HasSuffix(s, "-") {
		neg = true
		s = s[:len(s)-1]
	}
	s = strings.TrimSpace(s)
	lastComma := strings.LastIndexByte(s, ',')
	lastDot := strings.LastIndexByte(s, '.')
	dec := -1 // index of the decimal separator
	var thousands byte
	switch {
	case lastComma >= 0 && lastDot >= 0:
		if lastComma > lastDot {
			dec, thousands = lastComma, '.'
			if strings.Count(s, ",") > 1 {
				return 0, 0, fmt.Errorf("%s has more than one decimal comma: %w", quoteClip(orig), errNumber)
			}
		} else {
			dec, thousands = lastDot, ','
			if strings.Count(s, ".") > 1 {
				return 0, 0, fmt.Errorf("%s has more than one decimal point: %w", quoteClip(orig), errNumber)
			}
		}
	case lastComma >= 0:
		if strings.Count(s, ",") > 1 {
			return 0, 0, fmt.Errorf("%s has more than one decimal comma: %w", quoteClip(orig), errNumber)
		}
		dec = lastComma
	case lastDot >= 0:
		if strings.Count(s, ".") > 1 {
			thousands = '.'
		} else {
			dec = lastDot
		}
	}
	var v int64
	scale := 0
	digits := 0
	group := -1 // digits since the last thousands separator, -1 = none seen
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			if digits >= 18 {
				return 0, 0, fmt.Errorf("%s has too many digits: %w", quoteClip(orig), errNumber)
			}
			v = v*10 + int64(r-'0')
			digits++
			if dec >= 0 && i > dec {
				scale++
			} else if group >= 0 {
				group++
			}
		case i == dec:
			if group >= 0 && group != 3 {
				return 0, 0, fmt.Errorf("%s has a misplaced thousands separator: %w", quoteClip(orig), errNumber)
			}
			group = -1
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '\'' || (thousands != 0 && r == rune(thousands)):
			if (dec >= 0 && i > dec) || digits == 0 || (group >= 0 && group != 3) {
				return 0, 0, fmt.Errorf("%s has a misplaced thousands separator: %w", quoteClip(orig), errNumber)
			}
			group = 0
		default:
			return 0, 0, fmt.Errorf("%s: unexpected %q: %w", quoteClip(orig), r, errNumber)
		}
		i += size
	}
	if group >= 0 && group != 3 {
		return 0, 0, fmt.Errorf("%s has a misplaced thousands separator: %w", quoteClip(orig), errNumber)
	}
	if digits == 0 {
		return 0, 0, fmt.Errorf("%s has no digits: %w", quoteClip(orig), errNumber)
	}
	if neg {
		v = -v
	}
	return v, scale, nil
}

// FormatOre writes öre as a plain decimal ("-1234.50"), the canonical form
// DuckDB reads exactly into DECIMAL(18,2).
func FormatOre(v int64) string {
	var b []byte
	return string(appendOre(b, v))
}

func appendOre(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	b = strconv.AppendInt(b, v/100, 10)
	b = append(b, '.')
	c := v % 100
	b = append(b, byte('0'+c/10), byte('0'+c%10))
	return b
}

// Month is a calendar month, stored as the first day of the month in UTC.
type Month struct {
	Year int
	Mon  time.Month
}

// Date is the first day of the month in UTC (never local time: DuckDB
// stores DATE from UTC).
func (m Month) Date() time.Time { return time.Date(m.Year, m.Mon, 1, 0, 0, 0, 0, time.UTC) }

// String is YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Mon)) }

// Index is year*12+month, for comparing and ranging over months.
func (m Month) Index() int { return m.Year*12 + int(m.Mon) - 1 }

// SwedishMonths are the month names as a Swedish report writes them.
var SwedishMonths = [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"}

// Swedish is the month as a report's text names it: "april 2019".
func (m Month) Swedish() string { return fmt.Sprintf("%s %d", SwedishMonths[m.Mon-1], m.Year) }

// SwedishYearToDate is the months January to m: "januari–april 2019", with
// first as January's name ("januari" or "jan"), and "januari 2019" in
// January, not "januari–januari".
func (m Month) SwedishYearToDate(first string) string {
	if m.Mon == time.January {
		return m.Swedish()
	}
	return first + "–" + m.Swedish()
}

// MonthFromIndex inverts Index.
func MonthFromIndex(i int) Month { return Month{Year: i / 12, Mon: time.Month(i%12 + 1)} }

// ParsePeriod reads a month as YYYY-MM, YYYYMM, YYYY/MM, or a date
// (YYYY-MM-DD, YYYYMMDD, optionally followed by a time) whose month it
// takes, or in one of the forms of periodWords ("april 2019", "apr-19").
func ParsePeriod(s string) (Month, error) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, " T"); i == 10 {
		s = s[:i] // "2019-04-01 00:00:00" from spreadsheets
	}
	var y, m, d int
	var err error
	words := false
	switch {
	case len(s) == 7 && (s[4] == '-' || s[4] == '/' || s[4] == '.'):
		y, m, err = atoi2(s[:4], s[5:])
	case len(s) == 6 && allDigits(s):
		y, m, err = atoi2(s[:4], s[4:])
	case len(s) == 10 && (s[4] == '-' || s[4] == '/' || s[4] == '.') && s[7] == s[4]:
		y, m, err = atoi2(s[:4], s[5:7])
		if err == nil {
			d, err = strconv.Atoi(s[8:])
		}
	case len(s) == 8 && allDigits(s):
		y, m, err = atoi2(s[:4], s[4:6])
		if err == nil {
			d, err = strconv.Atoi(s[6:])
		}
	default:
		if y, m, d, words = periodWords(s); !words {
			return Month{}, fmt.Errorf("%s is not a period (expected YYYY-MM, YYYYMM, a date YYYY-MM-DD, or a month and year such as april 2019)", quoteClip(s))
		}
	}
	if err != nil || y < 1900 || y > 2999 || m < 1 || m > 12 {
		return Month{}, fmt.Errorf("%s is not a valid period (expected YYYY-MM, a year 1900-2999 and a month 01-12)", quoteClip(s))
	}
	if d != 0 || (len(s) >= 8 && !words) {
		t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		if d < 1 || t.Day() != d {
			return Month{}, fmt.Errorf("%s is not a valid date", quoteClip(s))
		}
	}
	return Month{Year: y, Mon: time.Month(m)}, nil
}

// monthNames are the Swedish and English month names and abbreviations,
// lower case, by month.
var monthNames = map[string]int{
	"januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2,
	"mars": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "maj": 5, "may": 5,
	"juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7,
	"augusti": 8, "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10, "oct": 10, "october": 10, "november": 11, "nov": 11,
	"december": 12, "dec": 12,
}

// monthName is the month a Swedish or English name or abbreviation names,
// in any case and with or without a trailing dot ("Jan", "okt.", "maj").
func monthName(s string) (int, bool) {
	m, ok := monthNames[strings.TrimSuffix(strings.ToLower(s), ".")]
	return m, ok
}

// periodWords reads the other ways extracts write a month, each of which
// can be read only one way: a month's name or abbreviation with the year
// ("april 2019", "Apr-2019", "2019 april", and Excel's "apr-19", whose
// two-digit year is 1969–2068 as POSIX reads one), YYYY-M, YYYYMmm as
// Statistics Sweden writes months ("2019M04"), MM/YYYY and MM-YYYY, and a
// date DD.MM.YYYY. Numbers alone with a two-digit year ("19-04") or a date
// with slashes (4/30/2019 or 30/4/2019) are not read: they could be either.
func periodWords(s string) (y, m, d int, ok bool) {
	if len(s) == 7 && (s[4] == 'M' || s[4] == 'm') && allDigits(s[:4]) && allDigits(s[5:]) {
		y, _ = strconv.Atoi(s[:4])
		m, _ = strconv.Atoi(s[5:])
		return y, m, 0, true
	}
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == '-' || r == '/' || r == '.' })
	num := func(p string, digits ...int) (int, bool) {
		if !allDigits(p) || !slices.Contains(digits, len(p)) {
			return 0, false
		}
		n, _ := strconv.Atoi(p)
		return n, true
	}
	year := func(p string) (int, bool) {
		n, ok := num(p, 2, 4)
		if ok && len(p) == 2 {
			if n >= 69 {
				return 1900 + n, true
			}
			return 2000 + n, true
		}
		return n, ok
	}
	switch len(parts) {
	case 2:
		if mon, named := monthName(parts[0]); named {
			y, ok = year(parts[1])
			return y, mon, 0, ok
		}
		if mon, named := monthName(parts[1]); named {
			y, ok = num(parts[0], 4)
			return y, mon, 0, ok
		}
		if yy, ok4 := num(parts[0], 4); ok4 && strings.ContainsAny(s, "-/.") {
			if mm, ok2 := num(parts[1], 1, 2); ok2 {
				return yy, mm, 0, true
			}
		}
		if yy, ok4 := num(parts[1], 4); ok4 && strings.ContainsAny(s, "-/.") {
			if mm, ok2 := num(parts[0], 1, 2); ok2 {
				return yy, mm, 0, true
			}
		}
	case 3:
		if strings.Count(s, ".") == 2 && !strings.ContainsAny(s, "-/ ") {
			dd, ok1 := num(parts[0], 1, 2)
			mm, ok2 := num(parts[1], 1, 2)
			yy, ok3 := num(parts[2], 4)
			if ok1 && ok2 && ok3 {
				if dd == 0 {
					dd = -1 // not a date: refused below
				}
				return yy, mm, dd, true
			}
		}
	}
	return 0, 0, 0, false
}

// ParseDate reads YYYYMMDD or YYYY-MM-DD.
//
// A date written D.M.YYYY (01.04.2019, 1.4.2019), as Finnish and German
// systems write one, is read too: with dots the day comes first. Dates
// with slashes are not, 4/5/2019 being April or May by who wrote it.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	var layout string
	switch {
	case len(s) == 8 && allDigits(s):
		layout = "20060102"
	case len(s) == 10 && s[4] == '-':
		layout = "2006-01-02"
	case strings.Count(s, ".") == 2 && len(s) >= 8 && len(s) <= 10 && allDigits(strings.ReplaceAll(s, ".", "")) && s[len(s)-5] == '.':
		layout = "2.1.2006"
	default:
		return time.Time{}, fmt.Errorf("%s is not a date (expected YYYY-MM-DD, YYYYMMDD or DD.MM.YYYY)", quoteClip(s))
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s is not a valid date", quoteClip(s))
	}
	return t, nil
}

func atoi2(a, b string) (int, int, error) {
	x, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, err
	}
	y, err := strconv.Atoi(b)
	return x, y, err
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// quoteClip quotes a value for an error message, cut to a readable length:
// a 10 MB field should not become a 10 MB message.
func quoteClip(s string) string {
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		return strconv.Quote(s[:cut]) + "…"
	}
	return strconv.Quote(s)
}
