package huaweievs_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const addr = "data.cloudquota_huaweicloud_evs_quotas.test"

func q(limit, used, available float64, unlimited bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"limit": knownvalue.Float64Exact(limit), "used": knownvalue.Float64Exact(used),
		"available": knownvalue.Float64Exact(available), "unlimited": knownvalue.Bool(unlimited),
		"reserved": knownvalue.Float64Exact(0),
	})
}

// The vendor's example through the SDK's own request: usage=True, the project twice in the
// path, every quota key but id.
func TestAccEVSQuotas_vendorExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_huaweicloud_evs_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "quotas", knownvalue.MapSizeExact(14)),
			acctest.Expect(addr, "quotas", knownvalue.MapPartial(map[string]knownvalue.Check{
				"gigabytes":     q(42790, 2792, 39998, false),
				"volumes":       q(-1, 108, -1, true),
				"gigabytes_SSD": q(-1, 1085, -1, true),
				"backups":       q(100, 10, 90, false),
			})),
			acctest.Expect(addr, "limits", knownvalue.MapExact(map[string]knownvalue.Check{})),
		},
	})
	project := emu.Huawei.ProjectID("cn-north-4")
	for _, r := range emu.RequestsFor(t, "CinderListQuotas") {
		if r.Query.Get("usage") != "True" || !strings.HasSuffix(r.Path, "/v2/"+project+"/os-quota-sets/"+project) {
			t.Errorf("request %s?%s, want /v2/%[3]s/os-quota-sets/%[3]s?usage=True", r.Path, r.Query.Encode(), project)
		}
	}
}

// Disk types the SDK's model has no field for (GPSSD, ESSD2) are kept.
func TestAccEVSQuotas_newerTypes(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: acctest.ExampleData(t)})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_huaweicloud_evs_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "quotas", knownvalue.MapSizeExact(11)),
			acctest.Expect(addr, "quotas", knownvalue.MapPartial(map[string]knownvalue.Check{
				"volumes_GPSSD":   q(50, 12, 38, false),
				"gigabytes_GPSSD": q(10240, 2048, 8192, false),
				"volumes_ESSD2":   q(20, 0, 20, false),
				"volumes":         q(200, 120, 80, false),
			})),
		},
	})
}
