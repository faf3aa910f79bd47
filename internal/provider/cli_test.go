package provider_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
)

// These tests run the provider as Terraform runs it for users: a built binary that
// terraform starts once for the whole plan (acceptance tests serve it in-process and start
// several terraform commands per step). That is what "one provider process" means for
// coalescing and rate limits, and where TF_LOG output is written.

// cliPlan builds the provider, writes config as a module, runs `terraform plan` with env
// added to the (PreCheck-cleaned) environment, and returns its combined output.
func cliPlan(t *testing.T, config string, env ...string) (string, error) {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-cloudquota"),
		"github.com/cloudquota/terraform-provider-cloudquota")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the provider: %v\n%s", err, out)
	}
	rc := filepath.Join(dir, "dev.tfrc")
	writeFile(t, rc, fmt.Sprintf(`provider_installation {
  dev_overrides {
    "cloudquota/cloudquota" = %q
  }
  direct {}
}
`, bin))
	module := filepath.Join(dir, "module")
	writeFile(t, filepath.Join(module, "main.tf"), `terraform {
  required_providers {
    cloudquota = { source = "cloudquota/cloudquota" }
  }
}
`+config)
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), "plan", "-input=false", "-no-color", "-lock=false")
	cmd.Dir = module
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// Twenty identical instances of each data source in one plan make one API call each, and
// one IAM project lookup in all.
func TestAccCLI_identicalReadsShareOneCall(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	config := emu.AllCloudsProvider("max_retries = 0") + `
data "cloudquota_hss_image_scan_statistics" "same" { count = 20 }
data "cloudquota_hss_resource_quotas" "same" {
  count   = 20
  version = "hss.version.premium"
}
data "cloudquota_metastudio_expiring_resources" "same" {
  count           = 20
  expiring_within = "720h"
}
data "cloudquota_tcss_image_authorized_info" "same" { count = 20 }
data "cloudquota_sas_auth_summary" "same" { count = 20 }
`
	out, err := cliPlan(t, config)
	if err != nil {
		t.Fatalf("plan failed: %v\n%s", err, out)
	}
	for _, action := range []string{
		"KeystoneListProjects", "ShowImagePayPerScanStatistics", "ShowResourceQuotas", "CountTenantResources",
		"DescribeImageAuthorizedInfo", "GetAuthSummary",
	} {
		n := emu.Count(action)
		t.Logf("%s: %d request(s) for 20 identical reads", action, n)
		if n != 1 {
			t.Errorf("%s: the emulator saw %d requests for 20 identical reads, want 1", action, n)
		}
	}
}

// 100 distinct TCSS reads (one per region) against an emulator that enforces Tencent's
// documented 20 requests a second: the provider's own limit keeps every read under it, so
// none is throttled and none fails.
func TestAccCLI_rateLimitHolds(t *testing.T) {
	acctest.PreCheck(t)
	t.Setenv("CLOUDQUOTA_RATE_LIMITS", "") // the documented limits
	const reads, limit = 100, 20
	data := all.DefaultData()
	data.TencentCloud.Regions = nil
	for i := range reads {
		data.TencentCloud.Regions = append(data.TencentCloud.Regions, fmt.Sprintf("test-region-%03d", i))
	}
	emu := acctest.StartEmulator(t, all.Options{Data: data, RateLimit: limit})
	config := emu.AllCloudsProvider("max_retries = 0") + fmt.Sprintf(`
data "cloudquota_tcss_image_authorized_info" "each" {
  for_each = toset([for i in range(%d) : format("test-region-%%03d", i)])
  region   = each.key
}
`, reads)
	start := time.Now()
	out, err := cliPlan(t, config)
	if err != nil {
		t.Fatalf("plan failed: %v\n%s", err, out)
	}
	action := "DescribeImageAuthorizedInfo"
	count, throttled, peak := emu.Count(action), emu.Throttled(action), emu.PeakRate(action, time.Second)
	t.Logf("%d distinct reads: %d requests, %d throttled, peak %d requests in any second, plan %s",
		reads, count, throttled, peak, time.Since(start).Round(100*time.Millisecond))
	if count != reads || throttled != 0 {
		t.Errorf("the emulator saw %d requests with %d throttled, want %d and 0", count, throttled, reads)
	}
	if peak > limit {
		t.Errorf("peak rate %d requests in a second, over the documented %d", peak, limit)
	}
}

// A plan with TF_LOG=trace shows each API attempt, and no secret key, security token or
// Authorization header value: not the provider's, not the SDKs', not Terraform's.
func TestAccCLI_traceLogHasNoSecrets(t *testing.T) {
	acctest.PreCheck(t)
	hw := acctest.UniqueHuaweiCredential(t)
	hw.SecurityToken = "hw-security-token-must-not-leak"
	tc := emulator.Credential{AccessKey: "AKIDTRACETEST", SecretKey: "tc-secret-must-not-leak", SecurityToken: "tc-token-must-not-leak"}
	ali := emulator.Credential{AccessKey: "LTAITRACETEST", SecretKey: "ali-secret-must-not-leak", SecurityToken: "ali-token-must-not-leak"}
	emu := acctest.StartEmulator(t, all.Options{
		Huawei:  huawei.Options{Credentials: []emulator.Credential{hw}},
		Tencent: tencent.Options{Credentials: []emulator.Credential{tc}},
		Alibaba: alibaba.Options{Credentials: []emulator.Credential{ali}},
	})
	config := emu.AllCloudsProviderWith(hw, tc, ali, "max_retries = 1") + `
data "cloudquota_hss_resource_quotas" "test" {}
data "cloudquota_tcss_image_authorized_info" "test" {}
data "cloudquota_sas_auth_summary" "test" {}
`
	// One transient fault per cloud, so that failed attempts and retries are logged too.
	emu.Inject("ShowResourceQuotas", emulator.Fault{Kind: emulator.FaultServer})
	emu.Inject("DescribeImageAuthorizedInfo", emulator.Fault{Kind: emulator.FaultThrottle})
	emu.Inject("GetAuthSummary", emulator.Fault{Kind: emulator.FaultServer})

	out, err := cliPlan(t, config, "TF_LOG=trace")
	if err != nil {
		t.Fatalf("plan failed: %v\n%s", err, out)
	}
	// The log is really there: every attempt, the failed ones with their retry reason.
	for _, want := range []string{
		`cloud API call failed transiently, retrying`, `cloud API call succeeded`,
		`action=ShowResourceQuotas`, `action=DescribeImageAuthorizedInfo`, `action=GetAuthSummary`,
		`retry_reason="server fault"`, `retry_reason=throttled`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the trace log lacks %q", want)
		}
	}
	for _, secret := range []string{
		hw.SecretKey, hw.SecurityToken, tc.SecretKey, tc.SecurityToken, ali.SecretKey, ali.SecurityToken,
	} {
		if n := strings.Count(out, secret); n > 0 {
			t.Errorf("the trace log shows %q %d time(s)", secret, n)
		}
	}
	authz := regexp.MustCompile(`(SDK|TC3|ACS3)-HMAC-SHA256\s+(Access|Credential)=|Signature=[0-9a-f]{16}`)
	if m := authz.FindAllString(out, 5); len(m) > 0 {
		t.Errorf("the trace log shows Authorization header values: %q", m)
	}
	t.Logf("trace log: %d bytes, %d lines searched", len(out), strings.Count(out, "\n"))
}
