package provider_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

const quotas = "data.cloudquota_hss_resource_quotas.test"

// endpointsOnly is a huaweicloud block that sets nothing but the emulator endpoints, so that
// everything else must come from the environment.
func endpointsOnly(emu *acctest.Emulator) string {
	return fmt.Sprintf(`
provider "cloudquota" {
  max_retries = 0
  huaweicloud {
    %s
  }
}
`, emu.HuaweiEndpoints())
}

// Credentials and region from the environment only, through each variable the provider
// documents and the Huawei SDK's own chain.
func TestAccProvider_environmentCredentials(t *testing.T) {
	cases := []struct {
		name string
		env  func(c emulator.Credential) map[string]string
	}{
		{"HW_ variables", func(c emulator.Credential) map[string]string {
			return map[string]string{"HW_ACCESS_KEY": c.AccessKey, "HW_SECRET_KEY": c.SecretKey}
		}},
		{"CLOUD_SDK_ fallback", func(c emulator.Credential) map[string]string {
			return map[string]string{"CLOUD_SDK_AK": c.AccessKey, "CLOUD_SDK_SK": c.SecretKey}
		}},
		{"HW_ wins over CLOUD_SDK_", func(c emulator.Credential) map[string]string {
			return map[string]string{
				"HW_ACCESS_KEY": c.AccessKey, "HW_SECRET_KEY": c.SecretKey,
				"CLOUD_SDK_AK": "WRONGAK", "CLOUD_SDK_SK": "wrong-secret",
			}
		}},
		{"SDK chain (HUAWEICLOUD_SDK_)", func(c emulator.Credential) map[string]string {
			return map[string]string{"HUAWEICLOUD_SDK_AK": c.AccessKey, "HUAWEICLOUD_SDK_SK": c.SecretKey}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			acctest.PreCheck(t)
			emu := acctest.StartEmulator(t, all.Options{})
			t.Setenv("HW_REGION_NAME", "cn-north-4")
			for k, v := range tc.env(emu.HuaweiCred) {
				t.Setenv(k, v)
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: endpointsOnly(emu) + `data "cloudquota_hss_resource_quotas" "test" {}`,
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue(quotas, tfjsonpath.New("total_num"), knownvalue.Int64Exact(2)),
						statecheck.ExpectKnownValue(quotas, tfjsonpath.New("region"), knownvalue.StringExact("cn-north-4")),
					},
				}},
			})
			for _, r := range emu.Requests() {
				if r.AccessKey != emu.HuaweiCred.AccessKey {
					t.Errorf("%s signed with %q, want %q", r.Action, r.AccessKey, emu.HuaweiCred.AccessKey)
				}
			}
		})
	}
}

// HCL beats the environment.
func TestAccProvider_hclBeatsEnvironment(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	t.Setenv("HW_ACCESS_KEY", "ENVAKTHATMUSTNOTBEUSED")
	t.Setenv("HW_SECRET_KEY", "env-secret-that-must-not-be-used")
	t.Setenv("HW_REGION_NAME", "cn-east-3")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.HuaweiProvider("") + `data "cloudquota_hss_resource_quotas" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(quotas, tfjsonpath.New("region"), knownvalue.StringExact("cn-north-4")),
			},
		}},
	})
}

// Without project_id the SDK resolves it through IAM once per region, whatever the number of
// reads; with project_id no IAM call is made.
func TestAccProvider_projectResolution(t *testing.T) {
	acctest.PreCheck(t)
	const configured = "0123456789abcdef0123456789abcdef"
	emu := acctest.StartEmulator(t, all.Options{Data: &all.Data{HuaweiCloud: huawei.Data{
		Projects: map[string]string{"cn-east-3": configured},
	}}})
	resolved := emu.Huawei.ProjectID("cn-north-4")

	three := `
data "cloudquota_hss_resource_quotas" "test" {}
data "cloudquota_hss_image_scan_statistics" "test" {}
data "cloudquota_metastudio_expiring_resources" "test" {}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.HuaweiProvider("") + three,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(quotas, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile("^"+resolved+"/"))),
			},
		}},
	})
	if n := emu.Count("KeystoneListProjects"); n != 1 {
		t.Errorf("IAM project lookups = %d, want 1", n)
	}
	for _, r := range emu.Requests() {
		if r.Action == "KeystoneListProjects" && r.Query.Get("name") != "cn-north-4" {
			t.Errorf("IAM looked up %q, want cn-north-4", r.Query.Get("name"))
		}
		if r.Action != "KeystoneListProjects" && r.ProjectID != resolved {
			t.Errorf("%s called project %q, want %q", r.Action, r.ProjectID, resolved)
		}
	}

	// project_id set: it is used as is, for the provider's region.
	emu.Reset()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.HuaweiProviderWith(emu.HuaweiCred, "cn-east-3", `project_id = "`+configured+`"`) + three,
		}},
	})
	if n := emu.Count("KeystoneListProjects"); n != 0 {
		t.Errorf("IAM project lookups with project_id set = %d, want 0", n)
	}
	for _, r := range emu.Requests() {
		if r.ProjectID != configured {
			t.Errorf("%s called project %q, want the configured %q", r.Action, r.ProjectID, configured)
		}
	}
}

// A data source's region overrides the provider's, and resolves its own project even when
// the provider has a project_id (which belongs to the provider's region).
func TestAccProvider_dataSourceRegion(t *testing.T) {
	acctest.PreCheck(t)
	const configured = "fedcba9876543210fedcba9876543210"
	emu := acctest.StartEmulator(t, all.Options{Data: &all.Data{HuaweiCloud: huawei.Data{
		Projects: map[string]string{"cn-north-4": configured},
	}}})
	east := emu.Huawei.ProjectID("ap-southeast-1")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.HuaweiProvider(`project_id = "`+configured+`"`) + `
data "cloudquota_hss_resource_quotas" "test" {}
data "cloudquota_hss_resource_quotas" "other" {
  region = "ap-southeast-1"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(quotas, tfjsonpath.New("region"), knownvalue.StringExact("cn-north-4")),
				statecheck.ExpectKnownValue("data.cloudquota_hss_resource_quotas.other", tfjsonpath.New("region"), knownvalue.StringExact("ap-southeast-1")),
				statecheck.ExpectKnownValue("data.cloudquota_hss_resource_quotas.other", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile("^"+east+"/"))),
			},
		}},
	})
	projects := map[string]bool{}
	for _, r := range emu.Requests() {
		if r.Action == "KeystoneListProjects" && r.Query.Get("name") != "ap-southeast-1" {
			t.Errorf("IAM looked up %q; only ap-southeast-1 needs a lookup", r.Query.Get("name"))
		}
		if r.Action == "ShowResourceQuotas" {
			projects[r.ProjectID] = true
		}
	}
	if !projects[configured] || !projects[east] || len(projects) != 2 {
		t.Errorf("quotas read in projects %v, want %s (cn-north-4) and %s (ap-southeast-1)", projects, configured, east)
	}
}

// A wrong secret is an authentication diagnostic with every field, not a crash; whichever
// call meets it first (the IAM lookup or the data API).
func TestAccProvider_wrongSecret(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	bad := emulator.Credential{AccessKey: emu.HuaweiCred.AccessKey, SecretKey: "not-the-secret"}
	cases := []struct{ name, extra, action string }{
		{"during project lookup", "", `IAM KeystoneListProjects`},
		{"during the read", `project_id = "` + emu.Huawei.ProjectID("cn-north-4") + `"`, `HSS ShowResourceQuotas`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config: emu.HuaweiProviderWith(bad, "cn-north-4", tc.extra) + `data "cloudquota_hss_resource_quotas" "test" {}`,
					ExpectError: regexp.MustCompile(`(?s)Huawei Cloud ` + tc.action + ` failed.*HTTP status: 401.*` +
						`Error code:\s+APIGW\.0301.*verify aksk signature\s+fail.*Request ID:\s+[0-9a-f]{32}.*credentials`),
				}},
			})
		})
	}
}

// A provider without Huawei settings starts; only a Huawei read fails, naming the block and
// the environment variables to set.
func TestAccProvider_huaweiNotConfigured(t *testing.T) {
	acctest.PreCheck(t)
	cases := []struct {
		name, config string
		re           *regexp.Regexp
	}{
		{"no region", `provider "cloudquota" {}
data "cloudquota_hss_resource_quotas" "test" {}`, regexp.MustCompile(`(?s)region is not set.*huaweicloud block.*HW_REGION_NAME`)},
		{"no credentials", `provider "cloudquota" {}
data "cloudquota_hss_resource_quotas" "test" {
  region = "cn-north-4"
}`, regexp.MustCompile(`(?s)credentials are not configured.*huaweicloud.*HW_ACCESS_KEY.*HW_SECRET_KEY`)},
		{"half a key pair", `provider "cloudquota" {
  huaweicloud {
    region     = "cn-north-4"
    access_key = "SOMEAK"
  }
}
data "cloudquota_hss_resource_quotas" "test" {}`, regexp.MustCompile(`(?s)Incomplete Huawei Cloud credentials.*secret_key.*HW_SECRET_KEY`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    []resource.TestStep{{Config: tc.config, ExpectError: tc.re}},
			})
		})
	}

	// With nothing to read from Huawei, the same provider plans fine.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: `provider "cloudquota" {}
output "ok" {
  value = "fine"
}`,
		}},
	})
}

// An unknown region lists the SDK's known ones, unless an endpoint override is set; then
// IAM decides: a private region the account has a project in works, a misspelt one gets no
// project.
func TestAccProvider_unknownRegion(t *testing.T) {
	acctest.PreCheck(t)
	data := all.DefaultData()
	data.HuaweiCloud.Projects = map[string]string{"xx-private-1": "44444444444444444444444444444444"}
	emu := acctest.StartEmulator(t, all.Options{Data: data})
	noEndpoints := fmt.Sprintf(`
provider "cloudquota" {
  huaweicloud {
    region     = "xx-nowhere-1"
    access_key = %q
    secret_key = %q
  }
}
data "cloudquota_hss_resource_quotas" "test" {}`, emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey)
	emu.ExpectRefused(t, noEndpoints, regexp.MustCompile(`(?s)Unknown Huawei Cloud region "xx-nowhere-1" for HSS.*cn-north-4.*endpoints\.hss`))

	// With the override, any region name is the caller's business.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.HuaweiProviderWith(emu.HuaweiCred, "xx-private-1", "") + `data "cloudquota_hss_resource_quotas" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(quotas, tfjsonpath.New("region"), knownvalue.StringExact("xx-private-1")),
			},
		}},
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: emu.HuaweiProviderWith(emu.HuaweiCred, "cn-nort-4", "") + `data "cloudquota_hss_resource_quotas" "test" {}`,
			ExpectError: regexp.MustCompile(`(?s)IAM KeystoneListProjects.*Region:\s+cn-nort-4.*` +
				`HTTP status:\s+200.*failed to get project id of region 'cn-nort-4'.*confirm that the project\s+exists in your account` +
				`.*IAM lists no project for this region.*spelling`),
		}},
	})
}

// Vendor errors surface with code, message and request ID; caller errors are not retried,
// server faults are.
func TestAccProvider_vendorErrors(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	config := emu.HuaweiProvider("") + `data "cloudquota_hss_resource_quotas" "test" {}`

	emu.InjectFault("ShowResourceQuotas", 1, 403, "HSS.0003", "The HSS edition has not been purchased")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(`(?s)Huawei Cloud HSS ShowResourceQuotas failed.*HTTP status: 403.*` +
				`Error code:\s+HSS\.0003.*has not been purchased.*Request ID:\s+[0-9a-f]{32}.*Attempts:\s+1\b`),
		}},
	})
	if n := emu.Count("ShowResourceQuotas"); n != 1 {
		t.Errorf("a 403 was tried %d times, want 1 (never retried)", n)
	}

	emu.Reset()
	emu.InjectFault("ShowResourceQuotas", 1, 500, "HSS.0500", "internal error")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(quotas, tfjsonpath.New("total_num"), knownvalue.Int64Exact(2)),
			},
		}},
	})
	if n := emu.Count("ShowResourceQuotas"); n < 2 {
		t.Errorf("ShowResourceQuotas seen %d times after a 500, want a retry", n)
	}
}

// insecure skips TLS verification; without it a self-signed endpoint is refused with a
// diagnostic that says why, after a single attempt.
func TestAccProvider_insecure(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartTLSEmulator(t, all.Options{})
	data := `data "cloudquota_hss_resource_quotas" "test" {}`
	withInsecure := func(on bool) string {
		return fmt.Sprintf(`
provider "cloudquota" {
  insecure    = %t
  max_retries = 3
  huaweicloud {
    region     = "cn-north-4"
    access_key = %q
    secret_key = %q
    project_id = %q
    %s
  }
}
`, on, emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey, emu.Huawei.ProjectID("cn-north-4"), emu.HuaweiEndpoints()) + data
	}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: acctest.InsecureSteps(withInsecure, []statecheck.StateCheck{
			statecheck.ExpectKnownValue(quotas, tfjsonpath.New("total_num"), knownvalue.Int64Exact(2)),
		}),
	})
}

// Every Huawei setting from the environment, temporary credentials included: the token is
// sent, the project ID is used without an IAM lookup, the enterprise project reaches the API.
func TestAccProvider_environmentOnlyAllSettings(t *testing.T) {
	acctest.PreCheck(t)
	cred := acctest.UniqueHuaweiCredential(t)
	cred.SecurityToken = "temporary-session-token"
	const project = "abcdefabcdefabcdefabcdefabcdef01"
	emu := acctest.StartEmulator(t, all.Options{
		Huawei: huawei.Options{Credentials: []emulator.Credential{cred}},
		Data:   &all.Data{HuaweiCloud: huawei.Data{Projects: map[string]string{"cn-east-3": project}}},
	})
	env := map[string]string{
		"HW_REGION_NAME": "cn-east-3", "HW_ACCESS_KEY": cred.AccessKey, "HW_SECRET_KEY": cred.SecretKey,
		"HW_SECURITY_TOKEN": cred.SecurityToken, "HW_PROJECT_ID": project, "HW_ENTERPRISE_PROJECT_ID": "all_granted_eps",
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: endpointsOnly(emu) + `data "cloudquota_hss_resource_quotas" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(quotas, tfjsonpath.New("region"), knownvalue.StringExact("cn-east-3")),
				statecheck.ExpectKnownValue(quotas, tfjsonpath.New("enterprise_project_id"), knownvalue.StringExact("all_granted_eps")),
				statecheck.ExpectKnownValue(quotas, tfjsonpath.New("id"), knownvalue.StringExact(project+"/all_granted_eps//")),
			},
		}},
	})
	if n := emu.Count("KeystoneListProjects"); n != 0 {
		t.Errorf("IAM lookups = %d with HW_PROJECT_ID set, want 0", n)
	}
	emu.AssertQuery(t, "ShowResourceQuotas", map[string]string{"enterprise_project_id": "all_granted_eps"})

	// Without the token the emulator refuses the temporary key pair, as the cloud would.
	t.Setenv("HW_SECURITY_TOKEN", "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      endpointsOnly(emu) + `data "cloudquota_hss_resource_quotas" "test" {}`,
			ExpectError: regexp.MustCompile(`(?s)HTTP status: 401.*APIGW\.0301`),
		}},
	})
}
