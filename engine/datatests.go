package engine

import (
	"context"
	"embed"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed datatests/*.sql
var dataTestFS embed.FS

// DataTest is a query that returns the rows that break a rule; no rows
// means it passes.
type DataTest struct {
	Name string
	SQL  string
}

// DataTestResult is a test's offending rows.
type DataTestResult struct {
	Test  DataTest
	Rows  *Table
	Warn  bool // the build only warns about this test
	Error error
}

// BuiltinDataTests are accounts without mapping, cost centers without unit,
// months missing in a source's span, unbalanced SIE vouchers, budget on
// units with no ledger, duplicate person-months, negative hours, and a
// ledger or budget loaded twice under two names.
func BuiltinDataTests() ([]DataTest, error) {
	entries, err := dataTestFS.ReadDir("datatests")
	if err != nil {
		return nil, err
	}
	var ts []DataTest
	for _, e := range entries {
		b, err := dataTestFS.ReadFile("datatests/" + e.Name())
		if err != nil {
			return nil, err
		}
		ts = append(ts, DataTest{Name: strings.TrimSuffix(e.Name(), ".sql"), SQL: string(b)})
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Name < ts[j].Name })
	return ts, nil
}

// DataTestsFromGlob reads the user's own tests: .sql files that return the
// offending rows.
func DataTestsFromGlob(pattern string) ([]DataTest, error) {
	files, err := filepath.Glob(pattern)
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var ts []DataTest
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		ts = append(ts, DataTest{Name: strings.TrimSuffix(filepath.Base(f), ".sql"), SQL: string(b)})
	}
	return ts, nil
}

// RunDataTests runs the tests and returns those that found rows (or failed
// to run).
func (s *Store) RunDataTests(ctx context.Context, tests []DataTest) []DataTestResult {
	var out []DataTestResult
	for _, t := range tests {
		timed := s.steps(ctx, "data test", "test", t.Name)
		tb, err := s.Query(ctx, t.SQL)
		timed.done()
		if err != nil {
			out = append(out, DataTestResult{Test: t, Error: fmt.Errorf("data test %s: %w", t.Name, err)})
			continue
		}
		if len(tb.Rows) > 0 {
			out = append(out, DataTestResult{Test: t, Rows: tb})
		}
	}
	return out
}
