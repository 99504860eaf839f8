package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

const testHRKey = "test-key-0123456789abcdef"

func loadHR(t *testing.T, s *Store, name string, kind Kind, data string) *LoadResult {
	t.Helper()
	res, err := s.LoadData(context.Background(), name, []byte(data), LoadOptions{Kind: kind, HRKey: testHRKey})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func queryRows(t *testing.T, s *Store, name string, p Params) map[string][]string {
	t.Helper()
	tb, err := s.Run(context.Background(), name, p)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, r := range tb.Rows {
		var cells []string
		for _, v := range r[1:] {
			if v == nil {
				cells = append(cells, "NULL")
			} else {
				cells = append(cells, FormatValue(v))
			}
		}
		out[FormatValue(r[0])] = cells
	}
	return out
}

// TestSickHoursByHand checks the spell method against hand-computed hours:
// a spell over Easter into May (holidays skipped, day 15+ long), a part-time
// extent, and a spell of exactly 60 days.
func TestSickHoursByHand(t *testing.T) {
	s := openTest(t)
	loadHR(t, s, "hours.csv", KindHours, `Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid
2019-02;A;K;1980;tillsvidare;160;160
2019-03;A;K;1980;tillsvidare;168;168
2019-04;A;K;1980;tillsvidare;160;96
2019-05;A;K;1980;tillsvidare;168;152
2019-04;B;M;1990;visstid;120;105
2019-02;C;M;1960;tillsvidare;160;0
2019-03;C;M;1960;tillsvidare;168;0
2019-04;C;M;1960;tillsvidare;160;152
`)
	loadHR(t, s, "spells.csv", KindAbsence, `Person;Orsak;Från;Till;Omfattning
A;Sjuk;2019-04-17;2019-05-03;100
B;Sjuk;2019-04-01;2019-04-05;50
B;Semester;2019-04-08;2019-04-12;100
C;Sjukdom;2019-02-01;2019-04-01;100
`)
	tb, err := s.Query(context.Background(), `SELECT strftime(period, '%Y-%m') || ' ' || gender || birth_year AS k,
		round(sick_hours, 2), round(short_hours, 2), round(long_hours, 2), round(long60_hours, 2) FROM staff ORDER BY k`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range tb.Rows {
		got = append(got, fmt.Sprint(r[0], ": ", r[1], " ", r[2], " ", r[3], " ", r[4]))
	}
	want := []string{
		// A: April 17, 18, 23–26, 29, 30 are working days (19 and 22 are Easter holidays): 8 × 8 h, days 1–14 short.
		// May 1 is a holiday; May 2 and 3 are spell days 16 and 17: 2 × 8 h long.
		"2019-02 K1980: 0 0 0 0", "2019-03 K1980: 0 0 0 0", "2019-04 K1980: 64 64 0 0", "2019-05 K1980: 16 0 16 0",
		// C: 1 February–1 April is 60 calendar days: all hours in long60. February 20 days × 8 h (days 1–14 are
		// 10 working days short), March 21 × 8 h, April 1 one day of 160/20 h.
		"2019-02 M1960: 160 80 80 160", "2019-03 M1960: 168 0 168 168", "2019-04 M1960: 8 0 8 8",
		// B: 75 % part-time, 6 h a working day, sick 50 % for five days: 15 h short; the holiday is not sick leave.
		"2019-04 M1990: 15 15 0 0",
	}
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sick hours:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSickLeaveMasking: a group of 10 employees is masked, one of 11 shown,
// and YTD is a ratio of summed hours; with MaskComplements the 11 beside the
// 10 are masked too, as the two with the total would give the 10 away.
func TestSickLeaveMasking(t *testing.T) {
	s := openTest(t)
	var hours, spells strings.Builder
	hours.WriteString("Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n")
	spells.WriteString("Person;Orsak;Från;Till;Omfattning\n")
	for i := 0; i < 21; i++ {
		g := "K"
		if i >= 11 {
			g = "M"
		}
		for _, m := range []string{"2018-01", "2018-02", "2019-01", "2019-02"} {
			sched := 160
			if m[5:] == "02" {
				sched = 320 // February weighs double, so an average of months would differ
			}
			fmt.Fprintf(&hours, "%s;P%d;%s;1985;tillsvidare;%d;%d\n", m, i, g, sched, sched)
		}
	}
	// P0 (a woman) sick all of January 2019 (22 working days × 160/22 h = 160 h).
	spells.WriteString("P0;Sjuk;2019-01-01;2019-01-31;100\n")
	loadHR(t, s, "h.csv", KindHours, hours.String())
	loadHR(t, s, "s.csv", KindAbsence, spells.String())
	got := queryRows(t, s, "sick_leave", Params{Period: Month{2019, 2}})
	// Total: 160 h sick of 21 × 480 h = 1,59 %; women: 160 of 11 × 480 = 3,03 %.
	if g := got["total"]; g[0] != "1.59" || g[1] != "0" || g[2] != "21" {
		t.Errorf("total = %v", g)
	}
	if g := got["men"]; g[0] != "NULL" || g[1] != "NULL" || g[4] != "i år 10 anställda: grupp med högst 10 anställda visas inte; förra året 10 anställda: grupp med högst 10 anställda visas inte" {
		t.Errorf("men (10) = %v, want masked with a reason", g)
	}
	if g := got["women"]; g[0] != "3.03" || g[4] != "NULL" && g[4] != "" {
		t.Errorf("women (11) = %v, want 3.03 shown", g)
	}
	// The total (1,59 %, 21) and the women (3,03 %, 11) tell that the ten
	// men had no sick leave at all: MaskComplements masks the women too.
	gotC := queryRows(t, s, "sick_leave", Params{Period: Month{2019, 2}, MaskComplements: true})
	if g := gotC["women"]; g[0] != "NULL" || g[1] != "NULL" || g[2] != "11" ||
		g[4] != "i år visas inte: en grupp med högst 10 anställda kunde annars räknas fram ur totalen; förra året visas inte: en grupp med högst 10 anställda kunde annars räknas fram ur totalen" {
		t.Errorf("women (11, beside 10 men) with MaskComplements = %v, want masked with a reason", g)
	}
	if g := gotC["total"]; g[0] != "1.59" {
		t.Errorf("total with MaskComplements = %v", g)
	}
	// The reason names the year that is missing, and says so when a group
	// has nobody rather than calling it masked.
	if g := got["age_29"]; g[0] != "NULL" || g[4] != "inga anställda i gruppen i år; inga anställda i gruppen förra året" {
		t.Errorf("age_29 (nobody) = %v", g)
	}
	// A threshold of 11 masks the women too.
	got = queryRows(t, s, "sick_leave", Params{Period: Month{2019, 2}, MaskThreshold: 11})
	if g := got["women"]; g[0] != "NULL" {
		t.Errorf("women with threshold 11 = %v", g)
	}
}

// TestSickLeaveSecondaryMasking: with MaskComplements, within the age
// groups, which make up the total, the smallest groups are masked until at
// least two of them together have more than the threshold's employees, or
// all of them are; without it, only the groups of 10 or fewer.
func TestSickLeaveSecondaryMasking(t *testing.T) {
	for _, c := range []struct {
		name  string
		sizes [3]int // age ≤ 29, 30-49, ≥ 50
		shown map[string]bool
	}{
		{"two small groups together too small", [3]int{3, 15, 7}, map[string]bool{"age_29": false, "age_30_49": false, "age_50": false}},
		{"one small group and the next smallest", [3]int{2, 20, 14}, map[string]bool{"age_29": false, "age_30_49": true, "age_50": false}},
		{"two small groups together large enough", [3]int{4, 20, 8}, map[string]bool{"age_29": false, "age_30_49": true, "age_50": false}},
		{"no small group", [3]int{11, 20, 12}, map[string]bool{"age_29": true, "age_30_49": true, "age_50": true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t)
			var hours strings.Builder
			hours.WriteString("Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n")
			n := 0
			for g, birth := range []int{1995, 1980, 1960} {
				for range c.sizes[g] {
					// women and men both above the threshold, so the gender pair masks nothing
					fmt.Fprintf(&hours, "2019-01;P%d;%s;%d;tillsvidare;160;150\n", n, map[bool]string{true: "K", false: "M"}[n%2 == 0], birth)
					n++
				}
			}
			loadHR(t, s, "h.csv", KindHours, hours.String())
			plain := queryRows(t, s, "sick_leave", Params{Period: Month{2019, 1}})
			for g, grp := range []string{"age_29", "age_30_49", "age_50"} {
				if shown := plain[grp][0] != "NULL"; shown != (c.sizes[g] > 10) {
					t.Errorf("without MaskComplements, %s (%d employees): shown %v", grp, c.sizes[g], shown)
				}
			}
			got := queryRows(t, s, "sick_leave", Params{Period: Month{2019, 1}, MaskComplements: true})
			for grp, want := range c.shown {
				if shown := got[grp][0] != "NULL"; shown != want {
					t.Errorf("%s (%s employees): shown %v, want %v (%v)", grp, got[grp][2], shown, want, got[grp])
				}
			}
			if got["total"][0] == "NULL" || got["women"][0] == "NULL" || got["men"][0] == "NULL" {
				t.Errorf("total, women and men should show: %v %v %v", got["total"], got["women"], got["men"])
			}
		})
	}
}

func TestFTERolling12YearBoundary(t *testing.T) {
	s := openTest(t)
	var hours strings.Builder
	hours.WriteString("Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n")
	for m := 0; m < 16; m++ { // January 2018 – April 2019
		mo := MonthFromIndex(Month{2018, 1}.Index() + m)
		fmt.Fprintf(&hours, "%s;X;K;1985;tillsvidare;172;%d\n", mo, 143+m)
	}
	loadHR(t, s, "h.csv", KindHours, hours.String())
	got := queryRows(t, s, "fte", Params{Period: Month{2019, 4}, FTEHours: 1720})
	// Month: January 2019 worked 155 h / (1720/12) = 1,08; January 2018 143 h = 1,0. Rolling 12 for
	// January 2019 = February 2018–January 2019 = sum(144..155) = 1794 h / 1720 = 1,04; for January 2018
	// it would need 2017: none.
	if g := got["1"]; g[0] != "1.1" || g[1] != "1" || g[2] != "1" || g[3] != "NULL" {
		t.Errorf("January = %v (month now, month last year, rolling now, rolling last year)", g)
	}
	if g := got["12"]; g[3] != "1" { // January–December 2018: sum(143..154) = 1782 / 1720
		t.Errorf("December rolling 12 last year = %v", g)
	}
	if g := got["11"]; g[3] != "NULL" {
		t.Errorf("November 2018 rolling 12 needs December 2017: %v", g)
	}
}

func TestHRPrivacyAndBadInput(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	head := "Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid;Kommentar\n"
	loadHR(t, s, "ok.csv", KindHours, head+"2019-04;19800101-1231;K;1980;tillsvidare;160;160;\n")
	var n int
	s.DB().QueryRow("SELECT count(*) FROM person_months WHERE person LIKE '%19800101%' OR person LIKE '%1231'").Scan(&n)
	if n != 0 {
		t.Errorf("the person id is stored in clear")
	}
	before := snapshot(t, s)
	cases := []struct {
		kind       Kind
		data, want string
	}{
		{KindHours, head + "2019-04;P1;K;1980;tillsvidare;-5;160;\n", `bad.csv:2: column Ordinarie arbetstid: "-5" is negative`},
		{KindHours, head + "2019-04;P1;X;1980;tillsvidare;160;160;\n", `bad.csv:2: column Kön: unknown gender code "X"`},
		{KindHours, head + "2019-04;P1;K;1980;tillsvidare;160;160;ring 19800101-1231 om frågor\n", "bad.csv:2: column Kommentar: holds what looks like a personnummer"},
		{KindHours, head + "2019-04;P1;K;1980;konsult;160;160;\n", `bad.csv:2: column Anställningsform: unknown employment type "konsult"`},
		{KindAbsence, "Person;Orsak;Från;Till;Omfattning\nP1;Sjuk;2019-04-01;2019-04-10;100\nP1;Sjuk;2019-04-10;2019-04-12;50\n", "bad.csv:3: sick spell from 2019-04-10 overlaps the same person's spell on line 2"},
		{KindAbsence, "Person;Orsak;Från;Till;Omfattning\nP1;Sjuk;2019-04-01;2019-04-10;30\n", `bad.csv:2: column Omfattning: "30" is not an extent`},
	}
	for _, c := range cases {
		_, err := s.LoadData(ctx, "bad.csv", []byte(c.data), LoadOptions{Kind: c.kind, HRKey: testHRKey})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error = %v\nwant %q", err, c.want)
		}
	}
	if _, err := s.LoadData(ctx, "k.csv", []byte(head+"2019-05;P1;K;1980;tillsvidare;160;160;\n"), LoadOptions{Kind: KindHours, HRKey: "another-key-0123456789"}); err == nil || !strings.Contains(err.Error(), "differs from the one earlier HR extracts") {
		t.Errorf("another key: %v", err)
	}
	if _, err := s.LoadData(ctx, "k.csv", []byte(head), LoadOptions{Kind: KindHours, HRKey: "short"}); err == nil || !strings.Contains(err.Error(), HRKeyEnv) {
		t.Errorf("short key: %v", err)
	}
	if after := snapshot(t, s); after != before {
		t.Errorf("refused HR loads changed the database")
	}
}

func TestPersonnummer(t *testing.T) {
	for s, want := range map[string]bool{
		"19800101-1231": true, "800101-1231": true, "198001011231": true, "8001011231": true, "800161-1231": true, "800101-1236": true,
		"800101-1234": true, "19850312-1234": true, "198503121234": true, "850312+1234": true, "ring 800101-1231 nu": true,
		// Ten bare digits need a valid check digit; a date must be a date.
		"8001011234": false, "800132-1231": false, "801301-1231": false, "800141-1231": false,
		"4011": false, "2019-04-01": false, "1 234 567,89": false, "20190401": false, "20190401-20190430": false, "1234567890": false,
	} {
		if got := looksLikePersonnummer(s); got != want {
			t.Errorf("looksLikePersonnummer(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestStaffFiguresByHand: headcount, extra time, turnover and span of
// control on a team small enough to count on paper.
func TestStaffFiguresByHand(t *testing.T) {
	s := openTest(t)
	if _, err := s.LoadData(context.Background(), "org.csv", []byte("Ansvar;Enhet;Division\n100;IT;D\n200;MT;D\n"), LoadOptions{Kind: KindOrg}); err != nil {
		t.Fatal(err)
	}
	// Boss B manages A, C, D. In March 2019 C has left the employer and D
	// has moved from IT to MT. E is hourly paid. F is on a fixed term.
	loadHR(t, s, "h.csv", KindHours, `Period;Person;Kön;Födelseår;Ansvar;Anställningsform;Ordinarie arbetstid;Arbetad tid;Mertid;Övertid;Chef
2019-01;B;K;1970;100;tillsvidare;176;176;0;4;
2019-01;A;M;1990;100;tillsvidare;176;180;0;4;B
2019-01;C;K;1980;100;tillsvidare;176;176;0;0;B
2019-01;D;M;1985;100;tillsvidare;176;176;0;0;B
2019-01;E;K;1995;100;timavlönad;40;40;0;0;B
2019-02;B;K;1970;100;tillsvidare;160;160;0;0;
2019-02;A;M;1990;100;tillsvidare;160;170;0;10;B
2019-02;C;K;1980;100;tillsvidare;160;160;0;0;B
2019-02;D;M;1985;100;tillsvidare;160;160;0;0;B
2019-02;F;M;1999;100;visstid;120;126;6;0;B
2019-03;B;K;1970;100;tillsvidare;168;168;0;0;
2019-03;A;M;1990;100;tillsvidare;168;168;0;0;B
2019-03;D;M;1985;200;tillsvidare;168;168;0;0;B
2019-03;F;M;1999;100;visstid;126;131,5;5,5;0;B
2018-03;A;M;1990;100;tillsvidare;168;171;0;3;B
`)
	p := Params{Period: Month{2019, 3}}
	hc := queryRows(t, s, "headcount", p)
	// March 2019: B (K), A, D (M) permanent; F (M) fixed term; no hourly.
	if g := hc["tillsvidare"]; strings.Join(g[:3], " ") != "1 2 3" {
		t.Errorf("headcount tillsvidare = %v, want 1 woman 2 men 3", g)
	}
	if g := hc["visstid"]; strings.Join(g[:3], " ") != "0 1 1" {
		t.Errorf("headcount visstid = %v", g)
	}
	ex := queryRows(t, s, "extra_hours", p)
	// YTD 2019: 4 + 4 + 10 + 6 + 5,5 = 29,5 h; 2018 January–March: 3 h.
	if g := ex["3"]; g[4] != "29.50" || g[5] != "3.00" {
		t.Errorf("extra hours YTD = %v, want 29.50 against 3.00", g)
	}
	to := queryRows(t, s, "turnover", p)
	// Permanent staff: Jan 4, Feb 4, Mar 3 → average 3,67; C left (external, counted in
	// February's move to March), D moved unit (internal).
	if g := to["current"]; strings.Join(g[:5], " ") != "1 1 3.7 27.27 27.27" {
		t.Errorf("turnover = %v", g)
	}
	sp := queryRows(t, s, "span_of_control", p)
	if g := sp["current"]; strings.Join(g, " ") != "1 0 3 100" {
		t.Errorf("span of control = %v, want 1 manager, none over 25, max 3 reports, 100 %%", g)
	}
	// Per unit: D is in MT in March.
	hc = queryRows(t, s, "headcount", Params{Period: Month{2019, 3}, Unit: "MT"})
	if g := hc["tillsvidare"]; g[2] != "1" {
		t.Errorf("MT headcount = %v", g)
	}
}

func TestSickCause(t *testing.T) {
	for cause, want := range map[string]bool{
		"Sjuk": true, "sjukdom": true, "Sjukfrånvaro 50 %": true, "Sjuklön dag 2-14": true, "Sjukpenning": true,
		"Sick leave": true, "Arbetsskada": true, "SJUK": true,
		"Vård av sjukt barn": false, "Sjukt barn": false, "Föräldraledig": false, "Semester": false, "Tjänstledig": false,
	} {
		if got := sickCause(cause); got != want {
			t.Errorf("sickCause(%q) = %v, want %v", cause, got, want)
		}
	}
}

// TestHRCoverage: a report month with staff but no absence of any kind gets
// a warning — none loaded, or an extract that ends before the month — and a
// month that an ended or open spell touches does not; nor does a month
// without staff before any HR extract is loaded, while one after the hours
// extract's last month does.
func TestHRCoverage(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if got, err := s.hrCoverage(ctx, Month{2019, 4}); err != nil || got != "" {
		t.Errorf("no HR extract loaded: %q %v", got, err)
	}
	loadHR(t, s, "hours.csv", KindHours, `Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid
2019-04;A;K;1980;tillsvidare;160;160
2019-05;A;K;1980;tillsvidare;168;168
2019-06;A;K;1980;tillsvidare;160;160
2019-05;B;M;1990;visstid;120;120
2019-06;B;M;1990;visstid;120;120
`)
	coverage := func(m Month) string {
		t.Helper()
		msg, err := s.hrCoverage(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		return msg
	}
	if got := coverage(Month{2019, 4}); !strings.Contains(got, "Ingen frånvaro är inläst för april 2019") {
		t.Errorf("no absence loaded: %q", got)
	}
	loadHR(t, s, "spells.csv", KindAbsence, `Person;Orsak;Från;Till;Omfattning
A;Semester;2019-04-29;2019-05-03;100
`)
	if got := coverage(Month{2019, 5}); got != "" {
		t.Errorf("a spell into May: %q", got)
	}
	if got := coverage(Month{2019, 6}); !strings.Contains(got, "juni 2019 (frånvaroextraktets sista dag är 2019-05-03)") {
		t.Errorf("an extract ending in May, June's report: %q", got)
	}
	if got := coverage(Month{2019, 6}); got != "Ingen frånvaro alls finns för juni 2019 (frånvaroextraktets sista dag är 2019-05-03): sjukfrånvaron för den månaden visas som 0 %, och den ackumulerade sjukfrånvaron för januari–juni 2019 blir för låg. Kontrollera att extraktet täcker den månaden innan sjukfrånvaron publiceras." {
		t.Errorf("June's report: %q", got)
	}
	if got := coverage(Month{2019, 7}); !strings.Contains(got, "finns för juli 2019 – senaste månad med uppgifter är juni 2019 – så avsnittet Medarbetare saknas") {
		t.Errorf("a month after the hours extract's last: %q", got)
	}
	loadHR(t, s, "open.csv", KindAbsence, `Person;Orsak;Från;Till;Omfattning
B;Sjuk;2019-05-20;;100
`)
	if got := coverage(Month{2019, 6}); got != "" {
		t.Errorf("an open spell: %q", got)
	}
	// An extract where spells start or end on most days, whose last day is
	// more than a week before the report month ends, was taken before the
	// month was over; a few spells' last day says nothing (above: May's
	// report, a single spell ending on 3 May, got no warning).
	s = openTest(t)
	loadHR(t, s, "hours_nov.csv", KindHours, `Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid
2019-10;A;K;1980;tillsvidare;160;160
2019-11;A;K;1980;tillsvidare;160;160
`)
	var spells strings.Builder
	spells.WriteString("Person;Orsak;Från;Till;Omfattning\n")
	for d := time.Date(2019, 10, 12, 0, 0, 0, 0, time.UTC); d.Before(time.Date(2019, 11, 8, 0, 0, 0, 0, time.UTC)); d = d.AddDate(0, 0, 1) {
		fmt.Fprintf(&spells, "P%s;Sjuk;%s;%s;100\n", d.Format("0102"), d.Format("2006-01-02"), d.AddDate(0, 0, 1).Format("2006-01-02"))
	}
	loadHR(t, s, "spells_daily.csv", KindAbsence, spells.String())
	if got := coverage(Month{2019, 10}); got != "" {
		t.Errorf("October's report, the extract to 8 November: %q", got)
	}
	if got := coverage(Month{2019, 11}); got != "Frånvaroextraktets senaste dag är 2019-11-08, mer än en vecka före slutet av november 2019: sjukfrånvaron för månaden, och den ackumulerade, räknar bara frånvaro rapporterad till och med den dagen och kan vara för låg. Kontrollera att extraktet täcker hela månaden innan sjukfrånvaron publiceras." {
		t.Errorf("November's report, the extract to 8 November: %q", got)
	}

	// A month of the year to date before the report month, with staff and
	// no absence, is named too: the cumulative sick leave counts it as 0.
	s = openTest(t)
	loadHR(t, s, "hours_aug.csv", KindHours, `Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid
2019-08;A;K;1980;tillsvidare;160;160
2019-09;A;K;1980;tillsvidare;160;160
`)
	loadHR(t, s, "spells_sep.csv", KindAbsence, `Person;Orsak;Från;Till;Omfattning
A;Sjuk;2019-09-02;2019-09-03;100
`)
	if got := coverage(Month{2019, 9}); got != "Ingen frånvaro alls finns för augusti 2019: sjukfrånvaron för den månaden visas som 0 %, och den ackumulerade sjukfrånvaron för januari–september 2019 blir för låg. Kontrollera att extraktet täcker den månaden innan sjukfrånvaron publiceras." {
		t.Errorf("August without absence, September's report: %q", got)
	}
}

// TestSpellsWithoutStaff: sick spells that match no one in the hours of the
// months they touch warn once they are a tenth of the year's spells, as
// when the hours give a personnummer and the absence extract an
// anställningsnummer; a spell of someone who left does not.
func TestSpellsWithoutStaff(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var hours strings.Builder
	hours.WriteString("Period;Personnummer;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n")
	for p := 0; p < 12; p++ {
		for _, m := range []string{"2019-01", "2019-02", "2019-03"} {
			fmt.Fprintf(&hours, "%s;1980031512%02d;K;1980;tillsvidare;160;152\n", m, p)
		}
	}
	loadHR(t, s, "hours.csv", KindHours, hours.String())
	warning := func() string {
		t.Helper()
		msg, err := s.spellsWithoutStaff(ctx, Month{2019, 1}, Month{2019, 3})
		if err != nil {
			t.Fatal(err)
		}
		return msg
	}
	var spells strings.Builder
	spells.WriteString("Personnummer;Orsak;Från;Till;Omfattning\n")
	for p := 0; p < 10; p++ {
		fmt.Fprintf(&spells, "1980031512%02d;Sjuk;2019-02-04;2019-02-08;100\n", p)
	}
	// Someone who left in December: the spell touches no month of 2019 he
	// is in the hours for. One of eleven is below a tenth.
	spells.WriteString("198003159999;Sjuk;2019-01-02;2019-01-04;100\n")
	loadHR(t, s, "spells.csv", KindAbsence, spells.String())
	if got := warning(); got != "" {
		t.Errorf("one spell of eleven without staff: %q", got)
	}
	var short strings.Builder
	short.WriteString("Personnummer;Orsak;Från;Till;Omfattning\n")
	for p := 0; p < 12; p++ {
		fmt.Fprintf(&short, "A%04d;Sjuk;2019-03-11;2019-03-12;50\n", p)
	}
	loadHR(t, s, "spells_employee_numbers.csv", KindAbsence, short.String())
	if got := warning(); !strings.Contains(got, "13 av 23 sjukfrånvaroperioder under januari–mars 2019 gäller personer som inte finns i HR-extraktets timmar") ||
		!strings.Contains(got, "båda med anställningsnummer eller båda med personnummer") {
		t.Errorf("twelve spells with employee numbers: %q", got)
	}
}

// TestPersonnummerFormsAreOnePerson: a personnummer written with its
// century in one extract and without in another is one person, with or
// without a separator; an id that only starts like one is left as it is.
func TestPersonnummerFormsAreOnePerson(t *testing.T) {
	s := openTest(t)
	loadHR(t, s, "hours.csv", KindHours, `Period;Personnummer;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid
2019-02;19800315-1234;K;1980;tillsvidare;160;120
2019-02;200103701234;M;2001;tillsvidare;160;160
2019-02;201913991234;M;1990;tillsvidare;160;160
`)
	loadHR(t, s, "spells.csv", KindAbsence, `Personnummer;Orsak;Från;Till;Omfattning
800315-1234;Sjuk;2019-02-04;2019-02-08;100
0103701234;Sjuk;2019-02-11;2019-02-12;100
1913991234;Sjuk;2019-02-11;2019-02-12;100
`)
	got := queryLines(t, s, `SELECT count(DISTINCT s.person) FILTER (WHERE p.person IS NOT NULL) || ' of ' || count(DISTINCT s.person)
		FROM absence_spells s LEFT JOIN person_months p USING (person)`)
	// 201913991234 has no month 13: not a personnummer, so not shortened.
	if want := "2 of 3"; len(got) != 1 || got[0] != want {
		t.Errorf("spells matched to person-months: %v, want %s", got, want)
	}
	if n := queryLines(t, s, "SELECT count(DISTINCT person) FROM person_months"); n[0] != "3" {
		t.Errorf("people: %v", n)
	}
}

// TestLegacyHRIds: a database whose HR loads began before personnummer were
// shortened to ten digits (its key fingerprint says so) keeps hashing them
// as written, so the people loaded keep their ids; a new database shortens.
func TestLegacyHRIds(t *testing.T) {
	ctx := context.Background()
	p, err := newPseudonymiser(testHRKey)
	if err != nil {
		t.Fatal(err)
	}
	hours := "Period;Personnummer;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n2019-02;19800315-1234;K;1980;tillsvidare;160;120\n"
	for _, c := range []struct {
		fingerprint string
		want        string
	}{
		{"", p.mac("8003151234")},
		{p.mac(legacyFingerprintText), p.mac("198003151234")},
	} {
		s := openTest(t)
		if c.fingerprint != "" {
			if _, err := s.db.ExecContext(ctx, "INSERT INTO hr_key VALUES (?)", c.fingerprint); err != nil {
				t.Fatal(err)
			}
		}
		loadHR(t, s, "hours.csv", KindHours, hours)
		if got := queryLines(t, s, "SELECT person FROM person_months"); len(got) != 1 || got[0] != c.want {
			t.Errorf("fingerprint %q: person %v, want %s", c.fingerprint, got, c.want)
		}
		fp := queryLines(t, s, "SELECT fingerprint FROM hr_key")
		if c.fingerprint == "" && (len(fp) != 1 || fp[0] != p.mac(fingerprintText)) {
			t.Errorf("a new database's fingerprint: %v", fp)
		}
	}
	// The key that loaded a legacy database is its key; another is not.
	s := openTest(t)
	other, _ := newPseudonymiser("another key of sixteen characters")
	s.db.ExecContext(ctx, "INSERT INTO hr_key VALUES (?)", other.mac(legacyFingerprintText))
	if _, err := s.LoadData(ctx, "hours.csv", []byte(hours), LoadOptions{Kind: KindHours, HRKey: testHRKey}); !errors.Is(err, errOtherHRKey) {
		t.Errorf("another key: %v", err)
	}
}

// TestHoursLoadedTwice: an HR hours extract loaded again under another
// name warns: its person-months would count twice.
func TestHoursLoadedTwice(t *testing.T) {
	s := openTest(t)
	hours := "Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n2019-04;A;K;1980;tillsvidare;160;160\n2019-04;B;M;1990;visstid;120;120\n"
	loadHR(t, s, "timmar.csv", KindHours, hours)
	res, err := s.LoadData(context.Background(), "timmar_ny.csv", []byte(hours+"\n"), LoadOptions{Kind: KindHours, HRKey: testHRKey})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "2 of 2 person-months") || !strings.Contains(w, "source hours:timmar ") {
		t.Errorf("load warnings: %v", res.Warnings)
	}
}

// TestAbsenceLoadedTwice: the same absence history loaded under another
// name warns on load and in the report: every sick day would count twice.
func TestAbsenceLoadedTwice(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	loadHR(t, s, "timmar.csv", KindHours, "Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n2019-04;A;K;1980;tillsvidare;160;160\n2019-04;B;M;1990;visstid;120;120\n")
	spells := "Person;Orsak;Från;Till;Omfattning\nA;Sjuk;2019-04-01;2019-04-03;100\nB;Sjuk;2019-04-08;2019-04-09;50\n"
	loadHR(t, s, "franvaro.csv", KindAbsence, spells)
	res, err := s.LoadData(ctx, "franvaro_ny.csv", []byte(spells+"\n"), LoadOptions{Kind: KindAbsence, HRKey: testHRKey})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(res.Warnings, "\n"); !strings.Contains(w, "2 of 2 absence spells") || !strings.Contains(w, "source absence:franvaro ") {
		t.Errorf("load warnings: %v", res.Warnings)
	}
	msg, err := s.sourcesTwice(ctx, KindAbsence, Month{2019, 1}, Month{2019, 4}, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(msg, "Frånvarokällorna absence:franvaro och absence:franvaro_ny (2 av 2)") {
		t.Errorf("report warning: %q", msg)
	}
	if msg, err := s.sourcesTwice(ctx, KindAbsence, Month{2019, 5}, Month{2019, 5}, ""); err != nil || msg != "" {
		t.Errorf("May, which no spell touches: %q %v", msg, err)
	}
}

// TestThinMonth: a report month with far fewer ledger lines than usual, or
// far fewer people in the HR hours than the month before, is warned of; a
// usual month is not.
func TestThinMonth(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var ledger, hours strings.Builder
	ledger.WriteString("Period;Konto;Ansvar;Belopp\n")
	hours.WriteString("Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n")
	for m := 1; m <= 5; m++ {
		lines, people := 10, 40
		if m == 5 {
			lines, people = 3, 25
		}
		for i := 0; i < lines; i++ {
			fmt.Fprintf(&ledger, "2019-%02d;40%02d;100;%d\n", m, i, 100+i)
		}
		for p := 0; p < people; p++ {
			fmt.Fprintf(&hours, "2019-%02d;P%d;K;1980;tillsvidare;160;160\n", m, p)
		}
	}
	if _, err := s.LoadData(ctx, "l.csv", []byte(ledger.String()), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	loadHR(t, s, "h.csv", KindHours, hours.String())
	got, err := s.thinMonth(ctx, Month{2019, 5})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Huvudboken för maj 2019 har 30 % av en vanlig månads rader (3 mot median 10 de 4 månaderna före): är månaden avslutad och hela extraktet inläst?",
		"HR-extraktet för maj 2019 har 25 personer mot 40 månaden före: är hela organisationen med i extraktet?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("May:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got, err := s.thinMonth(ctx, Month{2019, 4}); err != nil || len(got) != 0 {
		t.Errorf("April: %q %v", got, err)
	}
}

// TestThinMonthSeasonal: a July as thin as last July is a season, not an
// incomplete month.
func TestThinMonthSeasonal(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	var ledger strings.Builder
	ledger.WriteString("Period;Konto;Ansvar;Belopp\n")
	for i := 0; i <= 12; i++ {
		m := MonthFromIndex(Month{2018, 7}.Index() + i)
		lines := 10
		if m.Mon == 7 {
			lines = 3
		}
		for j := 0; j < lines; j++ {
			fmt.Fprintf(&ledger, "%s;40%02d;100;%d\n", m, j, 100+j)
		}
	}
	if _, err := s.LoadData(ctx, "l.csv", []byte(ledger.String()), LoadOptions{Kind: KindLedger}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.thinMonth(ctx, Month{2019, 7}); err != nil || len(got) != 0 {
		t.Errorf("July 2019 as thin as July 2018: %q %v", got, err)
	}
}

// TestHoursXLSXDates: an HR workbook with real date cells — the month and the
// birth date — reads them as dates, not as their serial numbers.
func TestHoursXLSXDates(t *testing.T) {
	s := openTest(t)
	rows := [][]any{
		{"Månad", "Anställningsnummer", "Kön", "Födelsedatum", "Anställningsform", "Ordinarie arbetstid", "Arbetad tid"},
		{time.Date(2019, 4, 1, 0, 0, 0, 0, time.UTC), "1001", "K", time.Date(1980, 6, 15, 0, 0, 0, 0, time.UTC), "tillsvidare", 160, 152.5},
		{time.Date(2019, 4, 1, 0, 0, 0, 0, time.UTC), "1002", "M", "1995", "visstid", 80, 80},
	}
	if _, err := s.LoadData(context.Background(), "hr.xlsx", typedWorkbook(t, rows), LoadOptions{Kind: KindHours, HRKey: testHRKey}); err != nil {
		t.Fatal(err)
	}
	got := queryLines(t, s, "SELECT concat_ws(' ', strftime(period, '%Y-%m'), gender, birth_year, worked_hours) FROM person_months ORDER BY birth_year")
	if want := "2019-04 K 1980 152.50\n2019-04 M 1995 80.00"; strings.Join(got, "\n") != want {
		t.Errorf("person-months:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestEmploymentTypeSpellings: the employment forms of LAS as HR systems
// write them map to the three types; a word that says only how pay is
// counted (månadsavlönad) could be either and is refused.
func TestEmploymentTypeSpellings(t *testing.T) {
	types := codeCache(employmentTypes)
	for in, want := range map[string]string{
		"Tillsvidareanställning": "tillsvidare", "Tillsvidareanställd": "tillsvidare", "Fast anställd": "tillsvidare", "TV": "tillsvidare",
		"Allmän visstidsanställning": "visstid", "Särskild visstidsanställning": "visstid", "Visstidsanställning": "visstid",
		"Vikariat": "visstid", "Vikarie": "visstid", "Provanställning": "visstid", "Säsongsanställning": "visstid", "Tidsbegränsad anställning": "visstid",
		"Timavlönad": "timavlönad", "Timanställd": "timavlönad", "Behovsanställd": "timavlönad",
	} {
		if got, ok := types(in); !ok || got != want {
			t.Errorf("%q -> %q, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"Månadsavlönad", "Anställd", "Övrig", ""} {
		if got, ok := types(in); ok {
			t.Errorf("%q -> %q, want refused", in, got)
		}
	}
}

// TestHoursContinuity: a month of hours whose people are mostly not the
// month before's (the id changed between extracts) warns, whichever month
// is loaded first; a month that keeps its people does not.
func TestHoursContinuity(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	month := func(period, prefix string, from, to int) []byte {
		var b strings.Builder
		b.WriteString("Period;Anställningsnummer;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n")
		for p := from; p < to; p++ {
			fmt.Fprintf(&b, "%s;%s%03d;K;1980;tillsvidare;160;150\n", period, prefix, p)
		}
		return []byte(b.String())
	}
	load := func(name string, data []byte) string {
		t.Helper()
		res, err := s.LoadData(ctx, name, data, LoadOptions{Kind: KindHours, HRKey: testHRKey})
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(res.Warnings, "\n")
	}
	if w := load("mars.csv", month("2019-03", "P", 0, 30)); w != "" {
		t.Errorf("the first month: %s", w)
	}
	if w := load("april.csv", month("2019-04", "P", 2, 32)); w != "" {
		t.Errorf("two left, two joined: %s", w)
	}
	w := load("februari.csv", month("2019-02", "A", 0, 30))
	if !strings.Contains(w, "only 0 of the 30 people of 2019-03 are also in 2019-02's hours") || !strings.Contains(w, "Has the person id changed") {
		t.Errorf("February with other ids, loaded after March: %q", w)
	}
}

// TestClockHours: hours written as clock time (162:30, as time reporting
// systems export them) are read to the hundredth of an hour; a clock time
// that is not one (1:75, 12:5) is refused with its line.
func TestClockHours(t *testing.T) {
	s := openTest(t)
	loadHR(t, s, "h.csv", KindHours, "Månad;Anställningsnummer;Kön;Födelseår;Anställningsform;Sysselsättningsgrad;Ordinarie arbetstid;Arbetad tid;Mertid;Övertid\n"+
		"2019-01;A1;K;1966;tillsvidare;100;176:00;162:30;0:10;1:15\n2019-01;A2;M;1980;tillsvidare;75;132,0;132:05;0;0\n")
	got := queryLines(t, s, "SELECT concat_ws(' ', birth_year, employment_rate, scheduled_hours, worked_hours, extra_hours, overtime_hours) FROM person_months ORDER BY birth_year")
	if want := "1966 100.00 176.00 162.50 0.17 1.25\n1980 75.00 132.00 132.08 0.00 0.00"; strings.Join(got, "\n") != want {
		t.Errorf("person-months:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	// A year's clock time, thousands and all, is more than a month holds.
	_, err := s.LoadData(context.Background(), "y.csv", []byte("Månad;Anställningsnummer;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n2019-02;A1;K;1966;tillsvidare;160;1 132:05\n"),
		LoadOptions{Kind: KindHours, HRKey: testHRKey})
	if err == nil || !strings.Contains(err.Error(), `y.csv:2: column Arbetad tid: "1 132:05" is more hours than a month has (at most 744`) {
		t.Errorf("a year's hours: %v", err)
	}
	for _, bad := range []string{"1:75", "12:5", ":30", "1:30:00", "-1:30", "1:3a"} {
		_, err := s.LoadData(context.Background(), "b.csv", []byte("Månad;Anställningsnummer;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n2019-02;A1;K;1966;tillsvidare;160;"+bad+"\n"),
			LoadOptions{Kind: KindHours, HRKey: testHRKey})
		if err == nil || !strings.Contains(err.Error(), "b.csv:2: column Arbetad tid: ") {
			t.Errorf("%s: %v", bad, err)
		}
	}
}

// TestHoursTimeCells: a workbook's time cell ([h]:mm) holds days, not
// hours; its raw value is refused as such rather than read as hours.
func TestHoursTimeCells(t *testing.T) {
	s := openTest(t)
	rows := [][]any{
		{"Månad", "Anställningsnummer", "Kön", "Födelseår", "Anställningsform", "Ordinarie arbetstid", "Arbetad tid"},
		{"2019-04", "1001", "K", 1980, "tillsvidare", 160, 162*time.Hour + 30*time.Minute},
	}
	_, err := s.LoadData(context.Background(), "hr.xlsx", typedWorkbook(t, rows), LoadOptions{Kind: KindHours, HRKey: testHRKey})
	if err == nil || err.Error() != `hr.xlsx:2: column Arbetad tid: "6.770833333333333" is a time cell, shown as 162:30:00: a workbook stores a duration in days, not hours; format the column as a number of hours` {
		t.Errorf("time cell: %v", err)
	}
	// A duration of whole days (168:00 is 7) is read as 7 by its raw value
	// alone; every hours column is checked as shown, once, at its first
	// value, and named once (not on every row). The sick-hours extract too.
	rows = [][]any{
		{"Månad", "Anställningsnummer", "Kön", "Födelseår", "Anställningsform", "Ordinarie arbetstid", "Arbetad tid", "Övertid"},
		{"2019-04", "1001", "K", 1980, "tillsvidare", 168, 168, nil},
		{"2019-04", "1002", "K", 1980, "tillsvidare", 168, 144, 6 * time.Hour},
		{"2019-04", "1003", "K", 1980, "tillsvidare", 168, 168, 12 * time.Hour},
	}
	_, err = s.LoadData(context.Background(), "hr.xlsx", typedWorkbook(t, rows), LoadOptions{Kind: KindHours, HRKey: testHRKey})
	if err == nil || err.Error() != `hr.xlsx:3: column Övertid: "0.25" is a time cell, shown as 06:00: a workbook stores a duration in days, not hours; format the column as a number of hours` {
		t.Errorf("whole days: %v", err)
	}
	rows = [][]any{
		{"Månad", "Anställningsnummer", "Kort", "Lång"},
		{"2019-04", "1001", 8, 24 * time.Hour},
	}
	_, err = s.LoadData(context.Background(), "sick.xlsx", typedWorkbook(t, rows), LoadOptions{Kind: KindSickHour, HRKey: testHRKey})
	if err == nil || err.Error() != `sick.xlsx:2: column Lång: "1" is a time cell, shown as 24:00:00: a workbook stores a duration in days, not hours; format the column as a number of hours` {
		t.Errorf("sick hours: %v", err)
	}
	// Hours as numbers, and as text h:mm, load.
	rows = [][]any{
		{"Månad", "Anställningsnummer", "Kön", "Födelseår", "Anställningsform", "Ordinarie arbetstid", "Arbetad tid"},
		{"2019-04", "1001", "K", 1980, "tillsvidare", 168, "162:30"},
	}
	if _, err = s.LoadData(context.Background(), "ok.xlsx", typedWorkbook(t, rows), LoadOptions{Kind: KindHours, HRKey: testHRKey}); err != nil {
		t.Error(err)
	}
	if dayFraction("6.5") || dayFraction("165.25") || !dayFraction("6.770833333333333") || dayFraction("6.123456789") {
		t.Error("dayFraction")
	}
}

// TestSpellForms: an open end written as a far date (9999-12-31) is an
// ongoing spell, counted as its NULL twin is, not as a spell of thousands
// of days in long60; extents in per cent with decimals or as fractions
// are read, 0,5 % is not an extent.
func TestSpellForms(t *testing.T) {
	s := openTest(t)
	loadHR(t, s, "hours.csv", KindHours, "Period;Person;Kön;Födelseår;Anställningsform;Ordinarie arbetstid;Arbetad tid\n"+
		"2019-04;A;K;1980;tillsvidare;160;120\n2019-04;B;M;1990;tillsvidare;160;120\n2019-04;C;M;1990;tillsvidare;160;120\n2019-04;D;M;1990;tillsvidare;160;120\n")
	res := loadHR(t, s, "spells.csv", KindAbsence, "Person;Orsak;Från;Till;Omfattning\n"+
		"A;Sjuk;2019-04-24;9999-12-31;100,0\nB;Sjuk;2019-04-24;;100\nC;Sjuk;2019-04-24;2099-12-31;0,5\nD;Sjuk;2019-04-24;2019-04-30;1\n")
	if !strings.Contains(res.Format, "2 spell(s) ending in 2099 or later (an open end such as 9999-12-31) read as ongoing") {
		t.Errorf("load line: %s", res.Format)
	}
	got := queryLines(t, s, "SELECT concat_ws(' ', line, extent, last_day IS NULL) FROM absence_spells ORDER BY line")
	if want := "2 100 true\n3 100 true\n4 50 true\n5 100 false"; strings.Join(got, "\n") != want {
		t.Errorf("spells:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	// 24, 25, 26, 29 and 30 April are working days: 5 × 8 h, short, none long60.
	got = queryLines(t, s, "SELECT concat_ws(' ', round(sick_hours, 2), round(short_hours, 2), round(long60_hours, 2)) FROM staff ORDER BY birth_year, sick_hours DESC")
	if want := "40.0 40.0 0.0\n40.0 40.0 0.0\n40.0 40.0 0.0\n20.0 20.0 0.0"; strings.Join(got, "\n") != want {
		t.Errorf("sick hours:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	for _, v := range []string{"0,5 %", "30", "0,3", "1,5", "100,5", "125"} {
		if _, ok := extentCell(v); ok {
			t.Errorf("extent %q read", v)
		}
	}
}

// TestGenderAndBirthFromPersonnummer: an extract whose person id is the
// personnummer and which has no Kön or Födelseår column gets them from the
// number (the ninth digit of ten even for women; the century from twelve
// digits, from '+' or as the latest not after the month); an id that is
// not a personnummer then refuses the file, naming its line.
func TestGenderAndBirthFromPersonnummer(t *testing.T) {
	s := openTest(t)
	loadHR(t, s, "h.csv", KindHours, "Månad;Personnummer;Anställningsform;Ordinarie arbetstid;Arbetad tid\n"+
		"2019-04;19850312-1234;tillsvidare;160;160\n2019-04;850312-1245;tillsvidare;160;160\n2019-04;030101-2383;visstid;80;80\n"+
		"2019-04;190101+1112;visstid;80;80\n2019-04;8503721234;tillsvidare;160;160\n")
	got := queryLines(t, s, "SELECT concat_ws(' ', line, gender, birth_year) FROM person_months ORDER BY line")
	if want := "2 M 1985\n3 K 1985\n4 K 2003\n5 M 1919\n6 M 1985"; strings.Join(got, "\n") != want {
		t.Errorf("person-months:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	_, err := s.LoadData(context.Background(), "b.csv", []byte("Månad;Anställningsnummer;Kön;Anställningsform;Ordinarie arbetstid;Arbetad tid\n2019-05;LT1007;K;tillsvidare;160;160\n"),
		LoadOptions{Kind: KindHours, HRKey: testHRKey})
	if err == nil || !strings.Contains(err.Error(), "b.csv:2: column Anställningsnummer: the extract has no Kön or no Födelseår column, and the person id is not a personnummer") {
		t.Errorf("employee number without Födelseår: %v", err)
	}
}

// typedWorkbook is a one-sheet workbook of rows with typed cells (numbers,
// dates, durations), as excelize writes each Go type.
func typedWorkbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, row := range rows {
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow("Sheet1", ref, &row); err != nil {
			t.Fatal(err)
		}
	}
	var b bytes.Buffer
	if err := x.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestEmploymentRateFractions: an extract that writes every employment
// rate as a fraction (1, 0,75) is stored in per cent, as one in per cent
// is; a single rate above 1 or a % sign makes the extract's rates per cent.
func TestEmploymentRateFractions(t *testing.T) {
	s := openTest(t)
	head := "Månad;Anställningsnummer;Kön;Födelseår;Anställningsform;Sysselsättningsgrad;Ordinarie arbetstid;Arbetad tid\n"
	loadHR(t, s, "frac.csv", KindHours, head+"2019-04;A;K;1980;tillsvidare;1;160;160\n2019-04;B;M;1980;tillsvidare;0,75;120;120\n2019-04;C;M;1980;timavlönad;0;0;12\n")
	loadHR(t, s, "pct.csv", KindHours, head+"2019-04;D;K;1980;tillsvidare;100;160;160\n2019-04;E;M;1980;tillsvidare;1;2;2\n")
	loadHR(t, s, "sign.csv", KindHours, head+"2019-04;F;K;1980;tillsvidare;1 %;2;2\n")
	// A file streams to DuckDB as it is parsed; its rates are scaled too.
	path := filepath.Join(t.TempDir(), "fil.csv")
	if err := os.WriteFile(path, []byte(head+"2019-05;G;K;1980;tillsvidare;0,5;80;80\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadFile(context.Background(), path, LoadOptions{Kind: KindHours, HRKey: testHRKey}); err != nil {
		t.Fatal(err)
	}
	got := queryLines(t, s, "SELECT concat_ws(' ', source, line, employment_rate) FROM person_months ORDER BY source, line")
	want := "hours:fil 2 50.00\nhours:frac 2 100.00\nhours:frac 3 75.00\nhours:frac 4 0.00\nhours:pct 2 100.00\nhours:pct 3 1.00\nhours:sign 2 1.00"
	if strings.Join(got, "\n") != want {
		t.Errorf("rates:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestEmploymentRatesMixed: an extract in per cent with a rate written as
// a fraction, which its scheduled hours show is not a tiny employment, is
// refused at that rate's line, whichever comes first; a tiny employment
// with the few hours it allows loads (TestEmploymentRateFractions).
func TestEmploymentRatesMixed(t *testing.T) {
	s := openTest(t)
	before := snapshot(t, s)
	head := "Månad;Anställningsnummer;Kön;Födelseår;Anställningsform;Sysselsättningsgrad;Ordinarie arbetstid;Arbetad tid\n"
	for _, c := range []struct{ rows, want string }{
		{"2019-04;A;K;1980;tillsvidare;100;160;160\n2019-04;B;M;1980;tillsvidare;0,75;120;120\n",
			`m.csv:3: column Sysselsättningsgrad: "0,75" beside rates in per cent (line 2: "100") is an employment of 0,75 %, and cannot hold 120 scheduled hours: the extract writes some rates as fractions and others in per cent (try: write every rate in per cent (75) or every one as a fraction (0,75))`},
		{"2019-04;B;M;1980;tillsvidare;1;160;160\n2019-04;A;K;1980;tillsvidare;0,5;80;80\n2019-04;C;K;1980;tillsvidare;50 %;80;80\n",
			`m.csv:2: column Sysselsättningsgrad: "1" beside rates in per cent (line 4: "50 %") is an employment of 1 %, and cannot hold 160 scheduled hours: the extract writes some rates as fractions and others in per cent (try: write every rate in per cent (75) or every one as a fraction (0,75))`},
	} {
		_, err := s.LoadData(context.Background(), "m.csv", []byte(head+c.rows), LoadOptions{Kind: KindHours, HRKey: testHRKey})
		if !IsInputError(err) || err.Error() != c.want {
			t.Errorf("%q:\n got %v\nwant %s", c.rows, err, c.want)
		}
	}
	if snapshot(t, s) != before {
		t.Error("a refused load changed the database")
	}
}

func TestAbove(t *testing.T) {
	for _, c := range []struct {
		v, limit string
		want     bool
	}{
		{"744.00", "744", false}, {"744.01", "744", true}, {"743.99", "744", false}, {"745.00", "744", true},
		{"99.50", "744", false}, {"1000.00", "744", true}, {"0.00", "744", false},
		{"100.00", "100", false}, {"100.50", "100", true}, {"1.00", "100", false}, {"150.00", "100", true},
	} {
		if got := above(c.v, c.limit); got != c.want {
			t.Errorf("above(%q, %q) = %v", c.v, c.limit, got)
		}
	}
}

// TestExplainSickLeaveSources: the lineage of the sick-leave figures names
// the absence spells and the reported sick hours of the people in scope
// beside their person-months; the other staff figures only the hours.
func TestExplainSickLeaveSources(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.LoadData(ctx, "org.csv", []byte("Ansvar;Enhet;Division\n100;IT;D\n200;MT;D\n"), LoadOptions{Kind: KindOrg}); err != nil {
		t.Fatal(err)
	}
	loadHR(t, s, "h.csv", KindHours, `Period;Person;Kön;Födelseår;Ansvar;Anställningsform;Ordinarie arbetstid;Arbetad tid
2019-03;A;K;1980;100;tillsvidare;168;160
2019-03;B;M;1985;200;tillsvidare;168;168
2019-04;A;K;1980;100;tillsvidare;160;150
2019-04;B;M;1985;200;tillsvidare;160;160
`)
	// A's two sick spells count; her leave is not sick leave, B is in
	// MT, and A's spell of May lies after the report month.
	loadHR(t, s, "f.csv", KindAbsence, `Person;Orsak;Från;Till;Omfattning
A;Sjuk;2019-03-04;2019-03-05;100
A;Sjuk;2019-04-01;2019-04-01;100
A;Semester;2019-04-15;2019-04-18;100
B;Sjuk;2019-04-02;2019-04-03;100
A;Sjuk;2019-05-02;2019-05-03;100
`)
	loadHR(t, s, "r.csv", KindSickHour, "Period;Person;Kort;Lång\n2019-04;A;2;0\n2019-04;B;8;0\n")
	sources := func(figure string) string {
		l, err := s.Explain(ctx, figure, Params{Period: Month{2019, 4}, Unit: "IT"}, LineageFilter{}, 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, src := range l.Sources {
			got = append(got, fmt.Sprintf("%s %s %d", src.File, src.Table, src.Rows))
			if src.Amount != nil {
				t.Errorf("%s: %s summed as money: %v", figure, src.File, src.Amount)
			}
		}
		if len(l.Rows) != 0 {
			t.Errorf("%s: rows of people listed: %+v", figure, l.Rows)
		}
		return strings.Join(got, ", ")
	}
	for _, figure := range []string{"sick_leave", "sick_leave_monthly"} {
		if got, want := sources(figure), "h.csv person_months 2, f.csv absence_spells 2, r.csv sick_hours_reported 1"; got != want {
			t.Errorf("%s: sources %s, want %s", figure, got, want)
		}
	}
	if got, want := sources("fte"), "h.csv person_months 2"; got != want {
		t.Errorf("fte: sources %s, want %s", got, want)
	}
}

// TestReportedSickHoursOnce: sick hours reported for a person-month count
// once — shared by the person's rows in the month by their scheduled
// hours, and instead of the hours of the same person's sick spells, which
// count where nothing is reported — and the report warns where both kinds
// meet.
func TestReportedSickHoursOnce(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	if _, err := s.LoadData(ctx, "org.csv", []byte("Ansvar;Enhet;Division\n100;IT;D\n200;MT;D\n"), LoadOptions{Kind: KindOrg}); err != nil {
		t.Fatal(err)
	}
	// A moved from IT to MT in April: two rows. C has no scheduled hours.
	loadHR(t, s, "h.csv", KindHours, `Period;Person;Kön;Födelseår;Ansvar;Anställningsform;Ordinarie arbetstid;Arbetad tid
2019-04;A;K;1980;100;tillsvidare;60;60
2019-04;A;K;1980;200;tillsvidare;100;100
2019-04;B;M;1985;200;tillsvidare;160;160
2019-04;C;M;1990;100;timavlönad;0;10
2019-04;C;M;1990;200;timavlönad;0;10
`)
	if msg, err := s.sickHoursBoth(ctx, Month{2019, 1}, Month{2019, 4}); err != nil || msg != "" {
		t.Fatalf("no sick hours yet: %q, %v", msg, err)
	}
	// April 2019 has 20 working days: a day of B's is 8 h, of A's 3 + 5.
	loadHR(t, s, "f.csv", KindAbsence, "Person;Orsak;Från;Till;Omfattning\nB;Sjuk;2019-04-01;2019-04-05;100\nA;Sjuk;2019-04-01;2019-04-01;100\n")
	loadHR(t, s, "r.csv", KindSickHour, "Period;Person;Kort;Lång\n2019-04;A;16;4\n2019-04;C;2;0\n")
	got := queryLines(t, s, `SELECT concat_ws(' ', cost_center, round(sick_hours, 2), round(short_hours, 2), round(long_hours, 2))
		FROM staff s JOIN person_months pm USING (period, person, cost_center) ORDER BY s.scheduled_hours DESC, cost_center`)
	// B 160 h: 40 from the spell; A: 20 reported, 100/160 and 60/160 of
	// it, not the spell's 8 h on top nor 20 on each row; C: 2 h, halved.
	want := []string{"200 40.0 40.0 0.0", "200 12.5 10.0 2.5", "100 7.5 6.0 1.5", "100 1.0 1.0 0.0", "200 1.0 1.0 0.0"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("staff sick hours:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	msg, err := s.sickHoursBoth(ctx, Month{2019, 1}, Month{2019, 4})
	if err != nil || !strings.Contains(msg, "För 1 personmånad under januari–april 2019 finns sjuktimmar både rapporterade") {
		t.Errorf("warning: %q, %v", msg, err)
	}
}

// TestAbsenceExtractReplacesItsDates: an absence extract replaces its
// source's spells within its own dates and keeps the rest — the year
// before a yearly extract stays, a re-export of the history replaces it
// all, and a spell across an edge keeps its days outside.
func TestAbsenceExtractReplacesItsDates(t *testing.T) {
	head := "Person;Orsak;Från;Till;Omfattning\n"
	spells := func(t *testing.T, s *Store) string {
		t.Helper()
		return strings.Join(queryLines(t, s, `SELECT concat_ws(' ', strftime(first_day, '%m-%d'), coalesce(strftime(last_day, '%m-%d'), '…'), load_id)
			FROM absence_spells ORDER BY first_day, load_id`), ", ")
	}
	for _, c := range []struct {
		name  string
		files []string // loaded in order, all with the source absence:franvaro
		want  string
	}{
		{"two years", []string{"A;Sjuk;2018-04-01;2018-04-05;100\n", "A;Sjuk;2019-04-01;2019-04-05;100\n"},
			"04-01 04-05 1, 04-01 04-05 2"},
		{"the year before, loaded after", []string{"A;Sjuk;2019-04-01;2019-04-05;100\n", "A;Sjuk;2018-04-01;2018-04-05;100\n"},
			"04-01 04-05 2, 04-01 04-05 1"},
		{"a re-export of the history, corrected",
			[]string{"A;Sjuk;2018-04-01;2018-04-05;100\nA;Sjuk;2018-06-01;2018-06-02;100\nB;Sjuk;2019-01-07;;100\n",
				"A;Sjuk;2018-04-01;2018-04-04;100\nB;Sjuk;2019-01-07;2019-01-20;100\n"},
			"04-01 04-04 2, 01-07 01-20 2"},
		{"a spell across the turn of the year, cut by the extract",
			[]string{"A;Sjuk;2018-12-20;2019-01-10;100\nA;Sjuk;2018-03-01;2018-03-02;100\n", "A;Sjuk;2019-01-01;2019-01-10;100\nB;Sjuk;2019-12-30;2019-12-31;100\n"},
			"03-01 03-02 1, 12-20 12-31 1, 01-01 01-10 2, 12-30 12-31 2"},
		{"an extract before a spell's end",
			[]string{"A;Sjuk;2019-06-20;2019-07-10;100\n", "A;Sjuk;2019-01-10;2019-01-12;100\nB;Sjuk;2019-06-01;2019-06-30;100\n"},
			"01-10 01-12 2, 06-01 06-30 2, 07-01 07-10 1"},
		{"an ongoing spell the newer extract ends",
			[]string{"A;Sjuk;2019-03-01;;100\n", "A;Sjuk;2019-03-01;2019-03-20;100\nB;Sjuk;2019-02-01;2019-02-02;100\n"},
			"02-01 02-02 2, 03-01 03-20 2"},
		{"a year's extract of the spells that touch it, uncut",
			[]string{"D;Sjuk;2018-03-01;2018-03-02;100\nA;Sjuk;2018-12-20;;100\nC;Sjuk;2018-12-27;2018-12-28;100\nF;Sjuk;2018-12-28;;100\nG;Sjuk;2018-12-10;2018-12-21;100\n",
				"A;Sjuk;2018-12-20;2019-01-10;100\nG;Sjuk;2018-12-10;2019-01-04;100\nB;Sjuk;2019-01-02;2019-01-03;100\nE;Sjuk;2019-06-01;2019-06-02;100\n"},
			"03-01 03-02 1, 12-10 01-04 2, 12-20 01-10 2, 12-27 12-28 1, 12-28 12-31 1, 01-02 01-03 2, 06-01 06-02 2"},
		{"the year before, uncut, loaded after",
			[]string{"A;Sjuk;2018-12-20;2019-01-10;100\nB;Sjuk;2019-01-05;2019-01-20;100\nC;Sjuk;2019-03-01;2019-03-02;100\n",
				"D;Sjuk;2018-03-01;2018-03-02;100\nA;Sjuk;2018-12-20;2019-01-10;100\nE;Sjuk;2018-12-27;2018-12-28;100\n"},
			"03-01 03-02 2, 12-20 01-10 1, 12-27 12-28 2, 01-05 01-20 1, 03-01 03-02 1"},
		{"an ongoing spell in the newer extract",
			[]string{"A;Sjuk;2019-03-01;2019-03-05;100\nA;Sjuk;2019-04-01;2019-04-05;100\n", "A;Sjuk;2019-03-01;;100\nB;Sjuk;2019-04-10;2019-04-12;100\n"},
			"03-01 … 2, 04-10 04-12 2"},
		// The first file, with a spell from September, was taken after
		// September; the second, whose latest spell began in March, before:
		// the first's spells stay, and the second's ongoing one gives way.
		{"an ongoing spell in an older extract loaded after",
			[]string{"A;Sjuk;2019-03-01;2019-03-05;100\nA;Sjuk;2019-09-01;2019-09-05;100\n", "A;Sjuk;2019-03-01;;100\n"},
			"03-01 03-05 1, 09-01 09-05 1"},
		{"last year's extract with its ongoing spells, loaded after",
			[]string{"X;Sjuk;2018-11-01;2019-02-10;100\nZ;Sjuk;2018-12-20;2019-01-04;100\nX;Sjuk;2019-06-01;2019-06-05;100\nY;Sjuk;2019-05-01;2019-05-03;100\n",
				"X;Sjuk;2018-11-01;;100\nZ;Sjuk;2018-12-20;;100\nW;Sjuk;2018-12-27;;100\nV;Sjuk;2018-03-01;2018-03-02;100\n"},
			"03-01 03-02 2, 11-01 02-10 1, 12-20 01-04 1, 12-27 12-31 2, 05-01 05-03 1, 06-01 06-05 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := openTest(t)
			for i, f := range c.files {
				loadHR(t, s, fmt.Sprintf("franvaro_%d.csv", 2018+i), KindAbsence, head+f)
			}
			if got := spells(t, s); got != c.want {
				t.Errorf("spells %s, want %s", got, c.want)
			}
			// The last load's row count is the spells it kept (none of
			// them replaced since).
			if got := queryLines(t, s, `SELECT l.rows = (SELECT count(*) FROM absence_spells a WHERE a.load_id = l.load_id)
				FROM loads l WHERE l.load_id = (SELECT max(load_id) FROM loads)`); got[0] != "true" {
				t.Errorf("the last load's rows are not the spells it kept: %v", queryLines(t, s, "SELECT load_id, rows FROM loads"))
			}
		})
	}
}

// TestYearlyAbsenceExtracts: a history of spells, taken as one extract per
// year or month — of the spells that touch it, uncut, or cut at its edges,
// with the spells not ended by its last day ongoing or not — and loaded in
// any order, an extract again, holds every sick day of the two years once.
func TestYearlyAbsenceExtracts(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	type spell struct {
		person      string
		first, last time.Time
	}
	from, to := day(2018, 1, 1), day(2019, 12, 31)
	for seed := uint64(1); seed <= 3; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		var history []spell
		for p := 0; p < 40; p++ {
			at := day(2017, 9, 1).AddDate(0, 0, rng.IntN(60))
			for at.Before(day(2020, 4, 1)) {
				n := 1 + rng.IntN(10)
				switch r := rng.IntN(20); {
				case r == 0:
					n = 61 + rng.IntN(150)
				case r < 6:
					n = 11 + rng.IntN(50)
				}
				history = append(history, spell{fmt.Sprintf("P%02d", p), at, at.AddDate(0, 0, n-1)})
				at = at.AddDate(0, 0, n+1+rng.IntN(120))
			}
		}
		want := map[string]int{}
		for _, s := range history {
			for d := s.first; !d.After(s.last); d = d.AddDate(0, 0, 1) {
				if !d.Before(from) && !d.After(to) {
					want[d.Format("2006-01-02")]++
				}
			}
		}
		// the spells that touch [y0, y1], cut at its edges or not; taken
		// on y1, so that a spell not ended by then is ongoing, or later
		extract := func(y0, y1 time.Time, cut, ongoing bool) string {
			var b strings.Builder
			b.WriteString("Person;Orsak;Från;Till;Omfattning\n")
			for _, s := range history {
				if s.last.Before(y0) || s.first.After(y1) {
					continue
				}
				f, l := s.first, s.last.Format("2006-01-02")
				if cut && f.Before(y0) {
					f = y0
				}
				switch {
				case ongoing && s.last.After(y1):
					l = ""
				case cut && s.last.After(y1):
					l = y1.Format("2006-01-02")
				}
				fmt.Fprintf(&b, "%s;Sjuk;%s;%s;100\n", s.person, f.Format("2006-01-02"), l)
			}
			return b.String()
		}
		for _, style := range []struct{ cut, ongoing bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
			cut, ongoing := style.cut, style.ongoing
			for _, order := range [][]int{{2018, 2019}, {2019, 2018}, {2018, 2019, 2019}, {2019, 2018, 2018, 2019}} {
				t.Run(fmt.Sprintf("seed %d cut %v ongoing %v %v", seed, cut, ongoing, order), func(t *testing.T) {
					s := openTest(t)
					for _, y := range order {
						loadHR(t, s, fmt.Sprintf("franvaro_%d.csv", y), KindAbsence, extract(day(y, 1, 1), day(y, 12, 31), cut, ongoing))
					}
					checkSickDays(t, s, want)
				})
			}
			// Monthly extracts, in any order, one of them twice.
			t.Run(fmt.Sprintf("seed %d cut %v ongoing %v months", seed, cut, ongoing), func(t *testing.T) {
				s := openTest(t)
				months := rng.Perm(24)
				for _, i := range append(months, months[0]) {
					m0 := day(2018, time.Month(1+i), 1)
					loadHR(t, s, fmt.Sprintf("franvaro_%s.csv", m0.Format("2006-01")), KindAbsence, extract(m0, m0.AddDate(0, 1, -1), cut, ongoing))
				}
				checkSickDays(t, s, want)
			})
		}
	}
}

// checkSickDays compares the sick days of the stored spells in 2018–2019,
// day by day (an ongoing spell to the end of 2019), with want (persons on
// sick leave by date), and finds no person counted twice on a day.
func checkSickDays(t *testing.T, s *Store, want map[string]int) {
	t.Helper()
	got := queryLines(t, s, `SELECT strftime(d, '%Y-%m-%d'), count(*), count(DISTINCT person)
		FROM (SELECT person, unnest(generate_series(first_day::TIMESTAMP, coalesce(last_day, DATE '2019-12-31')::TIMESTAMP, INTERVAL 1 DAY)) AS d FROM absence_spells)
		WHERE d BETWEEN DATE '2018-01-01' AND DATE '2019-12-31' GROUP BY 1 ORDER BY 1`)
	have := map[string]int{}
	for _, line := range got {
		var d string
		var n, persons int
		fmt.Sscan(line, &d, &n, &persons)
		if n != persons {
			t.Errorf("%s: %d spells of %d persons: counted twice", d, n, persons)
		}
		have[d] = n
	}
	for d, n := range want {
		if have[d] != n {
			t.Errorf("%s: %d on sick leave, want %d", d, have[d], n)
		}
	}
	if len(have) != len(want) {
		t.Errorf("%d days with spells, want %d", len(have), len(want))
	}
}

// TestSpellsOfTwoSources: sick spells of one person from two absence
// extracts of different sources that overlap in the year to date are
// warned of (both count); apart, or outside the year, they are not.
func TestSpellsOfTwoSources(t *testing.T) {
	ctx := context.Background()
	s := openTest(t)
	head := "Person;Orsak;Från;Till;Omfattning\n"
	loadHR(t, s, "franvaro.csv", KindAbsence, head+"A;Sjuk;2019-03-04;2019-03-08;100\nB;Sjuk;2018-03-04;2018-03-08;100\n")
	loadHR(t, s, "sjukfranvaro.csv", KindAbsence, head+"A;Sjuk;2019-04-01;2019-04-02;100\nB;Sjuk;2018-03-05;2018-03-06;100\nC;Semester;2019-03-04;2019-03-08;100\n")
	if msg, err := s.spellsOfTwoSources(ctx, Month{2019, 1}, Month{2019, 4}); err != nil || msg != "" {
		t.Errorf("apart, or last year: %q, %v", msg, err)
	}
	loadHR(t, s, "sjukfranvaro.csv", KindAbsence, head+"A;Sjuk;2019-03-08;2019-03-12;100\n")
	msg, err := s.spellsOfTwoSources(ctx, Month{2019, 1}, Month{2019, 4})
	if err != nil || !strings.Contains(msg, "1 person har sjukfrånvaroperioder under januari–april 2019 från två frånvaroextrakt med olika källor (absence:franvaro och absence:sjukfranvaro)") {
		t.Errorf("overlapping: %q, %v", msg, err)
	}
	if msg, err := s.spellsOfTwoSources(ctx, Month{2019, 1}, Month{2019, 2}); err != nil || msg != "" {
		t.Errorf("before the overlap: %q, %v", msg, err)
	}
}
