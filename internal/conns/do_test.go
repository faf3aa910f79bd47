package conns

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

var testOp = Operation{
	Cloud: "Huawei Cloud", Service: "HSS", Action: "ShowResourceQuotas", Region: "cn-north-4",
	Scope: "project-1", Args: `{"version":"hss.version.premium"}`,
}

// Twenty identical reads, concurrent and then again one by one, make one API call.
func TestDoCoalescesIdenticalReads(t *testing.T) {
	c := testClient(t, Settings{MaxRetries: 1})
	var calls atomic.Int32
	release := make(chan struct{})
	fn := func(ctx context.Context) (string, error) {
		calls.Add(1)
		<-release
		return "answer", ctx.Err()
	}
	var wg sync.WaitGroup
	results := make(chan string, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := Do(context.Background(), c, testOp, testClassify, fn)
			if err != nil {
				t.Error(err)
			}
			results <- out
		}()
	}
	time.Sleep(20 * time.Millisecond) // let the reads join the flight; late ones find the answer kept
	close(release)
	wg.Wait()
	close(results)
	for out := range results {
		if out != "answer" {
			t.Errorf("a read got %q", out)
		}
	}
	for range 5 {
		if _, err := Do(context.Background(), c, testOp, testClassify, fn); err != nil {
			t.Fatal(err)
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("API calls = %d for 25 identical reads, want 1", n)
	}
}

// Reads that differ in anything that can change the answer are separate calls.
func TestDoSeparatesDistinctReads(t *testing.T) {
	cases := []struct {
		name   string
		change func(*Operation)
	}{
		{"cloud", func(o *Operation) { o.Cloud = "Tencent Cloud" }},
		{"service", func(o *Operation) { o.Service = "MetaStudio" }},
		{"action", func(o *Operation) { o.Action = "ShowImagePayPerScanStatistics" }},
		{"region", func(o *Operation) { o.Region = "cn-south-1" }},
		{"project", func(o *Operation) { o.Scope = "project-2" }},
		{"arguments", func(o *Operation) { o.Args = `{"version":"hss.version.basic"}` }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := testClient(t, Settings{})
			calls := 0
			fn := func(context.Context) (int, error) { calls++; return calls, nil }
			other := testOp
			tc.change(&other)
			a, _ := Do(context.Background(), c, testOp, testClassify, fn)
			b, _ := Do(context.Background(), c, other, testClassify, fn)
			if calls != 2 || a == b {
				t.Errorf("calls = %d, answers %d and %d: reads differing in %s must not share", calls, a, b, tc.name)
			}
		})
	}
}

// A failure is not kept: the next identical read asks the cloud again.
func TestDoKeepsNoFailure(t *testing.T) {
	c := testClient(t, Settings{})
	calls := 0
	fn := func(context.Context) (string, error) {
		calls++
		if calls == 1 {
			return "", &APIError{HTTPStatus: 403, Code: "HSS.0003"}
		}
		return "ok", nil
	}
	if _, err := Do(context.Background(), c, testOp, testClassify, fn); err == nil {
		t.Fatal("first read: want the 403")
	}
	if out, err := Do(context.Background(), c, testOp, testClassify, fn); err != nil || out != "ok" {
		t.Fatalf("second read = %q, %v; want a fresh call's answer", out, err)
	}
}

// When the read that started a shared call is cancelled, a read that joined it and still
// has time makes the call itself instead of failing with the other read's cancellation.
func TestDoJoinedReadOutlivesTheFirst(t *testing.T) {
	c := testClient(t, Settings{})
	var calls atomic.Int32
	started := make(chan struct{})
	fn := func(ctx context.Context) (string, error) {
		if calls.Add(1) == 1 {
			close(started)
			<-ctx.Done() // the first read's call runs until its read is cancelled
			return "", ctx.Err()
		}
		return "second", nil
	}
	first, cancel := context.WithCancel(context.Background())
	firstErr := make(chan error, 1)
	go func() {
		_, err := Do(first, c, testOp, testClassify, fn)
		firstErr <- err
	}()
	<-started
	joined := make(chan string, 1)
	go func() {
		out, err := Do(context.Background(), c, testOp, testClassify, fn)
		if err != nil {
			t.Error(err)
		}
		joined <- out
	}()
	time.Sleep(20 * time.Millisecond) // let the second read join the flight
	cancel()
	if err := <-firstErr; !errors.Is(err, context.Canceled) {
		t.Errorf("first read: err = %v, want context.Canceled", err)
	}
	if out := <-joined; out != "second" {
		t.Errorf("joined read = %q, want its own call's answer", out)
	}
}

// request_timeout bounds each attempt; an attempt that runs out is retried.
func TestCallAttemptTimeoutIsRetried(t *testing.T) {
	c := testClient(t, Settings{MaxRetries: 2, RequestTimeout: 20 * time.Millisecond})
	attempts := 0
	out, err := Retry(context.Background(), c, testOp, testClassify, func(ctx context.Context) (string, error) {
		attempts++
		if attempts == 1 {
			return WithContext(ctx, func() (string, error) { time.Sleep(time.Second); return "late", nil })
		}
		return "ok", nil
	})
	if err != nil || out != "ok" || attempts != 2 {
		t.Errorf("out %q, err %v, attempts %d; want the second attempt's answer", out, err, attempts)
	}
}

// The read's own deadline (timeouts.read) ends the read at once, with a diagnostic that
// says so rather than a retry.
func TestCallReadDeadline(t *testing.T) {
	c := testClient(t, Settings{MaxRetries: 10, RequestTimeout: time.Minute})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	attempts := 0
	_, err := Retry(ctx, c, testOp, testClassify, func(ctx context.Context) (string, error) {
		attempts++
		<-ctx.Done()
		return "", ctx.Err()
	})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || attempts != 1 || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v after %d attempts; want the read's deadline after 1", err, attempts)
	}
	if d := apiErr.detail(); !strings.Contains(d, "timeouts block") {
		t.Errorf("diagnostic does not point at the timeouts block:\n%s", d)
	}
}

// Nothing secret reaches a log line written with the call's context: configured secrets
// anywhere, secret-named fields, and Authorization signatures.
func TestLogContextMasksSecrets(t *testing.T) {
	c := testClient(t, Settings{})
	c.Attach("huawei", nil, "hw-secret-value", "hw-token-value")
	c.Attach("tencent", nil, "tc-secret-value", "tc-token-value")
	c.Attach("alibaba", nil, "ali-secret-value", "ali-token-value", "")
	var buf bytes.Buffer
	ctx := c.logContext(tflogtest.RootLogger(context.Background(), &buf), testOp)
	tflog.Debug(ctx, "request with hw-secret-value and tc-token-value", map[string]any{
		"authorization":  "SDK-HMAC-SHA256 Access=HWAK, SignedHeaders=host, Signature=0123abcd",
		"header":         "TC3-HMAC-SHA256 Credential=AKIDX/2026-11-23/tcss/tc3_request, Signature=fedc",
		"security_token": "whatever-it-is",
		"body":           "key ali-secret-value and ali-token-value",
	})
	out := buf.String()
	for _, secret := range []string{
		"hw-secret-value", "hw-token-value", "tc-secret-value", "tc-token-value", "ali-secret-value",
		"ali-token-value", "0123abcd", "fedc", "whatever-it-is",
	} {
		if strings.Contains(out, secret) {
			t.Errorf("log line contains %q:\n%s", secret, out)
		}
	}
	if !strings.Contains(out, `"action":"ShowResourceQuotas"`) {
		t.Errorf("log line lacks the operation's fields:\n%s", out)
	}
}
