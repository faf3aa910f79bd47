package conns

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns/shared"
)

// testClient is a Client whose shared state lives in the test's own directory and whose
// rate-limit waits pass on a manual clock at once.
func testClient(t *testing.T, s Settings) *Client {
	t.Helper()
	s.CacheDir = t.TempDir()
	c := New(s)
	c.clock = shared.NewManualClock()
	return c
}

// The limit of a call: rate_limits' figure for the action, else its service's, else the
// default; regions share one budget, accounts and actions do not.
func TestLimitOf(t *testing.T) {
	documented := Limit{N: 5, Window: time.Minute, Source: "doc"}
	op := Operation{Cloud: "Huawei Cloud", Service: "HSS", Action: "ShowResourceQuotas", Limit: documented, Account: "ak:A"}
	for _, tc := range []struct {
		name      string
		overrides map[string]shared.Window
		op        Operation
		want      Limit
	}{
		{"documented", nil, op, documented},
		{"rate_limits", map[string]shared.Window{"ShowResourceQuotas": {N: 20, Per: time.Minute}}, op, Limit{N: 20, Window: time.Minute, Source: "rate_limits.ShowResourceQuotas or CLOUDQUOTA_RATE_LIMITS"}},
		{"another action's override", map[string]shared.Window{"GetAuthSummary": {N: 1, Per: time.Second}}, op, documented},
		{"star", map[string]shared.Window{"*": {N: 1000, Per: time.Second}}, op, Limit{N: 1000, Window: time.Second, Source: `rate_limits "*" or CLOUDQUOTA_RATE_LIMITS, for every action`}},
		{"star for an undeclared action", map[string]shared.Window{"*": {N: 1000, Per: time.Second}}, Operation{Action: "KeystoneListProjects"}, Limit{N: 1000, Window: time.Second, Source: `rate_limits "*" or CLOUDQUOTA_RATE_LIMITS, for every action`}},
		{"named action wins over star", map[string]shared.Window{"*": {N: 1000, Per: time.Second}, "ShowResourceQuotas": {N: 2, Per: time.Minute}}, op, Limit{N: 2, Window: time.Minute, Source: "rate_limits.ShowResourceQuotas or CLOUDQUOTA_RATE_LIMITS"}},
		{"undeclared", nil, Operation{Action: "KeystoneListProjects"}, DefaultLimit},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := testClient(t, Settings{RateLimits: tc.overrides})
			if got := c.limitOf(tc.op); got != tc.want {
				t.Errorf("limitOf = %+v, want %+v", got, tc.want)
			}
		})
	}
	other := op
	other.Region = "ap-southeast-1"
	if budgetKey(other) != budgetKey(op) {
		t.Error("regions at one endpoint must share an API's budget: the clouds count per account and endpoint")
	}
	for _, change := range []func(*Operation){
		func(o *Operation) { o.Account = "ak:B" }, func(o *Operation) { o.Action = "ShowImagePayPerScanStatistics" },
		func(o *Operation) { o.Endpoint = "http://127.0.0.1:40001" }, // a second emulator
	} {
		o := op
		change(&o)
		if budgetKey(o) == budgetKey(op) {
			t.Errorf("%+v shares a budget with %+v", o, op)
		}
	}
	if k := budgetKey(Operation{Account: "ak:SECRETISH", Endpoint: "http://127.0.0.1:40001"}); strings.Contains(k, "SECRETISH") || strings.Contains(k, "127.0.0.1") {
		t.Errorf("budget key %q shows the account or endpoint; it must be a hash", k)
	}
	if got := (Limits{}).For("Anything"); got != DefaultLimit {
		t.Errorf("undeclared action: %+v, want DefaultLimit", got)
	}
	if s := (Limit{N: 5, Window: time.Minute}).String(); s != "5/1m" {
		t.Errorf("String = %q", s)
	}
}

// Retry keeps every call of a budget inside its limit, and a throttled answer holds the next
// attempt for a whole window instead of a few seconds of backoff.
func TestRetryRateLimits(t *testing.T) {
	limit := Limit{N: 5, Window: time.Minute}
	op := Operation{Cloud: "Huawei Cloud", Service: "HSS", Action: "ShowResourceQuotas", Limit: limit, Account: "ak:A"}
	throttled := &APIError{HTTPStatus: 429, Code: "APIGW.0308"}
	classify := func(err error) (*APIError, bool) {
		var e *APIError
		if errors.As(err, &e) {
			return &APIError{HTTPStatus: e.HTTPStatus, Code: e.Code}, true
		}
		return &APIError{Err: err}, false
	}
	t.Run("never over the limit", func(t *testing.T) {
		c := testClient(t, Settings{})
		clock := c.clock.(*shared.ManualClock)
		var calls []time.Time
		for range 12 {
			if _, err := Retry(context.Background(), c, op, classify, func(context.Context) (int, error) {
				calls = append(calls, clock.Now())
				return 1, nil
			}); err != nil {
				t.Fatal(err)
			}
		}
		for i := range calls {
			n := 0
			for j := i; j < len(calls) && calls[j].Sub(calls[i]) < limit.Window; j++ {
				n++
			}
			if n > limit.N {
				t.Fatalf("%d calls within %s from call %d, want at most %d", n, limit.Window, i, limit.N)
			}
		}
	})
	t.Run("a throttle waits a window", func(t *testing.T) {
		c := testClient(t, Settings{MaxRetries: 3})
		clock := c.clock.(*shared.ManualClock)
		var calls []time.Time
		out, err := Retry(context.Background(), c, op, classify, func(context.Context) (string, error) {
			calls = append(calls, clock.Now())
			if len(calls) == 1 {
				return "", throttled
			}
			return "ok", nil
		})
		if err != nil || out != "ok" || len(calls) != 2 {
			t.Fatalf("out %q, err %v, %d calls; want ok after 2", out, err, len(calls))
		}
		if d := calls[1].Sub(calls[0]); d < limit.Window {
			t.Errorf("the retry after a throttle went after %s, want at least the window (%s)", d, limit.Window)
		}
	})
	t.Run("a read that runs out of time waiting says so", func(t *testing.T) {
		c := testClient(t, Settings{})
		c.clock = shared.RealClock
		slow := op
		slow.Limit = Limit{N: 1, Window: time.Hour, Source: "test"}
		if _, err := Retry(context.Background(), c, slow, classify, func(context.Context) (int, error) { return 1, nil }); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		_, err := Retry(ctx, c, slow, classify, func(context.Context) (int, error) { return 1, nil })
		var apiErr *APIError
		if !errors.As(err, &apiErr) || apiErr.Limit == nil || apiErr.LimitWait <= 0 || !errors.Is(err, errReadTimeout) {
			t.Fatalf("err = %#v, want a read timeout naming the limit and the wait", err)
		}
	})
}
