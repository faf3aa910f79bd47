package tencent_test

import (
	"encoding/json"
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
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
)

// Acceptance tests of the tencentcloud block's credential sources and their precedence, through
// the terraform CLI against the emulator's TCSS, STS and CVM metadata. Each successful read
// asserts which credential signed the TCSS request and which exchanges happened.

const (
	tcAddr       = "data.cloudquota_tcss_image_authorized_info.test"
	tcData       = `data "cloudquota_tcss_image_authorized_info" "test" {}`
	tcAction     = "DescribeImageAuthorizedInfo"
	tcRole       = "qcs::cam::uin/100000000001:roleName/cloudquota-reader"
	tcOtherRole  = "qcs::cam::uin/100000000001:roleName/ci-deployer"
	tcOIDCID     = "github-actions"
	tcOIDCToken  = "eyJhbGciOiJSUzI1NiJ9.cloudquota-ci-token.signature"
	tcCVMRole    = "cvm-reader"
	tcRequestID  = `[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`
	tcProfileAK  = "AKIDPROFILE0000000001"
	tcProfileSK  = "profile-secret-key"
	tcEnvAK      = "AKIDENVIRONMENT000001"
	tcEnvSK      = "environment-secret-key"
	tcSDKFileAK  = "AKIDSDKFILE0000000001"
	tcSDKFileSK  = "sdk-file-secret-key"
	tcTccliDefAK = "AKIDTCCLIDEFAULT00001"
	tcTccliDefSK = "tccli-default-secret-key"
)

// tcEmulator serves TCSS and STS over HTTPS trusted by the test process (the SDK's STS
// client verifies against the system roots), accepting the emulator's key pair and the keys
// the test files and variables use, with one assumable role pair, one OIDC provider and a
// CVM role.
func tcEmulator(t *testing.T) *acctest.Emulator {
	t.Helper()
	acctest.PreCheck(t)
	return acctest.StartTrustedTLSEmulator(t, all.Options{Tencent: tencent.Options{
		Credentials: []emulator.Credential{
			tencent.DefaultCredential,
			{AccessKey: tcProfileAK, SecretKey: tcProfileSK},
			{AccessKey: tcEnvAK, SecretKey: tcEnvSK},
			{AccessKey: tcSDKFileAK, SecretKey: tcSDKFileSK},
			{AccessKey: tcTccliDefAK, SecretKey: tcTccliDefSK},
		},
		Identity: tencent.Identity{
			Roles:         []string{tcRole, tcOtherRole},
			OIDCProviders: map[string][]string{tcOIDCID: {tcOIDCToken}},
			MetadataRole:  tcCVMRole,
		},
	}})
}

// tcRe compiles a diagnostic pattern in which each space matches any run of white space:
// terraform wraps long diagnostic lines.
func tcRe(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// tcProvider is a provider block whose tencentcloud block points TCSS and STS at the
// emulator and holds inner; no credentials unless inner has them.
func tcProvider(emu *acctest.Emulator, inner string) string {
	return fmt.Sprintf(`
provider "cloudquota" {
  max_retries = 1
  tencentcloud {
    region    = "ap-guangzhou"
    endpoints = {
      tcss = %[1]q
      sts  = %[1]q
    }
    %[2]s
  }
}
`, emu.URL, inner) + tcData
}

// tcKeys is HCL for the emulator's permanent key pair.
func tcKeys(emu *acctest.Emulator) string {
	return fmt.Sprintf("secret_id = %q\n    secret_key = %q", emu.TencentCred.AccessKey, emu.TencentCred.SecretKey)
}

// tcRead runs config and checks the read's figures arrived.
func tcRead(t *testing.T, config string) {
	t.Helper()
	acctest.Run(t, resource.TestStep{
		Config: config,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(tcAddr, "region", knownvalue.StringExact("ap-guangzhou")),
			acctest.Expect(tcAddr, "total_authorized_cnt", knownvalue.Int64Exact(300000)),
		},
	})
}

// tcSignedWith asserts every TCSS read was signed by secretID.
func tcSignedWith(t *testing.T, emu *acctest.Emulator, secretID string) {
	t.Helper()
	for _, r := range emu.RequestsFor(t, tcAction) {
		if r.AccessKey != secretID || r.Status != 200 {
			t.Errorf("TCSS request signed by %q (status %d), want %q", r.AccessKey, r.Status, secretID)
		}
	}
}

// tcIssued returns the secret IDs of the temporary credentials issued by source (one per
// provider configuration: the test harness configures the provider for each terraform
// command), failing when there are none. role, if not "", must be the role of each.
func tcIssued(t *testing.T, emu *acctest.Emulator, source, role string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, c := range emu.Issued(tencent.Name) {
		if c.Via != source {
			continue
		}
		out[c.AccessKey] = true
		if role != "" && c.Role != role {
			t.Errorf("%s issued for role %q, want %q", source, c.Role, role)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no credentials issued by %s", source)
	}
	return out
}

// tcSignedByIssued asserts every request for action was signed by one of the issued keys
// (for TCSS: the data-source read used the temporary credentials, token included, as the
// emulator refuses them without it).
func tcSignedByIssued(t *testing.T, emu *acctest.Emulator, action string, issued map[string]bool) {
	t.Helper()
	for _, r := range emu.RequestsFor(t, action) {
		if !issued[r.AccessKey] || r.Status != 200 {
			t.Errorf("%s request signed by %q (status %d), want one of the issued keys %v", action, r.AccessKey, r.Status, issued)
		}
	}
}

// tcExpiresWithin asserts the credentials issued by source expire within (lo, hi] from now.
func tcExpiresWithin(t *testing.T, emu *acctest.Emulator, source string, lo, hi time.Duration) {
	t.Helper()
	for _, c := range emu.Issued(tencent.Name) {
		if left := time.Until(c.Expires); c.Via == source && (left > hi || left <= lo) {
			t.Errorf("%s issued for %s, want at most %s", source, left, hi)
		}
	}
}

// tcNoExchange asserts no STS exchange happened.
func tcNoExchange(t *testing.T, emu *acctest.Emulator) {
	t.Helper()
	if n := emu.Count(tencent.ActionAssumeRole) + emu.Count(tencent.ActionAssumeRoleWithWebIdentity); n != 0 {
		t.Errorf("%d STS exchanges, want none", n)
	}
}

// tccliProfile writes <dir>/<name>.credential (and a .configure naming ap-guangzhou).
func tccliProfile(t *testing.T, dir, name string, cred map[string]string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(cred)
	if err := os.WriteFile(filepath.Join(dir, name+".credential"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	conf := `{"_sys_param": {"region": "ap-guangzhou", "output": "json"}}`
	if err := os.WriteFile(filepath.Join(dir, name+".configure"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
}

func profileKeys() map[string]string {
	return map[string]string{"secretId": tcProfileAK, "secretKey": tcProfileSK}
}

func tcTokenFile(t *testing.T, token string) string {
	return acctest.WriteFile(t, "oidc-token", token+"\n")
}

// Rung 1, HCL: keys in the block win over keys in the environment, a profile and OIDC variables.
func TestAccTencentCredentials_explicitKeysHCL(t *testing.T) {
	emu := tcEmulator(t)
	dir := t.TempDir()
	tccliProfile(t, dir, "ci", profileKeys())
	t.Setenv("TENCENTCLOUD_SECRET_ID", tcEnvAK)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", tcEnvSK)
	t.Setenv("TENCENTCLOUD_PROFILE", "ci")
	t.Setenv("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", dir)
	t.Setenv("TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN", tcOIDCToken)
	tcRead(t, tcProvider(emu, tcKeys(emu)))
	tcSignedWith(t, emu, emu.TencentCred.AccessKey)
	tcNoExchange(t, emu)
}

// Rung 1, environment: TENCENTCLOUD_SECRET_ID/KEY win over a named profile.
func TestAccTencentCredentials_keysEnv(t *testing.T) {
	emu := tcEmulator(t)
	dir := t.TempDir()
	tccliProfile(t, dir, "ci", profileKeys())
	t.Setenv("TENCENTCLOUD_SECRET_ID", tcEnvAK)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", tcEnvSK)
	tcRead(t, tcProvider(emu, fmt.Sprintf("profile = \"ci\"\n    shared_credentials_dir = %q", dir)))
	tcSignedWith(t, emu, tcEnvAK)
}

// Rung 3, HCL: a named tccli profile in a chosen directory; the region comes from its
// .configure file when the block names none.
func TestAccTencentCredentials_profileHCL(t *testing.T) {
	emu := tcEmulator(t)
	dir := t.TempDir()
	tccliProfile(t, dir, "ci", profileKeys())
	tccliProfile(t, dir, "default", map[string]string{"secretId": tcEnvAK, "secretKey": tcEnvSK})
	config := fmt.Sprintf(`
provider "cloudquota" {
  tencentcloud {
    profile                = "ci"
    shared_credentials_dir = %q
    endpoints              = { tcss = %q }
  }
}
`, dir, emu.URL) + tcData
	tcRead(t, config)
	tcSignedWith(t, emu, tcProfileAK)
	tcNoExchange(t, emu)
}

// Rung 3, environment: TENCENTCLOUD_PROFILE and TENCENTCLOUD_SHARED_CREDENTIALS_DIR.
func TestAccTencentCredentials_profileEnv(t *testing.T) {
	emu := tcEmulator(t)
	dir := t.TempDir()
	tccliProfile(t, dir, "ops", profileKeys())
	t.Setenv("TENCENTCLOUD_PROFILE", "ops")
	t.Setenv("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", dir)
	tcRead(t, tcProvider(emu, ""))
	tcSignedWith(t, emu, tcProfileAK)
}

// A profile named in the default directory (~/.tccli) goes through the SDK's own
// TccliProfileProvider; a named profile that is missing is an error, never a fall-through.
func TestAccTencentCredentials_profileDefaultDirAndMissing(t *testing.T) {
	emu := tcEmulator(t)
	home, _ := os.UserHomeDir()
	tccliProfile(t, filepath.Join(home, ".tccli"), "ops", profileKeys())
	tcRead(t, tcProvider(emu, `profile = "ops"`))
	tcSignedWith(t, emu, tcProfileAK)

	// Missing: the error names the file and the settings, and nothing is sent (the CVM
	// metadata answers, so a fall-through would succeed).
	emu.ServeInstanceMetadata(t)
	emu.ExpectRefused(t, tcProvider(emu, `profile = "nope"`),
		tcRe(`(?s)Tencent Cloud profile "nope" cannot be used.*nope\.credential.*does not exist.*TENCENTCLOUD_PROFILE`))
}

// A profile's role-arn and role-session-name (as tccli and the official provider write them)
// are assumed on top of its keys.
func TestAccTencentCredentials_profileRoleArn(t *testing.T) {
	emu := tcEmulator(t)
	dir := t.TempDir()
	cred := profileKeys()
	cred["role-arn"] = tcRole
	cred["role-session-name"] = "from-profile"
	tccliProfile(t, dir, "ci", cred)
	tcRead(t, tcProvider(emu, fmt.Sprintf("profile = \"ci\"\n    shared_credentials_dir = %q", dir)))
	issued := tcIssued(t, emu, tencent.ActionAssumeRole, tcRole)
	tcSignedByIssued(t, emu, tencent.ActionAssumeRole, map[string]bool{tcProfileAK: true})
	tcSignedByIssued(t, emu, tcAction, issued)
}

// Rung 4: the SDK's credentials file (TENCENTCLOUD_CREDENTIALS_FILE) comes before tccli's
// default profile; without it, ~/.tccli/default.credential is used.
func TestAccTencentCredentials_sdkDefaults(t *testing.T) {
	emu := tcEmulator(t)
	home, _ := os.UserHomeDir()
	tccliProfile(t, filepath.Join(home, ".tccli"), "default", map[string]string{"secretId": tcTccliDefAK, "secretKey": tcTccliDefSK})
	file := filepath.Join(t.TempDir(), "credentials")
	ini := fmt.Sprintf("[default]\nsecret_id = %s\nsecret_key = %s\n", tcSDKFileAK, tcSDKFileSK)
	if err := os.WriteFile(file, []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TENCENTCLOUD_CREDENTIALS_FILE", file)
	tcRead(t, tcProvider(emu, ""))
	tcSignedWith(t, emu, tcSDKFileAK)

	emu.Reset()
	if err := os.Unsetenv("TENCENTCLOUD_CREDENTIALS_FILE"); err != nil {
		t.Fatal(err)
	}
	tcRead(t, tcProvider(emu, ""))
	tcSignedWith(t, emu, tcTccliDefAK)
}

// assume_role on explicit keys: AssumeRole is signed by the permanent key, TCSS by the
// issued temporary one (with its token), for the requested duration.
func TestAccTencentCredentials_assumeRoleOnKeys(t *testing.T) {
	emu := tcEmulator(t)
	tcRead(t, tcProvider(emu, tcKeys(emu)+`
    assume_role {
      role_arn     = "`+tcRole+`"
      session_name = "terraform-plan"
      duration     = "1h"
    }`))
	issued := tcIssued(t, emu, tencent.ActionAssumeRole, tcRole)
	tcSignedByIssued(t, emu, tencent.ActionAssumeRole, map[string]bool{emu.TencentCred.AccessKey: true})
	tcExpiresWithin(t, emu, tencent.ActionAssumeRole, 50*time.Minute, time.Hour)
	tcSignedByIssued(t, emu, tcAction, issued)
}

// assume_role from the environment alone (no block), with the duration in whole seconds,
// on keys from the environment.
func TestAccTencentCredentials_assumeRoleEnv(t *testing.T) {
	emu := tcEmulator(t)
	t.Setenv("TENCENTCLOUD_SECRET_ID", tcEnvAK)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", tcEnvSK)
	t.Setenv("TENCENTCLOUD_ASSUME_ROLE_ARN", tcRole)
	t.Setenv("TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "from-env")
	t.Setenv("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "900")
	tcRead(t, tcProvider(emu, ""))
	issued := tcIssued(t, emu, tencent.ActionAssumeRole, tcRole)
	tcExpiresWithin(t, emu, tencent.ActionAssumeRole, 10*time.Minute, 15*time.Minute)
	tcSignedByIssued(t, emu, tencent.ActionAssumeRole, map[string]bool{tcEnvAK: true})
	tcSignedByIssued(t, emu, tcAction, issued)
}

// Rung 2, HCL: an OIDC token file is exchanged (unsigned) for temporary credentials; it wins
// over a named profile.
func TestAccTencentCredentials_oidcTokenFile(t *testing.T) {
	emu := tcEmulator(t)
	dir := t.TempDir()
	tccliProfile(t, dir, "ci", profileKeys())
	t.Setenv("TENCENTCLOUD_PROFILE", "ci")
	t.Setenv("TENCENTCLOUD_SHARED_CREDENTIALS_DIR", dir)
	tcRead(t, tcProvider(emu, fmt.Sprintf(`
    assume_role_with_oidc {
      provider_id             = %q
      role_arn                = %q
      session_name            = "github-actions"
      web_identity_token_file = %q
    }`, tcOIDCID, tcRole, tcTokenFile(t, tcOIDCToken))))
	issued := tcIssued(t, emu, tencent.ActionAssumeRoleWithWebIdentity, tcRole)
	for _, r := range emu.RequestsFor(t, tencent.ActionAssumeRoleWithWebIdentity) {
		if r.AccessKey != "" {
			t.Errorf("AssumeRoleWithWebIdentity carried key %q, want an unsigned request", r.AccessKey)
		}
	}
	tcSignedByIssued(t, emu, tcAction, issued)
}

// Rung 2, environment, as the official provider's variables: the token and the shared
// TENCENTCLOUD_ASSUME_ROLE_* variables serve the OIDC exchange only (no AssumeRole on top).
func TestAccTencentCredentials_oidcEnv(t *testing.T) {
	emu := tcEmulator(t)
	t.Setenv("TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN", tcOIDCToken)
	t.Setenv("TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID", tcOIDCID)
	t.Setenv("TENCENTCLOUD_ASSUME_ROLE_ARN", tcRole)
	t.Setenv("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "1h")
	tcRead(t, tcProvider(emu, ""))
	issued := tcIssued(t, emu, tencent.ActionAssumeRoleWithWebIdentity, tcRole)
	if n := emu.Count(tencent.ActionAssumeRole); n != 0 {
		t.Errorf("%d AssumeRole requests, want none", n)
	}
	tcExpiresWithin(t, emu, tencent.ActionAssumeRoleWithWebIdentity, 50*time.Minute, time.Hour)
	tcSignedByIssued(t, emu, tcAction, issued)
}

// assume_role on top of an OIDC base: AssumeRole is signed by the OIDC-issued key (with its
// token), TCSS by the second issued key.
func TestAccTencentCredentials_assumeRoleOnOIDC(t *testing.T) {
	emu := tcEmulator(t)
	tcRead(t, tcProvider(emu, fmt.Sprintf(`
    assume_role_with_oidc {
      provider_id        = %q
      role_arn           = %q
      web_identity_token = %q
    }
    assume_role {
      role_arn = %q
    }`, tcOIDCID, tcRole, tcOIDCToken, tcOtherRole)))
	oidc := tcIssued(t, emu, tencent.ActionAssumeRoleWithWebIdentity, tcRole)
	assumed := tcIssued(t, emu, tencent.ActionAssumeRole, tcOtherRole)
	tcSignedByIssued(t, emu, tencent.ActionAssumeRole, oidc)
	tcSignedByIssued(t, emu, tcAction, assumed)
}

// Rung 5: on a CVM with a role, the metadata's temporary credentials (with token) are used;
// assume_role also works on top of them.
func TestAccTencentCredentials_metadata(t *testing.T) {
	emu := tcEmulator(t)
	emu.ServeInstanceMetadata(t)
	tcRead(t, tcProvider(emu, ""))
	cvm := tcIssued(t, emu, tencent.ActionMetadata, tcCVMRole)
	tcSignedByIssued(t, emu, tcAction, cvm)
	tcNoExchange(t, emu)

	emu.Reset()
	tcRead(t, tcProvider(emu, `assume_role { role_arn = "`+tcRole+`" }`))
	cvm = tcIssued(t, emu, tencent.ActionMetadata, tcCVMRole)
	tcSignedByIssued(t, emu, tencent.ActionAssumeRole, cvm)
	tcSignedByIssued(t, emu, tcAction, tcIssued(t, emu, tencent.ActionAssumeRole, tcRole))
}

// No source at all: the diagnostic lists every source in order with why it gave nothing,
// and nothing reaches TCSS.
func TestAccTencentCredentials_noneListsSources(t *testing.T) {
	emu := tcEmulator(t)
	emu.ExpectRefused(t, tcProvider(emu, ""), tcRe(`(?s)Tencent Cloud credentials are not configured.*`+
		`Sources tried, in order:.*`+
		`secret_id/secret_key \(TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY\): not set.*`+
		`assume_role_with_oidc .*: not set.*`+
		`profile \(TENCENTCLOUD_PROFILE\).*: no profile named.*`+
		`SDK credentials file .*: no such file.*`+
		`tccli default profile .*: no such file.*`+
		`CVM role \(instance metadata at metadata.tencentyun.com\): .*`+
		`TENCENTCLOUD_SHARED_CREDENTIALS_DIR`))
}

// A metadata service that never answers is given up after MetadataTimeout, and says so.
func TestAccTencentCredentials_metadataHangs(t *testing.T) {
	emu := tcEmulator(t)
	emu.ServeInstanceMetadata(t)
	emu.Inject(tencent.ActionMetadata, emulator.Fault{Kind: emulator.FaultLatency, Delay: 10 * time.Second, Count: 5})
	acctest.Run(t, resource.TestStep{
		Config: tcProvider(emu, ""),
		ExpectError: tcRe(`(?s)Tencent Cloud credentials are not configured.*` +
			`CVM role \(instance metadata at metadata.tencentyun.com\): no answer within 2s`),
	})
	if n := emu.Count(tcAction); n != 0 {
		t.Errorf("%d TCSS requests, want none", n)
	}
}

// Failed exchanges are API diagnostics: cloud, action, HTTP status, vendor code, message,
// request ID; nothing reaches TCSS.
func TestAccTencentCredentials_stsFailures(t *testing.T) {
	emu := tcEmulator(t)
	cases := []struct {
		name, inner string
		want        string
	}{
		{"role not assumable", tcKeys(emu) + `
    assume_role { role_arn = "qcs::cam::uin/100000000001:roleName/missing" }`,
			`Tencent Cloud STS AssumeRole failed.*HTTP status: 200.*Error code:\s+InvalidParameter.RoleNotExist.*` +
				`Message:\s+role not exist.*Request ID:\s+` + tcRequestID},
		{"bad OIDC token", fmt.Sprintf(`
    assume_role_with_oidc {
      provider_id        = %q
      role_arn           = %q
      web_identity_token = "forged"
    }`, tcOIDCID, tcRole),
			`Tencent Cloud STS AssumeRoleWithWebIdentity failed.*HTTP status: 200.*` +
				`Error code:\s+InvalidParameter.WebIdentityTokenError.*Request ID:\s+` + tcRequestID},
		{"AssumeRole with an unknown key", `secret_id = "AKIDUNKNOWN0000000001"
    secret_key = "x"
    assume_role { role_arn = "` + tcRole + `" }`,
			`Tencent Cloud STS AssumeRole failed.*Error code:\s+AuthFailure.SecretIdNotFound.*Request ID:\s+` + tcRequestID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			emu.Reset()
			acctest.Run(t, resource.TestStep{
				Config:      tcProvider(emu, tc.inner),
				ExpectError: tcRe(`(?s)` + tc.want),
			})
			if n := emu.Count(tcAction); n != 0 {
				t.Errorf("%d TCSS requests after a failed exchange, want none", n)
			}
		})
	}
}

// Settings refused at plan time from HCL alone, before any request.
func TestAccTencentCredentials_planValidation(t *testing.T) {
	emu := tcEmulator(t)
	cases := []struct {
		name, inner string
		want        string
	}{
		{"duration over 12h", tcKeys(emu) + `
    assume_role {
      role_arn = "` + tcRole + `"
      duration = "13h"
    }`, `(?s)Duration out of range.*whole seconds from 1s to\s+12h0m0s`},
		{"duration not a duration", tcKeys(emu) + `
    assume_role {
      role_arn = "` + tcRole + `"
      duration = "3600"
    }`, `(?i)duration`},
		{"session name too short", tcKeys(emu) + `
    assume_role {
      role_arn     = "` + tcRole + `"
      session_name = "x"
    }`, `session_name.*2 to 128 characters`},
		{"token and token file", `
    assume_role_with_oidc {
      role_arn                = "` + tcRole + `"
      web_identity_token      = "t"
      web_identity_token_file = "/tmp/t"
    }`, `(?i)Invalid Attribute Combination.*web_identity_token`},
		{"plain-HTTP STS", `
    assume_role_with_oidc {
      role_arn           = "` + tcRole + `"
      web_identity_token = "t"
    }`, `(?s)Invalid STS endpoint.*must be an https:// URL`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			config := tcProvider(emu, tc.inner)
			if tc.name == "plain-HTTP STS" {
				config = regexp.MustCompile(`sts  = "https://`).ReplaceAllString(config, `sts  = "http://`)
			}
			emu.ExpectRefused(t, config, tcRe(`(?s)`+tc.want))
		})
	}
}

// Combinations that involve environment variables are checked when the client is built,
// naming the settings and variables, before any request.
func TestAccTencentCredentials_envValidation(t *testing.T) {
	emu := tcEmulator(t)
	t.Run("assume_role block without role", func(t *testing.T) {
		emu.ExpectRefused(t, tcProvider(emu, tcKeys(emu)+"\n    assume_role {}"),
			tcRe(`(?s)Incomplete Tencent Cloud assume_role settings.*assume_role.role_arn \(TENCENTCLOUD_ASSUME_ROLE_ARN\)`))
	})
	t.Run("OIDC token without role", func(t *testing.T) {
		t.Setenv("TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN", tcOIDCToken)
		emu.ExpectRefused(t, tcProvider(emu, ""),
			tcRe(`(?s)Incomplete Tencent Cloud OIDC settings.*assume_role_with_oidc.role_arn \(TENCENTCLOUD_ASSUME_ROLE_ARN\)`))
	})
	t.Run("duration variable out of range", func(t *testing.T) {
		t.Setenv("TENCENTCLOUD_ASSUME_ROLE_ARN", tcRole)
		t.Setenv("TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION", "86400")
		emu.ExpectRefused(t, tcProvider(emu, tcKeys(emu)),
			tcRe(`(?s)Invalid Tencent Cloud role session duration.*TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION.*"86400"`))
	})
	t.Run("half a key pair", func(t *testing.T) {
		t.Setenv("TENCENTCLOUD_SECRET_ID", tcEnvAK)
		emu.ExpectRefused(t, tcProvider(emu, ""),
			tcRe(`(?s)Incomplete Tencent Cloud credentials.*secret_key \(TENCENTCLOUD_SECRET_KEY\)`))
	})
}

// CLOUDQUOTA_ENDPOINT alone (no endpoints in HCL) points STS's role exchange at the emulator
// too, not only TCSS: the emulator serves every service of the cloud on one URL.
func TestAccTencentCredentials_assumeRoleThroughCloudquotaEndpoint(t *testing.T) {
	emu := tcEmulator(t)
	t.Setenv("CLOUDQUOTA_ENDPOINT", emu.URL)
	tcRead(t, fmt.Sprintf(`
provider "cloudquota" {
  max_retries = 1
  tencentcloud {
    region = "ap-guangzhou"
    %s
    assume_role {
      role_arn = %q
    }
  }
}
`, tcKeys(emu), tcRole)+tcData)
	tcSignedByIssued(t, emu, tcAction, tcIssued(t, emu, tencent.ActionAssumeRole, tcRole))
}
