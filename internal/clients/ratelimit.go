package clients

import (
	"sync"

	"golang.org/x/time/rate"
)

// apiRateLimits are the request rates the clouds document, per API and account, in
// requests per second. Tencent documents 20/s for DescribeImageAuthorizedInfo; Huawei and
// Alibaba document none for the APIs read here, so defaultRateLimit applies to them.
var apiRateLimits = map[string]float64{
	TencentCloud + "/" + ServiceTCSS + "/DescribeImageAuthorizedInfo": 20,
}

// defaultRateLimit is the conservative rate for an API whose limit is not documented.
const defaultRateLimit = 10

// rateMargin keeps the client a little under the documented rate: the cloud counts in its
// own windows, with its own clock, and network jitter bunches requests on arrival.
const rateMargin = 0.9

// rateLimits holds one limiter per API, shared by every read in the provider process, so
// that a plan of many reads stays under the cloud's limit instead of being throttled and
// retried. Regions share an API's limiter: the clouds count per account.
type rateLimits struct {
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
}

// apiRate is the documented (or default) rate of op's API, in requests per second.
func apiRate(op Operation) float64 {
	if r, ok := apiRateLimits[op.Cloud+"/"+op.Service+"/"+op.Action]; ok {
		return r
	}
	return defaultRateLimit
}

// limiter returns op's API limiter. A burst of one spaces requests evenly, so no window of
// one second ever holds more than the rate allows.
func (c *Client) limiter(op Operation) *rate.Limiter {
	key := op.Cloud + "/" + op.Service + "/" + op.Action
	c.limits.mu.Lock()
	defer c.limits.mu.Unlock()
	l, ok := c.limits.limiters[key]
	if !ok {
		l = rate.NewLimiter(rate.Limit(apiRate(op)*rateMargin), 1)
		c.limits.limiters[key] = l
	}
	return l
}
