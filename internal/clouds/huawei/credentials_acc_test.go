package huawei_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

// quotas is the address of the data source these tests read.
const quotas = "data.cloudquota_hss_resource_quotas.test"

const (
	hwIdp     = "github-actions"
	hwIDToken = "eyJhbGciOiJSUzI1NiJ9.ci-runner-token.sig"
	hwAgency  = "cloudquota-reader"
	hwDomain  = "platform-team"
	hwDomID   = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
)

// hwIdentity is what the emulated IAM and metadata services know in these tests.
func hwIdentity(metadata bool) huawei.Identity {
	id := huawei.Identity{
		Agencies:          []huawei.Agency{{DomainName: hwDomain, DomainID: hwDomID, AgencyName: hwAgency}},
		IdentityProviders: []huawei.IdentityProvider{{ID: hwIdp, Tokens: []string{hwIDToken}}},
	}
	if metadata {
		id.Metadata = &huawei.Metadata{RequireToken: true}
	}
	return id
}

func hwStart(t *testing.T, metadata bool) *acctest.Emulator {
	t.Helper()
	acctest.PreCheck(t)
	return acctest.StartEmulator(t, all.Options{Huawei: huawei.Options{Identity: hwIdentity(metadata)}})
}

// hwBlock is a provider block whose huaweicloud block has the emulator's endpoints, region
// cn-north-4 and extra; credentials come from extra or the environment.
func hwBlock(emu *acctest.Emulator, extra string) string {
	return fmt.Sprintf(`
provider "cloudquota" {
  max_retries = 0
  huaweicloud {
    region = "cn-north-4"
    %s
    %s
  }
}
data "cloudquota_hss_resource_quotas" "test" {}
`, emu.HuaweiEndpoints(), extra)
}

var hwRead = []statecheck.StateCheck{
	acctest.Expect(quotas, "total_num", knownvalue.Int64Exact(2)),
}

func hwTest(t *testing.T, config string) {
	t.Helper()
	acctest.Run(t, resource.TestStep{Config: config, ConfigStateChecks: hwRead})
}

func hwExpectError(t *testing.T, config string, re *regexp.Regexp) {
	t.Helper()
	acctest.Run(t, resource.TestStep{Config: config, ExpectError: re})
}

// hwSignedWith asserts that every data-API request was signed with ak.
func hwSignedWith(t *testing.T, emu *acctest.Emulator, ak string) {
	t.Helper()
	for _, r := range emu.RequestsFor(t, "ShowResourceQuotas") {
		if r.AccessKey != ak || r.Status != 200 {
			t.Errorf("ShowResourceQuotas signed with %q (status %d), want %q", r.AccessKey, r.Status, ak)
		}
	}
}

// hwSignedWithIssued asserts that exchange was recorded and that the data API (and IAM's
// project lookup) accepted only temporary credentials the emulator issued.
func hwSignedWithIssued(t *testing.T, emu *acctest.Emulator, exchange ...string) {
	t.Helper()
	for _, action := range exchange {
		emu.RequestsFor(t, action)
	}
	issued := map[string]bool{}
	for _, c := range emu.Issued(huawei.Name) {
		issued[c.AccessKey] = true
	}
	for _, r := range emu.RequestsFor(t, "ShowResourceQuotas") {
		if !issued[r.AccessKey] || r.Status != 200 {
			t.Errorf("ShowResourceQuotas signed with %q (status %d), want an issued temporary key", r.AccessKey, r.Status)
		}
	}
}

func hwNoRequest(t *testing.T, emu *acctest.Emulator, actions ...string) {
	t.Helper()
	for _, a := range actions {
		if n := emu.Count(a); n != 0 {
			t.Errorf("%d %s request(s), want none", n, a)
		}
	}
}

func hwTokenFile(t *testing.T, token string) string {
	return acctest.WriteFile(t, "id-token", token+"\n")
}

// hwKooCLI writes a KooCLI config.json whose current profile is "default" (wrong keys) and
// whose profile "ci" has cred, region cn-north-4.
func hwKooCLI(t *testing.T, dir string, cred emulator.Credential) string {
	t.Helper()
	body := fmt.Sprintf(`{
  "current": "default",
  "profiles": [
    {"name": "default", "mode": "AKSK", "accessKeyId": "WRONGDEFAULTAK", "secretAccessKey": "wrong", "region": "cn-east-3"},
    {"name": "ci", "mode": "AKSK", "accessKeyId": %q, "secretAccessKey": %q, "region": "cn-north-4", "projectId": ""}
  ]
}`, cred.AccessKey, cred.SecretKey)
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, "config.json")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Rung 1: explicit keys, in HCL and in the environment.
func TestAccHuaweiCredentials_explicitKeys(t *testing.T) {
	t.Run("HCL", func(t *testing.T) {
		emu := hwStart(t, false)
		hwTest(t, hwBlock(emu, fmt.Sprintf("access_key = %q\nsecret_key = %q", emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey)))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
	})
	t.Run("env", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HW_ACCESS_KEY", emu.HuaweiCred.AccessKey)
		t.Setenv("HW_SECRET_KEY", emu.HuaweiCred.SecretKey)
		hwTest(t, hwBlock(emu, ""))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
	})
	t.Run("temporary keys with security token", func(t *testing.T) {
		acctest.PreCheck(t)
		cred := acctest.UniqueHuaweiCredential(t)
		cred.SecurityToken = "static-session-token"
		emu := acctest.StartEmulator(t, all.Options{Huawei: huawei.Options{Credentials: []emulator.Credential{cred}}})
		t.Setenv("HW_ACCESS_KEY", cred.AccessKey)
		t.Setenv("HW_SECRET_KEY", cred.SecretKey)
		t.Setenv("HW_SECURITY_TOKEN", cred.SecurityToken)
		hwTest(t, hwBlock(emu, ""))
		hwSignedWith(t, emu, cred.AccessKey)
	})
}

// Rung 3: a KooCLI profile, named in HCL or the environment, or the current one of an
// explicit file; its region fills an unset region.
func TestAccHuaweiCredentials_profile(t *testing.T) {
	cases := []struct {
		name  string
		extra func(file string) string
		env   func(t *testing.T, file string)
	}{
		{"HCL", func(file string) string {
			return fmt.Sprintf("profile = \"ci\"\nshared_config_file = %q", file)
		}, nil},
		{"env", func(string) string { return "" }, func(t *testing.T, file string) {
			t.Setenv("HW_PROFILE", "ci")
			t.Setenv("HW_SHARED_CONFIG_FILE", file)
		}},
		{"HCL profile, default file under HOME", func(string) string { return `profile = "ci"` }, func(t *testing.T, file string) {
			hwKooCLI(t, filepath.Join(os.Getenv("HOME"), ".hcloud"), credOf(t, file))
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			emu := hwStart(t, false)
			file := hwKooCLI(t, "", emu.HuaweiCred)
			if tc.env != nil {
				tc.env(t, file)
			}
			hwTest(t, hwBlock(emu, tc.extra(file)))
			hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
		})
	}
	t.Run("profile region fills an unset region", func(t *testing.T) {
		emu := hwStart(t, false)
		file := hwKooCLI(t, "", emu.HuaweiCred)
		config := fmt.Sprintf(`
provider "cloudquota" {
  max_retries = 0
  huaweicloud {
    profile            = "ci"
    shared_config_file = %q
    %s
  }
}
data "cloudquota_hss_resource_quotas" "test" {}
`, file, emu.HuaweiEndpoints())
		acctest.Run(t, resource.TestStep{Config: config, ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(quotas, "region", knownvalue.StringExact("cn-north-4")),
		}})
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
	})
	t.Run("shared_config_file alone uses its current profile", func(t *testing.T) {
		emu := hwStart(t, false)
		file := acctest.WriteFile(t, "config.json", fmt.Sprintf(`{"current":"main","profiles":[{"name":"main","mode":"AKSK","accessKeyId":%q,"secretAccessKey":%q}]}`,
			emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey))
		hwTest(t, hwBlock(emu, fmt.Sprintf("shared_config_file = %q", file)))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
	})
	t.Run("named profile missing is an error, not a fall-through", func(t *testing.T) {
		emu := hwStart(t, false)
		file := hwKooCLI(t, "", emu.HuaweiCred)
		t.Setenv("HUAWEICLOUD_SDK_AK", emu.HuaweiCred.AccessKey) // a later rung that must not be used
		t.Setenv("HUAWEICLOUD_SDK_SK", emu.HuaweiCred.SecretKey)
		hwExpectError(t, hwBlock(emu, fmt.Sprintf("profile = \"prod\"\nshared_config_file = %q", file)),
			regexp.MustCompile(`(?s)profile cannot be used.*Profile "prod" is not in.*default, ci`))
		hwNoRequest(t, emu, "ShowResourceQuotas")
	})
	t.Run("unreadable file is an error", func(t *testing.T) {
		emu := hwStart(t, false)
		hwExpectError(t, hwBlock(emu, `shared_config_file = "/nonexistent/config.json"`),
			regexp.MustCompile(`(?s)Cannot read the shared config file /nonexistent/config.json`))
	})
}

func credOf(t *testing.T, kooFile string) emulator.Credential {
	t.Helper()
	raw, err := os.ReadFile(kooFile)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`"name": "ci", "mode": "AKSK", "accessKeyId": "([^"]+)", "secretAccessKey": "([^"]+)"`).FindStringSubmatch(string(raw))
	return emulator.Credential{AccessKey: m[1], SecretKey: m[2]}
}

// Rung 4: the SDK's environment variables and credentials file.
func TestAccHuaweiCredentials_sdkDefaults(t *testing.T) {
	t.Run("HUAWEICLOUD_SDK_AK/SK", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HUAWEICLOUD_SDK_AK", emu.HuaweiCred.AccessKey)
		t.Setenv("HUAWEICLOUD_SDK_SK", emu.HuaweiCred.SecretKey)
		hwTest(t, hwBlock(emu, ""))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
	})
	t.Run("SDK credentials file", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", acctest.WriteFile(t, "credentials",
			fmt.Sprintf("[basic]\nak = %s\nsk = %s\n", emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey)))
		hwTest(t, hwBlock(emu, ""))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
	})
	t.Run("SDK OIDC variables", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HUAWEICLOUD_SDK_IDP_ID", hwIdp)
		t.Setenv("HUAWEICLOUD_SDK_ID_TOKEN_FILE", hwTokenFile(t, hwIDToken))
		hwTest(t, hwBlock(emu, ""))
		hwSignedWithIssued(t, emu, huawei.ActionTokenWithIDToken, huawei.ActionAccessKeyByToken)
	})
	t.Run("default KooCLI file, current profile", func(t *testing.T) {
		emu := hwStart(t, false)
		file := acctest.WriteFile(t, "x.json", "")
		_ = file
		dir := filepath.Join(os.Getenv("HOME"), ".hcloud")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(fmt.Sprintf(
			`{"current":"main","profiles":[{"name":"main","mode":"AKSK","accessKeyId":%q,"secretAccessKey":%q}]}`,
			emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey)), 0o600); err != nil {
			t.Fatal(err)
		}
		hwTest(t, hwBlock(emu, ""))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
	})
}

// Rung 2: OIDC web identity, from the block or its environment variables.
func TestAccHuaweiCredentials_oidc(t *testing.T) {
	t.Run("HCL", func(t *testing.T) {
		emu := hwStart(t, false)
		hwTest(t, hwBlock(emu, fmt.Sprintf("assume_role_with_oidc {\n idp_id = %q\n id_token_file = %q\n}", hwIdp, hwTokenFile(t, hwIDToken))))
		hwSignedWithIssued(t, emu, huawei.ActionTokenWithIDToken, huawei.ActionAccessKeyByToken)
		// Once per provider process (terraform starts one per command), like the IAM project
		// lookup with the fresh temporary key: not once per read.
		if n, want := emu.Count(huawei.ActionTokenWithIDToken), emu.Count("KeystoneListProjects"); n != want {
			t.Errorf("ID-token exchanges = %d, want one per provider process (%d)", n, want)
		}
	})
	t.Run("env", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HW_ASSUME_ROLE_IDP_ID", hwIdp)
		t.Setenv("HW_ASSUME_ROLE_ID_TOKEN_FILE", hwTokenFile(t, hwIDToken))
		hwTest(t, hwBlock(emu, ""))
		hwSignedWithIssued(t, emu, huawei.ActionTokenWithIDToken, huawei.ActionAccessKeyByToken)
	})
	t.Run("rejected token", func(t *testing.T) {
		emu := hwStart(t, false)
		hwExpectError(t, hwBlock(emu, fmt.Sprintf("assume_role_with_oidc {\n idp_id = %q\n id_token_file = %q\n}", hwIdp, hwTokenFile(t, "forged"))),
			regexp.MustCompile(`(?s)Huawei Cloud.*IAM CreateTokenWithIdToken.*HTTP status: 401.*Error code:\s+IAM.0062.*Request ID:\s+[0-9a-f]{32}`))
		hwNoRequest(t, emu, "ShowResourceQuotas")
	})
	t.Run("env: idp_id without token file", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HW_ASSUME_ROLE_IDP_ID", hwIdp)
		emu.ExpectRefused(t, hwBlock(emu, ""), regexp.MustCompile(`(?s)assume_role_with_oidc needs both.*id_token_file\s+\(HW_ASSUME_ROLE_ID_TOKEN_FILE\)`))
	})
}

// assume_role on top of each kind of base.
func TestAccHuaweiCredentials_assumeRole(t *testing.T) {
	keys := func(emu *acctest.Emulator) string {
		return fmt.Sprintf("access_key = %q\nsecret_key = %q\n", emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey)
	}
	block := "assume_role {\n agency_name = \"" + hwAgency + "\"\n domain_name = \"" + hwDomain + "\"\n duration = \"30m\"\n}\n"
	t.Run("on keys, HCL", func(t *testing.T) {
		emu := hwStart(t, false)
		hwTest(t, hwBlock(emu, keys(emu)+block))
		hwSignedWithIssued(t, emu, huawei.ActionAccessKeyByAgency)
		for _, r := range emu.RequestsFor(t, huawei.ActionAccessKeyByAgency) {
			if r.AccessKey != emu.HuaweiCred.AccessKey {
				t.Errorf("agency assumed with %q, want the base key %q", r.AccessKey, emu.HuaweiCred.AccessKey)
			}
		}
	})
	t.Run("on keys, env only (domain_id, seconds)", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HW_ASSUME_ROLE_AGENCY_NAME", hwAgency)
		t.Setenv("HW_ASSUME_ROLE_DOMAIN_ID", hwDomID)
		t.Setenv("HW_ASSUME_ROLE_DURATION", "3600")
		hwTest(t, hwBlock(emu, keys(emu)))
		hwSignedWithIssued(t, emu, huawei.ActionAccessKeyByAgency)
	})
	t.Run("on OIDC", func(t *testing.T) {
		emu := hwStart(t, false)
		hwTest(t, hwBlock(emu, fmt.Sprintf("assume_role_with_oidc {\n idp_id = %q\n id_token_file = %q\n}\n", hwIdp, hwTokenFile(t, hwIDToken))+block))
		hwSignedWithIssued(t, emu, huawei.ActionTokenWithIDToken, huawei.ActionAccessKeyByToken, huawei.ActionAccessKeyByAgency)
		issuedByToken := emu.RequestsFor(t, huawei.ActionAccessKeyByAgency)[0].AccessKey
		if !strings.HasPrefix(issuedByToken, "HWTMP") {
			t.Errorf("agency assumed with %q, want the OIDC temporary key", issuedByToken)
		}
		for _, r := range emu.RequestsFor(t, "ShowResourceQuotas") {
			if r.AccessKey == issuedByToken {
				t.Errorf("data API signed with the OIDC key, want the agency's")
			}
		}
	})
	t.Run("on profile", func(t *testing.T) {
		emu := hwStart(t, false)
		file := hwKooCLI(t, "", emu.HuaweiCred)
		hwTest(t, hwBlock(emu, fmt.Sprintf("profile = \"ci\"\nshared_config_file = %q\n", file)+block))
		hwSignedWithIssued(t, emu, huawei.ActionAccessKeyByAgency)
	})
	t.Run("on metadata", func(t *testing.T) {
		emu := hwStart(t, true)
		emu.ServeInstanceMetadata(t)
		hwTest(t, hwBlock(emu, block))
		hwSignedWithIssued(t, emu, huawei.ActionMetadataSecurityKey, huawei.ActionAccessKeyByAgency)
	})
	t.Run("agency missing", func(t *testing.T) {
		emu := hwStart(t, false)
		hwExpectError(t, hwBlock(emu, keys(emu)+"assume_role {\n agency_name = \"nope\"\n domain_name = \""+hwDomain+"\"\n}\n"),
			regexp.MustCompile(`(?s)Huawei Cloud.*IAM CreateTemporaryAccessKeyByAgency.*HTTP status: 404.*Error code:\s+IAM.0064.*nope.*Request ID:\s+[0-9a-f]{32}`))
		hwNoRequest(t, emu, "ShowResourceQuotas")
	})
	t.Run("env: agency without domain", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HW_ASSUME_ROLE_AGENCY_NAME", hwAgency)
		emu.ExpectRefused(t, hwBlock(emu, keys(emu)), regexp.MustCompile(`(?s)assume_role needs the agency's account.*HW_ASSUME_ROLE_DOMAIN_NAME.*HW_ASSUME_ROLE_DOMAIN_ID`))
	})
	t.Run("env: duration out of range", func(t *testing.T) {
		emu := hwStart(t, false)
		t.Setenv("HW_ASSUME_ROLE_DURATION", "60")
		emu.ExpectRefused(t, hwBlock(emu, keys(emu)+"assume_role {\n agency_name = \""+hwAgency+"\"\n domain_name = \""+hwDomain+"\"\n}\n"),
			regexp.MustCompile(`(?s)HW_ASSUME_ROLE_DURATION.*1m0s\s+is\s+outside\s+the\s+accepted\s+range,\s+whole\s+seconds\s+from\s+15m0s\s+to\s+24h0m0s`))
	})
}

// Plan-time validation: nothing reaches the emulator.
func TestAccHuaweiCredentials_validation(t *testing.T) {
	emu := hwStart(t, false)
	keys := fmt.Sprintf("access_key = %q\nsecret_key = %q\n", emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey)
	for name, tc := range map[string]struct{ extra, want string }{
		"domain_name and domain_id": {`assume_role {
  agency_name = "a"
  domain_name = "d"
  domain_id   = "x"
}`, `(?s)Invalid Attribute Combination.*domain_id`},
		"duration too short": {`assume_role {
  agency_name = "a"
  domain_name = "d"
  duration    = "10m"
}`, `(?s)Duration out of range.*15m0s to 24h0m0s`},
		"duration not a duration": {`assume_role {
  agency_name = "a"
  domain_name = "d"
  duration    = "soon"
}`, `(?s)duration`},
		"empty id_token_file": {`assume_role_with_oidc {
  idp_id        = "x"
  id_token_file = ""
}`, `(?s)id_token_file.*at least 1`},
	} {
		t.Run(name, func(t *testing.T) {
			emu.ExpectRefused(t, hwBlock(emu, keys+tc.extra), regexp.MustCompile(tc.want))
		})
	}
}

// Rung 5: instance metadata, found, absent and hanging.
func TestAccHuaweiCredentials_metadata(t *testing.T) {
	t.Run("agency credentials", func(t *testing.T) {
		emu := hwStart(t, true)
		emu.ServeInstanceMetadata(t)
		hwTest(t, hwBlock(emu, ""))
		hwSignedWithIssued(t, emu, huawei.ActionMetadataToken, huawei.ActionMetadataSecurityKey)
	})
	t.Run("absent: every source listed", func(t *testing.T) {
		emu := hwStart(t, false)
		hwExpectError(t, hwBlock(emu, ""), regexp.MustCompile(`(?s)Huawei Cloud credentials are not configured.*`+
			`access_key/secret_key.*not set.*assume_role_with_oidc.*not set.*profile.*not set.*`+
			`SDK environment.*SDK credentials file.*no such file.*KooCLI default config.*no such file.*`+
			`ECS instance metadata.*HW_ASSUME_ROLE_IDP_ID`))
		hwNoRequest(t, emu, "ShowResourceQuotas")
	})
	t.Run("no agency on the instance", func(t *testing.T) {
		emu := hwStart(t, false)
		emu.ServeInstanceMetadata(t)
		hwExpectError(t, hwBlock(emu, ""), regexp.MustCompile(`(?s)credentials are not configured.*ECS instance metadata.*HTTP 404.*Please configure Cloud Service Agency first`))
	})
	t.Run("hanging: bounded", func(t *testing.T) {
		emu := hwStart(t, true)
		emu.ServeInstanceMetadata(t)
		emu.Inject(huawei.ActionMetadataToken, emulator.Fault{Kind: emulator.FaultLatency, Delay: conns.MetadataTimeout + 5*time.Second})
		hwExpectError(t, hwBlock(emu, ""), regexp.MustCompile(`(?s)credentials are not configured.*ECS instance metadata.*no answer within 2s`))
	})
}

// Precedence between the rungs when several are set.
func TestAccHuaweiCredentials_precedence(t *testing.T) {
	t.Run("keys beat OIDC and profile", func(t *testing.T) {
		emu := hwStart(t, false)
		file := hwKooCLI(t, "", emulator.Credential{AccessKey: "PROFILEAK", SecretKey: "x"})
		t.Setenv("HW_ACCESS_KEY", emu.HuaweiCred.AccessKey)
		t.Setenv("HW_SECRET_KEY", emu.HuaweiCred.SecretKey)
		t.Setenv("HW_ASSUME_ROLE_IDP_ID", hwIdp)
		t.Setenv("HW_ASSUME_ROLE_ID_TOKEN_FILE", hwTokenFile(t, hwIDToken))
		hwTest(t, hwBlock(emu, fmt.Sprintf("profile = \"ci\"\nshared_config_file = %q", file)))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
		hwNoRequest(t, emu, huawei.ActionTokenWithIDToken)
	})
	t.Run("OIDC beats profile", func(t *testing.T) {
		emu := hwStart(t, false)
		file := hwKooCLI(t, "", emulator.Credential{AccessKey: "PROFILEAK", SecretKey: "x"})
		t.Setenv("HW_PROFILE", "ci")
		t.Setenv("HW_SHARED_CONFIG_FILE", file)
		hwTest(t, hwBlock(emu, fmt.Sprintf("assume_role_with_oidc {\n idp_id = %q\n id_token_file = %q\n}", hwIdp, hwTokenFile(t, hwIDToken))))
		hwSignedWithIssued(t, emu, huawei.ActionTokenWithIDToken)
	})
	t.Run("profile beats SDK environment", func(t *testing.T) {
		emu := hwStart(t, false)
		file := hwKooCLI(t, "", emu.HuaweiCred)
		t.Setenv("HUAWEICLOUD_SDK_AK", "SDKENVAK")
		t.Setenv("HUAWEICLOUD_SDK_SK", "sdk-env-secret")
		hwTest(t, hwBlock(emu, fmt.Sprintf("profile = \"ci\"\nshared_config_file = %q", file)))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
	})
	t.Run("SDK environment beats metadata", func(t *testing.T) {
		emu := hwStart(t, true)
		emu.ServeInstanceMetadata(t)
		t.Setenv("HUAWEICLOUD_SDK_AK", emu.HuaweiCred.AccessKey)
		t.Setenv("HUAWEICLOUD_SDK_SK", emu.HuaweiCred.SecretKey)
		hwTest(t, hwBlock(emu, ""))
		hwSignedWith(t, emu, emu.HuaweiCred.AccessKey)
		hwNoRequest(t, emu, huawei.ActionMetadataSecurityKey)
	})
}
