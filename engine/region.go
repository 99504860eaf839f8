package engine

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// A synthetic region at scale, for the bench: deterministic from its seed,
// shaped like a Swedish region's extracts (divisions, units and cost
// centers; a chart of accounts; vouchers that balance; budgets near the
// outcome; employees with schedules, extra time and sick spells).

// RegionSpec sizes a synthetic region.
type RegionSpec struct {
	Seed          uint64
	FirstYear     int // the region covers FirstYear and the year after
	RowsPerYear   int // ledger lines a year (including each voucher's balancing line)
	Employees     int // employees each month (person-months = 24 × Employees)
	CostCenters   int
	HoldLastMonth bool // write the last month as separate extracts, for an incremental rebuild
}

// DefaultRegion is the region of the performance targets: 10 M ledger
// lines a year over two years, 600 000 person-months.
var DefaultRegion = RegionSpec{Seed: 42, FirstYear: 2018, RowsPerYear: 10_000_000, Employees: 25_000, CostCenters: 2_000, HoldLastMonth: true}

// RegionFiles names what GenerateRegion wrote, and the line counts.
type RegionFiles struct {
	Accounts, Org string
	// Ledger per year in Swedish CSV and SIE 4 (the same lines), the budget
	// per year, HR hours per year; spells for both years.
	LedgerCSV, LedgerSIE, Budget, Hours []string
	Spells                              string
	// The held-back last month, when HoldLastMonth.
	NextLedgerCSV, NextHours                                                    string
	LedgerRows, BudgetRows, HoursRows, SpellRows, NextLedgerRows, NextHoursRows int64
	// LastMonth is the last month in the main extracts; NextMonth the held one.
	LastMonth, NextMonth Month
}

var regionDivisions = []struct {
	name  string
	units []string
}{
	{"Hälso- och sjukvård", []string{"Akutkliniken", "Kirurgi", "Medicin", "Ortopedi", "Kvinnokliniken", "Barnkliniken", "Anestesi", "Radiologi", "Laboratoriemedicin", "Onkologi", "Infektion", "Ögon", "Öron-näsa-hals", "Hud", "Rehabilitering"}},
	{"Primärvård", []string{"Vårdcentraler norr", "Vårdcentraler söder", "Vårdcentraler öster", "Vårdcentraler väster", "Barnhälsovård", "Mödrahälsovård", "Ungdomsmottagningar"}},
	{"Psykiatri", []string{"Allmänpsykiatri", "Barn- och ungdomspsykiatri", "Rättspsykiatri", "Beroendevård"}},
	{"Tandvård", []string{"Folktandvården", "Specialisttandvård"}},
	{"Länsteknik", []string{"IT", "MT", "Fastighet", "Service", "Transport"}},
	{"Regionstab", []string{"Ekonomi", "HR", "Kommunikation", "Ledning"}},
}

// regionAccounts: operating accounts with their share of ledger lines,
// typical line size in kronor, and sign (revenue lines are negative).
type regionAccount struct {
	account int
	name    string
	weight  float64
	size    float64
	revenue bool
}

var regionAccountGroups = []struct {
	from, to, step int
	name           string
	weight, size   float64
	revenue        bool
}{
	{3010, 3090, 10, "Patientavgifter", 6, 900, true},
	{3110, 3190, 10, "Ersättning för vård", 3, 45_000, true},
	{3510, 3590, 10, "Försäljning av tjänster", 4, 12_000, true},
	{4010, 4090, 10, "Löner", 22, 21_000, false},
	{4110, 4190, 10, "Ersättning för jour och beredskap", 6, 6_000, false},
	{4510, 4530, 10, "Arbetsgivaravgifter", 8, 9_500, false},
	{4710, 4730, 10, "Pensionskostnader", 3, 14_000, false},
	{5010, 5090, 10, "Köpt vård", 4, 60_000, false},
	{5210, 5290, 10, "Lokalkostnader", 3, 35_000, false},
	{5410, 5490, 10, "Förbrukningsmaterial", 14, 2_400, false},
	{5510, 5590, 10, "Läkemedel", 9, 5_200, false},
	{5610, 5690, 10, "Konsulttjänster", 3, 28_000, false},
	{6210, 6290, 10, "IT-kostnader och licenser", 5, 8_000, false},
	{7010, 7090, 10, "Resor och transporter", 4, 1_800, false},
	{7810, 7830, 10, "Avskrivningar", 2, 40_000, false},
}

func regionAccounts() []regionAccount {
	var out []regionAccount
	for _, g := range regionAccountGroups {
		n := (g.to-g.from)/g.step + 1
		for a := g.from; a <= g.to; a += g.step {
			out = append(out, regionAccount{a, fmt.Sprintf("%s %d", g.name, (a-g.from)/g.step+1), g.weight / float64(n), g.size, g.revenue})
		}
	}
	return out
}

type regionCC struct {
	code, name, unit, division string
	size                       float64 // relative activity
}

func regionCostCenters(spec RegionSpec) []regionCC {
	rng := rand.New(rand.NewPCG(spec.Seed, 2))
	var units []struct{ unit, division string }
	for _, d := range regionDivisions {
		for _, u := range d.units {
			units = append(units, struct{ unit, division string }{u, d.name})
		}
	}
	out := make([]regionCC, spec.CostCenters)
	for i := range out {
		u := units[i%len(units)]
		out[i] = regionCC{
			code: strconv.Itoa(10000 + i), name: fmt.Sprintf("%s %d", u.unit, i/len(units)+1),
			unit: u.unit, division: u.division, size: 0.3 + rng.ExpFloat64(),
		}
	}
	return out
}

// regionTexts are ledger texts, in UTF-8; the SIE files carry them in CP437.
var regionTexts = []string{"Lönekörning", "Leverantörsfaktura", "Internfakturering", "Avskrivning enligt plan",
	"Periodisering", "Licenser", "Förbrukningsmaterial vårdavdelning", "Läkemedel enligt rekvisition",
	"Köpt vård utomläns", "Patientavgifter kassa", "Hyra kvartal", "Resa utbildning"}

// GenerateRegion writes a synthetic region's extracts to dir.
func GenerateRegion(dir string, spec RegionSpec) (*RegionFiles, error) {
	if spec.RowsPerYear < 100 || spec.Employees < 1 || spec.CostCenters < 1 || spec.FirstYear < 1900 {
		return nil, fmt.Errorf("region: too small a region: %+v", spec)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	g := &regionGen{spec: spec, dir: dir, ccs: regionCostCenters(spec), accts: regionAccounts()}
	g.cum = make([]float64, len(g.accts))
	total := 0.0
	for i, a := range g.accts {
		total += a.weight
		g.cum[i] = total
	}
	for i := range g.cum {
		g.cum[i] /= total
	}
	g.ccCum = make([]float64, len(g.ccs))
	total = 0
	for i, c := range g.ccs {
		total += c.size
		g.ccCum[i] = total
	}
	for i := range g.ccCum {
		g.ccCum[i] /= total
	}
	f := &RegionFiles{}
	steps := []func(*RegionFiles) error{g.mappings, g.ledger, g.budget, g.hr}
	for _, step := range steps {
		if err := step(f); err != nil {
			return nil, fmt.Errorf("region: %w", err)
		}
	}
	return f, nil
}

type regionGen struct {
	spec  RegionSpec
	dir   string
	ccs   []regionCC
	accts []regionAccount
	cum   []float64 // cumulative account weights
	ccCum []float64 // cumulative cost-center sizes
}

func (g *regionGen) path(name string) string { return filepath.Join(g.dir, name) }

func writeFile(path string, fn func(w *bufio.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := fn(w); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (g *regionGen) mappings(f *RegionFiles) error {
	f.Accounts, f.Org = g.path("kontoplan.csv"), g.path("organisation.csv")
	err := writeFile(f.Accounts, func(w *bufio.Writer) error {
		w.WriteString("Konto;Typ;Kategori;Underkategori;Namn\n")
		w.WriteString("1000-2999;Balans;Balansräkning;;\n")
		w.WriteString("3000-3999;Intäkt;Intäkter;;\n")
		w.WriteString("4000-4999;Kostnad;Personal;;\n")
		w.WriteString("5000-5099;Kostnad;Köpt vård;;\n")
		w.WriteString("5100-7799;Kostnad;Övriga kostnader;;\n")
		w.WriteString("5500-5599;Kostnad;Läkemedel;;\n")
		w.WriteString("7800-7899;Kostnad;Avskrivningar;;\n")
		return nil
	})
	if err != nil {
		return err
	}
	return writeFile(f.Org, func(w *bufio.Writer) error {
		w.WriteString("Ansvar;Benämning;Enhet;Division\n")
		for _, c := range g.ccs {
			fmt.Fprintf(w, "%s;%s;%s;%s\n", c.code, c.name, c.unit, c.division)
		}
		return nil
	})
}

func pick(cum []float64, u float64) int {
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] < u {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// ledgerSink receives the ledger lines of one voucher.
type ledgerLine struct {
	month        Month
	day          int
	account      int
	cc, project  string
	ore          int64
	text         int
	voucher      int
	balanceEntry bool
}

// ledger writes each year as Swedish CSV and as SIE 4, the same lines.
// A voucher is three to five lines and one balancing line on 2440
// (leverantörsskulder) without dimensions.
func (g *regionGen) ledger(f *RegionFiles) error {
	cp437 := make([][]byte, len(regionTexts))
	for i, t := range regionTexts {
		b, err := charmap.CodePage437.NewEncoder().Bytes([]byte(t))
		if err != nil {
			return err
		}
		cp437[i] = b
	}
	for yi := 0; yi < 2; yi++ {
		year := g.spec.FirstYear + yi
		rng := rand.New(rand.NewPCG(g.spec.Seed, uint64(10+yi)))
		csvPath := g.path(fmt.Sprintf("huvudbok_%d.csv", year))
		siePath := g.path(fmt.Sprintf("huvudbok_%d.se", year))
		f.LedgerCSV = append(f.LedgerCSV, csvPath)
		f.LedgerSIE = append(f.LedgerSIE, siePath)
		files := []string{csvPath, siePath}
		var next *os.File
		var nextW *bufio.Writer
		lastMonth := 12
		if yi == 1 && g.spec.HoldLastMonth {
			lastMonth = 11
			f.NextLedgerCSV = g.path(fmt.Sprintf("huvudbok_%d-12.csv", year))
			f.NextMonth = Month{year, 12}
			var err error
			if next, err = os.Create(f.NextLedgerCSV); err != nil {
				return err
			}
			nextW = bufio.NewWriterSize(next, 1<<20)
			nextW.WriteString("Period;Konto;Ansvar;Projekt;Belopp;Text\n")
		}
		f.LastMonth = Month{year, time.Month(lastMonth)}
		outs := make([]*os.File, 2)
		ws := make([]*bufio.Writer, 2)
		for i, p := range files {
			o, err := os.Create(p)
			if err != nil {
				return err
			}
			outs[i], ws[i] = o, bufio.NewWriterSize(o, 1<<20)
		}
		csvW, sieW := ws[0], ws[1]
		csvW.WriteString("Period;Konto;Ansvar;Projekt;Belopp;Text\n")
		g.sieHeader(sieW, year)
		perMonth := g.spec.RowsPerYear / 12
		voucher := 0
		var line []byte
		var lines []ledgerLine
		for m := 1; m <= 12; m++ {
			target := perMonth
			if m == 12 {
				target = g.spec.RowsPerYear - 11*perMonth
			}
			w := csvW
			if m > lastMonth {
				w = nextW
			}
			for n := 0; n < target; {
				voucher++
				k := 3 + rng.IntN(3)
				if n+k+1 > target {
					k = target - n - 1
				}
				day := 1 + rng.IntN(28)
				lines = lines[:0]
				var sum int64
				text := rng.IntN(len(regionTexts))
				for j := 0; j < k; j++ {
					a := g.accts[pick(g.cum, rng.Float64())]
					c := g.ccs[pick(g.ccCum, rng.Float64())]
					ore := int64(a.size * (0.2 + 1.6*rng.Float64()) * 100)
					if a.revenue {
						ore = -ore
					}
					if rng.IntN(50) == 0 {
						ore = -ore // corrections
					}
					proj := ""
					if rng.IntN(6) == 0 {
						proj = "P" + strconv.Itoa(100+rng.IntN(300))
					}
					lines = append(lines, ledgerLine{Month{year, time.Month(m)}, day, a.account, c.code, proj, ore, text, voucher, false})
					sum += ore
				}
				if k >= 0 {
					lines = append(lines, ledgerLine{Month{year, time.Month(m)}, day, 2440, "", "", -sum, text, voucher, true})
				}
				for i := range lines {
					line = appendLedgerCSV(line[:0], &lines[i])
					w.Write(line)
				}
				if m <= lastMonth {
					f.LedgerRows += int64(len(lines))
				} else {
					f.NextLedgerRows += int64(len(lines))
				}
				// The SIE file holds the same lines; the held-back month too,
				// as the year's file is the year's.
				if m <= lastMonth {
					writeSIEVoucher(sieW, lines, cp437)
				}
				n += len(lines)
			}
		}
		for i, o := range outs {
			if err := ws[i].Flush(); err != nil {
				return err
			}
			if err := o.Close(); err != nil {
				return err
			}
		}
		if next != nil {
			if err := nextW.Flush(); err != nil {
				return err
			}
			if err := next.Close(); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendLedgerCSV(b []byte, l *ledgerLine) []byte {
	b = strconv.AppendInt(b, int64(l.month.Year), 10)
	b = append(b, '-', byte('0'+int(l.month.Mon)/10), byte('0'+int(l.month.Mon)%10), ';')
	b = strconv.AppendInt(b, int64(l.account), 10)
	b = append(b, ';')
	b = append(b, l.cc...)
	b = append(b, ';')
	b = append(b, l.project...)
	b = append(b, ';')
	b = appendOreComma(b, l.ore)
	b = append(b, ';')
	b = append(b, regionTexts[l.text]...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(l.voucher), 10)
	return append(b, '\n')
}

func appendOreComma(b []byte, ore int64) []byte {
	if ore < 0 {
		b = append(b, '-')
		ore = -ore
	}
	b = strconv.AppendInt(b, ore/100, 10)
	return append(b, ',', byte('0'+ore%100/10), byte('0'+ore%10))
}

func (g *regionGen) sieHeader(w *bufio.Writer, year int) {
	fmt.Fprintf(w, "#FLAGGA 0\n#PROGRAM \"tertial bench\" 1\n#FORMAT PC8\n#GEN %d0115\n#SIETYP 4\n#ORGNR 232100-0000\n", year+1)
	w.WriteString("#FNAMN \"Region Syntet\"\n")
	fmt.Fprintf(w, "#RAR 0 %d0101 %d1231\n#DIM 1 \"Ansvar\"\n#DIM 6 \"Projekt\"\n", year, year)
	fmt.Fprintf(w, "#KONTO 2440 \"Leverant\x94rsskulder\"\n")
	for _, a := range g.accts {
		name, _ := charmap.CodePage437.NewEncoder().String(a.name)
		fmt.Fprintf(w, "#KONTO %d \"%s\"\n", a.account, name)
	}
	for _, c := range g.ccs {
		name, _ := charmap.CodePage437.NewEncoder().String(c.name)
		fmt.Fprintf(w, "#OBJEKT 1 \"%s\" \"%s\"\n", c.code, name)
	}
}

func writeSIEVoucher(w *bufio.Writer, lines []ledgerLine, cp437 [][]byte) {
	l0 := &lines[0]
	var b []byte
	b = append(b, "#VER A "...)
	b = strconv.AppendInt(b, int64(l0.voucher), 10)
	b = append(b, ' ')
	b = appendSIEDate(b, l0)
	b = append(b, " \""...)
	b = append(b, cp437[l0.text]...)
	b = append(b, "\"\n{\n"...)
	for i := range lines {
		l := &lines[i]
		b = append(b, "   #TRANS "...)
		b = strconv.AppendInt(b, int64(l.account), 10)
		b = append(b, " {"...)
		if l.cc != "" {
			b = append(b, "1 \""...)
			b = append(b, l.cc...)
			b = append(b, '"')
		}
		if l.project != "" {
			b = append(b, " 6 \""...)
			b = append(b, l.project...)
			b = append(b, '"')
		}
		b = append(b, "} "...)
		ore := l.ore
		if ore < 0 {
			b = append(b, '-')
			ore = -ore
		}
		b = strconv.AppendInt(b, ore/100, 10)
		b = append(b, '.', byte('0'+ore%100/10), byte('0'+ore%10), ' ')
		b = appendSIEDate(b, l)
		b = append(b, " \""...)
		b = append(b, cp437[l.text]...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(l.voucher), 10)
		b = append(b, "\"\n"...)
	}
	b = append(b, "}\n"...)
	w.Write(b)
}

func appendSIEDate(b []byte, l *ledgerLine) []byte {
	b = strconv.AppendInt(b, int64(l.month.Year), 10)
	return append(b, byte('0'+int(l.month.Mon)/10), byte('0'+int(l.month.Mon)%10), byte('0'+l.day/10), byte('0'+l.day%10))
}

// budget writes a monthly budget per cost center and account group: the
// expected outcome of the generator's lines, a few per cent off.
func (g *regionGen) budget(f *RegionFiles) error {
	rng := rand.New(rand.NewPCG(g.spec.Seed, 3))
	// Expected kronor a month per account = lines a month × share × mean size.
	perMonth := float64(g.spec.RowsPerYear) / 12 * 0.8 // four of five lines are operating lines
	totalW := 0.0
	for _, a := range g.accts {
		totalW += a.weight
	}
	ccTotal := 0.0
	for _, c := range g.ccs {
		ccTotal += c.size
	}
	for yi := 0; yi < 2; yi++ {
		year := g.spec.FirstYear + yi
		p := g.path(fmt.Sprintf("budget_%d.csv", year))
		f.Budget = append(f.Budget, p)
		err := writeFile(p, func(w *bufio.Writer) error {
			w.WriteString("Period;Konto;Ansvar;Belopp\n")
			var b []byte
			for _, c := range g.ccs {
				for _, grp := range regionAccountGroups {
					exp := 0.0
					for _, a := range g.accts {
						if a.account >= grp.from && a.account <= grp.to {
							exp += perMonth * a.weight / totalW * c.size / ccTotal * a.size * 0.98 // corrections net ~2 %
						}
					}
					if grp.revenue {
						exp = -exp
					}
					level := 1 + 0.06*(rng.Float64()-0.5) + 0.02*float64(yi)
					for m := 1; m <= 12; m++ {
						b = b[:0]
						b = strconv.AppendInt(b, int64(year), 10)
						b = append(b, '-', byte('0'+m/10), byte('0'+m%10), ';')
						b = strconv.AppendInt(b, int64(grp.from), 10)
						b = append(b, ';')
						b = append(b, c.code...)
						b = append(b, ';')
						b = appendOreComma(b, int64(math.Round(exp*level*100)))
						b = append(b, '\n')
						w.Write(b)
						f.BudgetRows++
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

type regionPerson struct {
	id           string
	gender       byte
	birth        int
	cc           int
	form         string
	rate         int
	manager      string
	start, end   int // month index 0..23 of employment
	sickliness   float64
	longSickFrom int // month index of a long spell's start, -1 = none
}

// hr writes person-month hours per year and one file of absence spells.
func (g *regionGen) hr(f *RegionFiles) error {
	rng := rand.New(rand.NewPCG(g.spec.Seed, 4))
	persons := make([]regionPerson, 0, g.spec.Employees*11/10)
	managers := make([]string, len(g.ccs))
	newPerson := func(start int) regionPerson {
		i := len(persons)
		p := regionPerson{id: fmt.Sprintf("E%07d", i+1), birth: 1955 + rng.IntN(46), start: start, end: 23, longSickFrom: -1}
		if rng.IntN(10) < 7 { // 70 % women, as in health care
			p.gender = 'K'
		} else {
			p.gender = 'M'
		}
		p.cc = pick(g.ccCum, rng.Float64())
		switch r := rng.IntN(100); {
		case r < 85:
			p.form, p.rate = "tillsvidare", []int{100, 100, 100, 90, 75, 50}[rng.IntN(6)]
		case r < 95:
			p.form, p.rate = "visstid", 100
		default:
			p.form, p.rate = "timavlönad", 0
		}
		p.sickliness = 0.5 + rng.ExpFloat64()
		if rng.IntN(25) == 0 {
			p.longSickFrom = rng.IntN(24)
		}
		return p
	}
	for i := 0; i < g.spec.Employees; i++ {
		persons = append(persons, newPerson(0))
	}
	// Turnover: about one in a hundred leaves each month and is replaced.
	for m := 1; m < 24; m++ {
		for j := 0; j < g.spec.Employees/100; j++ {
			k := rng.IntN(g.spec.Employees)
			if persons[k].end == 23 && persons[k].start < m {
				persons[k].end = m - 1
				persons = append(persons, newPerson(m))
				persons[len(persons)-1].cc = persons[k].cc
			}
		}
	}
	for i := range persons {
		p := &persons[i]
		if managers[p.cc] == "" && p.form == "tillsvidare" && p.start == 0 && p.end == 23 {
			managers[p.cc] = p.id
		}
	}
	for i := range persons {
		p := &persons[i]
		if managers[p.cc] != p.id {
			p.manager = managers[p.cc]
		}
	}

	type spell struct {
		person      string
		first, last time.Time
		extent      int
		cause       string
	}
	var spells []spell
	for i := range persons {
		p := &persons[i]
		var sickUntil time.Time // a person's sick spells never overlap
		sick := func(first time.Time, days, extent int) {
			if !first.After(sickUntil.AddDate(0, 0, 1)) {
				return
			}
			last := first.AddDate(0, 0, days)
			spells = append(spells, spell{p.id, first, last, extent, "Sjuk"})
			sickUntil = last
		}
		for m := p.start; m <= p.end; m++ {
			year, mon := g.spec.FirstYear+m/12, time.Month(m%12+1)
			if p.longSickFrom == m {
				sick(time.Date(year, mon, 1+rng.IntN(28), 0, 0, 0, 0, time.UTC), 14+rng.IntN(200), []int{100, 100, 50, 25}[rng.IntN(4)])
				continue
			}
			if rng.Float64() < 0.12*p.sickliness {
				sick(time.Date(year, mon, 1+rng.IntN(28), 0, 0, 0, 0, time.UTC), rng.IntN(7), 100)
			}
			if rng.IntN(40) == 0 {
				first := time.Date(year, mon, 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)
				spells = append(spells, spell{p.id, first, first.AddDate(0, 0, rng.IntN(3)), 100, "Vård av barn"})
			}
		}
	}
	f.Spells = g.path("hr_franvaro.csv")
	err := writeFile(f.Spells, func(w *bufio.Writer) error {
		w.WriteString("Anställningsnummer;Orsak;Från;Till;Omfattning\n")
		for _, s := range spells {
			// A spell that ends after the extract was taken is still open.
			last := s.last.Format("2006-01-02")
			if g.spec.HoldLastMonth && !s.last.Before(time.Date(g.spec.FirstYear+1, 12, 1, 0, 0, 0, 0, time.UTC)) {
				last = ""
			}
			if g.spec.HoldLastMonth && !s.first.Before(time.Date(g.spec.FirstYear+1, 12, 1, 0, 0, 0, 0, time.UTC)) {
				continue
			}
			fmt.Fprintf(w, "%s;%s;%s;%s;%d\n", s.person, s.cause, s.first.Format("2006-01-02"), last, s.extent)
			f.SpellRows++
		}
		return nil
	})
	if err != nil {
		return err
	}

	header := "Månad;Anställningsnummer;Kön;Födelseår;Ansvar;Anställningsform;Sysselsättningsgrad;Ordinarie arbetstid;Arbetad tid;Mertid;Övertid;Närmaste chef\n"
	workingDays := func(year int, mon time.Month) int {
		n := 0
		for d := time.Date(year, mon, 1, 0, 0, 0, 0, time.UTC); d.Month() == mon; d = d.AddDate(0, 0, 1) {
			if IsWorkingDay(d) {
				n++
			}
		}
		return n
	}
	hours := func(w io.Writer, m int, rng *rand.Rand) int64 {
		year, mon := g.spec.FirstYear+m/12, time.Month(m%12+1)
		full := float64(workingDays(year, mon) * 8)
		var n int64
		var b []byte
		for i := range persons {
			p := &persons[i]
			if m < p.start || m > p.end {
				continue
			}
			sched := full * float64(p.rate) / 100
			worked := sched * (0.88 + 0.1*rng.Float64())
			extra, over := 0.0, 0.0
			if p.form == "timavlönad" {
				worked = float64(20 + rng.IntN(100))
			} else if p.rate < 100 && rng.IntN(4) == 0 {
				extra = float64(2 + rng.IntN(16))
			}
			if rng.IntN(8) == 0 {
				over = float64(1 + rng.IntN(12))
			}
			b = b[:0]
			b = strconv.AppendInt(b, int64(year), 10)
			b = append(b, '-', byte('0'+int(mon)/10), byte('0'+int(mon)%10), ';')
			b = append(b, p.id...)
			b = append(b, ';', p.gender, ';')
			b = strconv.AppendInt(b, int64(p.birth), 10)
			b = append(b, ';')
			b = append(b, g.ccs[p.cc].code...)
			b = append(b, ';')
			b = append(b, p.form...)
			b = append(b, ';')
			b = strconv.AppendInt(b, int64(p.rate), 10)
			b = append(b, ';')
			b = appendTenths(b, sched)
			b = append(b, ';')
			b = appendTenths(b, worked+extra+over)
			b = append(b, ';')
			b = appendTenths(b, extra)
			b = append(b, ';')
			b = appendTenths(b, over)
			b = append(b, ';')
			b = append(b, p.manager...)
			b = append(b, '\n')
			w.Write(b)
			n++
		}
		return n
	}
	for yi := 0; yi < 2; yi++ {
		year := g.spec.FirstYear + yi
		p := g.path(fmt.Sprintf("hr_timmar_%d.csv", year))
		f.Hours = append(f.Hours, p)
		hrng := rand.New(rand.NewPCG(g.spec.Seed, uint64(20+yi)))
		err := writeFile(p, func(w *bufio.Writer) error {
			w.WriteString(header)
			for m := 0; m < 12; m++ {
				if yi == 1 && m == 11 && g.spec.HoldLastMonth {
					break
				}
				f.HoursRows += hours(w, yi*12+m, hrng)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if yi == 1 && g.spec.HoldLastMonth {
			f.NextHours = g.path(fmt.Sprintf("hr_timmar_%d-12.csv", year))
			err := writeFile(f.NextHours, func(w *bufio.Writer) error {
				w.WriteString(header)
				f.NextHoursRows = hours(w, 23, hrng)
				return nil
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// appendTenths writes v with one decimal and a decimal comma.
func appendTenths(b []byte, v float64) []byte {
	t := int64(math.Round(v * 10))
	b = strconv.AppendInt(b, t/10, 10)
	if t%10 != 0 {
		b = append(b, ',', byte('0'+t%10))
	}
	return b
}
