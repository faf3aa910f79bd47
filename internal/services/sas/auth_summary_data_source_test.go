package sas_test

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
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const (
	addr   = "data.cloudquota_sas_auth_summary.test"
	action = "GetAuthSummary"
	data   = `data "cloudquota_sas_auth_summary" "test" {}`
)

func check(path string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(path), v)
}

// seedChecks are seed 002's example figures, as the data source must show them.
func seedChecks(region string) []statecheck.StateCheck {
	i, b, s := knownvalue.Int64Exact, knownvalue.Bool, knownvalue.StringExact
	ten := i(10)
	return []statecheck.StateCheck{
		check("id", s(region)),
		check("region", s(region)),
		check("default_auth_to_all", b(true)),
		check("allow_partial_buy", b(true)),
		check("allow_upgrade_partial_buy", b(true)),
		check("has_pre_bind_setting", b(true)),
		check("is_multi_version", b(true)),
		check("auto_bind", b(true)),
		check("allow_user_unbind", b(true)),
		check("post_paid_host_auto_bind", b(true)),
		check("highest_version", i(1)),
		check("highest_version_name", s("free")),
		check("post_paid_host_auto_bind_version", i(7)),
		check("post_paid_host_auto_bind_version_name", s("ultimate")),
		check("post_paid_highest_version", i(7)),
		check("post_paid_highest_version_name", s("ultimate")),
		check("machine", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"risk_core_count": ten, "bind_core_count": ten, "total_ecs_count": ten, "bind_ecs_count": ten,
			"total_core_count": ten, "risk_ecs_count": ten, "unbind_ecs_count": ten, "unbind_core_count": ten,
			"post_paid_bind_core_count": ten, "post_paid_bind_ecs_count": ten,
		})),
		check("version_summary", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"index": i(1), "version": i(3), "version_name": s("enterprise"), "auth_bind_type": s("ASSET"),
			"used_core_count": ten, "unused_count": ten, "used_ecs_count": ten, "total_count": ten,
			"total_ecs_auth_count": ten, "total_core_auth_count": ten, "unused_ecs_auth_count": ten,
			"unused_core_auth_count": ten,
		})})),
		check("post_paid_version_summary", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"index": i(1), "version": i(3), "version_name": s("enterprise"), "auth_bind_type": s("ASSET"),
			"used_core_count": ten, "used_ecs_count": ten,
		})})),
	}
}

// loadData writes raw as an emulator data file and loads it, as a user would.
func loadData(t *testing.T, raw string) *all.Data {
	t.Helper()
	p := filepath.Join(t.TempDir(), "data.json")
	if err := os.WriteFile(p, []byte(raw), 0o600); err != nil {
		t.Fatal(err)
	}
	d, err := all.LoadData(p)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Credentials in HCL; the emulator answers seed 002's example, which must arrive intact.
func TestAccAuthSummary_seedExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            emu.AlibabaProvider("") + data,
			ConfigStateChecks: seedChecks("cn-shanghai"),
		}},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.Cloud != "alicloud" || r.AccessKey != emu.AlibabaCred.AccessKey {
			t.Errorf("request %+v: want alicloud with AccessKeyId %s", r, emu.AlibabaCred.AccessKey)
		}
	}
}

// Omitted fields read as zeros, false, "none" and empty lists; unknown codes get a name
// that says so.
func TestAccAuthSummary_sparse(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: loadData(t, `{"alicloud":{"sas_auth_summary":{
		"HighestVersion": 9, "PostPaidHostAutoBind": "0", "VersionSummary": [{"Version": 7, "Index": 5}]}}}`)})
	zero := knownvalue.Int64Exact(0)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.AlibabaProvider("") + data,
			ConfigStateChecks: []statecheck.StateCheck{
				check("highest_version", knownvalue.Int64Exact(9)),
				check("highest_version_name", knownvalue.StringExact("unknown_9")),
				check("post_paid_host_auto_bind", knownvalue.Bool(false)),
				check("post_paid_highest_version_name", knownvalue.StringExact("none")),
				check("default_auth_to_all", knownvalue.Bool(false)),
				check("machine", knownvalue.ObjectPartial(map[string]knownvalue.Check{"total_ecs_count": zero, "unbind_core_count": zero})),
				check("version_summary", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
					"version": knownvalue.Int64Exact(7), "version_name": knownvalue.StringExact("ultimate"),
					"auth_bind_type": knownvalue.StringExact(""), "total_count": zero,
				})})),
				check("post_paid_version_summary", knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

// Credentials from each family of environment variables, and ALICLOUD_ before ALIBABA_CLOUD_.
func TestAccAuthSummary_environmentCredentials(t *testing.T) {
	sts := emulator.Credential{AccessKey: "STS.EMULATORENV01", SecretKey: "sts-secret", SecurityToken: "sts-token"}
	cases := []struct {
		name string
		env  func(ak emulator.Credential) map[string]string
	}{
		{"ALICLOUD_ variables", func(c emulator.Credential) map[string]string {
			return map[string]string{"ALICLOUD_ACCESS_KEY": c.AccessKey, "ALICLOUD_SECRET_KEY": c.SecretKey, "ALICLOUD_REGION": "cn-hangzhou"}
		}},
		{"ALIBABA_CLOUD_ variables", func(c emulator.Credential) map[string]string {
			return map[string]string{
				"ALIBABA_CLOUD_ACCESS_KEY_ID": c.AccessKey, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": c.SecretKey,
				"ALIBABA_CLOUD_REGION_ID": "cn-hangzhou",
			}
		}},
		{"ALICLOUD_ wins over ALIBABA_CLOUD_", func(c emulator.Credential) map[string]string {
			return map[string]string{
				"ALICLOUD_ACCESS_KEY": c.AccessKey, "ALICLOUD_SECRET_KEY": c.SecretKey, "ALICLOUD_REGION": "cn-hangzhou",
				"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIWRONG", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "wrong",
				"ALIBABA_CLOUD_REGION_ID": "cn-beijing",
			}
		}},
		{"STS token", func(_ emulator.Credential) map[string]string {
			return map[string]string{
				"ALICLOUD_ACCESS_KEY": sts.AccessKey, "ALICLOUD_SECRET_KEY": sts.SecretKey,
				"ALICLOUD_SECURITY_TOKEN": sts.SecurityToken, "ALICLOUD_REGION": "cn-hangzhou",
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			acctest.PreCheck(t)
			emu := acctest.StartEmulator(t, all.Options{
				Alibaba: alibaba.Options{Credentials: []emulator.Credential{alibaba.DefaultCredential, sts}},
			})
			env := tc.env(emu.AlibabaCred)
			for k, v := range env {
				t.Setenv(k, v)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: fmt.Sprintf(`
provider "cloudquota" {
  alicloud {
    endpoints = { sas = %q }
  }
}
`, emu.URL) + data,
					ConfigStateChecks: seedChecks("cn-hangzhou"),
				}},
			})
			want := env["ALICLOUD_ACCESS_KEY"]
			if want == "" {
				want = env["ALIBABA_CLOUD_ACCESS_KEY_ID"]
			}
			for _, r := range emu.RequestsFor(t, action) {
				if r.AccessKey != want {
					t.Errorf("signed with %q, want %q", r.AccessKey, want)
				}
			}
		})
	}
}

// HCL wins over the environment, and a data source's region over the provider's.
func TestAccAuthSummary_precedence(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	t.Setenv("ALICLOUD_ACCESS_KEY", "LTAIWRONG")
	t.Setenv("ALICLOUD_SECRET_KEY", "wrong")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.AlibabaProvider("") + `
data "cloudquota_sas_auth_summary" "test" {
  region = "ap-southeast-1"
}`,
			ConfigStateChecks: seedChecks("ap-southeast-1"),
		}},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.AccessKey != emu.AlibabaCred.AccessKey {
			t.Errorf("signed with %q, want the HCL key %q", r.AccessKey, emu.AlibabaCred.AccessKey)
		}
	}
}

// Other clouds configured, Alibaba not: their reads work, a SAS read fails naming the block
// and the variables to set, and nothing is sent.
func TestAccAuthSummary_notConfigured(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	provider := fmt.Sprintf(`
provider "cloudquota" {
  max_retries = 1
  huaweicloud {
    region     = "cn-north-4"
    access_key = %q
    secret_key = %q
    %s
  }
  tencentcloud {
    region     = "ap-guangzhou"
    secret_id  = %q
    secret_key = %q
    endpoints  = { tcss = %q }
  }
}
data "cloudquota_hss_resource_quotas" "test" {}
data "cloudquota_tcss_image_authorized_info" "test" {}
`, emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey, emu.HuaweiEndpoints(),
		emu.TencentCred.AccessKey, emu.TencentCred.SecretKey, emu.URL)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: provider,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.cloudquota_hss_resource_quotas.test", tfjsonpath.New("total_num"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.cloudquota_tcss_image_authorized_info.test", tfjsonpath.New("total_authorized_cnt"), knownvalue.Int64Exact(300000)),
				},
			},
			{
				Config: provider + data,
				ExpectError: regexp.MustCompile(`(?s)Alibaba Cloud credentials are not configured.*alicloud.*` +
					`ALICLOUD_ACCESS_KEY.*ALICLOUD_SECRET_KEY`),
			},
		},
	})
	if n := emu.Count(action); n != 0 {
		t.Errorf("emulator saw %d SAS requests from an unconfigured cloud", n)
	}

	t.Setenv("ALICLOUD_ACCESS_KEY", emu.AlibabaCred.AccessKey)
	t.Setenv("ALICLOUD_SECRET_KEY", emu.AlibabaCred.SecretKey)
	emu.ExpectRefused(t, `provider "cloudquota" {}
`+data, regexp.MustCompile(`(?s)Alibaba Cloud region is not set.*ALICLOUD_REGION`))
}

// A wrong secret is refused as Alibaba refuses it, with status, code and RequestId.
func TestAccAuthSummary_wrongSecret(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudquota" {
  alicloud {
    region     = "cn-shanghai"
    access_key = %q
    secret_key = "not-the-secret"
    endpoints  = { sas = %q }
  }
}
`, emu.AlibabaCred.AccessKey, emu.URL) + data,
			ExpectError: regexp.MustCompile(`(?s)Alibaba Cloud SAS GetAuthSummary failed.*Region:\s+cn-shanghai.*` +
				`HTTP status: 400.*Error code:\s+SignatureDoesNotMatch.*Request ID:\s+[0-9A-F]{8}-.*Attempts:\s+1\b.*` +
				`refused the\s+credentials`),
		}},
	})
	if n := emu.Count(action); n != 1 {
		t.Errorf("a refused signature was tried %d times, want 1", n)
	}
}

// Vendor errors surface with status, code, message and RequestId; permission errors are
// final, throttling and server errors are retried.
func TestAccAuthSummary_vendorErrors(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	config := emu.AlibabaProvider("") + data

	emu.InjectFault(action, 1, 403, "NoPermission", "caller has no permission")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(`(?s)HTTP status: 403.*Error code:\s+NoPermission.*Message:\s+caller has no\s+permission.*` +
				`Request ID:\s+[0-9A-F-]{36}.*Attempts:\s+1\b.*not allowed this action`),
		}},
	})
	if n := emu.Count(action); n != 1 {
		t.Errorf("NoPermission was tried %d times, want 1 (never retried)", n)
	}

	emu.Reset()
	emu.InjectFault(action, 2, 500, "ServerError", "ServerError")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)HTTP status: 500.*Error code:\s+ServerError.*Attempts:\s+2\b.*server-side fault`),
		}},
	})

	emu.Reset()
	emu.InjectFault(action, 1, 400, "Throttling.User", "Request was denied due to user flow control.")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{check("highest_version_name", knownvalue.StringExact("free"))},
		}},
	})
	// Terraform reads the data source more than once per step; the fault hits the first.
	if n := emu.Count(action); n < 2 {
		t.Errorf("%s seen %d times after throttling, want a retry", action, n)
	}
}

// insecure reaches a self-signed endpoint; without it the certificate error is final.
func TestAccAuthSummary_insecure(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartTLSEmulator(t, all.Options{})
	config := func(insecure bool) string {
		return fmt.Sprintf(`
provider "cloudquota" {
  insecure    = %t
  max_retries = 3
  alicloud {
    region     = "cn-shanghai"
    access_key = %q
    secret_key = %q
    endpoints  = { sas = %q }
  }
}
`, insecure, emu.AlibabaCred.AccessKey, emu.AlibabaCred.SecretKey, emu.URL) + data
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps:                    acctest.InsecureSteps(config, seedChecks("cn-shanghai")),
	})
}

// An unknown region lists the documented ones and sends nothing, unless endpoints.sas is set.
func TestAccAuthSummary_unknownRegion(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	emu.ExpectRefused(t, fmt.Sprintf(`
provider "cloudquota" {
  alicloud {
    region     = "xx-nowhere-1"
    access_key = %q
    secret_key = %q
  }
}
`, emu.AlibabaCred.AccessKey, emu.AlibabaCred.SecretKey)+data,
		regexp.MustCompile(`(?s)Unknown Alibaba Cloud region "xx-nowhere-1" for SAS.*cn-shanghai.*endpoints\.sas`))
}

// With nothing in HCL or the environment, the credentials-go chain supplies the key: here
// its credentials file, named by ALIBABA_CLOUD_CREDENTIALS_FILE.
func TestAccAuthSummary_sdkProfileChain(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	file := filepath.Join(t.TempDir(), "credentials")
	ini := fmt.Sprintf("[default]\ntype = access_key\naccess_key_id = %s\naccess_key_secret = %s\n",
		emu.AlibabaCred.AccessKey, emu.AlibabaCred.SecretKey)
	if err := os.WriteFile(file, []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", file)
	t.Setenv("ALICLOUD_REGION", "cn-shanghai")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "cloudquota" {
  alicloud {
    endpoints = { sas = %q }
  }
}
`, emu.URL) + data,
			ConfigStateChecks: seedChecks("cn-shanghai"),
		}},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.AccessKey != emu.AlibabaCred.AccessKey {
			t.Errorf("signed with %q, want the profile's %q", r.AccessKey, emu.AlibabaCred.AccessKey)
		}
	}
}
