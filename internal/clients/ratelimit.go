package clients

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
)

// Limit is an API's rate limit as the provider keeps it: the window and where the figure
// comes from, for the docs and for a diagnostic that ran out of time waiting for it.
type Limit struct {
	shared.Window
	Source string
}

// documentedLimits are the per-account limits the clouds document for the APIs read here.
var documentedLimits = map[string]Limit{
	HuaweiCloud + "/" + ServiceHSS + "/ShowResourceQuotas":            hssLimit,
	HuaweiCloud + "/" + ServiceHSS + "/ShowImagePayPerScanStatistics": hssLimit,
	HuaweiCloud + "/" + ServiceMetaStudio + "/CountTenantResources": {shared.Window{N: 1, Per: time.Second},
		"MetaStudio's API limits table gives no figure for the tenant-management APIs; its lowest single-tenant figure (1 call a second), as a conservative default"},
	TencentCloud + "/" + ServiceTCSS + "/DescribeImageAuthorizedInfo": {shared.Window{N: 20, Per: time.Second},
		"TCSS DescribeImageAuthorizedInfo API reference: 20 requests a second"},
	AlibabaCloud + "/" + ServiceSAS + "/GetAuthSummary": {shared.Window{N: 10, Per: time.Second},
		"Security Center's API rate quota page: 10 a second per region, API and account for its query APIs (GetAuthSummary has no row of its own)"},
}

var hssLimit = Limit{shared.Window{N: 5, Per: time.Minute},
	"HSS API reference, Limitations and Constraints: 5 calls a minute per user per API (600 a minute per API overall)"}

// defaultLimit is the conservative rate of an API whose limit is not documented (IAM's
// project lookup, called once per region per run).
var defaultLimit = Limit{shared.Window{N: 10, Per: time.Second}, "no documented limit: a conservative default"}

// limitOf is op's API limit: rate_limits' figure for the action when set, else the vendor's.
func (c *Client) limitOf(op Operation) Limit {
	if w, ok := c.cfg.RateLimits[op.Action]; ok {
		return Limit{w, "rate_limits"}
	}
	if l, ok := documentedLimits[op.Cloud+"/"+op.Service+"/"+op.Action]; ok {
		return l
	}
	return defaultLimit
}

// DocumentedLimit is the limit the provider keeps for an action by default, for docs and
// validation; ok is false for an action the provider does not call.
func DocumentedLimit(action string) (Limit, bool) {
	for k, l := range documentedLimits {
		if len(k) > len(action) && k[len(k)-len(action)-1:] == "/"+action {
			return l, true
		}
	}
	return Limit{}, false
}

// Actions are the API actions rate_limits accepts.
func Actions() []string {
	out := make([]string, 0, len(documentedLimits))
	for k := range documentedLimits {
		for i := len(k) - 1; i >= 0; i-- {
			if k[i] == '/' {
				out = append(out, k[i+1:])
				break
			}
		}
	}
	return out
}

// budgetKey names op's budget: one per cloud, account and API, shared by regions (the clouds
// count per account) and by every provider process of this user on this machine.
func budgetKey(op Operation) string {
	return shared.Key("limit", op.Cloud, op.Service, op.Action, op.Account)
}

// state is the shared directory, opened on the first call (no I/O at configure), with the
// limiter and the answer cache over it. A directory that cannot be used leaves both to this
// process alone, with a warning.
type state struct {
	once    sync.Once
	limiter *shared.Limiter
	answers *shared.Answers
}

func (c *Client) shared(ctx context.Context) *state {
	c.state.once.Do(func() {
		warn := func(ctx context.Context, msg string, err error) {
			tflog.Warn(ctx, msg, map[string]any{"cache_dir": c.cfg.CacheDir, "error": err.Error()})
		}
		dir, err := shared.Open(c.cfg.CacheDir)
		if err != nil {
			warn(ctx, "the shared cache directory ("+shared.EnvDir+") cannot be used: rate limits are kept by this "+
				"process alone and cache_ttl shares nothing", err)
			dir = nil
		}
		c.state.limiter = shared.NewLimiter(dir, c.clock, warn)
		c.state.answers = shared.NewAnswers(dir, c.clock, warn)
	})
	return &c.state
}

// CacheDirFromEnv is CLOUDQUOTA_CACHE_DIR, "" for the default.
func CacheDirFromEnv() string { return os.Getenv(shared.EnvDir) }
