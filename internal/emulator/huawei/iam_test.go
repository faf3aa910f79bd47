package huawei_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/global"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/sdkerr"
	hssmodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"
	iam "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3"
	iammodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

var testIdentity = huawei.Identity{
	Agencies:          []huawei.Agency{{DomainName: "owner", DomainID: "0123456789abcdef0123456789abcdef", AgencyName: "reader"}},
	IdentityProviders: []huawei.IdentityProvider{{ID: "ci", Tokens: []string{"good-token"}}},
	Metadata:          &huawei.Metadata{RequireToken: true},
}

func newIdentityFixture(t *testing.T, id huawei.Identity) *fixture {
	t.Helper()
	cred := uniqueCred()
	emu := all.New(all.Options{NoLimits: true, Huawei: huawei.Options{Credentials: []emulator.Credential{cred}, Identity: id}})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	return &fixture{emu: emu, srv: srv, cred: cred}
}

func (f *fixture) assume(t *testing.T, c *auth.BasicCredentials, agency, domain string) (*iammodel.CreateTemporaryAccessKeyByAgencyResponse, error) {
	t.Helper()
	hc, err := iam.IamClientBuilder().WithRegion(region.NewRegion(testRegion, f.srv.URL)).WithCredential(c).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	secs := int32(900)
	return iam.NewIamClient(hc).CreateTemporaryAccessKeyByAgency(&iammodel.CreateTemporaryAccessKeyByAgencyRequest{
		Body: &iammodel.CreateTemporaryAccessKeyByAgencyRequestBody{Auth: &iammodel.AgencyAuth{Identity: &iammodel.AgencyAuthIdentity{
			Methods:    []iammodel.AgencyAuthIdentityMethods{iammodel.GetAgencyAuthIdentityMethodsEnum().ASSUME_ROLE},
			AssumeRole: &iammodel.IdentityAssumerole{AgencyName: agency, DomainName: &domain, DurationSeconds: &secs},
		}}},
	})
}

func TestIAMAssumeAgency(t *testing.T) {
	f := newIdentityFixture(t, testIdentity)
	resp, err := f.assume(t, f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "", ""), "reader", "owner")
	if err != nil {
		t.Fatal(err)
	}
	c := resp.Credential
	if c == nil || c.Access == "" || c.Secret == "" || c.Securitytoken == "" || c.ExpiresAt == "" {
		t.Fatalf("credential %+v", c)
	}
	// The issued key works with its token only.
	h, err := f.hss(t, f.credentials(t, c.Access, c.Secret, "", c.Securitytoken))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{}); err != nil {
		t.Fatalf("with token: %v", err)
	}
	h, err = f.hss(t, f.credentials(t, c.Access, c.Secret, f.emu.Huawei.ProjectID(testRegion), ""))
	if err != nil {
		t.Fatal(err)
	}
	_, err = h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
	wantServiceError(t, err, 401, "APIGW.0301", "Incorrect IAM authentication information: decrypt token fail")

	// An agency the domain does not have.
	_, err = f.assume(t, f.credentials(t, f.cred.AccessKey, f.cred.SecretKey, "", ""), "admin", "owner")
	var sre *sdkerr.ServiceResponseError
	if !errors.As(err, &sre) || sre.StatusCode != 404 || sre.ErrorCode != "IAM.0064" || !hex32.MatchString(sre.RequestId) {
		t.Errorf("unknown agency: %v", err)
	}
	// A wrong secret is refused before the agency is looked at.
	_, err = f.assume(t, f.credentials(t, f.cred.AccessKey, "wrong", f.emu.Huawei.ProjectID(testRegion), ""), "reader", "owner")
	if !errors.As(err, &sre) || sre.StatusCode != 401 {
		t.Errorf("wrong secret: %v", err)
	}
	if f.emu.Count("CreateTemporaryAccessKeyByAgency") != 3 {
		t.Errorf("recorded %d agency requests, want 3", f.emu.Count("CreateTemporaryAccessKeyByAgency"))
	}
}

func TestIAMFederatedOIDC(t *testing.T) {
	f := newIdentityFixture(t, testIdentity)
	read := func(idp, token string) error {
		file := filepath.Join(t.TempDir(), "token")
		if err := os.WriteFile(file, []byte(token), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := auth.NewBasicCredentialsBuilder().WithIdpId(idp).WithIdTokenFile(file).WithIamEndpointOverride(f.srv.URL).SafeBuild()
		if err != nil {
			t.Fatal(err)
		}
		h, err := f.hss(t, c)
		if err != nil {
			return err
		}
		_, err = h.ShowResourceQuotas(&hssmodel.ShowResourceQuotasRequest{})
		return err
	}
	if err := read("ci", "good-token"); err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"CreateTokenWithIdToken", "CreateTemporaryAccessKeyByToken", "ShowResourceQuotas"} {
		if f.emu.Count(a) == 0 {
			t.Errorf("no %s recorded", a)
		}
	}
	for _, r := range f.emu.Requests() {
		if r.Action == "ShowResourceQuotas" && !strings.HasPrefix(r.AccessKey, "HWTMP") {
			t.Errorf("data API signed with %q, want an issued key", r.AccessKey)
		}
	}
	for _, tc := range []struct {
		idp, token string
		status     int
		code       string
	}{{"ci", "forged", 401, "IAM.0062"}, {"other", "good-token", 404, "IAM.0006"}} {
		err := read(tc.idp, tc.token)
		var sre *sdkerr.ServiceResponseError
		if !errors.As(err, &sre) {
			// The SDK flattens errors met while resolving the project into text.
			if err == nil || !strings.Contains(err.Error(), tc.code) {
				t.Errorf("%s/%s: %v", tc.idp, tc.token, err)
			}
			continue
		}
		if sre.StatusCode != tc.status || sre.ErrorCode != tc.code {
			t.Errorf("%s/%s: %v", tc.idp, tc.token, err)
		}
	}
}

func metadataRequest(t *testing.T, f *fixture, method, path, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, f.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "169.254.169.254"
	if token != "" {
		req.Header.Set("X-Metadata-Token", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

func TestInstanceMetadata(t *testing.T) {
	f := newIdentityFixture(t, testIdentity)
	status, token := metadataRequest(t, f, http.MethodPut, "/meta-data/latest/api/token", "")
	if status != 200 || token == "" {
		t.Fatalf("token: %d %q", status, token)
	}
	if status, body := metadataRequest(t, f, http.MethodGet, "/openstack/latest/securitykey", ""); status != 401 {
		t.Errorf("without token: %d %s", status, body)
	}
	status, body := metadataRequest(t, f, http.MethodGet, "/openstack/latest/securitykey", token)
	if status != 200 || !strings.Contains(body, `"securitytoken"`) || !strings.Contains(body, `"expires_at"`) {
		t.Fatalf("securitykey: %d %s", status, body)
	}
	if n := len(f.emu.Issued(huawei.Name)); n != 1 {
		t.Errorf("issued %d credentials, want 1", n)
	}

	none := newIdentityFixture(t, huawei.Identity{})
	if status, body := metadataRequest(t, none, http.MethodGet, "/openstack/latest/securitykey", ""); status != 404 ||
		!strings.Contains(body, "Please configure Cloud Service Agency first") {
		t.Errorf("no agency: %d %s", status, body)
	}
}

// TestIAMAuthDomainsAndCatalog: the caller's own domain, as Keystone lists it
// (the domain ID is the one its projects carry), and an empty catalog, both
// read through the SDK's IAM client.
func TestIAMAuthDomainsAndCatalog(t *testing.T) {
	f := newIdentityFixture(t, huawei.Identity{})
	c, err := global.NewCredentialsBuilder().WithAk(f.cred.AccessKey).WithSk(f.cred.SecretKey).WithDomainId("0").SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	hc, err := iam.IamClientBuilder().WithRegion(region.NewRegion(testRegion, f.srv.URL)).WithCredential(c).SafeBuild()
	if err != nil {
		t.Fatal(err)
	}
	client := iam.NewIamClient(hc)
	domains, err := client.KeystoneListAuthDomains(&iammodel.KeystoneListAuthDomainsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	_, body := signedGet(t, f.srv.URL, "/v3/projects", map[string]string{"name": testRegion}, f.cred.AccessKey, f.cred.SecretKey)
	projectDomain := body["projects"].([]any)[0].(map[string]any)["domain_id"]
	if d := *domains.Domains; len(d) != 1 || d[0].Id != projectDomain || !d[0].Enabled || d[0].Name == "" || d[0].Links == nil {
		t.Errorf("domains %+v, want the caller's (%v)", d, projectDomain)
	}
	cat, err := client.KeystoneShowCatalog(&iammodel.KeystoneShowCatalogRequest{})
	if err != nil || cat.Catalog == nil || len(*cat.Catalog) != 0 {
		t.Errorf("catalog %+v, %v", cat, err)
	}
	if n := f.emu.Count("KeystoneListAuthDomains") + f.emu.Count("KeystoneShowCatalog"); n != 2 {
		t.Errorf("recorded %d", n)
	}
}
