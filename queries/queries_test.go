package queries

import (
	"strings"
	"testing"
)

func TestAllQueriesHaveMetadata(t *testing.T) {
	qs, err := All()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 6 {
		t.Fatalf("only %d queries", len(qs))
	}
	for _, q := range qs {
		if q.Title == "" || q.Description == "" || q.Unit == "" || len(q.Params) == 0 {
			t.Errorf("%s: incomplete metadata %+v", q.Name, q)
		}
		for _, p := range q.Params {
			if !strings.Contains(q.SQL, "getvariable('"+p+"')") {
				t.Errorf("%s declares parameter %s but never reads it", q.Name, p)
			}
		}
	}
}

func TestParseRejects(t *testing.T) {
	cases := map[string]string{
		"-- @title: x\n-- @colour: red\nSELECT 1":   "unknown metadata key @colour",
		"-- @title: x\n-- @params: month\nSELECT 1": `unknown parameter "month"`,
		"-- @unit: kr\nSELECT 1":                    "missing '-- @title:'",
		"-- @title x\nSELECT 1":                     "expected '-- @key: value'",
	}
	for text, want := range cases {
		if _, err := Parse("q", text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want %q", text, err, want)
		}
	}
	q, err := Parse("q", "-- @title: T\n-- @description: a\n-- @description: b\n-- @params: period, unit\nSELECT 1\n-- @ignored: after the header\n")
	if err != nil || q.Description != "a b" || len(q.Params) != 2 {
		t.Errorf("Parse = %+v, %v", q, err)
	}
}

func TestGetUnknown(t *testing.T) {
	if _, err := Get("nope"); err == nil || !strings.Contains(err.Error(), "known: ") {
		t.Errorf("Get(nope) = %v", err)
	}
}
