package engine

import (
	"errors"
	"fmt"
	"strings"
)

// InputError is a problem in an extract, located so that an economist can
// open the file and find it.
type InputError struct {
	File   string
	Line   int    // 1-based; 0 when the problem is the whole file
	Column string // header name or field, when known
	Msg    string
	Hint   string // what to do about it, when there is something to say

	missing bool // a header without a required column (see headerColumns)
}

func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ": column %s", e.Column)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (try: ")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// maxInputErrors caps how many problems one file reports: enough to see a
// pattern, not so many that the first screen is lost.
const maxInputErrors = 20

// InputErrors collects the problems of one file.
type InputErrors struct {
	Errs    []*InputError
	Dropped int
}

func (l *InputErrors) add(e *InputError) {
	if len(l.Errs) >= maxInputErrors {
		l.Dropped++
		return
	}
	l.Errs = append(l.Errs, e)
}

func (l *InputErrors) full() bool { return len(l.Errs) >= maxInputErrors }

func (l *InputErrors) err() error {
	if len(l.Errs) == 0 {
		return nil
	}
	return l
}

func (l *InputErrors) Error() string {
	var b strings.Builder
	for i, e := range l.Errs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if l.Dropped > 0 {
		fmt.Fprintf(&b, "\n… and %d more problems", l.Dropped)
	}
	return b.String()
}

// ScopeError is a report or query asked for something the data does not
// have: a unit or division the organisation lacks, or a month the ledger has
// no rows for. The question is wrong, not the data nor tertial.
type ScopeError struct{ Msg string }

func (e *ScopeError) Error() string { return e.Msg }

func scopeErrorf(format string, args ...any) error {
	return &ScopeError{Msg: fmt.Sprintf(format, args...)}
}

// IsScopeError reports whether err is a ScopeError.
func IsScopeError(err error) bool {
	var e *ScopeError
	return errors.As(err, &e)
}

// SettingError is a setting the run needs that is missing or wrong, such as
// the HR key: neither the data nor tertial is at fault, and the same command
// works once the setting is right.
type SettingError struct{ Msg string }

func (e *SettingError) Error() string { return e.Msg }

// IsSettingError reports whether err is a SettingError.
func IsSettingError(err error) bool {
	var e *SettingError
	return errors.As(err, &e)
}

// IsInputError reports whether err is about the input rather than tertial or
// the database, so that the CLI can choose its exit status.
func IsInputError(err error) bool {
	var one *InputError
	var many *InputErrors
	return errors.As(err, &one) || errors.As(err, &many)
}
