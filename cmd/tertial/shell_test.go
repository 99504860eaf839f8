package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ptyOutput collects what the shell writes to its terminal.
type ptyOutput struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (o *ptyOutput) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.Write(p)
}

func (o *ptyOutput) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String()
}

// waitFor waits until the terminal shows want after position from.
func (o *ptyOutput) waitFor(t *testing.T, from int, want string) int {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		s := o.String()
		if i := strings.Index(s[from:], want); i >= 0 {
			return from + i + len(want)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the shell never showed %q; it showed:\n%s", want, o.String()[from:])
	return 0
}

// TestShellInPseudoTerminal drives `tertial sql` as a person would, in a
// real pseudo-terminal: a statement, one over two lines, tab completion, a
// refused write, Ctrl-C cancelling a long query while the shell lives on,
// dot-commands, and history kept across sessions.
func TestShellInPseudoTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := tertialBinary(t)
	home := t.TempDir()
	cmd := exec.Command(bin, "--sample", "sql")
	cmd.Env = append(os.Environ(), "HOME="+home, "TERM=xterm")
	term, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	// A real terminal has a size; readline completes only when it knows it.
	if err := pty.Setsize(term, &pty.Winsize{Rows: 40, Cols: 160}); err != nil {
		t.Fatal(err)
	}
	// Ctty is the child's descriptor for the terminal: its standard input.
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	out := &ptyOutput{}
	go io.Copy(out, term)
	send := func(s string) { term.Write([]byte(s)) }

	pos := out.waitFor(t, 0, "tertial> ")
	send("SELECT 40 + 2 AS answer;\r")
	pos = out.waitFor(t, pos, "42")
	send("SELECT category\r")
	pos = out.waitFor(t, pos, "...>")
	send("FROM accounts WHERE account = '5441';\r")
	pos = out.waitFor(t, pos, "Övriga kostnader")
	send("SELECT count(*) AS n FROM ledger_rep\t")
	pos = out.waitFor(t, pos, "ort")
	send(";\r")
	pos = out.waitFor(t, pos, "(1 rows)")
	send("DELETE FROM ledger;\r")
	pos = out.waitFor(t, pos, "error:")
	send("SELECT count(*) FROM range(100000000000) a;\r")
	time.Sleep(500 * time.Millisecond)
	send("\x03")
	pos = out.waitFor(t, pos, "cancelled")
	send(".format csv\r")
	send("SELECT 6 * 7 AS x;\r")
	pos = out.waitFor(t, pos, "x\r\n42")
	send(".queries\r")
	pos = out.waitFor(t, pos, "sick_leave")
	send(".quit\r")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("shell exit: %v", err)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the shell did not quit")
	}
	hist, err := os.ReadFile(filepath.Join(home, ".tertial_history"))
	if err != nil || !bytes.Contains(hist, []byte("SELECT 40 + 2 AS answer;")) {
		t.Errorf("history: %q, %v", hist, err)
	}
}

// TestLoadProgressOnlyOnATerminal: a large load shows a progress bar when
// standard error is a terminal, and writes none into a pipe (a scheduler's
// log) or with --log-format json.
func TestLoadProgressOnlyOnATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := tertialBinary(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Period;Konto;Ansvar;Belopp\n")
	for i := 0; b.Len() < 6<<20; i++ {
		fmt.Fprintf(&b, "2019-%02d;4011;100;%d,50\n", i%12+1, i)
	}
	extract := filepath.Join(dir, "huvudbok.csv")
	os.WriteFile(extract, []byte(b.String()), 0o644)
	load := func(db string, extra ...string) *exec.Cmd {
		return exec.Command(bin, append([]string{"--db", filepath.Join(dir, db), "load", "--kind", "ledger", extract}, extra...)...)
	}

	cmd := load("tty.duckdb")
	term, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer term.Close()
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	tty.Close()
	out := &ptyOutput{}
	go io.Copy(out, term)
	out.waitFor(t, 0, "rows (CSV")
	cmd.Wait()
	if s := out.String(); !strings.Contains(s, "läser huvudbok.csv") || !strings.Contains(s, "%") {
		t.Errorf("no progress bar on a terminal:\n%q", s)
	}

	for _, extra := range [][]string{nil, {"--log-format", "json"}} {
		piped, err := load(fmt.Sprintf("pipe%d.duckdb", len(extra)), extra...).CombinedOutput()
		if err != nil || strings.Contains(string(piped), "läser") || strings.Contains(string(piped), "\r") {
			t.Errorf("into a pipe %v: %v\n%q", extra, err, piped)
		}
	}
}
