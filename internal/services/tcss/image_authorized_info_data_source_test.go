package tcss_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
)

const (
	addr   = "data.cloudquota_tcss_image_authorized_info.test"
	action = "DescribeImageAuthorizedInfo"
	data   = `data "cloudquota_tcss_image_authorized_info" "test" {}`
)

func check(path string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(path), v)
}

// seedChecks are seed 001's example figures, as the data source must show them.
func seedChecks(region string) []statecheck.StateCheck {
	i := knownvalue.Int64Exact
	return []statecheck.StateCheck{
		check("id", knownvalue.StringExact(region)),
		check("region", knownvalue.StringExact(region)),
		check("total_authorized_cnt", i(300000)),
		check("used_authorized_cnt", i(300000)),
		check("available_authorized_cnt", i(0)),
		check("scanned_image_cnt", i(11687)),
		check("not_scanned_image_cnt", i(38)),
		check("not_scanned_local_image_cnt", i(12)),
		check("trial_authorized_cnt", i(0)),
		check("used_trial_authorized_cnt", i(0)),
		check("purchased_authorized_cnt", i(300000)),
		check("used_purchased_authorized_cnt", i(300000)),
		check("can_apply_free_image_authorize", knownvalue.Bool(false)),
		check("repeat_image_id_cnt", i(2)),
		check("image_scan_inquire_info", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"capacity":        i(18601),
			"usage":           i(17365),
			"start_time":      knownvalue.StringExact("2024-09-24T13:01:18+08:00"),
			"end_time":        knownvalue.StringExact("2024-12-24T13:01:18+08:00"),
			"inquire_key":     knownvalue.StringExact("sv_yunjing_cssil_image"),
			"purchase_status": knownvalue.StringExact("Normal"),
			"resource_id":     knownvalue.StringExact("427c59056cbd64e30b3990e8d7b25c19"),
		})),
	}
}

// Credentials in HCL; the emulator answers seed 001's example, which must arrive intact.
func TestAccImageAuthorizedInfo_seedExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            emu.TencentProvider("") + data,
			ConfigStateChecks: seedChecks("ap-guangzhou"),
		}},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.Cloud != "tencentcloud" || r.AccessKey != emu.TencentCred.AccessKey || r.Region != "ap-guangzhou" {
			t.Errorf("request %+v: want tencentcloud, SecretId %s, region ap-guangzhou", r, emu.TencentCred.AccessKey)
		}
	}
}

// available_authorized_cnt is total minus used when some are free.
func TestAccImageAuthorizedInfo_available(t *testing.T) {
	acctest.PreCheck(t)
	d := all.DefaultData()
	info := d.TencentCloud.ImageAuthorizedInfo
	total, used := uint64(50), uint64(20)
	info.TotalAuthorizedCnt, info.UsedAuthorizedCnt = &total, &used
	emu := acctest.StartEmulator(t, all.Options{Data: d})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.TencentProvider("") + data + `
output "enough" {
  value = data.cloudquota_tcss_image_authorized_info.test.available_authorized_cnt >= 30
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				check("available_authorized_cnt", knownvalue.Int64Exact(30)),
				statecheck.ExpectKnownOutputValue("enough", knownvalue.Bool(true)),
			},
		}},
	})
}

// Credentials, token and region from the TENCENTCLOUD_ environment variables only.
func TestAccImageAuthorizedInfo_environmentCredentials(t *testing.T) {
	acctest.PreCheck(t)
	cred := emulator.Credential{AccessKey: "AKIDENVTEST0001", SecretKey: "env-secret", SecurityToken: "env-session-token"}
	emu := acctest.StartEmulator(t, all.Options{Tencent: tencent.Options{Credentials: []emulator.Credential{cred}}})
	t.Setenv("TENCENTCLOUD_SECRET_ID", cred.AccessKey)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", cred.SecretKey)
	t.Setenv("TENCENTCLOUD_SECURITY_TOKEN", cred.SecurityToken)
	t.Setenv("TENCENTCLOUD_REGION", "ap-shanghai")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudquota" {
  tencentcloud {
    endpoints = { tcss = %q }
  }
}
`, emu.URL) + data,
			ConfigStateChecks: seedChecks("ap-shanghai"),
		}},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.AccessKey != cred.AccessKey || r.Region != "ap-shanghai" {
			t.Errorf("request %+v: want SecretId %s in ap-shanghai", r, cred.AccessKey)
		}
	}
}

// HCL wins over the environment, and a data source's region over the provider's.
func TestAccImageAuthorizedInfo_precedence(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	t.Setenv("TENCENTCLOUD_SECRET_ID", "AKIDWRONG")
	t.Setenv("TENCENTCLOUD_SECRET_KEY", "wrong")
	t.Setenv("TENCENTCLOUD_REGION", "ap-beijing")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.TencentProvider("") + `
data "cloudquota_tcss_image_authorized_info" "test" {
  region = "ap-singapore"
}`,
			ConfigStateChecks: seedChecks("ap-singapore"),
		}},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.AccessKey != emu.TencentCred.AccessKey || r.Region != "ap-singapore" {
			t.Errorf("request %+v: want the HCL SecretId in ap-singapore", r)
		}
	}
}

// A provider with only Huawei configured plans Huawei reads; a TCSS read fails, naming the
// block and the variables to set, and nothing is sent to Tencent.
func TestAccImageAuthorizedInfo_notConfigured(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	huawei := emu.HuaweiProvider("") + `data "cloudquota_hss_resource_quotas" "test" {}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: huawei,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudquota_hss_resource_quotas.test", tfjsonpath.New("total_num"), knownvalue.Int64Exact(2)),
				},
			},
			{
				Config: huawei + "\n" + data,
				ExpectError: regexp.MustCompile(`(?s)Tencent Cloud credentials are not configured.*tencentcloud.*` +
					`TENCENTCLOUD_SECRET_ID.*TENCENTCLOUD_SECRET_KEY`),
			},
		},
	})
	if n := emu.Count(action); n != 0 {
		t.Errorf("emulator saw %d TCSS requests from an unconfigured cloud", n)
	}
	if emu.Count("ShowResourceQuotas") == 0 {
		t.Error("the Huawei read never reached the emulator")
	}

	// Credentials without a region: the error names where to set one, before any request.
	t.Setenv("TENCENTCLOUD_SECRET_ID", emu.TencentCred.AccessKey)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", emu.TencentCred.SecretKey)
	emu.ExpectRefused(t, `provider "cloudquota" {}
`+data, regexp.MustCompile(`(?s)Tencent Cloud region is not set.*TENCENTCLOUD_REGION`))
}

// A wrong secret is refused as Tencent refuses it, and the diagnostic says so in full.
func TestAccImageAuthorizedInfo_wrongSecret(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	config := fmt.Sprintf(`
provider "cloudquota" {
  tencentcloud {
    region     = "ap-guangzhou"
    secret_id  = %q
    secret_key = "not-the-secret"
    endpoints  = { tcss = %q }
  }
}
`, emu.TencentCred.AccessKey, emu.URL) + data
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(`(?s)Tencent Cloud TCSS DescribeImageAuthorizedInfo failed.*` +
				`Region:\s+ap-guangzhou.*HTTP status: 200.*Error code:\s+AuthFailure\.SignatureFailure.*` +
				`Request ID:\s+[0-9a-f]{8}-[0-9a-f]{4}-.*Attempts:\s+1\b.*refused the\s+credentials`),
		}},
	})
	if n := emu.Count(action); n != 1 {
		t.Errorf("a refused signature was tried %d times, want 1", n)
	}
}

// Vendor errors surface with code, message and RequestId; throttling and internal errors
// are retried, and a read that recovers succeeds.
func TestAccImageAuthorizedInfo_vendorErrors(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	config := emu.TencentProvider("") + data

	emu.InjectFault(action, 2, 200, "InternalError", "An internal error has occurred.")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(`(?s)Tencent Cloud TCSS DescribeImageAuthorizedInfo failed.*` +
				`Error code:\s+InternalError.*An internal error has occurred.*Request ID:\s+[0-9a-f-]{36}.*` +
				`Attempts:\s+2\b.*server-side fault`),
		}},
	})

	emu.Reset()
	emu.InjectFault(action, 1, 200, "RequestLimitExceeded", "Your current request times exceeds the frequency limit.")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{check("total_authorized_cnt", knownvalue.Int64Exact(300000))},
		}},
	})
	if n := emu.Count(action); n < 2 {
		t.Errorf("%s seen %d times after RequestLimitExceeded, want a retry", action, n)
	}

	emu.Reset()
	emu.InjectFault(action, 1, 200, "AuthFailure.UnauthorizedOperation", "The request is not authorized.")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(`(?s)Error code:\s+AuthFailure\.UnauthorizedOperation.*not authorized.*` +
				`Attempts:\s+1\b.*not allowed this action`),
		}},
	})
	if n := emu.Count(action); n != 1 {
		t.Errorf("a permission error was tried %d times, want 1 (never retried)", n)
	}
}

// An unknown region lists the SDK's regions and sends nothing, unless endpoints.tcss is set.
func TestAccImageAuthorizedInfo_unknownRegion(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	emu.ExpectRefused(t, fmt.Sprintf(`
provider "cloudquota" {
  tencentcloud {
    region     = "xx-nowhere-1"
    secret_id  = %q
    secret_key = %q
  }
}
`, emu.TencentCred.AccessKey, emu.TencentCred.SecretKey)+data,
		regexp.MustCompile(`(?s)Unknown Tencent Cloud region "xx-nowhere-1" for TCSS.*ap-guangzhou.*endpoints\.tcss`))
}

// insecure reaches a self-signed endpoint; without it the certificate error is final.
func TestAccImageAuthorizedInfo_insecure(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartTLSEmulator(t, all.Options{})
	config := func(insecure bool) string {
		return fmt.Sprintf(`
provider "cloudquota" {
  insecure    = %t
  max_retries = 3
  tencentcloud {
    region     = "ap-guangzhou"
    secret_id  = %q
    secret_key = %q
    endpoints  = { tcss = %q }
  }
}
`, insecure, emu.TencentCred.AccessKey, emu.TencentCred.SecretKey, emu.URL) + data
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    acctest.InsecureSteps(config, seedChecks("ap-guangzhou")),
	})
}

// With nothing in HCL or TENCENTCLOUD_ variables, the SDK's own chain supplies the key: here
// its profile file, named by TENCENTCLOUD_CREDENTIALS_FILE.
func TestAccImageAuthorizedInfo_sdkProfileChain(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	file := filepath.Join(t.TempDir(), "credentials")
	ini := fmt.Sprintf("[default]\nsecret_id = %s\nsecret_key = %s\n", emu.TencentCred.AccessKey, emu.TencentCred.SecretKey)
	if err := os.WriteFile(file, []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TENCENTCLOUD_CREDENTIALS_FILE", file)
	t.Setenv("TENCENTCLOUD_REGION", "ap-guangzhou")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudquota" {
  tencentcloud {
    endpoints = { tcss = %q }
  }
}
`, emu.URL) + data,
			ConfigStateChecks: seedChecks("ap-guangzhou"),
		}},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.AccessKey != emu.TencentCred.AccessKey {
			t.Errorf("signed with %q, want the profile's %q", r.AccessKey, emu.TencentCred.AccessKey)
		}
	}
}
