// Package validate holds the attribute validators the framework-validators module lacks.
package validate

import (
	"context"
	"net/url"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
)

// HTTPURL accepts absolute http(s) URLs: an endpoint override without a scheme would be
// silently prefixed with https:// by the Huawei SDK, which hides typos.
func HTTPURL() validator.String { return httpURL{} }

type httpURL struct{}

func (httpURL) Description(context.Context) string {
	return "value must be an absolute http:// or https:// URL"
}

func (v httpURL) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v httpURL) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	u, err := url.Parse(req.ConfigValue.ValueString())
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid endpoint URL",
			"Attribute "+req.Path.String()+" "+v.Description(ctx)+", got: "+req.ConfigValue.ValueString())
	}
}

// PositiveDuration rejects zero and negative Go durations. Syntax errors are left to the
// attrs.Duration type, which reports them itself.
func PositiveDuration() validator.String { return positiveDuration{} }

type positiveDuration struct{}

func (positiveDuration) Description(context.Context) string {
	return "value must be a positive duration"
}

func (v positiveDuration) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v positiveDuration) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil {
		return
	}
	if d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			"Attribute "+req.Path.String()+" "+v.Description(ctx)+", got: "+req.ConfigValue.ValueString())
	}
}

// DurationBetween accepts Go durations of whole seconds from lo to hi inclusive: the session
// lengths the vendors' STS and IAM APIs allow (in seconds), checked at plan time rather than
// by a refused exchange.
// Syntax errors are left to the attrs.Duration type.
func DurationBetween(lo, hi time.Duration) validator.String { return durationBetween{lo, hi} }

type durationBetween struct{ lo, hi time.Duration }

func (v durationBetween) Description(context.Context) string {
	return "value must be a Go duration of whole seconds from " + v.lo.String() + " to " + v.hi.String()
}

func (v durationBetween) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v durationBetween) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil {
		return
	}
	if d < v.lo || d > v.hi || d%time.Second != 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Duration out of range",
			"Attribute "+req.Path.String()+" "+v.Description(ctx)+", got: "+req.ConfigValue.ValueString())
	}
}

// STSEndpoint accepts an https:// URL without a path: the Tencent and Alibaba SDKs' STS
// credential providers call STS over HTTPS and take only a host.
func STSEndpoint() validator.String { return stsEndpoint{} }

type stsEndpoint struct{}

func (stsEndpoint) Description(context.Context) string {
	return "value must be an https:// URL without a path"
}

func (v stsEndpoint) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v stsEndpoint) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	u, err := url.Parse(req.ConfigValue.ValueString())
	if err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid STS endpoint",
			"Attribute "+req.Path.String()+" "+v.Description(ctx)+" (the SDK's STS client must use https and "+
				"takes only a host), got: "+req.ConfigValue.ValueString())
	}
}

// NonNegativeDuration rejects negative Go durations; zero is allowed (a setting that is off).
// Syntax errors are left to the attrs.Duration type.
func NonNegativeDuration() validator.String { return nonNegativeDuration{} }

type nonNegativeDuration struct{}

func (nonNegativeDuration) Description(context.Context) string {
	return "value must be a duration of zero or more"
}

func (v nonNegativeDuration) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v nonNegativeDuration) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if d, err := time.ParseDuration(req.ConfigValue.ValueString()); err == nil && d < 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid duration",
			"Attribute "+req.Path.String()+" "+v.Description(ctx)+", got: "+req.ConfigValue.ValueString())
	}
}

// RateLimit accepts a rate_limits value, "N/DURATION" such as "5/1m": at most N calls in any
// window of DURATION.
func RateLimit() validator.String { return rateLimit{} }

type rateLimit struct{}

func (rateLimit) Description(context.Context) string {
	return `value must be "N/DURATION": at most N calls (a whole number from 1) in any window of DURATION (a Go duration such as 1s or 1m)`
}

func (v rateLimit) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v rateLimit) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := shared.ParseWindow(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid rate limit",
			"Attribute "+req.Path.String()+" "+v.Description(ctx)+": "+err.Error())
	}
}
