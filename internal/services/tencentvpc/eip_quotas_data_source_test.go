package tencentvpc_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const eipAddr = "data.cloudquota_tencentcloud_eip_quotas.test"

// The documented example (215/16701) through terraform, and the read in the data source's
// own region.
func TestAccEIPQuotas_docExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	group := map[string]knownvalue.Check{"group": knownvalue.StringExact("ap-guangzhou")}
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + `data "cloudquota_tencentcloud_eip_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(eipAddr, "id", knownvalue.StringExact("ap-guangzhou")),
			acctest.Expect(eipAddr, "quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"MONTHLY_RECOVER_QUOTA":  quota(3, 0, 3, false, group),
				"TOTAL_EIP_QUOTA":        quota(20, 2, 18, false, group),
				"DAILY_EIP_APPLY":        quota(40, 2, 38, false, group),
				"DAILY_PUBLIC_IP_ASSIGN": quota(10, 0, 10, false, group),
				"LOCALBGP_EIP_QUOTA":     quota(10, 0, 10, false, group),
				"SINGLEISP_EIP_QUOTA":    quota(6, 0, 6, false, group),
				"DAILY_SINGLEISP_APPLY":  quota(12, 0, 12, false, group),
			})),
			acctest.Expect(eipAddr, "limits", knownvalue.MapExact(map[string]knownvalue.Check{})),
		},
	})
	for _, r := range emu.RequestsFor(t, "DescribeAddressQuota") {
		if r.Cloud != "tencentcloud" || r.Region != "ap-guangzhou" || r.AccessKey != emu.TencentCred.AccessKey {
			t.Errorf("request %+v", r)
		}
	}
}
