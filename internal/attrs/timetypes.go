package attrs

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// DurationType and Duration are timetypes' Go duration string with a plan-time error that
// reads well: timetypes' own shows a literal "\n\n" in Terraform's output.
type DurationType struct{ timetypes.GoDurationType }

// Duration is a value of DurationType; ValueGoDuration and the rest are timetypes'.
type Duration struct{ timetypes.GoDuration }

var (
	_ basetypes.StringTypable                    = DurationType{}
	_ basetypes.StringValuableWithSemanticEquals = Duration{}
	_ xattr.ValidateableAttribute                = Duration{}
)

func (DurationType) String() string { return "attrs.DurationType" }

func (DurationType) ValueType(context.Context) attr.Value { return Duration{} }

func (t DurationType) Equal(o attr.Type) bool {
	other, ok := o.(DurationType)
	return ok && t.GoDurationType.Equal(other.GoDurationType)
}

func (DurationType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return Duration{timetypes.GoDuration{StringValue: in}}, nil
}

func (t DurationType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	return fromTerraform(ctx, t.StringType, in, func(s basetypes.StringValue) attr.Value {
		return Duration{timetypes.GoDuration{StringValue: s}}
	})
}

func (Duration) Type(context.Context) attr.Type { return DurationType{} }

func (v Duration) Equal(o attr.Value) bool {
	other, ok := o.(Duration)
	return ok && v.GoDuration.Equal(other.GoDuration)
}

func (v Duration) StringSemanticEquals(ctx context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	if other, ok := newValuable.(Duration); ok {
		return v.GoDuration.StringSemanticEquals(ctx, other.GoDuration)
	}
	return v.GoDuration.StringSemanticEquals(ctx, newValuable)
}

func (v Duration) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	validateParse(v.StringValue, req, resp, "Invalid duration",
		"a Go duration: numbers with units, such as \"30s\", \"1.5h\" or \"2h45m\" (units ns, us, ms, s, m, h)",
		func(s string) error { _, err := time.ParseDuration(s); return err })
}

// DurationValue is d as a Duration.
func DurationValue(d time.Duration) Duration { return Duration{timetypes.NewGoDurationValue(d)} }

// TimeType and Time are timetypes' RFC 3339 string with a plan-time error that shows an
// example rather than Go's layout string.
type TimeType struct{ timetypes.RFC3339Type }

// Time is a value of TimeType; ValueRFC3339Time and the rest are timetypes'.
type Time struct{ timetypes.RFC3339 }

var (
	_ basetypes.StringTypable                    = TimeType{}
	_ basetypes.StringValuableWithSemanticEquals = Time{}
	_ xattr.ValidateableAttribute                = Time{}
)

func (TimeType) String() string { return "attrs.TimeType" }

func (TimeType) ValueType(context.Context) attr.Value { return Time{} }

func (t TimeType) Equal(o attr.Type) bool {
	other, ok := o.(TimeType)
	return ok && t.RFC3339Type.Equal(other.RFC3339Type)
}

func (TimeType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return Time{timetypes.RFC3339{StringValue: in}}, nil
}

func (t TimeType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	return fromTerraform(ctx, t.StringType, in, func(s basetypes.StringValue) attr.Value {
		return Time{timetypes.RFC3339{StringValue: s}}
	})
}

func (Time) Type(context.Context) attr.Type { return TimeType{} }

func (v Time) Equal(o attr.Value) bool {
	other, ok := o.(Time)
	return ok && v.RFC3339.Equal(other.RFC3339)
}

func (v Time) StringSemanticEquals(ctx context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	if other, ok := newValuable.(Time); ok {
		return v.RFC3339.StringSemanticEquals(ctx, other.RFC3339)
	}
	return v.RFC3339.StringSemanticEquals(ctx, newValuable)
}

func (v Time) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	validateParse(v.StringValue, req, resp, "Invalid time",
		"RFC 3339, such as 2026-01-02T15:04:05Z (or with an offset, 2026-01-02T23:04:05+08:00)",
		func(s string) error { _, err := time.Parse(time.RFC3339, s); return err })
}

// TimeValue is t as a Time.
func TimeValue(t time.Time) Time { return Time{timetypes.NewRFC3339TimeValue(t)} }

// The two types differ only in the timetypes type they wrap and in how a value parses:
// these are the parts they share.

// fromTerraform reads in as a string and wraps it, as both types' ValueFromTerraform do.
func fromTerraform(ctx context.Context, st basetypes.StringType, in tftypes.Value,
	wrap func(basetypes.StringValue) attr.Value,
) (attr.Value, error) {
	v, err := st.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return wrap(s), nil
}

// validateParse reports a known value that parse rejects, saying what was expected.
func validateParse(v basetypes.StringValue, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse,
	summary, expected string, parse func(string) error,
) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	if err := parse(v.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, summary,
			fmt.Sprintf("%s expected %s, got %q.", req.Path, expected, v.ValueString()))
	}
}
