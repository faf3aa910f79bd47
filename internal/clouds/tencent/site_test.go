package tencent

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// recorder answers every request with an empty API 3.0 success and keeps what was asked.
type recorder struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.mu.Unlock()
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{"Response":{"RequestId":"r"}}`)), Request: req}, nil
}

var testBilling = &Service{Name: "Billing", Endpoint: "billing", APIVersion: "2018-07-09",
	Sites: map[string]string{"cn": "billing.tencentcloudapi.com", "intl": "billing.intl.tencentcloudapi.com"}}

// A global service is called at its site's host (or its override) with no X-TC-Region,
// whatever region is configured or given, and reports that region back only as an echo.
func TestCallSite(t *testing.T) {
	for _, tc := range []struct {
		site, region, override, wantHost, wantEcho string
	}{
		{"cn", "", "", "billing.tencentcloudapi.com", ""},
		{"intl", "xx-nowhere-1", "", "billing.intl.tencentcloudapi.com", "xx-nowhere-1"},
		{"intl", "", "http://127.0.0.1:9/emu", "127.0.0.1:9", "ap-guangzhou"},
	} {
		t.Run(tc.site+tc.override, func(t *testing.T) {
			c := conns.New(conns.Settings{RequestTimeout: 5 * time.Second, CacheDir: t.TempDir()})
			cfg := Config{SecretID: "AKIDTEST", SecretKey: "secret", Endpoints: map[string]string{}}
			if tc.override != "" {
				cfg.Region, cfg.Endpoints["billing"] = "ap-guangzhou", tc.override
			}
			cl := newClients(c.Settings(), cfg)
			rec := &recorder{}
			cl.transport = rec
			c.Attach(key{}, cl)
			_, target, err := CallSite(context.Background(), c, testBilling, tc.region, tc.site, "DescribeRenewInstances",
				map[string]any{"MaxResults": 100}, func() *tchttp.BaseResponse { return &tchttp.BaseResponse{} })
			if err != nil {
				t.Fatal(err)
			}
			if len(rec.reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(rec.reqs))
			}
			r := rec.reqs[0]
			if r.URL.Host != tc.wantHost || r.Header.Get("X-TC-Region") != "" || target.Region != tc.wantEcho {
				t.Errorf("host %q, X-TC-Region %q, echo %q; want %q, none, %q", r.URL.Host, r.Header.Get("X-TC-Region"),
					target.Region, tc.wantHost, tc.wantEcho)
			}
		})
	}
}
