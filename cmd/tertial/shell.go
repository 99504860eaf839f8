package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/chzyer/readline"

	"github.com/tertial/tertial/engine"
	"github.com/tertial/tertial/queries"
)

// shell is the interactive SQL prompt: line editing and history (through
// readline), statements that end with ';' over as many lines as they need,
// tab completion of tables, views, columns and dot-commands, and Ctrl-C that
// cancels the running query but not the shell.
type shell struct {
	a       *app
	s       *engine.Store
	format  string
	swedish bool
	timer   bool
	names   []string // tables, views and columns, for completion
}

const shellHelp = `Statements end with ';' and may span lines. Commands:
  .tables                 tables and views
  .schema [NAME]          columns and their documentation
  .queries                the report's named queries
  .run NAME [period=YYYY-MM] [unit=U] [division=D]
                          run a named query
  .format table|csv|tsv|json|jsonl|markdown
  .swedish on|off         Swedish number format in tables
  .timer on|off           show how long each statement took
  .help                   this text
  .quit                   leave (or Ctrl-D)
Ctrl-C cancels a running query.
`

func historyFile() string {
	if p := os.Getenv("TERTIAL_HISTORY"); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".tertial_history")
}

func (a *app) runShell(s *engine.Store, format string, swedish bool) error {
	sh := &shell{a: a, s: s, format: format, swedish: swedish}
	sh.loadNames()
	rl, err := readline.NewEx(&readline.Config{
		Prompt:            "tertial> ",
		HistoryFile:       historyFile(),
		AutoComplete:      sh,
		InterruptPrompt:   "^C",
		EOFPrompt:         "",
		HistorySearchFold: true,
		Stdin:             io.NopCloser(a.stdin),
		Stdout:            a.stdout,
		Stderr:            a.stderr,
	})
	if err != nil {
		return err
	}
	defer rl.Close()
	fmt.Fprintf(a.stdout, "tertial SQL on %s (%s). Type .help for help.\n", displayDB(s), map[bool]string{true: "read-only", false: "read-write"}[!a.allowWrite])
	var buf strings.Builder
	for {
		if buf.Len() == 0 {
			rl.SetPrompt("tertial> ")
		} else {
			rl.SetPrompt("     ...> ")
		}
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			buf.Reset() // Ctrl-C at the prompt drops the statement being typed
			continue
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		trimmed := strings.TrimSpace(line)
		if buf.Len() == 0 && strings.HasPrefix(trimmed, ".") {
			if quit := sh.command(trimmed); quit {
				return nil
			}
			continue
		}
		if trimmed == "" && buf.Len() == 0 {
			continue
		}
		buf.WriteString(line)
		buf.WriteByte('\n')
		if !strings.HasSuffix(trimmed, ";") {
			continue
		}
		stmt := buf.String()
		buf.Reset()
		sh.exec(stmt)
	}
}

func displayDB(s *engine.Store) string {
	if s.Path() == "" {
		return "the sample (in memory)"
	}
	return s.Path()
}

// exec runs one statement; Ctrl-C (SIGINT) while it runs cancels it.
func (sh *shell) exec(stmt string) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(sh.a.ctx))
	defer cancel()
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		select {
		case <-sig:
			cancel()
		case <-ctx.Done():
		}
	}()
	start := time.Now()
	t, err := sh.s.Query(ctx, stmt)
	took := time.Since(start)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(sh.a.stderr, "cancelled")
		return
	case err != nil:
		fmt.Fprintf(sh.a.stderr, "error: %v\n", err)
		return
	}
	if len(t.Columns) > 0 {
		if err := writeTableOpts(sh.a.stdout, t, sh.format, sh.swedish); err != nil {
			fmt.Fprintf(sh.a.stderr, "error: %v\n", err)
		}
	}
	if sh.timer {
		fmt.Fprintf(sh.a.stdout, "Run time: %.3f s\n", took.Seconds())
	}
	if strings.Contains(strings.ToUpper(stmt), "CREATE") {
		sh.loadNames()
	}
}

// command runs a dot-command; it reports whether the shell should end.
func (sh *shell) command(line string) bool {
	f := strings.Fields(line)
	arg := ""
	if len(f) > 1 {
		arg = f[1]
	}
	w, e := sh.a.stdout, sh.a.stderr
	switch f[0] {
	case ".quit", ".exit", ".q":
		return true
	case ".help":
		fmt.Fprint(w, shellHelp)
	case ".tables":
		sh.exec("SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main' AND table_name <> 'schema_migrations' ORDER BY 2, 1;")
	case ".schema":
		q := `SELECT table_name AS "table", column_name AS "column", data_type AS type, coalesce(comment, '') AS comment FROM duckdb_columns()
			WHERE schema_name = 'main' AND NOT internal AND table_name <> 'schema_migrations'`
		if arg != "" {
			q += " AND table_name = " + sqlQuote(arg)
		}
		sh.exec(q + " ORDER BY table_name, column_index;")
	case ".queries":
		qs, err := allQueries(sh.a.queryDir)
		if err != nil {
			fmt.Fprintln(e, "error:", err)
			break
		}
		for _, q := range qs {
			fmt.Fprintf(w, "%-26s %s — %s\n", q.Name, q.Title, q.Description)
		}
	case ".run":
		if arg == "" {
			fmt.Fprintln(e, "usage: .run NAME [period=YYYY-MM] [unit=U] [division=D]")
			break
		}
		q, err := getQuery(sh.a.queryDir, arg)
		if err != nil {
			fmt.Fprintln(e, "error:", err)
			break
		}
		var p engine.Params
		for _, kv := range f[2:] {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "period":
				m, err := engine.ParsePeriod(v)
				if err != nil {
					fmt.Fprintln(e, "error:", err)
					return false
				}
				p.Period = m
			case "unit":
				p.Unit = v
			case "division":
				p.Division = v
			default:
				fmt.Fprintf(e, "error: unknown parameter %q (period, unit, division)\n", k)
				return false
			}
		}
		t, err := sh.s.RunQuery(context.WithoutCancel(sh.a.ctx), q, p)
		if err != nil {
			fmt.Fprintln(e, "error:", err)
			break
		}
		writeTableOpts(w, t, sh.format, sh.swedish)
	case ".format":
		if !validFormat(arg) || binaryFormat(arg) {
			fmt.Fprintln(e, "usage: .format table|csv|tsv|json|jsonl|markdown")
			break
		}
		sh.format = arg
	case ".swedish":
		sh.swedish = arg == "on"
	case ".timer":
		sh.timer = arg == "on"
	default:
		fmt.Fprintf(e, "unknown command %s (.help lists them)\n", f[0])
	}
	return false
}

func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func (sh *shell) loadNames() {
	t, err := sh.s.Query(context.WithoutCancel(sh.a.ctx), `SELECT DISTINCT name FROM (
		SELECT table_name AS name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal
		UNION ALL SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal) ORDER BY 1`)
	if err != nil {
		return
	}
	sh.names = sh.names[:0]
	for _, r := range t.Rows {
		if s, ok := r[0].(string); ok {
			sh.names = append(sh.names, s)
		}
	}
}

var sqlWords = []string{"SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "HAVING", "LIMIT", "JOIN", "LEFT JOIN", "WITH", "SUM(", "COUNT(", "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "AS", "AND", "OR", "NOT", "IN", "BETWEEN", "DATE"}

var dotCommands = []string{".tables", ".schema", ".queries", ".run", ".format", ".swedish", ".timer", ".help", ".quit"}

// Do completes the word before the cursor (readline.AutoCompleter).
func (sh *shell) Do(line []rune, pos int) ([][]rune, int) {
	start := pos
	for start > 0 && !strings.ContainsRune(" \t,()=<>;", line[start-1]) {
		start--
	}
	word := string(line[start:pos])
	if word == "" {
		return nil, 0
	}
	var cands []string
	if start == 0 && strings.HasPrefix(word, ".") {
		cands = dotCommands
	} else {
		cands = append(append([]string{}, sh.names...), sqlWords...)
	}
	var out [][]rune
	seen := map[string]bool{}
	for _, c := range cands {
		if strings.HasPrefix(strings.ToLower(c), strings.ToLower(word)) && !seen[c] {
			seen[c] = true
			out = append(out, []rune(c[len(word):]))
		}
	}
	sort.Slice(out, func(i, j int) bool { return string(out[i]) < string(out[j]) })
	return out, len([]rune(word))
}

// allQueries are the embedded queries and the user's own from dir.
func allQueries(dir string) ([]queries.Query, error) {
	qs, err := queries.All()
	if err != nil {
		return nil, err
	}
	if dir == "" {
		return qs, nil
	}
	own, err := queries.FromDir(dir)
	if err != nil {
		return nil, err
	}
	return append(qs, own...), nil
}

func getQuery(dir, name string) (queries.Query, error) {
	qs, err := allQueries(dir)
	if err != nil {
		return queries.Query{}, err
	}
	var names []string
	for _, q := range qs {
		if q.Name == name {
			return q, nil
		}
		names = append(names, q.Name)
	}
	return queries.Query{}, fmt.Errorf("no query %q (known: %s)", name, strings.Join(names, ", "))
}
