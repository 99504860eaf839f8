package main

import (
	"context"
	"strings"
	"testing"
)

func scanAll(src string) []statement {
	var s stmtScanner
	var out []statement
	for _, line := range strings.Split(src, "\n") {
		out = append(out, s.Feed(line)...)
	}
	if st, ok := s.Rest(); ok {
		out = append(out, st)
	}
	return out
}

// TestStmtScanner: statements end at a ';' outside strings, quoted names,
// dollar quotes and comments, each with the line it starts on.
func TestStmtScanner(t *testing.T) {
	for _, c := range []struct {
		name, src string
		want      []statement
	}{
		{"two on a line", "SELECT 1; SELECT 2;", []statement{{"SELECT 1;", 1}, {"SELECT 2;", 1}}},
		{"over lines", "SELECT\n  1\n;\n\nSELECT 2;", []statement{{"SELECT\n  1\n;", 1}, {"SELECT 2;", 5}}},
		{"comment after", "SELECT 1; -- first;\nSELECT 2;", []statement{{"SELECT 1;", 1}, {"-- first;\nSELECT 2;", 2}}},
		{"comment alone", "-- nothing;\n/* nor; this */\n", nil},
		{"string", "SELECT 'a;\nb' AS s;", []statement{{"SELECT 'a;\nb' AS s;", 1}}},
		{"doubled quote", "SELECT 'it''s; fine';", []statement{{"SELECT 'it''s; fine';", 1}}},
		{"escape string", `SELECT E'it\'s;' AS e; SELECT 2;`, []statement{{`SELECT E'it\'s;' AS e;`, 1}, {"SELECT 2;", 1}}},
		{"lower-case escape string", `SELECT e'x\';' FROM t;`, []statement{{`SELECT e'x\';' FROM t;`, 1}}},
		{"not an escape string", `SELECT name'\'; SELECT 2;`, []statement{{`SELECT name'\';`, 1}, {"SELECT 2;", 1}}},
		{"quoted name", `SELECT 1 AS "a;b";`, []statement{{`SELECT 1 AS "a;b";`, 1}}},
		{"dollar quote", "SELECT $$a;\n$b;$$ AS d;", []statement{{"SELECT $$a;\n$b;$$ AS d;", 1}}},
		{"tagged dollar quote", "SELECT $x$ $$; $x$;", []statement{{"SELECT $x$ $$; $x$;", 1}}},
		{"parameter", "SELECT $1; SELECT 2;", []statement{{"SELECT $1;", 1}, {"SELECT 2;", 1}}},
		{"nested comment", "SELECT /* a; /* b; */ c; */ 4;", []statement{{"SELECT /* a; /* b; */ c; */ 4;", 1}}},
		{"minus", "SELECT 3-1; SELECT 2;", []statement{{"SELECT 3-1;", 1}, {"SELECT 2;", 1}}},
		{"no ; at the end", "SELECT 1;\nSELECT 2", []statement{{"SELECT 1;", 1}, {"SELECT 2", 2}}},
		{"unclosed string", "SELECT 'a;", []statement{{"SELECT 'a;", 1}}},
		{"unclosed comment", "SELECT 1;\n/* a;", []statement{{"SELECT 1;", 1}, {"/* a;", 2}}},
		{"empty statements", ";;\n;", nil},
	} {
		got := scanAll(c.src)
		if len(got) != len(c.want) {
			t.Errorf("%s: %d statements %v, want %v", c.name, len(got), got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: statement %d is %v, want %v", c.name, i+1, got[i], c.want[i])
			}
		}
	}
}

// TestStmtScannerOpen: the shell's continuation prompt shows while a
// statement, string or comment is open, and a dot-command is one only
// between statements.
func TestStmtScannerOpen(t *testing.T) {
	var s stmtScanner
	for _, step := range []struct {
		line string
		open bool
	}{
		{"SELECT 1", true},
		{";", false},
		{"-- a comment", false},
		{"/* a comment", true},
		{"*/", false},
		{"SELECT 'a;", true},
		{"';", false},
	} {
		s.Feed(step.line)
		if s.Open() != step.open || s.Empty() == step.open {
			t.Errorf("after %q: open %v, want %v", step.line, s.Open(), step.open)
		}
	}
}

// FuzzStmtScanner: any text cuts without a panic into non-empty statements
// in the order of their lines; text without quotes, dollars, comments or
// backslashes cuts exactly where strings.Split on ';' does.
func FuzzStmtScanner(f *testing.F) {
	for _, s := range []string{"SELECT 1; SELECT 2;", "SELECT 'a;\nb';", "SELECT $$x;$$; -- c;\n/* ; /* ; */ */ 1", `E'\'';`, "$a$ $b$ ; $a$;", ";;"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		got := scanAll(src)
		lines := strings.Count(src, "\n") + 1
		last := 0
		for _, st := range got {
			if st.SQL == "" || st.Line < last || st.Line < 1 || st.Line > lines {
				t.Fatalf("statement %q at line %d (after %d, of %d)", st.SQL, st.Line, last, lines)
			}
			last = st.Line
		}
		if len(got) > strings.Count(src, ";")+1 {
			t.Fatalf("%d statements from %d ';'", len(got), strings.Count(src, ";"))
		}
		if strings.ContainsAny(src, `'"$-/\`) {
			return
		}
		var want []string
		parts := strings.Split(src, ";")
		for i, p := range parts {
			if strings.TrimSpace(p) == "" {
				continue
			}
			if i < len(parts)-1 {
				p += ";"
			}
			want = append(want, strings.TrimSpace(p))
		}
		if len(got) != len(want) {
			t.Fatalf("%d statements %v, want %q", len(got), got, want)
		}
		for i := range got {
			if got[i].SQL != want[i] {
				t.Fatalf("statement %d %q, want %q", i, got[i].SQL, want[i])
			}
		}
	})
}

// TestSQLScript: statements piped into `tertial sql` run as the shell would
// have them: every result shown, strings and comments holding ';', dot-
// commands; the first error stops the script with exit 1, naming the line
// its statement starts on.
func TestSQLScript(t *testing.T) {
	script := `SELECT 1 AS a; -- first;
SELECT 'x;
y' AS b;
/* a comment; */
.format csv
SELECT 40 + 2 AS c; SELECT $$d;$$ AS d
`
	var out, errb strings.Builder
	code := run(context.Background(), []string{"--sample", "sql"}, strings.NewReader(script), &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{"a\n-\n1\n", "x;\ny", "c\n42\n", "d\nd;\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	errb.Reset()
	code = run(context.Background(), []string{"--sample", "sql"}, strings.NewReader("SELECT 1 AS a;\n\nSELECT *\nFROM nosuch;\nSELECT 2 AS never;\n"), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "sql: line 3: Catalog Error") || strings.Contains(out.String(), "never") {
		t.Errorf("a failing statement: exit %d, stderr %q, stdout %q", code, errb.String(), out.String())
	}
	errb.Reset()
	code = run(context.Background(), []string{"--sample", "sql"}, strings.NewReader("SELECT 1;\n.nope\n"), &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "sql: line 2: no dot-command .nope") {
		t.Errorf("an unknown dot-command: exit %d, stderr %q", code, errb.String())
	}
}
