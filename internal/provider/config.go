package provider

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/tencent"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
)

var osGetenv = os.Getenv

// cloud is one cloud's package as the provider uses it: its block in the schema, and its
// Configure, which merges the block with the environment and attaches the cloud to the
// policy (returning the fields to log).
type cloud interface {
	Name() string
	Block() schema.SingleNestedBlock
	Configure(ctx context.Context, config tfsdk.Config, env *conns.Env, c *conns.Client) map[string]any
}

// clouds are the clouds the provider speaks to, one block each.
var clouds = []cloud{huawei.Cloud{}, tencent.Cloud{}, alibaba.Cloud{}}

// globalModel is the provider's own attributes, those every cloud shares.
type globalModel struct {
	MaxRetries     types.Int64    `tfsdk:"max_retries"`
	RequestTimeout attrs.Duration `tfsdk:"request_timeout"`
	Insecure       types.Bool     `tfsdk:"insecure"`
	CacheTTL       attrs.Duration `tfsdk:"cache_ttl"`
	RateLimits     types.Map      `tfsdk:"rate_limits"`
}

// get reads the provider's own attributes from the configuration.
func (m *globalModel) get(ctx context.Context, config tfsdk.Config) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(config.GetAttribute(ctx, path.Root("max_retries"), &m.MaxRetries)...)
	diags.Append(config.GetAttribute(ctx, path.Root("request_timeout"), &m.RequestTimeout)...)
	diags.Append(config.GetAttribute(ctx, path.Root("insecure"), &m.Insecure)...)
	diags.Append(config.GetAttribute(ctx, path.Root("cache_ttl"), &m.CacheTTL)...)
	diags.Append(config.GetAttribute(ctx, path.Root("rate_limits"), &m.RateLimits)...)
	return diags
}

// settings are the provider-wide settings, defaults filled in, HCL > environment.
func (m globalModel) settings(getenv func(string) string) (conns.Settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := conns.Settings{
		MaxRetries:     conns.DefaultMaxRetries,
		RequestTimeout: conns.DefaultRequestTimeout,
	}
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		s.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if !m.RequestTimeout.IsNull() && !m.RequestTimeout.IsUnknown() {
		d, ds := m.RequestTimeout.ValueGoDuration()
		diags.Append(ds...)
		s.RequestTimeout = d
	}
	s.Insecure = m.Insecure.ValueBool()
	s.CacheTTL = cacheTTL(m.CacheTTL, getenv, &diags)
	s.RateLimits = rateLimits(m.RateLimits, getenv, &diags)
	s.CacheDir = getenv(shared.EnvDir)
	return s, diags
}

// Environment variables of the provider-wide settings (CLOUDQUOTA_CACHE_DIR is shared.EnvDir).
const (
	envCacheTTL   = "CLOUDQUOTA_CACHE_TTL"
	envRateLimits = "CLOUDQUOTA_RATE_LIMITS"
)

// cacheTTL is cache_ttl, else CLOUDQUOTA_CACHE_TTL (checked here: a variable has no plan-time
// validator), else off.
func cacheTTL(v attrs.Duration, getenv func(string) string, diags *diag.Diagnostics) time.Duration {
	if !v.IsNull() && !v.IsUnknown() {
		d, ds := v.ValueGoDuration()
		diags.Append(ds...)
		return d
	}
	raw := getenv(envCacheTTL)
	if raw == "" {
		return 0
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < 0 {
		diags.AddAttributeError(path.Root("cache_ttl"), "Invalid "+envCacheTTL,
			fmt.Sprintf("%s must be a Go duration of zero or more, such as \"10m\", got %q.", envCacheTTL, raw))
		return 0
	}
	return d
}

// rateLimits merges CLOUDQUOTA_RATE_LIMITS ("Action=N/DURATION,...", "*" for every action)
// with rate_limits, whose entries win per key (a named action wins over "*" wherever each
// comes from: conns.Client.limitOf). HCL values were validated at plan time; the variable is checked here.
func rateLimits(v types.Map, getenv func(string) string, diags *diag.Diagnostics) map[string]shared.Window {
	out := map[string]shared.Window{}
	if raw := getenv(envRateLimits); raw != "" {
		for pair := range strings.SplitSeq(raw, ",") {
			action, limit, ok := strings.Cut(strings.TrimSpace(pair), "=")
			action = strings.TrimSpace(action)
			w, err := shared.ParseWindow(limit)
			_, known := conns.DeclaredLimit(action)
			known = known || action == conns.AllActions
			var why string
			switch {
			case !ok:
				why = "expected Action=N/DURATION"
			case !known:
				why = fmt.Sprintf("unknown action %q; known: %s, or %q for every action", action,
					strings.Join(conns.Actions(), ", "), conns.AllActions)
			case err != nil:
				why = err.Error()
			}
			if why != "" {
				diags.AddAttributeError(path.Root("rate_limits"), "Invalid "+envRateLimits,
					fmt.Sprintf("%s is comma-separated Action=N/DURATION pairs, such as \"ShowResourceQuotas=5/1m\" "+
						"or \"*=1000/1s\" for every action; "+
						"%q: %s.", envRateLimits, pair, why))
				continue
			}
			out[action] = w
		}
	}
	if v.IsUnknown() {
		diags.AddAttributeError(path.Root("rate_limits"), "Unknown provider setting",
			"rate_limits depends on a value that is not known until apply; data sources are read at plan time, so it "+
				"must be known then. Use a literal, a variable or CLOUDQUOTA_RATE_LIMITS.")
		return out
	}
	for action, val := range v.Elements() {
		if str, ok := val.(types.String); ok && !str.IsNull() && !str.IsUnknown() {
			if w, err := shared.ParseWindow(str.ValueString()); err == nil {
				out[action] = w
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
