package engine

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DefaultDB is the database file used when neither --db nor TERTIAL_DB names one.
const DefaultDB = "tertial.duckdb"

// Store is the DuckDB database that holds every loaded extract.
type Store struct {
	db   *sql.DB
	conn *duckdb.Connector
	path string
	// Now is the clock used for loads.loaded_at; tests replace it so that
	// outputs stay deterministic.
	Now      func() time.Time
	readOnly bool
	// Trace, when set, collects every query RunQuery runs.
	Trace *[]TracedQuery
	// Log takes the store's own warnings (nil: slog's default logger).
	Log *slog.Logger

	monthMu      sync.Mutex // checkLedgerMonth
	monthChecked bool
}

// checkCurrent requires the schema of a database opened read-only to be
// this tertial's.
func (s *Store) checkCurrent(ctx context.Context) error {
	want, err := LatestSchemaVersion()
	if err != nil {
		return err
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return fmt.Errorf("not a tertial database: %w", err)
	}
	if v != want {
		return fmt.Errorf("database schema version %d, this tertial has %d: open it once with write access (e.g. tertial load) to upgrade", v, want)
	}
	return nil
}

// Open opens (or creates) the database at path and brings its schema up to
// date. An empty path or ":memory:" gives an in-memory database.
func Open(ctx context.Context, dbPath string) (*Store, error) {
	return open(ctx, dbPath, false)
}

// OpenReadOnly opens an existing database for reading only, with DuckDB's
// access to outside files (read_csv, COPY, ATTACH …) switched off: what
// ad-hoc SQL gets unless the user allows writing. The schema must already
// be current.
func OpenReadOnly(ctx context.Context, dbPath string) (*Store, error) {
	if dbPath == "" || dbPath == ":memory:" {
		return nil, errors.New("a read-only database needs a file")
	}
	if err := RequireDatabase(dbPath); err != nil {
		return nil, err
	}
	return open(ctx, dbPath, true)
}

// RequireDatabase says, for a command that reads what was loaded, that
// there is no database at dbPath yet: opening it would create an empty
// one and leave that file behind.
func RequireDatabase(dbPath string) error {
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("no database at %s: load extracts first (tertial load), or name another with --db", dbPath)
	}
	return nil
}

// RemoveDatabase removes a closed database file that a command created and
// could not fill: the file, its write-ahead log and its (empty) spill
// folder.
func RemoveDatabase(dbPath string) {
	for _, p := range []string{dbPath, dbPath + ".wal", dbPath + ".tmp"} {
		os.Remove(p)
	}
}

// Lockdown switches off DuckDB's access to outside files for the rest of
// the session (it cannot be switched on again), so that ad-hoc SQL cannot
// read or write files.
func (s *Store) Lockdown(ctx context.Context) error {
	_, err := s.db.ExecContext(ctx, "SET enable_external_access = false")
	return err
}

func open(ctx context.Context, dbPath string, readOnly bool) (*Store, error) {
	if dbPath == ":memory:" {
		dbPath = ""
	}
	dsn := dbPath
	if readOnly {
		dsn += "?access_mode=READ_ONLY"
	}
	s, err := openRaw(ctx, dsn)
	if err != nil {
		return nil, err
	}
	s.path, s.readOnly = dbPath, readOnly
	db := s.db
	if readOnly {
		if err := s.checkCurrent(ctx); err != nil {
			db.Close()
			return nil, fmt.Errorf("open %s: %w", displayPath(dbPath), err)
		}
		if err := s.Lockdown(ctx); err != nil {
			db.Close()
			return nil, err
		}
		return s, nil
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", displayPath(dbPath), err)
	}
	if err := s.fillCalendar(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: calendar: %w", displayPath(dbPath), err)
	}
	return s, nil
}

// openRaw opens a DuckDB database without touching its schema.
func openRaw(ctx context.Context, dsn string) (*Store, error) {
	dbPath, _, _ := strings.Cut(dsn, "?")
	connector, err := duckdb.NewConnector(dsn, nil)
	if err != nil {
		if strings.Contains(err.Error(), "Could not set lock") || strings.Contains(err.Error(), "Conflicting lock") {
			return nil, &BusyError{Path: dbPath, Err: err}
		}
		return nil, fmt.Errorf("open %s: %w", displayPath(dbPath), err)
	}
	db := sql.OpenDB(connector)
	// One connection: DuckDB serialises writers anyway, and session state
	// (SET VARIABLE, temp tables) must survive between statements.
	db.SetMaxOpenConns(1)
	limit := os.Getenv(MemoryLimitEnv)
	if limit == "" {
		limit = DefaultMemoryLimit
	}
	// Beyond the limit DuckDB spills to its temp directory (beside the
	// database file, or the system's for an in-memory database).
	set := "SET memory_limit = " + sqlString(limit)
	if dbPath == "" {
		set += "; SET temp_directory = " + sqlString(filepath.Join(os.TempDir(), "tertial-duckdb-spill"))
	}
	if _, err := db.ExecContext(ctx, set); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s=%q: %w", MemoryLimitEnv, limit, err)
	}
	return &Store{db: db, conn: connector, path: dbPath, Now: time.Now}, nil
}

// DuckDB's memory limit: the default keeps a whole process (Go's parsing
// included) under 2 GiB at region scale; TERTIAL_MEMORY_LIMIT ("4GB", "75%")
// sets another.
const (
	DefaultMemoryLimit = "1GB"
	MemoryLimitEnv     = "TERTIAL_MEMORY_LIMIT"
)

func displayPath(p string) string {
	if p == "" {
		return "in-memory database"
	}
	return p
}

// BusyError means another process holds the database for writing.
type BusyError struct {
	Path string
	Err  error
}

func (e *BusyError) Error() string {
	return fmt.Sprintf("the database %s is being updated by another tertial process; try again when it is done", e.Path)
}

func (e *BusyError) Unwrap() error { return e.Err }

// DB gives direct access for ad-hoc SQL.
func (s *Store) DB() *sql.DB { return s.db }

// Path is the database file, or "" for an in-memory database.
func (s *Store) Path() string { return s.path }

// Close checkpoints and closes the database.
func (s *Store) Close() error {
	if s.path != "" && !s.readOnly {
		t := s.steps(context.Background(), "close", "db", filepath.Base(s.path))
		if _, err := s.db.Exec("CHECKPOINT"); err != nil {
			s.db.Close()
			return fmt.Errorf("checkpoint: %w", err)
		}
		t.step("checkpoint")
	}
	err := s.db.Close()
	if cerr := s.conn.Close(); err == nil {
		err = cerr
	}
	return err
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || !strings.HasSuffix(name, ".sql") {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", name)
		}
		b, err := migrationFS.ReadFile(path.Join("migrations", name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", ms[i-1].name, ms[i].name, ms[i].version)
		}
	}
	return ms, nil
}

// LatestSchemaVersion is the schema version this tertial's migrations
// bring a database to.
func LatestSchemaVersion() (int, error) {
	ms, err := migrations()
	if err != nil {
		return 0, err
	}
	return ms[len(ms)-1].version, nil
}

// SchemaVersion is the highest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := s.db.QueryRowContext(ctx, "SELECT max(version) FROM schema_migrations").Scan(&v)
	return int(v.Int64), err
}

func (s *Store) migrate(ctx context.Context) error { return s.migrateTo(ctx, 0) }

// migrateTo applies the migrations up to version upTo (0: all of them).
func (s *Store) migrateTo(ctx context.Context, upTo int) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)`); err != nil {
		return fmt.Errorf("schema_migrations: %w", err)
	}
	current, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	if n := len(ms); n > 0 && current > ms[n-1].version {
		return fmt.Errorf("database schema version %d is newer than this tertial (%d): upgrade tertial", current, ms[n-1].version)
	}
	for _, m := range ms {
		if m.version <= current || upTo > 0 && m.version > upTo {
			continue
		}
		if err := s.inTx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations VALUES (?, ?, ?)", m.version, m.name, s.Now().UTC())
			return err
		}); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// inTx runs fn in one transaction, rolled back on any error or panic.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return runTx(tx, fn)
}

// inConnTx is inTx on one connection the caller holds (and may also use
// through its driver, as the Arrow load does).
func inConnTx(ctx context.Context, conn *sql.Conn, fn func(tx *sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	return runTx(tx, fn)
}

func runTx(tx *sql.Tx, fn func(tx *sql.Tx) error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			if rerr := tx.Rollback(); rerr != nil && !errors.Is(rerr, sql.ErrTxDone) {
				err = errors.Join(err, rerr)
			}
		}
	}()
	if err = fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}
