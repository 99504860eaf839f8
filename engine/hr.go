package engine

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// HR extracts carry person identifiers. They are replaced on load by a keyed
// hash (HMAC-SHA-256, the first 16 bytes in hex) with a key that lives
// outside the database: TERTIAL_HR_KEY or LoadOptions.HRKey. The same key
// gives the same hash on every load; the database keeps a fingerprint of the
// key, so a load with another key is refused instead of splitting people in
// two. Names are never read: only the columns below are, and any column that
// holds something shaped like a personnummer (other than the id columns) is
// refused.

// HRKeyEnv names the environment variable holding the pseudonymisation key.
const HRKeyEnv = "TERTIAL_HR_KEY"

var (
	hoursFields = []field{
		{"period", true, []string{"Period", "Månad", "Month"}},
		{"person", true, []string{"Person", "Personid", "Person id", "Anställningsnummer", "Anstnr", "Anst.nr", "Employee", "Employee id", "Medarbetare", "Personnummer"}},
		// Without these two columns, a personnummer id gives them.
		{"gender", false, []string{"Kön", "Gender", "Sex"}},
		{"birth", false, []string{"Födelseår", "Birth year", "Födelsedatum", "Birth date", "Född"}},
		{"cost_center", false, []string{"Ansvar", "Kostnadsställe", "Kst", "Cost center"}},
		{"employment_type", true, []string{"Anställningsform", "Employment type", "Anstform"}},
		{"employment_rate", false, []string{"Sysselsättningsgrad", "Employment rate", "Tjänstgöringsgrad", "Syssgrad"}},
		{"scheduled_hours", true, []string{"Ordinarie arbetstid", "Schemalagd tid", "Scheduled hours", "Ordinarie tid", "Schematid"}},
		{"worked_hours", true, []string{"Arbetad tid", "Worked hours", "Arbetade timmar"}},
		{"extra_hours", false, []string{"Mertid", "Fyllnadstid", "Extra hours", "Mertid/fyllnadstid"}},
		{"overtime_hours", false, []string{"Övertid", "Overtime", "Overtime hours"}},
		{"manager", false, []string{"Chef", "Närmaste chef", "Manager", "Manager id", "Chefs id"}},
	}
	absenceFields = []field{
		{"person", true, []string{"Person", "Personid", "Person id", "Anställningsnummer", "Anstnr", "Employee", "Employee id", "Personnummer"}},
		{"cause", true, []string{"Orsak", "Cause", "Frånvaroorsak", "Frånvarotyp"}},
		{"first_day", true, []string{"Från", "Första dag", "First day", "From", "Fom", "Startdatum"}},
		{"last_day", false, []string{"Till", "Sista dag", "Last day", "To", "Tom", "Slutdatum"}},
		{"extent", true, []string{"Omfattning", "Extent", "Procent", "Grad"}},
	}
	sickHoursFields = []field{
		{"period", true, []string{"Period", "Månad", "Month"}},
		{"person", true, []string{"Person", "Personid", "Person id", "Anställningsnummer", "Employee", "Employee id", "Personnummer"}},
		{"short_hours", true, []string{"Kort", "Dag 1-14", "Short", "Sjuktimmar dag 1-14"}},
		{"long_hours", true, []string{"Lång", "Dag 15-", "Long", "Sjuktimmar dag 15-"}},
		{"long60_hours", false, []string{"Långa perioder", "60 dagar", "Long 60", "Sjuktimmar 60 dagar eller mer"}},
	}
)

type personMonth struct {
	Period                                   Month
	Person, Gender, CostCenter, Type         string
	Manager                                  string
	BirthYear                                int
	Rate, Scheduled, Worked, Extra, Overtime string // exact decimals as text
	Line                                     int
}

type absenceSpell struct {
	Person, Cause string
	Sick          bool
	First         time.Time
	Last          *time.Time
	Extent        int
	Line          int
}

type sickHoursRow struct {
	Period                    Month
	Person                    string
	Short, Long, Long60, Sick string
	Line                      int
}

// pseudonymiser hashes person ids with the key.
// The same ids come back every month: each is hashed once per load.
//
// A personnummer written with its century (19850312-1234, 198503121234) is
// hashed as its ten digits (8503121234), as one written without is: HR
// systems differ in which they export, and two extracts that write the same
// person differently must give the same id, or the person's sick days would
// match none of their months. Databases whose HR loads began before this
// (their key fingerprint says so) keep hashing the digits as written, so
// that the people already loaded keep their ids.
type pseudonymiser struct {
	key    []byte
	memo   map[string]string
	legacy bool // hash the digits as written (databases from before)
}

func newPseudonymiser(key string) (*pseudonymiser, error) {
	if key == "" {
		key = os.Getenv(HRKeyEnv)
	}
	if len(key) < 16 {
		return nil, &SettingError{"HR extracts need a key of at least 16 characters to pseudonymise person ids: set " + HRKeyEnv +
			" (keep it outside the database, and use the same key for every load)"}
	}
	return &pseudonymiser{key: []byte(key), memo: map[string]string{}}, nil
}

func (p *pseudonymiser) hash(raw string) string {
	if h, ok := p.memo[raw]; ok {
		return h
	}
	h := p.hashID(raw)
	if p.memo != nil {
		p.memo[strings.Clone(raw)] = h
	}
	return h
}

func (p *pseudonymiser) hashID(id string) string {
	id = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '+' {
			return -1
		}
		return r
	}, strings.TrimSpace(id))
	if id == "" {
		return ""
	}
	if !p.legacy {
		id = tenDigitPersonnummer(id)
	}
	return p.mac(id)
}

func (p *pseudonymiser) mac(id string) string {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(id))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

// tenDigitPersonnummer is a personnummer (or coordination number) of twelve
// digits, the century first, as its ten: 198503121234 → 8503121234. Any
// other id is returned as it is.
func tenDigitPersonnummer(id string) string {
	if len(id) != 12 || !allDigits(id) || !(strings.HasPrefix(id, "19") || strings.HasPrefix(id, "20")) {
		return id
	}
	if !pnrDate(id[2:8]) {
		return id
	}
	return id[2:]
}

// pnrFacts is what a personnummer says of its holder.
type pnrFacts struct {
	gender    string // K or M: the ninth digit of ten, even for women
	birthYear int
}

// personnummerFacts reads gender and birth year from a personnummer or a
// coordination number, YYYYMMDD-NNNN or YYMMDD-NNNN (the separator '+'
// for 100 years or more, as Skatteverket writes it). Ten digits without
// '+' are of the latest century that is not after the month's year.
func personnummerFacts(id string, year int) (pnrFacts, bool) {
	hundred := strings.Contains(id, "+")
	d := strings.NewReplacer("-", "", "+", "", " ", "").Replace(strings.TrimSpace(id))
	if !allDigits(d) || (len(d) != 10 && len(d) != 12) {
		return pnrFacts{}, false
	}
	var born int
	if len(d) == 12 {
		born, _ = strconv.Atoi(d[:4])
		if born < 1900 || !pnrDate(d[2:8]) {
			return pnrFacts{}, false
		}
		d = d[2:]
	} else {
		if !pnrDate(d[:6]) {
			return pnrFacts{}, false
		}
		yy, _ := strconv.Atoi(d[:2])
		born = year - (year-yy)%100
		if hundred {
			born -= 100
		}
	}
	g := "M"
	if (d[8]-'0')%2 == 0 {
		g = "K"
	}
	return pnrFacts{gender: g, birthYear: born}, true
}

// pnrDate reports whether YYMMDD is the date of a personnummer, or of a
// coordination number (its day + 60).
func pnrDate(yymmdd string) bool {
	mm, _ := strconv.Atoi(yymmdd[2:4])
	dd, _ := strconv.Atoi(yymmdd[4:6])
	return mm >= 1 && mm <= 12 && dd >= 1 && (dd <= 31 || dd >= 61) && dd <= 91
}

// The key's fingerprint, stored in hr_key, identifies the key without
// revealing it, and tells how the database's ids were made.
const (
	fingerprintText       = "tertial key fingerprint, personnummer as ten digits"
	legacyFingerprintText = "tertialkeyfingerprint" // "tertial key fingerprint" as hashID wrote it
)

func (p *pseudonymiser) fingerprint() string {
	if p.legacy {
		return p.mac(legacyFingerprintText)
	}
	return p.mac(fingerprintText)
}

// useDatabaseScheme checks the key against the database's fingerprint
// before an extract is read (a wrong key is refused before a large file is
// parsed) and hashes as the database's earlier loads did.
func (p *pseudonymiser) useDatabaseScheme(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) error {
	var fp sql.NullString
	err := db.QueryRowContext(ctx, "SELECT fingerprint FROM hr_key LIMIT 1").Scan(&fp)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		p.legacy = false
		return nil
	case err != nil:
		return err
	case fp.String == p.mac(fingerprintText):
		p.legacy = false
	case fp.String == p.mac(legacyFingerprintText):
		p.legacy = true
	default:
		return errOtherHRKey
	}
	return nil
}

var errOtherHRKey = &SettingError{"the HR key (" + HRKeyEnv + ") differs from the one earlier HR extracts were loaded with: the same people would get other ids"}

var pnrPattern = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)?[0-9]{6})([-+ ]?)([0-9]{4})(?:[^0-9]|$)`)

// looksLikePersonnummer finds a Swedish personal identity (or coordination)
// number: a date-shaped YYMMDD (day + 60 for a coordination number) and four
// digits. Written as a personnummer is written — with its century or a
// separator, "19800101-1234", "800101-1234" — it counts whatever its check
// digit: a mistyped or made-up number in that shape still points at a
// person, and no other HR value looks like that. Ten bare digits must also
// have a valid Luhn check digit, so that an ordinary ten-digit number passes.
func looksLikePersonnummer(s string) bool {
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	if digits < 10 { // YYMMDD and four digits at the least
		return false
	}
	for _, m := range pnrPattern.FindAllStringSubmatch(s, -1) {
		date, sep, rest := m[1], m[2], m[3]
		written := sep != "" || len(date) == 8
		if len(date) == 8 {
			date = date[2:]
		}
		if !pnrDate(date) {
			continue
		}
		if written {
			return true
		}
		digits := date + rest
		sum := 0
		for i, c := range digits {
			d := int(c - '0')
			if i%2 == 0 {
				d *= 2
				if d > 9 {
					d -= 9
				}
			}
			sum += d
		}
		if sum%10 == 0 {
			return true
		}
	}
	return false
}

// checkNoPersonnummer refuses a record that has a personnummer outside the
// id columns.
func checkNoPersonnummer(name string, line int, header, rec []string, idCols map[int]bool) error {
	for i, v := range rec {
		if idCols[i] || v == "" {
			continue
		}
		if looksLikePersonnummer(v) {
			col := fmt.Sprint(i + 1)
			if i < len(header) {
				col = header[i]
			}
			return &InputError{File: name, Line: line, Column: col,
				Msg:  "holds what looks like a personnummer; personal identity numbers may only be in the person and manager id columns, which are pseudonymised",
				Hint: "remove the column or the value from the extract"}
		}
	}
	return nil
}

var genderCodes = map[string]string{
	"k": "K", "kvinna": "K", "kvinnor": "K", "kvinnlig": "K", "f": "K", "female": "K", "w": "K", "woman": "K", "kv": "K",
	"m": "M", "man": "M", "manlig": "M", "male": "M",
}

var employmentTypes = map[string]string{
	"tillsvidare": "tillsvidare", "tillsvidareanstalld": "tillsvidare", "tillsvidareanstallning": "tillsvidare", "tv": "tillsvidare",
	"permanent": "tillsvidare", "fast": "tillsvidare", "fastanstalld": "tillsvidare", "fastanstallning": "tillsvidare",
	"visstid": "visstid", "visstidsanstalld": "visstid", "visstidsanstallning": "visstid", "vikariat": "visstid", "vikarie": "visstid",
	"allmanvisstid": "visstid", "allmanvisstidsanstallning": "visstid", "temporary": "visstid", "fixedterm": "visstid",
	"sarskildvisstidsanstallning": "visstid", "tidsbegransadanstallning": "visstid",
	// Probationary and seasonal employments are fixed-term until made
	// permanent (LAS 5-6 §§): they do not count as tillsvidare staff.
	"provanstallning": "visstid", "provanstalld": "visstid", "sasongsanstallning": "visstid", "sasongsanstalld": "visstid",
	"sarskildvisstid": "visstid", "tidsbegransad": "visstid", "probation": "visstid",
	"timavlonad": "timavlönad", "timanstalld": "timavlönad", "hourly": "timavlönad", "timlon": "timavlönad",
	"behovsanstalld": "timavlönad", "intermittent": "timavlönad", "timavlonadintermittent": "timavlönad",
}

// hoursCell reads hours as an exact decimal with at most two decimals, or
// as clock time h:mm (165:30, as time reporting systems write it), which is
// read to the hundredth of an hour (165,50); negative hours are refused.
//
// One person-month holds at most 744 hours (31 days of 24): more is hours
// in minutes, a year's hours, or another column, and refused (it would
// also not fit the table's DECIMAL(10,2) from 100 million on).
func hoursCell(v string, required bool) (string, error) {
	var hours string
	var err error
	if h, m, ok := strings.Cut(v, ":"); ok {
		hours, err = clockHours(v, h, m)
	} else if hours, err = positiveCell(v, required, "hours"); err != nil && dayFraction(v) {
		return "", fmt.Errorf("%q looks like a time cell: a workbook stores 162:30 as 6,7708… days, not hours; format the column as a number of hours", v)
	}
	if err == nil && above(hours, "744") {
		return "", fmt.Errorf("%q is more hours than a month has (at most 744, 31 days of 24): are they minutes, or a year's hours?", v)
	}
	return hours, err
}

// timeCells refuses a workbook's hours column whose cells are durations
// ([h]:mm): their raw value is days, and where every one is a whole number
// of hours times six (168:00 is 7 days) hoursCell cannot tell it from
// hours — a month's 168 hours would load as 7. Each column is checked once,
// at its first row with a value, as the workbook displays that cell; a
// column is formatted whole, so that row stands for it. Not a workbook:
// nothing to check.
type timeCells struct {
	x    *xlsxTable
	cols []int    // the hours columns not checked yet
	name []string // their headers
}

func newTimeCells(t tableReader, cols []int, names []string) *timeCells {
	x, _ := t.(*xlsxTable)
	c := &timeCells{x: x}
	for i, col := range cols {
		if col >= 0 {
			c.cols, c.name = append(c.cols, col), append(c.name, names[i])
		}
	}
	return c
}

func (c *timeCells) check(file string, rec []string, line int) error {
	if c.x == nil || len(c.cols) == 0 {
		return nil
	}
	var shown []string
	read := false
	for i := 0; i < len(c.cols); i++ {
		v := cell(rec, c.cols[i])
		if v == "" {
			continue
		}
		if !read {
			var err error
			if shown, err = c.x.formattedRow(line); err != nil {
				// The raw values are read all the same; only this
				// check cannot be made.
				c.cols = nil
				return nil
			}
			read = true
		}
		f, col := cell(shown, c.cols[i]), c.name[i]
		c.cols, c.name = append(c.cols[:i], c.cols[i+1:]...), append(c.name[:i], c.name[i+1:]...)
		i--
		if strings.Contains(f, ":") && !strings.Contains(v, ":") { // once a column
			return cellErr(file, line, col, fmt.Sprintf("%q is a time cell, shown as %s: a workbook stores a duration in days, not hours; format the column as a number of hours", v, f))
		}
	}
	return nil
}

// above tells whether v, a non-negative decimal as FormatOre writes it
// ("165.50"), is above the whole number limit ("744").
func above(v, limit string) bool {
	whole, frac, _ := strings.Cut(v, ".")
	if len(whole) != len(limit) {
		return len(whole) > len(limit)
	}
	return whole > limit || whole == limit && strings.Trim(frac, "0") != ""
}

// dayFraction reports whether v is the raw value of a workbook's time or
// duration cell ([h]:mm): a fraction of days that is a whole number of
// minutes, with more decimals than hours have.
func dayFraction(v string) bool {
	_, frac, ok := strings.Cut(v, ".")
	if !ok || len(frac) <= 2 {
		return false
	}
	d, err := strconv.ParseFloat(v, 64)
	if err != nil || d <= 0 || d > 1000 {
		return false
	}
	minutes := d * 24 * 60
	return math.Abs(minutes-math.Round(minutes)) < 1e-6
}

// clockHours reads h:mm (the hours may have thousands separated by a
// space), the minutes rounded to hundredths of an hour (10 minutes are
// 0,17 h).
func clockHours(v, h, m string) (string, error) {
	h = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(h) // 1 132:05
	if h == "" || !allDigits(h) || len(m) != 2 || !allDigits(m) || m >= "60" || len(h) > 6 {
		return "", fmt.Errorf("%q is not hours: a clock time is h:mm, minutes 00-59", v)
	}
	hours, _ := strconv.ParseInt(h, 10, 64)
	minutes, _ := strconv.ParseInt(m, 10, 64)
	return FormatOre(hours*100 + (minutes*100+30)/60), nil
}

// rateScale tells whether an extract writes employment rates as fractions
// (1, 0,75) or in per cent (100, 75): fractions when no rate is above 1 and
// some is above 0, and none says %. It takes the whole extract: a single
// row's 1 could be either. An extract in per cent may still have a row
// with a fraction (0,75 where the others write 75): read in per cent, it
// is an employment of 0,75 %, and with a hundred or so scheduled hours it
// cannot be one — such an extract is refused (mixed). A small rate with as
// few hours as it allows (1 % and 2 h) is a small employment, and stays.
type rateScale struct {
	above1, positive, percent bool
	// the first rate that says per cent (above 1, or with %), and the
	// first at most 1 without a % sign whose scheduled hours are more than
	// that many per cent of a month's 744 hours: lines and cells.
	large, small         int
	largeCell, smallCell string
	smallHours           string
}

func (s *rateScale) add(rate string, percent bool, line int, v, scheduled string) {
	// rate and scheduled are as FormatOre writes them: "0.75", "1.00", "100.00".
	s.percent = s.percent || percent
	s.positive = s.positive || rate != "0.00"
	fraction := strings.HasPrefix(rate, "0.") || rate == "1.00"
	s.above1 = s.above1 || !fraction
	if s.large == 0 && (percent || !fraction) {
		s.large, s.largeCell = line, v
	}
	if s.small == 0 && !percent && fraction {
		r, _ := ParseAmount(rate)
		h, _ := ParseAmount(scheduled)
		if h*100 > r*744 { // scheduled > rate % of 744 h
			s.small, s.smallCell, s.smallHours = line, v, scheduled
		}
	}
}

func (s *rateScale) fractions() bool { return s.positive && !s.above1 && !s.percent }

// mixed refuses an extract in per cent with a rate that is a fraction
// (see rateScale), naming its line.
func (s *rateScale) mixed(name, col string) error {
	if s.small == 0 || s.large == 0 {
		return nil
	}
	e := cellErr(name, s.small, col, fmt.Sprintf("%q beside rates in per cent (line %d: %q) is an employment of %s %%, and cannot hold %s scheduled hours: the extract writes some rates as fractions and others in per cent",
		s.smallCell, s.large, s.largeCell, s.smallCell, strings.Replace(strings.TrimSuffix(s.smallHours, ".00"), ".", ",", 1)))
	e.Hint = "write every rate in per cent (75) or every one as a fraction (0,75)"
	return e
}

// positiveCell reads a decimal with at most two decimals that cannot be
// negative (hours, an employment rate: what).
func positiveCell(v string, required bool, what string) (string, error) {
	if v == "" && !required {
		return "0.00", nil
	}
	ore, err := amountCell(v)
	if err != nil {
		return "", err
	}
	if ore < 0 {
		return "", fmt.Errorf("%q is negative: %s cannot be", v, what)
	}
	return FormatOre(ore), nil
}

func idColumns(c columns, names ...string) map[int]bool {
	m := map[int]bool{}
	for _, n := range names {
		if i, ok := c.idx[n]; ok {
			m[i] = true
		}
	}
	return m
}

// readHours reads person-month hours; with a stage, the rows are written to
// it as they are read (a streaming load), else collected in ex.hours.
func readHours(name string, t tableReader, opt LoadOptions, p *pseudonymiser, ex *extract, st *stage) error {
	c, err := headerColumns(name, t, hoursFields, opt.Columns)
	if err != nil {
		return err
	}
	ids := idColumns(c, "person", "manager")
	// Columns looked up once, not once a row (a region has 600 000
	// person-months a year).
	period, person, gender, birth := c.index("period"), c.index("person"), c.index("gender"), c.index("birth")
	empType, costCenter, manager, rate := c.index("employment_type"), c.index("cost_center"), c.index("manager"), c.index("employment_rate")
	// The hours columns, in the order of hoursOf's fields.
	hourCols := [4]struct {
		f   string
		i   int
		req bool
	}{{"scheduled_hours", c.index("scheduled_hours"), true}, {"worked_hours", c.index("worked_hours"), true},
		{"extra_hours", c.index("extra_hours"), false}, {"overtime_hours", c.index("overtime_hours"), false}}
	var cols []int
	var names []string
	for _, h := range hourCols {
		cols, names = append(cols, h.i), append(names, c.colName(h.f))
	}
	times := newTimeCells(t, cols, names)
	genders, types := codeCache(genderCodes), codeCache(employmentTypes)
	type monthKey struct {
		period       Month
		person, cost string
	}
	var rates rateScale
	seen := make(map[monthKey]int, ex.rowsHint)
	if st == nil {
		ex.hours = make([]personMonth, 0, ex.rowsHint)
	}
	err = eachRecord(name, t, func(rec []string, line int) error {
		if err := checkNoPersonnummer(name, line, t.Header(), rec, ids); err != nil {
			return err
		}
		r := personMonth{Line: line}
		var err error
		if r.Period, err = periodCell(cell(rec, period)); err != nil {
			return periodErr(name, line, c.colName("period"), cell(rec, period), rec, err)
		}
		id := cell(rec, person)
		if r.Person = p.hash(id); r.Person == "" {
			return cellErr(name, line, c.colName("person"), "empty person id")
		}
		var fromID pnrFacts
		if gender < 0 || birth < 0 {
			var ok bool
			if fromID, ok = personnummerFacts(id, r.Period.Year); !ok {
				return cellErr(name, line, c.colName("person"), "the extract has no Kön or no Födelseår column, and the person id is not a personnummer to read them from (expected a Kön and a Födelseår column)")
			}
		}
		if gender < 0 {
			r.Gender = fromID.gender
		} else {
			g, ok := genders(cell(rec, gender))
			if !ok {
				return cellErr(name, line, c.colName("gender"), fmt.Sprintf("unknown gender code %q (expected K or M, kvinna or man)", cell(rec, gender)))
			}
			r.Gender = g
		}
		b := cell(rec, birth)
		switch {
		case birth < 0:
			r.BirthYear = fromID.birthYear
		case len(b) == 5 && allDigits(b): // an XLSX date cell's serial number
			d, _ := dateCell(b)
			r.BirthYear = d.Year()
		case len(b) >= 4 && allDigits(b[:4]):
			r.BirthYear, _ = strconv.Atoi(b[:4])
		}
		if r.BirthYear < 1900 || r.BirthYear > r.Period.Year {
			return cellErr(name, line, c.colName("birth"), fmt.Sprintf("%q is not a birth year or date (expected YYYY or YYYY-MM-DD)", b))
		}
		ty, ok := types(cell(rec, empType))
		if !ok {
			return cellErr(name, line, c.colName("employment_type"), fmt.Sprintf("unknown employment type %q (expected tillsvidare, visstid or timavlönad)", cell(rec, empType)))
		}
		r.Type = ty
		r.CostCenter = codeCell(rec, costCenter)
		r.Manager = p.hash(cell(rec, manager))
		rateCell := cell(rec, rate) // trimmed
		if rateCell != "" {
			rate, err := positiveCell(strings.TrimSuffix(rateCell, "%"), true, "an employment rate")
			if err == nil && above(rate, "100") {
				err = fmt.Errorf("%q is above 100 %%: not an employment rate (in per cent, 0-100, or as a fraction, 0-1)", rateCell)
			}
			if err != nil {
				return cellErr(name, line, c.colName("employment_rate"), err.Error())
			}
			r.Rate = rate
		}
		if err := times.check(name, rec, line); err != nil {
			return err
		}
		for k, dst := range hoursOf(&r) {
			h := hourCols[k]
			v, err := hoursCell(cell(rec, h.i), h.req)
			if err != nil {
				return cellErr(name, line, c.colName(h.f), err.Error()+" (expected hours such as 165,5)")
			}
			*dst = v
		}
		if rateCell != "" {
			rates.add(r.Rate, strings.HasSuffix(rateCell, "%"), line, rateCell, r.Scheduled)
		}
		key := monthKey{r.Period, r.Person, r.CostCenter}
		if prev, dup := seen[key]; dup {
			return cellErr(name, line, c.colName("person"), fmt.Sprintf("the same person, month and cost center again (also line %d)", prev))
		}
		seen[key] = line
		if st != nil {
			return st.personMonth(&r)
		}
		ex.hours = append(ex.hours, r)
		return nil
	})
	if err == nil {
		err = rates.mixed(name, c.colName("employment_rate"))
	}
	ex.ratesAsFractions = rates.fractions()
	return err
}

// hoursOf is a person-month's hours fields, in the order readHours reads them.
func hoursOf(r *personMonth) [4]*string {
	return [4]*string{&r.Scheduled, &r.Worked, &r.Extra, &r.Overtime}
}

// codeCache looks a cell up in codes by its normalised form (normHeader),
// remembering each spelling met: an extract spells its few codes the same
// way on every row.
func codeCache(codes map[string]string) func(string) (string, bool) {
	known := map[string]string{}
	return func(v string) (string, bool) {
		if c, ok := known[v]; ok {
			return c, true
		}
		c, ok := codes[normHeader(v)]
		if ok && len(known) < 64 {
			known[strings.Clone(v)] = c
		}
		return c, ok
	}
}

// sickCause says whether an absence cause counts as sick leave: "Sjuk",
// "Sjukdom", "Sjukfrånvaro 50 %", "Sjuklön dag 2-14", "Sick leave",
// "Arbetsskada" … — any cause that starts with sjuk or sick, and work injury
// (the law's sick leave is every absence for illness) — but not the care of
// a sick child (vård av sjukt barn, "sjukt barn"), which is the parent's
// leave, not their illness. Every other cause is kept and not counted; a load
// says which causes it did not count.
func sickCause(cause string) bool {
	n := normHeader(cause)
	if strings.Contains(n, "barn") {
		return false
	}
	return strings.HasPrefix(n, "sjuk") || strings.HasPrefix(n, "sick") || strings.HasPrefix(n, "arbetsskada") || strings.HasPrefix(n, "arbetssjukdom")
}

// causeCounts lists causes with their number of spells: "Sjuk (911)".
func causeCounts(n map[string]int) string {
	if len(n) == 0 {
		return "none"
	}
	causes := make([]string, 0, len(n))
	for c := range n {
		causes = append(causes, c)
	}
	sort.Strings(causes)
	for i, c := range causes {
		causes[i] = fmt.Sprintf("%s (%d)", c, n[c])
	}
	return strings.Join(causes, ", ")
}

// extentCell reads a sick spell's extent, a quarter, half, three quarters
// or the whole of the working time (Socialförsäkringsbalken 27 kap. 45 §):
// in per cent (25, 50 %, 100,0) or as a fraction (0,25, 0,5, 0,75, 1), which
// cannot be confused, an extent of 1 % not being one.
func extentCell(v string) (int, bool) {
	ore, err := amountCell(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "%")))
	if err != nil {
		return 0, false
	}
	switch ore {
	case 2500, 5000, 7500, 10000:
		return int(ore / 100), true
	case 25, 50, 75, 100:
		if strings.Contains(v, "%") {
			return 0, false // 0,5 %
		}
		return int(ore), true
	}
	return 0, false
}

// openEndYear: a spell's last day in this year or later is an HR system's
// open end (9999-12-31, 2099-12-31), not a day: the spell is ongoing. Kept
// as a day, the spell's length would count an illness that began last week
// as a spell of 60 days or more, and the sick-hours view would generate
// every day to the year 9999.
const openEndYear = 2099

func readAbsence(name string, t tableReader, opt LoadOptions, p *pseudonymiser, ex *extract) error {
	c, err := headerColumns(name, t, absenceFields, opt.Columns)
	if err != nil {
		return err
	}
	ids := idColumns(c, "person")
	ex.spells = make([]absenceSpell, 0, ex.rowsHint)
	openEnds := 0
	err = eachRecord(name, t, func(rec []string, line int) error {
		if err := checkNoPersonnummer(name, line, t.Header(), rec, ids); err != nil {
			return err
		}
		r := absenceSpell{Line: line}
		if r.Person = p.hash(c.get(rec, "person")); r.Person == "" {
			return cellErr(name, line, c.colName("person"), "empty person id")
		}
		if r.Cause = c.get(rec, "cause"); r.Cause == "" {
			return cellErr(name, line, c.colName("cause"), "empty cause")
		}
		r.Sick = sickCause(r.Cause)
		first, err := dateCell(c.get(rec, "first_day"))
		if err != nil {
			return cellErr(name, line, c.colName("first_day"), err.Error())
		}
		r.First = first
		if v := c.get(rec, "last_day"); v != "" {
			last, err := dateCell(v)
			if err != nil {
				return cellErr(name, line, c.colName("last_day"), err.Error())
			}
			if last.Before(first) {
				return cellErr(name, line, c.colName("last_day"), fmt.Sprintf("%s is before the first day %s", last.Format("2006-01-02"), first.Format("2006-01-02")))
			}
			if last.Year() < openEndYear {
				r.Last = &last
			} else {
				openEnds++
			}
		}
		ext, ok := extentCell(c.get(rec, "extent"))
		if !ok {
			return cellErr(name, line, c.colName("extent"), fmt.Sprintf("%q is not an extent (expected 25, 50, 75 or 100)", c.get(rec, "extent")))
		}
		r.Extent = ext
		ex.spells = append(ex.spells, r)
		return nil
	})
	if err != nil {
		return err
	}
	// The load says which causes it counted as sick leave and which not, so
	// that a cause spelled in a way tertial does not know is seen rather
	// than silently left out.
	sick, other := map[string]int{}, map[string]int{}
	for _, s := range ex.spells {
		if s.Sick {
			sick[s.Cause]++
		} else {
			other[s.Cause]++
		}
	}
	ex.format += "; sick leave: " + causeCounts(sick)
	if len(other) > 0 {
		ex.format += "; not sick leave: " + causeCounts(other)
	}
	if openEnds > 0 {
		ex.format += fmt.Sprintf("; %d spell(s) ending in %d or later (an open end such as 9999-12-31) read as ongoing", openEnds, openEndYear)
	}
	// Overlapping sick spells of one person would count the same day twice.
	byPerson := map[string][]absenceSpell{}
	for _, s := range ex.spells {
		if s.Sick {
			byPerson[s.Person] = append(byPerson[s.Person], s)
		}
	}
	var errs InputErrors
	persons := make([]string, 0, len(byPerson))
	for k := range byPerson {
		persons = append(persons, k)
	}
	sort.Strings(persons)
	far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, k := range persons {
		ss := byPerson[k]
		sort.Slice(ss, func(i, j int) bool { return ss[i].First.Before(ss[j].First) })
		for i := 1; i < len(ss); i++ {
			prevEnd := far
			if ss[i-1].Last != nil {
				prevEnd = *ss[i-1].Last
			}
			if !ss[i].First.After(prevEnd) {
				errs.add(&InputError{File: name, Line: ss[i].Line, Msg: fmt.Sprintf("sick spell from %s overlaps the same person's spell on line %d", ss[i].First.Format("2006-01-02"), ss[i-1].Line),
					Hint: "merge the spells, or give a part-time spell's extent on one line"})
			}
		}
	}
	return errs.err()
}

func dateCell(v string) (time.Time, error) {
	v = strings.TrimSpace(v)
	if len(v) == 5 && allDigits(v) {
		serial, _ := strconv.Atoi(v)
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, serial), nil
	}
	if len(v) > 10 && (v[10] == ' ' || v[10] == 'T') {
		v = v[:10]
	}
	return ParseDate(v)
}

func readSickHours(name string, t tableReader, opt LoadOptions, p *pseudonymiser, ex *extract) error {
	c, err := headerColumns(name, t, sickHoursFields, opt.Columns)
	if err != nil {
		return err
	}
	ids := idColumns(c, "person")
	ex.sickHours = make([]sickHoursRow, 0, ex.rowsHint)
	times := newTimeCells(t, []int{c.index("short_hours"), c.index("long_hours"), c.index("long60_hours")},
		[]string{c.colName("short_hours"), c.colName("long_hours"), c.colName("long60_hours")})
	return eachRecord(name, t, func(rec []string, line int) error {
		if err := checkNoPersonnummer(name, line, t.Header(), rec, ids); err != nil {
			return err
		}
		if err := times.check(name, rec, line); err != nil {
			return err
		}
		r := sickHoursRow{Line: line}
		var err error
		if r.Period, err = periodCell(c.get(rec, "period")); err != nil {
			return periodErr(name, line, c.colName("period"), c.get(rec, "period"), rec, err)
		}
		if r.Person = p.hash(c.get(rec, "person")); r.Person == "" {
			return cellErr(name, line, c.colName("person"), "empty person id")
		}
		var short, long, l60 int64
		for _, h := range []struct {
			f   string
			dst *string
			v   *int64
			req bool
		}{{"short_hours", &r.Short, &short, true}, {"long_hours", &r.Long, &long, true}, {"long60_hours", &r.Long60, &l60, false}} {
			v, err := hoursCell(c.get(rec, h.f), h.req)
			if err != nil {
				return cellErr(name, line, c.colName(h.f), err.Error())
			}
			*h.dst = v
			*h.v, _ = ParseAmount(v)
		}
		if l60 > short+long {
			return cellErr(name, line, c.colName("long60_hours"), "hours in spells of 60 days or more exceed the sick hours")
		}
		r.Sick = FormatOre(short + long)
		ex.sickHours = append(ex.sickHours, r)
		return nil
	})
}

// checkHRKey records the key's fingerprint on the first HR load and refuses
// a different key later.
func checkHRKey(ctx context.Context, tx *sql.Tx, p *pseudonymiser) error {
	var fp sql.NullString
	err := tx.QueryRowContext(ctx, "SELECT fingerprint FROM hr_key LIMIT 1").Scan(&fp)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = tx.ExecContext(ctx, "INSERT INTO hr_key VALUES (?)", p.fingerprint())
		return err
	case err != nil:
		return err
	case fp.String != p.fingerprint():
		// Another key; or, the same key, another process's first HR load
		// came between useDatabaseScheme and this transaction.
		if q := (&pseudonymiser{key: p.key, legacy: !p.legacy}); fp.String == q.fingerprint() {
			return fmt.Errorf("another HR load changed the database while this one was read: load again")
		}
		return errOtherHRKey
	}
	return nil
}

func insertHours(ctx context.Context, tx *sql.Tx, rows []personMonth, res *LoadResult) error {
	for _, r := range rows {
		periodRange(res, r.Period)
	}
	if len(rows) == 0 {
		return nil
	}
	lo, hi := res.Periods[0], res.Periods[1]
	shrunk, err := watchShrink(ctx, tx, hoursShrink, res, lo, hi, "m.source = ? AND m.period BETWEEN ? AND ?", res.Source, lo.Date(), hi.Date())
	if err != nil {
		return err
	}
	r, err := tx.ExecContext(ctx, "DELETE FROM person_months WHERE source = ? AND period BETWEEN ? AND ?", res.Source, lo.Date(), hi.Date())
	if err != nil {
		return err
	}
	res.Replaced, _ = r.RowsAffected()
	res.Rows = int64(len(rows))
	if err := stageCSV(ctx, tx, "person_months", personMonthColumns, func(w *csvWriter) error {
		for i := range rows {
			writePersonMonth(w, &rows[i])
		}
		return nil
	}, fmt.Sprintf(personMonthInsert, sqlString(res.Source), res.LoadID, "%s")); err != nil {
		return err
	}
	return shrunk()
}

// personMonthColumns and personMonthInsert stage person_months rows; the
// insert takes the source, the load id and the reader.
var personMonthColumns = []string{"period DATE", "person VARCHAR", "gender VARCHAR", "birth_year INTEGER", "cost_center VARCHAR", "employment_type VARCHAR",
	"employment_rate DECIMAL(6,2)", "scheduled_hours DECIMAL(10,2)", "worked_hours DECIMAL(10,2)", "extra_hours DECIMAL(10,2)",
	"overtime_hours DECIMAL(10,2)", "manager VARCHAR", "line INTEGER"}

const personMonthInsert = `INSERT INTO person_months SELECT period, person, gender, birth_year, cost_center, employment_type, employment_rate,
		scheduled_hours, worked_hours, extra_hours, overtime_hours, manager, %s, %d, line FROM %s`

func writePersonMonth(w *csvWriter, p *personMonth) {
	w.month(p.Period)
	w.str(p.Person)
	w.str(p.Gender)
	w.int(int64(p.BirthYear))
	w.str(p.CostCenter)
	w.str(p.Type)
	w.str(p.Rate)
	w.str(p.Scheduled)
	w.str(p.Worked)
	w.str(p.Extra)
	w.str(p.Overtime)
	w.str(p.Manager)
	w.int(int64(p.Line))
	w.end()
}

// insertSpells replaces the spells of the extract's source within the
// extract's dates and keeps the earlier ones outside them. A re-export of
// the whole history replaces it all, as a corrected spell must; an extract
// of one year (absence extracts are often taken per year, and their file
// names give them one source) does not remove the years beside it.
//
// The dates are spellWindow's. An earlier spell that runs across their
// start keeps its days before it, one that runs on past their end its days
// after it (unless it was ongoing, which the newer extract tells the end
// of) — except where the extract has the same spell (person and cause,
// overlapping) running outside its dates, as an extract of the spells that
// touch a year, uncut, does: then the extract's spell, whole, replaces it.
//
// Which extract is newer is told by what they hold, not by the order they
// are loaded in: an extract is as of its latest first day's month (kept as
// the load's last period). Where an earlier load is newer — last year's
// extract loaded after this year's — its spells all stay: this extract's
// spells that it has too (same person and cause, overlapping) give way to
// its, keeping only their days before them, and a spell this extract has
// as ongoing that no newer load has ends with this extract's dates. The
// rules above then replace the spells of the loads that are not newer.
func insertSpells(ctx context.Context, tx *sql.Tx, rows []absenceSpell, res *LoadResult) error {
	if len(rows) == 0 {
		return nil
	}
	start, end, asOf := spellWindow(rows)
	res.Periods = [2]Month{{start.Year(), start.Month()}, asOf}
	res.Rows = int64(len(rows))
	cols := []string{"person VARCHAR", "cause VARCHAR", "sick BOOLEAN", "first_day DATE", "last_day DATE", "extent INTEGER", "line INTEGER"}
	// The new spells go in first, so that the replacement can tell them
	// (their load id) from the earlier ones and match spells from before
	// the start.
	if err := stageCSV(ctx, tx, "absence_spells", cols, func(w *csvWriter) error {
		for _, s := range rows {
			w.str(s.Person)
			w.str(s.Cause)
			w.str(strconv.FormatBool(s.Sick))
			w.str(s.First.Format("2006-01-02"))
			if s.Last != nil {
				w.str(s.Last.Format("2006-01-02"))
			} else {
				w.str("")
			}
			w.int(int64(s.Extent))
			w.int(int64(s.Line))
			w.end()
		}
		return nil
	}, fmt.Sprintf("INSERT INTO absence_spells SELECT person, cause, sick, first_day, last_day, extent, %s, %d, line FROM %%s", sqlString(res.Source), res.LoadID)); err != nil {
		return err
	}
	// The earlier loads of the source that are newer than this extract:
	// what they hold is later knowledge, which this one neither replaces
	// nor cuts. Its own spells that they have too give way to theirs.
	newer := `SELECT load_id FROM loads WHERE source = $1 AND kind = 'absence' AND last_period > $3::DATE`
	// A newer load's spell o of this extract's spell n's person and cause
	// that overlaps n: a version of the same spell. An ongoing n is known
	// to this extract up to the end of its dates ($4) only.
	newerOverlaps := `o.source = $1 AND o.load_id IN (` + newer + `) AND o.person = n.person AND o.cause = n.cause
		AND o.first_day <= coalesce(n.last_day, $4::DATE) AND n.first_day <= coalesce(o.last_day, DATE '9999-12-31')`
	newerSame := `SELECT 1 FROM absence_spells o WHERE ` + newerOverlaps
	var newerLoads int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM loads WHERE source = $1 AND kind = 'absence' AND last_period > $2::DATE`,
		res.Source, asOf.Date()).Scan(&newerLoads); err != nil {
		return err
	}
	// As a rule the extracts come in order and there is no newer load.
	if newerLoads > 0 {
		for _, q := range []struct {
			sql  string
			args []any
		}{
			// a spell a newer load has from its start or before: the newer's
			{`DELETE FROM absence_spells n WHERE n.source = $1 AND n.load_id = $2 AND EXISTS (` + newerSame + ` AND o.first_day <= n.first_day)`,
				[]any{res.Source, res.LoadID, asOf.Date(), end}},
			// one a newer load has from later on: this one's days before it
			{`UPDATE absence_spells n SET last_day = (SELECT min(o.first_day) - 1 FROM absence_spells o WHERE ` + newerOverlaps + `)::DATE
		  WHERE n.source = $1 AND n.load_id = $2 AND EXISTS (` + newerSame + `)`,
				[]any{res.Source, res.LoadID, asOf.Date(), end}},
			// an ongoing spell no newer load has: it ended before their time
			{`UPDATE absence_spells n SET last_day = $4::DATE
		  WHERE n.source = $1 AND n.load_id = $2 AND n.last_day IS NULL AND EXISTS (` + newer + `)`,
				[]any{res.Source, res.LoadID, asOf.Date(), end}},
		} {
			r, err := tx.ExecContext(ctx, q.sql, q.args...)
			if err != nil {
				return fmt.Errorf("spells a newer extract has: %w", err)
			}
			if n, _ := r.RowsAffected(); n > 0 && strings.HasPrefix(q.sql, "DELETE") {
				// The load's rows are the spells it keeps.
				res.Rows -= n
				res.pending = append(res.pending, loadWarning{
					fmt.Sprintf("%d of the extract's spells (it is as of %s) are in a newer extract of source %s already loaded, and give way to its spells: this load keeps %d", n, asOf, res.Source, res.Rows),
					fmt.Sprintf("%d av extraktets frånvaroperioder (det är per %s) finns i ett nyare extrakt av källan %s som redan är inläst och får ge plats åt dess perioder: inläsningen behåller %d", n, asOf, res.Source, res.Rows),
				})
			}
		}
	}
	// This extract's spell n of o's person and cause that overlaps o and
	// runs outside the extract's dates ($5 to $4).
	outsideWhere := `n.source = $1 AND n.load_id = $2 AND n.person = o.person AND n.cause = o.cause
		AND (n.first_day < $5::DATE OR n.last_day IS NULL OR n.last_day > $4::DATE)
		AND n.first_day <= coalesce(o.last_day, DATE '9999-12-31') AND o.first_day <= coalesce(n.last_day, DATE '9999-12-31')`
	outside := `SELECT 1 FROM absence_spells n WHERE ` + outsideWhere
	// The earlier spells this extract replaces are those of loads that are
	// not newer.
	older := `source = $1 AND load_id <> $2 AND load_id NOT IN (` + newer + `)`
	var replaced int64
	for _, q := range []struct {
		sql  string
		args []any
	}{
		// a spell the extract has running outside its dates, from where
		// the extract's begins: the earlier one's days before it stay, the
		// rest goes
		{`DELETE FROM absence_spells o WHERE ` + older + ` AND EXISTS (` + outside + ` AND n.first_day <= o.first_day)`,
			[]any{res.Source, res.LoadID, asOf.Date(), end, start}},
		{`UPDATE absence_spells o SET last_day = (
		    SELECT min(n.first_day) - 1 FROM absence_spells n WHERE ` + outsideWhere + ` AND n.first_day > o.first_day)::DATE
		  WHERE ` + older + ` AND EXISTS (` + outside + ` AND n.first_day > o.first_day)`,
			[]any{res.Source, res.LoadID, asOf.Date(), end, start}},
		// the days after the extract's dates of a spell that ran past them
		{`INSERT INTO absence_spells
		  SELECT person, cause, sick, ($4::DATE + 1)::DATE, last_day, extent, source, load_id, line FROM absence_spells
		  WHERE ` + older + ` AND first_day <= $4::DATE AND last_day > $4::DATE`, []any{res.Source, res.LoadID, asOf.Date(), end}},
		// the days before the start of a spell that ran into them
		{`UPDATE absence_spells SET last_day = ($4::DATE - 1)::DATE
		  WHERE ` + older + ` AND first_day < $4::DATE AND (last_day IS NULL OR last_day >= $4::DATE)`, []any{res.Source, res.LoadID, asOf.Date(), start}},
		// every spell that starts within them
		{`DELETE FROM absence_spells
		  WHERE ` + older + ` AND first_day >= $4::DATE AND first_day <= $5::DATE`, []any{res.Source, res.LoadID, asOf.Date(), start, end}},
	} {
		r, err := tx.ExecContext(ctx, q.sql, q.args...)
		if err != nil {
			return fmt.Errorf("replace earlier spells: %w", err)
		}
		n, _ := r.RowsAffected()
		replaced += n
	}
	res.Replaced = replaced
	return nil
}

// spellWindow is the dates an absence extract speaks for, and the month it
// is as of (that of its latest first day: it was taken after every spell
// in it began). They run from the earliest first day to the latest last
// day of its spells — unless the extract is the spells that touch a
// period, uncut, as HR systems take them. Then a spell that began before
// the period is in it only because it runs into it, one that ends after it
// only because it began in it, and the spells beside the period that do
// not touch it are not the extract's to remove. Every spell of such an
// extract reaches the period's start and begins before its end, so the
// dates are taken to start on the first of the month of the earliest last
// day (every spell ongoing: of the latest first day), and to end on the
// last of the month of the latest first day, where those are inside the
// spells' own dates: a year's extract that begins with spells from
// December and ends with spells into January is 1 January to 31 December.
// An ongoing spell runs on without end, but the extract knows of no spell
// after the month it is as of: its dates end there.
func spellWindow(rows []absenceSpell) (start, end time.Time, asOf Month) {
	lo, latestFirst := rows[0].First, rows[0].First
	var earliestLast, latestLast time.Time
	open := false
	for _, s := range rows {
		if s.First.Before(lo) {
			lo = s.First
		}
		if s.First.After(latestFirst) {
			latestFirst = s.First
		}
		if s.Last == nil {
			open = true
			continue
		}
		if s.Last.After(latestLast) {
			latestLast = *s.Last
		}
		if earliestLast.IsZero() || s.Last.Before(earliestLast) {
			earliestLast = *s.Last
		}
	}
	e := earliestLast
	if e.IsZero() || latestFirst.Before(e) {
		e = latestFirst
	}
	start = lo
	if m := time.Date(e.Year(), e.Month(), 1, 0, 0, 0, 0, time.UTC); m.After(lo) {
		start = m
	}
	end = time.Date(latestFirst.Year(), latestFirst.Month()+1, 0, 0, 0, 0, 0, time.UTC)
	if !open && latestLast.Before(end) {
		end = latestLast
	}
	return start, end, Month{latestFirst.Year(), latestFirst.Month()}
}

func insertSickHours(ctx context.Context, tx *sql.Tx, rows []sickHoursRow, res *LoadResult) error {
	for _, r := range rows {
		periodRange(res, r.Period)
	}
	if len(rows) == 0 {
		return nil
	}
	lo, hi := res.Periods[0], res.Periods[1]
	shrunk, err := watchShrink(ctx, tx, sickHoursShrink, res, lo, hi, "m.source = ? AND m.period BETWEEN ? AND ?", res.Source, lo.Date(), hi.Date())
	if err != nil {
		return err
	}
	r, err := tx.ExecContext(ctx, "DELETE FROM sick_hours_reported WHERE source = ? AND period BETWEEN ? AND ?", res.Source, lo.Date(), hi.Date())
	if err != nil {
		return err
	}
	res.Replaced, _ = r.RowsAffected()
	res.Rows = int64(len(rows))
	cols := []string{"period DATE", "person VARCHAR", "sick_hours DECIMAL(10,2)", "short_hours DECIMAL(10,2)", "long_hours DECIMAL(10,2)", "long60_hours DECIMAL(10,2)", "line INTEGER"}
	err = stageCSV(ctx, tx, "sick_hours", cols, func(w *csvWriter) error {
		for _, s := range rows {
			w.month(s.Period)
			w.str(s.Person)
			w.str(s.Sick)
			w.str(s.Short)
			w.str(s.Long)
			w.str(s.Long60)
			w.int(int64(s.Line))
			w.end()
		}
		return nil
	}, fmt.Sprintf("INSERT INTO sick_hours_reported SELECT period, person, sick_hours, short_hours, long_hours, long60_hours, %s, %d, line FROM %%s", sqlString(res.Source), res.LoadID))
	if err != nil {
		return err
	}
	return shrunk()
}
