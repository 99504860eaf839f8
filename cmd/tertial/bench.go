package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/tertial/tertial/engine"
)

func (a *app) benchCmd() *cobra.Command {
	var rows int
	var dir string
	var keep bool
	cmd := &cobra.Command{
		Use:   "bench [--rows N]",
		Short: "Time loading a generated ledger against DuckDB's own read_csv of the same file",
		Long: `Bench writes a deterministic Swedish CSV ledger of --rows rows, then loads it twice into fresh
database files: once with DuckDB's own read_csv (the reference), once with 'tertial load'
(parse, validate, stage, insert, in one transaction). It prints rows per second for each and
their ratio, the peak RSS and the database sizes.`,
		Example: `  tertial bench --rows 10000000`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				d, err := os.MkdirTemp("", "tertial-bench-")
				if err != nil {
					return err
				}
				dir = d
				if !keep {
					defer os.RemoveAll(d)
				}
			}
			csvPath := filepath.Join(dir, fmt.Sprintf("huvudbok_%d.csv", rows))
			t0 := time.Now()
			f, err := os.Create(csvPath)
			if err != nil {
				return err
			}
			if err := engine.WriteSyntheticLedger(f, rows, 42); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			st, _ := os.Stat(csvPath)
			fmt.Fprintf(a.stdout, "generated %d rows, %.0f MB, in %.1fs (%s)\n", rows, float64(st.Size())/1e6, time.Since(t0).Seconds(), csvPath)

			// Reference: DuckDB's read_csv into a fresh database file.
			refDB := filepath.Join(dir, "readcsv.duckdb")
			os.Remove(refDB)
			ref, err := engine.Open(a.ctx, refDB)
			if err != nil {
				return err
			}
			t1 := time.Now()
			if _, err := ref.DB().ExecContext(a.ctx, "CREATE TABLE t AS SELECT * FROM "+engine.SyntheticReadCSV(csvPath)); err != nil {
				ref.Close()
				return err
			}
			refTime := time.Since(t1)
			if err := ref.Close(); err != nil {
				return err
			}

			ourDB := filepath.Join(dir, "tertial.duckdb")
			os.Remove(ourDB)
			s, err := engine.Open(a.ctx, ourDB)
			if err != nil {
				return err
			}
			t2 := time.Now()
			res, err := s.LoadFile(a.ctx, csvPath, engine.LoadOptions{Kind: engine.KindLedger})
			if err != nil {
				s.Close()
				return err
			}
			ourTime := time.Since(t2)
			if err := s.Close(); err != nil {
				return err
			}
			if res.Rows != int64(rows) {
				return fmt.Errorf("bench: loaded %d rows, expected %d", res.Rows, rows)
			}
			var ru syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
			size := func(p string) float64 { st, _ := os.Stat(p); return float64(st.Size()) / 1e6 }
			fmt.Fprintf(a.stdout, "\n%-34s %10s %14s %10s\n", "path", "seconds", "rows/s", "vs read_csv")
			fmt.Fprintf(a.stdout, "%-34s %10.2f %14.0f %10s\n", "duckdb read_csv (reference)", refTime.Seconds(), float64(rows)/refTime.Seconds(), "1.00x")
			fmt.Fprintf(a.stdout, "%-34s %10.2f %14.0f %9.2fx\n", "tertial load (Swedish CSV)", ourTime.Seconds(), float64(rows)/ourTime.Seconds(), refTime.Seconds()/ourTime.Seconds())
			fmt.Fprintf(a.stdout, "\npeak RSS %.0f MB; database files: read_csv %.0f MB, tertial %.0f MB; %d cores\n",
				float64(ru.Maxrss)/1024, size(refDB), size(ourDB), numCPU())
			return nil
		},
	}
	cmd.Flags().IntVar(&rows, "rows", 10_000_000, "ledger rows to generate")
	cmd.Flags().StringVar(&dir, "dir", "", "working folder (default a temporary one, removed afterwards)")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the temporary folder")
	return cmd
}

func numCPU() int { return runtime.NumCPU() }
