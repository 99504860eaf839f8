package engine

import (
	"bufio"
	"io"
	"math/rand/v2"
	"strconv"
)

// WriteSyntheticLedger writes a deterministic ledger of n rows as a Swedish
// CSV (';', decimal comma, UTF-8, no thousands separators, so that DuckDB's
// read_csv can read the very same file for comparison): two years of months,
// 400 accounts, 2 000 cost centers, some projects, texts of varied length.
func WriteSyntheticLedger(w io.Writer, n int, seed uint64) error {
	rng := rand.New(rand.NewPCG(seed, 1))
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.WriteString("Period;Konto;Ansvar;Projekt;Verksamhet;Belopp;Text\n")
	texts := []string{"Lönekörning", "Leverantörsfaktura", "Internfakturering", "Avskrivning enligt plan", "Periodisering", "Licenser Microsoft", "Reservdelar MT"}
	var b []byte
	for i := 0; i < n; i++ {
		b = b[:0]
		month := i * 24 / n
		b = strconv.AppendInt(b, int64(2018+month/12), 10)
		m := month%12 + 1
		b = append(b, byte('0'+m/10), byte('0'+m%10), ';')
		b = strconv.AppendInt(b, int64(3000+rng.IntN(400)*10), 10)
		b = append(b, ';')
		b = strconv.AppendInt(b, int64(10000+rng.IntN(2000)), 10)
		b = append(b, ';')
		if rng.IntN(5) == 0 {
			b = append(b, 'P')
			b = strconv.AppendInt(b, int64(rng.IntN(300)), 10)
		}
		b = append(b, ';')
		b = strconv.AppendInt(b, int64(rng.IntN(40)), 10)
		b = append(b, ';')
		ore := rng.Int64N(20_000_000) - 5_000_000
		if ore < 0 {
			b = append(b, '-')
			ore = -ore
		}
		b = strconv.AppendInt(b, ore/100, 10)
		b = append(b, ',', byte('0'+ore%100/10), byte('0'+ore%10))
		b = append(b, ';')
		b = append(b, texts[rng.IntN(len(texts))]...)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(rng.IntN(100000)), 10)
		b = append(b, '\n')
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// SyntheticReadCSV is DuckDB's own reader over a WriteSyntheticLedger file
// with the same column types the ledger has, for side-by-side timing.
func SyntheticReadCSV(path string) string {
	return "read_csv(" + sqlString(path) + ", header=true, delim=';', decimal_separator=',', auto_detect=false, " +
		"columns={'period': 'VARCHAR', 'account': 'VARCHAR', 'cost_center': 'VARCHAR', 'project': 'VARCHAR', " +
		"'activity': 'VARCHAR', 'amount': 'DECIMAL(18,2)', 'text': 'VARCHAR'})"
}
