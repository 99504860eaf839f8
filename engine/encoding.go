package engine

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encoding names what an extract's bytes were decoded from.
type Encoding string

const (
	UTF8        Encoding = "utf-8"
	CP437       Encoding = "cp437"
	Latin1      Encoding = "latin-1"
	Windows1252 Encoding = "windows-1252"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText returns data as UTF-8 and the encoding it was found in. Valid
// UTF-8 (with or without BOM) is taken as it is. Otherwise fallback decides
// between the single-byte code pages: SIE files are CP437 ("PC8") unless
// their bytes look like Latin-1, CSV files Windows-1252 or Latin-1.
func decodeText(data []byte, sie bool) ([]byte, Encoding) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if utf8.Valid(data) {
		return data, UTF8
	}
	if sie && !looksLatin1(data) {
		out, _ := charmap.CodePage437.NewDecoder().Bytes(data)
		return out, CP437
	}
	// Bytes 0x80-0x9F are control codes in Latin-1 but €, –, ’ … in
	// Windows-1252, which is what Swedish ERPs mean when they write them.
	for _, c := range data {
		if c >= 0x80 && c <= 0x9F {
			out, _ := charmap.Windows1252.NewDecoder().Bytes(data)
			return out, Windows1252
		}
	}
	out, _ := charmap.ISO8859_1.NewDecoder().Bytes(data)
	return out, Latin1
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
