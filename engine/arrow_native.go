//go:build duckdb_arrow

package engine

import (
	"context"
	"database/sql/driver"

	"github.com/apache/arrow-go/v18/arrow"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// NativeArrow reports whether this build fetches results as DuckDB's own
// Arrow record batches (built with -tags duckdb_arrow).
const NativeArrow = true

// StreamArrow runs a query and hands its result to fn as DuckDB's own
// Arrow record batches, never as rows. ok is false in builds without the
// duckdb_arrow tag; the caller then streams rows (Stream).
func (s *Store) StreamArrow(ctx context.Context, sqlText string, fn func(arrow.RecordBatch) error) (ok bool, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return true, err
	}
	defer conn.Close()
	return true, conn.Raw(func(dc any) error {
		ar, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		rdr, err := ar.QueryContext(ctx, sqlText)
		if err != nil {
			return err
		}
		defer rdr.Release()
		for rdr.Next() {
			if err := fn(rdr.RecordBatch()); err != nil {
				return err
			}
		}
		return rdr.Err()
	})
}
