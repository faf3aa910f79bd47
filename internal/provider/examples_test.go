package provider_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// The examples in docs/ are what users copy: each must plan and apply against the emulator's
// example data, and each precondition must stop the plan when asked for more than there is.
func TestAccExamples(t *testing.T) {
	cases := []struct {
		name string
		// tooMuch sets the example's variable beyond the example data, and fails names the error.
		tooMuch config.Variables
		fails   *regexp.Regexp
	}{
		{name: "cloudquota_hss_image_scan_statistics"},
		{
			name:    "cloudquota_hss_resource_quotas",
			tooMuch: config.Variables{"hosts_to_protect": config.IntegerVariable(21)},
			fails:   regexp.MustCompile(`Only 20 HSS premium licences are free; 21 are needed`),
		},
		{name: "cloudquota_metastudio_expiring_resources"},
		{
			name:    "cloudquota_tcss_image_authorized_info",
			tooMuch: config.Variables{"images_to_scan": config.IntegerVariable(621)},
			fails:   regexp.MustCompile(`Only 620 TCSS image authorizations are free; 621 are needed`),
		},
		{
			name:    "cloudquota_sas_auth_summary",
			tooMuch: config.Variables{"servers_to_add": config.IntegerVariable(13)},
			fails:   regexp.MustCompile(`Security Center has 12 unused enterprise server authorizations; 13\s+are\s+needed`),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			acctest.PreCheck(t)
			example, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", tc.name, "data-source.tf"))
			if err != nil {
				t.Fatal(err)
			}
			emu := acctest.StartEmulator(t, emulator.Options{Data: acctest.ExampleData(t)})
			cfg := allClouds(emu) + string(example)
			steps := []resource.TestStep{{Config: cfg}}
			if tc.tooMuch != nil {
				steps = append(steps, resource.TestStep{Config: cfg, ConfigVariables: tc.tooMuch, ExpectError: tc.fails})
			}
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
				Steps:                    steps,
			})
			if n := emu.Count(""); n == 0 {
				t.Error("the example read nothing from the emulator")
			}
		})
	}
}

// allClouds configures every cloud against the emulator, as a user's provider block would.
func allClouds(emu *acctest.Emulator) string {
	return fmt.Sprintf(`
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
  alicloud {
    region     = "cn-shanghai"
    access_key = %q
    secret_key = %q
    endpoints  = { sas = %q }
  }
}
`, emu.HuaweiCred.AccessKey, emu.HuaweiCred.SecretKey, emu.HuaweiEndpoints(),
		emu.TencentCred.AccessKey, emu.TencentCred.SecretKey, emu.URL,
		emu.AlibabaCred.AccessKey, emu.AlibabaCred.SecretKey, emu.URL)
}
