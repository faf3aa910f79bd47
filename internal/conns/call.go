package conns

import (
	"context"
	"errors"
	"fmt"
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

// Operation names one API call for rate limits, coalescing, retries, logs and diagnostics.
type Operation struct {
	Cloud   string
	Service string
	Action  string
	Region  string
	// Scope is what else the call is addressed to besides the region: the Huawei project.
	Scope string
	// Args are the call's arguments in a canonical form (JSON of the request).
	Args string
	// Limit is the API's rate limit, as its service documents it; zero is DefaultLimit.
	Limit Limit
}

// Target is where a call went: the region, and for clouds that address calls to a project
// within it (Huawei), the project. Data sources build their IDs from it.
type Target struct {
	Region  string
	Project string
}

// key identifies a read: two operations with the same key return the same answer, so
// they share one API call.
func (op Operation) key() string {
	return op.Cloud + "\x00" + op.Service + "\x00" + op.Action + "\x00" + op.Region + "\x00" + op.Scope + "\x00" + op.Args
}

// Classifier turns a cloud SDK error into an APIError and says whether it is transient.
// Each cloud has one.
type Classifier func(err error) (apiErr *APIError, retry bool)

// readEnded marks a shared call that stopped because the context of the read that started
// it ended; a read that joined it and still has time makes the call itself.
type readEnded struct{ err error }

func (e *readEnded) Error() string { return e.err.Error() }
func (e *readEnded) Unwrap() error { return e.err }

// Do is every API read's entry point. A read identical to one already answered in this
// provider process is served from that answer; one identical to a read in flight waits for
// it; any other goes to Retry. Failures are never kept, so the next read tries again.
func Do[T any](ctx context.Context, c *Client, op Operation, classify Classifier, fn func(ctx context.Context) (T, error)) (T, error) {
	var zero T
	ctx = c.logContext(ctx, op)
	key := op.key()
	if v, ok := c.answers.Load(key); ok {
		if out, ok := v.(T); ok {
			tflog.Debug(ctx, "cloud API read answered from this plan's earlier identical read")
			return out, nil
		}
	}
	for {
		ch := c.flights.DoChan(key, func() (any, error) {
			out, err := Retry(ctx, c, op, classify, fn)
			if err != nil {
				if ctx.Err() != nil {
					return nil, &readEnded{err}
				}
				return nil, err
			}
			c.answers.Store(key, out)
			return out, nil
		})
		select {
		case <-ctx.Done():
			return zero, endedError(op, ctx, 0)
		case res := <-ch:
			var ended *readEnded
			switch {
			case errors.As(res.Err, &ended) && ctx.Err() == nil:
				continue // another read's deadline ended the shared call; this one has time left
			case ended != nil:
				return zero, ended.err
			case res.Err != nil:
				return zero, res.Err
			}
			out, ok := res.Val.(T)
			if !ok { // one key, one response type; a mismatch is a bug, and the read asks itself
				return Retry(ctx, c, op, classify, fn)
			}
			if res.Shared {
				tflog.Debug(ctx, "cloud API read shared with an identical concurrent read")
			}
			return out, nil
		}
	}
}

// Retry runs fn until it succeeds, fails permanently, or max_retries retries are spent.
// It is the one place where retry policy lives, for every cloud: each attempt waits for
// the API's rate limit and gets request_timeout, and the read's own context (timeouts.read,
// or Terraform cancelling) stops everything at once.
func Retry[T any](ctx context.Context, c *Client, op Operation, classify Classifier, fn func(ctx context.Context) (T, error)) (T, error) {
	var zero T
	limiter := c.limiter(op)
	for attempt := 1; ; attempt++ {
		if err := limiter.Wait(ctx); err != nil {
			return zero, endedError(op, ctx, attempt-1)
		}
		start := time.Now()
		attemptCtx, cancel := context.WithTimeout(ctx, c.settings.RequestTimeout)
		out, err := fn(attemptCtx)
		cancel()
		fields := map[string]any{"attempt": attempt, "duration_ms": time.Since(start).Milliseconds()}
		if err == nil {
			tflog.Debug(ctx, "cloud API call succeeded", fields)
			return out, nil
		}
		if ctx.Err() != nil {
			return zero, endedError(op, ctx, attempt)
		}
		apiErr, retry := classify(err)
		apiErr.Cloud, apiErr.Service, apiErr.Action, apiErr.Region = op.Cloud, op.Service, op.Action, op.Region
		apiErr.Attempts = attempt
		fields["http_status"] = apiErr.HTTPStatus
		fields["error_code"] = apiErr.Code
		fields["request_id"] = apiErr.RequestID
		fields["error"] = apiErr.Error()
		if !retry || attempt > c.settings.MaxRetries {
			fields["retry"] = false
			tflog.Debug(ctx, "cloud API call failed", fields)
			return zero, apiErr
		}
		delay := backoff(attempt)
		fields["retry"] = true
		fields["retry_reason"] = retryReason(apiErr)
		fields["retry_in_ms"] = delay.Milliseconds()
		tflog.Debug(ctx, "cloud API call failed transiently, retrying", fields)
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return zero, endedError(op, ctx, attempt)
		case <-timer.C:
		}
	}
}

// errReadTimeout is the read's own deadline (timeouts.read) running out, as opposed to one
// attempt's request_timeout.
var errReadTimeout = errors.New("the read ran out of time (timeouts.read)")

// endedError is the failure of a read whose context ended: Terraform cancelled it, or its
// timeouts.read ran out.
func endedError(op Operation, ctx context.Context, attempts int) *APIError {
	err := ctx.Err()
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("%w: %w", err, errReadTimeout)
	}
	return &APIError{
		Cloud: op.Cloud, Service: op.Service, Action: op.Action, Region: op.Region,
		Attempts: attempts, Err: err,
	}
}

// retryReason says in a word why an attempt is retried, for the logs.
func retryReason(e *APIError) string {
	switch {
	case e.HTTPStatus == 0 && e.Code == "":
		return "no response (connection or timeout)"
	case e.throttled():
		return "throttled"
	case e.HTTPStatus >= 500, e.serverFault():
		return "server fault"
	}
	return "response not readable"
}

// backoff is "full jitter": a uniform delay in [0, min(cap, base*2^(attempt-1))).
func backoff(attempt int) time.Duration {
	ceiling := backoffBase << min(attempt-1, 16)
	if ceiling > backoffCap || ceiling <= 0 {
		ceiling = backoffCap
	}
	return time.Duration(rand.Int64N(int64(ceiling)))
}

// WithContext runs fn, an SDK call that takes no context (Huawei's), and returns as soon as
// ctx ends. The abandoned call is bounded by the SDK's own HTTP timeout (request_timeout).
func WithContext[T any](ctx context.Context, fn func() (T, error)) (T, error) {
	type result struct {
		out T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		out, err := fn()
		ch <- result{out, err}
	}()
	select {
	case r := <-ch:
		return r.out, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}
