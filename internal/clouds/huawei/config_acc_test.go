package huawei_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

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

// Without project_id the SDK resolves it through IAM once per region, whatever the number of
// reads; with project_id no IAM call is made.
func TestAccHuaweiConfig_projectResolution(t *testing.T) {
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
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + three,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(quotas, "id", knownvalue.StringRegexp(regexp.MustCompile("^"+resolved+"/"))),
		},
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
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProviderWith(emu.HuaweiCred, "cn-east-3", `project_id = "`+configured+`"`) + three,
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
func TestAccHuaweiConfig_dataSourceRegion(t *testing.T) {
	acctest.PreCheck(t)
	const configured = "fedcba9876543210fedcba9876543210"
	emu := acctest.StartEmulator(t, all.Options{Data: &all.Data{HuaweiCloud: huawei.Data{
		Projects: map[string]string{"cn-north-4": configured},
	}}})
	east := emu.Huawei.ProjectID("ap-southeast-1")

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider(`project_id = "`+configured+`"`) + `
data "cloudquota_hss_resource_quotas" "test" {}
data "cloudquota_hss_resource_quotas" "other" {
  region = "ap-southeast-1"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(quotas, "region", knownvalue.StringExact("cn-north-4")),
			acctest.Expect("data.cloudquota_hss_resource_quotas.other", "region", knownvalue.StringExact("ap-southeast-1")),
			acctest.Expect("data.cloudquota_hss_resource_quotas.other", "id", knownvalue.StringRegexp(regexp.MustCompile("^"+east+"/"))),
		},
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

// A wrong secret met by the data API itself, with project_id set so that no IAM lookup
// comes first (TestAccHuaweiShared covers the lookup meeting it).
func TestAccHuaweiConfig_wrongSecretDuringRead(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	bad := emulator.Credential{AccessKey: emu.HuaweiCred.AccessKey, SecretKey: "not-the-secret"}
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProviderWith(bad, "cn-north-4", `project_id = "`+emu.Huawei.ProjectID("cn-north-4")+`"`) +
			`data "cloudquota_hss_resource_quotas" "test" {}`,
		ExpectError: regexp.MustCompile(`(?s)Huawei Cloud HSS ShowResourceQuotas failed.*HTTP status: 401.*` +
			`Error code:\s+APIGW\.0301.*verify aksk signature\s+fail.*Request ID:\s+[0-9a-f]{32}.*credentials`),
	})
	if n := emu.Count("KeystoneListProjects"); n != 0 {
		t.Errorf("IAM project lookups = %d with project_id set, want 0", n)
	}
}

// With an endpoint override a region outside the SDK's table is IAM's to decide: a private
// region the account has a project in works, a misspelt one gets no project. (Without one,
// TestAccHuaweiShared's "unknown region" row: refused before sending.)
func TestAccHuaweiConfig_unknownRegion(t *testing.T) {
	acctest.PreCheck(t)
	data := all.DefaultData()
	data.HuaweiCloud.Projects = map[string]string{"xx-private-1": "44444444444444444444444444444444"}
	emu := acctest.StartEmulator(t, all.Options{Data: data})
	// With the override, any region name is the caller's business.
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProviderWith(emu.HuaweiCred, "xx-private-1", "") + `data "cloudquota_hss_resource_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(quotas, "region", knownvalue.StringExact("xx-private-1")),
		},
	})
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProviderWith(emu.HuaweiCred, "cn-nort-4", "") + `data "cloudquota_hss_resource_quotas" "test" {}`,
		// No HTTP status line (the answer was a 200 whose list was empty), no SDK builder code in
		// the message, and the nearest region of the SDK's table suggested.
		ExpectError: regexp.MustCompile(`(?s)IAM KeystoneListProjects.*Region:\s+cn-nort-4\s+Error code:.*` +
			words(`Message: IAM lists no project named "cn-nort-4" in this account (KeystoneListProjects answered with an empty list) Request ID:`) +
			`.*` + words(`Did you mean "cn-north-4"? IAM lists no project for this region`) + `.*spelling`),
	})
}

// Every Huawei setting from the environment, temporary credentials included: the token is
// sent, the project ID is used without an IAM lookup, the enterprise project reaches the API.
func TestAccHuaweiConfig_environmentOnlyAllSettings(t *testing.T) {
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
	acctest.Run(t, resource.TestStep{
		Config: endpointsOnly(emu) + `data "cloudquota_hss_resource_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(quotas, "region", knownvalue.StringExact("cn-east-3")),
			acctest.Expect(quotas, "enterprise_project_id", knownvalue.StringExact("all_granted_eps")),
			acctest.Expect(quotas, "id", knownvalue.StringExact(project+"/all_granted_eps//")),
		},
	})
	if n := emu.Count("KeystoneListProjects"); n != 0 {
		t.Errorf("IAM lookups = %d with HW_PROJECT_ID set, want 0", n)
	}
	emu.AssertQuery(t, "ShowResourceQuotas", map[string]string{"enterprise_project_id": "all_granted_eps"})

	// Without the token the emulator refuses the temporary key pair, as the cloud would.
	t.Setenv("HW_SECURITY_TOKEN", "")
	acctest.Run(t, resource.TestStep{
		Config:      endpointsOnly(emu) + `data "cloudquota_hss_resource_quotas" "test" {}`,
		ExpectError: regexp.MustCompile(`(?s)HTTP status: 401.*APIGW\.0301`),
	})
}

// words is a pattern for text as Terraform prints it: any run of spaces may be a line break.
func words(text string) string {
	return strings.Join(strings.Fields(regexp.QuoteMeta(text)), `\s+`)
}
