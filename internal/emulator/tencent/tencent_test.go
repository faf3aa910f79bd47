package tencent

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/emutest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// tcDocExample is the vendor documentation's example output.
var tcDocExample = seeds.TCSSImageAuthorizedInfo

const tcRegion = "ap-guangzhou"

var tcUUID = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

var (
	tcCred      = emulator.Credential{AccessKey: "AKIDTESTTENCENT0001", SecretKey: "tencent-test-secret"}
	tcTokenCred = emulator.Credential{AccessKey: "AKIDTESTTENCENT0002", SecretKey: "tencent-test-secret-2", SecurityToken: "tencent-session-token"}
)

type tcFixture struct {
	emu *emulator.Server
	srv *httptest.Server
}

// newTCFixture serves an emulator over plain HTTP, or TLS when tls is set.
// newServer serves the emulated Tencent Cloud alone.
func newServer(opts Options) *emulator.Server {
	return emulator.New(emulator.Options{Backends: []emulator.Backend{New(opts)}})
}

func newTCFixture(t *testing.T, data *Data, tls bool) *tcFixture {
	t.Helper()
	emu := newServer(Options{Data: data, Credentials: []emulator.Credential{tcCred, tcTokenCred}})
	srv := httptest.NewUnstartedServer(emu)
	if tls {
		srv.StartTLS()
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return &tcFixture{emu: emu, srv: srv}
}

// client builds an SDK client the way the provider does; tune adjusts the
// profile.
func (f *tcFixture) client(t *testing.T, cred common.CredentialIface, region string, tune func(*profile.ClientProfile)) *common.Client {
	t.Helper()
	u, err := url.Parse(f.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint = u.Host
	prof.HttpProfile.Scheme = strings.ToUpper(u.Scheme)
	prof.HttpProfile.ReqMethod = http.MethodPost
	prof.RateLimitExceededMaxRetries = 0
	if tune != nil {
		tune(prof)
	}
	c := common.NewCommonClient(cred, region, prof)
	c.WithHttpTransport(f.srv.Client().Transport)
	return c
}

func (f *tcFixture) defaultClient(t *testing.T) *common.Client {
	t.Helper()
	return f.client(t, common.NewCredential(tcCred.AccessKey, tcCred.SecretKey), tcRegion, nil)
}

// tcCall sends one API 3.0 call through the SDK, with params as its JSON body.
func tcCall(c *common.Client, service, version, action string, params map[string]any) (map[string]any, error) {
	return tcSend(c, service, version, action, false, params)
}

// tcSend sends one action through the SDK's common client and decodes the answer;
// skipSign sends it unsigned.
func tcSend(c *common.Client, service, version, action string, skipSign bool, params map[string]any) (map[string]any, error) {
	req := tchttp.NewCommonRequest(service, version, action)
	req.SetSkipSign(skipSign)
	if err := req.SetActionParameters(params); err != nil {
		return nil, err
	}
	resp := tchttp.NewCommonResponse()
	if err := c.Send(req, resp); err != nil {
		return nil, err
	}
	var body map[string]any
	if err := json.Unmarshal(resp.GetBody(), &body); err != nil {
		return nil, err
	}
	return body, nil
}

func tcDescribe(c *common.Client) (map[string]any, error) {
	return tcCall(c, tcssService, tcssVersion, tcssDescribeImageAuthorizedInfo, map[string]any{})
}

// tcWantSDKError checks err is the SDK's error with this code and message,
// and returns its RequestId.
func tcWantSDKError(t *testing.T, err error, code, msg string) string {
	t.Helper()
	var se *tcerr.TencentCloudSDKError
	if !errors.As(err, &se) {
		t.Fatalf("error %T %v, want *TencentCloudSDKError", err, err)
	}
	if se.Code != code || (msg != "" && se.Message != msg) || !tcUUID.MatchString(se.RequestId) {
		t.Errorf("got code=%q msg=%q request_id=%q; want %q %q", se.Code, se.Message, se.RequestId, code, msg)
	}
	return se.RequestId
}

func (f *tcFixture) lastRecord(t *testing.T) emulator.Request {
	t.Helper()
	reqs := f.emu.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request recorded")
	}
	return reqs[len(reqs)-1]
}

func TestTencentDefaultDataIsDocExample(t *testing.T) {
	for _, tls := range []bool{false, true} {
		t.Run(fmt.Sprintf("tls=%v", tls), func(t *testing.T) {
			f := newTCFixture(t, nil, tls)
			got, err := tcDescribe(f.defaultClient(t))
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]any
			if err := json.Unmarshal([]byte(tcDocExample), &want); err != nil {
				t.Fatal(err)
			}
			resp := got["Response"].(map[string]any)
			id, _ := resp["RequestId"].(string)
			if !tcUUID.MatchString(id) {
				t.Errorf("RequestId %q is not a UUID v4", id)
			}
			resp["RequestId"] = want["Response"].(map[string]any)["RequestId"]
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %v\nwant %v", got, want)
			}

			rec := f.lastRecord(t)
			wantRec := emulator.Request{
				Cloud: "tencentcloud", Action: "DescribeImageAuthorizedInfo", Method: "POST", Path: "/",
				Query: url.Values{}, Region: tcRegion, AccessKey: tcCred.AccessKey, Status: 200, RequestID: id, Time: rec.Time,
			}
			if rec.Time.IsZero() || !reflect.DeepEqual(rec, wantRec) {
				t.Errorf("record %+v\nwant   %+v", rec, wantRec)
			}
		})
	}
}

func TestTencentSDKVariants(t *testing.T) {
	f := newTCFixture(t, nil, false)
	tests := []struct {
		name     string
		cred     common.CredentialIface
		noRegion bool
		tune     func(*profile.ClientProfile)
		method   string
	}{
		{name: "GET", tune: func(p *profile.ClientProfile) { p.HttpProfile.ReqMethod = "GET" }, method: "GET"},
		{name: "unsigned payload", tune: func(p *profile.ClientProfile) { p.UnsignedPayload = true }},
		{name: "no region (optional for TCSS)", noRegion: true},
		{name: "security token", cred: common.NewTokenCredential(tcTokenCred.AccessKey, tcTokenCred.SecretKey, tcTokenCred.SecurityToken)},
		{name: "English", tune: func(p *profile.ClientProfile) { p.Language = "en-US" }},
		{name: "endpoint with a path", tune: func(p *profile.ClientProfile) { p.HttpProfile.Endpoint += "/tencent" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cred := tt.cred
			if cred == nil {
				cred = common.NewCredential(tcCred.AccessKey, tcCred.SecretKey)
			}
			region := tcRegion
			if tt.noRegion {
				region = ""
			}
			c := f.client(t, cred, region, tt.tune)
			c.WithRequestClient("cloudquota-test")
			body, err := tcDescribe(c)
			if err != nil {
				t.Fatal(err)
			}
			if n := body["Response"].(map[string]any)["TotalAuthorizedCnt"]; n != float64(300000) {
				t.Errorf("TotalAuthorizedCnt = %v", n)
			}
			rec := f.lastRecord(t)
			if rec.Region != region || rec.Status != 200 || (tt.method != "" && rec.Method != tt.method) {
				t.Errorf("record %+v", rec)
			}
		})
	}
}

func TestTencentSDKErrors(t *testing.T) {
	f := newTCFixture(t, nil, false)
	restricted := DefaultData()
	restricted.Regions = []string{"ap-shanghai"}
	fr := newTCFixture(t, &restricted, false)

	good := common.NewCredential(tcCred.AccessKey, tcCred.SecretKey)
	describe := func(f *tcFixture, cred common.CredentialIface, region string) func(t *testing.T) error {
		return func(t *testing.T) error {
			_, err := tcDescribe(f.client(t, cred, region, nil))
			return err
		}
	}
	call := func(service, version, action string, params map[string]any) func(t *testing.T) error {
		return func(t *testing.T) error {
			_, err := tcCall(f.defaultClient(t), service, version, action, params)
			return err
		}
	}
	tests := []struct {
		name      string
		fix       *tcFixture
		call      func(t *testing.T) error
		code, msg string
		accessKey string
		action    string
	}{
		{"wrong secret", f, describe(f, common.NewCredential(tcCred.AccessKey, "not-the-secret"), tcRegion),
			"AuthFailure.SignatureFailure", "The provided credentials could not be validated. Please check your signature is correct.",
			tcCred.AccessKey, "DescribeImageAuthorizedInfo"},
		{"unknown SecretId", f, describe(f, common.NewCredential("AKIDNOSUCHID", "whatever"), tcRegion),
			"AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct.",
			"AKIDNOSUCHID", "DescribeImageAuthorizedInfo"},
		{"security token missing", f, describe(f, common.NewCredential(tcTokenCred.AccessKey, tcTokenCred.SecretKey), tcRegion),
			"AuthFailure.TokenFailure", "The provided Token is invalid.", tcTokenCred.AccessKey, "DescribeImageAuthorizedInfo"},
		{"security token wrong", f, describe(f, common.NewTokenCredential(tcTokenCred.AccessKey, tcTokenCred.SecretKey, "other-token"), tcRegion),
			"AuthFailure.TokenFailure", "The provided Token is invalid.", tcTokenCred.AccessKey, "DescribeImageAuthorizedInfo"},
		{"unexpected security token", f, describe(f, common.NewTokenCredential(tcCred.AccessKey, tcCred.SecretKey, "stray-token"), tcRegion),
			"AuthFailure.TokenFailure", "The provided Token is invalid.", tcCred.AccessKey, "DescribeImageAuthorizedInfo"},
		{"wrong version", f, call("tcss", "2018-03-21", "DescribeImageAuthorizedInfo", nil),
			"NoSuchVersion", "The specified api version=`2018-03-21` does not exist in service=`tcss`.",
			tcCred.AccessKey, "DescribeImageAuthorizedInfo"},
		{"unknown action", f, call("tcss", "2020-11-01", "DescribeAssetSummary", nil),
			"InvalidAction", "The request action=`DescribeAssetSummary` is invalid or not found in service=`tcss` and version=`2020-11-01`.",
			tcCred.AccessKey, "DescribeAssetSummary"},
		{"service not emulated", f, call("cbs", "2017-03-12", "DescribeDisks", nil),
			"AuthFailure.InvalidAuthorization", "The request `Authorization` header does not conform to tencentcloud standards: `Service` in Credential not valid.",
			tcCred.AccessKey, "DescribeDisks"},
		{"action of another emulated service", f, call("cvm", "2017-03-12", "DescribeImageAuthorizedInfo", nil),
			"InvalidAction", "The request action=`DescribeImageAuthorizedInfo` is invalid or not found in service=`cvm` and version=`2017-03-12`.",
			tcCred.AccessKey, "DescribeImageAuthorizedInfo"},
		{"unknown CVM action", f, call("cvm", "2017-03-12", "DescribeInstances", nil),
			"InvalidAction", "The request action=`DescribeInstances` is invalid or not found in service=`cvm` and version=`2017-03-12`.",
			tcCred.AccessKey, "DescribeInstances"},
		{"TCSS version at CVM", f, call("cvm", "2020-11-01", "DescribeAccountQuota", nil),
			"NoSuchVersion", "The specified api version=`2020-11-01` does not exist in service=`cvm`.",
			tcCred.AccessKey, "DescribeAccountQuota"},
		{"unknown parameter", f, call("tcss", "2020-11-01", "DescribeImageAuthorizedInfo", map[string]any{"Limit": 10}),
			"UnknownParameter", "The parameter `Limit` is not recognized.", tcCred.AccessKey, "DescribeImageAuthorizedInfo"},
		{"region unknown to Tencent", f, describe(f, good, "xx-nowhere-1"),
			"UnsupportedRegion", "The action not support this region.", tcCred.AccessKey, "DescribeImageAuthorizedInfo"},
		{"region outside the data file's list", fr, describe(fr, good, tcRegion),
			"UnsupportedRegion", "The action not support this region.", tcCred.AccessKey, "DescribeImageAuthorizedInfo"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := tcWantSDKError(t, tt.call(t), tt.code, tt.msg)
			rec := tt.fix.lastRecord(t)
			if rec.Cloud != "tencentcloud" || rec.Status != 200 || rec.RequestID != id || rec.AccessKey != tt.accessKey || rec.Action != tt.action {
				t.Errorf("record %+v", rec)
			}
		})
	}

	// The restricted emulator still serves its own region.
	if _, err := tcDescribe(fr.client(t, good, "ap-shanghai", nil)); err != nil {
		t.Errorf("listed region refused: %v", err)
	}
}

func TestTencentInjectedFaults(t *testing.T) {
	const (
		limitMsg    = "Your current request times equals to `20` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls."
		internalMsg = "An internal error has occurred. Retry your request, but if the problem persists, contact us."
	)
	f := newTCFixture(t, nil, false)
	c := f.defaultClient(t)

	f.emu.InjectFault("DescribeImageAuthorizedInfo", 1, 200, "RequestLimitExceeded", limitMsg)
	_, err := tcDescribe(c)
	id := tcWantSDKError(t, err, "RequestLimitExceeded", limitMsg)
	if rec := f.lastRecord(t); rec.Status != 200 || rec.RequestID != id {
		t.Errorf("record %+v", rec)
	}
	if _, err := tcDescribe(c); err != nil {
		t.Errorf("fault outlived n: %v", err)
	}

	f.emu.InjectFault("DescribeImageAuthorizedInfo", 2, 200, "InternalError", internalMsg)
	for range 2 {
		_, err := tcDescribe(c)
		tcWantSDKError(t, err, "InternalError", internalMsg)
	}

	// The SDK's own rate-limit retry sees the same code and tries again.
	retrying := f.client(t, common.NewCredential(tcCred.AccessKey, tcCred.SecretKey), tcRegion, func(p *profile.ClientProfile) {
		p.RateLimitExceededMaxRetries = 2
		p.RateLimitExceededRetryDuration = profile.ConstantDurationFunc(0)
	})
	f.emu.Reset()
	f.emu.InjectFault("DescribeImageAuthorizedInfo", 2, 200, "RequestLimitExceeded", limitMsg)
	if _, err := tcDescribe(retrying); err != nil {
		t.Errorf("SDK retry did not get through: %v", err)
	}
	if n := f.emu.Count("DescribeImageAuthorizedInfo"); n != 3 {
		t.Errorf("Count = %d, want 3 (two refused, one served)", n)
	}

	// Faults come after authentication and routing.
	f.emu.InjectFault("DescribeImageAuthorizedInfo", 1, 200, "InternalError", internalMsg)
	_, err = tcDescribe(f.client(t, common.NewCredential(tcCred.AccessKey, "wrong"), tcRegion, nil))
	tcWantSDKError(t, err, "AuthFailure.SignatureFailure", "")
	_, err = tcCall(c, tcssService, "2018-03-21", tcssDescribeImageAuthorizedInfo, nil)
	tcWantSDKError(t, err, "NoSuchVersion", "")
	_, err = tcDescribe(c)
	tcWantSDKError(t, err, "InternalError", internalMsg)
}

// TestTencentMergedData: a data section that sets only regions keeps the
// default answer, and the server answers from it.
func TestTencentMergedData(t *testing.T) {
	d := DefaultData()
	d.Merge(&Data{Regions: []string{"ap-beijing"}})
	if info := d.ImageAuthorizedInfo; info == nil || *info.PurchasedAuthorizedCnt != 300000 {
		t.Errorf("default info lost: %+v", info)
	}
	f := newTCFixture(t, &d, false)
	if _, err := tcDescribe(f.client(t, common.NewCredential(tcCred.AccessKey, tcCred.SecretKey), "ap-beijing", nil)); err != nil {
		t.Error(err)
	}
}

func TestTencentOmittedFieldsStayOmitted(t *testing.T) {
	five := uint64(5)
	key := "sv_test"
	tests := []struct {
		name string
		info *TCSSImageAuthorizedInfo
		want string // Response without RequestId
	}{
		{"no data", nil, `{}`},
		{"one count", &TCSSImageAuthorizedInfo{TotalAuthorizedCnt: &five}, `{"TotalAuthorizedCnt":5}`},
		{"partial inquire info", &TCSSImageAuthorizedInfo{ImageScanInquireInfo: &TCSSImageScanInquireInfo{InquireKey: &key}}, `{"ImageScanInquireInfo":{"InquireKey":"sv_test"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := DefaultData()
			data.ImageAuthorizedInfo = tt.info
			f := newTCFixture(t, &data, false)
			body, err := tcDescribe(f.defaultClient(t))
			if err != nil {
				t.Fatal(err)
			}
			resp := body["Response"].(map[string]any)
			delete(resp, "RequestId")
			got, _ := json.Marshal(resp)
			if string(got) != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

// tcSigned builds a request signed like the SDK, with hooks to break it.
type tcSigned struct {
	method, query, body, action, version, region, token string
	service, host                                       string // "": tcss, the server's own host
	cred                                                emulator.Credential
	ts                                                  time.Time
	scopeDate                                           string // "" derives it from ts
	headers                                             map[string]string
}

func (s tcSigned) request(t *testing.T, base string) *http.Request {
	t.Helper()
	if s.method == "" {
		s.method = http.MethodPost
	}
	cred := s.cred
	if cred.AccessKey == "" {
		cred = tcCred
	}
	if s.ts.IsZero() {
		s.ts = time.Now()
	}
	if s.scopeDate == "" {
		s.scopeDate = s.ts.UTC().Format("2006-01-02")
	}
	if s.service == "" {
		s.service = tcssService
	}
	hr, err := http.NewRequest(s.method, base+"/?"+s.query, strings.NewReader(s.body))
	if err != nil {
		t.Fatal(err)
	}
	if s.host != "" {
		hr.Host = s.host
	}
	hr.Header.Set("Content-Type", "application/json")
	if s.method == http.MethodGet {
		hr.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	hr.Header.Set("X-TC-Action", s.action)
	hr.Header.Set("X-TC-Version", s.version)
	hr.Header.Set("X-TC-Timestamp", strconv.FormatInt(s.ts.Unix(), 10))
	if s.region != "" {
		hr.Header.Set("X-TC-Region", s.region)
	}
	if s.token != "" {
		hr.Header.Set("X-TC-Token", s.token)
	}
	sig := tc3Signature(cred.SecretKey, hr.Header.Get("X-TC-Timestamp"), s.scopeDate, s.service,
		tc3CanonicalRequest(hr, "content-type;host", []byte(s.body)))
	hr.Header.Set("Authorization", fmt.Sprintf("TC3-HMAC-SHA256 Credential=%s/%s/%s/tc3_request, SignedHeaders=content-type;host, Signature=%s",
		cred.AccessKey, s.scopeDate, s.service, sig))
	for k, v := range s.headers {
		if v == "" {
			hr.Header.Del(k)
		} else {
			hr.Header.Set(k, v)
		}
	}
	return hr
}

// tcDo sends hr and decodes the API 3.0 envelope.
func tcDo(t *testing.T, hr *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	var body struct{ Response map[string]any }
	resp, raw := emutest.DoJSON(t, hr, &body)
	if body.Response == nil {
		t.Fatalf("body %q: no Response", raw)
	}
	if resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type %q", resp.Header.Get("Content-Type"))
	}
	return resp, body.Response
}

func TestTencentHandMadeRequests(t *testing.T) {
	f := newTCFixture(t, nil, false)
	now := time.Now()
	describe := tcSigned{action: "DescribeImageAuthorizedInfo", version: "2020-11-01", region: tcRegion, body: "{}"}
	with := func(mod func(*tcSigned)) tcSigned {
		s := describe
		s.headers = map[string]string{}
		mod(&s)
		return s
	}
	const sigFail = "The provided credentials could not be validated. Please check your signature is correct."
	const badAuthz = "The request `Authorization` header does not conform to tencentcloud standards: "
	expired := regexp.MustCompile("^Signature expired\\. Please use local time and enable NTP service for time synchronization to avoid a deviation between `Timestamp` and the server time [0-9]+\\.$")

	tests := []struct {
		name string
		req  tcSigned
		code string // "" = success
		msg  string
	}{
		{"valid", describe, "", ""},
		{"clock 4 minutes behind", with(func(s *tcSigned) { s.ts = now.Add(-4 * time.Minute) }), "", ""},
		{"timestamp 301s old", with(func(s *tcSigned) { s.ts = now.Add(-301 * time.Second) }), "AuthFailure.SignatureExpire", ""},
		{"timestamp 10 minutes ahead", with(func(s *tcSigned) { s.ts = now.Add(10 * time.Minute) }), "AuthFailure.SignatureExpire", ""},
		{"scope date not the timestamp's", with(func(s *tcSigned) { s.scopeDate = now.UTC().AddDate(0, 0, -1).Format("2006-01-02") }), "AuthFailure.SignatureFailure", sigFail},
		{"content type altered", with(func(s *tcSigned) { s.headers["Content-Type"] = "application/json; charset=utf-8" }), "AuthFailure.SignatureFailure", sigFail},
		{"no Authorization", with(func(s *tcSigned) { s.headers["Authorization"] = "" }), "AuthFailure.SignatureFailure", sigFail},
		{"other algorithm", with(func(s *tcSigned) { s.headers["Authorization"] = "HMAC-SHA256 Credential=x" }), "AuthFailure.InvalidAuthorization", badAuthz + "`Algorithm` not valid."},
		{"garbled Authorization", with(func(s *tcSigned) { s.headers["Authorization"] = "TC3-HMAC-SHA256 nonsense" }), "AuthFailure.InvalidAuthorization", badAuthz + "malformed `nonsense`."},
		{"Authorization without signature", with(func(s *tcSigned) {
			s.headers["Authorization"] = "TC3-HMAC-SHA256 Credential=" + tcCred.AccessKey + "/2024-01-01/tcss/tc3_request, SignedHeaders=content-type;host"
		}), "AuthFailure.InvalidAuthorization", badAuthz + "`Credential`, `SignedHeaders` and `Signature` are required."},
		{"short credential scope", with(func(s *tcSigned) {
			s.headers["Authorization"] = "TC3-HMAC-SHA256 Credential=" + tcCred.AccessKey + "/tcss, SignedHeaders=content-type;host, Signature=00"
		}), "AuthFailure.InvalidAuthorization", badAuthz + "`Credential` not valid."},
		{"host not signed", with(func(s *tcSigned) {
			s.headers["Authorization"] = "TC3-HMAC-SHA256 Credential=" + tcCred.AccessKey + "/2024-01-01/tcss/tc3_request, SignedHeaders=content-type, Signature=00"
		}), "AuthFailure.InvalidAuthorization", badAuthz + "`SignedHeaders` must include content-type and host."},
		{"empty SecretId", with(func(s *tcSigned) {
			s.headers["Authorization"] = "TC3-HMAC-SHA256 Credential=/2024-01-01/tcss/tc3_request, SignedHeaders=content-type;host, Signature=00"
		}), "AuthFailure.SecretIdNotFound", "The SecretId is not found, please ensure that your SecretId is correct."},
		{"no timestamp", with(func(s *tcSigned) { s.headers["X-TC-Timestamp"] = "" }), "MissingParameter", "The request is missing a required parameter `Timestamp`."},
		{"timestamp not a number", with(func(s *tcSigned) { s.headers["X-TC-Timestamp"] = "yesterday" }), "InvalidParameter", "Parameter `Timestamp` type error."},
		{"no version", with(func(s *tcSigned) { s.version = "" }), "MissingParameter", "The request is missing a required parameter `Version`."},
		{"no action", with(func(s *tcSigned) { s.action = "" }), "MissingParameter", "The request is missing a required parameter `Action`."},
		{"body not JSON", with(func(s *tcSigned) { s.body = "{not json" }), "InvalidParameter", "The request body is not a valid JSON object."},
		{"body a JSON array", with(func(s *tcSigned) { s.body = "[]" }), "InvalidParameter", "The request body is not a valid JSON object."},
		{"body null", with(func(s *tcSigned) { s.body = "null" }), "InvalidParameter", "The request body is not a valid JSON object."},
		{"empty body", with(func(s *tcSigned) { s.body = "" }), "", ""},
		{"GET", with(func(s *tcSigned) { s.method = "GET"; s.body = "" }), "", ""},
		{"GET with a parameter", with(func(s *tcSigned) { s.method = "GET"; s.body = ""; s.query = "Offset=0&Limit=1" }), "UnknownParameter", "The parameter `Limit` is not recognized."},
		{"POST with a parameter", with(func(s *tcSigned) { s.body = `{"Offset":0,"Filters":[]}` }), "UnknownParameter", "The parameter `Filters` is not recognized."},
		{"PUT", with(func(s *tcSigned) { s.method = "PUT" }), "UnsupportedProtocol", "HTTP(S) request protocol error; only GET and POST requests are supported."},
		{"security token", with(func(s *tcSigned) { s.cred = tcTokenCred; s.token = tcTokenCred.SecurityToken }), "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tcDo(t, tt.req.request(t, f.srv.URL))
			rec := f.lastRecord(t)
			// API 3.0 answers errors with HTTP 200 too.
			if resp.StatusCode != 200 || body["RequestId"] != rec.RequestID || !tcUUID.MatchString(rec.RequestID) || rec.Status != 200 || rec.Cloud != "tencentcloud" {
				t.Errorf("status %d body %v record %+v", resp.StatusCode, body, rec)
			}
			e, _ := body["Error"].(map[string]any)
			switch {
			case tt.code == "" && e != nil:
				t.Errorf("unexpected error %v", e)
			case tt.code != "" && (e == nil || e["Code"] != tt.code):
				t.Errorf("error %v, want %s", e, tt.code)
			case tt.code == "AuthFailure.SignatureExpire" && !expired.MatchString(e["Message"].(string)):
				t.Errorf("message %q", e["Message"])
			case tt.msg != "" && e["Message"] != tt.msg:
				t.Errorf("message %q, want %q", e["Message"], tt.msg)
			}
		})
	}
}

func TestTencentSignatureCoversRequest(t *testing.T) {
	f := newTCFixture(t, nil, false)
	// A fixed timestamp, so a re-signed request differs only in what is tampered with.
	base := tcSigned{action: "DescribeImageAuthorizedInfo", version: "2020-11-01", region: tcRegion, body: "{}", ts: time.Now()}
	tests := []struct {
		name   string
		tamper func(hr *http.Request)
	}{
		{"body", func(hr *http.Request) { hr.Body = io.NopCloser(strings.NewReader(`{ }`)); hr.ContentLength = 3 }},
		{"method", func(hr *http.Request) { hr.Method = http.MethodGet }},
		{"query", func(hr *http.Request) { hr.URL.RawQuery = "Limit=1" }},
		{"host", func(hr *http.Request) { hr.Host = "tcss.tencentcloudapi.com" }},
		{"timestamp", func(hr *http.Request) {
			ts, _ := strconv.ParseInt(hr.Header.Get("X-TC-Timestamp"), 10, 64)
			hr.Header.Set("X-TC-Timestamp", strconv.FormatInt(ts-1, 10))
		}},
		{"signature", func(hr *http.Request) {
			a := hr.Header.Get("Authorization")
			hr.Header.Set("Authorization", a[:len(a)-8]+"00000000")
		}},
		{"other secret's signature", func(hr *http.Request) {
			other := base
			other.cred = emulator.Credential{AccessKey: tcCred.AccessKey, SecretKey: "guess"}
			hr.Header.Set("Authorization", other.request(t, "http://"+hr.Host).Header.Get("Authorization"))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hr := base.request(t, f.srv.URL)
			tt.tamper(hr)
			_, body := tcDo(t, hr)
			e, _ := body["Error"].(map[string]any)
			if e == nil || !strings.HasPrefix(e["Code"].(string), "AuthFailure.") {
				t.Errorf("tampered %s accepted: %v", tt.name, body)
			}
		})
	}
}

func TestTencentConcurrentRequests(t *testing.T) {
	f := newTCFixture(t, nil, false)
	c := f.defaultClient(t)
	const workers, each = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for range workers {
		wg.Go(func() {
			for range each {
				if _, err := tcDescribe(c); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := f.emu.Count("DescribeImageAuthorizedInfo"); n != workers*each {
		t.Errorf("Count = %d", n)
	}
}

func TestTencentRequestID(t *testing.T) {
	for range 20 {
		id := tencentRequestID(emulator.NewRequestID())
		if !tcUUID.MatchString(id) {
			t.Fatalf("%q is not a UUID v4", id)
		}
	}
	if got := tencentRequestID("not-hex"); got != "not-hex" {
		t.Errorf("got %q", got)
	}
}

// TestTencentSignerMatchesDocExample checks the verifier against the worked
// example in Tencent's signature v3 documentation, whose published hashes and
// signature (computed with the masked example key) are independent of this code.
func TestTencentSignerMatchesDocExample(t *testing.T) {
	const payload = `{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`
	tests := []struct {
		name          string
		signedHeaders string
		wantHash      string // SHA-256 of the canonical request
		wantSignature string // "" where the documentation masks it
	}{
		{"content-type;host", "content-type;host", "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
			"2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c"},
		// The newer example also signs X-TC-Action, whose value is lowercased.
		{"with x-tc-action", "content-type;host;x-tc-action", "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hr := httptest.NewRequest(http.MethodPost, "https://cvm.tencentcloudapi.com/", strings.NewReader(payload))
			hr.Header.Set("Content-Type", "application/json; charset=utf-8")
			hr.Header.Set("X-TC-Action", "DescribeInstances")
			if got := emulator.HexSHA256([]byte(payload)); got != "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064" {
				t.Fatalf("payload hash %s", got)
			}
			canonical := tc3CanonicalRequest(hr, tt.signedHeaders, []byte(payload))
			if got := emulator.HexSHA256([]byte(canonical)); got != tt.wantHash {
				t.Errorf("canonical request hash %s, want %s\n%s", got, tt.wantHash, canonical)
			}
			if tt.wantSignature != "" {
				if got := tc3Signature("Gu5t9xGARNpq86cd98joQYCN3*******", "1551113065", "2019-02-25", "cvm", canonical); got != tt.wantSignature {
					t.Errorf("signature %s, want %s", got, tt.wantSignature)
				}
			}
		})
	}
}

// TestTencentRelativeTimes: relative times resolve at start, written as TCSS
// writes them: "2006-01-02 15:04:05" in Beijing time.
func TestTencentRelativeTimes(t *testing.T) {
	end := "now+1h"
	c := New(Options{Data: &Data{ImageAuthorizedInfo: &TCSSImageAuthorizedInfo{ImageScanInquireInfo: &TCSSImageScanInquireInfo{EndTime: &end}}}})
	got := *c.data.ImageAuthorizedInfo.ImageScanInquireInfo.EndTime
	parsed, err := time.ParseInLocation("2006-01-02 15:04:05", got, time.FixedZone("CST", 8*3600))
	if d := time.Until(parsed); err != nil || d < 59*time.Minute || d > time.Hour {
		t.Errorf("EndTime %q (%v), want an hour from now in Beijing time", got, err)
	}
	if end != "now+1h" {
		t.Error("New changed the caller's data")
	}
}
