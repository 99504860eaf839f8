package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/tertial/tertial/engine"
)

// The sample's HR extracts: person-month hours for 2018–2019 and absence
// spells. Scheduled hours are 8 h × working days × employment rate, so each
// working day is worth a whole number of hours; sick spells are then built to
// whole-hour targets that give the seed report's sick-leave figures for
// January–April (by gender and by day class). Everything else — who is sick,
// when, for how long, and all other months — is drawn by the seeded generator.

type person struct {
	id         string
	gender     string
	birth      int
	cc         string
	form       string // tillsvidare, visstid, timavlönad
	rate       int    // percent
	manager    string
	first, end engine.Month // employed from first through end (inclusive)
	// group is the work group, i.e. the manager's team; "" for the head.
	group string
}

type spell struct {
	person      *person
	cause       string
	first, last time.Time
	extent      int
}

// sickTargets are the seed's January–April sick leave (percent): total,
// short, women, men. Long = total - short.
var sickTargets = map[int][4]float64{
	2019: {4.45, 2.64, 2.41, 5.25},
	2018: {4.31, 2.71, 2.60, 4.96},
}

// extraTargets are the seed's extra hours (mertid + övertid) January–April.
var extraTargets = map[int]int{2019: 602, 2018: 450}

func dayOf(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func (p *person) employed(m engine.Month) bool {
	return m.Index() >= p.first.Index() && m.Index() <= p.end.Index()
}

// scheduled is the month's ordinary hours: 8 h × working days × rate, or
// for the hourly-paid the hours they were booked (a fixed draw per month).
func (p *person) scheduled(mo engine.Month) int {
	if p.form == "timavlönad" {
		h := 0
		for _, c := range p.id {
			h = h*31 + int(c)
		}
		return 8 * (4 + (h+mo.Index()*7)%10)
	}
	return workingDays(mo) * p.hoursPerDay()
}

// hoursPerDay is 8 h × the employment rate: 8, 6 or 4.
func (p *person) hoursPerDay() int { return 8 * p.rate / 100 }

func workingDays(m engine.Month) int {
	n := 0
	for t := m.Date(); t.Month() == m.Mon; t = t.AddDate(0, 0, 1) {
		if engine.IsWorkingDay(t) {
			n++
		}
	}
	return n
}

// makeStaff builds the division: a head, twelve teams in 2018 (one of them
// with 27 reports), thirteen in 2019 after that team was split; hires,
// leavers and moves between units along the way.
func makeStaff(rng *rand.Rand) []*person {
	var staff []*person
	n := 0
	newPerson := func(cc, group string, first, end engine.Month) *person {
		n++
		p := &person{id: fmt.Sprintf("LT%04d", 1000+n*7), cc: cc, group: group, first: first, end: end, form: "tillsvidare", rate: 100}
		p.gender = "M"
		if rng.IntN(100) < 26 {
			p.gender = "K"
		}
		p.birth = 1956 + rng.IntN(42)
		switch r := rng.IntN(100); {
		case r < 8:
			p.form = "visstid"
		case r < 11:
			p.form = "timavlönad"
		}
		if p.form != "timavlönad" && rng.IntN(100) < 12 {
			p.rate = []int{50, 75}[rng.IntN(2)]
		}
		staff = append(staff, p)
		return p
	}
	all := [2]engine.Month{{Year: 2018, Mon: 1}, {Year: 2019, Mon: 12}}
	head := newPerson("1000", "", all[0], all[1])
	head.form, head.rate, head.gender, head.birth = "tillsvidare", 100, "K", 1966
	type team struct {
		cc   string
		size int
	}
	teams := []team{{"1000", 8}, {"1100", 27}, {"1100", 20}, {"1110", 22}, {"1110", 18}, {"1120", 21}, {"1120", 17},
		{"1200", 20}, {"1200", 18}, {"1210", 19}, {"1220", 16}, {"1300", 9}}
	for i, t := range teams {
		g := fmt.Sprintf("T%02d", i+1)
		mgr := newPerson(t.cc, "", all[0], all[1])
		mgr.form, mgr.rate = "tillsvidare", 100
		mgr.manager = head.id
		for j := 0; j < t.size; j++ {
			p := newPerson(t.cc, g, all[0], all[1])
			p.manager = mgr.id
		}
		mgr.group = "M" + g
	}
	// Team T02 (27 reports) is split in January 2019: a new manager takes 10.
	split := newPerson("1100", "", engine.Month{Year: 2019, Mon: 1}, all[1])
	split.form, split.rate, split.manager = "tillsvidare", 100, head.id
	moved := 0
	for _, p := range staff {
		if p.group == "T02" && moved < 10 {
			p.group = "T02b"
			moved++
		}
	}
	// Leavers (external) and hires, and two moves between units.
	leavers := 0
	for _, p := range staff {
		if p.group != "" && p.form == "tillsvidare" && rng.IntN(100) < 6 && leavers < 12 {
			p.end = engine.MonthFromIndex(engine.Month{Year: 2018, Mon: 3}.Index() + rng.IntN(18))
			leavers++
		}
	}
	for i := 0; i < 14; i++ {
		start := engine.MonthFromIndex(engine.Month{Year: 2018, Mon: 2}.Index() + rng.IntN(20))
		tm := teams[1+rng.IntN(len(teams)-1)]
		p := newPerson(tm.cc, "", start, all[1])
		p.group = "hire"
		for _, q := range staff {
			if q.cc == tm.cc && q.manager != "" && q.group != "" && q.manager != head.id {
				p.manager = q.manager
				break
			}
		}
	}
	return staff
}

// managerIn is who a person reports to in a month (the split of T02 moves
// ten people to the new manager from 2019).
func managerIn(p *person, m engine.Month, split *person) string {
	if p.group == "T02b" && m.Year >= 2019 {
		return split.id
	}
	return p.manager
}

// ccIn is the cost center in a month; two people move unit in 2019.
func ccIn(p *person, m engine.Month, movers map[string]string) string {
	if cc, ok := movers[p.id]; ok && m.Index() >= (engine.Month{Year: 2019, Mon: 3}).Index() {
		return cc
	}
	return p.cc
}

// sickHours gives a spell's hours per month and class, the engine's method
// in miniature (used only to build the sample to its targets; the report
// recomputes everything in SQL).
func spellHours(s spell, from, to time.Time) (short, long int) {
	for t := s.first; !t.After(s.last); t = t.AddDate(0, 0, 1) {
		if t.Before(from) || t.After(to) || !engine.IsWorkingDay(t) || !s.person.employed(engine.Month{Year: t.Year(), Mon: t.Month()}) {
			continue
		}
		h := s.person.hoursPerDay() * s.extent / 100
		if int(t.Sub(s.first).Hours()/24)+1 <= 14 {
			short += h
		} else {
			long += h
		}
	}
	return
}

// nthWorkingDay returns the n-th working day on or after t (n >= 1).
func nthWorkingDay(t time.Time, n int) time.Time {
	for {
		if engine.IsWorkingDay(t) {
			n--
			if n == 0 {
				return t
			}
		}
		t = t.AddDate(0, 0, 1)
	}
}

// scheduledJanApr sums scheduled hours of women and men, January–April.
func scheduledJanApr(staff []*person, y int) (hK, hM int) {
	for _, p := range staff {
		for m := time.Month(1); m <= 4; m++ {
			mo := engine.Month{Year: y, Mon: m}
			if p.employed(mo) {
				if p.gender == "K" {
					hK += p.scheduled(mo)
				} else {
					hM += p.scheduled(mo)
				}
			}
		}
	}
	return
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// splitSick finds women's sick hours such that women, men and total all
// round to the year's targets, given the scheduled hours.
func splitSick(y, hK, hM int) (int, bool) {
	tg := sickTargets[y]
	total := int(math.Round(tg[0] / 100 * float64(hK+hM)))
	for k := 0; k <= total; k++ {
		if round2(float64(k)/float64(hK)*100) == tg[2] && round2(float64(total-k)/float64(hM)*100) == tg[3] {
			return k, true
		}
	}
	return 0, false
}

// tuneGender adjusts women's employment rates (and, if need be, genders)
// until both years' gender split can meet the targets: the share of women's
// hours fixes what total the women and men figures can make.
func tuneGender(rng *rand.Rand, staff []*person) {
	center := map[int]float64{2018: 0.2754, 2019: 0.2817}
	only := func(p *person, y int) bool { // employed January–April of y but not of the other year
		other := 2018 + 2019 - y
		return p.employed(engine.Month{Year: y, Mon: 1}) && !p.employed(engine.Month{Year: other, Mon: 4})
	}
	for iter := 0; iter < 5000; iter++ {
		need := map[int]int{}
		for _, y := range []int{2018, 2019} {
			hK, hM := scheduledJanApr(staff, y)
			if _, ok := splitSick(y, hK, hM); !ok {
				if float64(hK)/float64(hK+hM) > center[y] {
					need[y] = -1
				} else {
					need[y] = 1
				}
			}
		}
		if len(need) == 0 {
			return
		}
		y := 2018
		if need[y] == 0 {
			y = 2019
		}
		dir := need[y]
		conflict := len(need) == 2 && need[2018] != need[2019]
		p := staff[1+rng.IntN(len(staff)-1)]
		if conflict && !only(p, y) {
			continue
		}
		if p.form == "timavlönad" {
			continue
		}
		switch {
		case dir < 0 && p.gender == "K" && p.rate > 50:
			p.rate -= 25
		case dir > 0 && p.gender == "K" && p.rate < 100:
			p.rate += 25
		case dir < 0 && p.gender == "K" && rng.IntN(4) == 0:
			p.gender = "M"
		case dir > 0 && p.gender == "M" && rng.IntN(4) == 0:
			p.gender = "K"
		}
	}
	fmt.Fprintln(os.Stderr, "sample: could not tune the staff to the sick-leave targets")
	os.Exit(1)
}

func hrData(rng *rand.Rand) ([]*person, []spell, map[string]map[int]int, *person, map[string]string) {
	staff := makeStaff(rng)
	tuneGender(rng, staff)
	var split *person
	for _, p := range staff {
		if p.first == (engine.Month{Year: 2019, Mon: 1}) && p.manager != "" && p.group == "" {
			split = p
		}
	}
	movers := map[string]string{}
	for _, p := range staff {
		if p.group == "T05" && len(movers) == 0 {
			movers[p.id] = "1120"
		}
		if p.group == "T09" && len(movers) == 1 {
			movers[p.id] = "1300"
		}
	}
	busy := map[string][][2]time.Time{} // a person's spells, never overlapping
	free := func(p *person, a, b time.Time) bool {
		for _, iv := range busy[p.id] {
			if !a.After(iv[1].AddDate(0, 0, 1)) && !b.Before(iv[0].AddDate(0, 0, -1)) {
				return false
			}
		}
		return true
	}
	var spells []spell
	add := func(s spell) {
		spells = append(spells, s)
		busy[s.person.id] = append(busy[s.person.id], [2]time.Time{s.first, s.last})
	}
	for _, y := range []int{2018, 2019} {
		from, to := dayOf(y, 1, 1), dayOf(y, 4, 30)
		hK, hM := scheduledJanApr(staff, y)
		var pool = map[string][]*person{}
		for _, p := range staff {
			if p.employed(engine.Month{Year: y, Mon: 1}) && p.employed(engine.Month{Year: y, Mon: 4}) && p.form != "timavlönad" {
				pool[p.gender] = append(pool[p.gender], p)
			}
		}
		tg := sickTargets[y]
		h := hK + hM
		total := int(math.Round(tg[0] / 100 * float64(h)))
		short := int(math.Round(tg[1] / 100 * float64(h)))
		sickK, ok := splitSick(y, hK, hM)
		if !ok {
			fmt.Fprintf(os.Stderr, "sample %d: no split of %d sick hours meets the targets (women %d h, men %d h)\n", y, total, hK, hM)
			os.Exit(1)
		}
		sickM := total - sickK
		longK := sickK / 4
		shortK := sickK - longK
		shortM := short - shortK
		longM := sickM - shortM
		for _, g := range []struct {
			gender      string
			short, long int
		}{{"K", shortK, longK}, {"M", shortM, longM}} {
			ps := pool[g.gender]
			rng.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
			next := 0
			take := func(rate int) *person {
				for ; next < len(ps); next++ {
					if (rate == 0 || ps[next].rate == rate) && free(ps[next], dayOf(y-1, 11, 1), dayOf(y, 5, 31)) {
						next++
						return ps[next-1]
					}
				}
				// fall back to anyone free, from the start
				for _, p := range ps {
					if (rate == 0 || p.rate == rate) && free(p, dayOf(y-1, 11, 1), dayOf(y, 5, 31)) {
						return p
					}
				}
				panic(fmt.Sprintf("sample: no free %s person at rate %d", g.gender, rate))
			}
			// Long: spells that began on 1 December, so every day of the
			// year is day 15 or later, ending on a working day in the window.
			left := g.long
			for left > 0 {
				p := take(100)
				days := min(left/p.hoursPerDay(), 20+rng.IntN(50))
				ext := 100
				if days == 0 || left < 16 {
					p = take(50) // 4 h a day: at 25 % one hour a day
					ext, days = 25, left
				}
				s := spell{person: p, cause: "Sjuk", first: dayOf(y-1, 12, 1), extent: ext}
				s.last = nthWorkingDay(from, days)
				_, l := spellHours(s, from, to)
				add(s)
				left -= l
			}
			// Short: spells of up to two weeks inside the window; a person
			// may have several, never overlapping.
			left = g.short
			for tries := 0; left > 0; tries++ {
				if tries > 100000 {
					panic("sample: cannot place short spells")
				}
				p := ps[rng.IntN(len(ps))]
				ext := 100
				days := min(left/max(1, p.hoursPerDay()), 1+rng.IntN(8))
				if p.hoursPerDay() != 8 {
					continue
				}
				if days == 0 || left < 10 {
					p = ps[rng.IntN(len(ps))]
					if p.rate != 50 {
						continue
					}
					ext, days = 25, min(left, 9)
				}
				start := nthWorkingDay(dayOf(y, time.Month(1+rng.IntN(4)), 1+rng.IntN(20)), 1)
				s := spell{person: p, cause: "Sjuk", first: start, extent: ext}
				s.last = nthWorkingDay(start, days)
				if s.last.After(to) || s.last.Sub(s.first) > 13*24*time.Hour || !free(p, s.first, s.last) {
					continue
				}
				sh, l := spellHours(s, from, to)
				if l != 0 || sh > left {
					continue
				}
				add(s)
				left -= sh
			}
		}
		// The rest of the year: ordinary sick leave and other absence,
		// outside January–April.
		for _, p := range staff {
			if p.form == "timavlönad" {
				continue
			}
			for k := 0; k < 2; k++ {
				m := time.Month(5 + rng.IntN(6))
				start := nthWorkingDay(dayOf(y, m, 1+rng.IntN(25)), 1)
				length := 1 + rng.IntN(6)
				if rng.IntN(30) == 0 {
					length = 30 + rng.IntN(60)
				}
				end := start.AddDate(0, 0, length-1)
				if end.After(dayOf(y, 11, 25)) || !free(p, start, end) {
					continue
				}
				cause := "Sjuk"
				if rng.IntN(4) == 0 {
					cause = "Vård av barn"
				}
				add(spell{person: p, cause: cause, first: start, last: end, extent: []int{100, 100, 100, 50}[rng.IntN(4)]})
			}
		}
	}
	// Extra time: the seed's totals for January–April on part-timers
	// (mertid) and full-timers (övertid); the rest of the year at random.
	extra := map[string]map[int]int{} // person -> month index -> hours
	for _, y := range []int{2018, 2019} {
		left := extraTargets[y]
		for left > 0 {
			p := staff[rng.IntN(len(staff))]
			m := engine.Month{Year: y, Mon: time.Month(1 + rng.IntN(4))}
			if !p.employed(m) || p.form == "timavlönad" {
				continue
			}
			h := min(left, 2+rng.IntN(14))
			if extra[p.id] == nil {
				extra[p.id] = map[int]int{}
			}
			extra[p.id][m.Index()] += h
			left -= h
		}
		for i := 0; i < 60; i++ {
			p := staff[rng.IntN(len(staff))]
			m := engine.Month{Year: y, Mon: time.Month(5 + rng.IntN(8))}
			if !p.employed(m) || p.form == "timavlönad" {
				continue
			}
			if extra[p.id] == nil {
				extra[p.id] = map[int]int{}
			}
			extra[p.id][m.Index()] += 2 + rng.IntN(10)
		}
	}
	return staff, spells, extra, split, movers
}

func writeHR(dir string, rng *rand.Rand) error {
	staff, spells, extra, split, movers := hrData(rng)
	// absence hours per person-month, to derive worked hours
	absent := map[string]int{}
	for _, s := range spells {
		for t := s.first; !t.After(s.last); t = t.AddDate(0, 0, 1) {
			mo := engine.Month{Year: t.Year(), Mon: t.Month()}
			if engine.IsWorkingDay(t) && s.person.employed(mo) {
				absent[fmt.Sprint(s.person.id, mo.Index())] += s.person.hoursPerDay() * s.extent / 100
			}
		}
	}
	vacation := map[time.Month]int{6: 15, 7: 70, 8: 20, 12: 8} // percent of scheduled time
	var b strings.Builder
	b.WriteString("Månad;Anställningsnummer;Kön;Födelseår;Ansvar;Anställningsform;Sysselsättningsgrad;Ordinarie arbetstid;Arbetad tid;Mertid;Övertid;Närmaste chef\n")
	for i := (engine.Month{Year: 2018, Mon: 1}).Index(); i <= (engine.Month{Year: 2019, Mon: 12}).Index(); i++ {
		mo := engine.MonthFromIndex(i)
		for _, p := range staff {
			if !p.employed(mo) {
				continue
			}
			sched := p.scheduled(mo)
			ex := extra[p.id][i]
			mertid, overtid := 0, 0
			if p.rate < 100 {
				mertid = ex
			} else {
				overtid = ex
			}
			rate := fmt.Sprint(p.rate)
			if p.form == "timavlönad" {
				rate = ""
			}
			worked := sched - absent[fmt.Sprint(p.id, i)] - sched*vacation[mo.Mon]/100 + mertid + overtid
			if worked < 0 {
				worked = 0
			}
			fmt.Fprintf(&b, "%s;%s;%s;%d;%s;%s;%s;%d;%d;%d;%d;%s\n", mo, p.id, p.gender, p.birth, ccIn(p, mo, movers), p.form, rate, sched, worked, mertid, overtid, managerIn(p, mo, split))
		}
	}
	if err := os.WriteFile(dir+"/hr_timmar.csv", []byte(b.String()), 0o644); err != nil {
		return err
	}
	sort.SliceStable(spells, func(i, j int) bool {
		if !spells[i].first.Equal(spells[j].first) {
			return spells[i].first.Before(spells[j].first)
		}
		return spells[i].person.id < spells[j].person.id
	})
	f := excelize.NewFile()
	defer f.Close()
	sh := "Frånvaro"
	f.SetSheetName("Sheet1", sh)
	f.SetSheetRow(sh, "A1", &[]any{"Anställningsnummer", "Orsak", "Från", "Till", "Omfattning"})
	for i, s := range spells {
		f.SetSheetRow(sh, fmt.Sprintf("A%d", i+2), &[]any{s.person.id, s.cause, s.first.Format("2006-01-02"), s.last.Format("2006-01-02"), s.extent})
	}
	f.SetDocProps(&excelize.DocProperties{Creator: "tertial sampledata", Created: "2019-05-02T00:00:00Z", Modified: "2019-05-02T00:00:00Z"})
	return f.SaveAs(dir + "/hr_franvaro.xlsx")
}
