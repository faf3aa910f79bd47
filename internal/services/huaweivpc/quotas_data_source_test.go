package huaweivpc_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const addr = "data.cloudquota_huaweicloud_vpc_quotas.test"

func q(limit, used, available float64, unlimited bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"limit": knownvalue.Float64Exact(limit), "used": knownvalue.Float64Exact(used),
		"available": knownvalue.Float64Exact(available), "unlimited": knownvalue.Bool(unlimited),
		"min": knownvalue.Float64Exact(0),
	})
}

// The vendor's example, every type keyed as sent; no type asked, none sent.
func TestAccVPCQuotas_vendorExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_huaweicloud_vpc_quotas" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "quotas", knownvalue.MapSizeExact(17)),
			acctest.Expect(addr, "quotas", knownvalue.MapPartial(map[string]knownvalue.Check{
				"vpc":               q(150, 4, 146, false),
				"securityGroupRule": q(5000, 6, 4994, false),
				"publicIp":          q(10, 2, 8, false),
			})),
			acctest.Expect(addr, "limits", knownvalue.MapExact(map[string]knownvalue.Check{})),
			acctest.Expect(addr, "type", knownvalue.Null()),
		},
	})
	for _, r := range emu.RequestsFor(t, "ShowQuota") {
		if r.Query.Has("type") {
			t.Errorf("no type set, but the query was %v", r.Query)
		}
	}
}

// type goes out as the query parameter, a type newer than the SDK's enumeration included, and
// the answer holds that type alone; -1 reads as unlimited and used above the quota as 0 left.
func TestAccVPCQuotas_type(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: acctest.ExampleData(t)})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `
data "cloudquota_huaweicloud_vpc_quotas" "test" {
  type = "address_group"
}
data "cloudquota_huaweicloud_vpc_quotas" "eip" {
  type = "publicIp"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"address_group": q(-1, 0, -1, true),
			})),
			acctest.Expect("data.cloudquota_huaweicloud_vpc_quotas.eip", "quotas", knownvalue.MapExact(map[string]knownvalue.Check{
				"publicIp": q(10, 11, 0, false),
			})),
		},
	})
	var sent []string
	for _, r := range emu.RequestsFor(t, "ShowQuota") {
		sent = append(sent, r.Query.Get("type"))
	}
	for _, want := range []string{"address_group", "publicIp"} {
		found := false
		for _, s := range sent {
			found = found || s == want
		}
		if !found {
			t.Errorf("type %q never sent; sent %v", want, sent)
		}
	}
}

// A type the API does not document is refused at plan time, naming the allowed ones, and
// nothing reaches the emulator.
func TestAccVPCQuotas_badType(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	for name, typ := range map[string]string{"unknown": "eip", "wrong case": "publicip", "empty": ""} {
		t.Run(name, func(t *testing.T) {
			emu.ExpectRefused(t, emu.HuaweiProvider("")+`
data "cloudquota_huaweicloud_vpc_quotas" "test" {
  type = "`+typ+`"
}`, regexp.MustCompile(`(?s)type.*securityGroupRule.*flow_log`))
		})
	}
}
