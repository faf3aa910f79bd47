package tcss_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const (
	addr   = "data.cloudquota_tcss_image_authorized_info.test"
	action = "DescribeImageAuthorizedInfo"
	data   = `data "cloudquota_tcss_image_authorized_info" "test" {}`
)

func check(path string, v knownvalue.Check) statecheck.StateCheck {
	return acctest.Expect(addr, path, v)
}

// seedChecks are seed 001's example figures, as the data source must show them.
func seedChecks(region string) []statecheck.StateCheck {
	i := knownvalue.Int64Exact
	return []statecheck.StateCheck{
		check("id", knownvalue.StringExact(region)),
		check("region", knownvalue.StringExact(region)),
		check("total_authorized_cnt", i(300000)),
		check("used_authorized_cnt", i(300000)),
		check("available_authorized_cnt", i(0)),
		check("scanned_image_cnt", i(11687)),
		check("not_scanned_image_cnt", i(38)),
		check("not_scanned_local_image_cnt", i(12)),
		check("trial_authorized_cnt", i(0)),
		check("used_trial_authorized_cnt", i(0)),
		check("purchased_authorized_cnt", i(300000)),
		check("used_purchased_authorized_cnt", i(300000)),
		check("can_apply_free_image_authorize", knownvalue.Bool(false)),
		check("repeat_image_id_cnt", i(2)),
		check("image_scan_inquire_info", knownvalue.ObjectExact(map[string]knownvalue.Check{
			"capacity":        i(18601),
			"usage":           i(17365),
			"start_time":      knownvalue.StringExact("2024-09-24T13:01:18+08:00"),
			"end_time":        knownvalue.StringExact("2024-12-24T13:01:18+08:00"),
			"inquire_key":     knownvalue.StringExact("sv_yunjing_cssil_image"),
			"purchase_status": knownvalue.StringExact("Normal"),
			"resource_id":     knownvalue.StringExact("427c59056cbd64e30b3990e8d7b25c19"),
		})),
	}
}

// Credentials in HCL; the emulator answers seed 001's example, which must arrive intact.
func TestAccImageAuthorizedInfo_seedExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config:            emu.TencentProvider("") + data,
		ConfigStateChecks: seedChecks("ap-guangzhou"),
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.Cloud != "tencentcloud" || r.AccessKey != emu.TencentCred.AccessKey || r.Region != "ap-guangzhou" {
			t.Errorf("request %+v: want tencentcloud, SecretId %s, region ap-guangzhou", r, emu.TencentCred.AccessKey)
		}
	}
}

// available_authorized_cnt is total minus used when some are free.
func TestAccImageAuthorizedInfo_available(t *testing.T) {
	acctest.PreCheck(t)
	d := all.DefaultData()
	info := d.TencentCloud.ImageAuthorizedInfo
	total, used := uint64(50), uint64(20)
	info.TotalAuthorizedCnt, info.UsedAuthorizedCnt = &total, &used
	emu := acctest.StartEmulator(t, all.Options{Data: d})
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + data + `
output "enough" {
  value = data.cloudquota_tcss_image_authorized_info.test.available_authorized_cnt >= 30
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			check("available_authorized_cnt", knownvalue.Int64Exact(30)),
			statecheck.ExpectKnownOutputValue("enough", knownvalue.Bool(true)),
		},
	})
}
