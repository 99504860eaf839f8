package engine

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Kind is what an extract holds.
type Kind string

const (
	KindSIE       Kind = "sie"         // SIE 4: ledger, period balances, period budget, account names
	KindLedger    Kind = "ledger"      // ledger rows (CSV, XLSX, Parquet)
	KindBudget    Kind = "budget"      // budget rows, monthly or annual
	KindForecast  Kind = "forecast"    // forecast deviations per category
	KindAccounts  Kind = "accounts"    // account ranges → kind, category, subcategory
	KindOrg       Kind = "org"         // cost center → unit → division
	KindHours     Kind = "hours"       // HR: person-month hours
	KindAbsence   Kind = "absence"     // HR: absence spells
	KindSickHour  Kind = "sick_hours"  // HR: sick hours per person-month, already classified
	KindDecisions Kind = "decisions"   // budget reallocation decisions
	KindProgramme Kind = "programme"   // a multi-year programme definition (YAML)
	KindInvest    Kind = "investments" // investment frames, outcome and forecasts
)

// Kinds lists the kinds `tertial load --kind` accepts.
var Kinds = []Kind{KindSIE, KindLedger, KindBudget, KindForecast, KindAccounts, KindOrg, KindHours, KindAbsence, KindSickHour, KindDecisions, KindProgramme, KindInvest}

// LoadOptions says how to read one extract.
type LoadOptions struct {
	Kind    Kind   // "" = tell from the file (SIE)
	Source  string // replacement group; "" = derived from the file (see DefaultSource)
	Version string // budget version; "" = "budget"
	Sheet   string // XLSX sheet; "" = the first
	// Spread says how annual budget amounts become months: "even" (default),
	// "profile:w1,…,w12" or "lastyear" (last year's ledger pattern).
	Spread string
	// Columns maps canonical fields to the file's own headers, for layouts
	// the built-in Swedish and English names do not cover.
	Columns map[string]string
	// HRKey pseudonymises person ids in HR extracts; "" = $TERTIAL_HR_KEY.
	HRKey string
	// Progress, when set, is told how far the parser has read a text
	// extract (CSV, SIE), about every megabyte, from the parser's goroutine.
	Progress Progress

	// hr pseudonymises an HR extract's person ids as this database's
	// earlier loads did, found before the load's transaction begins.
	hr *pseudonymiser
}

// fingerprint is the options that shape what a load of kind makes of its
// file, canonical ("" = the defaults): a file loaded before with the same
// content is skipped only with the same options. The source is not among
// them: the same content under another source would count it twice.
func (o LoadOptions) fingerprint(kind Kind) string {
	var parts []string
	if kind == KindBudget && o.Spread != "" && o.Spread != "even" {
		parts = append(parts, "spread="+strings.ReplaceAll(o.Spread, " ", ""))
	}
	if o.Sheet != "" {
		parts = append(parts, "sheet="+o.Sheet)
	}
	cols := make([]string, 0, len(o.Columns))
	for f, h := range o.Columns {
		cols = append(cols, "column:"+f+"="+h)
	}
	sort.Strings(cols)
	return strings.Join(append(parts, cols...), "; ")
}

// Progress is told that done of total bytes of an extract have been read.
type Progress func(done, total int64)

// LoadResult says what a load did.
type LoadResult struct {
	LoadID   int64
	Kind     Kind
	File     string
	Source   string
	Rows     int64 // rows inserted (ledger + budget + …)
	Replaced int64 // rows of earlier loads from the same source that this one replaced
	Skipped  bool  // the same content was loaded before, as PreviousLoad
	Previous int64
	Periods  [2]Month
	Format   string   // how the file was read
	Warnings []string // e.g. accounts without a mapping
	version  string
	// pending are warnings found while the rows went in (watchShrink),
	// for insert to keep with the load's others.
	pending []loadWarning
}

// DefaultVersion is the budget version used when none is named.
const DefaultVersion = "budget"

// LoadFile reads path and loads it (see LoadData).
//
// The file is mapped into memory rather than read onto the Go heap: a
// year's ledger is hundreds of megabytes, and on the heap it would let the
// collector grow the heap to twice that before collecting. Nothing the load
// returns refers to the mapped bytes.
func (s *Store) LoadFile(ctx context.Context, path string, opt LoadOptions) (*LoadResult, error) {
	data, unmap, err := mapFile(path)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	defer unmap()
	return s.LoadData(ctx, path, data, opt)
}

// LoadData loads one extract in one transaction: it succeeds whole or leaves
// the database exactly as it was. Content loaded before (same SHA-256 and
// kind) changes nothing. A load replaces, from earlier loads of the same
// source, every row in the months from its first to its last period (for
// budgets: of the same version), so monthly re-exports never double count.
// Mapping files (accounts, org) replace the whole mapping.
func (s *Store) LoadData(ctx context.Context, name string, data []byte, opt LoadOptions) (*LoadResult, error) {
	kind := opt.Kind
	if kind == "" {
		if !looksSIE(name, data) {
			return nil, &InputError{File: name, Msg: "cannot tell what kind of extract this is",
				Hint: "give --kind " + kindList()}
		}
		kind = KindSIE
	}
	if err := CheckKind(kind); err != nil {
		return nil, err
	}
	if opt.Version == "" {
		opt.Version = DefaultVersion
	}
	if kind == KindBudget {
		if err := CheckSpread(opt.Spread); err != nil {
			return nil, err
		}
	}
	t := s.steps(ctx, "load", "file", filepath.Base(name), "kind", string(kind))
	defer t.done()
	sum := sha256.Sum256(data)
	res := &LoadResult{Kind: kind, File: name, Source: opt.Source, version: opt.Version}
	hash := hex.EncodeToString(sum[:])
	// Skipped when the latest load of the same content was made with the
	// same options: a budget spread by a profile, then again evenly, is
	// spread evenly, but an older monthly extract loaded again after a
	// newer one replaced its months does not bring its rows back.
	var prev int64
	var prevOptions string
	err := s.db.QueryRowContext(ctx, "SELECT load_id, coalesce(options, '') FROM loads WHERE sha256 = ? AND kind = ? AND coalesce(version, '') = ? ORDER BY load_id DESC LIMIT 1",
		hash, string(kind), versionKey(kind, opt.Version)).Scan(&prev, &prevOptions)
	switch {
	case err == nil && prevOptions == opt.fingerprint(kind):
		res.Skipped, res.Previous = true, prev
		return res, nil
	case err == nil:
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("load %s: %w", name, err)
	}
	t.step("hash and look up")
	if kind == KindHours || kind == KindAbsence || kind == KindSickHour {
		// The key is checked, and the database's way of hashing found,
		// before a large extract is parsed.
		p, err := newPseudonymiser(opt.HRKey)
		if err != nil {
			return nil, err
		}
		if err := p.useDatabaseScheme(ctx, s.db); err != nil {
			return nil, err
		}
		opt.hr = p
	}

	if unordered(kind, name, data) {
		// DuckDB need not keep these rows in the order it reads them (see
		// unordered). Without that order it inserts its parallel scan, or
		// the chunks its threads take, as they come and does not rewrite
		// the rows at the checkpoint: a year's Parquet ledger (9.2 M rows)
		// loads in 8.9 s and 15 CPU s instead of 12.9 s and 22, into 163
		// MB of file instead of 257, and the next load's checkpoint no
		// longer pays for it (a budget after it: 7.3 s -> 1.0 s); a parsed
		// ledger's chunks are inserted by two threads instead of one. Not
		// the small loads: 117 000 spells loaded slower without the order.
		// The setting is the database's: it is restored when the load
		// ends, whether it succeeded or not.
		if _, err := s.db.ExecContext(ctx, "SET preserve_insertion_order = false"); err != nil {
			return nil, err
		}
		defer s.db.ExecContext(context.WithoutCancel(ctx), "RESET preserve_insertion_order")
	}

	if streamable(kind, name, data) {
		ok, err := s.loadStreaming(ctx, name, data, kind, opt, res, hash, t)
		if ok {
			if err != nil {
				return nil, err
			}
			return s.afterLoad(ctx, res, kind, t)
		}
	}
	ex, err := parseExtract(ctx, s, name, data, kind, opt, nil)
	if err != nil {
		return nil, err
	}
	defer ex.cleanup()
	t.step("parse")
	if res.Source == "" {
		res.Source = ex.source
		if res.Source == "" {
			res.Source = DefaultSource(kind, name)
		}
	}
	res.Format = ex.format
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT nextval('load_id_seq')").Scan(&res.LoadID); err != nil {
			return err
		}
		if err := ex.insert(ctx, tx, res, kind, opt); err != nil {
			return err
		}
		t.step("insert")
		return s.recordLoad(ctx, tx, res, kind, name, hash, opt)
	})
	if err != nil {
		return nil, loadErr(name, err)
	}
	t.step("commit")
	res.Warnings = append(res.Warnings, englishWarnings(ex.warnings)...)
	return s.afterLoad(ctx, res, kind, t)
}

// recordLoad writes the load's row in loads, inside its transaction.
func (s *Store) recordLoad(ctx context.Context, tx *sql.Tx, res *LoadResult, kind Kind, name, hash string, opt LoadOptions) error {
	var first, last any
	if res.Periods[0].Year != 0 {
		first, last = res.Periods[0].Date(), res.Periods[1].Date()
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO loads (load_id, kind, file, sha256, rows, loaded_at, source, version, first_period, last_period, replaced, options)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		res.LoadID, string(kind), filepath.Base(name), hash, res.Rows, s.Now().UTC().Truncate(time.Second), res.Source,
		nullIfEmpty(versionKey(kind, opt.Version)), first, last, res.Replaced, nullIfEmpty(opt.fingerprint(kind)))
	return err
}

// afterLoad adds the warnings a committed load earns. The load is done
// by then: an interrupt that comes now does not stop these few queries,
// or the load would be reported as interrupted with its rows in the
// database.
func (s *Store) afterLoad(ctx context.Context, res *LoadResult, kind Kind, t *steps) (*LoadResult, error) {
	ctx = context.WithoutCancel(ctx)
	if kind == KindSIE || kind == KindLedger || kind == KindBudget {
		w, err := s.unmappedAccounts(ctx, res.LoadID)
		if err != nil {
			return nil, err
		}
		res.Warnings = append(res.Warnings, w...)
		t.step("unmapped accounts")
	}
	if kind == KindHours {
		w, err := s.hoursContinuity(ctx, res.LoadID)
		if err != nil {
			return nil, err
		}
		res.Warnings = append(res.Warnings, w...)
		t.step("people month to month")
	}
	if _, ok := twiceChecks[kind]; ok {
		w, err := s.loadedTwice(ctx, res, kind)
		if err != nil {
			return nil, err
		}
		res.Warnings = append(res.Warnings, w...)
		t.step("loaded twice")
	}
	return res, nil
}

// hoursContinuity warns when the people of a month this load brought have
// little in common with those of the month before or after it: from one
// month to the next a region keeps nearly everyone, so fewer than half
// kept means the person id changed (an anställningsnummer in one extract,
// a personnummer in the other), and turnover, headcount changes and every
// month-to-month figure would count everyone as leaving and joining.
func (s *Store) hoursContinuity(ctx context.Context, loadID int64) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `WITH months AS (
			SELECT DISTINCT period FROM person_months WHERE load_id = $1
		), pairs AS (
			SELECT period AS cur, (period - INTERVAL 1 MONTH)::DATE AS prev FROM months
			UNION SELECT (period + INTERVAL 1 MONTH)::DATE, period FROM months
		), pm AS (
			SELECT DISTINCT period, person FROM person_months
			WHERE period IN (SELECT cur FROM pairs UNION SELECT prev FROM pairs)
		)
		SELECT strftime(p.cur, '%Y-%m'), strftime(p.prev, '%Y-%m'), count(*), count(b.person)
		FROM pairs p JOIN pm a ON a.period = p.cur
		LEFT JOIN pm b ON b.period = p.prev AND b.person = a.person
		WHERE EXISTS (SELECT 1 FROM pm WHERE pm.period = p.prev)
		GROUP BY ALL ORDER BY 1`, loadID)
	if err != nil {
		return nil, fmt.Errorf("people month to month: %w", err)
	}
	defer rows.Close()
	var w []string
	for rows.Next() {
		var cur, prev string
		var n, kept int64
		if err := rows.Scan(&cur, &prev, &n, &kept); err != nil {
			return nil, err
		}
		if n >= 20 && kept*2 < n {
			w = append(w, fmt.Sprintf("HR hours: only %d of the %d people of %s are also in %s's hours. Has the person id changed between the extracts (an anställningsnummer in one, a personnummer in the other)? Turnover and every month-to-month figure would count them as leaving and joining.",
				kept, n, cur, prev))
		}
	}
	return w, rows.Err()
}

func versionKey(kind Kind, version string) string {
	if kind == KindBudget || kind == KindSIE {
		return version
	}
	return ""
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func validKind(k Kind) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// CheckKind refuses a kind that is not one of Kinds, listing them.
func CheckKind(k Kind) error {
	if !validKind(k) {
		return fmt.Errorf("unknown kind %q: use one of %s", k, kindList())
	}
	return nil
}

func kindList() string {
	var s []string
	for _, k := range Kinds {
		s = append(s, string(k))
	}
	return strings.Join(s, "|")
}

func looksSIE(name string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".se", ".si", ".sie":
		return true
	}
	head := strings.TrimLeft(string(data[:min(len(data), 64)]), "\ufeff \t\r\n")
	return strings.HasPrefix(head, "#FLAGGA") || strings.HasPrefix(head, "#PROGRAM")
}

var digitRuns = regexp.MustCompile(`[0-9]+`)
var sepRuns = regexp.MustCompile(`[-_ .]+`)

// DefaultSource is the replacement group of a file when none is named: the
// kind and the file name without extension, digits and the separators they
// leave, so "huvudbok_2019-04.csv" and "huvudbok_2019-05.csv" are the same
// source ("ledger:huvudbok").
func DefaultSource(kind Kind, name string) string {
	stem := strings.ToLower(strings.TrimSuffix(filepath.Base(name), filepath.Ext(name)))
	stem = digitRuns.ReplaceAllString(stem, "")
	stem = strings.Trim(sepRuns.ReplaceAllString(stem, "_"), "_")
	if stem == "" {
		stem = "extract"
	}
	return string(kind) + ":" + stem
}

// extract is a parsed file, ready to insert.
type extract struct {
	format   string
	source   string
	ledger   *stage // ledger rows, staged as canonical CSV while parsing
	budget   []budgetRow
	forecast []forecastRow
	names    map[string]string
	accounts []accountRange
	org      []orgRow
	hr       *pseudonymiser
	hours    []personMonth
	// ratesAsFractions: every employment rate of the hours is 1 or less,
	// written as a fraction (0,75) rather than in per cent; they are
	// stored in per cent.
	ratesAsFractions bool
	spells           []absenceSpell
	sickHours        []sickHoursRow
	decisions        []decisionLine
	decisionMonths   []decisionMonth
	programme        *programmeDef
	investments      []investmentRow
	warnings         []loadWarning
	rowsHint         int // expected rows, for preallocation
	// parquet is set when DuckDB reads the file itself.
	parquet string
	// sie is the parsed SIE file, whose year results the inserted rows are
	// checked against (sieYearCheck).
	sie *sieFile
}

func (ex *extract) cleanup() {
	if ex.ledger != nil {
		ex.ledger.remove()
	}
}

// A loadWarning is what a load found in its file that whoever uses its
// figures must know (load_warnings): in English, as every message of the
// tool is, for the terminal and the log, and in Swedish for the report,
// which repeats it to economists who never saw the load.
type loadWarning struct{ en, sv string }

// englishWarnings are the warnings as the terminal and the log show them.
func englishWarnings(ws []loadWarning) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.en
	}
	return out
}

// kr writes öre as Swedish kronor for a Swedish warning: "−1 234,50 kr".
func kr(ore int64) string { return krOf(FormatOre(ore)) }

// krOf writes a plain amount in kronor ("-1234.50") the same way.
func krOf(plain string) string { return SwedishNumber(plain) + " kr" }

// insert writes the extract's rows and then its warnings (load_warnings),
// in the load's transaction: what the parse found, and what the rows in
// the database show (year results, signs).
func (ex *extract) insert(ctx context.Context, tx *sql.Tx, res *LoadResult, kind Kind, opt LoadOptions) error {
	if err := ex.insertRows(ctx, tx, res, opt); err != nil {
		return err
	}
	ex.warnings, res.pending = append(ex.warnings, res.pending...), nil
	if err := amountsFit(ctx, tx, res, kind); err != nil {
		return err
	}
	if kind == KindSIE || kind == KindLedger || kind == KindBudget {
		w, err := signsReversed(ctx, tx, res.LoadID)
		if err != nil {
			return err
		}
		ex.warnings = append(ex.warnings, w...)
	}
	if ex.sie != nil {
		w, err := sieYearCheck(ctx, tx, res.LoadID, ex.sie)
		if err != nil {
			return err
		}
		ex.warnings = append(ex.warnings, w...)
	}
	for i, w := range ex.warnings {
		if _, err := tx.ExecContext(ctx, "INSERT INTO load_warnings (load_id, seq, message, message_sv) VALUES (?, ?, ?, ?)", res.LoadID, i+1, w.en, w.sv); err != nil {
			return err
		}
	}
	return nil
}

func (ex *extract) insertRows(ctx context.Context, tx *sql.Tx, res *LoadResult, opt LoadOptions) error {
	switch {
	case ex.parquet != "":
		return insertParquet(ctx, tx, ex.parquet, res, opt.Columns)
	case ex.accounts != nil:
		return insertAccounts(ctx, tx, ex.accounts, res)
	case ex.org != nil:
		return insertOrg(ctx, tx, ex.org, res)
	case ex.forecast != nil:
		return insertForecast(ctx, tx, ex.forecast, res)
	case ex.investments != nil:
		return insertInvestments(ctx, tx, ex.investments, res)
	case ex.decisions != nil:
		return insertDecisions(ctx, tx, ex.decisions, ex.decisionMonths, res)
	case ex.programme != nil:
		return insertProgramme(ctx, tx, ex.programme, res)
	case ex.hr != nil:
		if err := checkHRKey(ctx, tx, ex.hr); err != nil {
			return err
		}
		if err := insertHours(ctx, tx, ex.hours, res); err != nil {
			return err
		}
		if ex.ratesAsFractions {
			if _, err := tx.ExecContext(ctx, "UPDATE person_months SET employment_rate = employment_rate * 100 WHERE load_id = ?", res.LoadID); err != nil {
				return err
			}
		}
		if err := insertSpells(ctx, tx, ex.spells, res); err != nil {
			return err
		}
		return insertSickHours(ctx, tx, ex.sickHours, res)
	}
	if ex.ledger != nil && ex.ledger.rows > 0 {
		if err := insertLedger(ctx, tx, ex.ledger, res); err != nil {
			return err
		}
	}
	if len(ex.budget) > 0 {
		if err := insertBudget(ctx, tx, ex.budget, opt.Version, res); err != nil {
			return err
		}
	}
	if len(ex.names) > 0 {
		accts := make([]string, 0, len(ex.names))
		for a := range ex.names {
			accts = append(accts, a)
		}
		sort.Strings(accts)
		err := stageCSV(ctx, tx, "account_names", []string{"account VARCHAR", "name VARCHAR", "load_id INTEGER"}, func(w *csvWriter) error {
			for _, a := range accts {
				w.str(a)
				w.str(ex.names[a])
				w.int(res.LoadID)
				w.end()
			}
			return nil
		}, "INSERT OR REPLACE INTO account_names SELECT account, coalesce(name, ''), load_id FROM %s")
		if err != nil {
			return err
		}
	}
	return nil
}

func periodRange(res *LoadResult, m Month) {
	if res.Periods[0].Year == 0 || m.Index() < res.Periods[0].Index() {
		res.Periods[0] = m
	}
	if m.Index() > res.Periods[1].Index() {
		res.Periods[1] = m
	}
}

func insertLedger(ctx context.Context, tx *sql.Tx, st *stage, res *LoadResult) error {
	periodRange(res, st.lo)
	periodRange(res, st.hi)
	r, err := tx.ExecContext(ctx, "DELETE FROM ledger WHERE source = ? AND period BETWEEN ? AND ?",
		res.Source, st.lo.Date(), st.hi.Date())
	if err != nil {
		return err
	}
	n, _ := r.RowsAffected()
	res.Replaced += n
	target := streamTargetOf(KindLedger)
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(target.insert, sqlString(res.Source), res.LoadID, readCSV(st.path, target.cols))); err != nil {
		return fmt.Errorf("insert ledger: %w", err)
	}
	res.Rows += st.rows
	return followStaged(ctx, tx, res, st)
}

// stage is ledger rows written as canonical CSV while the extract is parsed,
// so that a large extract is never held in memory as rows.
type stage struct {
	path   string
	f      *os.File
	w      *csvWriter
	rows   int64
	lo, hi Month
	// absTotal is the sum of the rows' absolute amounts in öre, saturating
	// (sumsFit).
	absTotal uint64
	// sink, when set, takes ledger rows instead of the CSV writer: data
	// chunks, or Arrow record batches in a duckdb_arrow build.
	sink rowSink
}

type rowSink interface {
	ledger(r *ledgerRow) error
	flush() error   // the last rows: the end of the data
	fail(err error) // the parse failed: the end, with err
}

func newStage() (*stage, error) {
	f, err := os.CreateTemp("", "tertial-ledger-*.csv")
	if err != nil {
		return nil, fmt.Errorf("stage: %w", err)
	}
	return &stage{path: f.Name(), f: f, w: &csvWriter{w: bufio.NewWriterSize(f, 1<<20)}}, nil
}

func (st *stage) ledger(r *ledgerRow) error {
	a := uint64(r.Amount)
	if r.Amount < 0 {
		a = uint64(-r.Amount)
	}
	if st.absTotal += a; st.absTotal < a {
		st.absTotal = math.MaxUint64
	}
	if st.sink != nil {
		if err := st.sink.ledger(r); err != nil {
			return err
		}
		st.span(r.Period)
		return nil
	}
	w := st.w
	w.month(r.Period)
	w.str(r.Account)
	w.str(r.CostCenter)
	w.str(r.Project)
	w.str(r.Activity)
	w.ore(r.Amount)
	w.str(r.Text)
	w.int(int64(r.Line))
	w.str(r.Voucher)
	w.end()
	st.span(r.Period)
	return nil
}

// personMonth writes one person-month row, for a streaming hours load.
func (st *stage) personMonth(p *personMonth) error {
	writePersonMonth(st.w, p)
	st.span(p.Period)
	return nil
}

func (st *stage) span(m Month) {
	if st.rows == 0 || m.Index() < st.lo.Index() {
		st.lo = m
	}
	if st.rows == 0 || m.Index() > st.hi.Index() {
		st.hi = m
	}
	st.rows++
}

func (st *stage) close() error {
	if st.sink != nil {
		return st.sink.flush()
	}
	if err := st.w.w.Flush(); err != nil {
		if errors.Is(err, syscall.EPIPE) {
			// The pipe's reader, DuckDB, has gone (an interrupt, or an
			// error of its own): the load's error is DuckDB's.
			return fmt.Errorf("%w: %v", errStageStopped, err)
		}
		return fmt.Errorf("stage: %w", err)
	}
	return st.f.Close()
}

func (st *stage) remove() {
	if st.f != nil {
		st.f.Close()
	}
	if st.path != "" {
		os.Remove(st.path)
	}
}

func insertBudget(ctx context.Context, tx *sql.Tx, rows []budgetRow, version string, res *LoadResult) error {
	var lo, hi Month
	for i := range rows {
		m := rows[i].Period
		if lo.Year == 0 || m.Index() < lo.Index() {
			lo = m
		}
		if m.Index() > hi.Index() {
			hi = m
		}
		periodRange(res, m)
	}
	done, err := watchShrink(ctx, tx, budgetShrink, res, lo, hi, "m.source = ? AND m.version = ? AND m.period BETWEEN ? AND ?", res.Source, version, lo.Date(), hi.Date())
	if err != nil {
		return err
	}
	r, err := tx.ExecContext(ctx, "DELETE FROM budget WHERE source = ? AND version = ? AND period BETWEEN ? AND ?",
		res.Source, version, lo.Date(), hi.Date())
	if err != nil {
		return err
	}
	n, _ := r.RowsAffected()
	res.Replaced += n
	// Version, source and load are the same on every row: the INSERT
	// writes them, not the stage (a third of its fields).
	cols := []string{"period DATE", "account VARCHAR", "cost_center VARCHAR", "project VARCHAR", "amount DECIMAL(18,2)", "line INTEGER"}
	err = stageCSV(ctx, tx, "budget", cols, func(w *csvWriter) error {
		for i := range rows {
			r := &rows[i]
			w.month(r.Period)
			w.str(r.Account)
			w.str(r.CostCenter)
			w.str(r.Project)
			w.ore(r.Amount)
			w.int(int64(r.Line))
			w.end()
		}
		return nil
	}, fmt.Sprintf(`INSERT INTO budget (version, period, account, cost_center, project, amount, source, load_id, line)
		SELECT %s, period, account, cost_center, project, amount, %s, %d, line FROM %%s`, sqlString(version), sqlString(res.Source), res.LoadID))
	if err != nil {
		return err
	}
	res.Rows += int64(len(rows))
	return done()
}

// stageCSV is the bulk path: rows are written once, as canonical CSV (UTF-8,
// plain decimals, fields quoted where they need it), and DuckDB's own reader inserts them
// with explicit column types — so no amount passes through a float and no
// text through a driver conversion. insertSQL has one %s for the reader.
func stageCSV(ctx context.Context, tx *sql.Tx, what string, cols []string, write func(*csvWriter) error, insertSQL string) error {
	f, err := os.CreateTemp("", "tertial-"+what+"-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	w := &csvWriter{w: bufio.NewWriterSize(f, 1<<20)}
	if err := write(w); err != nil {
		return err
	}
	if err := w.w.Flush(); err != nil {
		return fmt.Errorf("stage %s: %w", what, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("stage %s: %w", what, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf(insertSQL, readCSV(f.Name(), cols))); err != nil {
		return fmt.Errorf("insert %s: %w", what, err)
	}
	return nil
}

// readCSV is DuckDB's reader over a canonical staging file, with explicit
// column types (never auto-detected: that would read amounts as DOUBLE).
func readCSV(path string, cols []string) string {
	var spec []string
	for _, c := range cols {
		n, t, _ := strings.Cut(c, " ")
		spec = append(spec, fmt.Sprintf("'%s': '%s'", n, t))
	}
	return fmt.Sprintf("read_csv(%s, header=false, delim=',', quote='\"', escape='\"', auto_detect=false, columns={%s})",
		sqlString(path), strings.Join(spec, ", "))
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// csvWriter writes canonical CSV fields.
type csvWriter struct {
	w     *bufio.Writer
	n     int
	buf   []byte
	empty bool
}

func (c *csvWriter) sep() {
	if c.n > 0 {
		c.w.WriteByte(',')
	}
	c.n++
}

func (c *csvWriter) str(s string) {
	c.sep()
	if s == "" {
		return // empty field: NULL
	}
	// Quoted only where needed: a fifth less for DuckDB to read.
	if !strings.ContainsAny(s, ",\"\n\r") && s[0] != ' ' && s[len(s)-1] != ' ' {
		c.w.WriteString(s)
		return
	}
	c.w.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch ch := s[i]; ch {
		case '"':
			c.w.WriteString(`""`)
		case '\n', '\r':
			c.w.WriteByte(' ')
		default:
			c.w.WriteByte(ch)
		}
	}
	c.w.WriteByte('"')
}

func (c *csvWriter) int(v int64) {
	c.sep()
	c.buf = strconv.AppendInt(c.buf[:0], v, 10)
	c.w.Write(c.buf)
}

func (c *csvWriter) ore(v int64) {
	c.sep()
	c.buf = appendOre(c.buf[:0], v)
	c.w.Write(c.buf)
}

func (c *csvWriter) month(m Month) {
	c.sep()
	c.buf = strconv.AppendInt(c.buf[:0], int64(m.Year), 10)
	c.buf = append(c.buf, '-', byte('0'+int(m.Mon)/10), byte('0'+int(m.Mon)%10), '-', '0', '1')
	c.w.Write(c.buf)
}

func (c *csvWriter) end() {
	c.w.WriteByte('\n')
	c.n = 0
}

// loadErr says which file a load failed on, unless the error is about the
// input and names the file itself.
func loadErr(name string, err error) error {
	if IsInputError(err) {
		return err
	}
	return fmt.Errorf("load %s: %w", name, err)
}

// defaultMapping tells whether the account ranges in force are the
// default's (account_map_default), as account_ranges decides: no mapping
// file is loaded.
func (s *Store) defaultMapping(ctx context.Context) (bool, error) {
	var d bool
	err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM account_ranges WHERE origin = 'default')").Scan(&d)
	return d, err
}

// unmappedAccounts lists accounts of a load that no account range covers,
// and says so when the ranges are the default's.
func (s *Store) unmappedAccounts(ctx context.Context, loadID int64) ([]string, error) {
	byDefault, err := s.defaultMapping(ctx)
	if err != nil {
		return nil, err
	}
	var warnings []string
	if byDefault {
		warnings = append(warnings, "no account mapping is loaded: accounts are reported by the default mapping of account classes "+
			"(1-2 balance, 3 revenue, 4-7 costs, 8 financial; tertial sql \"SELECT * FROM account_map_default\"); load the chart's own with tertial load --kind accounts FILE")
	}
	rows, err := s.db.QueryContext(ctx, `
		SELECT a.account, a.category IS NULL FROM accounts a
		WHERE (a.category IS NULL OR a.origin = 'default balance') AND a.account IN (
			SELECT account FROM ledger WHERE load_id = ? UNION SELECT account FROM budget WHERE load_id = ?)
		ORDER BY a.account`, loadID, loadID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var unmapped, balance []string
	for rows.Next() {
		var a string
		var none bool
		if err := rows.Scan(&a, &none); err != nil {
			return nil, err
		}
		if none {
			unmapped = append(unmapped, a)
		} else {
			balance = append(balance, a)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	list := func(accts []string) string {
		if len(accts) > 15 {
			return strings.Join(accts[:15], ", ") + ", …"
		}
		return strings.Join(accts, ", ")
	}
	if len(unmapped) > 0 {
		warnings = append(warnings, fmt.Sprintf("%d account(s) have no category in the account mapping and show as 'Ej mappat': %s", len(unmapped), list(unmapped)))
	}
	// Reported, not dropped: the mapping file does not name them, and the
	// default's balance ranges keep them out of the result.
	if len(balance) > 0 {
		warnings = append(warnings, fmt.Sprintf("%d account(s) are not in the account mapping and are kept out of the result as balance sheet by the default mapping (classes 1-2, 8990-8999): %s", len(balance), list(balance)))
	}
	return warnings, nil
}

// signsReversed warns when a load's amounts look sign-reversed: revenue
// accounts summing to debit (positive) and cost accounts to credit
// (negative), the opposite of every Swedish ledger (debit positive, as in
// SIE). Some systems export revenue positive and costs negative, as a
// report shows them; loaded as they are, every result would come out with
// the wrong sign. Needs the account mapping and both kinds in the load.
func signsReversed(ctx context.Context, tx *sql.Tx, loadID int64) ([]loadWarning, error) {
	var revenue, cost sql.NullString // exact: in öre, sums of DECIMAL(18,2) can pass a BIGINT
	var reversed sql.NullBool
	if err := tx.QueryRowContext(ctx, `
		WITH l AS (SELECT account, amount FROM ledger_month WHERE load_id = $1
		           UNION ALL SELECT account, amount FROM budget WHERE load_id = $1),
		     s AS (SELECT sum(l.amount) FILTER (WHERE a.kind = 'revenue') AS revenue,
		                  sum(l.amount) FILTER (WHERE a.kind = 'cost') AS cost
		           FROM l JOIN accounts a USING (account))
		SELECT revenue::VARCHAR, cost::VARCHAR, revenue > 0 AND cost < 0 FROM s`, loadID).Scan(&revenue, &cost, &reversed); err != nil {
		return nil, fmt.Errorf("signs: %w", err)
	}
	if !reversed.Valid || !reversed.Bool {
		return nil, nil
	}
	return []loadWarning{{
		fmt.Sprintf("revenue accounts sum to %s (debit) and cost accounts to %s (credit) in this load: the opposite of a Swedish ledger, where debit is positive (costs +, revenue −). "+
			"Are the amounts sign-reversed (revenue positive, costs negative, as a report shows them)? As loaded, every result has the wrong sign",
			revenue.String, cost.String),
		fmt.Sprintf("intäktskontona summerar till %s (debet) och kostnadskontona till %s (kredit) i inläsningen: tvärtom mot en svensk huvudbok, där debet är positivt (kostnader +, intäkter −). "+
			"Är beloppen teckenvända (intäkter positiva, kostnader negativa, som en rapport visar dem)? Som de är inlästa har varje resultat fel tecken",
			krOf(revenue.String), krOf(cost.String)),
	}}, nil
}
