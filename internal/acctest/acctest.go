// Package acctest holds what the acceptance tests share: the provider served in-process,
// an emulator per test, and provider configurations pointing at it.
package acctest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/provider"
)

// ProtoV6ProviderFactories serves the provider in-process, so tests need no build or install.
var ProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"cloudquota": providerserver.NewProtocol6WithError(provider.New("test")()),
}

// huaweiEnv lists every variable the provider or the Huawei SDK reads; tests clear them so a
// developer's own environment cannot change what a test sees.
var huaweiEnv = []string{
	"HW_REGION_NAME", "HW_ACCESS_KEY", "HW_SECRET_KEY", "CLOUD_SDK_AK", "CLOUD_SDK_SK", "HW_SECURITY_TOKEN",
	"HW_PROJECT_ID", "HW_ENTERPRISE_PROJECT_ID",
	"HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_PROJECT_ID", "HUAWEICLOUD_SDK_SECURITY_TOKEN",
	"HUAWEICLOUD_SDK_IDP_ID", "HUAWEICLOUD_SDK_ID_TOKEN_FILE", "HUAWEICLOUD_SDK_IAM_ENDPOINT",
	"HW_PROFILE", "HW_SHARED_CONFIG_FILE", "HW_ASSUME_ROLE_AGENCY_NAME", "HW_ASSUME_ROLE_DOMAIN_NAME",
	"HW_ASSUME_ROLE_DOMAIN_ID", "HW_ASSUME_ROLE_DURATION", "HW_ASSUME_ROLE_IDP_ID", "HW_ASSUME_ROLE_ID_TOKEN_FILE",
}

// tencentEnv and alibabaEnv are the same for the other clouds: the provider's variables and
// those their SDK chains read.
var tencentEnv = []string{
	"TENCENTCLOUD_REGION", "TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY", "TENCENTCLOUD_SECURITY_TOKEN",
	"TENCENTCLOUD_ROLE_ARN", "TENCENTCLOUD_ROLE_SESSION_NAME", "TKE_REGION", "TKE_PROVIDER_ID",
	"TKE_WEB_IDENTITY_TOKEN_FILE", "TKE_ROLE_ARN",
	"TENCENTCLOUD_PROFILE", "TENCENTCLOUD_SHARED_CREDENTIALS_DIR", "TCCLI_PROFILE",
	"TENCENTCLOUD_ASSUME_ROLE_ARN", "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME", "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION",
	"TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID", "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN",
	"TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE",
	// Unset rather than pointed at an empty path: the SDK treats a set variable naming no file
	// as an error. HOME (below) hides the default ~/.tencentcloud/credentials and ~/.tccli.
	"TENCENTCLOUD_CREDENTIALS_FILE",
}

var alibabaEnv = []string{
	"ALICLOUD_REGION", "ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN",
	"ALIBABA_CLOUD_REGION_ID", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
	"ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
	"ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_PROFILE",
	"ALIBABA_CLOUD_CREDENTIALS_URI", "ALICLOUD_PROFILE", "ALICLOUD_SHARED_CREDENTIALS_FILE",
	"ALICLOUD_ASSUME_ROLE_ARN", "ALICLOUD_ASSUME_ROLE_SESSION_NAME", "ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION",
	"ALICLOUD_ASSUME_ROLE_EXTERNAL_ID", "ALICLOUD_ASSUME_ROLE_POLICY", "ALIBABA_CLOUD_OIDC_TOKEN",
	"ALIBABA_CLOUD_ROLE_SESSION_NAME", "ALIBABA_CLOUD_ROLE_SESSION_EXPIRATION", "ALIBABA_CLOUD_STS_REGION",
	"ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "ALIBABA_CLOUD_IMDSV1_DISABLED", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED",
}

// NoRateLimits lifts the documented limit of every action the provider calls, those of
// services added later included ("*").
const NoRateLimits = "*=10000/1s"

// PreCheck fails early when no terraform CLI is available: the tests must never download one.
// It also isolates the test from the developer's cloud environment and SDK profile files.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			t.Fatal("terraform CLI not found: put it on PATH or set TF_ACC_TERRAFORM_PATH")
		}
		t.Setenv("TF_ACC_TERRAFORM_PATH", p)
	}
	for _, name := range slices.Concat(huaweiEnv, tencentEnv, alibabaEnv) {
		t.Setenv(name, "")
	}
	// Some SDK chains test whether a variable is set at all, not whether it is empty.
	for _, name := range tencentEnv {
		unsetenv(t, name)
	}
	// The SDKs' profile providers read these files; point them somewhere empty.
	empty := filepath.Join(t.TempDir(), "no-credentials")
	t.Setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", empty)
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", empty)
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", empty)
	// Default files under the home directory (KooCLI's ~/.hcloud/config.json, Tencent's ~/.tccli
	// and ~/.tencentcloud, Alibaba's ~/.aliyun and ~/.alibabacloud): an empty home.
	isolateHome(t)
	// Rate-limit budgets and cache_ttl answers are shared through this directory by every
	// provider process; each test gets its own, so that tests neither share budgets nor see
	// each other's answers. Tests that are not about rate limits lift the documented ones
	// (HSS allows 5 calls a minute, which a test's plan, apply and refresh would spend);
	// tests of the limits set CLOUDQUOTA_RATE_LIMITS back to "".
	t.Setenv("CLOUDQUOTA_CACHE_DIR", filepath.Join(t.TempDir(), "cloudquota-cache"))
	t.Setenv("CLOUDQUOTA_CACHE_TTL", "")
	t.Setenv("CLOUDQUOTA_RATE_LIMITS", NoRateLimits)
	// No cloud metadata service exists here; the chains must not wait for one. Alibaba's
	// metadata tests set it back to "" (with acctest.Main's metadata proxy in place).
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	// Endpoints from the developer's environment (CLOUDQUOTA_ENDPOINT, set by
	// `cloudquota-emulator exec`, and CLOUDQUOTA_<BLOCK>_ENDPOINT_<KEY>) would redirect reads.
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name == "CLOUDQUOTA_ENDPOINT" || (strings.HasPrefix(name, "CLOUDQUOTA_") && strings.Contains(name, "_ENDPOINT_")) {
			unsetenv(t, name)
		}
	}
}

// isolateHome points HOME at an empty directory, first pinning the Go tool's settings that
// default to paths under it (build and module caches, its env file), so that tests that run
// `go build` keep the warm caches.
func isolateHome(t *testing.T) {
	t.Helper()
	pin := func(name string, dir func() (string, error), elem ...string) {
		if os.Getenv(name) != "" {
			return
		}
		if d, err := dir(); err == nil {
			t.Setenv(name, filepath.Join(append([]string{d}, elem...)...))
		}
	}
	pin("GOPATH", os.UserHomeDir, "go")
	pin("GOCACHE", os.UserCacheDir, "go-build")
	pin("GOENV", os.UserConfigDir, "go", "env")
	t.Setenv("HOME", t.TempDir())
}

// unsetenv removes name for the test (t.Setenv first, so that it is restored afterwards).
func unsetenv(t *testing.T, name string) {
	t.Helper()
	t.Setenv(name, "")
	if err := os.Unsetenv(name); err != nil {
		t.Fatal(err)
	}
}

// Emulator is an emulator serving one test.
type Emulator struct {
	*all.Server
	URL string
	// HuaweiCred, TencentCred and AlibabaCred are the key pairs the emulator accepts (the
	// first, if several).
	HuaweiCred  emulator.Credential
	TencentCred emulator.Credential
	AlibabaCred emulator.Credential
}

// StartEmulator starts an emulator on a loopback port and stops it when the test ends.
// Unless opts names credentials, it accepts a key pair unique to the test (see
// UniqueHuaweiCredential). Unless opts sets Limits or RateLimit, the documented rate limits
// are lifted (HSS allows 5 calls a minute); a test about them passes
// Limits: all.DocumentedLimits().
func StartEmulator(t *testing.T, opts all.Options) *Emulator {
	t.Helper()
	return start(t, opts, httptest.NewServer)
}

// StartTLSEmulator is StartEmulator over HTTPS with a self-signed certificate.
func StartTLSEmulator(t *testing.T, opts all.Options) *Emulator {
	t.Helper()
	return start(t, opts, httptest.NewTLSServer)
}

func start(t *testing.T, opts all.Options, serve func(http.Handler) *httptest.Server) *Emulator {
	if opts.Limits == nil && opts.RateLimit == 0 {
		opts.NoLimits = true
	}
	if opts.Huawei.Credentials == nil {
		opts.Huawei.Credentials = []emulator.Credential{UniqueHuaweiCredential(t)}
	}
	if opts.Tencent.Credentials == nil {
		opts.Tencent.Credentials = []emulator.Credential{tencent.DefaultCredential}
	}
	if opts.Alibaba.Credentials == nil {
		opts.Alibaba.Credentials = []emulator.Credential{alibaba.DefaultCredential}
	}
	srv := all.New(opts)
	hs := serve(srv)
	t.Cleanup(hs.Close)
	return &Emulator{
		Server: srv, URL: hs.URL, HuaweiCred: opts.Huawei.Credentials[0],
		TencentCred: opts.Tencent.Credentials[0], AlibabaCred: opts.Alibaba.Credentials[0],
	}
}

// ExampleData is the emulator's richer example data set (every field filled).
func ExampleData(t *testing.T) *all.Data {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	data, err := all.LoadData(filepath.Join(filepath.Dir(file), "..", "emulator", "testdata", "example-data.json"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// RequestsFor returns the recorded requests for action, failing the test when there are none.
func (e *Emulator) RequestsFor(t *testing.T, action string) []emulator.Request {
	t.Helper()
	var out []emulator.Request
	for _, r := range e.Requests() {
		if r.Action == action {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		t.Fatalf("the emulator recorded no %s request", action)
	}
	return out
}

// AssertQuery checks that every recorded request for action carried the want query parameters.
func (e *Emulator) AssertQuery(t *testing.T, action string, want map[string]string) {
	t.Helper()
	for _, r := range e.RequestsFor(t, action) {
		for k, v := range want {
			if got := r.Query.Get(k); got != v {
				t.Errorf("%s query %s = %q, want %q", action, k, got, v)
			}
		}
	}
}

// UniqueHuaweiCredential is a key pair of the test's own. The Huawei SDK caches resolved
// project IDs per access key and region for the whole process, so tests that count IAM
// lookups or change project IDs must not share a key with other tests.
func UniqueHuaweiCredential(t *testing.T) emulator.Credential {
	sum := sha256.Sum256([]byte(t.Name()))
	return emulator.Credential{
		AccessKey: "TESTAK" + strings.ToUpper(hex.EncodeToString(sum[:7])),
		SecretKey: "test-secret-" + hex.EncodeToString(sum[7:15]),
	}
}

// ExpectRefused runs config, expects an error matching re, and asserts that the emulator
// saw no request at all: bad input must be caught before anything is sent.
func (e *Emulator) ExpectRefused(t *testing.T, config string, re *regexp.Regexp) {
	t.Helper()
	e.Reset()
	Run(t, resource.TestStep{Config: config, ExpectError: re})
	if n := e.Count(""); n != 0 {
		t.Errorf("emulator saw %d request(s) for refused input, want 0: %+v", n, e.Requests())
	}
}

// InsecureSteps are the steps every cloud's insecure test takes against StartTLSEmulator:
// without insecure the self-signed certificate is a final error (never retried, with a hint
// at the setting), with it the read succeeds with checks.
func InsecureSteps(config func(insecure bool) string, checks []statecheck.StateCheck) []resource.TestStep {
	return []resource.TestStep{
		{
			Config:      config(false),
			ExpectError: regexp.MustCompile(`(?s)HTTP status: none.*certificate.*Attempts:\s+1\b.*insecure = true`),
		},
		{
			Config:            config(true),
			ConfigStateChecks: checks,
		},
	}
}

// Run runs steps, in order, against the provider served in-process.
func Run(t *testing.T, steps ...resource.TestStep) {
	t.Helper()
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: ProtoV6ProviderFactories, Steps: steps})
}

// Expect checks that the attribute at path (top-level name) of the data source or resource
// at addr is known and matches want.
func Expect(addr, path string, want knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(path), want)
}

// WriteFile writes content to a file of the test's own named name, owner-only as the
// credential files it stands for, and returns its path.
func WriteFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
