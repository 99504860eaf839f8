package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/decimal128"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/tertial/tertial/engine"
)

var formats = map[string]bool{"table": true, "csv": true, "tsv": true, "json": true, "jsonl": true, "markdown": true, "xlsx": true, "parquet": true, "arrow": true}

func validFormat(f string) bool  { return formats[f] }
func binaryFormat(f string) bool { return f == "xlsx" || f == "parquet" || f == "arrow" }

// writeOutput writes a result to --output (or stdout for text formats).
func writeOutput(stdout io.Writer, t *engine.Table, format, output string, swedish bool) error {
	if !validFormat(format) {
		return usageError{fmt.Errorf("unknown --format %q: use table, csv, tsv, json, jsonl, markdown, xlsx, parquet or arrow", format)}
	}
	if binaryFormat(format) && output == "" {
		return usageError{fmt.Errorf("--format %s is a binary file format: give --output FILE", format)}
	}
	if output == "" {
		return writeTableOpts(stdout, t, format, swedish)
	}
	f, err := os.Create(output)
	if err != nil {
		return err
	}
	switch format {
	case "xlsx":
		err = writeXLSX(f, t)
	case "parquet", "arrow":
		err = writeArrow(f, t, format)
	default:
		err = writeTableOpts(f, t, format, swedish)
	}
	// The Parquet writer closes the file itself.
	if cerr := f.Close(); err == nil && !errors.Is(cerr, os.ErrClosed) {
		err = cerr
	}
	if err != nil {
		os.Remove(output)
	}
	return err
}

// writeXLSX writes one sheet with real numeric cells and a frozen header.
func writeXLSX(w io.Writer, t *engine.Table) error {
	x := excelize.NewFile()
	defer x.Close()
	sheet := "Resultat"
	x.SetSheetName("Sheet1", sheet)
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(t.Columns))
	for i, c := range t.Columns {
		head[i] = c
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for r, row := range t.Rows {
		cells := make([]any, len(row))
		for i, v := range row {
			switch x := v.(type) {
			case decimal.Decimal:
				f, _ := x.Float64() // a spreadsheet cell is a double; the text outputs keep exact decimals
				cells[i] = f
			case time.Time:
				cells[i] = engine.FormatValue(x)
			default:
				cells[i] = v
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(cell, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.Write(w)
}

var decimalType = regexp.MustCompile(`^DECIMAL\((\d+),(\d+)\)$`)

func arrowType(dbType string) arrow.DataType {
	if m := decimalType.FindStringSubmatch(dbType); m != nil {
		p, _ := strconv.Atoi(m[1])
		s, _ := strconv.Atoi(m[2])
		return &arrow.Decimal128Type{Precision: int32(p), Scale: int32(s)}
	}
	switch dbType {
	case "BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UBIGINT", "UINTEGER", "USMALLINT", "UTINYINT", "HUGEINT":
		return arrow.PrimitiveTypes.Int64
	case "DOUBLE", "FLOAT":
		return arrow.PrimitiveTypes.Float64
	case "BOOLEAN":
		return arrow.FixedWidthTypes.Boolean
	case "DATE":
		return arrow.FixedWidthTypes.Date32
	case "TIMESTAMP":
		return &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	}
	return arrow.BinaryTypes.String
}

// streamArrow writes a query's result to a Parquet or Arrow IPC file as it
// comes, one record batch per batch of rows: memory stays bounded however
// large the result.
//
// Built with -tags duckdb_arrow, the batches are DuckDB's own Arrow record
// batches, written as they come; otherwise rows are fetched in batches of
// 65 536 and built into record batches here.
func streamArrow(ctx context.Context, s *engine.Store, query, format, output string) error {
	f, err := os.Create(output)
	if err != nil {
		return err
	}
	var sw *arrowStream
	native, err := s.StreamArrow(ctx, query, func(rec arrow.RecordBatch) error {
		if sw == nil {
			var err error
			if sw, err = newArrowWriter(f, rec.Schema(), format); err != nil {
				return err
			}
		}
		return sw.writeFn(rec)
	})
	if !native {
		err = s.Stream(ctx, query, 65536, func(cols, types []string, rows [][]any) error {
			if sw == nil {
				if sw, err = newArrowStream(f, cols, types, format); err != nil {
					return err
				}
			}
			return sw.write(rows)
		})
	}
	if err == nil && sw != nil {
		err = sw.close()
	}
	if cerr := f.Close(); err == nil && !errors.Is(cerr, os.ErrClosed) {
		err = cerr
	}
	if err != nil {
		os.Remove(output)
	}
	return err
}

type arrowStream struct {
	b       *array.RecordBuilder
	cols    []string
	writeFn func(arrow.RecordBatch) error
	closeFn func() error
}

func newArrowStream(w io.Writer, cols, types []string, format string) (*arrowStream, error) {
	fields := make([]arrow.Field, len(cols))
	for i, c := range cols {
		fields[i] = arrow.Field{Name: c, Type: arrowType(types[i]), Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	st, err := newArrowWriter(w, schema, format)
	if err != nil {
		return nil, err
	}
	st.b, st.cols = array.NewRecordBuilder(memory.DefaultAllocator, schema), cols
	return st, nil
}

// newArrowWriter writes record batches of schema as Parquet or Arrow IPC.
func newArrowWriter(w io.Writer, schema *arrow.Schema, format string) (*arrowStream, error) {
	st := &arrowStream{}
	if format == "parquet" {
		pw, err := pqarrow.NewFileWriter(schema, w, nil, pqarrow.DefaultWriterProps())
		if err != nil {
			return nil, err
		}
		st.writeFn, st.closeFn = pw.Write, pw.Close
	} else {
		iw, err := ipc.NewFileWriter(w, ipc.WithSchema(schema))
		if err != nil {
			return nil, err
		}
		st.writeFn, st.closeFn = iw.Write, iw.Close
	}
	return st, nil
}

func (st *arrowStream) write(rows [][]any) error {
	for _, row := range rows {
		for i, v := range row {
			if err := appendArrow(st.b.Field(i), v); err != nil {
				return fmt.Errorf("column %s: %w", st.cols[i], err)
			}
		}
	}
	rec := st.b.NewRecordBatch()
	defer rec.Release()
	return st.writeFn(rec)
}

func (st *arrowStream) close() error {
	if st.b != nil {
		st.b.Release()
	}
	return st.closeFn()
}

// writeArrow writes an in-memory result as Parquet or an Arrow IPC file.
func writeArrow(w io.Writer, t *engine.Table, format string) error {
	fields := make([]arrow.Field, len(t.Columns))
	for i, c := range t.Columns {
		fields[i] = arrow.Field{Name: c, Type: arrowType(t.Types[i]), Nullable: true}
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	const batch = 65536
	var write func(arrow.RecordBatch) error
	var closeFn func() error
	if format == "parquet" {
		pw, err := pqarrow.NewFileWriter(schema, w, nil, pqarrow.DefaultWriterProps())
		if err != nil {
			return err
		}
		write, closeFn = pw.Write, pw.Close
	} else {
		iw, err := ipc.NewFileWriter(w, ipc.WithSchema(schema))
		if err != nil {
			return err
		}
		write, closeFn = iw.Write, iw.Close
	}
	flush := func() error {
		rec := b.NewRecordBatch()
		defer rec.Release()
		return write(rec)
	}
	for r, row := range t.Rows {
		for i, v := range row {
			if err := appendArrow(b.Field(i), v); err != nil {
				return fmt.Errorf("column %s: %w", t.Columns[i], err)
			}
		}
		if (r+1)%batch == 0 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if len(t.Rows)%batch != 0 || len(t.Rows) == 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	return closeFn()
}

func appendArrow(b array.Builder, v any) error {
	if v == nil {
		b.AppendNull()
		return nil
	}
	switch bb := b.(type) {
	case *array.Decimal128Builder:
		d, ok := v.(decimal.Decimal)
		if !ok {
			return fmt.Errorf("expected a decimal, got %T", v)
		}
		scale := bb.Type().(*arrow.Decimal128Type).Scale
		n := d.Shift(scale).BigInt()
		bb.Append(decimal128.FromBigInt(n))
	case *array.Int64Builder:
		switch x := v.(type) {
		case int64:
			bb.Append(x)
		case decimal.Decimal:
			bb.Append(x.IntPart())
		default:
			return fmt.Errorf("expected an integer, got %T", v)
		}
	case *array.Float64Builder:
		f, _ := v.(float64)
		bb.Append(f)
	case *array.BooleanBuilder:
		x, _ := v.(bool)
		bb.Append(x)
	case *array.Date32Builder:
		x, _ := v.(time.Time)
		bb.Append(arrow.Date32FromTime(x))
	case *array.TimestampBuilder:
		x, _ := v.(time.Time)
		bb.Append(arrow.Timestamp(x.UnixMicro()))
	case *array.StringBuilder:
		bb.Append(engine.FormatValue(v))
	default:
		return fmt.Errorf("unsupported column type %T", b)
	}
	return nil
}
