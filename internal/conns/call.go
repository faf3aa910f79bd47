package conns

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
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
	// Account is whom the cloud counts the call against: the access key in use, or the role
	// assumed (its temporary keys differ between processes, its budget does not). Only a
	// hash of it is ever written down.
	Account string
	// Endpoint is where the call goes (the override, or the regional host): the clouds count
	// per endpoint too, and two emulators must not share one budget. Only hashed on disk.
	Endpoint string
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
			// The waits are the flight's: every read that joins it waited for them too.
			fctx, col := withWaits(ctx)
			out, err := cached(fctx, c, op, func(ctx context.Context) (T, error) { return Retry(ctx, c, op, classify, fn) })
			if err != nil {
				if ctx.Err() != nil {
					return nil, &readEnded{err}
				}
				return nil, &flightError{err: err, waits: col.all()}
			}
			c.answers.Store(key, out)
			return flight{out: out, waits: col.all()}, nil
		})
		select {
		case <-ctx.Done():
			// The shared call usually ends with this read's context too, and its error says
			// more (the attempts made, the rate limit it waited for): wait a moment for it.
			select {
			case res := <-ch:
				var apiErr *APIError
				if errors.As(res.Err, &apiErr) {
					return zero, apiErr
				}
			case <-time.After(100 * time.Millisecond):
			}
			return zero, endedError(op, ctx, 0)
		case res := <-ch:
			var ended *readEnded
			var failed *flightError
			if errors.As(res.Err, &failed) {
				for _, w := range failed.waits {
					addWait(ctx, w)
				}
				res.Err = failed.err
			}
			switch {
			case errors.As(res.Err, &ended) && ctx.Err() == nil:
				continue // another read's deadline ended the shared call; this one has time left
			case ended != nil:
				return zero, ended.err
			case res.Err != nil:
				return zero, res.Err
			}
			f, _ := res.Val.(flight)
			for _, w := range f.waits {
				addWait(ctx, w)
			}
			out, ok := f.out.(T)
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

// flight is a shared call's answer with the rate-limit waits it took.
type flight struct {
	out   any
	waits []Wait
}

// flightError is a shared call's failure with the rate-limit waits it took.
type flightError struct {
	err   error
	waits []Wait
}

func (e *flightError) Error() string { return e.err.Error() }
func (e *flightError) Unwrap() error { return e.err }

// cached shares fetch's answer with identical reads of other provider processes for
// cache_ttl, through the shared directory; off (the default), it is fetch.
func cached[T any](ctx context.Context, c *Client, op Operation, fetch func(context.Context) (T, error)) (T, error) {
	var zero T
	if c.settings.CacheTTL <= 0 {
		return fetch(ctx)
	}
	var out T
	var fetched bool
	key := shared.Key("answer", answerFormat, c.settings.UserAgent, op.key(), op.Account)
	body, hit, err := c.shared(ctx).answers.Do(ctx, key, c.settings.CacheTTL, func(ctx context.Context) ([]byte, error) {
		v, err := fetch(ctx)
		if err != nil {
			return nil, err
		}
		out, fetched = v, true
		return json.Marshal(v)
	})
	switch {
	case fetched: // this read called the API; whether the answer could be kept is the cache's concern
		return out, nil
	case err != nil:
		var apiErr *APIError
		if !errors.As(err, &apiErr) && ctx.Err() != nil { // ended waiting for another process's call
			return zero, endedError(op, ctx, 0)
		}
		return zero, err
	}
	if err := json.Unmarshal(body, &out); err != nil {
		tflog.Warn(ctx, "an answer of the shared cache directory does not decode; calling the API", map[string]any{"error": err.Error()})
		return fetch(ctx)
	}
	if hit {
		tflog.Debug(ctx, "cloud API read answered from the shared cache (cache_ttl)")
	}
	return out, nil
}

// answerFormat changes when a cached answer's encoding does; the provider's version (in the
// user agent) is part of the key as well, since the SDKs' response types may change with it.
const answerFormat = "answer/v1"

// Retry runs fn until it succeeds, fails permanently, or max_retries retries are spent.
// It is the one place where retry policy lives, for every cloud: each attempt waits for
// the API's rate limit (shared with the other provider processes) and gets request_timeout,
// and the read's own context (timeouts.read, or Terraform cancelling) stops everything at once.
// A throttled attempt marks the API's window full, so the next attempt (of this read and of
// every other) waits for the window instead of a few seconds of backoff.
func Retry[T any](ctx context.Context, c *Client, op Operation, classify Classifier, fn func(ctx context.Context) (T, error)) (T, error) {
	var zero T
	st := c.shared(ctx)
	limit := c.limitOf(op)
	budget := budgetKey(op)
	var waited time.Duration
	timedOut := 0 // attempts that ran into request_timeout
	why := "its window is full"
	for attempt := 1; ; attempt++ {
		warned := false
		w, err := st.limiter.WaitNotify(ctx, budget, limit.window(), func(d time.Duration) {
			if !warned && d >= WaitNotice {
				warnWait(ctx, op, limit, d, why)
				warned = true
			}
		})
		waited += w
		addWait(ctx, Wait{Op: op, Limit: limit, Waited: w})
		if err != nil {
			e := endedError(op, ctx, attempt-1)
			e.Limit, e.LimitWait = &limit, waited
			e.TimedOut, e.RequestTimeout = timedOut, c.settings.RequestTimeout
			return zero, e
		}
		if w >= time.Second {
			tflog.Debug(ctx, "waited for the API's rate limit", map[string]any{
				"rate_limit": limit.String(), "waited_ms": w.Milliseconds(), "attempt": attempt,
			})
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
			e := endedError(op, ctx, attempt)
			e.TimedOut, e.RequestTimeout = timedOut, c.settings.RequestTimeout
			return zero, e
		}
		// The attempt's own deadline, not the read's: the endpoint took request_timeout
		// without answering, whatever words the SDK wrapped that in.
		if errors.Is(attemptCtx.Err(), context.DeadlineExceeded) {
			timedOut++
		}
		apiErr, retry := classify(err)
		apiErr.Cloud, apiErr.Service, apiErr.Action, apiErr.Region = op.Cloud, op.Service, op.Action, op.Region
		apiErr.Attempts = attempt
		apiErr.TimedOut, apiErr.RequestTimeout = timedOut, c.settings.RequestTimeout
		if apiErr.throttled() {
			apiErr.Limit = &limit
		}
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
		if apiErr.throttled() {
			st.limiter.Throttled(ctx, budget, limit.window())
			// The limiter now holds the next attempt for the API's window; a Retry-After the
			// cloud sent may ask for longer.
			delay = apiErr.RetryAfter
			why = "the cloud throttled the last attempt, which marks the window full"
			addWait(ctx, Wait{Op: op, Limit: limit, Waited: max(delay, 0), Throttled: 1})
			warnWait(ctx, op, limit, delay, "the cloud asked for this wait (Retry-After)")
			fields["retry_in_ms"] = max(delay, st.limiter.Next(budget, limit.window())).Milliseconds()
		} else {
			fields["retry_in_ms"] = delay.Milliseconds()
		}
		fields["retry"] = true
		fields["retry_reason"] = retryReason(apiErr)
		tflog.Debug(ctx, "cloud API call failed transiently, retrying", fields)
		if delay <= 0 {
			continue
		}
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			e := endedError(op, ctx, attempt)
			e.Limit, e.LimitWait = apiErr.Limit, waited
			e.TimedOut, e.RequestTimeout = timedOut, c.settings.RequestTimeout
			return zero, e
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
