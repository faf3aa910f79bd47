package tencent

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

func TestConfigPrecedence(t *testing.T) {
	env := map[string]string{
		"TENCENTCLOUD_REGION": "env-region", "TENCENTCLOUD_SECRET_ID": "env-id",
		"TENCENTCLOUD_SECRET_KEY": "env-key", "TENCENTCLOUD_SECURITY_TOKEN": "env-token",
	}
	cases := []struct {
		name string
		hcl  *Model
		env  map[string]string
		want Config
	}{
		{name: "nothing anywhere"},
		{
			name: "environment only",
			env:  env,
			want: Config{Region: "env-region", SecretID: "env-id", SecretKey: "env-key", SecurityToken: "env-token"},
		},
		{
			name: "HCL beats environment, attribute by attribute",
			env:  env,
			hcl: &Model{
				SecretKey: types.StringValue("hcl-key"),
				Endpoints: endpoints(map[string]string{"tcss": "http://127.0.0.1:1"}),
			},
			want: Config{
				Region: "env-region", SecretID: "env-id", SecretKey: "hcl-key", SecurityToken: "env-token",
				Endpoints: map[string]string{"tcss": "http://127.0.0.1:1"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := &conns.Env{Getenv: func(k string) string { return tc.env[k] }}
			cfg := merge(env, tc.hcl)
			if env.Diags.HasError() {
				t.Fatalf("diagnostics: %v", env.Diags)
			}
			if !reflect.DeepEqual(cfg, tc.want) {
				t.Errorf("got  %+v\nwant %+v", cfg, tc.want)
			}
		})
	}
}

// endpoints is an endpoints attribute value as Terraform sends it: every key, those not
// given null.
func endpoints(set map[string]string) types.Object {
	types_ := map[string]attr.Type{}
	values := map[string]attr.Value{}
	for _, k := range []string{"tcss", "sts"} {
		types_[k] = types.StringType
		values[k] = types.StringNull()
		if v, ok := set[k]; ok {
			values[k] = types.StringValue(v)
		}
	}
	return types.ObjectValueMust(types_, values)
}
