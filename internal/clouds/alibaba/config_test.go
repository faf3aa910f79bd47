package alibaba

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/cloudtest"
)

func TestConfigPrecedence(t *testing.T) {
	aliyun := map[string]string{
		"ALIBABA_CLOUD_REGION_ID": "ali-region", "ALIBABA_CLOUD_ACCESS_KEY_ID": "ali-ak",
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET": "ali-sk", "ALIBABA_CLOUD_SECURITY_TOKEN": "ali-token",
	}
	both := map[string]string{
		"ALICLOUD_REGION": "tf-region", "ALICLOUD_ACCESS_KEY": "tf-ak", "ALICLOUD_SECRET_KEY": "tf-sk",
		"ALICLOUD_SECURITY_TOKEN": "tf-token",
	}
	for k, v := range aliyun {
		both[k] = v
	}
	cases := []struct {
		name string
		hcl  *Model
		env  map[string]string
		want Config
	}{
		{name: "nothing anywhere"},
		{
			name: "ALIBABA_CLOUD_ variables",
			env:  aliyun,
			want: Config{Region: "ali-region", AccessKey: "ali-ak", SecretKey: "ali-sk", SecurityToken: "ali-token"},
		},
		{
			name: "ALICLOUD_ variables beat ALIBABA_CLOUD_ ones",
			env:  both,
			want: Config{Region: "tf-region", AccessKey: "tf-ak", SecretKey: "tf-sk", SecurityToken: "tf-token"},
		},
		{
			name: "HCL beats both, attribute by attribute",
			env:  both,
			hcl: &Model{
				Region:    types.StringValue("hcl-region"),
				Endpoints: cloudtest.Endpoints(map[string]string{"sas": "https://sas.example"}),
			},
			want: Config{
				Region: "hcl-region", AccessKey: "tf-ak", SecretKey: "tf-sk", SecurityToken: "tf-token",
				Endpoints: map[string]string{"sas": "https://sas.example"},
			},
		},
		{
			// Every key of the registry: the HCL entry, else its own variable, else CLOUDQUOTA_ENDPOINT.
			name: "endpoints from the environment, HCL first",
			env: map[string]string{
				"CLOUDQUOTA_ENDPOINT": "http://emu:1", "CLOUDQUOTA_ALICLOUD_ENDPOINT_STS": "https://own:2",
				"CLOUDQUOTA_ALICLOUD_ENDPOINT_SAS": "http://not-hcl:9",
			},
			hcl: &Model{Endpoints: cloudtest.Endpoints(map[string]string{"sas": "http://hcl:3"})},
			want: Config{Endpoints: cloudtest.EveryKey(attrs.EndpointKeys(endpointList()), "http://emu:1",
				map[string]string{"sts": "https://own:2", "sas": "http://hcl:3"})},
		},
		{
			name: "another cloud's endpoint variable is not this one's",
			env:  map[string]string{"CLOUDQUOTA_TENCENTCLOUD_ENDPOINT_TCSS": "http://other:1"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cloudtest.CheckMerge(t, merge, tc.hcl, tc.env, tc.want)
		})
	}
}
