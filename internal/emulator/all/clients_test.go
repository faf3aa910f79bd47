package all

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	alibabaclient "github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/emutest"
)

// SDK clients of the clouds for the tests that span them; each cloud's own
// package tests its protocol in depth.

const tcRegion = "ap-guangzhou"

var (
	tcCred      = emulator.Credential{AccessKey: "AKIDTESTTENCENT0001", SecretKey: "tencent-test-secret"}
	aliTestCred = emulator.Credential{AccessKey: "LTAITESTALIBABA0001", SecretKey: "test-alibaba-secret"}
)

func ptr[T any](v T) *T { return &v }

type tcFixture struct {
	emu *Server
	srv *httptest.Server
}

// newTCFixture serves an emulator accepting tcCred for Tencent Cloud.
func newTCFixture(t *testing.T, opts Options) *tcFixture {
	t.Helper()
	opts.Tencent.Credentials = []emulator.Credential{tcCred}
	opts.NoLimits = true
	emu := New(opts)
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &tcFixture{emu: emu, srv: srv}
}

// client builds a TCSS client the way the provider does, without the SDK's
// own rate-limit retry.
func (f *tcFixture) client(t *testing.T, cred common.CredentialIface, rt http.RoundTripper) *common.Client {
	t.Helper()
	u, err := url.Parse(f.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint = u.Host
	prof.HttpProfile.Scheme = "HTTP"
	prof.HttpProfile.ReqMethod = http.MethodPost
	prof.RateLimitExceededMaxRetries = 0
	c := common.NewCommonClient(cred, tcRegion, prof)
	if rt == nil {
		rt = f.srv.Client().Transport
	}
	c.WithHttpTransport(rt)
	return c
}

func (f *tcFixture) defaultClient(t *testing.T) *common.Client {
	t.Helper()
	return f.client(t, common.NewCredential(tcCred.AccessKey, tcCred.SecretKey), nil)
}

// tcDescribe calls DescribeImageAuthorizedInfo, for its error.
func tcDescribe(c *common.Client) error {
	req := tchttp.NewCommonRequest("tcss", "2020-11-01", "DescribeImageAuthorizedInfo")
	if err := req.SetActionParameters(map[string]any{}); err != nil {
		return err
	}
	return c.Send(req, tchttp.NewCommonResponse())
}

// tcWantSDKError checks err is the SDK's error with this code (and message,
// unless "").
func tcWantSDKError(t *testing.T, err error, code, msg string) {
	t.Helper()
	var se *tcerr.TencentCloudSDKError
	if !errors.As(err, &se) {
		t.Fatalf("error %T %v, want *TencentCloudSDKError", err, err)
	}
	if se.Code != code || (msg != "" && se.Message != msg) {
		t.Errorf("got code=%q msg=%q; want %q %q", se.Code, se.Message, code, msg)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// signedRequest is the DescribeImageAuthorizedInfo request the SDK signs,
// captured unsent, to be sent by hand.
func (f *tcFixture) signedRequest(t *testing.T) *http.Request {
	t.Helper()
	var captured *http.Request
	capture := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		captured = r.Clone(context.Background()) // the SDK cancels its own once Send returns
		captured.Body = io.NopCloser(bytes.NewReader(body))
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"Response":{"RequestId":"captured"}}`)), Request: r}, nil
	})
	if err := tcDescribe(f.client(t, common.NewCredential(tcCred.AccessKey, tcCred.SecretKey), capture)); err != nil {
		t.Fatal(err)
	}
	return captured
}

// tcDo sends hr and decodes the API 3.0 envelope.
func tcDo(t *testing.T, hr *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	var body struct{ Response map[string]any }
	resp, raw := emutest.DoJSON(t, hr, &body)
	if body.Response == nil {
		t.Fatalf("body %q: no Response", raw)
	}
	return resp, body.Response
}

// aliClient builds a Sas client for srv, as the provider configures one.
func aliClient(t *testing.T, srv *httptest.Server) *openapi.Client {
	t.Helper()
	c, err := openapi.NewClient(&openapi.Config{
		AccessKeyId:     dara.String(aliTestCred.AccessKey),
		AccessKeySecret: dara.String(aliTestCred.SecretKey),
		Endpoint:        dara.String(srv.Listener.Addr().String()),
		Protocol:        dara.String("http"),
		RegionId:        dara.String("cn-hangzhou"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// aliGetAuthSummary calls GetAuthSummary as the generated Sas client does.
// RetryOptions stay nil, so the SDK makes exactly one attempt.
func aliGetAuthSummary(c *openapi.Client) (map[string]any, error) {
	return c.CallApi(alibabaclient.RPCParams("GetAuthSummary", "2018-12-03", "json"), &openapi.OpenApiRequest{Query: map[string]*string{}}, &dara.RuntimeOptions{IgnoreSSL: dara.Bool(true)})
}

// tcDescribeRenewInstances calls billing DescribeRenewInstances as the provider does: the
// common client, signed for the billing service, with no region.
func tcDescribeRenewInstances(c *common.Client) error {
	req := tchttp.NewCommonRequest("billing", "2018-07-09", "DescribeRenewInstances")
	if err := req.SetActionParameters(map[string]any{"MaxResults": 100}); err != nil {
		return err
	}
	return c.Send(req, tchttp.NewCommonResponse())
}

// aliQueryAvailableInstances calls BssOpenApi QueryAvailableInstances as the provider does.
func aliQueryAvailableInstances(c *openapi.Client) (map[string]any, error) {
	return c.CallApi(alibabaclient.RPCParams("QueryAvailableInstances", "2017-12-14", "json"),
		&openapi.OpenApiRequest{Query: map[string]*string{"SubscriptionType": dara.String("Subscription")}},
		&dara.RuntimeOptions{IgnoreSSL: dara.Bool(true)})
}
