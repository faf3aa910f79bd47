package tencent

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/cloudtest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// How HCL and the environment merge into the Tencent credential settings.
func TestTencentCredentialSettingsMerge(t *testing.T) {
	cases := []struct {
		name     string
		hcl      *Model
		env      map[string]string
		wantRole *AssumeRole
		wantOIDC *OIDC
		profile  string
	}{
		{name: "nothing"},
		{
			name:     "assume_role from the environment alone",
			env:      map[string]string{envTCRoleArn: "role", envTCSessionName: "s", envTCDuration: "900"},
			wantRole: &AssumeRole{RoleArn: "role", SessionName: "s", Duration: "900"},
		},
		{
			name: "assume_role block over its variables",
			hcl: &Model{AssumeRole: &tencentAssumeRoleModel{RoleArn: types.StringValue("hcl-role"),
				Duration: attrs.Duration{GoDuration: timetypes.NewGoDurationValueFromStringMust("1h")}}},
			env:      map[string]string{envTCRoleArn: "env-role", envTCSessionName: "s"},
			wantRole: &AssumeRole{RoleArn: "hcl-role", SessionName: "s", Duration: "1h"},
		},
		{
			name: "OIDC variables take the shared role variables, no assume_role",
			env: map[string]string{envTCWebIdentityFile: "/t", envTCProviderID: "gh", envTCRoleArn: "role",
				envTCSessionName: "s", envTCDuration: "1h"},
			wantOIDC: &OIDC{ProviderID: "gh", RoleArn: "role", SessionName: "s", Duration: "1h", TokenFile: "/t"},
		},
		{
			name: "OIDC block naming its role leaves the variables to assume_role",
			hcl: &Model{OIDC: &tencentOIDCModel{RoleArn: types.StringValue("oidc-role"),
				Token: types.StringValue("tok")}},
			env:      map[string]string{envTCRoleArn: "role"},
			wantOIDC: &OIDC{RoleArn: "oidc-role", Token: "tok"},
			wantRole: &AssumeRole{RoleArn: "role"},
		},
		{
			name:     "token file from HCL wins over a token variable",
			hcl:      &Model{OIDC: &tencentOIDCModel{RoleArn: types.StringValue("r"), TokenFile: types.StringValue("/f")}},
			env:      map[string]string{envTCWebIdentity: "env-token"},
			wantOIDC: &OIDC{RoleArn: "r", TokenFile: "/f"},
		},
		{
			name:     "token from HCL wins over a token file variable",
			hcl:      &Model{OIDC: &tencentOIDCModel{RoleArn: types.StringValue("r"), Token: types.StringValue("tok")}},
			env:      map[string]string{envTCWebIdentityFile: "/env-file"},
			wantOIDC: &OIDC{RoleArn: "r", Token: "tok"},
		},
		{
			name:    "profile variables",
			env:     map[string]string{envTCProfile: "ops"},
			profile: "ops",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := &conns.Env{Getenv: func(k string) string { return c.env[k] }}
			got := merge(s, c.hcl)
			if s.Diags.HasError() {
				t.Fatal(s.Diags)
			}
			if !reflect.DeepEqual(got.AssumeRole, c.wantRole) {
				t.Errorf("assume role = %+v, want %+v", got.AssumeRole, c.wantRole)
			}
			if !reflect.DeepEqual(got.OIDC, c.wantOIDC) {
				t.Errorf("OIDC = %+v, want %+v", got.OIDC, c.wantOIDC)
			}
			if got.Profile != c.profile {
				t.Errorf("profile = %q, want %q", got.Profile, c.profile)
			}
		})
	}
}

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
				Endpoints: cloudtest.Endpoints(map[string]string{"tcss": "http://127.0.0.1:1"}),
			},
			want: Config{
				Region: "env-region", SecretID: "env-id", SecretKey: "hcl-key", SecurityToken: "env-token",
				Endpoints: map[string]string{"tcss": "http://127.0.0.1:1"},
			},
		},
		{
			// Every key of the registry: the HCL entry, else its own variable, else CLOUDQUOTA_ENDPOINT.
			name: "endpoints from the environment, HCL first",
			env: map[string]string{
				"CLOUDQUOTA_ENDPOINT": "http://emu:1", "CLOUDQUOTA_TENCENTCLOUD_ENDPOINT_STS": "https://own:2",
				"CLOUDQUOTA_TENCENTCLOUD_ENDPOINT_TCSS": "http://not-hcl:9",
			},
			hcl: &Model{Endpoints: cloudtest.Endpoints(map[string]string{"tcss": "http://hcl:3"})},
			want: Config{Endpoints: cloudtest.EveryKey(attrs.EndpointKeys(endpointList()), "http://emu:1",
				map[string]string{"sts": "https://own:2", "tcss": "http://hcl:3"})},
		},
		{
			name: "another cloud's endpoint variable is not this one's",
			env:  map[string]string{"CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_HSS": "http://other:1"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cloudtest.CheckMerge(t, merge, tc.hcl, tc.env, tc.want)
		})
	}
}
