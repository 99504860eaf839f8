// Command gen writes the sample division's extracts into sampledata/: a
// fictional division shaped like the seed report's (Länsteknik, units IT, MT,
// Sterilteknik and Stab), with ledgers and budgets for 2018 and 2019 in the
// formats real extracts come in. It is deterministic: the same files every
// run. The year-to-date April totals are chosen so that the report for
// 2019-04 shows the seed report's printed economy figures; everything below
// them (months, cost centers, accounts, postings) is spread by a seeded
// random generator, and the report finds the totals again only through SQL.
//
//	go run ./sampledata/gen
package main

import (
	"bytes"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/tertial/tertial/engine"
)

type costCenter struct{ id, name, unit string }

var org = []costCenter{
	{"1000", "Divisionsledning", "Stab"},
	{"1100", "IT-drift", "IT"},
	{"1110", "IT-support", "IT"},
	{"1120", "Infrastruktur", "IT"},
	{"1200", "MT Norr", "MT"},
	{"1210", "MT Syd", "MT"},
	{"1220", "MT Dental", "MT"},
	{"1300", "Sterilteknik", "Sterilteknik"},
}

type account struct {
	id, name string
	weight   int
}

// line is a report line of the sample: its accounts and the cost centers
// that book on it, with weights.
type line struct {
	name     string
	accounts []account
	ccs      map[string]int
	// counter is the balance account the vouchers credit or debit.
	counter string
}

var lines = []line{
	{"Intäkter", []account{{"3511", "Försäljning av IT-tjänster", 55}, {"3521", "Försäljning av MT-tjänster", 45}},
		map[string]int{"1100": 30, "1110": 15, "1200": 25, "1210": 15, "1300": 15}, "1510"},
	{"Personal", []account{{"4011", "Månadslöner", 60}, {"4511", "Arbetsgivaravgifter", 31}, {"4711", "Pensionskostnader", 9}},
		map[string]int{"1000": 6, "1100": 18, "1110": 16, "1120": 12, "1200": 16, "1210": 12, "1220": 8, "1300": 12}, "2821"},
	{"PC-inköp", []account{{"5441", "Datorer och kringutrustning", 100}},
		map[string]int{"1110": 80, "1100": 20}, "2440"},
	{"MT-reservdelar", []account{{"5561", "Reservdelar medicinteknisk utrustning", 100}},
		map[string]int{"1200": 35, "1210": 25, "1220": 40}, "2440"},
	{"Övrigt", []account{{"5211", "Lokalhyror", 20}, {"5611", "Konsulttjänster IT", 30}, {"6211", "Licenser och programvara", 35}, {"7011", "Resor och logi", 15}},
		map[string]int{"1000": 10, "1100": 25, "1110": 15, "1120": 20, "1200": 10, "1210": 8, "1220": 6, "1300": 6}, "2440"},
	{"Avskrivningar", []account{{"7811", "Avskrivningar IT-utrustning", 45}, {"7821", "Avskrivningar MT-utrustning", 55}},
		map[string]int{"1120": 45, "1200": 30, "1210": 15, "1300": 10}, "1229"},
}

// ytd holds the January–April totals in kronor, ledger sign (costs +,
// revenues -). These are the seed report's figures; see README "Sample data".
var ytd = map[int]map[string]int64{
	2019: {"Intäkter": -69_331_336, "Personal": 32_533_999, "PC-inköp": 712_340, "MT-reservdelar": 9_594_193, "Övrigt": 21_813_522, "Avskrivningar": 6_077_282},
	2018: {"Intäkter": -66_140_000, "Personal": 32_465_224, "PC-inköp": 0, "MT-reservdelar": 5_049_575, "Övrigt": 21_075_867, "Avskrivningar": 5_306_925},
}

// budgetYTD is the January–April period budget in kronor, ledger sign.
var budgetYTD = map[int]map[string]int64{
	2019: {"Intäkter": -69_620_055, "Personal": 37_500_000, "PC-inköp": 3_112_340, "MT-reservdelar": 6_194_193, "Övrigt": 19_813_522, "Avskrivningar": 5_200_000},
	2018: {"Intäkter": -66_000_000, "Personal": 33_000_000, "PC-inköp": 600_000, "MT-reservdelar": 5_000_000, "Övrigt": 21_000_000, "Avskrivningar": 5_400_000},
}

// fixedCC pins a line's year-to-date amount on one cost center: Sterilteknik
// took over its MT equipment without enough budget (the seed's −0,9 mnkr).
var fixedCC = map[int]map[string]map[string]int64{
	2019: {"MT-reservdelar": {"1300": 1_500_000}},
	2018: {"MT-reservdelar": {"1300": 250_000}},
}
var fixedBudgetCC = map[int]map[string]map[string]int64{
	2019: {"MT-reservdelar": {"1300": 600_000}},
	2018: {"MT-reservdelar": {"1300": 250_000}},
}

// later gives the level of May–December relative to the January–April
// monthly average, per line (summer and year-end shape).
var later = map[string][8]int{
	"Intäkter":       {100, 98, 70, 85, 102, 104, 103, 112},
	"Personal":       {100, 112, 140, 92, 100, 101, 100, 108},
	"PC-inköp":       {90, 80, 40, 120, 130, 120, 110, 150},
	"MT-reservdelar": {95, 90, 70, 100, 105, 100, 95, 110},
	"Övrigt":         {100, 95, 80, 100, 105, 100, 100, 125},
	"Avskrivningar":  {100, 100, 100, 102, 102, 103, 104, 105},
}

type posting struct {
	year, month int
	line        string
	account     string
	cc          string
	project     string
	activity    string
	ore         int64
	text        string
}

func main() {
	dir := "sampledata"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := generate(dir); err != nil {
		log.Fatal(err)
	}
}

// generate writes every sample file into dir.
func generate(dir string) error {
	rng := rand.New(rand.NewPCG(2019, 4))
	ledger := map[int][]posting{}
	budget := map[int][]posting{}
	for _, y := range []int{2018, 2019} {
		ledger[y] = outcome(rng, y)
		budget[y] = budgetRows(y)
	}
	for _, write := range []func() error{
		func() error { return writeAccounts(filepath.Join(dir, "kontoplan.csv")) },
		func() error { return writeOrg(filepath.Join(dir, "organisation.csv")) },
		func() error { return writeSIE(filepath.Join(dir, "huvudbok_2018.se"), ledger[2018]) },
		func() error { return writeLedgerCSV(filepath.Join(dir, "huvudbok_2019.csv"), ledger[2019]) },
		func() error { return writeBudgetCSV(filepath.Join(dir, "budget_2018.csv"), budget[2018]) },
		func() error { return writeBudgetXLSX(filepath.Join(dir, "budget_2019.xlsx"), budget[2019]) },
		func() error { return writeForecast(filepath.Join(dir, "prognos_2019.csv")) },
		func() error { return writeHR(dir, rand.New(rand.NewPCG(2019, 12))) },
		func() error { return writeOtherBudgets(filepath.Join(dir, "budget_ovriga.csv")) },
		func() error { return writeDecisions(filepath.Join(dir, "budgetbeslut.csv")) },
		func() error {
			return writeFVISLedger(filepath.Join(dir, "fvis_utfall.csv"), rand.New(rand.NewPCG(2020, 1)))
		},
		func() error { return writeProgramme(filepath.Join(dir, "program_fvis.yaml")) },
		func() error {
			return writeInvestments(filepath.Join(dir, "investeringar_2019.csv"), rand.New(rand.NewPCG(2019, 5)))
		},
	} {
		if err := write(); err != nil {
			return err
		}
	}
	return nil
}

// split divides total öre by weights exactly, as the loader spreads budgets.
func split(total int64, weights []int) []int64 {
	w := make([]int64, len(weights))
	for i, x := range weights {
		w[i] = int64(x)
	}
	return engine.SplitOre(total, w)
}

func jitter(rng *rand.Rand, n, lo, hi int) []int {
	w := make([]int, n)
	for i := range w {
		w[i] = lo + rng.IntN(hi-lo+1)
	}
	return w
}

// byCC splits a line's total over its cost centers, honouring pins.
func byCC(l line, total int64, pins map[string]int64) map[string]int64 {
	out := map[string]int64{}
	rest := total
	var ids []string
	var ws []int
	for _, cc := range sortedKeys(l.ccs) {
		if v, ok := pins[cc]; ok {
			out[cc] = v * 100
			if total < 0 {
				out[cc] = -out[cc]
			}
			rest -= out[cc]
			continue
		}
		ids = append(ids, cc)
		ws = append(ws, l.ccs[cc])
	}
	if pins != nil {
		for cc, v := range pins {
			if _, ok := l.ccs[cc]; !ok {
				out[cc] = v * 100
				rest -= out[cc]
			}
		}
	}
	for i, v := range split(rest, ws) {
		out[ids[i]] = v
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

var texts = map[string][]string{
	"Intäkter":       {"Internfakturering IT-tjänster", "Internfakturering MT-service", "Debitering förvaltningsobjekt"},
	"Personal":       {"Lönekörning", "Lönekörning, tillägg", "Semesterlöneskuld"},
	"PC-inköp":       {"Bärbara datorer, ramavtal", "Stationära datorer", "Skärmar och dockor"},
	"MT-reservdelar": {"Reservdelar dentalutrustning", "Reservdelar diskdesinfektorer", "Reservdelar ultraljud", "Reservdelar autoklaver"},
	"Övrigt":         {"Hyra Sunderby", "Konsult IT-säkerhet", "Licenser Microsoft", "Resa Stockholm – Inera"},
	"Avskrivningar":  {"Planenliga avskrivningar", "Avskrivningar enligt anläggningsregister"},
}

// outcome makes the year's postings: January–April sum exactly to ytd per
// line (and to the pins per cost center); May–December follow `later`.
func outcome(rng *rand.Rand, y int) []posting {
	var ps []posting
	for _, l := range lines {
		total := ytd[y][l.name] * 100
		// four months, then each month's amount over cost centers
		monthW := jitter(rng, 4, 92, 108)
		if l.name == "PC-inköp" && y == 2019 {
			monthW = []int{0, 10, 35, 55} // purchases resumed after the Windows 10 stop
		}
		perCC := byCC(l, total, fixedCC[y][l.name])
		amounts := map[[2]int]map[string]int64{} // (month) -> cc -> öre
		for _, cc := range sortedKeys(perCC) {
			for m, v := range split(perCC[cc], monthW) {
				k := [2]int{m + 1, 0}
				if amounts[k] == nil {
					amounts[k] = map[string]int64{}
				}
				amounts[k][cc] = v
			}
		}
		avg := total / 4
		for m := 5; m <= 12; m++ {
			lvl := later[l.name][m-5]
			mt := avg / 100 * int64(lvl+rng.IntN(7)-3)
			if y == 2018 && l.name == "PC-inköp" && m < 9 {
				mt = 0 // no PC purchases until the Windows 10 problems were solved
			}
			if y == 2018 && l.name == "PC-inköp" && m >= 9 {
				mt = 180_000_00 * int64(lvl) / 100
			}
			k := [2]int{m, 0}
			amounts[k] = map[string]int64{}
			ccw := byCC(l, mt, nil)
			for cc, v := range ccw {
				amounts[k][cc] = v
			}
		}
		for m := 1; m <= 12; m++ {
			for _, cc := range sortedKeys(amounts[[2]int{m, 0}]) {
				v := amounts[[2]int{m, 0}][cc]
				if v == 0 {
					continue
				}
				aw := make([]int, len(l.accounts))
				for i, a := range l.accounts {
					aw[i] = a.weight
				}
				for ai, av := range split(v, aw) {
					if av == 0 {
						continue
					}
					n := 1 + rng.IntN(3)
					for _, pv := range split(av, jitter(rng, n, 60, 140)) {
						p := posting{year: y, month: m, line: l.name, account: l.accounts[ai].id, cc: cc, ore: pv}
						p.text = texts[l.name][rng.IntN(len(texts[l.name]))]
						if l.name == "Övrigt" && cc == "1120" {
							p.project = "P2019-07"
						}
						if strings.HasPrefix(cc, "11") {
							p.activity = "IT"
						} else if strings.HasPrefix(cc, "12") || cc == "1300" {
							p.activity = "MT"
						}
						ps = append(ps, p)
					}
				}
			}
		}
	}
	return ps
}

// budgetRows makes a monthly budget: January–April sum to budgetYTD, the
// rest of the year continues at the same monthly level.
func budgetRows(y int) []posting {
	var ps []posting
	for _, l := range lines {
		total := budgetYTD[y][l.name] * 100
		perCC := byCC(l, total, fixedBudgetCC[y][l.name])
		for _, cc := range sortedKeys(perCC) {
			months := split(perCC[cc], []int{1, 1, 1, 1})
			for m := 5; m <= 12; m++ {
				months = append(months, months[(m-1)%4])
			}
			aw := make([]int, len(l.accounts))
			for i, a := range l.accounts {
				aw[i] = a.weight
			}
			for m, v := range months {
				for ai, av := range split(v, aw) {
					ps = append(ps, posting{year: y, month: m + 1, line: l.name, account: l.accounts[ai].id, cc: cc, ore: av})
				}
			}
		}
	}
	return ps
}

// kr formats öre the Swedish way: "-1 234,50" (space thousands, comma).
func kr(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := fmt.Sprint(v / 100)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	out := fmt.Sprintf("%s,%02d", b.String(), v%100)
	if neg {
		out = "-" + out
	}
	return out
}

func plain(v int64) string {
	s := fmt.Sprintf("%d.%02d", abs(v)/100, abs(v)%100)
	if v < 0 {
		s = "-" + s
	}
	return s
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func writeAccounts(path string) error {
	rows := []string{
		"Konto;Typ;Kategori;Underkategori;Namn",
		"1000-2999;Balans;Balansräkning;;",
		"3000-3999;Intäkt;Intäkter;;",
		"4000-4999;Kostnad;Personal;;",
		"5000-7799;Kostnad;Övriga kostnader;Övrigt;",
		"5441;Kostnad;Övriga kostnader;PC-inköp;Datorer och kringutrustning",
		"5561;Kostnad;Övriga kostnader;MT-reservdelar;Reservdelar medicinteknisk utrustning",
		"7800-7899;Kostnad;Avskrivningar;;",
		"8000-8999;Finansiell;Finansiella poster;;",
	}
	return os.WriteFile(path, []byte(strings.Join(rows, "\r\n")+"\r\n"), 0o644)
}

func writeOrg(path string) error {
	var b strings.Builder
	b.WriteString("Ansvar;Benämning;Enhet;Division\n")
	for _, c := range org {
		fmt.Fprintf(&b, "%s;%s;%s;Länsteknik\n", c.id, c.name, c.unit)
	}
	// The rest of the region that the sample's decisions and programme touch.
	b.WriteString("9000;Strategiska budgetmedel;Strategiska medel;Regionstyrelsen\n")
	b.WriteString("9100;IT-kostnader RUN;Regionala utvecklingsnämnden;Regionala utvecklingsnämnden\n")
	b.WriteString("9200;IT-kostnader RS;Regionstyrelsen IT;Regionstyrelsen\n")
	b.WriteString("9300;FVIS programkontor;FVIS;Digitalisering\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// writeOtherBudgets gives the budgets the decisions move money from: the
// strategic funds in 2019 and the two committees' IT budgets in 2025.
func writeOtherBudgets(path string) error {
	rows := []string{
		"År;Konto;Ansvar;Belopp",
		"2019;7690;9000;50 000 000",
		"2025;6540;9100;5 600 000",
		"2025;6550;9100;878 000",
		"2025;6551;9100;241 000",
		"2025;6540;9200;20 000 000",
	}
	return os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644)
}

// writeDecisions writes decisions in the shape of the seeds: RS 1572-2019
// (7 mkr from strategic funds to the division) and RUN/243/2024 (6,7 mkr in
// three lines between two committees from 1 January 2025).
func writeDecisions(path string) error {
	rows := []string{
		"Referens;Beslutsdatum;Beslutad av;Från;Till;Belopp;Konto;Kategori;Gäller från;Text",
		"RS 1572-2019;2019-04-15;Regionstyrelsen;9000;Länsteknik;7 000 000;;Övriga kostnader;2019-05;Omfördelning ur strategiska budgetmedel för kostnader för FVIS-programmet",
		"RUN/243/2024;2024-06-12;Regionstyrelsen;Regionala utvecklingsnämnden;Regionstyrelsen IT;5 600 000;6540;;2025-01;IT-tjänster",
		"RUN/243/2024;2024-06-12;Regionstyrelsen;Regionala utvecklingsnämnden;Regionstyrelsen IT;878 000;6550;;2025-01;Dataprogram",
		"RUN/243/2024;2024-06-12;Regionstyrelsen;Regionala utvecklingsnämnden;Regionstyrelsen IT;241 000;6551;;2025-01;Office 365",
	}
	return os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644)
}

// fvisOutcome is the FVIS programme's yearly outcome in kronor, chosen with
// the forecasts in program_fvis.yaml so that the programme is forecast 69
// mkr over budget, with a 2024 deficit of 74 mkr (5 mkr of it contingency)
// and 2025 within budget.
var fvisOutcome = map[int]int64{2020: 62_000_000, 2021: 74_000_000, 2022: 79_000_000, 2023: 80_000_000}

func writeFVISLedger(path string, rng *rand.Rand) error {
	var b strings.Builder
	b.WriteString("Period;Konto;Ansvar;Projekt;Belopp;Text\n")
	accounts := []struct {
		acct, text string
		w          int
	}{{"4011", "Programorganisation, löner", 40}, {"5611", "Konsulter införande", 35}, {"6540", "IT-tjänster Cosmic", 25}}
	for _, y := range []int{2020, 2021, 2022, 2023} {
		months := split(fvisOutcome[y]*100, jitter(rng, 12, 70, 130))
		for m, v := range months {
			w := []int{}
			for _, a := range accounts {
				w = append(w, a.w)
			}
			for i, av := range split(v, w) {
				fmt.Fprintf(&b, "%d-%02d;%s;9300;FVIS;%s;%s\n", y, m+1, accounts[i].acct, kr(av), accounts[i].text)
			}
		}
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

func writeProgramme(path string) error {
	def := `# FVIS: Framtidens vårdinformationsstöd (seed: RS 577-2024)
name: FVIS
title: Framtidens vårdinformationsstöd
owner: Programägare FVIS
years: [2020, 2025]
budget_per_year: 75000000
outcome:
  project: FVIS
forecasts:
  - made: 2023-06
    years: {2024: 118000000, 2025: 80000000}
  - made: 2023-12
    years: {2024: 144000000, 2025: 75000000}
    contingency: {2024: 5000000}
`
	return os.WriteFile(path, []byte(def), 0o644)
}

// writeSIE writes a SIE 4 file in CP437 with one voucher per month and line
// and cost center, balanced against the line's counter account.
func writeSIE(path string, ps []posting) error {
	var b strings.Builder
	b.WriteString("#FLAGGA 0\n#PROGRAM \"Raindance Ekonomi\" 2018.4\n#FORMAT PC8\n#GEN 20190115\n#SIETYP 4\n")
	b.WriteString("#ORGNR 232100-0230\n#FNAMN \"Region Exempel, division Länsteknik\"\n")
	b.WriteString("#RAR 0 20180101 20181231\n#RAR -1 20170101 20171231\n")
	b.WriteString("#DIM 1 \"Ansvar\"\n#DIM 6 \"Projekt\"\n")
	names := map[string]string{"1229": "Ack avskrivningar inventarier", "1510": "Kundfordringar", "2440": "Leverantörsskulder", "2821": "Löneskulder"}
	for _, l := range lines {
		for _, a := range l.accounts {
			names[a.id] = a.name
		}
	}
	for _, a := range sortedKeys(names) {
		fmt.Fprintf(&b, "#KONTO %s \"%s\"\n", a, names[a])
	}
	for _, c := range org {
		fmt.Fprintf(&b, "#OBJEKT 1 \"%s\" \"%s\"\n", c.id, c.name)
	}
	type key struct {
		month    int
		line, cc string
	}
	groups := map[key][]posting{}
	var keys []key
	for _, p := range ps {
		k := key{p.month, p.line, p.cc}
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], p)
	}
	sort.SliceStable(keys, func(i, j int) bool { return keys[i].month < keys[j].month })
	counter := map[string]string{}
	for _, l := range lines {
		counter[l.name] = l.counter
	}
	nr := 0
	for _, k := range keys {
		nr++
		day := 25
		if k.line == "Avskrivningar" {
			day = 28
		}
		date := fmt.Sprintf("2018%02d%02d", k.month, day)
		g := groups[k]
		fmt.Fprintf(&b, "#VER A %d %s \"%s\" %s\n{\n", nr, date, g[0].text, date)
		var sum int64
		for _, p := range g {
			obj := fmt.Sprintf("{1 \"%s\"}", p.cc)
			if p.project != "" {
				obj = fmt.Sprintf("{1 \"%s\" 6 \"%s\"}", p.cc, p.project)
			}
			fmt.Fprintf(&b, "   #TRANS %s %s %s %s \"%s\"\n", p.account, obj, plain(p.ore), date, p.text)
			sum += p.ore
		}
		fmt.Fprintf(&b, "   #TRANS %s {} %s %s \"%s\"\n}\n", counter[k.line], plain(-sum), date, g[0].text)
	}
	// CP437 has no en dash; SIE exporters write a hyphen.
	enc, err := charmap.CodePage437.NewEncoder().String(strings.ReplaceAll(b.String(), "–", "-"))
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(strings.ReplaceAll(enc, "\n", "\r\n")), 0o644)
}

// writeLedgerCSV writes the 2019 ledger as an ERP export: Windows-1252,
// ';', decimal comma, space thousands, CRLF.
func writeLedgerCSV(path string, ps []posting) error {
	var b strings.Builder
	b.WriteString("Period;Konto;Ansvar;Projekt;Verksamhet;Belopp;Text\r\n")
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].month < ps[j].month })
	for _, p := range ps {
		text := p.text
		if strings.Contains(text, ";") {
			text = `"` + text + `"`
		}
		fmt.Fprintf(&b, "%d%02d;%s;%s;%s;%s;%s;%s\r\n", p.year, p.month, p.account, p.cc, p.project, p.activity, kr(p.ore), text)
	}
	enc, err := charmap.Windows1252.NewEncoder().String(b.String())
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(enc), 0o644)
}

// writeBudgetCSV writes annual amounts (År column) that the loader spreads
// evenly over the months.
func writeBudgetCSV(path string, ps []posting) error {
	annual := map[[2]string]int64{}
	var keys [][2]string
	for _, p := range ps {
		k := [2]string{p.account, p.cc}
		if _, ok := annual[k]; !ok {
			keys = append(keys, k)
		}
		annual[k] += p.ore
	}
	var b bytes.Buffer
	b.WriteString("\ufeffÅr;Konto;Kostnadsställe;Belopp\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "2018;%s;%s;%s\n", k[0], k[1], kr(annual[k]))
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// writeBudgetXLSX writes the monthly 2019 budget as a workbook with numeric
// cells, as budget tools export it.
func writeBudgetXLSX(path string, ps []posting) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Budget 2019"
	f.SetSheetName("Sheet1", sheet)
	f.SetSheetRow(sheet, "A1", &[]any{"Period", "Konto", "Ansvar", "Belopp"})
	for i, p := range ps {
		cell := fmt.Sprintf("A%d", i+2)
		amount := float64(p.ore) / 100
		if err := f.SetSheetRow(sheet, cell, &[]any{fmt.Sprintf("%d-%02d", p.year, p.month), p.account, p.cc, amount}); err != nil {
			return err
		}
	}
	f.SetDocProps(&excelize.DocProperties{Creator: "tertial sampledata", Created: "2019-01-10T00:00:00Z", Modified: "2019-01-10T00:00:00Z"})
	return f.SaveAs(path)
}

// writeForecast writes two forecasts of 2019: February's and April's.
func writeForecast(path string) error {
	rows := []string{
		"Prognosmånad;Division;Kategori;Avvikelse;Kommentar",
		"2019-02;Länsteknik;Personal;3 000 000;Vakanser",
		"2019-02;Länsteknik;Avskrivningar;-2 000 000;Investeringar 2018",
		"2019-04;Länsteknik;Personal;6 000 000;Vakanta tjänster tillsätts inte 1:1",
		"2019-04;Länsteknik;Intäkter;-1 000 000;Lägre debitering",
		"2019-04;Länsteknik;Avskrivningar;-3 000 000;Högre investeringstakt de senaste åren",
	}
	return os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644)
}

// writeInvestments writes the division's 2019 investments: frames, monthly
// outcome on earlier and this year's decisions, and the April forecast, so
// that the report shows the seed's table (mnkr): IT 27,0 / 2,9 / 0,0 /
// 2,9 / 16,0 and MT 55,0 / 22,5 / 1,3 / 23,8 / 40,0.
func writeInvestments(path string, rng *rand.Rand) error {
	rows := []string{"Typ;Period;Kategori;Beslutsår;Division;Belopp;Text"}
	rows = append(rows,
		"Ram;2019;IT;;Länsteknik;27 000 000;Av landstingsstyrelsen beslutad ram 2019",
		"Ram;2019;MT;;Länsteknik;55 000 000;Av landstingsstyrelsen beslutad ram 2019")
	outcome := []struct {
		cat   string
		year  int
		total int64
		texts []string
	}{
		{"IT", 2018, 2_912_340_00, []string{"Trådlöst nätverk", "Videokonferens", "Skrivare", "Servrar"}},
		{"MT", 2017, 9_870_400_00, []string{"Röntgenutrustning", "Ultraljud"}},
		{"MT", 2018, 12_598_500_00, []string{"Dentalutrustning", "Patientövervakning", "Diskdesinfektorer"}},
		{"MT", 2019, 1_287_450_00, []string{"Infusionspumpar"}},
	}
	for _, o := range outcome {
		for m, v := range split(o.total, jitter(rng, 4, 50, 150)) {
			rows = append(rows, fmt.Sprintf("Utfall;2019-%02d;%s;%d;Länsteknik;%s;%s", m+1, o.cat, o.year, kr(v), o.texts[rng.IntN(len(o.texts))]))
		}
	}
	rows = append(rows,
		"Prognos;2019-04;IT;;Länsteknik;16 000 000;Beräknad årsprognos",
		"Prognos;2019-04;MT;;Länsteknik;40 000 000;Beräknad årsprognos, vilande ärenden p.g.a. upphandlingar")
	return os.WriteFile(path, []byte(strings.Join(rows, "\n")+"\n"), 0o644)
}
