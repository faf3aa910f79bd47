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

// Endpoints is an endpoints attribute value as Terraform sends it: a map of the keys set.
func Endpoints(set map[string]string) types.Map {
	values := map[string]attr.Value{}
	for k, v := range set {
		values[k] = types.StringValue(v)
	}
	return types.MapValueMust(types.StringType, values)
}

// EveryKey is every one of keys set to base, except those in over: the endpoints a cloud
// resolves with CLOUDQUOTA_ENDPOINT set, derived from its registry so that services added
// later need no edit here.
func EveryKey(keys []string, base string, over map[string]string) map[string]string {
	out := map[string]string{}
	for _, k := range keys {
		out[k] = base
		if v, ok := over[k]; ok {
			out[k] = v
		}
	}
	return out
}
