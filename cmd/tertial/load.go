package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tertial/tertial/engine"
)

func (a *app) loadCmd() *cobra.Command {
	var opt engine.LoadOptions
	var kind string
	var columns []string
	var columnMap string
	cmd := &cobra.Command{
		Use:   "load [--kind KIND] FILE...",
		Short: "Load extracts into the database, each in one transaction",
		Long: `Load reads extracts into the database. Each file is one transaction: it loads whole or
not at all. A file whose content was loaded before is skipped. A newer extract from the same
source replaces every row of the months it covers (first to last period), so monthly
re-exports never double count. The source is --source, or for SIE the organisation number,
or else the kind and the file name without digits ("huvudbok_2019-04.csv" → ledger:huvudbok).

Kinds:
  sie          SIE 4: vouchers or period balances, period budget, account names (told from the file)
  ledger       ledger rows, one per posting or account-month
  budget       monthly or annual budget rows (--version, --spread)
  forecast     forecast deviation per category against the annual budget
  accounts     account ranges → kind, category, subcategory (replaces the mapping)
  org          cost center → unit → division (replaces the organisation)
  hours        HR person-month hours (person ids hashed with $TERTIAL_HR_KEY)
  absence      HR absence spells (sick leave and other causes)
  sick_hours   HR sick hours per person-month, already split short/long
  decisions    budget reallocation decisions between units
  investments  investment frames, outcome and forecasts
  programme    a multi-year programme definition (YAML)
Formats: SIE 4 (.se/.si), Swedish CSV (';' ',' or tab, decimal comma or point,
UTF-8/Windows-1252/Latin-1), XLSX and Parquet. README.md lists each kind's columns.`,
		Example: `  tertial load --kind accounts kontoplan.csv
  tertial load huvudbok_2018.se
  tertial load --kind ledger --source huvudbok huvudbok_2019-04.csv
  tertial load --kind budget --version budget --spread lastyear budget_2019.csv
  tertial load --kind ledger --column amount="Nettobelopp" export.csv
  tertial load --kind ledger --columns raindance.yaml export.csv
  TERTIAL_HR_KEY=… tertial load --kind hours hr_timmar.csv`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, files []string) error {
			opt.Kind = engine.Kind(kind)
			if kind != "" {
				if err := engine.CheckKind(opt.Kind); err != nil {
					return usageError{err} // before the files: the command is wrong, whatever they hold
				}
			}
			if err := engine.CheckSpread(opt.Spread); err != nil {
				return usageError{err}
			}
			if columnMap != "" {
				data, err := os.ReadFile(columnMap)
				if err != nil {
					return err
				}
				if opt.Columns, err = engine.ReadColumnMap(columnMap, data); err != nil {
					return err
				}
			}
			if len(columns) > 0 {
				if opt.Columns == nil {
					opt.Columns = map[string]string{}
				}
				for _, c := range columns {
					f, h, ok := strings.Cut(c, "=")
					if !ok {
						return usageError{fmt.Errorf("--column %q: expected FIELD=HEADER", c)}
					}
					opt.Columns[strings.TrimSpace(f)] = strings.TrimSpace(h)
				}
			}
			// A file that is not there is found before the database is
			// opened: a first load would otherwise leave an empty one.
			for _, f := range files {
				if st, err := os.Stat(f); err != nil {
					return fmt.Errorf("load: %w", err)
				} else if st.IsDir() {
					return fmt.Errorf("load: %s is a folder, not an extract", f)
				}
			}
			// A database this command creates is removed again when its
			// first load is refused: a schema without data would otherwise
			// stay behind, and the next command would take it for a load.
			path := a.dbFile()
			_, statErr := os.Stat(path)
			created := !a.sample && errors.Is(statErr, fs.ErrNotExist)
			s, err := a.open()
			if err != nil {
				return err
			}
			closed := false
			defer func() {
				if !closed {
					s.Close()
				}
			}()
			for i, f := range files {
				var done func()
				opt.Progress, done = a.loadProgress(f)
				res, err := s.LoadFile(a.ctx, f, opt)
				done()
				if err != nil {
					if created && i == 0 {
						closed = true
						s.Close()
						engine.RemoveDatabase(path)
					}
					return err
				}
				if res.Skipped {
					fmt.Fprintf(a.stdout, "unchanged %s: the same content was loaded before (load %d); nothing to do\n", f, res.Previous)
					continue
				}
				span := ""
				if res.Periods[0].Year != 0 {
					span = fmt.Sprintf(", months %s..%s", res.Periods[0], res.Periods[1])
				}
				fmt.Fprintf(a.stdout, "loaded %s: load %d, %s (%s), source %s%s, replaced %s\n",
					f, res.LoadID, countRows(res.Rows, ""), res.Format, res.Source, span, countRows(res.Replaced, "earlier "))
				for _, w := range res.Warnings {
					a.log.Warn(w, "file", f)
				}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&kind, "kind", "", "what the files hold: sie|ledger|budget|forecast|accounts|org|hours|absence|sick_hours|decisions|investments|programme (SIE is told from the file)")
	fl.StringVar(&opt.Source, "source", "", "replacement group (default: derived from the file)")
	fl.StringVar(&opt.Version, "version", "", "budget version (default "+engine.DefaultVersion+")")
	fl.StringVar(&opt.Sheet, "sheet", "", "XLSX sheet (default the first)")
	fl.StringVar(&opt.Spread, "spread", "", "annual budget amounts over months: even|profile:w1,…,w12|lastyear (default even)")
	fl.StringArrayVar(&columns, "column", nil, "map a field to the file's header, FIELD=HEADER (repeatable)")
	fl.StringVar(&columnMap, "columns", "", "YAML file of field: header lines, for other layouts")
	return cmd
}

// countRows is "1 row" or "n rows", with an adjective between: "2 earlier rows".
func countRows(n int64, adj string) string {
	if n == 1 {
		return "1 " + adj + "row"
	}
	return fmt.Sprintf("%d %srows", n, adj)
}
