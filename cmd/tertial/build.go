package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/tertial/tertial/engine"
	"github.com/tertial/tertial/queries"
)

// Config is tertial.yaml: what a scheduled build loads and builds.
type Config struct {
	Database string         `yaml:"database"`
	Sources  []SourceConfig `yaml:"sources"`
	Inputs   struct {
		Scorecard string `yaml:"scorecard"`
		Manual    string `yaml:"manual"`
		Texts     string `yaml:"texts"`
	} `yaml:"report_inputs"`
	Settings struct {
		FTEHours      int `yaml:"fte_hours"`
		MaskThreshold int `yaml:"mask_threshold"`
		// MaskComplements: sick leave's groups beside a masked one that
		// would give it away are masked too.
		MaskComplements bool `yaml:"mask_complements"`
		SickLeave       struct {
			ShortDays     int `yaml:"short_days"`
			LongSpellDays int `yaml:"long_spell_days"`
		} `yaml:"sick_leave"`
	} `yaml:"settings"`
	// Queries is a folder of the analysts' own .sql files.
	Queries   string `yaml:"queries"`
	DataTests struct {
		OnFailure string   `yaml:"on_failure"` // stop (default) or warn
		Warn      []string `yaml:"warn"`       // tests that only warn
		Extra     string   `yaml:"extra"`      // glob of your own .sql tests
	} `yaml:"data_tests"`
	Reports struct {
		Periods   []string `yaml:"periods"`
		Divisions []string `yaml:"divisions"`
		Units     []string `yaml:"units"`
		Browser   *bool    `yaml:"browser"`
		// ForecastVersion is a budget version holding the full-year forecast.
		ForecastVersion string `yaml:"forecast_version"`
	} `yaml:"reports"`
	Output string `yaml:"output"`
}

type SourceConfig struct {
	Kind    string            `yaml:"kind"`
	Files   string            `yaml:"files"`
	Source  string            `yaml:"source"`
	Version string            `yaml:"version"`
	Sheet   string            `yaml:"sheet"`
	Spread  string            `yaml:"spread"`
	Columns map[string]string `yaml:"columns"`
}

// configError is a bad config; it names the path of the wrong value.
type configError struct{ msg string }

func (e configError) Error() string { return e.msg }

const exitConfig, exitDataTest = 4, 5

func loadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, configError{fmt.Sprintf("config: %v", err)}
	}
	var c Config
	if err := engine.DecodeYAMLStrict(b, &c); err != nil {
		return nil, configError{fmt.Sprintf("%s: %v", path, err)}
	}
	if err := c.validate(); err != nil {
		return nil, configError{fmt.Sprintf("%s: %v", path, err)}
	}
	return &c, nil
}

func (c *Config) validate() error {
	if c.Database == "" {
		c.Database = engine.DefaultDB
	}
	if c.Output == "" {
		c.Output = "rapporter/{period}/{scope}"
	}
	kinds := map[string]bool{}
	for _, k := range engine.Kinds {
		kinds[string(k)] = true
	}
	for i, s := range c.Sources {
		if !kinds[s.Kind] {
			return fmt.Errorf("sources[%d].kind: %q is not a kind (%s)", i, s.Kind, kindNames())
		}
		if s.Files == "" {
			return fmt.Errorf("sources[%d].files: a file or glob is required", i)
		}
		if _, err := filepath.Match(s.Files, ""); err != nil {
			return fmt.Errorf("sources[%d].files: %v", i, err)
		}
	}
	switch c.DataTests.OnFailure {
	case "", "stop", "warn":
	default:
		return fmt.Errorf("data_tests.on_failure: %q (expected stop or warn)", c.DataTests.OnFailure)
	}
	if len(c.Reports.Periods) == 0 {
		c.Reports.Periods = []string{"latest"}
	}
	for i, p := range c.Reports.Periods {
		switch p {
		case "latest", "T1", "T2", "T3":
		default:
			if _, err := engine.ParsePeriod(p); err != nil {
				return fmt.Errorf("reports.periods[%d]: %q (expected latest, T1, T2, T3 or YYYY-MM)", i, p)
			}
		}
	}
	if c.Settings.FTEHours < 0 || c.Settings.MaskThreshold < 0 {
		return errors.New("settings: fte_hours and mask_threshold must be positive")
	}
	if !strings.Contains(c.Output, "{period}") {
		return fmt.Errorf("output: %q must contain {period} (and {scope} for several divisions or units)", c.Output)
	}
	return nil
}

func kindNames() string {
	var s []string
	for _, k := range engine.Kinds {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}

// resolvePeriod turns latest/T1/T2/T3 into a month the ledger has.
func resolvePeriod(p string, latest engine.Month) (engine.Month, bool) {
	switch p {
	case "latest":
		return latest, true
	case "T1", "T2", "T3":
		m := map[string]int{"T1": 4, "T2": 8, "T3": 12}[p]
		y := latest.Year
		if int(latest.Mon) < m {
			y-- // the latest year has not reached that tertial: the year before
		}
		return engine.Month{Year: y, Mon: timeMonth(m)}, true
	}
	m, err := engine.ParsePeriod(p)
	return m, err == nil
}

func timeMonth(m int) time.Month { return time.Month(m) }

const exampleConfig = `# tertial.yaml — what 'tertial build' loads and builds. Unknown keys are errors.
database: tertial.duckdb

# Extracts, loaded in this order; a file is loaded again only when its content
# changed (SHA-256), and a changed extract replaces what its earlier version loaded.
sources:
  - kind: accounts          # account ranges → report lines
    files: mappning/kontoplan.csv
  - kind: org               # cost center → unit → division
    files: mappning/organisation.csv
  - kind: sie               # SIE 4 ledgers
    files: extrakt/huvudbok/*.se
  - kind: ledger            # Swedish CSV or XLSX ledgers
    files: extrakt/huvudbok/*.csv
    source: huvudbok        # monthly re-exports of one source replace each other's months
  - kind: budget
    files: extrakt/budget/*.xlsx
    version: budget
    spread: even            # annual amounts: even, profile:w1,…,w12 or lastyear
  - kind: hours             # HR person-months (set TERTIAL_HR_KEY)
    files: extrakt/hr/timmar_*.csv
  - kind: absence
    files: extrakt/hr/franvaro_*.xlsx

report_inputs:
  scorecard: styrkort.yaml
  manual: manuella_varden.csv
  texts: texter

settings:
  fte_hours: 1720           # annual full-time hours for årsarbetare (printed in the report)
  mask_threshold: 10        # staff groups of this many or fewer are not shown
  mask_complements: false   # true: also mask sick-leave groups that would give a masked one away
  sick_leave:
    short_days: 14          # day 1..14 of a spell is short (the employer's sick-pay period)
    long_spell_days: 60     # spells this long count in the law's long-spell share

queries: egna_fragor        # a folder of your own .sql queries (tertial query NAME, .run in the shell)

data_tests:
  on_failure: stop          # stop or warn
  warn: [budget_without_ledger]
  extra: kontroller/*.sql   # your own tests: SQL that returns the offending rows

reports:
  periods: [latest, T1]     # latest (complete month), T1, T2, T3 (of its year) or YYYY-MM
  divisions: [Länsteknik]
  units: [IT, MT]
  browser: true             # figures/*.png and report.pdf where Chromium is installed
  # forecast_version: prognos  # årsprognos from a budget version with the full-year forecast

output: rapporter/{period}/{scope}
`

func (a *app) initCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented example tertial.yaml for 'tertial build'",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := "tertial.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			if _, err := os.Stat(path); err == nil && !force {
				return usageError{fmt.Errorf("%s exists; --force overwrites it", path)}
			}
			if err := os.WriteFile(path, []byte(exampleConfig), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "wrote %s: edit it, then run tertial build --config %s\n", path, path)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing file")
	return cmd
}

func (a *app) buildCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "build --config tertial.yaml",
		Short: "Load what changed, run the data tests and build the configured reports (for cron and CI)",
		Long: `Build is the scheduled monthly run: it loads the configured extracts (only new or changed ones),
runs the data tests, and builds every configured report whose inputs changed since the last build
(a manifest.json in each output folder records the loads and query versions that made it).

Exit status: 0 done, 3 an extract was refused, 4 bad config (or TERTIAL_HR_KEY), 5 a data test failed, 6 the database
is being updated by another process, 130 interrupted (Ctrl-C or SIGTERM), 1 anything else.`,
		Example: `  tertial init && tertial build --config tertial.yaml
  tertial build --config /etc/tertial/region.yaml --log-format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			configPath := a.configPath
			cfg, err := loadConfig(configPath)
			if err != nil {
				return err
			}
			base := filepath.Dir(configPath)
			rel := func(p string) string {
				if p == "" || filepath.IsAbs(p) {
					return p
				}
				return filepath.Join(base, p)
			}
			s, err := engine.Open(a.ctx, rel(cfg.Database))
			if err != nil {
				return err
			}
			defer s.Close()
			s.Log = a.log
			for _, src := range cfg.Sources {
				files, _ := filepath.Glob(rel(src.Files))
				sort.Strings(files)
				if len(files) == 0 {
					a.log.Warn("no files match", "kind", src.Kind, "files", src.Files)
				}
				for _, f := range files {
					progress, done := a.loadProgress(f)
					res, err := s.LoadFile(a.ctx, f, engine.LoadOptions{Kind: engine.Kind(src.Kind), Source: src.Source, Version: src.Version,
						Sheet: src.Sheet, Spread: src.Spread, Columns: src.Columns, Progress: progress})
					done()
					if err != nil {
						return err
					}
					if res.Skipped {
						a.log.Info("unchanged", "file", f)
					} else {
						a.log.Info("loaded", "file", f, "load", res.LoadID, "rows", res.Rows, "replaced", res.Replaced)
					}
					for _, w := range res.Warnings {
						a.log.Warn(w, "file", f)
					}
				}
			}
			tests, err := engine.BuiltinDataTests()
			if err != nil {
				return err
			}
			if cfg.DataTests.Extra != "" {
				extra, err := engine.DataTestsFromGlob(rel(cfg.DataTests.Extra))
				if err != nil {
					return err
				}
				tests = append(tests, extra...)
			}
			warnOnly := map[string]bool{}
			for _, w := range cfg.DataTests.Warn {
				warnOnly[w] = true
			}
			var failed []string
			for _, r := range s.RunDataTests(a.ctx, tests) {
				if r.Error != nil {
					return r.Error
				}
				var b strings.Builder
				writeTable(&b, r.Rows, "table")
				if warnOnly[r.Test.Name] || cfg.DataTests.OnFailure == "warn" {
					a.log.Warn("data test found rows", "test", r.Test.Name, "rows", len(r.Rows.Rows))
					continue
				}
				failed = append(failed, fmt.Sprintf("data test %s found %d rows:\n%s", r.Test.Name, len(r.Rows.Rows), b.String()))
			}
			if len(failed) > 0 {
				return dataTestError{strings.Join(failed, "\n")}
			}
			return a.buildReports(s, cfg, rel)
		},
	}
	return cmd
}

type dataTestError struct{ msg string }

func (e dataTestError) Error() string { return e.msg }

// buildReports builds each configured report whose inputs changed.
func (a *app) buildReports(s *engine.Store, cfg *Config, rel func(string) string) error {
	// "latest" and T1–T3 are the scope's own: the latest complete month its
	// ledger has, a month that has ended by the build's clock. A ledger
	// extracted on the 3rd already holds the new month's first postings; a
	// report of those would be a report of almost nothing. A month the
	// scope booked nothing in counts when the extracts that have its rows
	// that year have the month, as a report of it counts it as loaded.
	type scope struct{ name, unit, division, key string }
	now := s.Now().UTC()
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	latestOf := func(sc scope) (engine.Month, error) {
		if err := s.CheckScope(a.ctx, sc.unit, sc.division); err != nil {
			return engine.Month{}, configError{fmt.Sprintf("%s: %v", sc.key, err)}
		}
		t, err := s.Query(a.ctx, `WITH own AS (
				SELECT period, source FROM ledger_month_report
				WHERE period < $1 AND ($2 = '' OR unit = $2) AND ($3 = '' OR division = $3)
			), last_year AS (SELECT year(max(period)) AS y FROM own)
			SELECT strftime(max(m.period), '%Y-%m') FROM ledger_month m, last_year
			WHERE m.period < $1 AND year(m.period) = last_year.y
			  AND m.source IN (SELECT o.source FROM own o, last_year WHERE year(o.period) = last_year.y)`, thisMonth, sc.unit, sc.division)
		if err != nil {
			return engine.Month{}, err
		}
		if len(t.Rows) == 0 || t.Rows[0][0] == nil {
			if sc.key == "" {
				return engine.Month{}, configError{"sources: the ledger has no complete month after loading them (none before " + thisMonth.Format("2006-01") + "): name a ledger or SIE extract"}
			}
			return engine.Month{}, configError{fmt.Sprintf("%s: the ledger has no rows for %q before %s", sc.key, sc.name, thisMonth.Format("2006-01"))}
		}
		return engine.ParsePeriod(t.Rows[0][0].(string))
	}
	var scopes []scope
	for i, d := range cfg.Reports.Divisions {
		scopes = append(scopes, scope{d, "", d, fmt.Sprintf("reports.divisions[%d]", i)})
	}
	for i, u := range cfg.Reports.Units {
		scopes = append(scopes, scope{u, u, "", fmt.Sprintf("reports.units[%d]", i)})
	}
	if len(scopes) == 0 {
		scopes = []scope{{"alla", "", "", ""}}
	}
	inputs, err := a.buildFingerprint(s, cfg, rel)
	if err != nil {
		return err
	}
	// The manifest says which loads and which query versions made a report.
	lt, err := s.Query(a.ctx, "SELECT load_id, kind, file, sha256 FROM loads ORDER BY load_id")
	if err != nil {
		return err
	}
	var manifestLoads []map[string]any
	for _, r := range lt.Rows {
		manifestLoads = append(manifestLoads, map[string]any{"load_id": r[0], "kind": r[1], "file": r[2], "sha256": r[3]})
	}
	manifestQueries := map[string]string{}
	qs, _ := queries.All()
	for _, q := range qs {
		sum := sha256.Sum256([]byte(q.SQL))
		manifestQueries[q.Name] = hex.EncodeToString(sum[:])[:16]
	}
	for _, p := range cfg.Reports.Periods {
		for _, sc := range scopes {
			latest, err := latestOf(sc)
			if err != nil {
				return err
			}
			period, _ := resolvePeriod(p, latest)
			out := rel(strings.NewReplacer("{period}", period.String(), "{scope}", sc.name).Replace(cfg.Output))
			manifestPath := filepath.Join(out, "manifest.json")
			if old, err := os.ReadFile(manifestPath); err == nil {
				var m struct{ Inputs string }
				if json.Unmarshal(old, &m) == nil && m.Inputs == inputs {
					a.log.Info("up to date", "report", out)
					continue
				}
			}
			args := []string{"report", "--db", s.Path(), "--period", period.String(), "--out", out, "--log-format", a.logFormat}
			if a.quiet {
				args = append(args, "-q")
			}
			if a.verbose {
				args = append(args, "-v")
			}
			if sc.unit != "" {
				args = append(args, "--unit", sc.unit)
			}
			if sc.division != "" {
				args = append(args, "--division", sc.division)
			}
			if cfg.Settings.FTEHours > 0 {
				args = append(args, "--fte-hours", fmt.Sprint(cfg.Settings.FTEHours))
			}
			if cfg.Settings.MaskThreshold > 0 {
				args = append(args, "--mask-threshold", fmt.Sprint(cfg.Settings.MaskThreshold))
			}
			if cfg.Settings.MaskComplements {
				args = append(args, "--mask-complements")
			}
			if d := cfg.Settings.SickLeave.ShortDays; d > 0 {
				args = append(args, "--short-days", fmt.Sprint(d))
			}
			if d := cfg.Settings.SickLeave.LongSpellDays; d > 0 {
				args = append(args, "--long-spell-days", fmt.Sprint(d))
			}
			if v := cfg.Reports.ForecastVersion; v != "" {
				args = append(args, "--forecast-version", v)
			}
			for flag, v := range map[string]string{"--scorecard": cfg.Inputs.Scorecard, "--manual": cfg.Inputs.Manual, "--texts": cfg.Inputs.Texts} {
				if v != "" {
					args = append(args, flag, rel(v))
				}
			}
			if cfg.Reports.Browser != nil && !*cfg.Reports.Browser {
				args = append(args, "--no-browser")
			}
			if err := a.reportInProcess(s, args); err != nil {
				return fmt.Errorf("report %s: %w", out, err)
			}
			m, _ := json.MarshalIndent(map[string]any{"inputs": inputs, "period": period.String(), "scope": sc.name,
				"tertial": programVersion(), "loads": manifestLoads, "queries": manifestQueries}, "", "  ")
			if err := writeFileAtomic(manifestPath, append(m, '\n')); err != nil {
				return err
			}
			a.log.Info("built", "report", out)
		}
	}
	return nil
}

// buildFingerprint hashes what a report depends on: the loads, the query
// SQL, the report inputs and the settings.
func (a *app) buildFingerprint(s *engine.Store, cfg *Config, rel func(string) string) (string, error) {
	h := sha256.New()
	t, err := s.Query(a.ctx, "SELECT load_id, sha256 FROM loads ORDER BY load_id")
	if err != nil {
		return "", err
	}
	for _, r := range t.Rows {
		fmt.Fprintln(h, r[0], r[1])
	}
	qs, _ := queries.All()
	for _, q := range qs {
		fmt.Fprintln(h, q.Name, q.SQL)
	}
	for _, f := range []string{cfg.Inputs.Scorecard, cfg.Inputs.Manual} {
		if f != "" {
			b, _ := os.ReadFile(rel(f))
			h.Write(b)
		}
	}
	if cfg.Inputs.Texts != "" {
		filepath.Walk(rel(cfg.Inputs.Texts), func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() {
				b, _ := os.ReadFile(p)
				fmt.Fprintln(h, p)
				h.Write(b)
			}
			return nil
		})
	}
	fmt.Fprintln(h, cfg.Settings.FTEHours, cfg.Settings.MaskThreshold, cfg.Settings.MaskComplements, cfg.Settings.SickLeave.ShortDays, cfg.Settings.SickLeave.LongSpellDays, cfg.Reports.ForecastVersion)
	// A new tertial (another template, chart or number format) makes new
	// outputs from the same data.
	fmt.Fprintln(h, programVersion())
	return hex.EncodeToString(h.Sum(nil)), nil
}

// programVersion is the SHA-256 of the running executable, so that a build
// made by another tertial is never taken for up to date. Builds are
// reproducible: the same source gives the same executable.
var programVersion = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	f, err := os.Open(exe)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "unknown"
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
})

// reportInProcess runs the report command on the open store.
func (a *app) reportInProcess(s *engine.Store, args []string) error {
	a.store = s
	saved := a.log
	defer func() { a.store, a.log = nil, saved }()
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	return root.ExecuteContext(a.ctx)
}
