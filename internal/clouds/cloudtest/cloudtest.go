// Package cloudtest holds what the clouds' configuration tests share: each cloud's merge
// (HCL > environment) is tested the same way, only its table differs.
package cloudtest

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// CheckMerge merges hcl with the environment env, as the cloud's Configure does, and fails t
// unless that gives want without an error diagnostic.
func CheckMerge[M, C any](t *testing.T, merge func(*conns.Env, *M) C, hcl *M, env map[string]string, want C) {
	t.Helper()
	s := &conns.Env{Getenv: func(k string) string { return env[k] }}
	cfg := merge(s, hcl)
	if s.Diags.HasError() {
		t.Fatalf("diagnostics: %v", s.Diags)
	}
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("got  %+v\nwant %+v", cfg, want)
	}
}

// Endpoints is an endpoints attribute value as Terraform sends it: every one of keys, those
// not in set null.
func Endpoints(keys []string, set map[string]string) types.Object {
	types_ := map[string]attr.Type{}
	values := map[string]attr.Value{}
	for _, k := range keys {
		types_[k] = types.StringType
		values[k] = types.StringNull()
		if v, ok := set[k]; ok {
			values[k] = types.StringValue(v)
		}
	}
	return types.ObjectValueMust(types_, values)
}
