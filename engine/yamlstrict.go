package engine

import (
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// YAMLError is a YAML file's problem at a key path: an unknown key or a value
// of the wrong type, with the line it is on.
type YAMLError struct {
	Path string // settings.fte_hours, sources[2].kind
	Line int
	Msg  string
}

func (e *YAMLError) Error() string {
	if e.Path == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("%s (line %d): %s", e.Path, e.Line, e.Msg)
}

var yamlUnmarshaler = reflect.TypeFor[yaml.Unmarshaler]()

// DecodeYAMLStrict decodes a YAML document into v (a pointer to a struct).
// Unlike yaml.v3's KnownFields, whose messages name Go types, an unknown key
// or a wrong value is a *YAMLError that names the key's path and line, and
// lists the keys that are known there: what someone editing the file by hand
// needs. A syntax error is yaml.v3's own, which has the line.
func DecodeYAMLStrict(data []byte, v any) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return err
	}
	if len(doc.Content) == 0 {
		return nil // an empty file: every default
	}
	if err := checkYAML(doc.Content[0], reflect.TypeOf(v).Elem(), "", 0); err != nil {
		return err
	}
	return doc.Content[0].Decode(v)
}

func checkYAML(n *yaml.Node, t reflect.Type, path string, depth int) error {
	if depth > 64 {
		return &YAMLError{path, n.Line, "nested too deeply"}
	}
	if n.Kind == yaml.AliasNode {
		if n.Alias == nil {
			return &YAMLError{path, n.Line, "an alias to nothing"}
		}
		return checkYAML(n.Alias, t, path, depth+1)
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil // left out: the default
	}
	if reflect.PointerTo(t).Implements(yamlUnmarshaler) {
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			return &YAMLError{path, n.Line, yamlMessage(err)}
		}
		return nil
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return &YAMLError{path, n.Line, "expected keys and values (a mapping) here"}
		}
		fields := map[string]reflect.Type{}
		var known []string
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			if name == "" {
				name = strings.ToLower(f.Name)
			}
			fields[name] = f.Type
			known = append(known, name)
		}
		sort.Strings(known)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			ft, ok := fields[k.Value]
			if !ok {
				return &YAMLError{p, k.Line, "unknown key (known here: " + strings.Join(known, ", ") + ")"}
			}
			if err := checkYAML(val, ft, p, depth+1); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		if n.Kind != yaml.SequenceNode {
			// yaml.v3 would fail on a single value where a list is expected.
			return &YAMLError{path, n.Line, "expected a list here, such as [a, b]"}
		}
		for i, c := range n.Content {
			if err := checkYAML(c, t.Elem(), fmt.Sprintf("%s[%d]", path, i), depth+1); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return &YAMLError{path, n.Line, "expected keys and values (a mapping) here"}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if err := k.Decode(reflect.New(t.Key()).Interface()); err != nil {
				return &YAMLError{path, k.Line, fmt.Sprintf("key %q is not %s", k.Value, yamlKind(t.Key()))}
			}
			if err := checkYAML(n.Content[i+1], t.Elem(), path+"."+k.Value, depth+1); err != nil {
				return err
			}
		}
	case reflect.Interface:
	default:
		if n.Kind != yaml.ScalarNode {
			return &YAMLError{path, n.Line, "expected " + yamlKind(t) + " here, not a list or mapping"}
		}
		if err := n.Decode(reflect.New(t).Interface()); err != nil {
			return &YAMLError{path, n.Line, fmt.Sprintf("%q is not %s", n.Value, yamlKind(t))}
		}
	}
	return nil
}

func yamlKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "text"
	}
	return "a value of type " + t.String()
}

// yamlMessage is a custom unmarshaler's own message, without yaml.v3's
// "yaml: unmarshal errors:\n  line N:" wrapping.
func yamlMessage(err error) string {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		return te.Errors[0]
	}
	return err.Error()
}
