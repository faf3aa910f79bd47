package alibaba

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	credutils "github.com/aliyun/credentials-go/credentials/utils"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/emutest"
)

const (
	testRoleARN = "acs:ram::1234567890123456:role/reader"
	testOIDCARN = "acs:ram::1234567890123456:oidc-provider/ci"
	testIDToken = "eyJhbGciOiJSUzI1NiJ9.ci-token.sig"
)

func stsFixture(t *testing.T) (*emulator.Server, *httptest.Server) {
	t.Helper()
	emu := newServer(Options{
		Credentials: []emulator.Credential{aliTestCred},
		Identity: Identity{
			Roles: []Role{
				{ARN: testRoleARN, OIDCProviderARN: testOIDCARN},
				{ARN: "acs:ram::1234567890123456:role/guarded", ExternalID: "ext-1"},
			},
			OIDCProviders: []OIDCProvider{{ARN: testOIDCARN, Tokens: []string{testIDToken}}},
			MetadataRole:  "EcsRole",
		},
	})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return emu, srv
}

// stsRequest builds an Sts request as credentials-go does: query + form body, signed (when
// cred is not nil) with the SDK's own HMAC-SHA1 helper over the RPC string-to-sign.
func stsRequest(t *testing.T, base, action string, cred *emulator.Credential, form map[string]string, tamper func(q map[string]string)) *http.Request {
	t.Helper()
	q := map[string]string{"Version": "2015-04-01", "Action": action, "Format": "JSON", "Timestamp": credutils.GetTimeInFormatISO8601()}
	if cred != nil {
		q["SignatureMethod"] = "HMAC-SHA1"
		q["SignatureVersion"] = "1.0"
		q["SignatureNonce"] = credutils.GetUUID()
		q["AccessKeyId"] = cred.AccessKey
		if cred.SecurityToken != "" {
			q["SecurityToken"] = cred.SecurityToken
		}
		all := map[string]string{}
		for k, v := range q {
			all[k] = v
		}
		for k, v := range form {
			all[k] = v
		}
		sts := strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(credutils.GetURLFormedMap(all))
		q["Signature"] = credutils.ShaHmac1("POST&%2F&"+url.QueryEscape(sts), cred.SecretKey+"&")
	}
	if tamper != nil {
		tamper(q)
	}
	r, err := http.NewRequest(http.MethodPost, base+"/?"+credutils.GetURLFormedMap(q), strings.NewReader(credutils.GetURLFormedMap(form)))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return r
}

func stsDo(t *testing.T, r *http.Request) (int, map[string]any) {
	t.Helper()
	var body map[string]any
	res, _ := emutest.DoJSON(t, r, &body)
	return res.StatusCode, body
}

func TestAlibabaSTSAssumeRole(t *testing.T) {
	emu, srv := stsFixture(t)
	form := map[string]string{"RoleArn": testRoleARN, "RoleSessionName": "s1", "DurationSeconds": "900"}
	status, body := stsDo(t, stsRequest(t, srv.URL, "AssumeRole", &aliTestCred, form, nil))
	if status != 200 {
		t.Fatalf("status %d: %v", status, body)
	}
	issued := emu.Issued(Name)
	if len(issued) != 1 || issued[0].Caller != aliTestCred.AccessKey || issued[0].Role != testRoleARN {
		t.Fatalf("issued = %+v", issued)
	}
	c := body["Credentials"].(map[string]any)
	if c["AccessKeyId"] != issued[0].AccessKey || c["SecurityToken"] != issued[0].SecurityToken {
		t.Errorf("credentials %v, issued %+v", c, issued[0])
	}
	exp, err := time.Parse(acsDateFormat, c["Expiration"].(string))
	if err != nil || time.Until(exp) > 16*time.Minute || time.Until(exp) < 14*time.Minute {
		t.Errorf("Expiration %v (%v), want in 15 minutes", c["Expiration"], err)
	}
	if !strings.Contains(body["AssumedRoleUser"].(map[string]any)["Arn"].(string), ":assumed-role/reader/s1") {
		t.Errorf("AssumedRoleUser %v", body["AssumedRoleUser"])
	}
	// Chaining: the issued credential (with its token) may assume a role in turn.
	tmp := issued[0].Credential
	if status, body := stsDo(t, stsRequest(t, srv.URL, "AssumeRole", &tmp, form, nil)); status != 200 {
		t.Fatalf("chained: status %d: %v", status, body)
	}
	rec := emu.Requests()
	if rec[0].Action != "AssumeRole" || rec[0].Cloud != "alicloud" || rec[0].AccessKey != aliTestCred.AccessKey {
		t.Errorf("record %+v", rec[0])
	}
}

func TestAlibabaSTSErrors(t *testing.T) {
	_, srv := stsFixture(t)
	wrong := emulator.Credential{AccessKey: aliTestCred.AccessKey, SecretKey: "wrong"}
	unknown := emulator.Credential{AccessKey: "LTAIUNKNOWN", SecretKey: "x"}
	form := map[string]string{"RoleArn": testRoleARN, "RoleSessionName": "s"}
	cases := []struct {
		name   string
		req    func() *http.Request
		status int
		code   string
	}{
		{"wrong secret", func() *http.Request { return stsRequest(t, srv.URL, "AssumeRole", &wrong, form, nil) }, 400, "SignatureDoesNotMatch"},
		{"unknown key", func() *http.Request { return stsRequest(t, srv.URL, "AssumeRole", &unknown, form, nil) }, 404, "InvalidAccessKeyId.NotFound"},
		{"unsigned", func() *http.Request { return stsRequest(t, srv.URL, "AssumeRole", nil, form, nil) }, 400, "IncompleteSignature"},
		{"tampered", func() *http.Request {
			return stsRequest(t, srv.URL, "AssumeRole", &aliTestCred, form, func(q map[string]string) { q["Format"] = "XML" })
		}, 400, "SignatureDoesNotMatch"},
		{"unknown role", func() *http.Request {
			return stsRequest(t, srv.URL, "AssumeRole", &aliTestCred, map[string]string{"RoleArn": "acs:ram::1:role/none", "RoleSessionName": "s"}, nil)
		}, 404, "EntityNotExist.Role"},
		{"external id missing", func() *http.Request {
			return stsRequest(t, srv.URL, "AssumeRole", &aliTestCred, map[string]string{"RoleArn": "acs:ram::1234567890123456:role/guarded", "RoleSessionName": "s"}, nil)
		}, 403, "NoPermission"},
		{"duration too long", func() *http.Request {
			return stsRequest(t, srv.URL, "AssumeRole", &aliTestCred, map[string]string{"RoleArn": testRoleARN, "RoleSessionName": "s", "DurationSeconds": "43201"}, nil)
		}, 400, "InvalidParameter.DurationSeconds"},
		{"bad OIDC token", func() *http.Request {
			return stsRequest(t, srv.URL, "AssumeRoleWithOIDC", nil, map[string]string{"RoleArn": testRoleARN, "RoleSessionName": "s", "OIDCProviderArn": testOIDCARN, "OIDCToken": "forged"}, nil)
		}, 400, "AuthenticationFail.OIDCToken.Invalid"},
		{"unknown OIDC provider", func() *http.Request {
			return stsRequest(t, srv.URL, "AssumeRoleWithOIDC", nil, map[string]string{"RoleArn": testRoleARN, "RoleSessionName": "s", "OIDCProviderArn": "acs:ram::1:oidc-provider/x", "OIDCToken": testIDToken}, nil)
		}, 404, "EntityNotExist.OIDCProvider"},
		{"role not trusting the provider", func() *http.Request {
			return stsRequest(t, srv.URL, "AssumeRoleWithOIDC", nil, map[string]string{"RoleArn": "acs:ram::1234567890123456:role/guarded", "RoleSessionName": "s", "OIDCProviderArn": testOIDCARN, "OIDCToken": testIDToken}, nil)
		}, 403, "NoPermission"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := stsDo(t, tc.req())
			if status != tc.status || body["Code"] != tc.code {
				t.Fatalf("got %d %v, want %d %s", status, body, tc.status, tc.code)
			}
			for _, k := range []string{"RequestId", "HostId", "Message", "Recommend"} {
				if body[k] == "" || body[k] == nil {
					t.Errorf("error body lacks %s: %v", k, body)
				}
			}
			if !strings.Contains(body["Recommend"].(string), "product=Sts") {
				t.Errorf("Recommend %v", body["Recommend"])
			}
		})
	}
}

func TestAlibabaSTSOIDCAndIssuedCredentialsForSAS(t *testing.T) {
	emu, srv := stsFixture(t)
	form := map[string]string{"RoleArn": testRoleARN, "RoleSessionName": "ci", "OIDCProviderArn": testOIDCARN, "OIDCToken": testIDToken}
	status, body := stsDo(t, stsRequest(t, srv.URL, "AssumeRoleWithOIDC", nil, form, nil))
	if status != 200 {
		t.Fatalf("status %d: %v", status, body)
	}
	issued := emu.Issued(Name)[0]
	// The SAS API accepts the issued key with its token only.
	cloud := emu.Backend(Name).(*Cloud)
	cloud.credMu.RLock()
	_, ok := cloud.creds[issued.AccessKey]
	cloud.credMu.RUnlock()
	if !ok {
		t.Fatal("issued credential not accepted")
	}
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("x-acs-security-token", "CAISwrong")
	if fl := checkSecurityToken(r, issued.Credential); fl != aliTokenMismatch {
		t.Errorf("wrong token: %v", fl)
	}
	r.Header.Del("x-acs-security-token")
	if fl := checkSecurityToken(r, issued.Credential); fl == nil || fl.Code != "MissingParameter" {
		t.Errorf("no token: %v", fl)
	}
}

func TestAlibabaMetadata(t *testing.T) {
	emu, srv := stsFixture(t)
	get := func(method, path, token string) (int, string) {
		r, _ := http.NewRequest(method, srv.URL+path, nil)
		r.Host = MetadataHost
		if token != "" {
			r.Header.Set("X-aliyun-ecs-metadata-token", token)
		}
		if method == http.MethodPut {
			r.Header.Set("X-aliyun-ecs-metadata-token-ttl-seconds", "21600")
		}
		res, err := http.DefaultClient.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	status, token := get(http.MethodPut, "/latest/api/token", "")
	if status != 200 || token == "" {
		t.Fatalf("token: %d %q", status, token)
	}
	if status, name := get(http.MethodGet, metadataCredentialsPath, token); status != 200 || name != "EcsRole" {
		t.Fatalf("role: %d %q", status, name)
	}
	if status, _ := get(http.MethodGet, metadataCredentialsPath+"EcsRole", "forged"); status != 401 {
		t.Errorf("forged token: %d", status)
	}
	if status, _ := get(http.MethodGet, metadataCredentialsPath+"Other", token); status != 404 {
		t.Errorf("other role: %d", status)
	}
	status, body := get(http.MethodGet, metadataCredentialsPath+"EcsRole", token)
	var m ecsMetadataResponse
	if status != 200 || json.Unmarshal([]byte(body), &m) != nil || m.Code != "Success" {
		t.Fatalf("credentials: %d %s", status, body)
	}
	issued := emu.Issued(Name)
	if len(issued) != 1 || issued[0].AccessKey != m.AccessKeyID || issued[0].SecurityToken != m.SecurityToken {
		t.Errorf("issued %+v, answered %+v", issued, m)
	}
	acts := []string{}
	for _, r := range emu.Requests() {
		acts = append(acts, r.Action)
	}
	if strings.Join(acts, ",") != "ECSMetadataToken,ECSMetadataRoleName,ECSMetadataCredentials,ECSMetadataCredentials,ECSMetadataCredentials" {
		t.Errorf("recorded %v", acts)
	}
}
