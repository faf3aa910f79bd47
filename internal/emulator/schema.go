package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Schema is a JSON Schema of the subset the data file's schema uses: type
// (one or a list), properties, additionalProperties (false or a schema),
// items, enum, minimum, pattern, $ref into $defs, and the annotations
// ($schema, $id, title, description). CompileSchema refuses any other
// keyword, so a schema never relies on one this validator would ignore.
type Schema struct {
	Schema      string             `json:"$schema,omitempty"`
	ID          string             `json:"$id,omitempty"`
	Ref         string             `json:"$ref,omitempty"`
	Defs        map[string]*Schema `json:"$defs,omitempty"`
	Title       string             `json:"title,omitempty"`
	Description string             `json:"description,omitempty"`

	Type                 schemaTypes        `json:"type,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	AdditionalProperties *additional        `json:"additionalProperties,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	Enum                 []any              `json:"enum,omitempty"`
	Minimum              *json.Number       `json:"minimum,omitempty"`
	Pattern              string             `json:"pattern,omitempty"`

	root    *Schema
	pattern *regexp.Regexp
}

// schemaTypes is "type": one name or a list.
type schemaTypes []string

func (t *schemaTypes) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*t = schemaTypes{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("type must be a name or a list of names")
	}
	*t = many
	return nil
}

// additional is additionalProperties: false, or a schema for the values.
type additional struct {
	forbid bool
	schema *Schema
}

func (a *additional) UnmarshalJSON(b []byte) error {
	var flag bool
	if json.Unmarshal(b, &flag) == nil {
		a.forbid = !flag
		return nil
	}
	a.schema = new(Schema)
	return DecodeStrict(b, a.schema)
}

// Root is the schema s is part of, which its $ref names resolve in.
func (s *Schema) Root() *Schema { return s.root }

// ForbidsAdditional reports whether s refuses properties it does not name.
func (s *Schema) ForbidsAdditional() bool {
	return s.AdditionalProperties != nil && s.AdditionalProperties.forbid
}

// AdditionalSchema is the schema of properties s does not name, nil if none.
func (s *Schema) AdditionalSchema() *Schema {
	if s.AdditionalProperties == nil {
		return nil
	}
	return s.AdditionalProperties.schema
}

// CompileSchema reads a schema, refusing keywords outside the subset.
func CompileSchema(raw []byte) (*Schema, error) {
	s := new(Schema)
	if err := DecodeStrict(raw, s); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	if err := s.prepare(s); err != nil {
		return nil, fmt.Errorf("schema: %w", err)
	}
	return s, nil
}

// prepare links every sub-schema to the root and compiles patterns.
func (s *Schema) prepare(root *Schema) error {
	s.root = root
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return err
		}
		s.pattern = re
	}
	if s.Ref != "" {
		name, ok := strings.CutPrefix(s.Ref, "#/$defs/")
		if !ok || root.Defs[name] == nil {
			return fmt.Errorf("$ref %q: only #/$defs/NAME of a defined NAME is supported", s.Ref)
		}
	}
	subs := []*Schema{s.Items}
	for _, m := range []map[string]*Schema{s.Defs, s.Properties} {
		for _, sub := range m {
			subs = append(subs, sub)
		}
	}
	if s.AdditionalProperties != nil {
		subs = append(subs, s.AdditionalProperties.schema)
	}
	for _, sub := range subs {
		if sub != nil {
			if err := sub.prepare(root); err != nil {
				return err
			}
		}
	}
	return nil
}

// Validate checks the JSON document raw against s. The error names the
// place in the document, as a JSON pointer, and what is wrong there.
func (s *Schema) Validate(raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return err
	}
	return s.validate(doc, "")
}

func (s *Schema) validate(v any, at string) error {
	where := at
	if where == "" {
		where = "/"
	}
	if s.Ref != "" {
		return s.root.Defs[strings.TrimPrefix(s.Ref, "#/$defs/")].validate(v, at)
	}
	if len(s.Type) > 0 && !slices.ContainsFunc(s.Type, func(t string) bool { return hasType(v, t) }) {
		return fmt.Errorf("%s: %s, want %s", where, describe(v), strings.Join(s.Type, " or "))
	}
	if len(s.Enum) > 0 && !slices.ContainsFunc(s.Enum, func(e any) bool { return equalJSON(e, v) }) {
		names := make([]string, len(s.Enum))
		for i, e := range s.Enum {
			b, _ := json.Marshal(e)
			names[i] = string(b)
		}
		return fmt.Errorf("%s: %s is not one of %s", where, describe(v), strings.Join(names, ", "))
	}
	switch v := v.(type) {
	case json.Number:
		if s.Minimum != nil {
			n, _ := new(big.Rat).SetString(v.String())
			m, _ := new(big.Rat).SetString(s.Minimum.String())
			if n != nil && m != nil && n.Cmp(m) < 0 {
				return fmt.Errorf("%s: %s is less than the minimum %s", where, v, s.Minimum)
			}
		}
	case string:
		if s.pattern != nil && !s.pattern.MatchString(v) {
			return fmt.Errorf("%s: %q does not match %s", where, v, s.Pattern)
		}
	case []any:
		if s.Items != nil {
			for i, item := range v {
				if err := s.Items.validate(item, at+"/"+strconv.Itoa(i)); err != nil {
					return err
				}
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			sub, ok := s.Properties[k]
			if !ok && s.AdditionalProperties != nil {
				if s.AdditionalProperties.forbid {
					known := make([]string, 0, len(s.Properties))
					for name := range s.Properties {
						known = append(known, name)
					}
					sort.Strings(known)
					return fmt.Errorf("%s: unknown field %q, want one of %s", where, k, strings.Join(known, ", "))
				}
				sub = s.AdditionalProperties.schema
			}
			if sub != nil {
				if err := sub.validate(v[k], at+"/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(k)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func hasType(v any, t string) bool {
	switch v := v.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	case json.Number:
		if t == "number" {
			return true
		}
		r, ok := new(big.Rat).SetString(v.String())
		return t == "integer" && ok && r.IsInt()
	}
	return false
}

func describe(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func equalJSON(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return bytes.Equal(x, y)
}
