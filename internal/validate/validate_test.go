package validate

import (
	"context"
	"testing"
	"time"

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
		{"session at the minimum", DurationBetween(15*time.Minute, 12*time.Hour), types.StringValue("15m"), false},
		{"session at the maximum", DurationBetween(15*time.Minute, 12*time.Hour), types.StringValue("12h"), false},
		{"session too short", DurationBetween(15*time.Minute, 12*time.Hour), types.StringValue("14m59s"), true},
		{"session too long", DurationBetween(15*time.Minute, 12*time.Hour), types.StringValue("12h1s"), true},
		{"session not whole seconds", DurationBetween(time.Second, time.Hour), types.StringValue("1500ms"), true},
		{"session syntax left to the type", DurationBetween(time.Second, time.Hour), types.StringValue("1 day"), false},
		{"session unknown", DurationBetween(time.Second, time.Hour), types.StringUnknown(), false},
		{"STS https host", STSEndpoint(), types.StringValue("https://sts.tencentcloudapi.com"), false},
		{"STS with port and slash", STSEndpoint(), types.StringValue("https://127.0.0.1:8443/"), false},
		{"STS over http", STSEndpoint(), types.StringValue("http://127.0.0.1:8080"), true},
		{"STS with a path", STSEndpoint(), types.StringValue("https://sts.aliyuncs.com/v1"), true},
		{"STS with a query", STSEndpoint(), types.StringValue("https://sts.aliyuncs.com?x=1"), true},
		{"STS host only", STSEndpoint(), types.StringValue("sts.aliyuncs.com"), true},
		{"STS null", STSEndpoint(), types.StringNull(), false},
		{"cache TTL zero", NonNegativeDuration(), types.StringValue("0s"), false},
		{"cache TTL positive", NonNegativeDuration(), types.StringValue("10m"), false},
		{"cache TTL negative", NonNegativeDuration(), types.StringValue("-1s"), true},
		{"cache TTL syntax left to the type", NonNegativeDuration(), types.StringValue("ten"), false},
		{"rate limit per minute", RateLimit(), types.StringValue("5/1m"), false},
		{"rate limit per second", RateLimit(), types.StringValue("20/1s"), false},
		{"rate limit without window", RateLimit(), types.StringValue("5"), true},
		{"rate limit of zero calls", RateLimit(), types.StringValue("0/1m"), true},
		{"rate limit bad window", RateLimit(), types.StringValue("5/minute"), true},
		{"rate limit unknown", RateLimit(), types.StringUnknown(), false},
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
