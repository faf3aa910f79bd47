package validate

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Whatever string a user writes, the validators never panic, and they refuse exactly what
// they document: a URL that is not absolute http(s), a duration that is not positive.
func FuzzValidators(f *testing.F) {
	for _, s := range []string{
		"https://hss.cn-north-4.myhuaweicloud.com", "http://127.0.0.1:8080", "ftp://x", "https://", "://",
		"720h", "0s", "-1h", "30 days", "1h30m", "9223372036854775807ns", "", "\x00",
	} {
		f.Add(s)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, s string) {
		at := path.Root("attr")
		run := func(v validator.String) bool {
			var resp validator.StringResponse
			v.ValidateString(ctx, validator.StringRequest{Path: at, ConfigValue: types.StringValue(s)}, &resp)
			for _, d := range resp.Diagnostics.Errors() {
				if _, ok := d.(interface{ Path() path.Path }); !ok {
					t.Fatalf("error diagnostic %q is not on the attribute", d.Summary())
				}
			}
			return resp.Diagnostics.HasError()
		}

		u, err := url.Parse(s)
		wantURLErr := err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == ""
		if got := run(HTTPURL()); got != wantURLErr {
			t.Fatalf("HTTPURL(%q) error = %v, want %v", s, got, wantURLErr)
		}

		d, err := time.ParseDuration(s)
		wantDurErr := err == nil && d <= 0
		if got := run(PositiveDuration()); got != wantDurErr {
			t.Fatalf("PositiveDuration(%q) error = %v, want %v", s, got, wantDurErr)
		}
	})
}
