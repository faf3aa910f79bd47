package conns

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// A read that waits WaitNotice or more for its rate limit (on the manual clock, at once) ends
// with one warning per action saying why and what to set, whichever way it reached Retry; a
// shorter wait says nothing.
func TestWaitWarnings(t *testing.T) {
	ok := func(context.Context) (string, error) { return "ok", nil }
	throttledOnce := func() func(context.Context) (string, error) {
		n := 0
		return func(context.Context) (string, error) {
			if n++; n == 1 {
				return "", &APIError{HTTPStatus: 429, Code: "APIGW.0308"}
			}
			return "ok", nil
		}
	}
	viaRetry := func(ctx context.Context, c *Client, op Operation, fn func(context.Context) (string, error)) error {
		_, err := Retry(ctx, c, op, testClassify, fn)
		return err
	}
	viaDo := func(ctx context.Context, c *Client, op Operation, fn func(context.Context) (string, error)) error {
		_, err := Do(ctx, c, op, testClassify, fn)
		return err
	}
	for _, tc := range []struct {
		name   string
		limit  Limit
		call   func(context.Context, *Client, Operation, func(context.Context) (string, error)) error
		second func() func(context.Context) (string, error)
		want   []string // in the one warning; nil = no warning
	}{
		{"a minute's window, through Retry", Limit{N: 1, Window: time.Minute, Source: "HSS doc"}, viaRetry,
			func() func(context.Context) (string, error) { return ok },
			[]string{"Huawei Cloud HSS ShowResourceQuotas waited 1m", "1 per 1m per account and endpoint (HSS doc)",
				"every cloudquota provider process", "cache_ttl", "rate_limits = { ShowResourceQuotas",
				`CLOUDQUOTA_RATE_LIMITS="*=1000/1s"`}},
		{"a minute's window, through Do", Limit{N: 1, Window: time.Minute, Source: "HSS doc"}, viaDo,
			func() func(context.Context) (string, error) { return ok },
			[]string{"waited 1m", "(HSS doc)"}},
		{"a throttle fills the window", Limit{N: 5, Window: 10 * time.Second, Source: "doc"}, viaRetry, throttledOnce,
			[]string{"waited 11s", "refused 1 attempt(s)", "5 per 10s"}},
		{"a short window says nothing", Limit{N: 1, Window: time.Second, Source: "doc"}, viaRetry,
			func() func(context.Context) (string, error) { return ok }, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := testClient(t, Settings{MaxRetries: 2})
			op := testOp
			op.Limit = tc.limit
			// The first read spends the budget; the second (other arguments) waits for it.
			if err := tc.call(context.Background(), c, op, ok); err != nil {
				t.Fatal(err)
			}
			op.Args = `{"other":true}`
			var logs bytes.Buffer
			ctx, col := withWaits(tflogtest.RootLogger(context.Background(), &logs))
			if err := tc.call(ctx, c, op, tc.second()); err != nil {
				t.Fatal(err)
			}
			diags := col.warnings()
			if tc.want == nil {
				if len(diags) != 0 || strings.Contains(logs.String(), `"@level":"warn"`) {
					t.Fatalf("warned of a short wait: %v\n%s", diags, logs.String())
				}
				return
			}
			if len(diags) != 1 || diags.HasError() {
				t.Fatalf("diagnostics = %v, want one warning", diags)
			}
			text := diags[0].Summary() + "\n" + diags[0].Detail()
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("warning lacks %q:\n%s", w, text)
				}
			}
			if !strings.Contains(logs.String(), `"@level":"warn"`) || !strings.Contains(logs.String(), "rate limit") {
				t.Errorf("no WARN log line when the wait started:\n%s", logs.String())
			}
		})
	}
}

// An endpoint that accepts and never answers: every attempt runs into request_timeout, and
// the diagnostic says so with the number of attempts, not a bare "context deadline exceeded".
func TestRequestTimeoutNamed(t *testing.T) {
	c := testClient(t, Settings{MaxRetries: 2, RequestTimeout: 10 * time.Millisecond})
	_, err := Retry(context.Background(), c, testOp, testClassify, func(ctx context.Context) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	})
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	d := apiErr.detail()
	for _, want := range []string{
		"Each attempt ran into request_timeout (10ms)", "3 attempt(s) in all", "Attempts:    3",
		"no answer within request_timeout (10ms) on any of 3 attempt(s)",
	} {
		if !strings.Contains(d, want) {
			t.Errorf("diagnostic lacks %q:\n%s", want, d)
		}
	}
}
