// Package queries holds the report's SQL: one metric per .sql file, each
// runnable as it is in the DuckDB CLI against the documented schema, and the
// parser of their metadata headers.
//
// Parameters are DuckDB variables read with getvariable(); unset ones take
// their defaults (the latest month, the whole division), so a file also runs
// bare in the CLI:
//
//	SET VARIABLE period = DATE '2019-04-01';
//	SET VARIABLE unit = 'MT';
//	.read queries/period_result.sql
package queries

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed *.sql
var files embed.FS

// Query is one metric.
type Query struct {
	Name        string   // the file name without .sql
	Title       string   // Swedish title, as in the report
	Description string   // what it computes, for `tertial queries`
	Unit        string   // kr, %, h, st …
	Params      []string // the variables it reads
	SQL         string
}

// Params the engine knows how to set.
var knownParams = map[string]bool{"period": true, "unit": true, "division": true, "budget_version": true, "mask_threshold": true, "mask_complements": true, "fte_hours": true, "budget_basis": true, "programme": true, "short_days": true, "long_spell_days": true, "forecast_version": true}

// Parse reads a query's metadata header: leading "-- @key: value" lines.
// Unknown keys, unknown parameters and a missing title are errors, so a typo
// does not silently drop metadata.
func Parse(name, text string) (Query, error) {
	q := Query{Name: name, SQL: text}
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "--") {
			break
		}
		body := strings.TrimSpace(strings.TrimPrefix(line, "--"))
		if !strings.HasPrefix(body, "@") {
			continue
		}
		key, val, ok := strings.Cut(body[1:], ":")
		if !ok {
			return q, fmt.Errorf("%s.sql:%d: expected '-- @key: value'", name, i+1)
		}
		val = strings.TrimSpace(val)
		switch strings.TrimSpace(key) {
		case "title":
			q.Title = val
		case "description":
			if q.Description != "" {
				q.Description += " "
			}
			q.Description += val
		case "unit":
			q.Unit = val
		case "params":
			for _, p := range strings.Split(val, ",") {
				p = strings.TrimSpace(p)
				if p == "" {
					continue
				}
				if !knownParams[p] {
					return q, fmt.Errorf("%s.sql:%d: unknown parameter %q", name, i+1, p)
				}
				q.Params = append(q.Params, p)
			}
		default:
			return q, fmt.Errorf("%s.sql:%d: unknown metadata key @%s (known: title, description, unit, params)", name, i+1, strings.TrimSpace(key))
		}
	}
	if q.Title == "" {
		return q, fmt.Errorf("%s.sql: missing '-- @title:'", name)
	}
	return q, nil
}

// All returns every embedded query, sorted by name.
func All() ([]Query, error) {
	entries, err := fs.Glob(files, "*.sql")
	if err != nil {
		return nil, err
	}
	sort.Strings(entries)
	var qs []Query
	for _, e := range entries {
		b, err := files.ReadFile(e)
		if err != nil {
			return nil, err
		}
		q, err := Parse(strings.TrimSuffix(e, ".sql"), string(b))
		if err != nil {
			return nil, err
		}
		qs = append(qs, q)
	}
	return qs, nil
}

// Get returns the query called name.
func Get(name string) (Query, error) {
	b, err := files.ReadFile(name + ".sql")
	if err != nil {
		var names []string
		qs, _ := All()
		for _, q := range qs {
			names = append(names, q.Name)
		}
		return Query{}, fmt.Errorf("no query %q (known: %s)", name, strings.Join(names, ", "))
	}
	return Parse(name, string(b))
}

// FromDir reads an analyst's own queries: every .sql file in dir, with the
// same metadata header as the built-in ones. A file that does not parse is
// an error naming it, and so is a name that shadows a built-in query.
func FromDir(dir string) ([]Query, error) {
	entries, err := filepath.Glob(filepath.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	builtin := map[string]bool{}
	all, err := All()
	if err != nil {
		return nil, err
	}
	for _, q := range all {
		builtin[q.Name] = true
	}
	sort.Strings(entries)
	var qs []Query
	for _, e := range entries {
		b, err := os.ReadFile(e)
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(e), ".sql")
		if builtin[name] {
			return nil, fmt.Errorf("%s: a built-in query is called %s; choose another name", e, name)
		}
		q, err := Parse(name, string(b))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dir, err)
		}
		qs = append(qs, q)
	}
	return qs, nil
}
