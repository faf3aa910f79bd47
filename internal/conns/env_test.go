package conns

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Each endpoints key: HCL, else CLOUDQUOTA_<BLOCK>_ENDPOINT_<KEY>, else CLOUDQUOTA_ENDPOINT;
// a variable that is not a URL is an error naming the variable.
func TestEnvEndpoints(t *testing.T) {
	keys := []string{"hss", "iam", "metastudio"}
	hcl := types.MapValueMust(types.StringType, map[string]attr.Value{"hss": types.StringValue("http://hcl:1")})
	for _, tc := range []struct {
		name    string
		hcl     types.Map
		env     map[string]string
		want    map[string]string
		wantErr string
	}{
		{"nothing", types.MapNull(types.StringType), nil, nil, ""},
		{"HCL only", hcl, nil, map[string]string{"hss": "http://hcl:1"}, ""},
		{"one variable for everything", types.MapNull(types.StringType),
			map[string]string{"CLOUDQUOTA_ENDPOINT": "http://emu:2"},
			map[string]string{"hss": "http://emu:2", "iam": "http://emu:2", "metastudio": "http://emu:2"}, ""},
		{"HCL, then the key's variable, then CLOUDQUOTA_ENDPOINT", hcl,
			map[string]string{"CLOUDQUOTA_ENDPOINT": "http://emu:2", "CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_IAM": "https://iam:3",
				"CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_HSS": "http://loses:4"},
			map[string]string{"hss": "http://hcl:1", "iam": "https://iam:3", "metastudio": "http://emu:2"}, ""},
		{"a variable that is not a URL", types.MapNull(types.StringType),
			map[string]string{"CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_METASTUDIO": "127.0.0.1:8080"},
			nil, "CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_METASTUDIO must be an absolute http:// or https:// URL"},
		{"unknown", types.MapUnknown(types.StringType), nil, nil, "not known until apply"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := &Env{Getenv: func(k string) string { return tc.env[k] }}
			got := env.Endpoints(tc.hcl, "huaweicloud", keys)
			if tc.wantErr != "" {
				if !env.Diags.HasError() || !strings.Contains(env.Diags[0].Detail(), tc.wantErr) {
					t.Fatalf("diagnostics = %v, want %q", env.Diags, tc.wantErr)
				}
				return
			}
			if env.Diags.HasError() {
				t.Fatal(env.Diags)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}
