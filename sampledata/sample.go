// Package sampledata is a fictional division shaped like the seed report's
// (Länsteknik: units Stab, IT, MT and Sterilteknik), with 2018 and 2019
// extracts in the formats real ones come in: a SIE 4 ledger (CP437), a
// Swedish CSV ledger (Windows-1252, ';', decimal comma), a monthly XLSX
// budget, an annual CSV budget spread by the loader, a forecast, the account
// mapping and the organisation. `go run ./sampledata/gen` regenerates them.
package sampledata

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/tertial/tertial/engine"
)

//go:embed *.csv *.se *.xlsx *.yaml texter
var files embed.FS

// Division is the sample's own division: --sample reports are its reports
// unless a unit or division is named (the organisation also holds the other
// parts of the region that its decisions and programme touch).
const Division = "Länsteknik"

// HRKey pseudonymises the sample's (fictional) employee numbers. Real
// extracts use a secret key from TERTIAL_HR_KEY, never one in the code.
const HRKey = "tertial-sample-key-not-secret"

// Extract is one sample file and how it is loaded.
type Extract struct {
	File string
	Opt  engine.LoadOptions
}

// Extracts lists the sample files in load order: mappings first, so that the
// ledger loads can report unmapped accounts.
var Extracts = []Extract{
	{"kontoplan.csv", engine.LoadOptions{Kind: engine.KindAccounts}},
	{"organisation.csv", engine.LoadOptions{Kind: engine.KindOrg}},
	{"huvudbok_2018.se", engine.LoadOptions{}},
	{"huvudbok_2019.csv", engine.LoadOptions{Kind: engine.KindLedger}},
	{"budget_2018.csv", engine.LoadOptions{Kind: engine.KindBudget}},
	{"budget_2019.xlsx", engine.LoadOptions{Kind: engine.KindBudget}},
	{"prognos_2019.csv", engine.LoadOptions{Kind: engine.KindForecast}},
	{"hr_timmar.csv", engine.LoadOptions{Kind: engine.KindHours, HRKey: HRKey}},
	{"hr_franvaro.xlsx", engine.LoadOptions{Kind: engine.KindAbsence, HRKey: HRKey}},
	{"budget_ovriga.csv", engine.LoadOptions{Kind: engine.KindBudget}},
	{"budgetbeslut.csv", engine.LoadOptions{Kind: engine.KindDecisions}},
	{"fvis_utfall.csv", engine.LoadOptions{Kind: engine.KindLedger}},
	{"program_fvis.yaml", engine.LoadOptions{Kind: engine.KindProgramme}},
	{"investeringar_2019.csv", engine.LoadOptions{Kind: engine.KindInvest}},
}

// Report inputs that are not extracts: the scorecard, the manually
// reported values and the economist's texts (texter/).
const (
	ScorecardFile = "styrkort.yaml"
	ManualFile    = "manuella_varden.csv"
	TextsDir      = "texter"
)

// Texts is the sample's texts folder (texter/), one folder per report month.
func Texts() fs.FS {
	sub, err := fs.Sub(files, TextsDir)
	if err != nil {
		panic(err) // TextsDir is embedded
	}
	return sub
}

// Read returns the content of one sample file.
func Read(name string) ([]byte, error) { return files.ReadFile(name) }

// Load loads every sample extract into s.
func Load(ctx context.Context, s *engine.Store) ([]*engine.LoadResult, error) {
	var out []*engine.LoadResult
	for _, e := range Extracts {
		data, err := files.ReadFile(e.File)
		if err != nil {
			return nil, err
		}
		res, err := s.LoadData(ctx, e.File, data, e.Opt)
		if err != nil {
			return nil, fmt.Errorf("sample: %w", err)
		}
		out = append(out, res)
	}
	return out, nil
}
