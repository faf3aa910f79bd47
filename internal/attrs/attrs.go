// Package attrs holds what every data source shares: the common schema attributes and the
// conversions from SDK pointers to framework values that apply the zero rules (a count or
// flag the API omits reads as 0 / false, a string as ""), so preconditions never meet null.
package attrs

import (
	"context"
	"math"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ZeroRule is appended to descriptions of data sources so the rule is documented once.
const ZeroRule = "Counts and flags the API omits are reported as `0` and `false`, nested objects it " +
	"omits as objects of zeros, strings as `\"\"` and lists as `[]`, so that preconditions never meet null."

// Region is the optional per-data-source region override; computed so that state shows the
// region actually read.
func Region(cloud, envVar string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Region to read, overriding the provider's " + cloud + " region (`" + envVar + "`). " +
			"Computed: the region actually read.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// ID is a deterministic identifier built from what was read, never a random one, so that
// plans stay quiet.
func ID() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Identifier of this read: where it was read (project or region) and its arguments, " +
			"joined by `/`. Deterministic, never random.",
		Computed: true,
	}
}

// Count is a computed number attribute.
func Count(description string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: description, Computed: true}
}

// Int64 reads an SDK int32 pointer; nil is 0.
func Int64(p *int32) types.Int64 {
	if p == nil {
		return types.Int64Value(0)
	}
	return types.Int64Value(int64(*p))
}

// Int64FromFloat reads a count the SDK models as a float (MetaStudio). Rounding undoes
// float noise; NaN, which no count can be, reads as 0; values beyond int64 saturate rather
// than wrap, since Go's conversion of out-of-range floats is implementation-defined.
func Int64FromFloat(f float32) types.Int64 {
	v := math.Round(float64(f))
	switch {
	case math.IsNaN(v):
		return types.Int64Value(0)
	case v >= math.MaxInt64:
		return types.Int64Value(math.MaxInt64)
	case v <= math.MinInt64:
		return types.Int64Value(math.MinInt64)
	}
	return types.Int64Value(int64(v))
}

// String reads an SDK string pointer; nil is "".
func String(p *string) types.String {
	if p == nil {
		return types.StringValue("")
	}
	return types.StringValue(*p)
}

// Bool reads an SDK bool pointer; nil is false.
func Bool(p *bool) types.Bool {
	if p == nil {
		return types.BoolValue(false)
	}
	return types.BoolValue(*p)
}

// Int64Ptr reads an int64 pointer; nil is 0.
func Int64Ptr(p *int64) types.Int64 {
	if p == nil {
		return types.Int64Value(0)
	}
	return types.Int64Value(*p)
}

// beijing is UTC+8, the zone Chinese clouds' "YYYY-MM-DD hh:mm:ss" times are in. A fixed
// zone, not tzdata's Asia/Shanghai, so the result does not depend on the host.
var beijing = time.FixedZone("UTC+8", 8*60*60)

// BeijingTime turns a "YYYY-MM-DD hh:mm:ss" Beijing time into RFC 3339 with its +08:00
// offset, so that timecmp() works on it. RFC 3339 input passes through unchanged, and
// "" stays "". Anything else is returned as it came, with ok false so the caller can warn.
func BeijingTime(s string) (out string, ok bool) {
	if s == "" {
		return "", true
	}
	if _, err := time.Parse(time.RFC3339, s); err == nil {
		return s, true
	}
	t, err := time.ParseInLocation(time.DateTime, s, beijing)
	if err != nil {
		return s, false
	}
	return t.Format(time.RFC3339), true
}

// DefaultReadTimeout bounds a whole read (rate-limit waits, attempts and backoff) when the
// data source's timeouts block does not.
const DefaultReadTimeout = 5 * time.Minute

// Timeouts is the data source's `timeouts { read = "..." }` block.
func Timeouts(ctx context.Context) schema.Block {
	b, _ := timeouts.BlockWithOpts(ctx, timeouts.Opts{
		ReadDescription: "Time limit of the whole read, rate-limit waits, retries and backoff included, as a Go " +
			"duration such as `\"2m\"`. Default `\"5m\"`. Each HTTP attempt is also bounded by the provider's " +
			"`request_timeout`.",
	}).(schema.SingleNestedBlock)
	b.MarkdownDescription = "Time limits of this data source's operations."
	return b
}

// ReadContext is ctx bounded by the data source's timeouts.read; when it ends, retrying stops.
func ReadContext(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, ds := t.Read(ctx, DefaultReadTimeout)
	diags.Append(ds...)
	return context.WithTimeout(ctx, d)
}

// NullTimeouts is an unset timeouts block, for models built from a response rather than
// from the configuration.
func NullTimeouts() timeouts.Value {
	return timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"read": types.StringType})}
}
