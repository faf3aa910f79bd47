package huaweiecs_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const addr = "data.cloudquota_huaweicloud_ecs_quotas.test"

func q(limit, used, available float64, unlimited bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"limit": knownvalue.Float64Exact(limit), "used": knownvalue.Float64Exact(used),
		"available": knownvalue.Float64Exact(available), "unlimited": knownvalue.Bool(unlimited),
	})
}

// The emulator's default answer is the vendor's example: every fixed key, the omitted Spot
// fields as zeros, and a precondition on cores and RAM passes through terraform.
func TestAccECSQuotas_vendorExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `
data "cloudquota_huaweicloud_ecs_quotas" "test" {}

locals {
  cores = data.cloudquota_huaweicloud_ecs_quotas.test.quotas["cores"]
}

resource "terraform_data" "check" {
  lifecycle {
    precondition {
      condition     = local.cores.unlimited || local.cores.available >= 8
      error_message = "not enough vCPUs"
    }
  }
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"instances":       q(2048, 21, 2027, false),
				"cores":           q(20480, 40, 20440, false),
				"ram":             q(25165824, 75776, 25090048, false),
				"spot_instances":  q(0, 0, 0, false),
				"spot_cores":      q(0, 0, 0, false),
				"spot_ram":        q(0, 0, 0, false),
				"server_groups":   q(10, 2, 8, false),
				"security_groups": q(10, 1, 9, false),
				"floating_ips":    q(10, 0, 10, false),
			})),
			acctest.Expect(addr, "limits", knownvalue.MapExact(map[string]knownvalue.Check{
				"key_pairs": knownvalue.Float64Exact(-1), "security_group_rules": knownvalue.Float64Exact(20),
				"server_group_members": knownvalue.Float64Exact(16), "server_metadata_items": knownvalue.Float64Exact(128),
				"image_metadata_items": knownvalue.Float64Exact(128), "personality": knownvalue.Float64Exact(5),
				"personality_size": knownvalue.Float64Exact(10240),
			})),
			acctest.Expect(addr, "region", knownvalue.StringExact("cn-north-4")),
			acctest.Expect(addr, "id", knownvalue.StringExact(emu.Huawei.ProjectID("cn-north-4"))),
		},
	})
	for _, r := range emu.RequestsFor(t, "ShowServerLimits") {
		if len(r.Query) != 0 {
			t.Errorf("ShowServerLimits takes no arguments, but the query was %v", r.Query)
		}
	}
}

// The data file's answer replaces the example: -1 is unlimited, used above the limit leaves
// 0 available, and a precondition for more cores than are left fails the plan.
func TestAccECSQuotas_dataFile(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: acctest.ExampleData(t)})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_huaweicloud_ecs_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, `quotas`, knownvalue.MapPartial(map[string]knownvalue.Check{
				"cores":          q(200, 180, 20, false),
				"spot_instances": q(-1, 3, -1, true),
				"server_groups":  q(10, 12, 0, false),
				"spot_cores":     q(0, 0, 0, false),
			})),
		},
	})
}
