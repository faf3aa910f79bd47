package alibaba

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	openapi "github.com/alibabacloud-go/darabonba-openapi/v2/client"
	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"
	"github.com/aliyun/credentials-go/credentials"

	alibabaclient "github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/emutest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// aliDocExample is the vendor documentation's example output.
var aliDocExample = seeds.SASAuthSummary

var aliUUID = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

var aliTestCred = emulator.Credential{AccessKey: "LTAITESTALIBABA0001", SecretKey: "test-alibaba-secret"}

type aliFixture struct {
	emu    *emulator.Server
	srv    *httptest.Server
	scheme string
}

// newServer serves the emulated Alibaba Cloud alone.
func newServer(opts Options) *emulator.Server {
	return emulator.New(emulator.Options{Backends: []emulator.Backend{New(opts)}})
}

// newAliFixture serves an emulator accepting aliTestCred plus extra.
func newAliFixture(t *testing.T, data *Data, useTLS bool, extra ...emulator.Credential) *aliFixture {
	t.Helper()
	emu := newServer(Options{Data: data, Credentials: append([]emulator.Credential{aliTestCred}, extra...)})
	srv := httptest.NewUnstartedServer(emu)
	scheme := "http"
	if useTLS {
		srv.StartTLS()
		scheme = "https"
	} else {
		srv.Start()
	}
	t.Cleanup(srv.Close)
	return &aliFixture{emu: emu, srv: srv, scheme: scheme}
}

func (f *aliFixture) host() string { return f.srv.Listener.Addr().String() }

// client builds an SDK client for the emulator, as the provider configures
// one; tune adjusts the configuration first.
func (f *aliFixture) client(t *testing.T, tune func(*openapi.Config)) *openapi.Client {
	t.Helper()
	cfg := &openapi.Config{
		AccessKeyId:     dara.String(aliTestCred.AccessKey),
		AccessKeySecret: dara.String(aliTestCred.SecretKey),
		Endpoint:        dara.String(f.host()),
		Protocol:        dara.String(f.scheme),
		RegionId:        dara.String("cn-hangzhou"),
	}
	if tune != nil {
		tune(cfg)
	}
	c, err := openapi.NewClient(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *aliFixture) lastRecord(t *testing.T) emulator.Request {
	t.Helper()
	reqs := f.emu.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request recorded")
	}
	return reqs[len(reqs)-1]
}

// aliCall calls an RPC action as the generated Sas client does. RetryOptions
// stay nil, so the SDK makes exactly one attempt.
func aliCall(c *openapi.Client, action, version, bodyType string) (map[string]any, error) {
	return c.CallApi(alibabaclient.RPCParams(action, version, bodyType), &openapi.OpenApiRequest{Query: map[string]*string{}}, &dara.RuntimeOptions{IgnoreSSL: dara.Bool(true)})
}

func aliGetAuthSummary(c *openapi.Client) (map[string]any, error) {
	return aliCall(c, sasGetAuthSummary, sasVersion, "json")
}

// aliWantSDKError checks the SDK's default error: DoRequest wraps its typed
// errors with dara.TeaSDKError into a *tea.SDKError whose Data is the error
// body as JSON. It returns the request ID from that body.
func aliWantSDKError(t *testing.T, err error, status int, code, msg string) string {
	t.Helper()
	var se *tea.SDKError
	if !errors.As(err, &se) {
		t.Fatalf("error %T %v, want *tea.SDKError", err, err)
	}
	if got := dara.IntValue(se.StatusCode); got != status {
		t.Errorf("StatusCode = %d, want %d", got, status)
	}
	if got := dara.StringValue(se.Code); got != code {
		t.Errorf("Code = %q, want %q", got, code)
	}
	if got := dara.StringValue(se.Message); !strings.Contains(got, msg) {
		t.Errorf("Message = %q, want it to contain %q", got, msg)
	}
	var data map[string]any
	if err := json.Unmarshal([]byte(dara.StringValue(se.Data)), &data); err != nil {
		t.Fatalf("Data %q: %v", dara.StringValue(se.Data), err)
	}
	id, _ := data["RequestId"].(string)
	if !aliUUID.MatchString(id) || data["Code"] != code || data["Message"] != msg {
		t.Errorf("error body %v", data)
	}
	return id
}

func TestAlibabaDefaultDataIsDocExample(t *testing.T) {
	f := newAliFixture(t, nil, false)
	c := f.client(t, nil)

	// "string" hands over the body as sent: same fields, order and types as
	// the documentation, with a fresh RequestId.
	res, err := aliCall(c, sasGetAuthSummary, sasVersion, "string")
	if err != nil {
		t.Fatal(err)
	}
	rec := f.lastRecord(t)
	var want bytes.Buffer
	if err := json.Compact(&want, []byte(strings.Replace(aliDocExample, "0B48AB3C-***-B9270EF46038", rec.RequestID, 1))); err != nil {
		t.Fatal(err)
	}
	if got, _ := res["body"].(string); got != want.String() {
		t.Errorf("body\n got  %s\n want %s", got, want.String())
	}
	headers, _ := res["headers"].(map[string]any)
	if headers["content-type"] != "application/json;charset=utf-8" || headers["x-acs-request-id"] != rec.RequestID {
		t.Errorf("headers %v", headers)
	}

	// "json" decodes it: the PostPaid* fields must stay strings.
	res, err = aliGetAuthSummary(c)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := res["body"].(map[string]any)
	for field, want := range map[string]any{
		"PostPaidHostAutoBind": "1", "PostPaidHostAutoBindVersion": "7", "PostPaidHighestVersion": "7",
		"HasPreBindSetting": true, "HighestVersion": json.Number("1"),
	} {
		if got := body[field]; got != want {
			t.Errorf("%s = %#v, want %#v", field, got, want)
		}
	}

	// The typed default is the same document.
	d := DefaultData()
	raw, err := json.Marshal(d.AuthSummary)
	if err != nil {
		t.Fatal(err)
	}
	var fromStruct, fromDoc map[string]any
	if err := json.Unmarshal(raw, &fromStruct); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(aliDocExample), &fromDoc); err != nil {
		t.Fatal(err)
	}
	delete(fromDoc, "RequestId")
	if !reflect.DeepEqual(fromStruct, fromDoc) {
		t.Errorf("defaultAlibabaData\n got  %v\n want %v", fromStruct, fromDoc)
	}
}

func TestAlibabaSDKVariants(t *testing.T) {
	const token = "emulator-sts-token"
	sts := emulator.Credential{AccessKey: "STS.EMULATORTEST0001", SecretKey: "sts-secret", SecurityToken: token}
	plain, tls := newAliFixture(t, nil, false, sts), newAliFixture(t, nil, true)

	tests := []struct {
		name string
		f    *aliFixture
		tune func(*openapi.Config)
		ak   string
	}{
		{name: "http with an access key", f: plain, ak: aliTestCred.AccessKey},
		{name: "https with an access key", f: tls, ak: aliTestCred.AccessKey},
		{
			name: "sts through the config", f: plain, ak: sts.AccessKey,
			tune: func(c *openapi.Config) {
				c.AccessKeyId, c.AccessKeySecret, c.SecurityToken = dara.String(sts.AccessKey), dara.String(sts.SecretKey), dara.String(token)
			},
		},
		{
			// The provider hands over a credentials-go credential.
			name: "sts through credentials-go", f: plain, ak: sts.AccessKey,
			tune: func(c *openapi.Config) {
				cred, err := credentials.NewCredential(&credentials.Config{
					Type: dara.String("sts"), AccessKeyId: dara.String(sts.AccessKey),
					AccessKeySecret: dara.String(sts.SecretKey), SecurityToken: dara.String(token),
				})
				if err != nil {
					t.Fatal(err)
				}
				c.AccessKeyId, c.AccessKeySecret, c.Credential = nil, nil, cred
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := aliGetAuthSummary(tt.f.client(t, tt.tune))
			if err != nil {
				t.Fatal(err)
			}
			rec := tt.f.lastRecord(t)
			body, _ := res["body"].(map[string]any)
			if res["statusCode"] != json.Number("200") || body["RequestId"] != rec.RequestID {
				t.Errorf("response %v", res)
			}
			want := emulator.Request{
				Cloud: "alicloud", Action: "GetAuthSummary", Method: "POST", Path: "/", Query: url.Values{},
				AccessKey: tt.ak, Status: 200, RequestID: rec.RequestID, Time: rec.Time,
			}
			if !aliUUID.MatchString(rec.RequestID) || rec.Time.IsZero() || !reflect.DeepEqual(rec, want) {
				t.Errorf("record\n got  %+v\n want %+v", rec, want)
			}
		})
	}
}

func TestAlibabaSDKErrors(t *testing.T) {
	const token = "emulator-sts-token"
	sts := emulator.Credential{AccessKey: "STS.EMULATORTEST0002", SecretKey: "sts-secret", SecurityToken: token}
	f := newAliFixture(t, nil, false, sts)
	withKey := func(ak, sk, tok string) func(*openapi.Config) {
		return func(c *openapi.Config) {
			c.AccessKeyId, c.AccessKeySecret, c.SecurityToken = dara.String(ak), dara.String(sk), dara.String(tok)
		}
	}

	tests := []struct {
		name            string
		tune            func(*openapi.Config)
		action, version string
		status          int
		code, msg       string
		ak              string // recorded AccessKey
	}{
		{"wrong secret", withKey(aliTestCred.AccessKey, "wrong", ""), sasGetAuthSummary, sasVersion,
			400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.", aliTestCred.AccessKey},
		{"unknown access key", withKey("LTAIUNKNOWN", "x", ""), sasGetAuthSummary, sasVersion,
			404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", "LTAIUNKNOWN"},
		{"sts with a wrong token", withKey(sts.AccessKey, sts.SecretKey, "stolen"), sasGetAuthSummary, sasVersion,
			400, "InvalidSecurityToken.Mismatch", "Specified SecurityToken mismatch with the AccessKey.", sts.AccessKey},
		{"sts without its token", withKey(sts.AccessKey, sts.SecretKey, ""), sasGetAuthSummary, sasVersion,
			400, "MissingParameter", `The input parameter "SecurityToken" that is mandatory for processing this request is not supplied.`, sts.AccessKey},
		{"token for a permanent key", withKey(aliTestCred.AccessKey, aliTestCred.SecretKey, token), sasGetAuthSummary, sasVersion,
			400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.", aliTestCred.AccessKey},
		{"wrong version", nil, sasGetAuthSummary, "2017-01-01",
			400, "InvalidVersion", "Specified parameter Version is not valid.", aliTestCred.AccessKey},
		{"unknown action", nil, "DescribeVersionConfig", sasVersion,
			404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.", aliTestCred.AccessKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := f.emu.Count("")
			_, err := aliCall(f.client(t, tt.tune), tt.action, tt.version, "json")
			id := aliWantSDKError(t, err, tt.status, tt.code, tt.msg)
			// One attempt only: the SDK does not retry without RetryOptions.
			if n := f.emu.Count(""); n != before+1 {
				t.Errorf("%d requests, want 1", n-before)
			}
			rec := f.lastRecord(t)
			if rec.Cloud != "alicloud" || rec.Action != tt.action || rec.AccessKey != tt.ak || rec.Status != tt.status || rec.RequestID != id {
				t.Errorf("record %+v", rec)
			}
		})
	}
}

func TestAlibabaInjectedFaults(t *testing.T) {
	f := newAliFixture(t, nil, false)
	wrapped := f.client(t, nil)
	typed := f.client(t, nil)
	// What the provider does: keep the SDK's own typed errors.
	typed.DisableSDKError = dara.Bool(true)

	// The SDK's typed errors share these getters.
	type responseError interface {
		error
		GetStatusCode() *int
		GetCode() *string
		GetRequestId() *string
		GetData() map[string]any
	}
	tests := []struct {
		status    int
		code, msg string
		typed     func(error) bool
	}{
		{403, "NoPermission", "caller has no permission", func(err error) bool { var e *openapi.ClientError; return errors.As(err, &e) }},
		{400, "Throttling.User", "Request was denied due to user flow control.", func(err error) bool { var e *openapi.ThrottlingError; return errors.As(err, &e) }},
		{500, "ServerError", "ServerError", func(err error) bool { var e *openapi.ServerError; return errors.As(err, &e) }},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			f.emu.InjectFault(sasGetAuthSummary, 2, tt.status, tt.code, tt.msg)
			before := f.emu.Count(sasGetAuthSummary)

			_, err := aliGetAuthSummary(wrapped)
			id := aliWantSDKError(t, err, tt.status, tt.code, tt.msg)
			if rec := f.lastRecord(t); rec.RequestID != id || rec.Status != tt.status {
				t.Errorf("record %+v, body request ID %s", rec, id)
			}

			_, err = aliGetAuthSummary(typed)
			var re responseError
			if !errors.As(err, &re) || !tt.typed(err) {
				t.Fatalf("error %T %v", err, err)
			}
			rec := f.lastRecord(t)
			if dara.IntValue(re.GetStatusCode()) != tt.status || dara.StringValue(re.GetCode()) != tt.code ||
				dara.StringValue(re.GetRequestId()) != rec.RequestID || re.GetData()["Message"] != tt.msg ||
				re.GetData()["HostId"] != f.host() {
				t.Errorf("typed error %#v", re)
			}

			// Both faults are used up, one attempt each.
			if _, err := aliGetAuthSummary(wrapped); err != nil {
				t.Errorf("after the faults: %v", err)
			}
			if n := f.emu.Count(sasGetAuthSummary); n != before+3 {
				t.Errorf("%d requests, want 3", n-before)
			}
		})
	}
}

// aliSigned describes a hand-made request, signed by the SDK's own
// GetAuthorization.
type aliSigned struct {
	method, path string
	query        map[string]string
	body         string
	headers      map[string]string // override the SDK's headers before signing; "" removes one
	cred         emulator.Credential
	tamper       func(*http.Request) // after signing
}

func (f *aliFixture) request(t *testing.T, s aliSigned) *http.Request {
	t.Helper()
	if s.method == "" {
		s.method = http.MethodPost
	}
	if s.path == "" {
		s.path = "/"
	}
	if s.cred == (emulator.Credential{}) {
		s.cred = aliTestCred
	}
	h := map[string]*string{
		"host":                  dara.String(f.host()),
		"x-acs-version":         dara.String(sasVersion),
		"x-acs-action":          dara.String(sasGetAuthSummary),
		"x-acs-date":            dara.String(time.Now().UTC().Format(acsDateFormat)),
		"x-acs-signature-nonce": dara.String(emulator.NewRequestID()),
		"x-acs-content-sha256":  dara.String(emulator.HexSHA256([]byte(s.body))),
		"accept":                dara.String("application/json"),
	}
	for k, v := range s.headers {
		if v == "" {
			delete(h, k)
		} else {
			h[k] = dara.String(v)
		}
	}
	q := map[string]*string{}
	vals := url.Values{}
	for k, v := range s.query {
		q[k] = dara.String(v)
		vals.Set(k, v)
	}
	dr := dara.NewRequest()
	dr.Method, dr.Pathname, dr.Headers, dr.Query = dara.String(s.method), dara.String(s.path), h, q
	payload := emulator.HexSHA256([]byte(s.body))
	if v, ok := h["x-acs-content-sha256"]; ok {
		payload = *v
	}
	authz := openapiutil.GetAuthorization(dr, dara.String(acs3Algorithm), dara.String(payload), dara.String(s.cred.AccessKey), dara.String(s.cred.SecretKey))

	target := f.srv.URL + s.path
	if len(vals) > 0 {
		target += "?" + vals.Encode()
	}
	hr, err := http.NewRequest(s.method, target, strings.NewReader(s.body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range h {
		if k != "host" {
			hr.Header[k] = []string{*v}
		}
	}
	hr.Header.Set("Authorization", *authz)
	if s.tamper != nil {
		s.tamper(hr)
	}
	return hr
}

// aliDo sends hr and decodes the JSON answer.
func aliDo(t *testing.T, hr *http.Request) (*http.Response, map[string]any) {
	t.Helper()
	var body map[string]any
	resp, _ := emutest.DoJSON(t, hr, &body)
	return resp, body
}

func TestAlibabaHandMadeRequests(t *testing.T) {
	f := newAliFixture(t, nil, false)
	stale := time.Now().Add(-20 * time.Minute).UTC().Format(acsDateFormat)
	future := time.Now().Add(20 * time.Minute).UTC().Format(acsDateFormat)

	tests := []struct {
		name   string
		req    aliSigned
		status int
		code   string
	}{
		{"signed like the sdk", aliSigned{}, 200, ""},
		{"query and form body are covered", aliSigned{
			query: map[string]string{"RegionId": "cn-hangzhou", "Lang": "a b*c~d+e/é", "Empty": ""},
			body:  "Foo=bar", headers: map[string]string{"content-type": "application/x-www-form-urlencoded"},
		}, 200, ""},
		{"rpc takes get", aliSigned{method: http.MethodGet}, 200, ""},
		{"a date just inside the window", aliSigned{headers: map[string]string{"x-acs-date": time.Now().Add(-14 * time.Minute).UTC().Format(acsDateFormat)}}, 200, ""},
		{"no authorization", aliSigned{tamper: func(r *http.Request) { r.Header.Del("Authorization") }}, 400, "IncompleteSignature"},
		{"another algorithm", aliSigned{tamper: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "ACS3-HMAC-SHA256", "ACS3-HMAC-SM3", 1))
		}}, 400, "IncompleteSignature"},
		{"an unsigned x-acs header", aliSigned{tamper: func(r *http.Request) { r.Header.Set("x-acs-extra", "1") }}, 400, "IncompleteSignature"},
		{"host left unsigned", aliSigned{tamper: func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "SignedHeaders=host;", "SignedHeaders=", 1))
		}}, 400, "IncompleteSignature"},
		{"no date", aliSigned{headers: map[string]string{"x-acs-date": ""}}, 400, "IllegalTimestamp"},
		{"a malformed date", aliSigned{headers: map[string]string{"x-acs-date": "2024-01-02 03:04:05"}}, 400, "InvalidTimeStamp.Format"},
		{"a stale date", aliSigned{headers: map[string]string{"x-acs-date": stale}}, 400, "InvalidTimeStamp.Expired"},
		{"a future date", aliSigned{headers: map[string]string{"x-acs-date": future}}, 400, "InvalidTimeStamp.Expired"},
		{"no nonce", aliSigned{headers: map[string]string{"x-acs-signature-nonce": ""}}, 400, "MissingParameter"},
		{"a tampered query", aliSigned{query: map[string]string{"Lang": "en"}, tamper: func(r *http.Request) { r.URL.RawQuery = "Lang=zh" }}, 400, "SignatureDoesNotMatch"},
		{"a tampered body", aliSigned{body: "Foo=bar", headers: map[string]string{"content-type": "application/x-www-form-urlencoded"},
			tamper: func(r *http.Request) { r.Body = io.NopCloser(strings.NewReader("Foo=baz")) }}, 400, "SignatureDoesNotMatch"},
		{"a body hash that lies", aliSigned{body: "Foo=bar", headers: map[string]string{
			"content-type": "application/x-www-form-urlencoded", "x-acs-content-sha256": emulator.HexSHA256(nil),
		}}, 400, "SignatureDoesNotMatch"},
		{"no body hash", aliSigned{headers: map[string]string{"x-acs-content-sha256": ""}}, 400, "SignatureDoesNotMatch"},
		{"no version", aliSigned{headers: map[string]string{"x-acs-version": ""}}, 400, "MissingParameter"},
		{"not at the root", aliSigned{path: "/api"}, 404, "InvalidAction.NotFound"},
		{"an unsupported method", aliSigned{method: http.MethodPut}, 404, "InvalidAction.NotFound"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := aliDo(t, f.request(t, tt.req))
			rec := f.lastRecord(t)
			if resp.StatusCode != tt.status || rec.Status != tt.status || rec.Cloud != "alicloud" {
				t.Errorf("status %d, record %+v, body %v", resp.StatusCode, rec, body)
			}
			if got := resp.Header.Get("Content-Type"); got != "application/json;charset=utf-8" {
				t.Errorf("Content-Type %q", got)
			}
			if resp.Header.Get("x-acs-request-id") != rec.RequestID || body["RequestId"] != rec.RequestID {
				t.Errorf("request IDs: header %q, body %v, record %q", resp.Header.Get("x-acs-request-id"), body["RequestId"], rec.RequestID)
			}
			if tt.code == "" {
				return
			}
			want := map[string]any{
				"RequestId": rec.RequestID, "HostId": f.host(), "Code": tt.code, "Message": body["Message"],
				"Recommend": "https://api.aliyun.com/troubleshoot?q=" + tt.code + "&product=Sas&requestId=" + rec.RequestID,
			}
			if msg, _ := body["Message"].(string); msg == "" || !reflect.DeepEqual(body, want) {
				t.Errorf("body\n got  %v\n want %v", body, want)
			}
		})
	}
}

func TestAlibabaNonceReplay(t *testing.T) {
	f := newAliFixture(t, nil, false)
	fixed := map[string]string{
		"x-acs-signature-nonce": "3f1c9a6e2b7d4e58a0c1f2e3d4c5b6a7",
		"x-acs-date":            time.Now().UTC().Format(acsDateFormat),
	}
	wrongSecret := emulator.Credential{AccessKey: aliTestCred.AccessKey, SecretKey: "forged"}

	steps := []struct {
		name   string
		cred   emulator.Credential
		status int
		code   string
	}{
		// A forged request does not use up the nonce of the genuine one.
		{"forged first", wrongSecret, 400, "SignatureDoesNotMatch"},
		{"genuine", aliTestCred, 200, ""},
		{"replayed", aliTestCred, 400, "SignatureNonceUsed"},
		{"replayed again", aliTestCred, 400, "SignatureNonceUsed"},
	}
	for _, st := range steps {
		resp, body := aliDo(t, f.request(t, aliSigned{headers: fixed, cred: st.cred}))
		if resp.StatusCode != st.status || (st.code != "" && body["Code"] != st.code) ||
			(st.code == "SignatureNonceUsed" && body["Message"] != "Specified signature nonce was used already.") {
			t.Errorf("%s: status %d, body %v", st.name, resp.StatusCode, body)
		}
	}
	if got := f.emu.Count(sasGetAuthSummary); got != len(steps) {
		t.Errorf("Count = %d, want %d", got, len(steps))
	}
}

func TestAlibabaNonceExpiry(t *testing.T) {
	a := New(Options{Data: &Data{}})
	now := time.Now()
	steps := []struct {
		key         string
		expires, at time.Time
		want        bool
		remembered  int
	}{
		{"AK\nn1", now.Add(time.Minute), now, true, 1},
		{"AK\nn1", now.Add(time.Minute), now.Add(30 * time.Second), false, 1},
		{"AK\nn2", now.Add(3 * time.Minute), now.Add(2 * time.Minute), true, 1}, // n1 expired and pruned
		{"AK\nn1", now.Add(4 * time.Minute), now.Add(2 * time.Minute), true, 2},
	}
	for i, st := range steps {
		if got := a.useNonce(st.key, st.expires, st.at); got != st.want || len(a.nonces) != st.remembered {
			t.Errorf("step %d: useNonce = %v with %d remembered, want %v with %d", i, got, len(a.nonces), st.want, st.remembered)
		}
	}
}

func TestAlibabaOmittedFieldsStayOmitted(t *testing.T) {
	partial := DefaultData()
	partial.AuthSummary = &SASAuthSummary{
		HighestVersion:         aliPtr[int32](7),
		Machine:                &SASMachine{TotalEcsCount: aliPtr[int32](3)},
		VersionSummary:         []SASVersionSummary{},
		PostPaidVersionSummary: []SASPostPaidVersionSummary{{UsedCoreCount: aliPtr[int64](1 << 40)}},
		PostPaidHighestVersion: aliPtr("5"),
	}
	empty := DefaultData()
	empty.AuthSummary = nil

	tests := []struct {
		name string
		data *Data
		want string // with RequestId as "%s"
	}{
		{"partial", &partial, `{"RequestId":"%s","HighestVersion":7,"Machine":{"TotalEcsCount":3},"VersionSummary":[],"PostPaidVersionSummary":[{"UsedCoreCount":1099511627776}],"PostPaidHighestVersion":"5"}`},
		{"no summary", &empty, `{"RequestId":"%s"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newAliFixture(t, tt.data, false)
			res, err := aliCall(f.client(t, nil), sasGetAuthSummary, sasVersion, "string")
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Replace(tt.want, "%s", f.lastRecord(t).RequestID, 1)
			if got := res["body"]; got != want {
				t.Errorf("body\n got  %v\n want %s", got, want)
			}
		})
	}
}

func aliPtr[T any](v T) *T { return &v }

func TestAlibabaClaims(t *testing.T) {
	a := New(Options{Data: &Data{}})
	tests := []struct {
		name    string
		headers map[string]string
		want    bool
	}{
		{"action header", map[string]string{"x-acs-action": "GetAuthSummary"}, true},
		{"acs3 authorization", map[string]string{"Authorization": "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=00"}, true},
		{"tencent", map[string]string{"X-TC-Action": "DescribeImageAuthorizedInfo", "Authorization": "TC3-HMAC-SHA256 Credential=x"}, false},
		{"huawei", map[string]string{"Authorization": "SDK-HMAC-SHA256 Access=x"}, false},
		{"nothing", nil, false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		for k, v := range tt.headers {
			r.Header.Set(k, v)
		}
		if got := a.Claims(r); got != tt.want {
			t.Errorf("%s: claims = %v", tt.name, got)
		}
	}
}

// aliHTTPClient sends through one shared http.Client. The SDK's default
// client rewrites a per-host http.Client's Timeout on every call, racing with
// calls in flight to the same host (a data race in tea/dara), so concurrent
// callers need their own dara.HttpClient.
type aliHTTPClient struct{ c *http.Client }

func (h aliHTTPClient) Call(r *http.Request, _ *http.Transport) (*http.Response, error) {
	return h.c.Do(r)
}

func TestAlibabaConcurrentRequests(t *testing.T) {
	f := newAliFixture(t, nil, false)
	const n = 16
	// One client per goroutine: an openapi.Client is not safe for concurrent
	// RPC calls either (DoRequest clears its Headers field via GetRpcHeaders).
	clients := make([]*openapi.Client, n)
	for i := range clients {
		clients[i] = f.client(t, func(cfg *openapi.Config) { cfg.HttpClient = aliHTTPClient{f.srv.Client()} })
	}
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for _, c := range clients {
		wg.Go(func() {
			if _, err := aliGetAuthSummary(c); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := f.emu.Count(sasGetAuthSummary); got != n {
		t.Errorf("Count = %d, want %d", got, n)
	}
}

func TestAlibabaRequestID(t *testing.T) {
	for in, want := range map[string]string{
		"0123456789abcdef0123456789abcdef": "01234567-89AB-CDEF-0123-456789ABCDEF",
		"short":                            "short",
	} {
		if got := alibabaRequestID(in); got != want {
			t.Errorf("alibabaRequestID(%q) = %q, want %q", in, got, want)
		}
	}
}
