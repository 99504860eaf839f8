package engine

import "io"

// bareQuotes quotes the fields of a CSV stream that hold a quote without
// being quoted: `Konsult "X" AB` or `Skärm 24"`, as ERP exports write a
// text field. Such a field is read one way only (it cannot hold the
// delimiter, or it would have to be quoted), but encoding/csv refuses it,
// and its LazyQuotes would also let a quoted field with a quote missing
// swallow the lines after it. So the field is rewritten as the quoted
// field it means (`"Konsult ""X"" AB"`) before the reader sees it; quoted
// fields pass as they are, and a malformed one is still refused. Lines
// are neither added nor removed, so line numbers stay the file's.
type bareQuotes struct {
	src      io.Reader
	delim    byte
	buf      []byte
	out      []byte // rewritten bytes, out[pos:] not yet read
	pos      int
	field    []byte // the unquoted field being read
	hasQuote bool   // field holds a quote
	state    int
	repaired int // fields rewritten
	err      error
}

const (
	bqStart    = iota // at the start of a field
	bqUnquoted        // in a field that did not start with a quote
	bqQuoted          // in a quoted field
	bqQuote           // after a quote in a quoted field: its end, or the first of a doubled quote
	bqRest            // after a quoted field's closing quote, before its delimiter
)

func newBareQuotes(src io.Reader, delim rune) *bareQuotes {
	return &bareQuotes{src: src, delim: byte(delim), buf: make([]byte, 64<<10)}
}

func (b *bareQuotes) Read(p []byte) (int, error) {
	for b.pos == len(b.out) {
		b.out, b.pos = b.out[:0], 0
		if b.err != nil {
			b.endField()
			if len(b.out) == 0 {
				return 0, b.err
			}
			break
		}
		n, err := b.src.Read(b.buf)
		b.scan(b.buf[:n])
		b.err = err
	}
	n := copy(p, b.out[b.pos:])
	b.pos += n
	return n, nil
}

func (b *bareQuotes) scan(data []byte) {
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch b.state {
		case bqStart:
			switch c {
			case '"':
				b.state = bqQuoted
				b.out = append(b.out, c)
			case b.delim, '\n', '\r':
				b.out = append(b.out, c)
			default:
				b.state, b.hasQuote = bqUnquoted, false
				b.field = append(b.field[:0], c)
			}
		case bqUnquoted:
			switch c {
			case b.delim, '\n', '\r':
				b.endField()
				b.out = append(b.out, c)
			case '"':
				b.hasQuote = true
				b.field = append(b.field, c)
			default:
				// Runs of plain bytes are copied at once.
				j := i
				for j < len(data) && data[j] != b.delim && data[j] != '\n' && data[j] != '\r' && data[j] != '"' {
					j++
				}
				b.field = append(b.field, data[i:j]...)
				i = j - 1
			}
		case bqQuoted:
			j := i
			for j < len(data) && data[j] != '"' {
				j++
			}
			b.out = append(b.out, data[i:j]...)
			if j < len(data) {
				b.out = append(b.out, '"')
				b.state = bqQuote
			}
			i = j
		case bqQuote:
			b.out = append(b.out, c)
			switch c {
			case '"':
				b.state = bqQuoted
			case b.delim, '\n', '\r':
				b.state = bqStart
			default:
				// A malformed quoted field ("abc"def), passed on for the
				// CSV reader to refuse.
				b.state = bqRest
			}
		case bqRest:
			b.out = append(b.out, c)
			if c == b.delim || c == '\n' || c == '\r' {
				b.state = bqStart
			}
		}
	}
}

// endField writes the unquoted field read so far, quoted if it holds a quote.
func (b *bareQuotes) endField() {
	if b.state != bqUnquoted {
		return
	}
	b.state = bqStart
	if !b.hasQuote {
		b.out = append(b.out, b.field...)
		return
	}
	b.repaired++
	b.out = append(b.out, '"')
	for _, c := range b.field {
		if c == '"' {
			b.out = append(b.out, '"')
		}
		b.out = append(b.out, c)
	}
	b.out = append(b.out, '"')
}
