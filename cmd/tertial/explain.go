package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tertial/tertial/charts"
	"github.com/tertial/tertial/engine"
)

func (a *app) explainCmd() *cobra.Command {
	var f scopeFlags
	var filter engine.LineageFilter
	var limit int
	var asJSON, showSQL bool
	cmd := &cobra.Command{
		Use:   "explain FIGURE --period YYYY-MM [--unit U]",
		Short: "Show where a figure comes from: its SQL, the loads and the source rows",
		Long: `Explain answers an auditor's "where does this number come from?" for one of the report's figures
(a query name, see 'tertial queries'): the SQL that computes it, every load (file, SHA-256) whose
rows it used with their count and sum, and the largest source rows with file and line or voucher.
--category, --subcategory and --account narrow it to part of the figure. Staff figures list their
files and lines only, never people.`,
		Example: `  tertial --sample explain cost_deviation --period 2019-04 --subcategory MT-reservdelar
  tertial --sample explain net_cost_change --period 2019-04 --category Personal --sql
  tertial explain period_result --period 2019-08 --unit MT --json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			period, err := parseMonth(f.period)
			if err != nil {
				return err
			}
			if f.programme == "" {
				a.sampleScope(&f)
			}
			s, err := a.openExisting()
			if err != nil {
				return err
			}
			defer s.Close()
			l, err := s.Explain(a.ctx, args[0], f.params(period), filter, limit)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(l)
			}
			w := a.stdout
			span := l.Period
			if m, err := engine.ParsePeriod(l.Period); err == nil {
				span = m.SwedishYearToDate("januari")
			}
			fmt.Fprintf(w, "%s (%s) — %s, %s\n\n", l.Title, l.Figure, l.Scope, span)
			if showSQL {
				fmt.Fprintf(w, "SQL (queries/%s.sql):\n%s\n", l.Figure, l.SQL)
			} else {
				fmt.Fprintf(w, "SQL: queries/%s.sql (--sql prints it)\n\n", l.Figure)
			}
			if len(l.Sources) > 0 && l.Sources[0].Amount != nil {
				fmt.Fprintf(w, "Loads behind it (%d rows; sums as the extracts have them, debit +, credit −):\n", l.RowsTotal)
			} else {
				fmt.Fprintf(w, "Loads behind it (%d rows):\n", l.RowsTotal) // staff: hours, never summed as money
			}
			for _, src := range l.Sources {
				amt := ""
				if src.Amount != nil {
					amt = "  sum " + charts.Kr(src.Amount.Decimal) + " kr"
				}
				fmt.Fprintf(w, "  load %d  %-10s %-28s %-14s %6d rows%s  sha256 %s\n", src.LoadID, src.Kind, src.File, src.Table, src.Rows, amt, src.SHA256[:12])
				for _, warning := range src.Warnings {
					fmt.Fprintf(w, "      the load warned: %s\n", warning)
				}
			}
			if len(l.Rows) > 0 {
				fmt.Fprintf(w, "\nLargest rows:\n")
				for _, r := range l.Rows {
					where := fmt.Sprintf("%s:%d", r.File, r.Line)
					if r.Voucher != "" && r.Table == "ledger" {
						where += " ver " + r.Voucher
					}
					fmt.Fprintf(w, "  %-34s %s %-6s %-6s %16s  %s\n", where, r.Period, r.Account, r.CostCenter, charts.SwedishDecimal(r.Amount.Decimal, 2), strings.TrimSpace(r.Text))
				}
			}
			return nil
		},
	}
	f.add(cmd)
	cmd.Flags().StringVar(&filter.Category, "category", "", "only this category")
	cmd.Flags().StringVar(&filter.Subcategory, "subcategory", "", "only this subcategory")
	cmd.Flags().StringVar(&filter.Account, "account", "", "only this account")
	cmd.Flags().IntVar(&limit, "rows", 20, "how many source rows to show (largest amounts first)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the lineage as JSON")
	cmd.Flags().BoolVar(&showSQL, "sql", false, "print the SQL")
	return cmd
}
