package sas_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const (
	addr   = "data.cloudquota_sas_auth_summary.test"
	action = "GetAuthSummary"
	data   = `data "cloudquota_sas_auth_summary" "test" {}`
)

func check(path string, v knownvalue.Check) statecheck.StateCheck {
	return acctest.Expect(addr, path, v)
}

// seedChecks are seed 002's example figures, as the data source must show them.
func seedChecks(region string) []statecheck.StateCheck {
	i, b, s := knownvalue.Int64Exact, knownvalue.Bool, knownvalue.StringExact
	ten := i(10)
	return []statecheck.StateCheck{
		check("id", s(region)),
		check("region", s(region)),
		check("default_auth_to_all", b(true)),
		check("allow_partial_buy", b(true)),
		check("allow_upgrade_partial_buy", b(true)),
		check("has_pre_bind_setting", b(true)),
		check("is_multi_version", b(true)),
		check("auto_bind", b(true)),
		check("allow_user_unbind", b(true)),
		check("post_paid_host_auto_bind", b(true)),
		check("highest_version", i(1)),
		check("highest_version_name", s("free")),
		check("post_paid_host_auto_bind_version", i(7)),
		check("post_paid_host_auto_bind_version_name", s("ultimate")),
		check("post_paid_highest_version", i(7)),
		check("post_paid_highest_version_name", s("ultimate")),
		check("machine", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"risk_core_count": ten, "bind_core_count": ten, "total_ecs_count": ten, "bind_ecs_count": ten,
			"total_core_count": ten, "risk_ecs_count": ten, "unbind_ecs_count": ten, "unbind_core_count": ten,
			"post_paid_bind_core_count": ten, "post_paid_bind_ecs_count": ten,
		})),
		check("version_summary", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"index": i(1), "version": i(3), "version_name": s("enterprise"), "auth_bind_type": s("ASSET"),
			"used_core_count": ten, "unused_count": ten, "used_ecs_count": ten, "total_count": ten,
			"total_ecs_auth_count": ten, "total_core_auth_count": ten, "unused_ecs_auth_count": ten,
			"unused_core_auth_count": ten,
		})})),
		check("post_paid_version_summary", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
			"index": i(1), "version": i(3), "version_name": s("enterprise"), "auth_bind_type": s("ASSET"),
			"used_core_count": ten, "used_ecs_count": ten,
		})})),
	}
}

// loadData writes raw as an emulator data file and loads it, as a user would.
func loadData(t *testing.T, raw string) *all.Data {
	t.Helper()
	d, err := all.LoadData(acctest.WriteFile(t, "data.json", raw))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Credentials in HCL; the emulator answers seed 002's example, which must arrive intact.
func TestAccAuthSummary_seedExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config:            emu.AlibabaProvider("") + data,
		ConfigStateChecks: seedChecks("cn-shanghai"),
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.Cloud != "alicloud" || r.AccessKey != emu.AlibabaCred.AccessKey {
			t.Errorf("request %+v: want alicloud with AccessKeyId %s", r, emu.AlibabaCred.AccessKey)
		}
	}
}

// Omitted fields read as zeros, false, "none" and empty lists; unknown codes get a name
// that says so.
func TestAccAuthSummary_sparse(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: loadData(t, `{"alicloud":{"sas_auth_summary":{
		"HighestVersion": 9, "PostPaidHostAutoBind": "0", "VersionSummary": [{"Version": 7, "Index": 5}]}}}`)})
	zero := knownvalue.Int64Exact(0)
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + data,
		ConfigStateChecks: []statecheck.StateCheck{
			check("highest_version", knownvalue.Int64Exact(9)),
			check("highest_version_name", knownvalue.StringExact("unknown_9")),
			check("post_paid_host_auto_bind", knownvalue.Bool(false)),
			check("post_paid_highest_version_name", knownvalue.StringExact("none")),
			check("default_auth_to_all", knownvalue.Bool(false)),
			check("machine", knownvalue.ObjectPartial(map[string]knownvalue.Check{"total_ecs_count": zero, "unbind_core_count": zero})),
			check("version_summary", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"version": knownvalue.Int64Exact(7), "version_name": knownvalue.StringExact("ultimate"),
				"auth_bind_type": knownvalue.StringExact(""), "total_count": zero,
			})})),
			check("post_paid_version_summary", knownvalue.ListSizeExact(0)),
		},
	})
}
