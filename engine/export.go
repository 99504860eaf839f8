package engine

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	duckdb "github.com/duckdb/duckdb-go/v2"
)

// The Parquet export is the store beyond one machine: every table of the
// documented schema as Parquet under DIR/<table>/, the tables with a period
// Hive-partitioned by year=/month=, plus
//
//	manifest.json  schema version, per table its columns, rows and layout
//	views.sql      the schema's views over the files, for DuckDB
//
// so that queries/*.sql run unchanged on DuckDB over the folder (or object
// storage), and Trino or Spark SQL can mount the same files as tables.

// ExportManifest describes an export; it is written as manifest.json.
type ExportManifest struct {
	SchemaVersion int           `json:"schema_version"`
	Tables        []ExportTable `json:"tables"`
}

// ExportTable is one exported table.
type ExportTable struct {
	Name        string         `json:"name"`
	Rows        int64          `json:"rows"`
	Partitioned bool           `json:"partitioned"` // by year=/month= of period
	Columns     []ExportColumn `json:"columns"`
	// DDL creates the table empty: what views.sql uses for a table with no
	// rows, which leaves no files to read.
	DDL string `json:"ddl"`
}

// ExportColumn is a column and its DuckDB type.
type ExportColumn struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// exportTables lists the store's tables (not schema_migrations, which an
// import writes itself) with their columns.
func exportTables(ctx context.Context, db queryer) ([]ExportTable, error) {
	rows, err := db.QueryContext(ctx, `SELECT t.table_name, t.sql,
			list(c.column_name ORDER BY c.column_index), list(c.data_type ORDER BY c.column_index)
		FROM duckdb_tables() t JOIN duckdb_columns() c USING (database_oid, schema_oid, table_oid)
		WHERE t.database_name = current_database() AND t.schema_name = 'main' AND NOT t.temporary
		  AND t.table_name <> 'schema_migrations'
		GROUP BY ALL ORDER BY t.table_name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ExportTable
	for rows.Next() {
		var t ExportTable
		var names, types duckdb.Composite[[]string]
		if err := rows.Scan(&t.Name, &t.DDL, &names, &types); err != nil {
			return nil, err
		}
		for i, n := range names.Get() {
			t.Columns = append(t.Columns, ExportColumn{Name: n, Type: types.Get()[i]})
			if n == "period" && types.Get()[i] == "DATE" {
				t.Partitioned = true
			}
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ExportParquet writes the store to dir as described above. The export is
// built beside dir and swapped in at the end, so dir is always either the
// previous export or the new one, never half of each.
func (s *Store) ExportParquet(ctx context.Context, dir string) (*ExportManifest, error) {
	dir = filepath.Clean(dir)
	version, err := s.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	tables, err := exportTables(ctx, s.db)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	defer os.RemoveAll(tmp)
	m := &ExportManifest{SchemaVersion: version}
	timed := s.steps(ctx, "export", "dir", dir)
	defer timed.done()
	for _, t := range tables {
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(t.Name)).Scan(&t.Rows); err != nil {
			return nil, fmt.Errorf("export %s: %w", t.Name, err)
		}
		if t.Rows > 0 {
			// Rows in a stable order, so an unchanged store exports the same
			// files.
			order := make([]string, len(t.Columns))
			for i, c := range t.Columns {
				order[i] = quoteIdent(c.Name)
			}
			target := filepath.Join(tmp, t.Name)
			var copySQL string
			if t.Partitioned {
				copySQL = fmt.Sprintf(`COPY (SELECT *, year(period) AS year, month(period) AS month FROM %s ORDER BY %s)
					TO %s (FORMAT parquet, PARTITION_BY (year, month), COMPRESSION zstd)`,
					quoteIdent(t.Name), strings.Join(order, ", "), sqlString(target))
			} else {
				if err := os.Mkdir(target, 0o755); err != nil {
					return nil, fmt.Errorf("export: %w", err)
				}
				copySQL = fmt.Sprintf(`COPY (SELECT * FROM %s ORDER BY %s) TO %s (FORMAT parquet, COMPRESSION zstd)`,
					quoteIdent(t.Name), strings.Join(order, ", "), sqlString(filepath.Join(target, "data_0.parquet")))
			}
			if _, err := s.db.ExecContext(ctx, copySQL); err != nil {
				return nil, fmt.Errorf("export %s: %w", t.Name, err)
			}
		}
		timed.step(t.Name)
		m.Tables = append(m.Tables, t)
	}
	views, err := s.viewDefinitions(ctx)
	if err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "views.sql"), []byte(ExportViewsSQL(m, ".", views)), 0o644); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	js, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(tmp, "manifest.json"), append(js, '\n'), 0o644); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	// Swap: the old export (if any) is moved aside, the new one renamed in.
	old := ""
	if _, err := os.Stat(dir); err == nil {
		if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				return nil, fmt.Errorf("export: %s exists and is not an earlier export; name an empty or new folder", dir)
			}
		}
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	if old != "" {
		os.RemoveAll(old)
	}
	return m, nil
}

// viewDefinitions returns the schema's views as CREATE VIEW statements, in
// an order in which each one's dependencies come first.
func (s *Store) viewDefinitions(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT view_name, sql FROM duckdb_views()
		WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal AND NOT temporary
		ORDER BY view_oid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	type view struct{ name, sql string }
	var views []view
	for rows.Next() {
		var v view
		if err := rows.Scan(&v.name, &v.sql); err != nil {
			return nil, err
		}
		views = append(views, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Order by dependency: a view comes after every view it names.
	var out []string
	done := map[string]bool{}
	var visit func(v view, depth int)
	visit = func(v view, depth int) {
		if done[v.name] || depth > len(views) {
			return
		}
		for _, w := range views {
			if w.name != v.name && mentions(v.sql, w.name) {
				visit(w, depth+1)
			}
		}
		if !done[v.name] {
			done[v.name] = true
			out = append(out, strings.TrimSpace(v.sql))
		}
	}
	for _, v := range views {
		visit(v, 0)
	}
	return out, nil
}

// mentions reports whether sql names ident as a whole word.
func mentions(sqlText, ident string) bool {
	for i := 0; ; {
		j := strings.Index(sqlText[i:], ident)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || !isIdentByte(sqlText[j-1])
		after := j+len(ident) >= len(sqlText) || !isIdentByte(sqlText[j+len(ident)])
		if before && after {
			return true
		}
		i = j + 1
	}
}

func isIdentByte(b byte) bool {
	return b == '_' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// ExportViewsSQL is the SQL that makes an export queryable as the
// documented schema in DuckDB: one view per table over its Parquet files
// under base (a folder or a URL such as s3://bucket/tertial), then the
// schema's own views.
func ExportViewsSQL(m *ExportManifest, base string, views []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- tertial export, schema version %d: the documented schema as views over Parquet.\n", m.SchemaVersion)
	b.WriteString("-- Run from the export folder (duckdb -c '.read views.sql'), or replace the relative\n")
	b.WriteString("-- paths with the folder's URL (s3://…, gs://…) to query it where it is stored.\n\n")
	for _, t := range m.Tables {
		if t.Rows == 0 {
			b.WriteString(strings.TrimSuffix(strings.TrimSpace(t.DDL), ";") + ";\n")
			continue
		}
		if t.Partitioned {
			fmt.Fprintf(&b, "CREATE VIEW %s AS SELECT * EXCLUDE (year, month) FROM read_parquet(%s, hive_partitioning = true);\n",
				quoteIdent(t.Name), sqlString(joinBase(base, t.Name, "year=*", "month=*", "*.parquet")))
		} else {
			fmt.Fprintf(&b, "CREATE VIEW %s AS SELECT * FROM read_parquet(%s);\n",
				quoteIdent(t.Name), sqlString(joinBase(base, t.Name, "*.parquet")))
		}
	}
	b.WriteString("\n")
	for _, v := range views {
		b.WriteString(strings.TrimSuffix(v, ";") + ";\n")
	}
	return b.String()
}

func joinBase(base string, parts ...string) string {
	if base == "." {
		return "./" + strings.Join(parts, "/")
	}
	if strings.Contains(base, "://") {
		return strings.TrimSuffix(base, "/") + "/" + strings.Join(parts, "/")
	}
	return filepath.ToSlash(filepath.Join(append([]string{base}, parts...)...))
}

// ReadExportManifest reads DIR/manifest.json.
func ReadExportManifest(dir string) (*ExportManifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return nil, fmt.Errorf("%s is not a tertial export: %w", dir, err)
	}
	var m ExportManifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: manifest.json: %w", dir, err)
	}
	return &m, nil
}

// ImportDatabase fills the database at dbPath ("" in memory) from the
// export in dir and returns it open. An existing database must hold no
// loads and be of the export's schema version. A new one is created at the
// export's version, filled, and then brought up to date by the migrations
// that upgrade every database, so that an export made by an older tertial
// (last year's backup) restores to what that year's database would have
// become. A new database that fails to import is removed again.
func ImportDatabase(ctx context.Context, dbPath, dir string) (*Store, *ExportManifest, error) {
	m, err := ReadExportManifest(dir)
	if err != nil {
		return nil, nil, err
	}
	latest, err := LatestSchemaVersion()
	if err != nil {
		return nil, nil, err
	}
	if m.SchemaVersion > latest || m.SchemaVersion < 1 {
		return nil, nil, fmt.Errorf("import %s: exported with schema version %d, this tertial has %d: upgrade tertial", dir, m.SchemaVersion, latest)
	}
	if dbPath == ":memory:" {
		dbPath = ""
	}
	created := dbPath == ""
	if !created {
		if _, err := os.Stat(dbPath); errors.Is(err, fs.ErrNotExist) {
			created = true
		}
	}
	if !created {
		s, err := Open(ctx, dbPath)
		if err != nil {
			return nil, nil, err
		}
		if _, err := s.importParquet(ctx, dir, m, true); err != nil {
			s.Close()
			return nil, nil, err
		}
		return s, m, nil
	}
	s, err := openRaw(ctx, dbPath)
	if err != nil {
		return nil, nil, err
	}
	s.path = dbPath
	err = s.migrateTo(ctx, m.SchemaVersion)
	if err == nil {
		_, err = s.importParquet(ctx, dir, m, false)
	}
	if err == nil {
		err = s.migrate(ctx)
	}
	if err == nil {
		err = s.inTx(ctx, func(tx *sql.Tx) error { return importedAmountsFit(ctx, tx, dir) })
	}
	if err == nil {
		err = s.fillCalendar(ctx)
	}
	if err != nil {
		s.db.Close()
		s.conn.Close()
		if dbPath != "" {
			RemoveDatabase(dbPath)
		}
		return nil, nil, err
	}
	return s, m, nil
}

// ImportParquet fills an empty store from an export, in one transaction.
// The export's schema version must be the store's (ImportDatabase takes
// older exports into a new database).
func (s *Store) ImportParquet(ctx context.Context, dir string) (*ExportManifest, error) {
	m, err := ReadExportManifest(dir)
	if err != nil {
		return nil, err
	}
	return s.importParquet(ctx, dir, m, true)
}

// importParquet is ImportParquet; without checkAmounts the caller checks
// the amounts once the schema is current (the check reads the current
// tables).
func (s *Store) importParquet(ctx context.Context, dir string, m *ExportManifest, checkAmounts bool) (*ExportManifest, error) {
	version, err := s.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	if m.SchemaVersion > version {
		return nil, fmt.Errorf("import %s: exported with schema version %d, this tertial has %d: upgrade tertial", dir, m.SchemaVersion, version)
	}
	if m.SchemaVersion != version {
		return nil, fmt.Errorf("import %s: exported with schema version %d, this database has %d: import into a new database (--db NEW.duckdb), which is brought up to date after the import", dir, m.SchemaVersion, version)
	}
	var loads int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM loads").Scan(&loads); err != nil {
		return nil, err
	}
	if loads > 0 {
		return nil, fmt.Errorf("import %s: the database already holds %d loads; import into a new database (--db NEW.duckdb)", dir, loads)
	}
	have, err := exportTables(ctx, s.db)
	if err != nil {
		return nil, err
	}
	cols := map[string][]ExportColumn{}
	for _, t := range have {
		cols[t.Name] = t.Columns
	}
	sort.Slice(m.Tables, func(i, j int) bool { return m.Tables[i].Name < m.Tables[j].Name })
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		for _, t := range m.Tables {
			want, ok := cols[t.Name]
			if !ok {
				return fmt.Errorf("import %s: table %s is not in this schema", dir, t.Name)
			}
			if !sameColumns(want, t.Columns) {
				return fmt.Errorf("import %s: table %s has other columns than this schema's", dir, t.Name)
			}
			// Tables the migrations fill (the calendar) are replaced whole.
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+quoteIdent(t.Name)); err != nil {
				return err
			}
			if t.Rows == 0 {
				continue
			}
			names := make([]string, len(t.Columns))
			for i, c := range t.Columns {
				names[i] = quoteIdent(c.Name)
			}
			src := fmt.Sprintf("read_parquet(%s)", sqlString(filepath.Join(dir, t.Name, "*.parquet")))
			if t.Partitioned {
				src = fmt.Sprintf("read_parquet(%s, hive_partitioning = true)", sqlString(filepath.Join(dir, t.Name, "year=*", "month=*", "*.parquet")))
			}
			r, err := tx.ExecContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) SELECT %s FROM %s",
				quoteIdent(t.Name), strings.Join(names, ", "), strings.Join(names, ", "), src))
			if err != nil {
				return fmt.Errorf("import %s: %w", t.Name, err)
			}
			if n, _ := r.RowsAffected(); n != t.Rows {
				return fmt.Errorf("import %s: %s has %d rows, the manifest says %d", dir, t.Name, n, t.Rows)
			}
		}
		if checkAmounts {
			if err := importedAmountsFit(ctx, tx, dir); err != nil {
				return err
			}
		}
		// The next load must get a new id.
		_, err := tx.ExecContext(ctx, "SELECT max(nextval('load_id_seq')) FROM range((SELECT coalesce(max(load_id), 0) FROM loads))")
		return err
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

func sameColumns(a, b []ExportColumn) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// OpenExport opens an export for reading: an in-memory DuckDB with the
// documented schema as views over the export's files. The views are those
// of the tertial that made the export: SchemaVersion tells an older one.
func OpenExport(ctx context.Context, dir string) (*Store, error) {
	m, err := ReadExportManifest(dir)
	if err != nil {
		return nil, err
	}
	if latest, err := LatestSchemaVersion(); err != nil {
		return nil, err
	} else if m.SchemaVersion > latest {
		return nil, fmt.Errorf("open export %s: exported with schema version %d, this tertial has %d: upgrade tertial", dir, m.SchemaVersion, latest)
	}
	views, err := os.ReadFile(filepath.Join(dir, "views.sql"))
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	s, err := openRaw(ctx, "")
	if err != nil {
		return nil, err
	}
	// views.sql names the files relative to the export; here they are made
	// absolute.
	text := strings.ReplaceAll(string(views), "read_parquet('./", "read_parquet("+strings.TrimSuffix(sqlString(filepath.ToSlash(abs)+"/"), "'"))
	if _, err := s.db.ExecContext(ctx, text); err != nil {
		s.Close()
		return nil, fmt.Errorf("open export %s: %w", dir, err)
	}
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("CREATE TABLE schema_migrations AS SELECT %d AS version", m.SchemaVersion)); err != nil {
		s.Close()
		return nil, err
	}
	// Like a read-only store, but the export's own folder stays readable:
	// the views read it on every query.
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf("SET allowed_directories = [%s]; SET enable_external_access = false",
		sqlString(filepath.ToSlash(abs)+"/"))); err != nil {
		s.Close()
		return nil, err
	}
	s.readOnly = true
	return s, nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
