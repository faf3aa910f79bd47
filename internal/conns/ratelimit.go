package conns

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
)

// Limit is an API's documented rate limit: at most N requests in any Window, per account,
// and the document it comes from. Each service declares its own
// (internal/services/<svc>/service.go); the policy only enforces them.
type Limit struct {
	N      int
	Window time.Duration
	// Source names the document the limit comes from, or says why it is a default.
	Source string
}

// Limits are a service's limits by action; an action not listed gets DefaultLimit.
type Limits map[string]Limit

// For returns action's limit, DefaultLimit when the service documents none.
func (l Limits) For(action string) Limit {
	if v, ok := l[action]; ok {
		return v
	}
	return DefaultLimit
}

// DefaultLimit is the conservative rate for an API whose limit is not documented (IAM's
// project lookup, called once per region per run).
var DefaultLimit = Limit{N: 10, Window: time.Second, Source: "none documented: a conservative default"}

// window is the limit as the shared limiter counts it; an unset limit is DefaultLimit.
func (l Limit) window() shared.Window {
	if l.N <= 0 || l.Window <= 0 {
		l = DefaultLimit
	}
	return shared.Window{N: l.N, Per: l.Window}
}

// String is the limit as users write it in rate_limits, "5/1m".
func (l Limit) String() string {
	return fmt.Sprintf("%d/%s", l.N, shortDuration(l.Window))
}

// shortDuration writes 1m and 1h rather than Go's 1m0s and 1h0m0s.
func shortDuration(d time.Duration) string {
	switch {
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	}
	return d.String()
}

// actions are the actions whose limits the services declare, for rate_limits' validation.
var actions = struct {
	sync.Mutex
	byName map[string]Limit
}{byName: map[string]Limit{}}

// DeclareLimits records a service's declared limits (its service.go does, through its
// cloud's Register), so that rate_limits knows the actions and the docs their defaults.
func DeclareLimits(l Limits) Limits {
	actions.Lock()
	defer actions.Unlock()
	for a, v := range l {
		actions.byName[a] = v
	}
	return l
}

// Actions are the actions rate_limits accepts, sorted.
func Actions() []string {
	actions.Lock()
	defer actions.Unlock()
	out := make([]string, 0, len(actions.byName))
	for a := range actions.byName {
		out = append(out, a)
	}
	slices.Sort(out)
	return out
}

// DeclaredLimit is the limit a service declared for action; ok is false for an action no
// service declared.
func DeclaredLimit(action string) (Limit, bool) {
	actions.Lock()
	defer actions.Unlock()
	l, ok := actions.byName[action]
	return l, ok
}

// AllActions is the rate_limits key that replaces every action's budget at once (tests
// against the emulator); an entry naming an action wins over it.
const AllActions = "*"

// limitOf is op's limit: rate_limits' figure for the action when set, else its "*" figure,
// else its service's.
func (c *Client) limitOf(op Operation) Limit {
	if w, ok := c.settings.RateLimits[op.Action]; ok {
		return Limit{N: w.N, Window: w.Per, Source: "rate_limits." + op.Action + " or CLOUDQUOTA_RATE_LIMITS"}
	}
	if w, ok := c.settings.RateLimits[AllActions]; ok {
		return Limit{N: w.N, Window: w.Per, Source: `rate_limits "*" or CLOUDQUOTA_RATE_LIMITS, for every action`}
	}
	if op.Limit.N <= 0 || op.Limit.Window <= 0 {
		return DefaultLimit
	}
	return op.Limit
}

// budgetKey names op's budget: one per cloud, account, API and endpoint (the clouds count
// per account at each endpoint: regions that share a host share it, two emulators do not),
// shared by every provider process of this user on this machine. The key is a hash: no
// account or host is readable from the directory.
func budgetKey(op Operation) string {
	return shared.Key("limit", op.Cloud, op.Service, op.Action, op.Account, op.Endpoint)
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
			tflog.Warn(ctx, msg, map[string]any{"cache_dir": c.settings.CacheDir, "error": err.Error()})
		}
		dir, err := shared.Open(c.settings.CacheDir)
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

// per is the limit in words, "5 per 1m".
func (l Limit) per() string {
	return fmt.Sprintf("%d per %s", l.N, shortDuration(l.Window))
}
