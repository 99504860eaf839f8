package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestReadmeSQLExamples runs every ```sql block of the README's "Ad-hoc SQL"
// section on the sample, as an analyst would paste it.
func TestReadmeSQLExamples(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "## Ad-hoc SQL")
	end := strings.Index(readme[start+1:], "\n## ")
	if start < 0 || end < 0 {
		t.Fatal("README has no Ad-hoc SQL section")
	}
	blocks := regexp.MustCompile("(?s)```sql\n(.*?)```").FindAllStringSubmatch(readme[start:start+1+end], -1)
	if len(blocks) < 3 {
		t.Fatalf("only %d SQL examples", len(blocks))
	}
	for _, blk := range blocks {
		out, errs, code := runCLI(t, "--sample", "sql", "--format", "csv", "--", blk[1])
		if code != 0 || strings.Count(out, "\n") < 2 {
			t.Errorf("example failed (exit %d): %s\n%s%s", code, blk[1], out, errs)
		}
	}
}
