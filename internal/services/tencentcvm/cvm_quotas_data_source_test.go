package tencentcvm_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const addr = "data.cloudquota_tencentcloud_cvm_quotas.test"

func quota(limit, used, available float64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"limit": knownvalue.Float64Exact(limit), "used": knownvalue.Float64Exact(used),
		"available": knownvalue.Float64Exact(available), "unlimited": knownvalue.Bool(false),
	})
}

// The documented example arrives intact through terraform: keys per zone and billing mode,
// the account-wide sums, the limits.
func TestAccCVMQuotas_docExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + `data "cloudquota_tencentcloud_cvm_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "id", knownvalue.StringExact("ap-guangzhou")),
			acctest.Expect(addr, "app_id", knownvalue.Int64Exact(251007416)),
			acctest.Expect(addr, "quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"post_paid/ap-guangzhou-3": quota(288, 0, 288), "post_paid/ap-guangzhou-4": quota(1250, 2, 1248),
				"pre_paid/ap-guangzhou-3": quota(255, 0, 255), "pre_paid/ap-guangzhou-4": quota(222, 0, 222),
				"spot_paid/ap-guangzhou-3": quota(244, 0, 244), "spot_paid/ap-guangzhou-4": quota(199, 4, 195),
				"image": quota(10, 0, 10), "disaster_recover_groups": quota(10, 0, 10),
			})),
			acctest.Expect(addr, "limits", knownvalue.MapExact(map[string]knownvalue.Check{
				"pre_paid_once/ap-guangzhou-3": knownvalue.Float64Exact(300), "pre_paid_once/ap-guangzhou-4": knownvalue.Float64Exact(300),
				"cvm_in_host_group": knownvalue.Float64Exact(50), "cvm_in_switch_group": knownvalue.Float64Exact(20),
				"cvm_in_rack_group": knownvalue.Float64Exact(30),
			})),
		},
	})
}

// zones are sent as the zone filter, which the emulator honours as the API does; the
// example data's RemainingQuota (12 where 50 - 30 is 20) is available as sent.
func TestAccCVMQuotas_zones(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: acctest.ExampleData(t)})
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + `data "cloudquota_tencentcloud_cvm_quotas" "test" {
  zones = ["ap-guangzhou-3"]
}
output "room" {
  value = data.cloudquota_tencentcloud_cvm_quotas.test.quotas["post_paid/ap-guangzhou-3"].available >= 12
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "id", knownvalue.StringExact("ap-guangzhou/ap-guangzhou-3")),
			acctest.Expect(addr, "quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"post_paid/ap-guangzhou-3": quota(50, 30, 12), "pre_paid/ap-guangzhou-3": quota(20, 5, 15),
				"spot_paid/ap-guangzhou-3": quota(64, 16, 48), "image": quota(20, 9, 11), "disaster_recover_groups": quota(10, 3, 7),
			})),
			statecheck.ExpectKnownOutputValue("room", knownvalue.Bool(true)),
		},
	})
	// A zone of another region is the API's to refuse, with its code.
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + `data "cloudquota_tencentcloud_cvm_quotas" "test" {
  zones = ["ap-shanghai-2"]
}`,
		ExpectError: regexp.MustCompile(`(?s)Tencent Cloud CVM DescribeAccountQuota failed.*InvalidZone\.MismatchRegion`),
	})
}

// A malformed zone or an empty set is refused at plan time: nothing reaches the emulator.
func TestAccCVMQuotas_badZones(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	for _, zones := range []string{`["guangzhou three"]`, `[]`} {
		emu.ExpectRefused(t, emu.TencentProvider("")+`data "cloudquota_tencentcloud_cvm_quotas" "test" {
  zones = `+zones+`
}`, regexp.MustCompile(`(?s)Invalid Attribute Value`))
	}
}
