package main

import (
	"bufio"
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
	// script: statements from standard input, not a terminal. The first
	// error ends the script (exit 1); Ctrl-C ends it too.
	script bool
}

// errCancelled is a statement cancelled by Ctrl-C in the shell.
var errCancelled = errors.New("cancelled")

// report shows a statement's or command's error in the shell, which goes on.
func (sh *shell) report(err error) {
	if errors.Is(err, errCancelled) {
		fmt.Fprintln(sh.a.stderr, "cancelled")
		return
	}
	fmt.Fprintf(sh.a.stderr, "error: %v\n", err)
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
	var scan stmtScanner
	for {
		if scan.Open() {
			rl.SetPrompt("     ...> ")
		} else {
			rl.SetPrompt("tertial> ")
		}
		line, err := rl.Readline()
		if errors.Is(err, readline.ErrInterrupt) {
			scan = stmtScanner{} // Ctrl-C at the prompt drops the statement being typed
			continue
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if trimmed := strings.TrimSpace(line); scan.Empty() && strings.HasPrefix(trimmed, ".") {
			quit, err := sh.command(trimmed)
			if err != nil {
				sh.report(err)
			}
			if quit {
				return nil
			}
			continue
		}
		for _, st := range scan.Feed(line) {
			if err := sh.exec(st.SQL); err != nil {
				sh.report(err)
			}
		}
	}
}

// runScript runs statements from a non-terminal standard input, as the
// shell would have them typed (dot-commands too), stopping at the first
// error, which names the line its statement starts on.
func (a *app) runScript(s *engine.Store, format string, swedish bool) error {
	sh := &shell{a: a, s: s, format: format, swedish: swedish, script: true}
	sc := bufio.NewScanner(a.stdin)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var scan stmtScanner
	for sc.Scan() {
		line := sc.Text()
		if trimmed := strings.TrimSpace(line); scan.Empty() && strings.HasPrefix(trimmed, ".") {
			scan.Skip()
			quit, err := sh.command(trimmed)
			if err != nil {
				return fmt.Errorf("sql: line %d: %w", scan.Lines(), err)
			}
			if quit {
				return nil
			}
			continue
		}
		for _, st := range scan.Feed(line) {
			if err := sh.exec(st.SQL); err != nil {
				return fmt.Errorf("sql: line %d: %w", st.Line, err)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if st, ok := scan.Rest(); ok {
		if err := sh.exec(st.SQL); err != nil {
			return fmt.Errorf("sql: line %d: %w", st.Line, err)
		}
	}
	return nil
}

func displayDB(s *engine.Store) string {
	if s.Path() == "" {
		return "the sample (in memory)"
	}
	return s.Path()
}

// exec runs one statement and shows its result. In the shell, Ctrl-C
// (SIGINT) while it runs cancels it, not the shell; a script's Ctrl-C ends
// the script.
func (sh *shell) exec(stmt string) error {
	ctx := sh.a.ctx
	if !sh.script {
		var cancel context.CancelFunc
		ctx, cancel = context.WithCancel(context.WithoutCancel(sh.a.ctx))
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
	}
	start := time.Now()
	t, err := sh.s.Query(ctx, stmt)
	took := time.Since(start)
	switch {
	case ctx.Err() != nil && !sh.script:
		return errCancelled
	case err != nil:
		return err
	}
	if len(t.Columns) > 0 {
		if err := writeTableOpts(sh.a.stdout, t, sh.format, sh.swedish); err != nil {
			return err
		}
	}
	if sh.timer {
		fmt.Fprintf(sh.a.stdout, "Run time: %.3f s\n", took.Seconds())
	}
	if !sh.script && strings.Contains(strings.ToUpper(stmt), "CREATE") {
		sh.loadNames()
	}
	return nil
}

// command runs a dot-command; it reports whether the shell should end.
func (sh *shell) command(line string) (quit bool, err error) {
	f := strings.Fields(line)
	arg := ""
	if len(f) > 1 {
		arg = f[1]
	}
	w := sh.a.stdout
	switch f[0] {
	case ".quit", ".exit", ".q":
		return true, nil
	case ".help":
		fmt.Fprint(w, shellHelp)
	case ".tables":
		return false, sh.exec("SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = 'main' AND table_name <> 'schema_migrations' ORDER BY 2, 1;")
	case ".schema":
		q := `SELECT table_name AS "table", column_name AS "column", data_type AS type, coalesce(comment, '') AS comment FROM duckdb_columns()
			WHERE schema_name = 'main' AND NOT internal AND table_name <> 'schema_migrations'`
		if arg != "" {
			q += " AND table_name = " + sqlQuote(arg)
		}
		return false, sh.exec(q + " ORDER BY table_name, column_index;")
	case ".queries":
		qs, err := allQueries(sh.a.queryDir)
		if err != nil {
			return false, err
		}
		for _, q := range qs {
			fmt.Fprintf(w, "%-26s %s — %s\n", q.Name, q.Title, q.Description)
		}
	case ".run":
		if arg == "" {
			return false, errors.New("usage: .run NAME [period=YYYY-MM] [unit=U] [division=D]")
		}
		q, err := getQuery(sh.a.queryDir, arg)
		if err != nil {
			return false, err
		}
		var p engine.Params
		for _, kv := range f[2:] {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "period":
				m, err := engine.ParsePeriod(v)
				if err != nil {
					return false, err
				}
				p.Period = m
			case "unit":
				p.Unit = v
			case "division":
				p.Division = v
			default:
				return false, fmt.Errorf("unknown parameter %q (period, unit, division)", k)
			}
		}
		t, err := sh.s.RunQuery(context.WithoutCancel(sh.a.ctx), q, p)
		if err != nil {
			return false, err
		}
		return false, writeTableOpts(w, t, sh.format, sh.swedish)
	case ".format":
		if !validFormat(arg) || binaryFormat(arg) {
			return false, errors.New("usage: .format table|csv|tsv|json|jsonl|markdown")
		}
		sh.format = arg
	case ".swedish":
		sh.swedish = arg == "on"
	case ".timer":
		sh.timer = arg == "on"
	default:
		return false, fmt.Errorf("no dot-command %s (.help lists them)", f[0])
	}
	return false, nil
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
