package engine

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Streaming loads (ledgers and HR hours): the extract is parsed while DuckDB
// inserts it, inside the load's one transaction.
//
// Ledger rows (CSV, XLSX, SIE) go to DuckDB as data chunks through a table
// function (chunk_load.go): the parser fills column batches on one
// goroutine while DuckDB's threads copy them into chunks and insert them,
// so no text is written or parsed a second time. HR hours go as canonical
// CSV through a named pipe read by read_csv: Go's parsing (one core) and
// DuckDB's reading and insert (the other) run at the same time. Measured at
// 2 M lines: read_csv from a pipe is 1.3× its speed from a file. Where named
// pipes do not exist, or something fails before DuckDB reads, an hours load
// stages a file as before.

// streamable reports whether a load can take the streaming path.
func streamable(kind Kind, name string, data []byte) bool {
	switch kind {
	case KindSIE:
		return true
	case KindLedger:
		return !isParquet(name, data)
	case KindHours:
		return fifoSupported && !isParquet(name, data)
	}
	return false
}

// unordered reports whether DuckDB may insert a load's rows in any order:
// a Parquet file, read by DuckDB's parallel scan, and the ledger rows a
// parser hands over in chunks, which DuckDB's threads insert as they take
// them. Every row carries its line (or row number), and every query and
// the export order what they show.
func unordered(kind Kind, name string, data []byte) bool {
	return isParquet(name, data) || (kind != KindHours && streamable(kind, name, data))
}

// streamTarget is where a streamed kind's rows go.
type streamTarget struct {
	table  string
	cols   []string
	insert string // source, load id, reader
}

func streamTargetOf(kind Kind) streamTarget {
	if kind == KindHours {
		return streamTarget{"person_months", personMonthColumns, personMonthInsert}
	}
	return streamTarget{"ledger", []string{"period DATE", "account VARCHAR", "cost_center VARCHAR", "project VARCHAR", "activity VARCHAR",
		"amount DECIMAL(18,2)", "text VARCHAR", "line INTEGER", "voucher VARCHAR"},
		`INSERT INTO ledger SELECT period, account, cost_center, project, activity, amount, text, %s, %d, line, voucher FROM %s`}
}

// sieHeaderSource is the source a SIE file's header names (#ORGNR, else
// #FNAMN), read before the first voucher, as parseExtract derives it.
func sieHeaderSource(name string, data []byte) string {
	end := len(data)
	if i := bytes.Index(data, []byte("#VER")); i >= 0 {
		end = i
	}
	head, _ := decodeText(data[:end], true)
	var org, company string
	for _, line := range strings.Split(string(head), "\n") {
		t := strings.TrimSpace(line)
		upper := strings.ToUpper(t)
		if !strings.HasPrefix(upper, "#ORGNR") && !strings.HasPrefix(upper, "#FNAMN") {
			continue
		}
		toks, err := splitSIE(t)
		if err != nil || len(toks) < 2 || toks[1].isList {
			continue
		}
		if strings.EqualFold(toks[0].s, "#ORGNR") {
			org = toks[1].s
		} else {
			company = toks[1].s
		}
	}
	if org != "" {
		return "sie:" + org
	}
	if company != "" {
		return "sie:" + company
	}
	return DefaultSource(KindSIE, name)
}

// transport carries staged rows from the parser to DuckDB during a
// streaming load: data chunks from a table function, Arrow record batches
// read through a view (duckdb_arrow builds), or a named pipe read by
// read_csv.
type transport interface {
	// stage makes the parser's stage; stop is closed when DuckDB has
	// stopped reading.
	stage(stop <-chan struct{}) (*stage, error)
	// source is what the INSERT selects from, after prepare.
	source(target streamTarget) string
	// prepare runs on the transaction's connection before the INSERT.
	prepare(ctx context.Context, conn *sql.Conn) error
	// finish removes what prepare made from the transaction, before it
	// commits; release frees it (always, also after a failure).
	finish(ctx context.Context, tx *sql.Tx) error
	release()
	// abort ends the rows when the parser stopped without a stage.
	abort(stop <-chan struct{})
	close()
}

// errStageStopped is what a parser's sink returns when DuckDB stopped
// taking rows: the load's error is then DuckDB's.
var errStageStopped = errors.New("stage: DuckDB stopped reading")

// batchQueue carries a parser's batches to DuckDB's reader, and ends with
// the parser's error (nil: every row was sent).
type batchQueue[B any] struct {
	c      chan B
	mu     sync.Mutex
	err    error // the parser's error, set before c is closed
	closed bool
}

func newBatchQueue[B any](n int) *batchQueue[B] { return &batchQueue[B]{c: make(chan B, n)} }

// end closes the queue once, with the parser's error.
func (q *batchQueue[B]) end(err error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return
	}
	q.err, q.closed = err, true
	close(q.c)
}

// parseErr is the error the queue ended with.
func (q *batchQueue[B]) parseErr() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.err
}

// pipeTransport is the named pipe.
type pipeTransport struct {
	dir, pipe string
}

func newPipeTransport() (*pipeTransport, error) {
	dir, err := os.MkdirTemp("", "tertial-stream-")
	if err != nil {
		return nil, err
	}
	pipe := filepath.Join(dir, "stage.csv")
	if err := mkfifo(pipe); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &pipeTransport{dir: dir, pipe: pipe}, nil
}

// openW opens the pipe once DuckDB has opened it for reading (before that,
// data written would be lost when the writer closed), and gives up when
// DuckDB has stopped without opening it.
func (p *pipeTransport) openW(stop <-chan struct{}) (*os.File, error) {
	for {
		f, waiting, err := openFIFOWriter(p.pipe)
		if !waiting {
			return f, err
		}
		select {
		case <-stop:
			return nil, errors.New("stage: DuckDB stopped before reading")
		case <-time.After(time.Millisecond):
		}
	}
}

func (p *pipeTransport) stage(stop <-chan struct{}) (*stage, error) {
	f, err := p.openW(stop)
	if err != nil {
		return nil, err
	}
	return &stage{path: p.pipe, f: f, w: &csvWriter{w: bufio.NewWriterSize(f, 1<<20)}}, nil
}

func (p *pipeTransport) source(t streamTarget) string             { return readCSV(p.pipe, t.cols) }
func (p *pipeTransport) prepare(context.Context, *sql.Conn) error { return nil }
func (p *pipeTransport) finish(context.Context, *sql.Tx) error    { return nil }
func (p *pipeTransport) release()                                 {}
func (p *pipeTransport) close()                                   { os.RemoveAll(p.dir) }

// abort opens and closes the pipe, so that DuckDB reads no rows.
func (p *pipeTransport) abort(stop <-chan struct{}) {
	if f, err := p.openW(stop); err == nil {
		f.Close()
	}
}

// loadStreaming is LoadData for ledger and hours extracts, parsing inside the
// transaction while DuckDB inserts the staged rows.
func (s *Store) loadStreaming(ctx context.Context, name string, data []byte, kind Kind, opt LoadOptions, res *LoadResult, hash string, t *steps) (bool, error) {
	var tr transport
	if kind != KindHours {
		tr = newArrowTransport(kind) // nil without the duckdb_arrow build tag
		if tr == nil {
			tr = newChunkTransport()
		}
	}
	if tr == nil {
		p, err := newPipeTransport()
		if err != nil {
			return false, nil
		}
		tr = p
	}
	defer tr.close()
	presumed := opt.Source
	if presumed == "" {
		if kind == KindSIE {
			presumed = sieHeaderSource(name, data)
		} else {
			presumed = DefaultSource(kind, name)
		}
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return true, err
	}
	defer conn.Close()
	var parseErr error
	err = inConnTx(ctx, conn, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT nextval('load_id_seq')").Scan(&res.LoadID); err != nil {
			return err
		}
		type parsed struct {
			ex  *extract
			st  *stage
			err error
		}
		done := make(chan parsed, 1)
		execDone := make(chan struct{})
		target := streamTargetOf(kind)
		if err := tr.prepare(ctx, conn); err != nil {
			return err
		}
		defer tr.release()
		go func() {
			var st *stage
			ex, err := parseExtract(ctx, s, name, data, kind, opt, func() (*stage, error) {
				var err error
				st, err = tr.stage(execDone)
				return st, err
			})
			switch {
			case st == nil:
				tr.abort(execDone)
			case err != nil:
				if st.f != nil {
					st.f.Close()
				}
				if st.sink != nil {
					st.sink.fail(err)
				}
			}
			done <- parsed{ex, st, err}
		}()
		r, execErr := tx.ExecContext(ctx, fmt.Sprintf(target.insert, sqlString(presumed), res.LoadID, tr.source(target)))
		close(execDone)
		p := <-done
		if p.err != nil && execErr != nil && errors.Is(p.err, errStageStopped) {
			// DuckDB failed first; the parser only saw it stop reading.
			return fmt.Errorf("insert %s: %w", target.table, execErr)
		}
		if p.err != nil {
			parseErr = p.err
			return p.err
		}
		if execErr != nil {
			return fmt.Errorf("insert %s: %w", target.table, execErr)
		}
		if err := tr.finish(ctx, tx); err != nil {
			return err
		}
		t.step("parse and insert")
		ex := p.ex
		defer ex.cleanup()
		n, _ := r.RowsAffected()
		var staged int64
		if p.st != nil {
			staged = p.st.rows
		}
		if n != staged {
			return fmt.Errorf("insert %s: parsed %d rows but DuckDB read %d from the stage", target.table, staged, n)
		}
		res.Format = ex.format
		res.Source = opt.Source
		if res.Source == "" {
			res.Source = ex.source
			if res.Source == "" {
				res.Source = DefaultSource(kind, name)
			}
		}
		if res.Source != presumed && n > 0 {
			if _, err := tx.ExecContext(ctx, "UPDATE "+target.table+" SET source = ? WHERE load_id = ?", res.Source, res.LoadID); err != nil {
				return err
			}
		}
		if staged > 0 {
			st := p.st
			periodRange(res, st.lo)
			periodRange(res, st.hi)
			shrunk := func() error { return nil } // the ledger's: followStaged
			if target.table == "person_months" {
				if shrunk, err = watchShrink(ctx, tx, hoursShrink, res, st.lo, st.hi, "m.source = ? AND m.period BETWEEN ? AND ? AND m.load_id <> ?",
					res.Source, st.lo.Date(), st.hi.Date(), res.LoadID); err != nil {
					return err
				}
			}
			r, err := tx.ExecContext(ctx, "DELETE FROM "+target.table+" WHERE source = ? AND period BETWEEN ? AND ? AND load_id <> ?",
				res.Source, st.lo.Date(), st.hi.Date(), res.LoadID)
			if err != nil {
				return err
			}
			res.Replaced, _ = r.RowsAffected()
			if err := shrunk(); err != nil {
				return err
			}
			res.Rows += staged
			t.step("replace earlier rows")
			if target.table == "ledger" {
				if err := followStaged(ctx, tx, res, st); err != nil {
					return err
				}
				t.step("ledger_month")
			}
		}
		ex.ledger = nil // inserted above; the budget and names (SIE), the key check (HR) follow
		if err := ex.insert(ctx, tx, res, kind, opt); err != nil {
			return err
		}
		res.Warnings = append(res.Warnings, englishWarnings(ex.warnings)...)
		t.step("the rest of the extract")
		return s.recordLoad(ctx, tx, res, kind, name, hash, opt)
	})
	switch {
	case parseErr != nil:
		return true, parseErr // as the file-staged path reports it
	case err != nil:
		return true, loadErr(name, err)
	}
	t.step("commit")
	return true, nil
}
