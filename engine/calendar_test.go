package engine

import (
	"testing"
	"time"
)

func TestHolidays(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return time.Date(y, m, day, 0, 0, 0, 0, time.UTC) }
	for _, c := range []struct {
		day  time.Time
		name string
	}{
		{d(2019, 4, 19), "Långfredagen"}, {d(2019, 4, 22), "Annandag påsk"}, {d(2019, 5, 30), "Kristi himmelsfärdsdag"},
		{d(2019, 6, 21), "Midsommarafton"}, {d(2018, 3, 30), "Långfredagen"}, {d(2018, 4, 2), "Annandag påsk"},
		{d(2024, 3, 29), "Långfredagen"}, {d(2025, 6, 20), "Midsommarafton"}, {d(2019, 1, 6), "Trettondedag jul"},
	} {
		if got := Holidays(c.day.Year())[c.day]; got != c.name {
			t.Errorf("%s: %q, want %q", c.day.Format("2006-01-02"), got, c.name)
		}
	}
	// Working days of January–April 2019: 22 + 20 + 21 + 20.
	want := map[time.Month]int{1: 22, 2: 20, 3: 21, 4: 20}
	for m, n := range want {
		got := 0
		for t0 := d(2019, m, 1); t0.Month() == m; t0 = t0.AddDate(0, 0, 1) {
			if IsWorkingDay(t0) {
				got++
			}
		}
		if got != n {
			t.Errorf("working days 2019-%02d = %d, want %d", m, got, n)
		}
	}
}
