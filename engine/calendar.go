package engine

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// The working-day calendar behind sick hours: Monday to Friday, less the
// Swedish public holidays (Lag 1989:253 om allmänna helgdagar) and the eves
// that collective agreements treat as days off (midsommarafton, julafton,
// nyårsafton). Years calendarFrom..calendarTo are in the table `calendar`.
const (
	calendarFrom = 1990
	calendarTo   = 2060
)

// easter returns Easter Sunday (anonymous Gregorian algorithm).
func easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Holidays returns the non-working days of a year that fall on weekdays or
// not, by date, with their Swedish names.
func Holidays(year int) map[time.Time]string {
	d := func(m time.Month, day int) time.Time { return time.Date(year, m, day, 0, 0, 0, 0, time.UTC) }
	e := easter(year)
	h := map[time.Time]string{
		d(1, 1):             "Nyårsdagen",
		d(1, 6):             "Trettondedag jul",
		e.AddDate(0, 0, -2): "Långfredagen",
		e.AddDate(0, 0, 1):  "Annandag påsk",
		d(5, 1):             "Första maj",
		e.AddDate(0, 0, 39): "Kristi himmelsfärdsdag",
		d(6, 6):             "Sveriges nationaldag",
		d(12, 24):           "Julafton",
		d(12, 25):           "Juldagen",
		d(12, 26):           "Annandag jul",
		d(12, 31):           "Nyårsafton",
	}
	// Midsommarafton: the Friday between 19 and 25 June.
	for day := 19; day <= 25; day++ {
		if t := d(6, day); t.Weekday() == time.Friday {
			h[t] = "Midsommarafton"
		}
	}
	return h
}

var (
	holidayMu    sync.Mutex
	holidayCache = map[int]map[time.Time]string{}
)

// IsWorkingDay reports whether t is a working day.
func IsWorkingDay(t time.Time) bool {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	holidayMu.Lock()
	h, ok := holidayCache[t.Year()]
	if !ok {
		h = Holidays(t.Year())
		holidayCache[t.Year()] = h
	}
	holidayMu.Unlock()
	_, holiday := h[t]
	return !holiday
}

// fillCalendar writes the calendar table once.
func (s *Store) fillCalendar(ctx context.Context) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM calendar").Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		return stageCSV(ctx, tx, "calendar", []string{"day DATE", "working BOOLEAN", "holiday VARCHAR"}, func(w *csvWriter) error {
			for y := calendarFrom; y <= calendarTo; y++ {
				hol := Holidays(y)
				for t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC); t.Year() == y; t = t.AddDate(0, 0, 1) {
					name, isHol := hol[t]
					wd := t.Weekday()
					w.str(t.Format("2006-01-02"))
					w.str(fmt.Sprint(!isHol && wd != time.Saturday && wd != time.Sunday))
					w.str(name)
					w.end()
				}
			}
			return nil
		}, "INSERT INTO calendar SELECT * FROM %s")
	})
}
