package engine

import (
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// yamlTable reads a mapping file written as YAML: a list of records with the
// same field names as the CSV headers, either at the top level or under one
// key. For example:
//
//	accounts:
//	  - {konto: 3000-3999, typ: intäkt, kategori: Intäkter}
//	  - {konto: 5441, typ: kostnad, kategori: Övriga kostnader, underkategori: PC-inköp}
type yamlTable struct {
	header []string
	rows   [][]string
	lines  []int
	next   int
}

func newYAMLTable(name string, data []byte) (*yamlTable, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &InputError{File: name, Msg: "not valid YAML: " + err.Error()}
	}
	if len(doc.Content) == 0 {
		return nil, &InputError{File: name, Line: 1, Msg: "the file is empty"}
	}
	list := doc.Content[0]
	if list.Kind == yaml.MappingNode && len(list.Content) == 2 {
		list = list.Content[1]
	}
	if list.Kind != yaml.SequenceNode {
		return nil, &InputError{File: name, Line: list.Line, Msg: "expected a list of records (or one key holding a list)"}
	}
	t := &yamlTable{}
	col := map[string]int{}
	for _, item := range list.Content {
		if item.Kind != yaml.MappingNode {
			return nil, &InputError{File: name, Line: item.Line, Msg: "expected a record of field: value"}
		}
		row := make([]string, len(t.header))
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				return nil, &InputError{File: name, Line: v.Line, Column: k.Value, Msg: "expected a single value"}
			}
			j, ok := col[k.Value]
			if !ok {
				j = len(t.header)
				col[k.Value] = j
				t.header = append(t.header, k.Value)
			}
			for len(row) <= j {
				row = append(row, "")
			}
			row[j] = strings.TrimSpace(v.Value)
		}
		t.rows = append(t.rows, row)
		t.lines = append(t.lines, item.Line)
	}
	return t, nil
}

func (t *yamlTable) Header() []string { return t.header }

func (t *yamlTable) Next() ([]string, int, error) {
	if t.next >= len(t.rows) {
		return nil, 0, io.EOF
	}
	t.next++
	return t.rows[t.next-1], t.lines[t.next-1], nil
}

func (t *yamlTable) Close() error { return nil }

func (t *yamlTable) Describe() string { return fmt.Sprintf("YAML, %d records", len(t.rows)) }

// ReadColumnMap reads a small mapping file for extract layouts the built-in
// header names do not cover: YAML, canonical field to the file's header.
//
//	period: Bokf.datum
//	amount: Belopp SEK
//	cost_center: Kst-nr
func ReadColumnMap(name string, data []byte) (map[string]string, error) {
	var m map[string]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, &InputError{File: name, Msg: "a column mapping is YAML of field: header lines: " + err.Error()}
	}
	return m, nil
}
