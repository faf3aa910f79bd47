package emulator

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
	custom        Fault // a FaultError in this cloud's manner
	// dropsPerCall is how many drops one call meets: Go's transport retries
	// an idempotent GET (Huawei) once on a reused connection.
	dropsPerCall int

	hss *hss.HssClient // Huawei only, for calls with parameters
}

var hwFaultCred = Credential{AccessKey: "HWFAULTTESTAK0001", SecretKey: "hw-fault-test-sk"}

// huaweiTarget calls HSS ShowResourceQuotas with an explicit project ID, so
// no IAM lookup mixes into the record.
func huaweiTarget(t *testing.T, opts Options) faultTarget {
	t.Helper()
	opts.HuaweiCredentials = []Credential{hwFaultCred}
	emu := New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	cred, err := basic.NewCredentialsBuilder().WithAk(hwFaultCred.AccessKey).WithSk(hwFaultCred.SecretKey).
		WithProjectId(emu.HuaweiProjectID("cn-north-4")).SafeBuild()
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
		custom:       Fault{Kind: FaultError, Status: 403, Code: "HSS.1002", Message: "no permission"},
		dropsPerCall: 2,
		hss:          client,
	}
}

// tencentTarget calls TCSS DescribeImageAuthorizedInfo (POST) with the SDK's
// own rate-limit retry off.
func tencentTarget(t *testing.T, opts Options) faultTarget {
	t.Helper()
	opts.TencentCredentials = []Credential{tcCred}
	f := &tcFixture{emu: New(opts)}
	f.srv = httptest.NewServer(f.emu)
	t.Cleanup(f.srv.Close)
	c := f.client(t, common.NewCredential(tcCred.AccessKey, tcCred.SecretKey), tcRegion, nil)
	return faultTarget{
		cloud: "tencentcloud", action: tcssDescribeImageAuthorizedInfo, emu: f.emu,
		call: func() error {
			_, err := tcDescribe(c)
			return err
		},
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
		custom:       Fault{Kind: FaultError, Code: "UnauthorizedOperation.CamNoAuth", Message: "no permission"}, // Status 0: HTTP 200
		dropsPerCall: 1,
	}
}

// alibabaTarget calls Sas GetAuthSummary (RPC, POST) with the SDK's default,
// wrapped errors and no retries.
func alibabaTarget(t *testing.T, opts Options) faultTarget {
	t.Helper()
	opts.AlibabaCredentials = []Credential{aliTestCred}
	f := &aliFixture{emu: New(opts), scheme: "http"}
	f.srv = httptest.NewServer(f.emu)
	t.Cleanup(f.srv.Close)
	c := f.client(t, nil)
	return faultTarget{
		cloud: "alicloud", action: sasGetAuthSummary, emu: f.emu,
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
		custom:       Fault{Kind: FaultError, Status: 403, Code: "NoPermission", Message: "no permission"},
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

func (ft faultTarget) last(t *testing.T) Request {
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
		kind FaultKind
		// fault to inject, from the target (Count is set by the test)
		fault func(ft faultTarget) Fault
		// calls: how many requests the fault hits (drops per call differ)
		calls func(ft faultTarget) int
		check func(t *testing.T, ft faultTarget, err error, took time.Duration)
	}{
		{
			kind: FaultThrottle,
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				ft.wantVendor(t, err, ft.throttle)
			},
		},
		{
			kind: FaultServer,
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				ft.wantVendor(t, err, ft.server)
			},
		},
		{
			kind:  FaultError,
			fault: func(ft faultTarget) Fault { return ft.custom },
			check: func(t *testing.T, ft faultTarget, err error, _ time.Duration) {
				want := vendorErr{ft.custom.Status, ft.custom.Code, ft.custom.Message}
				if want.status == 0 {
					want.status = 200 // Tencent's status for errors
				}
				ft.wantVendor(t, err, want)
			},
		},
		{
			kind:  FaultDrop,
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
			kind: FaultMalformed,
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
			kind: FaultTruncated,
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
			kind:  FaultLatency,
			fault: func(faultTarget) Fault { return Fault{Kind: FaultLatency, Delay: delay} },
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
					f := Fault{Kind: tt.kind}
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
		Fault{Kind: FaultThrottle, Count: 2},
		Fault{Kind: FaultServer}, // Count 0 means 1
		Fault{Kind: FaultError, Count: -3, Status: 403, Code: "Forbidden.RAM", Message: "denied"},
	)
	ft.emu.Inject("SomeOtherAction", Fault{Kind: FaultServer, Count: 5})
	for i, want := range []vendorErr{ft.throttle, ft.throttle, ft.server, {403, "Forbidden.RAM", "denied"}} {
		err := ft.call()
		t.Run(strconv.Itoa(i), func(t *testing.T) { ft.wantVendor(t, err, want) })
	}
	if err := ft.call(); err != nil {
		t.Errorf("queue outlived its faults: %v", err)
	}

	// InjectFault replaces what is queued for the action.
	ft.emu.Inject(ft.action, Fault{Kind: FaultDrop, Count: 3})
	ft.emu.InjectFault(ft.action, 1, 409, "Conflict", "replaced")
	ft.wantVendor(t, ft.call(), vendorErr{409, "Conflict", "replaced"})
	if err := ft.call(); err != nil {
		t.Errorf("InjectFault did not replace the queue: %v", err)
	}

	ft.emu.Inject(ft.action, Fault{Kind: FaultServer, Count: 3})
	ft.emu.ClearFaults(ft.action)
	if err := ft.call(); err != nil {
		t.Errorf("ClearFaults(action) left a fault: %v", err)
	}
	ft.emu.Inject(ft.action, Fault{Kind: FaultServer, Count: 3})
	ft.emu.ClearFaults("")
	if err := ft.call(); err != nil {
		t.Errorf("ClearFaults(\"\") left a fault: %v", err)
	}
	ft.emu.mu.Lock()
	left := len(ft.emu.faults)
	ft.emu.mu.Unlock()
	if left != 0 {
		t.Errorf("%d actions still have faults", left)
	}

	defer func() {
		if recover() == nil {
			t.Error("Inject accepted an unknown kind")
		}
	}()
	ft.emu.Inject(ft.action, Fault{Kind: "meltdown"})
}

// TestFaultsAfterAuthentication: a request the API would refuse is refused
// as before, without using up a fault or the rate limit.
func TestFaultsAfterAuthentication(t *testing.T) {
	f := newTCFixture(t, nil, false)
	f.emu.SetRateLimit(1)
	f.emu.Inject(tcssDescribeImageAuthorizedInfo, Fault{Kind: FaultDrop})
	bad := f.client(t, common.NewCredential(tcCred.AccessKey, "wrong"), tcRegion, nil)
	for range 3 {
		_, err := tcDescribe(bad)
		tcWantSDKError(t, err, "AuthFailure.SignatureFailure", "")
	}
	_, err := tcDescribe(f.defaultClient(t))
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
	ft.emu.Inject(ft.action, Fault{Kind: FaultServer})
	err := ft.call()
	ft.wantVendor(t, err, vendorErr{429, "APIGW.0308", "The throttling threshold has been reached: policy user over ratelimit,limit:1,time:1 second"})
	ft.emu.SetRateLimit(0)
	ft.wantVendor(t, ft.call(), ft.server)
	if n := ft.emu.Throttled(ft.action); n != 1 {
		t.Errorf("Throttled = %d", n)
	}
}

// TestRateLimitConcurrent hammers one action from many goroutines: the limit
// holds and the counts add up (run with -race).
func TestRateLimitConcurrent(t *testing.T) {
	f := newTCFixture(t, nil, false)
	f.emu.SetRateLimit(3)
	const n = 12
	var wg sync.WaitGroup
	var mu sync.Mutex
	served := 0
	start := time.Now()
	for range n {
		wg.Go(func() {
			hr := tcSigned{action: tcssDescribeImageAuthorizedInfo, version: tcssVersion, body: "{}"}.request(t, f.srv.URL)
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

	f := newTCFixture(t, nil, false)
	f.emu.SetLatency(d)
	bad := f.client(t, common.NewCredential(tcCred.AccessKey, "wrong"), tcRegion, nil)
	start = time.Now()
	_, err := tcDescribe(bad)
	tcWantSDKError(t, err, "AuthFailure.SignatureFailure", "")
	if took := time.Since(start); took < d {
		t.Errorf("refusal after %s, want >= %s", took, d)
	}

	// Cancellation: the handler stops waiting when the client goes.
	f.emu.SetLatency(time.Hour)
	f.emu.Reset()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	hr := tcSigned{action: tcssDescribeImageAuthorizedInfo, version: tcssVersion, body: "{}"}.request(t, f.srv.URL)
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
	if _, err := tcDescribe(f.defaultClient(t)); err != nil {
		t.Errorf("after SetLatency(0): %v", err)
	}
}

// TestTransportFaultsOnTheWire looks at malformed and truncated answers
// below the SDKs: the framing is right, the JSON is not, or the body stops.
func TestTransportFaultsOnTheWire(t *testing.T) {
	f := newTCFixture(t, nil, false)
	request := func() *http.Request {
		return tcSigned{action: tcssDescribeImageAuthorizedInfo, version: tcssVersion, body: "{}"}.request(t, f.srv.URL)
	}
	resp, err := http.DefaultClient.Do(request())
	if err != nil {
		t.Fatal(err)
	}
	full, _ := io.ReadAll(resp.Body)
	resp.Body.Close()

	f.emu.Inject(tcssDescribeImageAuthorizedInfo, Fault{Kind: FaultMalformed}, Fault{Kind: FaultTruncated})
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
	fh.emu.Inject(fh.action, Fault{Kind: FaultMalformed})
	_, err = fh.hss.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{Version: aliPtr("hss.version.gold")})
	fh.wantVendor(t, err, vendorErr{400, "HSS.1001", "Invalid parameter: version"})
}

// PeakRate over synthetic arrival times.
func TestPeakRate(t *testing.T) {
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(ms ...int) []time.Time {
		out := make([]time.Time, len(ms))
		for i, m := range ms {
			out[i] = t0.Add(time.Duration(m) * time.Millisecond)
		}
		return out
	}
	tests := []struct {
		name   string
		times  []time.Time
		window time.Duration
		want   int
	}{
		{"none", nil, time.Second, 0},
		{"one", at(5), time.Second, 1},
		{"all within a second", at(0, 100, 999), time.Second, 3},
		{"window is half-open", at(0, 1000), time.Second, 1},
		{"sliding, not aligned", at(0, 600, 1100, 1500, 1599, 2700), time.Second, 4},
		{"unsorted", at(1500, 0, 1599, 600, 1100), time.Second, 4},
		{"ties", at(10, 10, 10, 2000), time.Second, 3},
		{"short window", at(0, 10, 20, 30), 15 * time.Millisecond, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := peakCount(append([]time.Time(nil), tt.times...), tt.window); got != tt.want {
				t.Errorf("peakCount = %d, want %d", got, tt.want)
			}
		})
	}

	// Through the record, per action.
	s := New(Options{})
	for i, tm := range at(0, 100, 200, 300, 1250, 1300) {
		action := "A"
		if i%2 == 1 {
			action = "B"
		}
		s.requests = append(s.requests, Request{Action: action, Time: tm})
	}
	for action, want := range map[string]int{"": 4, "A": 2, "B": 2} {
		if got := s.PeakRate(action, time.Second); got != want {
			t.Errorf("PeakRate(%q) = %d, want %d", action, got, want)
		}
	}
	if got := s.PeakRate("C", time.Second); got != 0 {
		t.Errorf("PeakRate(unknown) = %d", got)
	}
}

func TestParseFault(t *testing.T) {
	tests := []struct {
		spec    string
		action  string
		fault   Fault
		wantErr string // substring of the error; "" for success
	}{
		{spec: "ShowResourceQuotas:throttle:3", action: "ShowResourceQuotas", fault: Fault{Kind: FaultThrottle, Count: 3}},
		{spec: "GetAuthSummary:5xx:2", action: "GetAuthSummary", fault: Fault{Kind: FaultServer, Count: 2}},
		{spec: "DescribeImageAuthorizedInfo:drop", action: "DescribeImageAuthorizedInfo", fault: Fault{Kind: FaultDrop, Count: 1}},
		{spec: "A:malformed:1", action: "A", fault: Fault{Kind: FaultMalformed, Count: 1}},
		{spec: "A:TRUNCATED", action: "A", fault: Fault{Kind: FaultTruncated, Count: 1}},
		{spec: "DescribeImageAuthorizedInfo:latency:3:2s", action: "DescribeImageAuthorizedInfo", fault: Fault{Kind: FaultLatency, Count: 3, Delay: 2 * time.Second}},
		{spec: "A:latency::250ms", action: "A", fault: Fault{Kind: FaultLatency, Count: 1, Delay: 250 * time.Millisecond}},
		{spec: "GetAuthSummary:error:1:403/Forbidden.RAM/User not authorized: see https://x/y", action: "GetAuthSummary",
			fault: Fault{Kind: FaultError, Count: 1, Status: 403, Code: "Forbidden.RAM", Message: "User not authorized: see https://x/y"}},
		{spec: "A:error:2:200/InternalError", action: "A", fault: Fault{Kind: FaultError, Count: 2, Status: 200, Code: "InternalError"}},

		{spec: "", wantErr: "missing KIND"},
		{spec: "ShowResourceQuotas", wantErr: "missing KIND"},
		{spec: ":throttle", wantErr: "empty ACTION"},
		{spec: "A:explode", wantErr: `unknown KIND "explode"`},
		{spec: "A:throttle:0", wantErr: "COUNT"},
		{spec: "A:throttle:-2", wantErr: "COUNT"},
		{spec: "A:throttle:many", wantErr: "COUNT"},
		{spec: "A:throttle:1:extra", wantErr: "takes no ARG"},
		{spec: "A:latency", wantErr: "latency needs ARG"},
		{spec: "A:latency:1", wantErr: "latency needs ARG"},
		{spec: "A:latency:1:soon", wantErr: "not a positive duration"},
		{spec: "A:latency:1:-1s", wantErr: "not a positive duration"},
		{spec: "A:error:1", wantErr: "error needs ARG"},
		{spec: "A:error:1:500", wantErr: "not STATUS/CODE/MESSAGE"},
		{spec: "A:error:1:five/X/y", wantErr: "not an HTTP status"},
		{spec: "A:error:1:42/X/y", wantErr: "not an HTTP status"},
		{spec: "A:error:1:500//y", wantErr: "CODE is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			action, f, err := ParseFault(tt.spec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "ACTION:KIND[:COUNT[:ARG]]") {
					t.Errorf("ParseFault(%q) = %q, %+v, %v; want error with %q", tt.spec, action, f, err, tt.wantErr)
				}
				return
			}
			if err != nil || action != tt.action || f != tt.fault {
				t.Errorf("ParseFault(%q) = %q, %+v, %v; want %q, %+v", tt.spec, action, f, err, tt.action, tt.fault)
			}
		})
	}
}
