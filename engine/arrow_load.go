//go:build duckdb_arrow

package engine

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/memory"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// Arrow loads (duckdb_arrow builds): the parser fills Arrow record batches
// of 65 536 ledger rows and DuckDB inserts them from a view over the
// batches as they come — no CSV is written or read.

var ledgerArrowSchema = arrow.NewSchema([]arrow.Field{
	{Name: "period", Type: arrow.FixedWidthTypes.Date32},
	{Name: "account", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "cost_center", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "project", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "activity", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "amount", Type: &arrow.Decimal128Type{Precision: 18, Scale: 2}},
	{Name: "text", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "line", Type: arrow.PrimitiveTypes.Int32},
	{Name: "voucher", Type: arrow.BinaryTypes.String, Nullable: true},
}, nil)

const arrowBatch = 65536

type arrowTransport struct {
	view          string
	batches       *batchQueue[arrow.RecordBatch]
	releaseStream func()
}

func newArrowTransport(kind Kind) transport {
	if kind != KindSIE && kind != KindLedger {
		return nil
	}
	return &arrowTransport{batches: newBatchQueue[arrow.RecordBatch](2)}
}

func (t *arrowTransport) stage(stop <-chan struct{}) (*stage, error) {
	return &stage{sink: &arrowSink{t: t, stop: stop, b: array.NewRecordBuilder(memory.DefaultAllocator, ledgerArrowSchema)}}, nil
}

func (t *arrowTransport) source(streamTarget) string { return t.view }

func (t *arrowTransport) prepare(ctx context.Context, conn *sql.Conn) error {
	t.view = fmt.Sprintf("tertial_stage_%d", atomic.AddUint64(&viewSeq, 1))
	return conn.Raw(func(dc any) error {
		ar, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		release, err := ar.RegisterView(&chanReader{t: t, refs: 1}, t.view)
		if err != nil {
			return err
		}
		t.releaseStream = release
		return nil
	})
}

var viewSeq uint64

// finish drops the view inside the transaction: a registered view must not
// be committed, as it cannot outlive its reader.
func (t *arrowTransport) finish(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "DROP VIEW IF EXISTS "+quoteIdent(t.view))
	return err
}

// release frees the exported stream.
func (t *arrowTransport) release() {
	if t.releaseStream != nil {
		t.releaseStream()
		t.releaseStream = nil
	}
}

func (t *arrowTransport) abort(<-chan struct{}) { t.batches.end(nil) }

func (t *arrowTransport) close() {}

type arrowSink struct {
	t    *arrowTransport
	stop <-chan struct{}
	b    *array.RecordBuilder
	n    int
}

func appendOpt(b array.Builder, s string) {
	if s == "" {
		b.AppendNull() // as the CSV stage: an empty field is NULL
		return
	}
	b.(*array.StringBuilder).Append(s)
}

func (k *arrowSink) ledger(r *ledgerRow) error {
	b := k.b
	b.Field(0).(*array.Date32Builder).Append(arrow.Date32FromTime(r.Period.Date()))
	appendOpt(b.Field(1), r.Account)
	appendOpt(b.Field(2), r.CostCenter)
	appendOpt(b.Field(3), r.Project)
	appendOpt(b.Field(4), r.Activity)
	b.Field(5).(*array.Decimal128Builder).Append(decimal128.FromI64(r.Amount))
	appendOpt(b.Field(6), r.Text)
	b.Field(7).(*array.Int32Builder).Append(int32(r.Line))
	appendOpt(b.Field(8), r.Voucher)
	k.n++
	if k.n == arrowBatch {
		return k.send()
	}
	return nil
}

func (k *arrowSink) send() error {
	rec := k.b.NewRecordBatch()
	k.n = 0
	select {
	case k.t.batches.c <- rec:
		return nil
	case <-k.stop:
		rec.Release()
		return errStageStopped
	}
}

func (k *arrowSink) flush() error {
	var err error
	if k.n > 0 {
		err = k.send()
	}
	k.b.Release()
	k.t.batches.end(err)
	return err
}

func (k *arrowSink) fail(err error) {
	k.b.Release()
	k.t.batches.end(err)
}

// chanReader is the record reader DuckDB pulls the batches from.
type chanReader struct {
	t    *arrowTransport
	refs int64
	cur  arrow.RecordBatch
}

func (r *chanReader) Retain() { atomic.AddInt64(&r.refs, 1) }
func (r *chanReader) Release() {
	if atomic.AddInt64(&r.refs, -1) == 0 && r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
}
func (r *chanReader) Schema() *arrow.Schema { return ledgerArrowSchema }
func (r *chanReader) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	rec, ok := <-r.t.batches.c
	if !ok {
		return false
	}
	r.cur = rec
	return true
}
func (r *chanReader) RecordBatch() arrow.RecordBatch { return r.cur }
func (r *chanReader) Record() arrow.RecordBatch      { return r.cur }
func (r *chanReader) Err() error {
	return r.t.batches.parseErr()
}
