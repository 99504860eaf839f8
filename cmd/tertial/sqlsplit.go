package main

import "strings"

// stmtScanner cuts SQL text, fed line by line, into statements as DuckDB's
// own shell does: a statement ends at a ';' that is not inside a string
// ('…', E'…' with backslash escapes), a quoted name ("…"), a dollar-quoted
// string ($$…$$, $tag$…$tag$) or a comment (-- to the end of the line,
// /* … */, which nest). So "SELECT 'a;' AS s;" is one statement, two
// statements on one line are two, and a comment that ends with ';' is
// none. Text that holds only comments and blanks is not a statement.
type stmtScanner struct {
	text     strings.Builder // the statement being read
	state    lexState
	depth    int    // nesting of /* */ comments
	tag      string // of the dollar quote being read, "$tag$"
	escape   bool   // the next byte in an E'…' string is escaped
	escaped  bool   // the string being read is an E'…' string
	line     int    // lines fed so far
	start    int    // line of the statement's first token; 0: none yet
	lastByte byte   // the byte before the one being read, outside comments
}

type lexState int

const (
	lexCode lexState = iota
	lexString
	lexName
	lexDollar
	lexLineComment
	lexBlockComment
)

// statement is one statement of a script and the line it starts on.
type statement struct {
	SQL  string
	Line int
}

// Feed reads one line (without its line break) and returns the statements
// it completes.
func (s *stmtScanner) Feed(line string) []statement {
	s.line++
	var out []statement
	from := 0 // of line, not yet written to s.text
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch s.state {
		case lexCode:
			switch {
			case c == ';':
				s.text.WriteString(line[from : i+1])
				from = i + 1
				if st, ok := s.take(); ok {
					out = append(out, st)
				}
				continue
			case c == '-' && i+1 < len(line) && line[i+1] == '-':
				s.state = lexLineComment
				i = len(line) - 1
				continue
			case c == '/' && i+1 < len(line) && line[i+1] == '*':
				s.state, s.depth = lexBlockComment, 1
				i++
				continue
			case c == '\'':
				s.state = lexString
				s.escaped = (s.lastByte == 'E' || s.lastByte == 'e') && !identByte(s.beforeLast(line, i))
			case c == '"':
				s.state = lexName
			case c == '$' && !identByte(s.lastByte):
				if tag, ok := dollarTag(line[i:]); ok {
					s.state, s.tag = lexDollar, tag
					s.mark()
					i += len(tag) - 1
					s.lastByte = '$'
					continue
				}
			}
			if !asciiSpace(c) {
				s.mark()
			}
		case lexString:
			switch {
			case s.escape:
				s.escape = false
			case c == '\\' && s.escaped:
				s.escape = true
			case c == '\'':
				s.state = lexCode // '' reopens at once: the same string
			}
		case lexName:
			if c == '"' {
				s.state = lexCode
			}
		case lexDollar:
			if c == '$' && strings.HasPrefix(line[i:], s.tag) {
				i += len(s.tag) - 1
				s.state = lexCode
				s.lastByte = '$'
				continue
			}
		case lexBlockComment:
			switch {
			case c == '/' && i+1 < len(line) && line[i+1] == '*':
				s.depth++
				i++
			case c == '*' && i+1 < len(line) && line[i+1] == '/':
				s.depth--
				i++
				if s.depth == 0 {
					s.state = lexCode
					s.lastByte = ' ' // a comment parts tokens
					continue
				}
			}
			continue
		}
		s.lastByte = c
	}
	if s.state == lexLineComment {
		s.state = lexCode
	}
	s.text.WriteString(line[from:])
	s.text.WriteByte('\n')
	s.lastByte = '\n'
	return out
}

// beforeLast is the byte before the last one read, at i of line; the
// lexer keeps only the last, so at the start of a line it is a break.
func (s *stmtScanner) beforeLast(line string, i int) byte {
	if i >= 2 {
		return line[i-2]
	}
	return '\n'
}

// mark notes that the statement being read has a token, on this line if it
// is its first.
func (s *stmtScanner) mark() {
	if s.start == 0 {
		s.start = s.line
	}
}

// take ends the statement read so far.
func (s *stmtScanner) take() (statement, bool) {
	st := statement{SQL: strings.TrimSpace(s.text.String()), Line: s.start}
	s.text.Reset()
	s.start = 0
	return st, st.Line > 0 && st.SQL != "" // "" when its token was a Unicode space
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

// Rest is the statement the input ends in without its ';', if there is
// one; text inside an unclosed string or comment is given to DuckDB too,
// which says what is wrong with it.
func (s *stmtScanner) Rest() (statement, bool) {
	if s.state != lexCode && s.start == 0 { // a line comment ends with its line
		s.mark() // an unclosed comment alone: DuckDB names it
	}
	s.state = lexCode
	return s.take()
}

// Skip counts a line that is not SQL (a dot-command).
func (s *stmtScanner) Skip() { s.line++ }

// Lines is the number of lines read.
func (s *stmtScanner) Lines() int { return s.line }

// Open reports whether a statement has begun and not ended: the shell's
// continuation prompt.
func (s *stmtScanner) Open() bool { return s.start > 0 || s.state != lexCode }

// Empty reports whether nothing but blanks and comments has been read since
// the last statement: where a dot-command may stand.
func (s *stmtScanner) Empty() bool { return !s.Open() }

func identByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// dollarTag reads the opening of a dollar-quoted string at the start of s:
// "$$" or "$tag$" with tag an identifier not starting with a digit ($1 is a
// parameter).
func dollarTag(s string) (string, bool) {
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c == '$' {
			return s[:i+1], true
		}
		if !identByte(c) || i == 1 && c >= '0' && c <= '9' {
			return "", false
		}
	}
	return "", false
}
