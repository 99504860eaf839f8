package main

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoadConfig: any bytes give a config or a config error, never a panic
// or another kind of error.
func FuzzLoadConfig(f *testing.F) {
	f.Add([]byte(exampleConfig))
	f.Add([]byte("database: x.duckdb\nsources:\n  - {kind: ledger, files: '*.csv'}\n"))
	f.Add([]byte("reports: {periods: [T4]}\n"))
	f.Add([]byte("output: x\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "c.yaml")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		c, err := loadConfig(p)
		if err != nil {
			if _, ok := err.(configError); !ok {
				t.Fatalf("not a config error: %T %v", err, err)
			}
			return
		}
		if c.Database == "" || len(c.Reports.Periods) == 0 {
			t.Fatalf("defaults not applied: %+v", c)
		}
	})
}
