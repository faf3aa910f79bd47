package provider

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
)

var osGetenv = os.Getenv

type providerModel struct {
	HuaweiCloud    *huaweiModel         `tfsdk:"huaweicloud"`
	TencentCloud   *tencentModel        `tfsdk:"tencentcloud"`
	AliCloud       *alibabaModel        `tfsdk:"alicloud"`
	MaxRetries     types.Int64          `tfsdk:"max_retries"`
	RequestTimeout timetypes.GoDuration `tfsdk:"request_timeout"`
	Insecure       types.Bool           `tfsdk:"insecure"`
	CacheTTL       timetypes.GoDuration `tfsdk:"cache_ttl"`
	RateLimits     types.Map            `tfsdk:"rate_limits"`
}

// settings resolves each setting as HCL > the first set environment variable.
// Unknown values (from resources not yet created) cannot configure a client at plan time,
// so they are reported on the attribute at fault.
type settings struct {
	getenv func(string) string
	diags  diag.Diagnostics
}

func (s *settings) str(v types.String, at path.Path, envs ...string) string {
	if v.IsUnknown() {
		s.diags.AddAttributeError(at, "Unknown provider setting",
			fmt.Sprintf("%s depends on a value that is not known until apply; data sources are read at plan "+
				"time, so it must be known then. Use a literal, a variable or an environment variable.", at))
		return ""
	}
	if !v.IsNull() && v.ValueString() != "" {
		return v.ValueString()
	}
	for _, env := range envs {
		if val := s.getenv(env); val != "" {
			return val
		}
	}
	return ""
}

// cacheTTL is cache_ttl, else CLOUDQUOTA_CACHE_TTL (checked here: variables have no plan-time
// validator), else off.
func (s *settings) cacheTTL(v timetypes.GoDuration) time.Duration {
	if !v.IsNull() && !v.IsUnknown() {
		d, diags := v.ValueGoDuration()
		s.diags.Append(diags...)
		return d
	}
	raw := s.getenv("CLOUDQUOTA_CACHE_TTL")
	if raw == "" {
		return 0
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < 0 {
		s.diags.AddAttributeError(path.Root("cache_ttl"), "Invalid CLOUDQUOTA_CACHE_TTL",
			fmt.Sprintf("CLOUDQUOTA_CACHE_TTL must be a Go duration of zero or more, such as \"10m\", got %q.", raw))
		return 0
	}
	return d
}

// rateLimits merges CLOUDQUOTA_RATE_LIMITS ("Action=N/DURATION,...") with rate_limits, whose
// entries win per action. HCL values were validated at plan time; the variable is checked here.
func (s *settings) rateLimits(v types.Map) map[string]shared.Window {
	out := map[string]shared.Window{}
	if raw := s.getenv("CLOUDQUOTA_RATE_LIMITS"); raw != "" {
		for pair := range strings.SplitSeq(raw, ",") {
			action, limit, ok := strings.Cut(strings.TrimSpace(pair), "=")
			w, err := shared.ParseWindow(limit)
			if _, known := clients.DocumentedLimit(strings.TrimSpace(action)); !ok || !known || err != nil {
				why := "expected Action=N/DURATION"
				if err != nil {
					why = err.Error()
				} else if ok {
					why = fmt.Sprintf("unknown action %q; known: %s", action, strings.Join(sortedActions(), ", "))
				}
				s.diags.AddAttributeError(path.Root("rate_limits"), "Invalid CLOUDQUOTA_RATE_LIMITS",
					fmt.Sprintf("CLOUDQUOTA_RATE_LIMITS is comma-separated Action=N/DURATION pairs, such as "+
						"\"ShowResourceQuotas=5/1m\"; %q: %s.", pair, why))
				continue
			}
			out[strings.TrimSpace(action)] = w
		}
	}
	if v.IsUnknown() {
		s.diags.AddAttributeError(path.Root("rate_limits"), "Unknown provider setting",
			"rate_limits depends on a value that is not known until apply; data sources are read at plan time, so it must be known then.")
		return out
	}
	for action, val := range v.Elements() {
		str, ok := val.(types.String)
		if !ok || str.IsNull() || str.IsUnknown() {
			continue
		}
		if w, err := shared.ParseWindow(str.ValueString()); err == nil {
			out[action] = w
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

func sortedActions() []string {
	a := clients.Actions()
	slices.Sort(a)
	return a
}

// clientConfig merges the HCL configuration with the environment. It performs no I/O: the
// vendor SDK chains are consulted only when a cloud's client is first needed.
func (m providerModel) clientConfig(getenv func(string) string) (clients.Config, diag.Diagnostics) {
	s := &settings{getenv: getenv}
	cfg := clients.Config{
		MaxRetries:     clients.DefaultMaxRetries,
		RequestTimeout: clients.DefaultRequestTimeout,
	}
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if !m.RequestTimeout.IsNull() && !m.RequestTimeout.IsUnknown() {
		d, diags := m.RequestTimeout.ValueGoDuration()
		s.diags.Append(diags...)
		cfg.RequestTimeout = d
	}
	cfg.Insecure = m.Insecure.ValueBool()
	cfg.CacheTTL = s.cacheTTL(m.CacheTTL)
	cfg.RateLimits = s.rateLimits(m.RateLimits)
	cfg.CacheDir = getenv(shared.EnvDir)

	cfg.Huawei = s.huawei(m.HuaweiCloud)
	cfg.Tencent = s.tencent(m.TencentCloud)
	cfg.Alibaba = s.alibaba(m.AliCloud)
	return cfg, s.diags
}
