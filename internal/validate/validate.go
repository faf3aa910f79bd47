// Package validate holds the attribute validators the framework-validators module lacks.
package validate

import (
	"context"
	"net/url"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
)

// stringValidator is every validator here: they differ only in their description and in
// the check of a known value, so one type carries the framework's three methods.
type stringValidator struct {
	desc string
	// check returns the error's summary and what follows the description in its detail,
	// or "" for a value that passes.
	check func(s string) (summary, tail string)
}

func (v stringValidator) Description(context.Context) string { return v.desc }

func (v stringValidator) MarkdownDescription(context.Context) string { return v.desc }

func (v stringValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if summary, tail := v.check(req.ConfigValue.ValueString()); summary != "" {
		resp.Diagnostics.AddAttributeError(req.Path, summary, "Attribute "+req.Path.String()+" "+v.desc+tail)
	}
}

// durationCheck checks a parsed duration; syntax errors are left to the attrs.Duration
// type, which reports them itself.
func durationCheck(summary string, bad func(d time.Duration) bool) func(string) (string, string) {
	return func(s string) (string, string) {
		if d, err := time.ParseDuration(s); err == nil && bad(d) {
			return summary, ", got: " + s
		}
		return "", ""
	}
}

// HTTPURL accepts absolute http(s) URLs: an endpoint override without a scheme would be
// silently prefixed with https:// by the Huawei SDK, which hides typos.
func HTTPURL() validator.String {
	return stringValidator{"value must be an absolute http:// or https:// URL", func(s string) (string, string) {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "Invalid endpoint URL", ", got: " + s
		}
		return "", ""
	}}
}

// PositiveDuration rejects zero and negative Go durations. Syntax errors are left to the
// attrs.Duration type, which reports them itself.
func PositiveDuration() validator.String {
	return stringValidator{"value must be a positive duration",
		durationCheck("Invalid duration", func(d time.Duration) bool { return d <= 0 })}
}

// DurationBetween accepts Go durations of whole seconds from lo to hi inclusive: the session
// lengths the vendors' STS and IAM APIs allow (in seconds), checked at plan time rather than
// by a refused exchange.
// Syntax errors are left to the attrs.Duration type.
func DurationBetween(lo, hi time.Duration) validator.String {
	return stringValidator{"value must be a Go duration of whole seconds from " + lo.String() + " to " + hi.String(),
		durationCheck("Duration out of range", func(d time.Duration) bool {
			return d < lo || d > hi || d%time.Second != 0
		})}
}

// STSEndpoint accepts an https:// URL without a path: the Tencent and Alibaba SDKs' STS
// credential providers call STS over HTTPS and take only a host.
func STSEndpoint() validator.String {
	return stringValidator{"value must be an https:// URL without a path", func(s string) (string, string) {
		u, err := url.Parse(s)
		if err != nil || u.Scheme != "https" || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" {
			return "Invalid STS endpoint", " (the SDK's STS client must use https and takes only a host), got: " + s
		}
		return "", ""
	}}
}

// NonNegativeDuration rejects negative Go durations; zero is allowed (a setting that is off).
// Syntax errors are left to the attrs.Duration type.
func NonNegativeDuration() validator.String {
	return stringValidator{"value must be a duration of zero or more",
		durationCheck("Invalid duration", func(d time.Duration) bool { return d < 0 })}
}

// RateLimit accepts a rate_limits value, "N/DURATION" such as "5/1m": at most N calls in any
// window of DURATION.
func RateLimit() validator.String {
	return stringValidator{`value must be "N/DURATION": at most N calls (a whole number from 1) in any window of DURATION (a Go duration such as 1s or 1m)`,
		func(s string) (string, string) {
			if _, err := shared.ParseWindow(s); err != nil {
				return "Invalid rate limit", ": " + err.Error()
			}
			return "", ""
		}}
}
