package alicloudecs_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const (
	addr   = "data.cloudquota_alicloud_ecs_quotas.test"
	action = "DescribeAccountAttributes"
)

func check(path string, v knownvalue.Check) statecheck.StateCheck {
	return acctest.Expect(addr, path, v)
}

func num(f float64) knownvalue.Check { return knownvalue.Float64Exact(f) }

func figures(limit, used, available float64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"limit": num(limit), "used": num(used), "available": num(available), "unlimited": knownvalue.Bool(false),
	})
}

func loadData(t *testing.T, raw string) *all.Data {
	t.Helper()
	d, err := all.LoadData(acctest.WriteFile(t, "data.json", raw))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The default answer: the vCPU quotas with their usage, the other maxima as limits, the
// attributes not asked for left out; the region and SPEC's attributes sent, no zone.
func TestAccECSQuotas_default(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_ecs_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			check("id", knownvalue.StringExact("cn-shanghai")),
			check("quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"postpaid-instance-vcpu-count": figures(500, 24, 476),
				"spot-instance-vcpu-count":     figures(800, 8, 792),
			})),
			check("limits", knownvalue.MapExact(map[string]knownvalue.Check{
				"security-groups": num(800), "elastic-network-interfaces": num(1000), "dedicated-hosts": num(10),
			})),
		},
	})
	emu.AssertQuery(t, action, map[string]string{"RegionId": "cn-shanghai", "ZoneId": "",
		"AttributeName.1": "max-postpaid-instance-vcpu-count", "AttributeName.7": "max-dedicated-hosts", "AttributeName.8": ""})
}

// zoneData has per-zone vCPU values in cn-hangzhou: two entries for zone b, one for h.
const zoneData = `{"alicloud":{"ecs_account_attributes":{"cn-hangzhou":[
 {"AttributeName":"max-postpaid-instance-vcpu-count","AttributeValues":{"ValueItem":[
   {"Value":"100","ZoneId":"cn-hangzhou-b"},{"Value":"50","ZoneId":"cn-hangzhou-b"},{"Value":"70","ZoneId":"cn-hangzhou-h"}]}},
 {"AttributeName":"used-postpaid-instance-vcpu-count","AttributeValues":{"ValueItem":[
   {"Value":"12.5","ZoneId":"cn-hangzhou-b"},{"Value":"1","ZoneId":"cn-hangzhou-h"}]}},
 {"AttributeName":"max-security-groups","AttributeValues":{"ValueItem":[{"Value":"800"}]}}]}}}`

// Zone values are keyed <name>/<ZoneId> and those sharing a key added; zone sends ZoneId
// and reads that zone's values (and the region's).
func TestAccECSQuotas_zones(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: loadData(t, zoneData)})
	acctest.Run(t,
		resource.TestStep{
			Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_ecs_quotas" "test" {
  region = "cn-hangzhou"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				check("quotas", knownvalue.MapExact(map[string]knownvalue.Check{
					"postpaid-instance-vcpu-count/cn-hangzhou-b": figures(150, 12.5, 137.5),
					"postpaid-instance-vcpu-count/cn-hangzhou-h": figures(70, 1, 69),
				})),
				check("limits", knownvalue.MapExact(map[string]knownvalue.Check{"security-groups": num(800)})),
			},
		},
		resource.TestStep{
			Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_ecs_quotas" "test" {
  region = "cn-hangzhou"
  zone   = "cn-hangzhou-h"
}`,
			ConfigStateChecks: []statecheck.StateCheck{
				check("id", knownvalue.StringExact("cn-hangzhou/cn-hangzhou-h")),
				check("quotas", knownvalue.MapExact(map[string]knownvalue.Check{
					"postpaid-instance-vcpu-count/cn-hangzhou-h": figures(70, 1, 69),
				})),
			},
		},
	)
	reqs := emu.RequestsFor(t, action)
	if last := reqs[len(reqs)-1]; last.Query.Get("ZoneId") != "cn-hangzhou-h" || last.Region != "cn-hangzhou" {
		t.Errorf("last request %+v, want ZoneId cn-hangzhou-h in cn-hangzhou", last.Query)
	}
}

// A value that is not a number fails the read, naming the attribute and the value.
func TestAccECSQuotas_notANumber(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: loadData(t, `{"alicloud":{"ecs_account_attributes":{"cn-shanghai":[
 {"AttributeName":"max-dedicated-hosts","AttributeValues":{"ValueItem":[{"Value":"unlimited"}]}}]}}}`)})
	acctest.Run(t, resource.TestStep{
		Config:      emu.AlibabaProvider("") + `data "cloudquota_alicloud_ecs_quotas" "test" {}`,
		ExpectError: regexp.MustCompile(`(?s)"max-dedicated-hosts".*"unlimited".*not a number`),
	})
}

// An empty zone is refused before any request; a zone of another region is the API's error.
func TestAccECSQuotas_zoneChecks(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	emu.ExpectRefused(t, emu.AlibabaProvider("")+`data "cloudquota_alicloud_ecs_quotas" "test" {
  zone = ""
}`, regexp.MustCompile(`(?s)zone.*at least 1`))
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_ecs_quotas" "test" {
  zone = "cn-beijing-a"
}`,
		ExpectError: regexp.MustCompile(`(?s)Alibaba Cloud ECS DescribeAccountAttributes failed.*HTTP status: 404.*InvalidZoneId\.NotFound`),
	})
}
