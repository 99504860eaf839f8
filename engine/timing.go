package engine

import (
	"context"
	"log/slog"
	"time"
)

// steps logs, at debug level, how long each step of one operation took:
// what `tertial --verbose` shows of a slow load or report, so that a user
// (or the bench's reader) sees where the time goes without a profiler.
// It costs nothing unless debug logging is on.
type steps struct {
	log  *slog.Logger
	what string
	args []any
	t0   time.Time
	last time.Time
}

// steps starts timing one operation (what: "load", "report" …); args name it.
func (s *Store) steps(ctx context.Context, what string, args ...any) *steps {
	log := s.logger()
	if !log.Enabled(ctx, slog.LevelDebug) {
		return nil
	}
	now := time.Now()
	return &steps{log: log, what: what, args: args, t0: now, last: now}
}

// step logs the time since the previous step (or the start).
func (t *steps) step(name string) {
	if t == nil {
		return
	}
	now := time.Now()
	t.log.Debug(t.what+" step", append([]any{"step", name, "seconds", Seconds(now.Sub(t.last))}, t.args...)...)
	t.last = now
}

// done logs the whole operation's time.
func (t *steps) done() {
	if t == nil {
		return
	}
	t.log.Debug(t.what+" done", append([]any{"seconds", Seconds(time.Since(t.t0))}, t.args...)...)
}

// Seconds is a step's duration as the logs give it: seconds, to the
// millisecond.
func Seconds(d time.Duration) float64 { return d.Round(time.Millisecond).Seconds() }

func (s *Store) logger() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}
