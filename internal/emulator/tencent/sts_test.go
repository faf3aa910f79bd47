package tencent

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

const (
	tcTestRole     = "qcs::cam::uin/100000000001:roleName/cloudquota-reader"
	tcTestProvider = "github-actions"
	tcTestOIDC     = "eyJhbGciOiJSUzI1NiJ9.test-web-identity-token.sig"
)

func newSTSFixture(t *testing.T) *tcFixture {
	t.Helper()
	emu := newServer(Options{
		Credentials: []emulator.Credential{tcCred},
		Identity: Identity{
			Roles:         []string{tcTestRole},
			OIDCProviders: map[string][]string{tcTestProvider: {tcTestOIDC}},
			MetadataRole:  "cvm-reader",
		},
	})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &tcFixture{emu: emu, srv: srv}
}

// stsCall sends an STS action; skipSign sends it unsigned, as the SDK's OIDC provider does.
func stsCall(c *common.Client, action string, skipSign bool, params map[string]any) (map[string]any, error) {
	return tcSend(c, stsService, tcSTSVersion, action, skipSign, params)
}

// issuedCred reads the credential out of an STS answer.
func issuedCred(t *testing.T, body map[string]any) common.CredentialIface {
	t.Helper()
	r, _ := body["Response"].(map[string]any)
	c, _ := r["Credentials"].(map[string]any)
	id, _ := c["TmpSecretId"].(string)
	key, _ := c["TmpSecretKey"].(string)
	token, _ := c["Token"].(string)
	exp, _ := r["ExpiredTime"].(float64)
	if id == "" || key == "" || token == "" || exp < float64(time.Now().Unix()) || r["Expiration"] == "" {
		t.Fatalf("STS answer lacks credentials: %v", body)
	}
	return common.NewTokenCredential(id, key, token)
}

func TestTencentSTSAssumeRole(t *testing.T) {
	f := newSTSFixture(t)
	c := f.defaultClient(t)
	body, err := stsCall(c, ActionAssumeRole, false, map[string]any{
		"RoleArn": tcTestRole, "RoleSessionName": "test", "DurationSeconds": 900,
	})
	if err != nil {
		t.Fatal(err)
	}
	cred := issuedCred(t, body)
	if rec := f.lastRecord(t); rec.Action != ActionAssumeRole || rec.AccessKey != tcCred.AccessKey {
		t.Errorf("record = %+v", rec)
	}
	issued := f.emu.Issued(Name)
	if len(issued) != 1 || issued[0].AccessKey != cred.GetSecretId() || issued[0].Role != tcTestRole {
		t.Fatalf("issued = %+v", issued)
	}
	if d := time.Until(issued[0].Expires); d > 900*time.Second || d < 800*time.Second {
		t.Errorf("expires in %s, want about 900s", d)
	}

	// The issued credential works for TCSS with its token, and only with it.
	if _, err := tcDescribe(f.client(t, cred, tcRegion, nil)); err != nil {
		t.Fatalf("TCSS with issued credential: %v", err)
	}
	noToken := common.NewCredential(cred.GetSecretId(), cred.GetSecretKey())
	_, err = tcDescribe(f.client(t, noToken, tcRegion, nil))
	tcWantSDKError(t, err, tcCodeTokenFailure, tcMsgTokenFailure)
	// It can assume a role in turn (role chaining, assume_role on top of an OIDC base).
	if _, err := stsCall(f.client(t, cred, tcRegion, nil), ActionAssumeRole, false, map[string]any{
		"RoleArn": tcTestRole, "RoleSessionName": "chained", "DurationSeconds": 900,
	}); err != nil {
		t.Fatal(err)
	}
}

func TestTencentSTSErrors(t *testing.T) {
	f := newSTSFixture(t)
	c := f.defaultClient(t)
	cases := []struct {
		name, action string
		skipSign     bool
		cred         common.CredentialIface
		params       map[string]any
		code, msg    string
	}{
		{"unknown role", ActionAssumeRole, false, nil,
			map[string]any{"RoleArn": "qcs::cam::uin/1:roleName/nope", "RoleSessionName": "s"}, tcCodeRoleNotExist, tcMsgRoleNotExist},
		{"unknown key", ActionAssumeRole, false, common.NewCredential("AKIDUNKNOWN", "x"),
			map[string]any{"RoleArn": tcTestRole, "RoleSessionName": "s"}, tcCodeSecretIDNotFound, tcMsgSecretIDNotFound},
		{"wrong secret", ActionAssumeRole, false, common.NewCredential(tcCred.AccessKey, "wrong"),
			map[string]any{"RoleArn": tcTestRole, "RoleSessionName": "s"}, tcCodeSignatureFailure, tcMsgSignatureFailure},
		{"unsigned AssumeRole", ActionAssumeRole, true, nil,
			map[string]any{"RoleArn": tcTestRole, "RoleSessionName": "s"}, tcCodeInvalidAuthorization, ""},
		{"duration too long", ActionAssumeRole, false, nil,
			map[string]any{"RoleArn": tcTestRole, "RoleSessionName": "s", "DurationSeconds": 43201}, tcCodeParamError, tcMsgDurationRange},
		{"missing session", ActionAssumeRole, false, nil,
			map[string]any{"RoleArn": tcTestRole}, tcCodeMissingParameter, "The request is missing a required parameter `RoleSessionName`."},
		{"bad token", ActionAssumeRoleWithWebIdentity, true, nil,
			map[string]any{"ProviderId": tcTestProvider, "WebIdentityToken": "forged", "RoleArn": tcTestRole, "RoleSessionName": "s"},
			tcCodeWebIdentityToken, tcMsgWebIdentityToken},
		{"unknown provider", ActionAssumeRoleWithWebIdentity, true, nil,
			map[string]any{"ProviderId": "nope", "WebIdentityToken": tcTestOIDC, "RoleArn": tcTestRole, "RoleSessionName": "s"},
			tcCodeParamError, "the identity provider `nope` does not exist"},
		{"OIDC unknown role", ActionAssumeRoleWithWebIdentity, true, nil,
			map[string]any{"ProviderId": tcTestProvider, "WebIdentityToken": tcTestOIDC, "RoleArn": "qcs::cam::uin/1:roleName/nope", "RoleSessionName": "s"},
			tcCodeRoleNotExist, tcMsgRoleNotExist},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			client := c
			if tc.cred != nil {
				client = f.client(t, tc.cred, tcRegion, nil)
			}
			_, err := stsCall(client, tc.action, tc.skipSign, tc.params)
			tcWantSDKError(t, err, tc.code, tc.msg)
		})
	}
	if n := len(f.emu.Issued(Name)); n != 0 {
		t.Errorf("%d credentials issued by failed exchanges", n)
	}
}

func TestTencentSTSAssumeRoleWithWebIdentity(t *testing.T) {
	f := newSTSFixture(t)
	c := f.client(t, nil, tcRegion, nil)
	body, err := stsCall(c, ActionAssumeRoleWithWebIdentity, true, map[string]any{
		"ProviderId": tcTestProvider, "WebIdentityToken": tcTestOIDC, "RoleArn": tcTestRole,
		"RoleSessionName": "ci", "DurationSeconds": 3600,
	})
	if err != nil {
		t.Fatal(err)
	}
	cred := issuedCred(t, body)
	if rec := f.lastRecord(t); rec.Action != ActionAssumeRoleWithWebIdentity || rec.Status != http.StatusOK {
		t.Errorf("record = %+v", rec)
	}
	if _, err := tcDescribe(f.client(t, cred, tcRegion, nil)); err != nil {
		t.Fatalf("TCSS with issued credential: %v", err)
	}
	// Faults apply to STS actions like to API actions.
	f.emu.InjectFault(ActionAssumeRoleWithWebIdentity, 1, 0, "InternalError.DbError", "db down")
	_, err = stsCall(c, ActionAssumeRoleWithWebIdentity, true, map[string]any{
		"ProviderId": tcTestProvider, "WebIdentityToken": tcTestOIDC, "RoleArn": tcTestRole, "RoleSessionName": "ci",
	})
	tcWantSDKError(t, err, "InternalError.DbError", "db down")
}

func TestTencentMetadata(t *testing.T) {
	f := newSTSFixture(t)
	get := func(path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, f.srv.URL+path, nil)
		req.Host = MetadataHost
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := get(tencentMetadataRolePath); code != 200 || body != "cvm-reader" {
		t.Fatalf("role name: %d %q", code, body)
	}
	if code, _ := get(tencentMetadataRolePath + "other-role"); code != 404 {
		t.Fatalf("other role: %d", code)
	}
	code, body := get(tencentMetadataRolePath + "cvm-reader")
	var m metadataCredentials
	if err := json.Unmarshal([]byte(body), &m); code != 200 || err != nil || m.Code != "Success" || m.Token == "" {
		t.Fatalf("credentials: %d %q", code, body)
	}
	if rec := f.lastRecord(t); rec.Action != ActionMetadata || rec.Cloud != Name || rec.AccessKey != m.TmpSecretId {
		t.Errorf("record = %+v", rec)
	}
	if _, err := tcDescribe(f.client(t, common.NewTokenCredential(m.TmpSecretId, m.TmpSecretKey, m.Token), tcRegion, nil)); err != nil {
		t.Fatalf("TCSS with metadata credential: %v", err)
	}

	// No role bound: 404, as the SDK expects.
	emu := newServer(Options{})
	srv := httptest.NewServer(emu)
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+tencentMetadataRolePath, nil)
	req.Host = MetadataHost
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("no role: %d, want 404", resp.StatusCode)
	}
}
