package provider

import (
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
