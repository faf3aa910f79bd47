package huawei

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/cloudtest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

func TestClientConfigPrecedence(t *testing.T) {
	full := map[string]string{
		"HW_REGION_NAME": "env-region", "HW_ACCESS_KEY": "env-ak", "HW_SECRET_KEY": "env-sk",
		"CLOUD_SDK_AK": "sdk-ak", "CLOUD_SDK_SK": "sdk-sk", "HW_SECURITY_TOKEN": "env-token",
		"HW_PROJECT_ID": "env-project", "HW_ENTERPRISE_PROJECT_ID": "env-eps", "HW_DOMAIN_ID": "env-domain",
	}
	cases := []struct {
		name string
		hcl  *Model
		env  map[string]string
		want Config
	}{
		{
			name: "nothing anywhere",
			want: Config{},
		},
		{
			name: "environment only",
			env:  full,
			want: Config{
				Region: "env-region", AccessKey: "env-ak", SecretKey: "env-sk", SecurityToken: "env-token",
				ProjectID: "env-project", EnterpriseProjectID: "env-eps", DomainID: "env-domain",
			},
		},
		{
			name: "CLOUD_SDK_ variables when HW_ ones are unset",
			env:  map[string]string{"CLOUD_SDK_AK": "sdk-ak", "CLOUD_SDK_SK": "sdk-sk"},
			want: Config{AccessKey: "sdk-ak", SecretKey: "sdk-sk"},
		},
		{
			name: "HCL beats environment, attribute by attribute",
			env:  full,
			hcl: &Model{
				Region:    types.StringValue("hcl-region"),
				SecretKey: types.StringValue("hcl-sk"),
				DomainID:  types.StringValue("hcl-domain"),
				Endpoints: cloudtest.Endpoints(map[string]string{"hss": "http://127.0.0.1:1"}),
			},
			want: Config{
				Region: "hcl-region", AccessKey: "env-ak", SecretKey: "hcl-sk", SecurityToken: "env-token",
				ProjectID: "env-project", EnterpriseProjectID: "env-eps", DomainID: "hcl-domain",
				Endpoints: map[string]string{"hss": "http://127.0.0.1:1"},
			},
		},
		{
			name: "empty HCL string falls through to environment",
			env:  full,
			hcl:  &Model{Region: types.StringValue("")},
			want: Config{
				Region: "env-region", AccessKey: "env-ak", SecretKey: "env-sk", SecurityToken: "env-token",
				ProjectID: "env-project", EnterpriseProjectID: "env-eps", DomainID: "env-domain",
			},
		},
		{
			// Every key of the registry: the HCL entry, else its own variable, else CLOUDQUOTA_ENDPOINT.
			name: "endpoints from the environment, HCL first",
			env: map[string]string{
				"CLOUDQUOTA_ENDPOINT": "http://emu:1", "CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_METASTUDIO": "https://own:2",
				"CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_HSS": "http://not-hcl:9",
			},
			hcl: &Model{Endpoints: cloudtest.Endpoints(map[string]string{"hss": "http://hcl:3"})},
			want: Config{Endpoints: cloudtest.EveryKey(attrs.EndpointKeys(endpointList()), "http://emu:1",
				map[string]string{"metastudio": "https://own:2", "hss": "http://hcl:3"})},
		},
		{
			name: "another cloud's endpoint variable is not this one's",
			env:  map[string]string{"CLOUDQUOTA_TENCENTCLOUD_ENDPOINT_TCSS": "http://other:1"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Zero-valued framework strings are null, as Terraform sends unset attributes.
			cloudtest.CheckMerge(t, merge, tc.hcl, tc.env, tc.want)
		})
	}
}

func TestClientConfigUnknownIsAnError(t *testing.T) {
	env := &conns.Env{Getenv: func(string) string { return "" }}
	merge(env, &Model{Region: types.StringUnknown()})
	if !env.Diags.HasError() {
		t.Fatal("an unknown region should be an error at configure time")
	}
}
