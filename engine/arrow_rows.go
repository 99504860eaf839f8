//go:build !duckdb_arrow

package engine

import (
	"context"

	"github.com/apache/arrow-go/v18/arrow"
)

// NativeArrow reports whether this build fetches results as DuckDB's own
// Arrow record batches: not without -tags duckdb_arrow, which the driver's
// Arrow interface needs.
const NativeArrow = false

// StreamArrow is unavailable in this build: ok is false, and the caller
// streams rows in batches (Stream).
func (s *Store) StreamArrow(ctx context.Context, sqlText string, fn func(arrow.RecordBatch) error) (ok bool, err error) {
	return false, nil
}

// newArrowTransport: none without the duckdb_arrow tag; loads use the pipe.
func newArrowTransport(Kind) transport { return nil }
