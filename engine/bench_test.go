package engine

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"
)

// BenchmarkLoadLedgerCSV loads a generated Swedish CSV ledger; rows/s is
// reported beside DuckDB's own read_csv of the same bytes in
// BenchmarkReadCSVReference. For the 10 M-row figures run `tertial bench`.
func BenchmarkLoadLedgerCSV(b *testing.B) {
	const n = 200_000
	var buf bytes.Buffer
	if err := WriteSyntheticLedger(&buf, n, 42); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openTest(b)
		b.StartTimer()
		res, err := s.LoadData(ctx, fmt.Sprintf("huvudbok_%d.csv", i), data, LoadOptions{Kind: KindLedger})
		if err != nil || res.Rows != n {
			b.Fatalf("%v, %+v", err, res)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func BenchmarkReadCSVReference(b *testing.B) {
	const n = 200_000
	path := b.TempDir() + "/l.csv"
	var buf bytes.Buffer
	if err := WriteSyntheticLedger(&buf, n, 42); err != nil {
		b.Fatal(err)
	}
	if err := osWriteFile(path, buf.Bytes()); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := openTest(b)
		b.StartTimer()
		if _, err := s.DB().Exec("CREATE TABLE t AS SELECT * FROM " + SyntheticReadCSV(path)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func osWriteFile(p string, b []byte) error { return os.WriteFile(p, b, 0o644) }

// BenchmarkParseSIE parses a generated region's SIE 4 ledger (CP437, one
// year) without DuckDB: the Go side of a SIE load, which bounds it.
func BenchmarkParseSIE(b *testing.B) {
	f, err := GenerateRegion(b.TempDir(), RegionSpec{Seed: 42, FirstYear: 2018, RowsPerYear: 200_000, Employees: 10, CostCenters: 50})
	if err != nil {
		b.Fatal(err)
	}
	plain, err := os.ReadFile(f.LedgerSIE[0])
	if err != nil {
		b.Fatal(err)
	}
	// The same file with a checksum (#KSUMMA), which the parser verifies.
	i := bytes.IndexByte(plain, '\n') + 1 // after #FLAGGA
	var sum sieChecksum
	for _, line := range bytes.Split(plain[i:], []byte("\n")) {
		sum.add(line)
	}
	checked := append(append(append([]byte(nil), plain[:i]...), "#KSUMMA\n"...), plain[i:]...)
	checked = fmt.Appendf(checked, "#KSUMMA %d\n", sum.crc)
	for _, c := range []struct {
		name string
		data []byte
	}{{"plain", plain}, {"ksumma", checked}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			var lines int64
			for b.Loop() {
				lines = 0
				if _, err := parseSIE("bench.se", c.data, func(*ledgerRow) error { lines++; return nil }, nil); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}
