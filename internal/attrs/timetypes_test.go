package attrs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
)

// The plan-time errors of a malformed duration or time read as one message with an example:
// no literal "\n\n", no Go layout string.
func TestTimeTypesValidation(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		value xattr.ValidateableAttribute
		want  string // "" = valid
	}{
		{"duration", attrs.DurationValue(0), ""},
		{"duration string", mustDuration(t, "2h45m"), ""},
		{"bad duration", mustDuration(t, "30 days"), `expected a Go duration: numbers with units, such as "30s"`},
		{"time", mustTime(t, "2026-01-02T15:04:05+08:00"), ""},
		{"bad time", mustTime(t, "2026-01-02 15:04:05"), "expected RFC 3339, such as 2026-01-02T15:04:05Z"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp := &xattr.ValidateAttributeResponse{}
			tc.value.ValidateAttribute(ctx, xattr.ValidateAttributeRequest{Path: path.Root("x")}, resp)
			if tc.want == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("unexpected error: %v", resp.Diagnostics)
				}
				return
			}
			if !resp.Diagnostics.HasError() {
				t.Fatal("no error")
			}
			detail := resp.Diagnostics[0].Detail()
			if !strings.Contains(detail, tc.want) || strings.Contains(detail, `\n`) || strings.Contains(detail, "2006-01-02") {
				t.Errorf("detail = %q, want %q and no literal \\n or Go layout", detail, tc.want)
			}
		})
	}
}

func mustDuration(t *testing.T, s string) attrs.Duration {
	t.Helper()
	v, diags := attrs.DurationType{}.ValueFromString(context.Background(), basetypesString(s))
	if diags.HasError() {
		t.Fatal(diags)
	}
	return v.(attrs.Duration)
}

func mustTime(t *testing.T, s string) attrs.Time {
	t.Helper()
	v, diags := attrs.TimeType{}.ValueFromString(context.Background(), basetypesString(s))
	if diags.HasError() {
		t.Fatal(diags)
	}
	return v.(attrs.Time)
}

func basetypesString(s string) basetypes.StringValue { return basetypes.NewStringValue(s) }
