package hss_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const quotasAddr = "data.cloudquota_hss_resource_quotas.test"

func TestAccResourceQuotas_seedExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_hss_resource_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(quotasAddr, "quotas", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"version":       knownvalue.StringExact("hss.version.basic"),
					"total_num":     knownvalue.Int64Exact(2),
					"used_num":      knownvalue.Int64Exact(1),
					"available_num": knownvalue.Int64Exact(1),
					"available_resources": knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"resource_id":  knownvalue.StringExact("9ecb83a7-8b03-4e37-a26d-c3e90ca97eea"),
							"current_time": knownvalue.StringExact("2022-09-17T17:00:24Z"),
							"shared_quota": knownvalue.StringExact("shared"),
						}),
					}),
				}),
			})),
			acctest.Expect(quotasAddr, "total_num", knownvalue.Int64Exact(2)),
			acctest.Expect(quotasAddr, "used_num", knownvalue.Int64Exact(1)),
			acctest.Expect(quotasAddr, "available_num", knownvalue.Int64Exact(1)),
			acctest.Expect(quotasAddr, "version", knownvalue.Null()),
		},
	})
}

// Sums are over every edition the API returns.
func TestAccResourceQuotas_sums(t *testing.T) {
	acctest.PreCheck(t)
	data := acctest.ExampleData(t)
	var total, used, available int64
	for _, q := range data.HuaweiCloud.ResourceQuotas.DataList {
		total += deref(q.TotalNum)
		used += deref(q.UsedNum)
		available += deref(q.AvailableNum)
	}
	if len(data.HuaweiCloud.ResourceQuotas.DataList) < 2 {
		t.Fatal("example data should hold several editions")
	}
	emu := acctest.StartEmulator(t, all.Options{Data: data})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_hss_resource_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(quotasAddr, "quotas", knownvalue.ListSizeExact(len(data.HuaweiCloud.ResourceQuotas.DataList))),
			acctest.Expect(quotasAddr, "total_num", knownvalue.Int64Exact(total)),
			acctest.Expect(quotasAddr, "used_num", knownvalue.Int64Exact(used)),
			acctest.Expect(quotasAddr, "available_num", knownvalue.Int64Exact(available)),
		},
	})
}

// Filters reach the API as query parameters, and the API's filtering shows in the result.
func TestAccResourceQuotas_filters(t *testing.T) {
	acctest.PreCheck(t)
	data := acctest.ExampleData(t)
	emu := acctest.StartEmulator(t, all.Options{Data: data})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `
data "cloudquota_hss_resource_quotas" "test" {
  version               = "hss.version.premium"
  charging_mode         = "packet_cycle"
  enterprise_project_id = "all_granted_eps"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(quotasAddr, "quotas", knownvalue.ListSizeExact(1)),
			statecheck.ExpectKnownValue(quotasAddr, tfjsonpath.New("quotas").AtSliceIndex(0).AtMapKey("version"), knownvalue.StringExact("hss.version.premium")),
			acctest.Expect(quotasAddr, "total_num", knownvalue.Int64Exact(50)),
			acctest.Expect(quotasAddr, "used_num", knownvalue.Int64Exact(30)),
			acctest.Expect(quotasAddr, "available_num", knownvalue.Int64Exact(20)),
			acctest.Expect(quotasAddr, "id", knownvalue.StringExact(
				emu.Huawei.ProjectID("cn-north-4")+"/all_granted_eps/hss.version.premium/packet_cycle")),
		},
	})

	want := map[string]string{
		"version":               "hss.version.premium",
		"charging_mode":         "packet_cycle",
		"enterprise_project_id": "all_granted_eps",
	}
	emu.AssertQuery(t, "ShowResourceQuotas", want)
}

func TestAccResourceQuotas_badInput(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	cases := []struct {
		name, args string
		re         *regexp.Regexp
	}{
		{"unknown version", `version = "hss.version.gold"`, regexp.MustCompile(`(?s)version.*hss\.version\.premium`)},
		{"unknown charging mode", `charging_mode = "monthly"`, regexp.MustCompile(`(?s)charging_mode.*packet_cycle`)},
		{"empty enterprise project", `enterprise_project_id = ""`, regexp.MustCompile(`enterprise_project_id`)},
		{"empty region", `region = ""`, regexp.MustCompile(`region`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			emu.ExpectRefused(t, emu.HuaweiProvider("")+"data \"cloudquota_hss_resource_quotas\" \"test\" {\n"+tc.args+"\n}", tc.re)
		})
	}
}
