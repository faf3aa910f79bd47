package all

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// TestSchemaDescribesData: the schema and the Go types of Data name the same
// fields, with compatible types, and every field has a description.
func TestSchemaDescribesData(t *testing.T) {
	s, err := emulator.CompileSchema(DataSchema)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(s *emulator.Schema, typ reflect.Type, at string)
	walk = func(s *emulator.Schema, typ reflect.Type, at string) {
		if s.Ref != "" {
			if s.Description == "" {
				t.Errorf("%s: no description", at)
			}
			s = s.Root().Defs[strings.TrimPrefix(s.Ref, "#/$defs/")]
		}
		if s.Description == "" {
			t.Errorf("%s: no description", at)
		}
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		want := map[reflect.Kind]string{
			reflect.Struct: "object", reflect.Map: "object", reflect.Slice: "array", reflect.String: "string", reflect.Bool: "boolean",
			reflect.Int32: "integer", reflect.Int64: "integer", reflect.Uint64: "integer",
		}[typ.Kind()]
		if want == "" || !slices.Contains(s.Type, want) {
			t.Errorf("%s: schema type %v for Go %s", at, s.Type, typ)
			return
		}
		switch typ.Kind() {
		case reflect.Struct:
			if !s.ForbidsAdditional() {
				t.Errorf("%s: unknown fields are not refused", at)
			}
			seen := map[string]bool{}
			for i := range typ.NumField() {
				f := typ.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				if name == "" || name == "-" {
					t.Errorf("%s.%s: no JSON name", at, f.Name)
					continue
				}
				seen[name] = true
				sub, ok := s.Properties[name]
				if !ok {
					t.Errorf("%s/%s: in the Go type, not in the schema", at, name)
					continue
				}
				walk(sub, f.Type, at+"/"+name)
			}
			for name := range s.Properties {
				if !seen[name] {
					t.Errorf("%s/%s: in the schema, not in the Go type", at, name)
				}
			}
		case reflect.Map:
			if s.AdditionalSchema() == nil {
				t.Errorf("%s: a map without a schema for its values", at)
				return
			}
			walk(s.AdditionalSchema(), typ.Elem(), at+"/*")
		case reflect.Slice:
			walk(s.Items, typ.Elem(), at+"/0")
		}
	}
	walk(s, reflect.TypeFor[Data](), "")
}

// The shipped example data and the defaults match the schema; common
// mistakes are refused, naming where.
func TestSchemaValidates(t *testing.T) {
	s, err := emulator.CompileSchema(DataSchema)
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(filepath.Join("..", "testdata", "example-data.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(example); err != nil {
		t.Errorf("example data: %v", err)
	}
	defaults, _ := json.Marshal(DefaultData())
	if err := s.Validate(defaults); err != nil {
		t.Errorf("default data: %v", err)
	}
	for doc, want := range map[string]string{
		`{"huaweicloud":{"hss_resource_quotas":{"data_list":[{"version":"hss.version.gold"}]}}}`:            `/huaweicloud/hss_resource_quotas/data_list/0/version: "hss.version.gold" is not one of`,
		`{"huaweicloud":{"hss_resource_quota":{}}}`:                                                         `/huaweicloud: unknown field "hss_resource_quota", want one of bss_customer_resources, hss_image_pay_per_scan_statistics, hss_resource_quotas,`,
		`{"tencentcloud":{"tcss_image_authorized_info":{"TotalAuthorizedCnt":-1}}}`:                         `/tencentcloud/tcss_image_authorized_info/TotalAuthorizedCnt: -1 is less than the minimum 0`,
		`{"tencentcloud":{"tcss_image_authorized_info":{"TotalAuthorizedCnt":1.5}}}`:                        `TotalAuthorizedCnt: 1.5, want integer`,
		`{"tencentcloud":{"tcss_image_authorized_info":{"ImageScanInquireInfo":{"EndTime":"2026-12-31"}}}}`: `EndTime: "2026-12-31" does not match`,
		`{"huaweicloud":{"projects":{"cn-north-4":"not-hex"}}}`:                                             `/huaweicloud/projects/cn-north-4: "not-hex" does not match`,
		`{"alicloud":{"sas_auth_summary":{"PostPaidHostAutoBind":1}}}`:                                      `PostPaidHostAutoBind: 1, want string`,
		`{"nope":{}}`: `/: unknown field "nope", want one of alicloud, huaweicloud, tencentcloud`,
	} {
		if err := s.Validate([]byte(doc)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", doc, err, want)
		}
	}
	// Null keeps the defaults, as LoadData documents.
	if err := s.Validate([]byte(`{"huaweicloud":null,"tencentcloud":{"regions":null},"alicloud":{"sas_auth_summary":null}}`)); err != nil {
		t.Errorf("nulls: %v", err)
	}
}

func TestCompileSchemaRefusesUnsupportedKeywords(t *testing.T) {
	for _, raw := range []string{`{"oneOf":[]}`, `{"$ref":"#/definitions/x"}`, `{"pattern":"("}`, `{"type":3}`} {
		if _, err := emulator.CompileSchema([]byte(raw)); err == nil {
			t.Errorf("%s compiled", raw)
		}
	}
}
