package huawei

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	ecsregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2/region"
	evsregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/evs/v2/region"
	hssregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/region"
	iamregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3/region"
	msregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/region"
	vpcregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2/region"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/signer"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/request"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// TestSignatureMatchesSDKSigner signs assorted requests with the SDK's own
// signer and checks the emulator's verifier agrees, including on awkward
// paths, query values and bodies the emulated APIs never see.
func TestSignatureMatchesSDKSigner(t *testing.T) {
	cred := emulator.Credential{AccessKey: "SIGNERTESTAK", SecretKey: "signer-test-sk"}
	h := New(Options{Data: &Data{}, Credentials: []emulator.Credential{cred}})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		status, msg := h.authenticate(&emulator.Exchange{W: w, R: r})
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, msg)
	}))
	defer ts.Close()

	type kv struct{ k, v string }
	tests := []struct {
		name    string
		method  string
		path    string
		query   []kv
		headers []kv
		body    any
		sk      string
		want    int
	}{
		{name: "plain get", method: "GET", path: "/v3/projects", query: []kv{{"name", "cn-north-4"}}, sk: cred.SecretKey, want: 200},
		{name: "no query", method: "GET", path: "/v5/abc/billing/quotas", sk: cred.SecretKey, want: 200},
		{name: "escaped query", method: "GET", path: "/v1/p/tenants/resources-count",
			query: []kv{{"business", "LIVE_2D,VIDEO_2D"}, {"resource_expire_start_time", "2024-01-01T00:00:00+08:00"}, {"q", "a b/c~d*e"}},
			sk:    cred.SecretKey, want: 200},
		{name: "empty query value", method: "GET", path: "/v5/p/billing/quotas", query: []kv{{"version", ""}, {"a", "1"}}, sk: cred.SecretKey, want: 200},
		{name: "odd path", method: "GET", path: "/v1/a b/c:d@e/%/", sk: cred.SecretKey, want: 200},
		{name: "json body and extra header", method: "POST", path: "/v1/p/things",
			headers: []kv{{"Content-Type", "application/json"}, {"X-Project-Id", "p"}, {"X-Custom", "  spaced  "}},
			body:    map[string]any{"name": "x", "n": 1}, sk: cred.SecretKey, want: 200},
		{name: "unsigned payload", method: "PUT", path: "/v1/p/file",
			headers: []kv{{"Content-Type", "application/octet-stream"}}, body: "raw bytes", sk: cred.SecretKey, want: 200},
		{name: "wrong secret", method: "GET", path: "/v3/projects", query: []kv{{"name", "cn-north-4"}}, sk: "wrong", want: 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := request.NewHttpRequestBuilder().WithEndpoint(ts.URL).WithPath(tt.path).WithMethod(tt.method)
			for _, q := range tt.query {
				b.AddQueryParam(q.k, reflect.ValueOf(q.v))
			}
			for _, hd := range tt.headers {
				b.AddHeaderParam(hd.k, hd.v)
			}
			if tt.body != nil {
				b.WithBody("body", tt.body)
			}
			req := b.Build()
			extra, err := signer.Sign(req, cred.AccessKey, tt.sk)
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range extra {
				req.AddHeaderParam(k, v)
			}
			hr, err := req.ConvertRequest()
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(hr)
			if err != nil {
				t.Fatal(err)
			}
			msg, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d (%s), want %d", resp.StatusCode, msg, tt.want)
			}
			if tt.want == 401 && !strings.Contains(string(msg), "verify aksk signature fail") {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestParseHuaweiAuthorization(t *testing.T) {
	a, ok := parseHuaweiAuthorization("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=user-agent;x-sdk-date, Signature=abc")
	if !ok || a.AccessKey != "AK1" || strings.Join(a.SignedHeaders, ";") != "user-agent;x-sdk-date" || a.Signature != "abc" {
		t.Fatalf("got %+v %v", a, ok)
	}
	for _, bad := range []string{"", "Bearer x", "SDK-HMAC-SHA256 Access=AK1", "SDK-HMAC-SM3 Access=a, SignedHeaders=b, Signature=c"} {
		if _, ok := parseHuaweiAuthorization(bad); ok {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestRegionsAreTheSDKs: every region the emulated IAM knows is one the SDK's
// IAM, HSS or MetaStudio region table names, and every region those tables
// name is known.
func TestRegionsAreTheSDKs(t *testing.T) {
	inSDK := func(r string) bool {
		_, e1 := iamregion.SafeValueOf(r)
		_, e2 := hssregion.SafeValueOf(r)
		_, e3 := msregion.SafeValueOf(r)
		_, e4 := ecsregion.SafeValueOf(r)
		_, e5 := vpcregion.SafeValueOf(r)
		_, e6 := evsregion.SafeValueOf(r)
		return e1 == nil || e2 == nil || e3 == nil || e4 == nil || e5 == nil || e6 == nil
	}
	for _, r := range Regions {
		if !inSDK(r) {
			t.Errorf("%s is in no SDK region table", r)
		}
	}
	// The tables list their regions in the error for an unknown one.
	_, err := hssregion.SafeValueOf("xx-none-0")
	_, err2 := iamregion.SafeValueOf("xx-none-0")
	_, err3 := msregion.SafeValueOf("xx-none-0")
	_, err4 := ecsregion.SafeValueOf("xx-none-0")
	_, err5 := vpcregion.SafeValueOf("xx-none-0")
	_, err6 := evsregion.SafeValueOf("xx-none-0")
	for _, e := range []error{err, err2, err3, err4, err5, err6} {
		if e == nil {
			t.Fatal("an unknown region is known to the SDK")
		}
		_, list, _ := strings.Cut(e.Error(), "[")
		for _, r := range strings.Split(strings.TrimSuffix(list, "]"), ", ") {
			if r != "" && !slices.Contains(Regions, r) {
				t.Errorf("the SDK knows %s, Regions does not", r)
			}
		}
	}
}
