package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/tertial/tertial/engine"
	"github.com/tertial/tertial/sampledata"
)

// Exit statuses, documented in README ("Exit status").
const (
	exitOK       = 0
	exitInternal = 1 // tertial or the database failed
	exitUsage    = 2 // wrong command line
	exitInput    = 3 // an extract or a query was refused
	exitBusy     = 6 // another process is updating the database
	// exitInterrupted is the shell's 128 + SIGINT: Ctrl-C, or a scheduler's
	// SIGTERM, stopped the command.
	exitInterrupted = 130
)

type usageError struct{ error }

// app holds what every command shares.
type app struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger

	dbPath     string
	sample     bool
	quiet      bool
	verbose    bool
	allowWrite bool   // ad-hoc SQL may change the database and touch files
	fromExport string // ad-hoc SQL on a Parquet export instead of a database
	namedQuery bool   // the store is opened for a query of queries/, not ad-hoc SQL
	cpuProfile string // write a pprof CPU profile of the command here
	stopProf   func()
	queryDir   string // the analyst's own .sql files
	logFormat  string
	configPath string
	// store, when set, is the already open database a build passes to the
	// report command it runs in process.
	store *engine.Store
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(statementsLast(args))
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	if a.stopProf != nil {
		a.stopProf()
	}
	if err == nil {
		return exitOK
	}
	fmt.Fprintf(stderr, "tertial: %v\n", err)
	var ue usageError
	switch {
	case errors.As(err, &ue) || isCobraUsage(err):
		fmt.Fprintln(stderr, "Run 'tertial --help' for usage.")
		return exitUsage
	case engine.IsScopeError(err):
		return exitUsage
	case errors.As(err, new(configError)) || engine.IsSettingError(err):
		return exitConfig
	case errors.As(err, new(dataTestError)):
		return exitDataTest
	case engine.IsInputError(err):
		return exitInput
	case errors.As(err, new(*engine.BusyError)):
		return exitBusy
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		fmt.Fprintln(stderr, "tertial: interrupted (a load in progress is rolled back whole; extracts loaded before it stay): run the same command again")
		return exitInterrupted
	}
	return exitInternal
}

func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "required flag"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "tertial",
		Short: "Tertial and delårsrapport figures from ledger, budget and HR extracts",
		Long: `tertial loads a region's extracts (SIE 4, Swedish CSV, XLSX, Parquet) into a DuckDB
database and computes the figures and tables of a tertialrapport / delårsrapport with the
SQL in queries/. The same database answers ad-hoc SQL, here or in the DuckDB CLI.

The database is tertial.duckdb in the working directory, or --db PATH, or $TERTIAL_DB.
--sample uses the embedded sample division in an in-memory database instead.`,
		Example: `  tertial report --sample --period 2019-04 --out report
  tertial load --kind accounts kontoplan.csv
  tertial load --kind org organisation.csv
  tertial load huvudbok_2018.se
  tertial load --kind ledger huvudbok_2019.csv
  tertial load --kind budget --version budget budget_2019.xlsx
  tertial query net_cost_change --period 2019-04 --unit MT
  tertial sql --format csv "SELECT category, sum(report_amount) FROM ledger_report GROUP BY ALL"`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			level := slog.LevelInfo
			switch {
			case a.quiet && a.verbose:
				return usageError{errors.New("--quiet and --verbose contradict each other: give one")}
			case a.quiet:
				level = slog.LevelWarn
			case a.verbose:
				level = slog.LevelDebug
			}
			if a.cpuProfile != "" {
				f, err := os.Create(a.cpuProfile)
				if err != nil {
					return err
				}
				if err := pprof.StartCPUProfile(f); err != nil {
					f.Close()
					return err
				}
				a.stopProf = func() { pprof.StopCPUProfile(); f.Close() }
			}
			opts := &slog.HandlerOptions{Level: level}
			switch a.logFormat {
			case "json":
				a.log = slog.New(slog.NewJSONHandler(a.stderr, opts))
			case "text", "":
				a.log = slog.New(slog.NewTextHandler(a.stderr, opts))
			default:
				return usageError{fmt.Errorf("--log-format %q: use text or json", a.logFormat)}
			}
			// The config's own queries folder, when there is a config and
			// no --queries.
			if a.queryDir == "" && cmd.Name() != "build" && cmd.Name() != "init" {
				if _, err := os.Stat(a.configPath); err == nil {
					cfg, err := loadConfig(a.configPath)
					if err != nil {
						return err
					}
					if cfg.Queries != "" {
						a.queryDir = filepath.Join(filepath.Dir(a.configPath), cfg.Queries)
						if _, err := os.Stat(a.queryDir); err != nil {
							a.queryDir = "" // a folder not made yet is no error outside build
						}
					}
				}
			}
			if a.queryDir != "" {
				// Validate the analyst's queries on start, so a broken file is
				// found before anything runs.
				if _, err := allQueries(a.queryDir); err != nil {
					return err
				}
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbPath, "db", "", "database file (default $TERTIAL_DB or "+engine.DefaultDB+")")
	pf.BoolVar(&a.sample, "sample", false, "use the embedded sample division in an in-memory database")
	pf.BoolVarP(&a.quiet, "quiet", "q", false, "log only warnings and errors")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "also log how long each step took (opening, each load's parse, insert and commit, each query)")
	pf.StringVar(&a.logFormat, "log-format", "text", "log format: text, or json for schedulers")
	pf.StringVar(&a.configPath, "config", "tertial.yaml", "the config for 'tertial build' (its 'queries' folder also serves sql and query)")
	pf.StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile (go tool pprof) of the command to this file")
	pf.StringVar(&a.queryDir, "queries", os.Getenv("TERTIAL_QUERIES"), "a folder of your own .sql queries (same metadata header), default $TERTIAL_QUERIES")
	root.AddCommand(a.loadCmd(), a.sqlCmd(), a.queryCmd(), a.queriesCmd(), a.reportCmd(), a.schemaCmd(), a.benchCmd(), a.explainCmd(), a.buildCmd(), a.initCmd(), a.exportCmd(), a.importCmd())
	return root
}

// open opens the store the flags name; with --sample it loads the sample.
func (a *app) open() (*engine.Store, error) {
	if a.sample {
		if a.dbPath != "" {
			return nil, usageError{errors.New("--sample uses an in-memory database; it cannot be combined with --db")}
		}
		s, err := engine.Open(a.ctx, "")
		if err != nil {
			return nil, err
		}
		s.Log = a.log
		if _, err := sampledata.Load(a.ctx, s); err != nil {
			s.Close()
			return nil, err
		}
		return s, nil
	}
	path := a.dbFile()
	t0 := time.Now()
	s, err := engine.Open(a.ctx, path)
	if err != nil {
		return nil, err
	}
	s.Log = a.log
	a.log.Debug("open done", "seconds", engine.Seconds(time.Since(t0)), "db", path)
	return s, nil
}

// dbFile is the database file the flags name: --db, $TERTIAL_DB or the
// default in the working directory.
func (a *app) dbFile() string {
	if a.dbPath != "" {
		return a.dbPath
	}
	if p := os.Getenv("TERTIAL_DB"); p != "" {
		return p
	}
	return engine.DefaultDB
}

// openExisting is open for the commands that read what was loaded
// (report, explain, schema, export): with no database there yet they say
// so, instead of creating an empty one in the working directory.
func (a *app) openExisting() (*engine.Store, error) {
	if !a.sample {
		if err := engine.RequireDatabase(a.dbFile()); err != nil {
			return nil, err
		}
	}
	return a.open()
}

// openShared is open for the report command: inside a build it reuses the
// build's store, which the build closes.
func (a *app) openShared() (*engine.Store, func(), error) {
	if a.store != nil {
		return a.store, func() {}, nil
	}
	s, err := a.openExisting()
	if err != nil {
		return nil, nil, err
	}
	return s, func() { s.Close() }, nil
}

// openForSQL opens the store for ad-hoc SQL: read-only, with no access to
// outside files, unless --allow-write. The sample is then written to a
// temporary file first, since an in-memory database cannot be opened
// read-only. The returned function closes the store and cleans up.
func (a *app) openForSQL() (*engine.Store, func(), error) {
	t0 := time.Now()
	s, done, err := a.openSQLStore()
	if err != nil {
		return nil, nil, err
	}
	s.Log = a.log
	a.log.Debug("open done", "seconds", engine.Seconds(time.Since(t0)), "read_only", !a.allowWrite)
	return s, done, nil
}

// olderExport says that the export being read was made by an older
// tertial: its views are that tertial's, which this one's queries may not
// run on or may count otherwise. Named queries refuse it; ad-hoc SQL warns.
func (a *app) olderExport(s *engine.Store) error {
	v, err := s.SchemaVersion(a.ctx)
	if err != nil {
		return err
	}
	latest, err := engine.LatestSchemaVersion()
	if err != nil || v >= latest {
		return err
	}
	return fmt.Errorf("%s was exported with schema version %d, this tertial has %d: its views are the older tertial's, on which this tertial's queries may fail or count otherwise; import it into a new database, which upgrades it (tertial import --db NEW.duckdb --parquet %s), or export it again", a.fromExport, v, latest, a.fromExport)
}

func (a *app) openSQLStore() (*engine.Store, func(), error) {
	if a.fromExport != "" {
		if a.allowWrite || a.sample || a.dbPath != "" {
			return nil, nil, usageError{errors.New("--from-export reads an export only: it cannot be combined with --db, --sample or --allow-write")}
		}
		s, err := engine.OpenExport(a.ctx, a.fromExport)
		if err != nil {
			return nil, nil, err
		}
		if err := a.olderExport(s); err != nil {
			if a.namedQuery {
				s.Close()
				return nil, nil, err
			}
			a.log.Warn(err.Error())
		}
		return s, func() { s.Close() }, nil
	}
	if a.allowWrite {
		s, err := a.open()
		if err != nil {
			return nil, nil, err
		}
		return s, func() { s.Close() }, nil
	}
	if a.sample {
		dir, err := os.MkdirTemp("", "tertial-sample-")
		if err != nil {
			return nil, nil, err
		}
		path := filepath.Join(dir, "sample.duckdb")
		w, err := engine.Open(a.ctx, path)
		if err == nil {
			_, err = sampledata.Load(a.ctx, w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
		var s *engine.Store
		if err == nil {
			s, err = engine.OpenReadOnly(a.ctx, path)
		}
		if err != nil {
			os.RemoveAll(dir)
			return nil, nil, err
		}
		return s, func() { s.Close(); os.RemoveAll(dir) }, nil
	}
	s, err := engine.OpenReadOnly(a.ctx, a.dbFile())
	if err != nil {
		return nil, nil, err
	}
	return s, func() { s.Close() }, nil
}

func parseMonth(s string) (engine.Month, error) {
	if s == "" {
		return engine.Month{}, nil
	}
	m, err := engine.ParsePeriod(s)
	if err != nil {
		return m, usageError{fmt.Errorf("--period: %v", err)}
	}
	return m, nil
}

// statementsLast lets a statement start with a SQL comment, as every file in
// queries/ does: tertial sql "$(cat queries/forecast.sql)". The command line
// would take "-- @title: …" for a flag and refuse it. An argument that starts
// with "--" and has a space or line break before any "=" cannot be a flag, so
// it goes after a "--" that ends the flags. Arguments after a "--" of the
// user's own are left alone.
func statementsLast(args []string) []string {
	var flags, statements []string
	for i, arg := range args {
		if arg == "--" {
			flags = append(flags, args[i:]...)
			break
		}
		name, _, _ := strings.Cut(strings.TrimPrefix(arg, "--"), "=")
		if strings.HasPrefix(arg, "--") && strings.ContainsAny(name, " \t\r\n") {
			statements = append(statements, arg)
			continue
		}
		flags = append(flags, arg)
	}
	if len(statements) == 0 || slices.Contains(flags, "--") {
		return args
	}
	return append(append(flags, "--"), statements...)
}
