package engine

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// The line decoder must decode exactly as x/text's decoder for the same
// code page: every byte, and lines mixing ASCII with high bytes.
func TestLineDecoderMatchesXText(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, cm := range []*charmap.Charmap{charmap.CodePage437, charmap.Windows1252, charmap.ISO8859_1} {
		d := newLineDecoder(cm)
		lines := [][]byte{all, []byte("#TRANS 4011 {} 1234,50 \"Hyra \x84\x86\x94\" 20190101"), {}}
		for range 200 {
			line := make([]byte, rng.IntN(80))
			for i := range line {
				line[i] = byte(rng.IntN(256))
			}
			lines = append(lines, line)
		}
		for _, line := range lines {
			want, err := cm.NewDecoder().Bytes(line)
			if err != nil {
				t.Fatal(err)
			}
			if got := d.decode(line); !bytes.Equal(got, want) {
				t.Fatalf("%s: decode(%q) = %q, x/text gives %q", cm, line, got, want)
			}
		}
	}
}
