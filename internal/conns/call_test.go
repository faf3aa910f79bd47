package conns

import (
	"context"
	"errors"
	"testing"
)

func TestCallRetryPolicy(t *testing.T) {
	throttled := &APIError{HTTPStatus: 429, Code: "APIGW.0308"}
	denied := &APIError{HTTPStatus: 403, Code: "HSS.0003"}
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
			op := Operation{Cloud: "Huawei Cloud", Service: "HSS", Action: "ShowResourceQuotas", Region: "cn-north-4"}
			c := testClient(t, Settings{MaxRetries: tc.maxRetries})
			out, err := Retry(context.Background(), c, op, testClassify, func(context.Context) (string, error) {
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
	_, err := Retry(ctx, testClient(t, Settings{MaxRetries: 10}), Operation{}, testClassify, func(context.Context) (int, error) {
		calls++
		cancel()
		return 0, &APIError{HTTPStatus: 503}
	})
	if calls != 1 || !errors.Is(err, context.Canceled) {
		t.Errorf("calls = %d, err = %v; want 1 call and context.Canceled", calls, err)
	}
}

// testClassify stands in for a cloud's classifier: an APIError as the cloud's, transient on
// throttling and server faults.
func testClassify(err error) (*APIError, bool) {
	var e *APIError
	if errors.As(err, &e) {
		cp := *e
		return &cp, e.HTTPStatus == 429 || e.HTTPStatus >= 500
	}
	return &APIError{Err: err}, IsTransient(err)
}
