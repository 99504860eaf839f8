package charts

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrowserCheckCatchesProblems: a page with a script error, a request
// off the machine and a figure that draws nothing must fail the check.
func TestBrowserCheckCatchesProblems(t *testing.T) {
	if _, err := FindBrowser(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI must have Chromium: %v", err)
		}
		t.Skip(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "bad.html")
	os.WriteFile(page, []byte(`<!DOCTYPE html><html><body>
<div class="chart" id="fig_empty" style="width:300px;height:200px"></div>
<img src="http://example.invalid/logo.png">
<script>console.error("tertial test error"); throw new Error("boom");</script>
</body></html>`), 0o644)
	check, err := RenderInBrowser(context.Background(), nil, page, dir, []string{"fig_empty"})
	if err != nil {
		t.Fatal(err)
	}
	problems := strings.Join(check.Problems([]string{"fig_empty"}), "\n")
	for _, want := range []string{"figure fig_empty drew 0 shapes", "console error", "example.invalid"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems lack %q:\n%s", want, problems)
		}
	}
}
