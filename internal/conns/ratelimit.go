package conns

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limit is an API's documented request rate: N requests per Window, per account, and the
// document it comes from. Each service declares its own (internal/services/<svc>/service.go);
// the policy only enforces them.
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

// DefaultLimit is the conservative rate for an API whose limit is not documented.
var DefaultLimit = Limit{N: 10, Window: time.Second, Source: "none documented: a conservative default"}

// rateMargin keeps the client a little under the documented rate: the cloud counts in its
// own windows, with its own clock, and network jitter bunches requests on arrival.
const rateMargin = 0.9

// perSecond is the limit as a rate in requests per second; an unset limit is DefaultLimit.
func (l Limit) perSecond() float64 {
	if l.N <= 0 || l.Window <= 0 {
		l = DefaultLimit
	}
	return float64(l.N) / l.Window.Seconds()
}

// rateLimits holds one limiter per API, shared by every read in the provider process, so
// that a plan of many reads stays under the cloud's limit instead of being throttled and
// retried. Regions share an API's limiter: the clouds count per account.
type rateLimits struct {
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
}

// limiter returns op's API limiter. A burst of one spaces requests evenly, so no window of
// one second ever holds more than the rate allows.
func (c *Client) limiter(op Operation) *rate.Limiter {
	key := op.Cloud + "/" + op.Service + "/" + op.Action
	c.limits.mu.Lock()
	defer c.limits.mu.Unlock()
	l, ok := c.limits.limiters[key]
	if !ok {
		l = rate.NewLimiter(rate.Limit(op.Limit.perSecond()*rateMargin), 1)
		c.limits.limiters[key] = l
	}
	return l
}
