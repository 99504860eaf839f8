package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/tertial/tertial/engine"
)

func (a *app) exportCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "export --parquet DIR",
		Short: "Write the database as Hive-partitioned Parquet, for engines beyond one machine",
		Long: `Export writes every table of the documented schema as Parquet under DIR/<table>/ — the tables
with a period partitioned as year=YYYY/month=M/ — with manifest.json (schema version, columns, rows)
and views.sql (the schema's views over the files). The same queries/*.sql then run on DuckDB over
the folder or object storage, and Trino or Spark SQL can mount the files as tables
(docs/scaling.md). DIR is replaced whole at the end, never left half written.

'tertial sql --from-export DIR' queries an export in place; 'tertial import --parquet DIR' makes
a database of it again.`,
		Example: `  tertial export --parquet export/
  tertial sql --from-export export/ "SELECT year(period), sum(amount) FROM ledger GROUP BY ALL"
  cd export && duckdb -c ".read views.sql" -c "FROM months"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				return usageError{errors.New("export: name the folder with --parquet DIR")}
			}
			s, err := a.openExisting()
			if err != nil {
				return err
			}
			defer s.Close()
			m, err := s.ExportParquet(a.ctx, dir)
			if err != nil {
				return err
			}
			var rows int64
			for _, t := range m.Tables {
				rows += t.Rows
			}
			a.log.Info("exported", "dir", dir, "tables", len(m.Tables), "rows", rows, "schema_version", m.SchemaVersion)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "parquet", "", "the folder to write (replaced whole)")
	return cmd
}

func (a *app) importCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "import --parquet DIR",
		Short: "Fill a new database from a Parquet export, in one transaction",
		Long: `Import reads an export made by 'tertial export --parquet' into the database (--db), which must
hold no loads yet. Every table is checked against the manifest's columns and row counts; on any
error nothing is imported, and a database the import created is removed again.

An export made by an older tertial (a lower schema version) is imported into a new database at
its own version and then upgraded by the same migrations that upgrade a database in place, so
that an old export restores to what its database would have become.`,
		Example: `  tertial import --db copy.duckdb --parquet export/`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				return usageError{errors.New("import: name the export with --parquet DIR")}
			}
			if a.sample {
				return usageError{errors.New("import: --sample is the built-in data; name the database to fill with --db")}
			}
			s, m, err := engine.ImportDatabase(a.ctx, a.dbFile(), dir)
			if err != nil {
				return err
			}
			defer s.Close()
			s.Log = a.log
			var rows int64
			for _, t := range m.Tables {
				rows += t.Rows
			}
			a.log.Info("imported", "dir", dir, "tables", len(m.Tables), "rows", rows)
			if err := s.Close(); err != nil {
				return fmt.Errorf("import: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "parquet", "", "the export folder to read")
	return cmd
}
