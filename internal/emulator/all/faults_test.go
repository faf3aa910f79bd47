package all

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	hss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	hssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// vendorErr is what a client observed as the cloud's own error. status is
// -1 where the SDK does not report the HTTP status (Tencent).
type vendorErr struct {
	status        int
	code, message string
}

// faultTarget is one cloud under fault injection: an emulator, an SDK
// client's call of one action, and how that SDK reports vendor errors.
type faultTarget struct {
	cloud, action string
	emu           *Server
	call          func() error
	vendor        func(error) (vendorErr, bool)
	decodeErr     func(error) bool // the SDK's error for a 200 body that is not JSON
	throttle      vendorErr        // the record's status and the code the client sees
	server        vendorErr
	custom        emulator.Fault // a emulator.FaultError in this cloud's manner
	// dropsPerCall is how many drops one call meets: Go's transport retries
	// an idempotent GET (Huawei) once on a reused connection.
	dropsPerCall int

	hss *hss.HssClient // Huawei only, for calls with parameters
}

var hwFaultCred = emulator.Credential{AccessKey: "HWFAULTTESTAK0001", SecretKey: "hw-fault-test-sk"}

// huaweiTarget calls HSS ShowResourceQuotas with an explicit project ID, so
// no IAM lookup mixes into the record.
func huaweiTarget(t *testing.T, opts Options) faultTarget {
	t.Helper()
	opts.Huawei.Credentials = []emulator.Credential{hwFaultCred}
	opts.NoLimits = true
	emu := New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	cred, err := basic.NewCredentialsBuilder().WithAk(hwFaultCred.AccessKey).WithSk(hwFaultCred.SecretKey).
		WithProjectId(emu.Huawei.ProjectID("cn-north-4")).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := hss.HssClientBuilder().WithRegion(region.NewRegion("cn-north-4", srv.URL)).WithCredential(cred).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	client := hss.NewHssClient(hc)
	return faultTarget{
		cloud: "huaweicloud", action: "ShowResourceQuotas", emu: emu,
		call: func() error {
			_, err := client.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
			return err
		},
		vendor: func(err error) (vendorErr, bool) {
			// The SDK also reports a success body it cannot decode as a
			// ServiceResponseError, without an error code.
			var se *sdkerr.ServiceResponseError
			if !errors.As(err, &se) || se.ErrorCode == "" {
				return vendorErr{}, false
			}
			return vendorErr{se.StatusCode, se.ErrorCode, se.ErrorMessage}, true
		},
		decodeErr: func(err error) bool {
			var se *sdkerr.ServiceResponseError
			return errors.As(err, &se) && se.StatusCode == 200 && se.ErrorCode == "" && strings.Contains(se.ErrorMessage, "found \x00")
		},
		throttle:     vendorErr{429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit"},
		server:       vendorErr{500, "APIGW.9999", "System error. Please try again later."},
		custom:       emulator.Fault{Kind: emulator.FaultError, Status: 403, Code: "HSS.1002", Message: "no permission"},
		dropsPerCall: 2,
		hss:          client,
	}
}

// tencentTarget calls TCSS DescribeImageAuthorizedInfo (POST) with the SDK's
// own rate-limit retry off.
func tencentTarget(t *testing.T, opts Options) faultTarget {
	t.Helper()
	f := newTCFixture(t, opts)
	c := f.defaultClient(t)
	return faultTarget{
		cloud: "tencentcloud", action: "DescribeImageAuthorizedInfo", emu: f.emu,
		call: func() error { return tcDescribe(c) },
		vendor: func(err error) (vendorErr, bool) {
			var se *tcerr.TencentCloudSDKError
			if !errors.As(err, &se) || strings.HasPrefix(se.Code, "ClientError.") {
				return vendorErr{}, false
			}
			return vendorErr{-1, se.Code, se.Message}, true
		},
		decodeErr: func(err error) bool {
			var se *tcerr.TencentCloudSDKError
			return errors.As(err, &se) && se.Code == "ClientError.ParseJsonError"
		},
		throttle:     vendorErr{200, "RequestLimitExceeded", "Your current request times exceeds the frequency limit."},
		server:       vendorErr{200, "InternalError", "An internal error has occurred. Retry your request, but if the problem persists, contact us."},
		custom:       emulator.Fault{Kind: emulator.FaultError, Code: "UnauthorizedOperation.CamNoAuth", Message: "no permission"}, // Status 0: HTTP 200
		dropsPerCall: 1,
	}
}

// alibabaTarget calls Sas GetAuthSummary (RPC, POST) with the SDK's default,
// wrapped errors and no retries.
func alibabaTarget(t *testing.T, opts Options) faultTarget {
	t.Helper()
	opts.Alibaba.Credentials = []emulator.Credential{aliTestCred}
	opts.NoLimits = true
	emu := New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c := aliClient(t, srv)
	return faultTarget{
		cloud: "alicloud", action: "GetAuthSummary", emu: emu,
		call: func() error {
			_, err := aliGetAuthSummary(c)
			return err
		},
		vendor: func(err error) (vendorErr, bool) {
			var se *tea.SDKError
			if !errors.As(err, &se) || se.StatusCode == nil {
				return vendorErr{}, false
			}
			return vendorErr{dara.IntValue(se.StatusCode), dara.StringValue(se.Code), dara.StringValue(se.Message)}, true
		},
		decodeErr: func(err error) bool {
			var se *json.SyntaxError
			return errors.As(err, &se)
		},
		throttle:     vendorErr{400, "Throttling.User", "Request was denied due to user flow control."},
		server:       vendorErr{500, "ServerError", "The request processing has failed due to some unknown error, exception or failure."},
		custom:       emulator.Fault{Kind: emulator.FaultError, Status: 403, Code: "NoPermission", Message: "no permission"},
		dropsPerCall: 1,
	}
}

var faultTargets = []func(*testing.T, Options) faultTarget{huaweiTarget, tencentTarget, alibabaTarget}

// wantVendor checks err is the cloud's error want, and the record's status.
func (ft faultTarget) wantVendor(t *testing.T, err error, want vendorErr) {
	t.Helper()
	got, ok := ft.vendor(err)
	if !ok {
		t.Fatalf("error %T %v, want the cloud's %s", err, err, want.code)
	}
	wantStatus := want.status
	if got.status == -1 {
		wantStatus = -1
	}
	// Alibaba's wrapped message carries more than the body's Message.
	if got.status != wantStatus || got.code != want.code || !strings.Contains(got.message, want.message) {
		t.Errorf("client saw %+v, want %+v", got, want)
	}
	if rec := ft.last(t); rec.Status != want.status {
		t.Errorf("record status %d, want %d", rec.Status, want.status)
	}
}

func (ft faultTarget) last(t *testing.T) emulator.Request {
	t.Helper()
	reqs := ft.emu.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request recorded")
	}
	return reqs[len(reqs)-1]
}

// TestFaultKinds injects each kind of fault into each cloud and checks what
// the vendor SDK observes, what the emulator recorded, and that the queue is
// used up: the next call succeeds.
func TestFaultKinds(t *testing.T) {
	const delay = 150 * time.Millisecond
	tests := []struct {
		kind emulator.FaultKind
		// fault to inject, from the target (Count is set by the test)
		fault func(ft faultTarget) emulator.Fault
		// calls: how many requests the fault hits (drops per call differ)
		calls func(ft faultTarget) int
		check func(t *testing.T, ft faultTarget, err error, took time.Duration)
	}{
		{
			kind: emulator.FaultThrottle,
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				ft.wantVendor(t, err, ft.throttle)
			},
		},
		{
			kind: emulator.FaultServer,
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				ft.wantVendor(t, err, ft.server)
			},
		},
		{
			kind:  emulator.FaultError,
			fault: func(ft faultTarget) emulator.Fault { return ft.custom },
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				want := vendorErr{ft.custom.Status, ft.custom.Code, ft.custom.Message}
				if want.status == 0 {
					want.status = 200 // Tencent's status for errors
				}
				ft.wantVendor(t, err, want)
			},
		},
		{
			kind:  emulator.FaultDrop,
			calls: func(ft faultTarget) int { return ft.dropsPerCall },
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				if err == nil || !strings.Contains(err.Error(), "EOF") {
					t.Errorf("error %v, want the transport's EOF", err)
				}
				if _, ok := ft.vendor(err); ok {
					t.Errorf("a dropped connection reads as a vendor error: %v", err)
				}
				if rec := ft.last(t); rec.Status != 0 || rec.Action != ft.action {
					t.Errorf("record %+v, want status 0", rec)
				}
			},
		},
		{
			kind: emulator.FaultMalformed,
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				if !ft.decodeErr(err) {
					t.Errorf("error %T %v, want the SDK's JSON decoding error", err, err)
				}
				if _, ok := ft.vendor(err); ok {
					t.Errorf("a malformed body reads as a vendor error: %v", err)
				}
				if rec := ft.last(t); rec.Status != 200 {
					t.Errorf("record %+v, want status 200", rec)
				}
			},
		},
		{
			kind: emulator.FaultTruncated,
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				if err == nil || !strings.Contains(err.Error(), "unexpected EOF") {
					t.Errorf("error %v, want unexpected EOF", err)
				}
				if rec := ft.last(t); rec.Status != 200 {
					t.Errorf("record %+v, want status 200", rec)
				}
			},
		},
		{
			kind:  emulator.FaultLatency,
			fault: func(faultTarget) emulator.Fault { return emulator.Fault{Kind: emulator.FaultLatency, Delay: delay} },
			check: func(t *testing.T, ft faultTarget, err error, took time.Duration) {
				if err != nil {
					t.Errorf("delayed call failed: %v", err)
				}
				if took < delay {
					t.Errorf("answered after %s, want >= %s", took, delay)
				}
			},
		},
	}
	for _, newTarget := range faultTargets {
		ft := newTarget(t, Options{})
		t.Run(ft.cloud, func(t *testing.T) {
			for _, tt := range tests {
				t.Run(string(tt.kind), func(t *testing.T) {
					// A good call first, which also leaves a keep-alive connection to reuse.
					if err := ft.call(); err != nil {
						t.Fatalf("before the fault: %v", err)
					}
					f := emulator.Fault{Kind: tt.kind}
					if tt.fault != nil {
						f = tt.fault(ft)
					}
					hits := 1
					if tt.calls != nil {
						hits = tt.calls(ft)
					}
					f.Count = hits
					ft.emu.Inject(ft.action, f)
					before := ft.emu.Count(ft.action)

					start := time.Now()
					err := ft.call()
					tt.check(t, ft, err, time.Since(start))
					if n := ft.emu.Count(ft.action) - before; n != hits {
						t.Errorf("the faulty call made %d requests, want %d", n, hits)
					}

					if err := ft.call(); err != nil {
						t.Errorf("after the fault: %v", err)
					}
					if rec := ft.last(t); rec.Status != 200 {
						t.Errorf("after the fault, record %+v", rec)
					}
				})
			}
		})
	}
}

// TestFaultQueue checks faults are consumed in order, Count each, per action,
// and that InjectFault replaces the queue and ClearFaults empties it.
func TestFaultQueue(t *testing.T) {
	ft := alibabaTarget(t, Options{})
	ft.emu.Inject(ft.action,
		emulator.Fault{Kind: emulator.FaultThrottle, Count: 2},
		emulator.Fault{Kind: emulator.FaultServer}, // Count 0 means 1
		emulator.Fault{Kind: emulator.FaultError, Count: -3, Status: 403, Code: "Forbidden.RAM", Message: "denied"},
	)
	ft.emu.Inject("SomeOtherAction", emulator.Fault{Kind: emulator.FaultServer, Count: 5})
	for i, want := range []vendorErr{ft.throttle, ft.throttle, ft.server, {403, "Forbidden.RAM", "denied"}} {
		err := ft.call()
		t.Run(strconv.Itoa(i), func(t *testing.T) { ft.wantVendor(t, err, want) })
	}
	if err := ft.call(); err != nil {
		t.Errorf("queue outlived its faults: %v", err)
	}

	// InjectFault replaces what is queued for the action.
	ft.emu.Inject(ft.action, emulator.Fault{Kind: emulator.FaultDrop, Count: 3})
	ft.emu.InjectFault(ft.action, 1, 409, "Conflict", "replaced")
	ft.wantVendor(t, ft.call(), vendorErr{409, "Conflict", "replaced"})
	if err := ft.call(); err != nil {
		t.Errorf("InjectFault did not replace the queue: %v", err)
	}

	ft.emu.Inject(ft.action, emulator.Fault{Kind: emulator.FaultServer, Count: 3})
	ft.emu.ClearFaults(ft.action)
	if err := ft.call(); err != nil {
		t.Errorf("ClearFaults(action) left a fault: %v", err)
	}
	ft.emu.Inject(ft.action, emulator.Fault{Kind: emulator.FaultServer, Count: 3})
	ft.emu.ClearFaults("")
	if err := ft.call(); err != nil {
		t.Errorf("ClearFaults(\"\") left a fault: %v", err)
	}
	if left := ft.emu.PendingFaults(""); left != 0 {
		t.Errorf("%d faults still pending", left)
	}

	defer func() {
		if recover() == nil {
			t.Error("Inject accepted an unknown kind")
		}
	}()
	ft.emu.Inject(ft.action, emulator.Fault{Kind: "meltdown"})
}

// TestFaultsAfterAuthentication: a request the API would refuse is refused
// as before, without using up a fault or the rate limit.
func TestFaultsAfterAuthentication(t *testing.T) {
	f := newTCFixture(t, Options{})
	f.emu.SetRateLimit(1)
	f.emu.Inject("DescribeImageAuthorizedInfo", emulator.Fault{Kind: emulator.FaultDrop})
	bad := f.client(t, common.NewCredential(tcCred.AccessKey, "wrong"), nil)
	for range 3 {
		err := tcDescribe(bad)
		tcWantSDKError(t, err, "AuthFailure.SignatureFailure", "")
	}
	err := tcDescribe(f.defaultClient(t))
	if err == nil || !strings.Contains(err.Error(), "EOF") {
		t.Errorf("the fault did not wait for a good request: %v", err)
	}
	if n := f.emu.Throttled(""); n != 0 {
		t.Errorf("Throttled = %d", n)
	}
}

// TestRateLimit fires 20 requests at a limit of 5 a second at each cloud.
func TestRateLimit(t *testing.T) {
	const limit, total = 5, 20
	for _, newTarget := range faultTargets {
		ft := newTarget(t, Options{RateLimit: limit})
		t.Run(ft.cloud, func(t *testing.T) {
			start := time.Now()
			served, refused := 0, 0
			for range total {
				err := ft.call()
				if err == nil {
					served++
					continue
				}
				if got, _ := ft.vendor(err); got.code != ft.throttle.code {
					t.Errorf("error %v, want %s", err, ft.throttle.code)
				}
				refused++
			}
			elapsed := time.Since(start)
			// At most limit requests are served within any second.
			if most := limit * (int(elapsed/time.Second) + 1); served > most || served < limit {
				t.Errorf("%d served in %s, want %d..%d", served, elapsed, limit, most)
			}
			if refused == 0 || served+refused != total {
				t.Errorf("served %d, refused %d", served, refused)
			}
			if got := ft.emu.Throttled(ft.action); got != refused {
				t.Errorf("Throttled(action) = %d, want %d", got, refused)
			}
			if got := ft.emu.Throttled(""); got != refused {
				t.Errorf("Throttled(\"\") = %d, want %d", got, refused)
			}
			if got := ft.emu.Throttled("OtherAction"); got != 0 {
				t.Errorf("Throttled(other) = %d", got)
			}
			// PeakRate counts every recorded request, refused ones too.
			if got := ft.emu.PeakRate(ft.action, time.Hour); got != total {
				t.Errorf("PeakRate(hour) = %d, want %d", got, total)
			}
			if elapsed < time.Second {
				if got := ft.emu.PeakRate("", time.Second); got != total {
					t.Errorf("PeakRate(second) = %d, want %d", got, total)
				}
			}

			// Lifting the limit serves at once; Reset clears the count.
			ft.emu.SetRateLimit(0)
			if err := ft.call(); err != nil {
				t.Errorf("without a limit: %v", err)
			}
			ft.emu.Reset()
			if got := ft.emu.Throttled(""); got != 0 {
				t.Errorf("after Reset Throttled = %d", got)
			}
		})
	}
}

// TestRateLimitComesFirst: a request over the limit is throttled without
// using up a queued fault.
func TestRateLimitComesFirst(t *testing.T) {
	ft := huaweiTarget(t, Options{})
	ft.emu.SetRateLimit(0.5) // one request every two seconds
	if err := ft.call(); err != nil {
		t.Fatal(err)
	}
	ft.emu.Inject(ft.action, emulator.Fault{Kind: emulator.FaultServer})
	err := ft.call()
	ft.wantVendor(t, err, vendorErr{429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit,limit:1,time:2 seconds"})
	ft.emu.SetRateLimit(0)
	ft.wantVendor(t, ft.call(), ft.server)
	if n := ft.emu.Throttled(ft.action); n != 1 {
		t.Errorf("Throttled = %d", n)
	}
}

// TestRateLimitConcurrent hammers one action from many goroutines: the limit
// holds and the counts add up (run with -race).
func TestRateLimitConcurrent(t *testing.T) {
	f := newTCFixture(t, Options{})
	f.emu.SetRateLimit(3)
	const n = 12
	var wg sync.WaitGroup
	var mu sync.Mutex
	served := 0
	start := time.Now()
	for range n {
		wg.Go(func() {
			hr := f.signedRequest(t)
			_, body := tcDo(t, hr)
			if body["Error"] == nil {
				mu.Lock()
				served++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if most := 3 * (int(time.Since(start)/time.Second) + 1); served > most || served+f.emu.Throttled("") != n {
		t.Errorf("served %d (at most %d), throttled %d, of %d", served, most, f.emu.Throttled(""), n)
	}
}

// TestLatency: Options.Latency and SetLatency delay every request, refused
// ones included; a client that gives up is not answered.
func TestLatency(t *testing.T) {
	const d = 120 * time.Millisecond
	ft := alibabaTarget(t, Options{Latency: d})
	start := time.Now()
	if err := ft.call(); err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took < d {
		t.Errorf("answered after %s, want >= %s", took, d)
	}

	f := newTCFixture(t, Options{})
	f.emu.SetLatency(d)
	bad := f.client(t, common.NewCredential(tcCred.AccessKey, "wrong"), nil)
	start = time.Now()
	err := tcDescribe(bad)
	tcWantSDKError(t, err, "AuthFailure.SignatureFailure", "")
	if took := time.Since(start); took < d {
		t.Errorf("refusal after %s, want >= %s", took, d)
	}

	// Cancellation: the handler stops waiting when the client goes.
	f.emu.SetLatency(time.Hour)
	f.emu.Reset()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	hr := f.signedRequest(t)
	if resp, err := http.DefaultClient.Do(hr.WithContext(ctx)); err == nil {
		resp.Body.Close()
		t.Fatal("answered despite an hour of latency")
	}
	for deadline := time.Now().Add(30 * time.Second); f.emu.Count("") == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the handler kept sleeping after the client left")
		}
	}
	if rec := f.emu.Requests()[0]; rec.Status != 0 || rec.Action != "" || rec.Time.IsZero() {
		t.Errorf("record %+v", rec)
	}
	f.emu.SetLatency(0)
	if err := tcDescribe(f.defaultClient(t)); err != nil {
		t.Errorf("after SetLatency(0): %v", err)
	}
}

// TestTransportFaultsOnTheWire looks at malformed and truncated answers
// below the SDKs: the framing is right, the JSON is not, or the body stops.
func TestTransportFaultsOnTheWire(t *testing.T) {
	f := newTCFixture(t, Options{})
	request := func() *http.Request {
		return f.signedRequest(t)
	}
	resp, err := http.DefaultClient.Do(request())
	if err != nil {
		t.Fatal(err)
	}
	full, _ := io.ReadAll(resp.Body)
	resp.Body.Close()

	f.emu.Inject("DescribeImageAuthorizedInfo", emulator.Fault{Kind: emulator.FaultMalformed}, emulator.Fault{Kind: emulator.FaultTruncated})
	resp, err = http.DefaultClient.Do(request())
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || resp.ContentLength != int64(len(raw)) || len(raw) == 0 || len(raw) >= len(full) {
		t.Errorf("malformed: status %d, Content-Length %d, %d bytes (full %d), %v", resp.StatusCode, resp.ContentLength, len(raw), len(full), err)
	}
	if n := len(raw) - 1; n < 0 || raw[n] != 0 || !strings.HasPrefix(string(full), string(raw[:n])) || json.Valid(raw) {
		t.Errorf("malformed body %q", raw)
	}

	resp, err = http.DefaultClient.Do(request())
	if err != nil {
		t.Fatal(err)
	}
	raw, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !errors.Is(err, io.ErrUnexpectedEOF) || resp.StatusCode != 200 || resp.ContentLength <= int64(len(raw)) {
		t.Errorf("truncated: status %d, Content-Length %d, read %d bytes, %v", resp.StatusCode, resp.ContentLength, len(raw), err)
	}

	// A fault meant for the success answer leaves an error answer alone.
	fh := huaweiTarget(t, Options{})
	fh.emu.Inject(fh.action, emulator.Fault{Kind: emulator.FaultMalformed})
	_, err = fh.hss.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{Version: ptr("hss.version.gold")})
	fh.wantVendor(t, err, vendorErr{400, "HSS.1001", "Invalid parameter: version"})
}
