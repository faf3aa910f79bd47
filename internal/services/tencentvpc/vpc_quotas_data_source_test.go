package tencentvpc_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const vpcAddr = "data.cloudquota_tencentcloud_vpc_quotas.test"

func quota(limit, used, available float64, unlimited bool, extras map[string]knownvalue.Check) knownvalue.Check {
	m := map[string]knownvalue.Check{
		"limit": knownvalue.Float64Exact(limit), "used": knownvalue.Float64Exact(used),
		"available": knownvalue.Float64Exact(available), "unlimited": knownvalue.Bool(unlimited),
	}
	for k, v := range extras {
		m[k] = v
	}
	return knownvalue.ObjectExact(m)
}

// The documented example (product ccn) through terraform; product defaults to vpc, which
// has no published example and answers an empty set by default.
func TestAccVPCQuotas_docExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	named := func(name string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"name": knownvalue.StringExact(name), "regional": knownvalue.Bool(false)}
	}
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + `data "cloudquota_tencentcloud_vpc_quotas" "test" {
  product = "ccn"
}
data "cloudquota_tencentcloud_vpc_quotas" "default" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(vpcAddr, "id", knownvalue.StringExact("ap-guangzhou/ccn")),
			acctest.Expect(vpcAddr, "quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"1": quota(100, 50, 50, false, named("每个开发商可创建的CCN对象个数")),
				"2": quota(1000, 25, 975, false, named("每个CCN对象可关联的实例个数")),
			})),
			acctest.Expect(vpcAddr, "limits", knownvalue.MapExact(map[string]knownvalue.Check{})),
			acctest.Expect("data.cloudquota_tencentcloud_vpc_quotas.default", "product", knownvalue.StringExact("vpc")),
			acctest.Expect("data.cloudquota_tencentcloud_vpc_quotas.default", "quotas", knownvalue.MapExact(map[string]knownvalue.Check{})),
		},
	})
}

// A limit of -1 is unlimited, with available -1, so `q.unlimited || q.available >= n` passes.
func TestAccVPCQuotas_unlimited(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: acctest.ExampleData(t)})
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + `data "cloudquota_tencentcloud_vpc_quotas" "test" {}
output "subnets_fit" {
  value = data.cloudquota_tencentcloud_vpc_quotas.test.quotas["2"].unlimited || data.cloudquota_tencentcloud_vpc_quotas.test.quotas["2"].available >= 1000
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(vpcAddr, "quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"1": quota(20, 17, 3, false, map[string]knownvalue.Check{
					"name": knownvalue.StringExact("每个地域可创建的私有网络个数"), "regional": knownvalue.Bool(true)}),
				"2": quota(-1, 40, -1, true, map[string]knownvalue.Check{
					"name": knownvalue.StringExact("每个私有网络可创建的子网个数"), "regional": knownvalue.Bool(true)}),
			})),
			statecheck.ExpectKnownOutputValue("subnets_fit", knownvalue.Bool(true)),
		},
	})
}

// A product the API does not know is refused at plan time, naming the allowed ones: nothing
// reaches the emulator.
func TestAccVPCQuotas_badProduct(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	emu.ExpectRefused(t, emu.TencentProvider("")+`data "cloudquota_tencentcloud_vpc_quotas" "test" {
  product = "cvm"
}`, regexp.MustCompile(`(?s)product.*value must be one of.*"vpc".*"ccn".*"vpn".*"dc".*"dfw".*"clb".*"eip"`))
}
