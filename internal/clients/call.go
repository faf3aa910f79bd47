package clients

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Backoff bounds: full jitter over an exponential ceiling, so that many concurrent reads
// that fail together do not retry together. The cap keeps a throttled plan from stalling
// for minutes (the Huawei provider sleeps 2^n minutes on 429).
const (
	backoffBase = 250 * time.Millisecond
	backoffCap  = 8 * time.Second
)

// Operation names one API call for retries, logs and diagnostics.
type Operation struct {
	Cloud   string
	Service string
	Action  string
	Region  string
}

// classifier turns a cloud SDK error into an APIError and says whether it is transient.
type classifier func(err error) (apiErr *APIError, retry bool)

// call runs fn until it succeeds, fails permanently, or max_retries retries are spent.
// It is the one place where retry policy lives, for every cloud.
func call[T any](ctx context.Context, maxRetries int, op Operation, classify classifier, fn func() (T, error)) (T, error) {
	var zero T
	for attempt := 1; ; attempt++ {
		start := time.Now()
		out, err := fn()
		fields := map[string]any{
			"cloud": op.Cloud, "service": op.Service, "action": op.Action, "region": op.Region,
			"attempt": attempt, "duration_ms": time.Since(start).Milliseconds(),
		}
		if err == nil {
			tflog.Debug(ctx, "cloud API call succeeded", fields)
			return out, nil
		}
		apiErr, retry := classify(err)
		apiErr.Cloud, apiErr.Service, apiErr.Action, apiErr.Region = op.Cloud, op.Service, op.Action, op.Region
		apiErr.Attempts = attempt
		fields["http_status"] = apiErr.HTTPStatus
		fields["error_code"] = apiErr.Code
		fields["request_id"] = apiErr.RequestID
		if !retry || attempt > maxRetries {
			tflog.Debug(ctx, "cloud API call failed", fields)
			return zero, apiErr
		}
		delay := backoff(attempt)
		fields["retry_in_ms"] = delay.Milliseconds()
		tflog.Debug(ctx, "cloud API call failed transiently, retrying", fields)
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			apiErr.Err = ctx.Err()
			return zero, apiErr
		case <-timer.C:
		}
	}
}

// backoff is "full jitter": a uniform delay in [0, min(cap, base*2^(attempt-1))).
func backoff(attempt int) time.Duration {
	ceiling := backoffBase << min(attempt-1, 16)
	if ceiling > backoffCap || ceiling <= 0 {
		ceiling = backoffCap
	}
	return time.Duration(rand.Int64N(int64(ceiling)))
}
