package validate

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestValidators(t *testing.T) {
	cases := []struct {
		name    string
		v       validator.String
		value   types.String
		wantErr bool
	}{
		{"https URL", HTTPURL(), types.StringValue("https://hss.cn-north-4.myhuaweicloud.com"), false},
		{"http URL with port", HTTPURL(), types.StringValue("http://127.0.0.1:8080"), false},
		{"no scheme", HTTPURL(), types.StringValue("hss.cn-north-4.myhuaweicloud.com"), true},
		{"other scheme", HTTPURL(), types.StringValue("ftp://example.com"), true},
		{"no host", HTTPURL(), types.StringValue("https://"), true},
		{"null URL", HTTPURL(), types.StringNull(), false},
		{"unknown URL", HTTPURL(), types.StringUnknown(), false},
		{"positive", PositiveDuration(), types.StringValue("720h"), false},
		{"zero", PositiveDuration(), types.StringValue("0s"), true},
		{"negative", PositiveDuration(), types.StringValue("-1h"), true},
		{"syntax left to the type", PositiveDuration(), types.StringValue("30 days"), false},
		{"null duration", PositiveDuration(), types.StringNull(), false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var resp validator.StringResponse
			tc.v.ValidateString(context.Background(), validator.StringRequest{Path: path.Root("x"), ConfigValue: tc.value}, &resp)
			if resp.Diagnostics.HasError() != tc.wantErr {
				t.Errorf("error = %v, want %v: %v", resp.Diagnostics.HasError(), tc.wantErr, resp.Diagnostics)
			}
		})
	}
}
