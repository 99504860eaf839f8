package engine

import (
	"bytes"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names what an extract's bytes were decoded from.
type Encoding string

const (
	UTF8        Encoding = "utf-8"
	CP437       Encoding = "cp437"
	Latin1      Encoding = "latin-1"
	Windows1252 Encoding = "windows-1252"
	UTF16LE     Encoding = "utf-16le"
	UTF16BE     Encoding = "utf-16be"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// fromUTF16 decodes a text file that starts with a UTF-16 byte order mark,
// as Excel's "Unicode text" (Unicode-text, *.txt: tab-separated) saves a
// sheet, to UTF-8; ok is false for any other file. A broken surrogate pair,
// which the decoder would replace with U+FFFD, is an error: the text is not
// changed silently.
func fromUTF16(name string, data []byte) (_ []byte, _ Encoding, ok bool, _ error) {
	var order unicode.Endianness
	var enc Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order, enc = unicode.LittleEndian, UTF16LE
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order, enc = unicode.BigEndian, UTF16BE
	default:
		return nil, "", false, nil
	}
	if len(data)%2 != 0 {
		return nil, enc, true, &InputError{File: name, Msg: "the file starts as UTF-16 text but has an odd number of bytes", Hint: "export it again"}
	}
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		return nil, enc, true, &InputError{File: name, Msg: fmt.Sprintf("not readable as %s: %v", enc, err)}
	}
	if i := bytes.IndexRune(out, utf8.RuneError); i >= 0 {
		return nil, enc, true, &InputError{File: name, Line: 1 + bytes.Count(out[:i], []byte{'\n'}),
			Msg: fmt.Sprintf("a character that is not valid %s", enc), Hint: "export it again, or save it as CSV UTF-8"}
	}
	return out, enc, true, nil
}

// decodeReader is decodeText as a stream: the bytes are decoded as they are
// read, so a large single-byte file is never held twice in memory.
func decodeReader(data []byte, sie bool, progress Progress) (io.Reader, Encoding) {
	bom := bytes.HasPrefix(data, utf8BOM)
	data = bytes.TrimPrefix(data, utf8BOM)
	if bom || utf8.Valid(data) {
		// A BOM says UTF-8; invalid bytes after it are reported by line
		// (see checkUTF8), not silently read as another code page.
		return newBehindReader(data, progress), UTF8
	}
	enc, name := singleByte(data, sie)
	return enc.NewDecoder().Reader(newBehindReader(data, progress)), name
}

// dropBehind lets go of a mapped extract's pages as a parser passes them
// (dropMapped), every 16 MB: the hash and the encoding scan have made the
// whole extract resident, and DuckDB's share grows as the parse goes on.
// It also tells progress, if any, how far the parser is, every megabyte.
type dropBehind struct {
	data     []byte
	dropped  int
	progress Progress
	told     int
}

// passed says the parser is done with data[:n].
func (d *dropBehind) passed(n int) {
	if n-d.dropped >= 16<<20 {
		dropMapped(d.data, d.dropped, n)
		d.dropped = n
	}
	if d.progress != nil && (n-d.told >= 1<<20 || n == len(d.data) && n > d.told) {
		d.progress(int64(n), int64(len(d.data)))
		d.told = n
	}
}

// behindReader reads data front to back, dropping the pages behind it. Read
// copies, so nothing refers to the pages afterwards.
type behindReader struct {
	r *bytes.Reader
	dropBehind
}

func newBehindReader(data []byte, progress Progress) *behindReader {
	return &behindReader{r: bytes.NewReader(data), dropBehind: dropBehind{data: data, progress: progress}}
}

func (b *behindReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.passed(len(b.data) - b.r.Len())
	return n, err
}

func singleByte(data []byte, sie bool) (*charmap.Charmap, Encoding) {
	if sie && !looksLatin1(data) {
		return charmap.CodePage437, CP437
	}
	// Bytes 0x80-0x9F are control codes in Latin-1 but €, –, ’ … in
	// Windows-1252, which is what Swedish ERPs mean when they write them.
	for _, c := range data {
		if c >= 0x80 && c <= 0x9F {
			return charmap.Windows1252, Windows1252
		}
	}
	return charmap.ISO8859_1, Latin1
}

// decodeText returns data as UTF-8 and the encoding it was found in. Valid
// UTF-8 (with or without BOM) is taken as it is. Otherwise fallback decides
// between the single-byte code pages: SIE files are CP437 ("PC8") unless
// their bytes look like Latin-1, CSV files Windows-1252 or Latin-1.
func decodeText(data []byte, sie bool) ([]byte, Encoding) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, UTF8
	}
	enc, name := singleByte(data, sie)
	out, _ := enc.NewDecoder().Bytes(data)
	return out, name
}

// textDecoder is decodeText without the copy: data without its BOM, and the
// decoder each line with bytes from 0x80 needs (nil for UTF-8).
func textDecoder(data []byte, sie bool) ([]byte, *lineDecoder, Encoding) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, nil, UTF8
	}
	enc, name := singleByte(data, sie)
	return data, newLineDecoder(enc), name
}

// lineDecoder decodes a single-byte code page a line at a time into one
// reused buffer, from the code page's own table in x/text (DecodeByte): on
// a SIE file's short lines the transform machinery (and a new slice a line)
// cost more than the table lookups.
type lineDecoder struct {
	utf8 [256][]byte // each byte as UTF-8
	buf  []byte
}

func newLineDecoder(cm *charmap.Charmap) *lineDecoder {
	d := &lineDecoder{}
	for b := range 256 {
		d.utf8[b] = utf8.AppendRune(nil, cm.DecodeByte(byte(b)))
	}
	return d
}

// decode returns line as UTF-8, in a buffer the next call reuses.
func (d *lineDecoder) decode(line []byte) []byte {
	d.buf = d.buf[:0]
	for _, c := range line {
		if c < utf8.RuneSelf {
			d.buf = append(d.buf, c)
		} else {
			d.buf = append(d.buf, d.utf8[c]...)
		}
	}
	return d.buf
}

func hasHighByte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// looksLatin1 compares how many bytes are Swedish letters in Latin-1
// (åäöÅÄÖé) against CP437 (the same letters at 0x84, 0x86, 0x94 …).
func looksLatin1(data []byte) bool {
	var latin, pc8 int
	for _, c := range data {
		switch c {
		case 0xE5, 0xE4, 0xF6, 0xC5, 0xC4, 0xD6, 0xE9:
			latin++
		case 0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82:
			pc8++
		}
	}
	return latin > pc8
}

// checkUTF8 finds the first invalid UTF-8 byte of a file that declares
// UTF-8 with a BOM, and says on which line it is.
func checkUTF8(name string, data []byte) error {
	if !bytes.HasPrefix(data, utf8BOM) || utf8.Valid(data) {
		return nil
	}
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return &InputError{File: name, Line: line, Msg: fmt.Sprintf("the file starts with a UTF-8 byte order mark but byte 0x%02X at offset %d is not UTF-8 (mixed encodings?)", data[i], i),
				Hint: "save the whole file as UTF-8, or as Windows-1252 without a BOM"}
		}
		if data[i] == '\n' {
			line++
		}
		i += size
	}
	return nil
}
