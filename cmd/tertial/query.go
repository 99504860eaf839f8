package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chzyer/readline"
	"github.com/spf13/cobra"

	"github.com/tertial/tertial/charts"
	"github.com/tertial/tertial/engine"
	"github.com/tertial/tertial/sampledata"
)

func (a *app) sqlCmd() *cobra.Command {
	var format, output string
	var swedish bool
	cmd := &cobra.Command{
		Use:   `sql [--format FMT] ["SELECT …"]`,
		Short: "Run ad-hoc SQL, or open the SQL shell",
		Long: `Run SQL on the database; with no statement, open an interactive shell (line editing, history in
~/.tertial_history, statements ending with ';', tab completion, .help for its commands). Without a
terminal, the statements and dot-commands are read from standard input (tertial sql < checks.sql);
the first error ends them, with exit 1 and the line its statement starts on.

Read-only by default: the database cannot be changed and no file can be read or written from SQL.
--allow-write lifts both. Tables and views: ledger, budget, forecast, accounts, cost_centers, loads,
ledger_report, budget_report, budget_revised, staff, months … (tertial schema, docs/schema.md).`,
		Example: `  tertial sql "SELECT unit, sum(report_amount) FROM ledger_report WHERE year(period) = 2019 GROUP BY ALL"
  tertial --sample sql --format csv "FROM accounts"
  tertial sql --format parquet --output ledger.parquet "FROM ledger_report"
  tertial sql                       # the shell`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, done, err := a.openForSQL()
			if err != nil {
				return err
			}
			defer done()
			if len(args) == 0 {
				if f, ok := a.stdin.(*os.File); ok && readline.IsTerminal(int(f.Fd())) {
					return a.runShell(s, format, swedish)
				}
				return a.runScript(s, format, swedish)
			}
			if (format == "parquet" || format == "arrow") && output != "" {
				// Large results: streamed in record batches, never held whole.
				if err := streamArrow(a.ctx, s, args[0], format, output); err != nil {
					return fmt.Errorf("sql: %w", err)
				}
				return nil
			}
			t, err := s.Query(a.ctx, args[0])
			if err != nil {
				return fmt.Errorf("sql: %w", err)
			}
			return writeOutput(a.stdout, t, format, output, swedish)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output: table|csv|tsv|json|jsonl|markdown|xlsx|parquet|arrow")
	cmd.Flags().StringVar(&output, "output", "", "write to this file (required for xlsx, parquet and arrow)")
	cmd.Flags().BoolVar(&swedish, "swedish", false, "Swedish number format in tables (1 234,50; machine formats stay plain)")
	cmd.Flags().BoolVar(&a.allowWrite, "allow-write", false, "allow statements that change the database or read and write files")
	cmd.Flags().StringVar(&a.fromExport, "from-export", "", "query a Parquet export (tertial export) instead of a database")
	return cmd
}

type scopeFlags struct {
	period, unit, division, version string
	mask, fteHours                  int
	shortDays, longSpellDays        int
	original, maskComplements       bool
	programme, forecastVersion      string
}

// params are the queries' parameters the flags give, for the report month.
func (f *scopeFlags) params(period engine.Month) engine.Params {
	return engine.Params{Period: period, Unit: f.unit, Division: f.division, BudgetVersion: f.version, MaskThreshold: f.mask, MaskComplements: f.maskComplements,
		FTEHours: f.fteHours, OriginalBudget: f.original, Programme: f.programme, ShortDays: f.shortDays, LongSpellDays: f.longSpellDays,
		ForecastVersion: f.forecastVersion}
}

// sampleScope makes --sample reports and queries the sample division's
// unless a unit or division is named.
func (a *app) sampleScope(f *scopeFlags) {
	if a.sample && f.unit == "" && f.division == "" {
		f.division = sampledata.Division
	}
}

func (f *scopeFlags) add(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.period, "period", "", "report month YYYY-MM (default the latest month in the ledger)")
	cmd.Flags().StringVar(&f.unit, "unit", "", "only this unit (cost_centers.unit)")
	cmd.Flags().StringVar(&f.division, "division", "", "only this division (cost_centers.division)")
	cmd.Flags().StringVar(&f.version, "budget-version", "", "budget version (default "+engine.DefaultVersion+")")
	cmd.Flags().IntVar(&f.mask, "mask-threshold", 10, "staff groups of this many employees or fewer are not shown (the law: 10)")
	cmd.Flags().BoolVar(&f.maskComplements, "mask-complements", false, "sick leave: also mask the groups that would give a masked one away with the total (women/men, the age groups)")
	cmd.Flags().IntVar(&f.fteHours, "fte-hours", 1720, "annual full-time hours for årsarbetare (printed in the report)")
	cmd.Flags().IntVar(&f.shortDays, "short-days", 14, "sick leave: days 1..N of a spell are short, the rest long")
	cmd.Flags().IntVar(&f.longSpellDays, "long-spell-days", 60, "sick leave: spells of N days or more count in the long-spell share")
	cmd.Flags().BoolVar(&f.original, "original-budget", false, "compare with the budget as loaded, without budget decisions (default: the revised budget)")
	cmd.Flags().StringVar(&f.programme, "programme", "", "a multi-year programme (report: a programme report; query: the programme queries)")
	cmd.Flags().StringVar(&f.forecastVersion, "forecast-version", "", "a budget version holding the full-year forecast: årsprognos = it against the annual budget (default: the forecast extract's deviations)")
}

func (a *app) queryCmd() *cobra.Command {
	var f scopeFlags
	var format, output string
	var swedish bool
	cmd := &cobra.Command{
		Use:   "query NAME [--period YYYY-MM] [--unit U]",
		Short: "Run one of the report's queries by name",
		Long:  "Run a query of queries/ by name; 'tertial queries' lists them.",
		Example: `  tertial --sample query period_result --period 2019-04
  tertial --sample query cost_deviation_by_unit --period 2019-04 --unit Sterilteknik --format csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := getQuery(a.queryDir, args[0])
			if err != nil {
				return usageError{err}
			}
			a.sampleScope(&f)
			period, err := parseMonth(f.period)
			if err != nil {
				return err
			}
			a.namedQuery = true
			s, done, err := a.openForSQL()
			if err != nil {
				return err
			}
			defer done()
			if err := s.CheckScope(a.ctx, f.unit, f.division); err != nil {
				return err
			}
			if period.Year != 0 {
				// The answer for a month without data is zeros; say so.
				gaps, err := s.PeriodGaps(a.ctx, q.SQL, period, f.unit, f.division)
				if err != nil {
					return err
				}
				for _, g := range gaps {
					a.log.Warn(g, "query", q.Name)
				}
			}
			t, err := s.RunQuery(a.ctx, q, f.params(period))
			if err != nil {
				return err
			}
			return writeOutput(a.stdout, t, format, output, swedish)
		},
	}
	f.add(cmd)
	cmd.Flags().StringVar(&format, "format", "table", "output: table|csv|tsv|json|jsonl|markdown|xlsx|parquet|arrow")
	cmd.Flags().StringVar(&output, "output", "", "write to this file (required for xlsx, parquet and arrow)")
	cmd.Flags().BoolVar(&swedish, "swedish", false, "Swedish number format in tables")
	cmd.Flags().StringVar(&a.fromExport, "from-export", "", "run on a Parquet export (tertial export) instead of a database")
	return cmd
}

func (a *app) queriesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "queries",
		Short: "List the report's queries",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			qs, err := allQueries(a.queryDir)
			if err != nil {
				return err
			}
			for _, q := range qs {
				fmt.Fprintf(a.stdout, "%-26s %s (%s; parameters: %s)\n%-26s %s\n\n", q.Name, q.Title, q.Unit, strings.Join(q.Params, ", "), "", q.Description)
			}
			return nil
		},
	}
}

func (a *app) schemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the tables and views with their documentation",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openExisting()
			if err != nil {
				return err
			}
			defer s.Close()
			t, err := s.Query(a.ctx, `
				SELECT t.name, t.type, coalesce(t.comment, '') AS comment, c.column_name, c.data_type, coalesce(c.comment, '') AS column_comment
				FROM (SELECT table_name AS name, 'table' AS type, comment FROM duckdb_tables() WHERE NOT internal AND table_name <> 'schema_migrations'
				      UNION ALL SELECT view_name, 'view', comment FROM duckdb_views() WHERE NOT internal) t
				JOIN duckdb_columns() c ON c.table_name = t.name
				ORDER BY t.type, t.name, c.column_index`)
			if err != nil {
				return err
			}
			last := ""
			for _, r := range t.Rows {
				name := r[0].(string)
				if name != last {
					fmt.Fprintf(a.stdout, "\n%s %s\n", r[1], name)
					if c := r[2].(string); c != "" {
						fmt.Fprintf(a.stdout, "  %s\n", c)
					}
					last = name
				}
				fmt.Fprintf(a.stdout, "  %-14s %-14s %s\n", r[3], r[4], r[5])
			}
			return nil
		},
	}
}

func (a *app) reportCmd() *cobra.Command {
	var f scopeFlags
	var out string
	var noBrowser bool
	var scorecard, manual, textsDir, traceSQL string
	cmd := &cobra.Command{
		Use:   "report --period YYYY-MM [--unit U] --out DIR",
		Short: "Build the report: index.html (offline), report.json, tables.xlsx and CSVs",
		Long: `Build the report for a month: year to date from January through --period, for the whole
organisation loaded, one --division, or one --unit. Writes DIR/index.html (one self-contained
file, Swedish number format, works offline) and DIR/report.json (every figure; money as exact
decimal strings in kronor, percentages as numbers), DIR/tables.xlsx (one sheet per table, numeric
cells, frozen headers) and DIR/tables/*.csv (one plain CSV per table). When Chromium is installed,
it also opens the page offline, checks that every figure drew with no script error and no request,
and writes DIR/figures/*.png and DIR/report.pdf (A4, print stylesheet).`,
		Example: `  tertial report --sample --period 2019-04 --out report
  tertial report --period 2019-08 --unit MT --out out/2019-08/MT`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) (rerr error) {
			if out == "" {
				return usageError{fmt.Errorf("--out DIR is required")}
			}
			a.sampleScope(&f)
			period, err := parseMonth(f.period)
			if err != nil {
				return err
			}
			s, done, err := a.openShared()
			if err != nil {
				return err
			}
			defer done()
			var trace []engine.TracedQuery
			if traceSQL != "" {
				s.Trace = &trace
			}
			r, err := s.BuildReport(a.ctx, f.params(period))
			defer func() { s.Trace = nil }()
			if err != nil {
				return err
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			texts, err := a.reportInputs(r, scorecard, manual, textsDir)
			if err != nil {
				return err
			}
			pg := charts.NewPage(r).WithTexts(texts)
			{
				params := f.params(period)
				if params.Period.Year == 0 {
					params.Period, _ = engine.ParsePeriod(r.Period)
				}
				ex := s.NewExplainer()
				for _, fig := range lineageFigures(r) {
					l, err := ex.Explain(a.ctx, fig, params, engine.LineageFilter{}, 0)
					if err != nil {
						return err
					}
					pg.Lineage = append(pg.Lineage, l)
				}
			}
			if traceSQL != "" {
				js, _ := json.MarshalIndent(trace, "", "  ")
				if err := os.WriteFile(traceSQL, js, 0o644); err != nil {
					return err
				}
			}
			t0 := time.Now()
			var html strings.Builder
			if err := charts.WriteHTML(&html, pg); err != nil {
				return err
			}
			js, err := charts.ReportJSON(r)
			if err != nil {
				return err
			}
			tables := charts.Tables(r)
			var xlsx bytes.Buffer
			if err := charts.WriteXLSX(&xlsx, tables); err != nil {
				return err
			}
			// From the first file written on, the folder is this report's:
			// whatever the earlier report there wrote and this one does not
			// is removed when the command ends, also when it fails.
			outs := newReportOutputs(out)
			defer func() {
				removed, err := outs.finish()
				if len(removed) > 0 {
					a.log.Info("removed what the earlier report in this folder wrote and this one did not", "out", out, "files", strings.Join(removed, ", "))
				}
				rerr = errors.Join(rerr, err)
			}()
			for _, file := range []struct {
				name string
				data []byte
			}{{"index.html", []byte(html.String())}, {"report.json", js}, {"tables.xlsx", xlsx.Bytes()}} {
				p := filepath.Join(out, file.name)
				if err := writeFileAtomic(p, file.data); err != nil {
					return err
				}
				outs.add(p)
			}
			csvs, err := charts.WriteCSVs(filepath.Join(out, "tables"), tables)
			for _, p := range csvs {
				outs.add(p)
			}
			if err != nil {
				return err
			}
			a.log.Debug("report step", "step", "write HTML, JSON, XLSX and CSVs", "seconds", engine.Seconds(time.Since(t0)), "out", out)
			scope := "period " + r.Period
			if r.Unit != "" {
				scope += ", " + r.Unit
			}
			fmt.Fprintf(a.stdout, "wrote %s: index.html, report.json, tables.xlsx and tables/*.csv (%s)\n", out, scope)
			// The report's warnings stand at its top; a scheduled build's log
			// has them too.
			for _, w := range r.Warnings {
				a.log.Warn(w, "report", out)
			}
			if noBrowser {
				return nil
			}
			var ids []string
			for _, f := range pg.Figures {
				ids = append(ids, f.ID)
			}
			t0 = time.Now()
			check, err := charts.RenderInBrowser(a.ctx, a.log, filepath.Join(out, "index.html"), out, ids)
			if errors.Is(err, charts.ErrNoBrowser) {
				fmt.Fprintf(a.stderr, "note: figures/*.png and report.pdf were not made: %v\n", err)
				return nil
			}
			if err != nil && a.ctx.Err() == nil {
				// Chromium crashing or hanging once is Chromium's, not the
				// report's: a scheduled build should not fail on it.
				a.log.Warn("Chromium failed; trying once more", "error", err, "out", out)
				check, err = charts.RenderInBrowser(a.ctx, a.log, filepath.Join(out, "index.html"), out, ids)
			}
			// Only a step that ran: without Chromium there is no time to log.
			a.log.Debug("report step", "step", "PNGs and PDF in Chromium", "seconds", engine.Seconds(time.Since(t0)), "out", out)
			if err != nil {
				return fmt.Errorf("%w\n(index.html, report.json, tables.xlsx and tables/*.csv in %s are written; figures/*.png and report.pdf are not: --no-browser leaves them out)", err, out)
			}
			for _, p := range check.PNGs {
				outs.add(p)
			}
			outs.add(check.PDF)
			if p := check.Problems(ids); len(p) > 0 {
				return fmt.Errorf("the report did not render cleanly in Chromium:\n  %s", strings.Join(p, "\n  "))
			}
			fmt.Fprintf(a.stdout, "wrote %d figures as PNG in %s and %s\n", len(check.PNGs), filepath.Join(out, "figures"), check.PDF)
			return nil
		},
	}
	f.add(cmd)
	cmd.Flags().StringVar(&out, "out", "", "output folder (created if missing)")
	cmd.Flags().StringVar(&traceSQL, "trace-sql", "", "write the queries the report ran, with their parameters, to this JSON file (for the bench)")
	cmd.Flags().MarkHidden("trace-sql")
	cmd.Flags().BoolVar(&noBrowser, "no-browser", false, "do not make figures/*.png and report.pdf with Chromium")
	cmd.Flags().StringVar(&scorecard, "scorecard", "", "scorecard (styrkort) definition, YAML (--sample: the sample's)")
	cmd.Flags().StringVar(&manual, "manual", "", "manually reported values for the scorecard, CSV/XLSX: Period;Nyckel;Värde")
	cmd.Flags().StringVar(&textsDir, "texts", "", "folder of Markdown texts: SECTION.md replaces a section's draft, uppdrag/*.md are the assignments")
	return cmd
}

// writeFileAtomic writes through a temporary file and a rename, so a reader
// never sees half a report.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// reportInputs reads the scorecard, the manual values and the texts (the
// sample's own with --sample), evaluates the scorecard into r, and returns
// the texts.
func (a *app) reportInputs(r *engine.Report, scorecardFile, manualFile, textsDir string) (*charts.Texts, error) {
	read := func(file, sampleName string) ([]byte, string, error) {
		switch {
		case file != "":
			b, err := os.ReadFile(file)
			return b, file, err
		case a.sample:
			b, err := sampledata.Read(sampleName)
			return b, sampleName, err
		}
		return nil, "", nil
	}
	sc, scName, err := read(scorecardFile, sampledata.ScorecardFile)
	if err != nil {
		return nil, err
	}
	if sc != nil {
		def, err := engine.ParseScorecard(scName, sc)
		if err != nil {
			return nil, err
		}
		manual := engine.ManualValues{}
		mv, mvName, err := read(manualFile, sampledata.ManualFile)
		if err != nil {
			return nil, err
		}
		if mv != nil {
			if manual, err = engine.ParseManualValues(mvName, mv); err != nil {
				return nil, err
			}
		}
		if r.Scorecard, err = engine.EvaluateScorecard(a.ctx, def, manual, r); err != nil {
			return nil, err
		}
		r.SickLeaveGoal = def.SickLeaveGoal
	}
	switch {
	case textsDir != "":
		return charts.ReadTextsDir(textsDir, r.Period)
	case a.sample:
		return charts.ReadTexts(sampledata.Texts(), r.Period)
	}
	return nil, nil
}

// lineageFigures are the figures the report shows, for its Underlag section.
func lineageFigures(r *engine.Report) []string {
	var figs []string
	for _, p := range r.Programmes {
		if p.Started() {
			figs = append(figs, "programme", "programme_forecast_change")
			break
		}
	}
	if r.Economy == nil {
		return figs
	}
	figs = append(figs, "period_result", "result_development", "forecast", "net_cost_change", "cost_deviation", "cost_deviation_by_unit", "budget_decisions")
	if len(r.Investments) > 0 {
		figs = append(figs, "investments")
	}
	if r.Staff != nil {
		figs = append(figs, "sick_leave", "sick_leave_monthly", "fte", "headcount", "headcount_monthly", "extra_hours", "turnover", "span_of_control")
	}
	return figs
}
