package main

import (
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/tertial/tertial/engine"
)

// loadProgress is the bar a load shows while its extract is parsed: only
// when standard error is a terminal and the logs are for a person (not
// --quiet, not --log-format json), so a scheduler's log gets no control
// characters. It returns nil when there is no bar, and a function that
// clears the bar once the load is done.
func (a *app) loadProgress(file string) (engine.Progress, func()) {
	if a.quiet || a.logFormat == "json" || !isTerminal(a.stderr) {
		return nil, func() {}
	}
	info, err := os.Stat(file)
	if err != nil || info.Size() < 4<<20 {
		return nil, func() {} // a small extract loads before a bar would say anything
	}
	// One byte more than the file: the bar stays open while the load
	// commits after the parse, and closes when the load is done.
	bar := progressbar.NewOptions64(info.Size()+1,
		progressbar.OptionSetWriter(a.stderr),
		progressbar.OptionSetDescription("läser "+filepath.Base(file)),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetPredictTime(true),
	)
	progress := func(done, total int64) { bar.Set64(min(done, info.Size())) }
	return progress, func() { bar.Finish() }
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
