package charts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// ErrNoBrowser means no Chromium was found: PNG and PDF outputs are then
// skipped, which is not a failure of the report.
var ErrNoBrowser = errors.New("no Chromium found (install the chromium package, or set TERTIAL_CHROMIUM to its path; TERTIAL_CHROMIUM=none turns this off)")

// FindBrowser returns the system Chromium, or ErrNoBrowser.
func FindBrowser() (string, error) {
	switch p := os.Getenv("TERTIAL_CHROMIUM"); p {
	case "none", "off":
		return "", ErrNoBrowser
	case "":
	default:
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// BrowserCheck is what the page did in a real browser.
type BrowserCheck struct {
	Drawn         map[string]int // figure id -> SVG shapes drawn
	ConsoleErrors []string
	Requests      []string // requests that left the page (should be none)
	PNGs          []string
	PDF           string
}

// RenderInBrowser opens the report in headless Chromium with the network
// off, records console errors and every request that is not the file itself
// or inline data, counts what each figure drew, and writes
// figures/<id>.png for each figure and report.pdf (A4, the print
// stylesheet) into outDir. With log at debug level it logs each step's
// time ("browser step"); log may be nil.
//
// A step that fails leaves none of the files behind: a folder never holds
// some of this report's figures beside the earlier report's others.
func RenderInBrowser(ctx context.Context, log *slog.Logger, htmlPath, outDir string, figureIDs []string) (_ *BrowserCheck, rerr error) {
	exe, err := FindBrowser()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(htmlPath)
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "tertial-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.UserDataDir(profile),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// The network is off: every host name resolves to nothing and any
		// connection would go to a closed local port. The page needs none.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.WindowSize(1100, 1400),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancelT := context.WithTimeout(bctx, 90*time.Second)
	defer cancelT()

	last := time.Now()
	step := func(name string) {
		if log != nil {
			now := time.Now()
			log.Debug("browser step", "step", name, "seconds", float64(now.Sub(last).Round(time.Millisecond))/1e9)
			last = now
		}
	}
	check := &BrowserCheck{Drawn: map[string]int{}}
	defer func() {
		if rerr != nil {
			for _, p := range check.PNGs {
				os.Remove(p)
			}
			if check.PDF != "" {
				os.Remove(check.PDF)
			}
		}
	}()
	var mu sync.Mutex
	err = chromedp.Listen(bctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, fmt.Sprint(a.Value, a.Description))
				}
				check.ConsoleErrors = append(check.ConsoleErrors, strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			check.ConsoleErrors = append(check.ConsoleErrors, fmt.Sprintf("%s (line %d)", e.ExceptionDetails.Text, e.ExceptionDetails.LineNumber))
		case *network.EventRequestWillBeSent:
			u := e.Request.URL
			if !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
				check.Requests = append(check.Requests, u)
			}
		}
	})
	if err != nil {
		return nil, browserError{exe, "", err}
	}
	if _, err := chromedp.Call(bctx, network.Enable, network.EnableParams{}); err != nil {
		return nil, browserError{exe, "", err}
	}
	if _, err := chromedp.Call(bctx, runtime.Enable, cdp.Empty{}); err != nil {
		return nil, browserError{exe, "", err}
	}
	step("start Chromium")
	if err := chromedp.Do(bctx, chromedp.Navigate("file://"+abs), chromedp.WaitReady("body")); err != nil {
		return nil, browserError{exe, "", err}
	}
	step("open the page")
	drawn, err := chromedp.Run(bctx, chromedp.Evaluate[map[string]int](`(function () { var out = {}; document.querySelectorAll('.chart').forEach(function (el) {
		out[el.id] = el.querySelectorAll('svg path, svg rect, svg text').length; }); return out; })()`))
	if err != nil {
		return nil, browserError{exe, "", err}
	}
	mu.Lock()
	check.Drawn = drawn
	mu.Unlock()
	step("count what each figure drew")
	if err := os.MkdirAll(filepath.Join(outDir, "figures"), 0o755); err != nil {
		return nil, err
	}
	sort.Strings(figureIDs)
	for _, id := range figureIDs {
		sctx, cancelS := context.WithTimeout(bctx, 20*time.Second)
		png, err := chromedp.Run(sctx, chromedp.Screenshot("#"+id))
		cancelS()
		if err != nil {
			return nil, browserError{exe, "figure " + id, err}
		}
		p := filepath.Join(outDir, "figures", strings.TrimPrefix(id, "fig_")+".png")
		if err := os.WriteFile(p, png, 0o644); err != nil {
			return nil, err
		}
		check.PNGs = append(check.PNGs, p)
	}
	step("screenshot each figure")
	yes := true
	res, err := chromedp.Call(bctx, page.PrintToPDF, page.PrintToPDFParams{PrintBackground: &yes, PreferCSSPageSize: &yes})
	if err != nil {
		return nil, browserError{exe, "the PDF", err}
	}
	pdf := res.Data
	step("print the PDF")
	check.PDF = filepath.Join(outDir, "report.pdf")
	if err := os.WriteFile(check.PDF, pdf, 0o644); err != nil {
		return nil, err
	}
	return check, nil
}

// browserError is Chromium failing: which Chromium, at which step, and
// what it said (chromedp's text runs over lines, with Chromium's stderr).
type browserError struct {
	exe, step string
	err       error
}

func (e browserError) Error() string {
	msg := strings.Join(strings.Fields(e.err.Error()), " ")
	if e.step != "" {
		msg = e.step + ": " + msg
	}
	return "Chromium (" + e.exe + "): " + msg
}

func (e browserError) Unwrap() error { return e.err }

// Problems lists what an economist would not accept: a figure that drew
// nothing, a script error, a request off the machine.
func (c *BrowserCheck) Problems(figureIDs []string) []string {
	var p []string
	for _, id := range figureIDs {
		if c.Drawn[id] < 10 {
			p = append(p, fmt.Sprintf("figure %s drew %d shapes", id, c.Drawn[id]))
		}
	}
	for _, e := range c.ConsoleErrors {
		p = append(p, "console error: "+e)
	}
	for _, r := range c.Requests {
		p = append(p, "request left the page: "+r)
	}
	return p
}
