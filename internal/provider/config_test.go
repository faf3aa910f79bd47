package provider

import (
	"reflect"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
)

func TestClientConfigPrecedence(t *testing.T) {
	full := map[string]string{
		"HW_REGION_NAME": "env-region", "HW_ACCESS_KEY": "env-ak", "HW_SECRET_KEY": "env-sk",
		"CLOUD_SDK_AK": "sdk-ak", "CLOUD_SDK_SK": "sdk-sk", "HW_SECURITY_TOKEN": "env-token",
		"HW_PROJECT_ID": "env-project", "HW_ENTERPRISE_PROJECT_ID": "env-eps",
	}
	cases := []struct {
		name string
		hcl  *huaweiModel
		env  map[string]string
		want clients.HuaweiConfig
	}{
		{
			name: "nothing anywhere",
			want: clients.HuaweiConfig{},
		},
		{
			name: "environment only",
			env:  full,
			want: clients.HuaweiConfig{
				Region: "env-region", AccessKey: "env-ak", SecretKey: "env-sk", SecurityToken: "env-token",
				ProjectID: "env-project", EnterpriseProjectID: "env-eps",
			},
		},
		{
			name: "CLOUD_SDK_ variables when HW_ ones are unset",
			env:  map[string]string{"CLOUD_SDK_AK": "sdk-ak", "CLOUD_SDK_SK": "sdk-sk"},
			want: clients.HuaweiConfig{AccessKey: "sdk-ak", SecretKey: "sdk-sk"},
		},
		{
			name: "HCL beats environment, attribute by attribute",
			env:  full,
			hcl: &huaweiModel{
				Region:    types.StringValue("hcl-region"),
				SecretKey: types.StringValue("hcl-sk"),
				Endpoints: &huaweiEndpointsModel{HSS: types.StringValue("http://127.0.0.1:1")},
			},
			want: clients.HuaweiConfig{
				Region: "hcl-region", AccessKey: "env-ak", SecretKey: "hcl-sk", SecurityToken: "env-token",
				ProjectID: "env-project", EnterpriseProjectID: "env-eps",
				Endpoints: clients.HuaweiEndpoints{HSS: "http://127.0.0.1:1"},
			},
		},
		{
			name: "empty HCL string falls through to environment",
			env:  full,
			hcl:  &huaweiModel{Region: types.StringValue("")},
			want: clients.HuaweiConfig{
				Region: "env-region", AccessKey: "env-ak", SecretKey: "env-sk", SecurityToken: "env-token",
				ProjectID: "env-project", EnterpriseProjectID: "env-eps",
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Zero-valued framework strings are null, as Terraform sends unset attributes.
			m := providerModel{HuaweiCloud: tc.hcl}
			cfg, diags := m.clientConfig(func(k string) string { return tc.env[k] })
			if diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if cfg.Huawei != tc.want {
				t.Errorf("got  %+v\nwant %+v", cfg.Huawei, tc.want)
			}
		})
	}
}

func TestClientConfigGlobalSettings(t *testing.T) {
	cfg, diags := providerModel{}.clientConfig(func(string) string { return "" })
	if diags.HasError() {
		t.Fatal(diags)
	}
	if cfg.MaxRetries != clients.DefaultMaxRetries || cfg.RequestTimeout != clients.DefaultRequestTimeout || cfg.Insecure {
		t.Errorf("defaults: got %+v", cfg)
	}

	cfg, diags = providerModel{
		MaxRetries:     types.Int64Value(0),
		RequestTimeout: timetypes.NewGoDurationValue(1500 * time.Millisecond),
		Insecure:       types.BoolValue(true),
	}.clientConfig(func(string) string { return "" })
	if diags.HasError() {
		t.Fatal(diags)
	}
	if cfg.MaxRetries != 0 || cfg.RequestTimeout != 1500*time.Millisecond || !cfg.Insecure {
		t.Errorf("explicit: got %+v", cfg)
	}
}

func TestClientConfigUnknownIsAnError(t *testing.T) {
	m := providerModel{HuaweiCloud: &huaweiModel{Region: types.StringUnknown()}}
	_, diags := m.clientConfig(func(string) string { return "" })
	if !diags.HasError() {
		t.Fatal("an unknown region should be an error at configure time")
	}
}

func TestClientConfigTencentPrecedence(t *testing.T) {
	env := map[string]string{
		"TENCENTCLOUD_REGION": "env-region", "TENCENTCLOUD_SECRET_ID": "env-id",
		"TENCENTCLOUD_SECRET_KEY": "env-key", "TENCENTCLOUD_SECURITY_TOKEN": "env-token",
	}
	cases := []struct {
		name string
		hcl  *tencentModel
		env  map[string]string
		want clients.TencentConfig
	}{
		{name: "nothing anywhere"},
		{
			name: "environment only",
			env:  env,
			want: clients.TencentConfig{Region: "env-region", SecretID: "env-id", SecretKey: "env-key", SecurityToken: "env-token"},
		},
		{
			name: "HCL beats environment, attribute by attribute",
			env:  env,
			hcl: &tencentModel{
				SecretKey: types.StringValue("hcl-key"),
				Endpoints: &tencentEndpointsModel{TCSS: types.StringValue("http://127.0.0.1:1")},
			},
			want: clients.TencentConfig{
				Region: "env-region", SecretID: "env-id", SecretKey: "hcl-key", SecurityToken: "env-token",
				Endpoints: clients.TencentEndpoints{TCSS: "http://127.0.0.1:1"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, diags := providerModel{TencentCloud: tc.hcl}.clientConfig(func(k string) string { return tc.env[k] })
			if diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if cfg.Tencent != tc.want {
				t.Errorf("got  %+v\nwant %+v", cfg.Tencent, tc.want)
			}
		})
	}
}

func TestClientConfigAlibabaPrecedence(t *testing.T) {
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
		hcl  *alibabaModel
		env  map[string]string
		want clients.AlibabaConfig
	}{
		{name: "nothing anywhere"},
		{
			name: "ALIBABA_CLOUD_ variables",
			env:  aliyun,
			want: clients.AlibabaConfig{Region: "ali-region", AccessKey: "ali-ak", SecretKey: "ali-sk", SecurityToken: "ali-token"},
		},
		{
			name: "ALICLOUD_ variables beat ALIBABA_CLOUD_ ones",
			env:  both,
			want: clients.AlibabaConfig{Region: "tf-region", AccessKey: "tf-ak", SecretKey: "tf-sk", SecurityToken: "tf-token"},
		},
		{
			name: "HCL beats both, attribute by attribute",
			env:  both,
			hcl: &alibabaModel{
				Region:    types.StringValue("hcl-region"),
				Endpoints: &alibabaEndpointsModel{SAS: types.StringValue("https://sas.example")},
			},
			want: clients.AlibabaConfig{
				Region: "hcl-region", AccessKey: "tf-ak", SecretKey: "tf-sk", SecurityToken: "tf-token",
				Endpoints: clients.AlibabaEndpoints{SAS: "https://sas.example"},
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, diags := providerModel{AliCloud: tc.hcl}.clientConfig(func(k string) string { return tc.env[k] })
			if diags.HasError() {
				t.Fatalf("diagnostics: %v", diags)
			}
			if !reflect.DeepEqual(cfg.Alibaba, tc.want) {
				t.Errorf("got  %+v\nwant %+v", cfg.Alibaba, tc.want)
			}
		})
	}
}
