//go:build duckdb_arrow

package engine

import "testing"

// In this build ledgers load as Arrow batches (TestArrowLoadsBuild runs the
// load tests here).
func TestArrowTransportInUse(t *testing.T) {
	if newArrowTransport(KindLedger) == nil || newArrowTransport(KindSIE) == nil {
		t.Fatal("a duckdb_arrow build without the Arrow transport")
	}
	if newArrowTransport(KindHours) != nil {
		t.Error("hours have no Arrow schema here; they stream through the pipe")
	}
}
