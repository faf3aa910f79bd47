package clients

import (
	"context"
	"errors"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	hss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
)

func TestCallRetryPolicy(t *testing.T) {
	throttled := &sdkerr.ServiceResponseError{StatusCode: 429, ErrorCode: "APIGW.0308"}
	denied := &sdkerr.ServiceResponseError{StatusCode: 403, ErrorCode: "HSS.0003"}
	cases := []struct {
		name       string
		maxRetries int
		failures   []error // returned by successive attempts, then success
		wantCalls  int
		wantErr    bool
	}{
		{"success first time", 3, nil, 1, false},
		{"transient then success", 3, []error{throttled, throttled}, 3, false},
		{"transient beyond max_retries", 1, []error{throttled, throttled, throttled}, 2, true},
		{"max_retries 0 means one attempt", 0, []error{throttled}, 1, true},
		{"caller's error is never retried", 3, []error{denied}, 1, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			op := Operation{Cloud: HuaweiCloud, Service: ServiceHSS, Action: "ShowResourceQuotas", Region: "cn-north-4"}
			c := New(Config{MaxRetries: tc.maxRetries})
			out, err := call(context.Background(), c, op, classifyHuawei, func(context.Context) (string, error) {
				calls++
				if calls <= len(tc.failures) {
					return "", tc.failures[calls-1]
				}
				return "ok", nil
			})
			if calls != tc.wantCalls {
				t.Errorf("calls = %d, want %d", calls, tc.wantCalls)
			}
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			if err == nil {
				if out != "ok" {
					t.Errorf("out = %q", out)
				}
				return
			}
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.Attempts != calls || apiErr.Action != op.Action || apiErr.Region != op.Region {
				t.Errorf("error %#v does not name the operation and %d attempts", err, calls)
			}
		})
	}
}

// A cancelled context stops retrying at once.
func TestCallStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := call(ctx, New(Config{MaxRetries: 10}), Operation{}, classifyHuawei, func(context.Context) (int, error) {
		calls++
		cancel()
		return 0, &sdkerr.ServiceResponseError{StatusCode: 503}
	})
	if calls != 1 || !errors.Is(err, context.Canceled) {
		t.Errorf("calls = %d, err = %v; want 1 call and context.Canceled", calls, err)
	}
}

func TestUnconfiguredClientIsADiagnosticNotAPanic(t *testing.T) {
	var c *Client
	_, _, err := CallHSS(context.Background(), c, "", "ShowResourceQuotas", 0, func(*hss.HssClient, int) (int, error) { return 0, nil })
	var cfgErr *ConfigError
	if !errors.As(err, &cfgErr) {
		t.Fatalf("err = %v, want a ConfigError", err)
	}
	if c.Config().Huawei.EnterpriseProjectID != "" {
		t.Error("a nil client's config must be zero")
	}
}
