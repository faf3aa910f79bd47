package all

import (
	"errors"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	hss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	hssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"
	metastudio "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1"
	msmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/model"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

	alibabaclient "github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

func TestLimitTableNamesServedActions(t *testing.T) {
	actions := New(Options{}).Actions()
	for _, row := range LimitTable {
		if !slices.Contains(actions, row.Action) || row.Source == "" || row.Limit.IsZero() || row.Cloud == "" {
			t.Errorf("row %+v: not a served action, or no source or limit", row)
		}
	}
}

// huaweiClients are HSS and MetaStudio clients signing with cred.
func huaweiClients(t *testing.T, emu *Server, url string, cred emulator.Credential) (*hss.HssClient, *metastudio.MetaStudioClient) {
	t.Helper()
	c, err := basic.NewCredentialsBuilder().WithAk(cred.AccessKey).WithSk(cred.SecretKey).
		WithProjectId(emu.Huawei.ProjectID("cn-north-4")).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	reg := region.NewRegion("cn-north-4", url)
	hc, err := hss.HssClientBuilder().WithRegion(reg).WithCredential(c).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	mc, err := metastudio.MetaStudioClientBuilder().WithRegion(reg).WithCredential(c).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	return hss.NewHssClient(hc), metastudio.NewMetaStudioClient(mc)
}

// TestDocumentedLimits: by default each data API serves N requests of one
// access key within its window and refuses the next in the cloud's own
// throttling shape, counted by Throttled; another access key has a budget of
// its own. Every call here is back to back, well within each window.
func TestDocumentedLimits(t *testing.T) {
	other := emulator.Credential{AccessKey: "HWOTHERKEY0001", SecretKey: "hw-other-sk"}
	var opts Options
	opts.Huawei.Credentials = []emulator.Credential{hwFaultCred, other}
	opts.Tencent.Credentials = []emulator.Credential{tcCred}
	opts.Alibaba.Credentials = []emulator.Credential{aliTestCred}
	emu := New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	h, ms := huaweiClients(t, emu, srv.URL, hwFaultCred)
	h2, ms2 := huaweiClients(t, emu, srv.URL, other)
	tf := &tcFixture{emu: emu, srv: srv}
	tc := tf.defaultClient(t)
	ali := aliClient(t, srv)

	huaweiErr := func(err error) (int, string, string) {
		var se *sdkerr.ServiceResponseError
		if !errors.As(err, &se) {
			return 0, "", ""
		}
		return se.StatusCode, se.ErrorCode, se.ErrorMessage
	}
	tests := []struct {
		action  string
		call    func() error
		another func() error // the same API with another access key; nil: not tried
		n       int
		check   func(t *testing.T, err error)
	}{
		{"ShowResourceQuotas", func() error { _, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{}); return err },
			func() error { _, err := h2.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{}); return err }, 5,
			func(t *testing.T, err error) {
				status, code, msg := huaweiErr(err)
				if status != 429 || code != "APIGW.0308" || msg != "The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute" {
					t.Errorf("got %d %s %q (%v)", status, code, msg, err)
				}
			}},
		{"ShowImagePayPerScanStatistics", func() error {
			_, err := h.ShowImagePayPerScanStatistics(&hssmodel.ShowImagePayPerScanStatisticsRequest{})
			return err
		}, nil, 5, func(t *testing.T, err error) {
			if status, code, _ := huaweiErr(err); status != 429 || code != "APIGW.0308" {
				t.Errorf("got %v", err)
			}
		}},
		{"CountTenantResources", func() error { _, err := ms.CountTenantResources(&msmodel.CountTenantResourcesRequest{}); return err },
			func() error { _, err := ms2.CountTenantResources(&msmodel.CountTenantResourcesRequest{}); return err }, 1,
			func(t *testing.T, err error) {
				status, code, msg := huaweiErr(err)
				if status != 429 || code != "APIGW.0308" || msg != "The throttling threshold has been reached: policy user over ratelimit,limit:1,time:1 second" {
					t.Errorf("got %d %s %q (%v)", status, code, msg, err)
				}
			}},
		{"DescribeImageAuthorizedInfo", func() error { return tcDescribe(tc) }, nil, 20, func(t *testing.T, err error) {
			tcWantSDKError(t, err, "RequestLimitExceeded",
				"Your current request times equals to `21` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.")
		}},
		{"DescribeAddressQuota", func() error {
			return tc.Send(tchttp.NewCommonRequest("vpc", "2017-03-12", "DescribeAddressQuota"), tchttp.NewCommonResponse())
		}, nil, 10, func(t *testing.T, err error) {
			tcWantSDKError(t, err, "RequestLimitExceeded",
				"Your current request times equals to `11` in a second, which exceeds the frequency limit `10` for a second. Please reduce the frequency of calls.")
		}},
		{"DescribeRenewInstances", func() error { return tcDescribeRenewInstances(tc) }, nil, 20, func(t *testing.T, err error) {
			tcWantSDKError(t, err, "RequestLimitExceeded",
				"Your current request times equals to `21` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.")
		}},
		{"QueryAvailableInstances", func() error { _, err := aliQueryAvailableInstances(ali); return err }, nil, 10, func(t *testing.T, err error) {
			var se *tea.SDKError
			if !errors.As(err, &se) || dara.IntValue(se.StatusCode) != 400 || dara.StringValue(se.Code) != "Throttling.User" {
				t.Errorf("got %v", err)
			}
		}},
		{"GetAuthSummary", func() error { _, err := aliGetAuthSummary(ali); return err }, nil, 10, func(t *testing.T, err error) {
			var se *tea.SDKError
			if !errors.As(err, &se) || dara.IntValue(se.StatusCode) != 400 || dara.StringValue(se.Code) != "Throttling.User" {
				t.Errorf("got %v", err)
			}
		}},
		{"ListProductQuotas", func() error {
			_, err := ali.CallApi(alibabaclient.RPCParams("ListProductQuotas", "2020-05-10", "json"),
				&openapi.OpenApiRequest{Body: map[string]any{"ProductCode": "ecs"}}, &dara.RuntimeOptions{})
			return err
		}, nil, 15, func(t *testing.T, err error) {
			var se *tea.SDKError
			if !errors.As(err, &se) || dara.IntValue(se.StatusCode) != 400 || dara.StringValue(se.Code) != "Throttling.User" {
				t.Errorf("got %v", err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			if got := emu.Limits()[tt.action]; got.N != tt.n {
				t.Fatalf("limit %v, want %d", got, tt.n)
			}
			start := time.Now()
			for i := range tt.n {
				if err := tt.call(); err != nil {
					t.Fatalf("call %d: %v", i+1, err)
				}
			}
			err := tt.call()
			if took := time.Since(start); took >= emu.Limits()[tt.action].Window {
				t.Skipf("the calls took %s, the window's length or more: too slow a machine for this check", took)
			}
			tt.check(t, err)
			if n := emu.Throttled(tt.action); n != 1 {
				t.Errorf("Throttled = %d, want 1", n)
			}
			if tt.another != nil {
				if err := tt.another(); err != nil {
					t.Errorf("another access key: %v", err)
				}
			}
		})
	}

	// A per-second window slides: a second later, Tencent serves again.
	time.Sleep(time.Second)
	if err := tcDescribe(tc); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

// TestLimitOptions: NoLimits lifts the documented limits, Limits changes one
// on top of them, RateLimit replaces them.
func TestLimitOptions(t *testing.T) {
	if l := New(Options{NoLimits: true}).Limits(); len(l) != 0 {
		t.Errorf("NoLimits: %v", l)
	}
	l := New(Options{Limits: map[string]emulator.Limit{"ShowResourceQuotas": {N: 100, Window: time.Second}}}).Limits()
	if l["ShowResourceQuotas"] != (emulator.Limit{N: 100, Window: time.Second}) || l["ShowImagePayPerScanStatistics"].N != 5 {
		t.Errorf("Limits on top of the documented: %v", l)
	}
	l = New(Options{NoLimits: true, Limits: map[string]emulator.Limit{"GetAuthSummary": {N: 1, Window: time.Minute}}}).Limits()
	if len(l) != 1 || l["GetAuthSummary"].N != 1 {
		t.Errorf("Limits without the documented: %v", l)
	}
	if l := New(Options{RateLimit: 3}).Limits(); len(l) != 0 {
		t.Errorf("RateLimit keeps documented limits: %v", l)
	}
	// Limits apply as set: one request a minute.
	f := newTCFixture(t, Options{Limits: map[string]emulator.Limit{"DescribeImageAuthorizedInfo": {N: 1, Window: time.Minute}}})
	if err := tcDescribe(f.defaultClient(t)); err != nil {
		t.Fatal(err)
	}
	tcWantSDKError(t, tcDescribe(f.defaultClient(t)), "RequestLimitExceeded", "Your current request times exceeds the frequency limit.")
}

// An injected throttle names the action's limit, as the cloud's answer does;
// without a limit, the answer names none.
func TestInjectedThrottleNamesTheLimit(t *testing.T) {
	var opts Options
	opts.Huawei.Credentials = []emulator.Credential{hwFaultCred}
	emu := New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	h, _ := huaweiClients(t, emu, srv.URL, hwFaultCred)
	emu.Inject("ShowResourceQuotas", emulator.Fault{Kind: emulator.FaultThrottle})
	_, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
	var se *sdkerr.ServiceResponseError
	if !errors.As(err, &se) || se.StatusCode != 429 || se.ErrorMessage != "The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute" {
		t.Errorf("documented limit: %v", err)
	}
	emu.SetLimit("ShowResourceQuotas", emulator.Limit{})
	emu.Inject("ShowResourceQuotas", emulator.Fault{Kind: emulator.FaultThrottle})
	_, err = h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
	if !errors.As(err, &se) || se.ErrorMessage != "The throttling threshold has been reached: policy user over ratelimit" {
		t.Errorf("no limit: %v", err)
	}
	if n := emu.Throttled(""); n != 0 {
		t.Errorf("injected throttles counted as the limit's: %d", n)
	}
}
