package billing_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
)

const (
	addr   = "data.cloudquota_tencentcloud_subscriptions.test"
	action = "DescribeRenewInstances"
)

func data(args string) string {
	return fmt.Sprintf("data \"cloudquota_tencentcloud_subscriptions\" \"test\" {\n%s\n}\n", args)
}

// readsPerStep is how often a test step reads a data source: terraform's plan, its apply,
// and the plan that checks the apply left nothing to do.
const readsPerStep = 3

func check(path string, v knownvalue.Check) statecheck.StateCheck {
	return acctest.Expect(addr, path, v)
}

func str(s string) *string { return &s }

// instance is a renewal-page instance expiring at expire (a data-file time such as now+240h).
func instance(id, product, flag, expire string) tencent.BillingRenewInstance {
	return tencent.BillingRenewInstance{
		InstanceId: str(id), InstanceName: str("name-" + id), ProductCode: str(product), SubProductCode: str("sp_" + product),
		RegionCode: str("ap-guangzhou"), Status: str("NORMAL"), RenewFlag: str(flag), ExpireTime: str(expire),
	}
}

func withInstances(list ...tencent.BillingRenewInstance) *all.Data {
	d := all.DefaultData()
	d.TencentCloud.RenewInstances = list
	return d
}

// The emulator's default answer is the API reference's example; it arrives intact, its
// Beijing time with +08:00, through the real terraform CLI.
func TestAccSubscriptions_documentedExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + data(""),
		ConfigStateChecks: []statecheck.StateCheck{
			check("id", knownvalue.StringExact("cn///")),
			check("region", knownvalue.StringExact("ap-guangzhou")),
			check("total_count", knownvalue.Int64Exact(1)),
			check("soonest_expire_time", knownvalue.StringExact("2025-07-06T23:59:59+08:00")),
			check("subscriptions", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id":          knownvalue.StringExact("std_storage-20241106185002290002691-0"),
				"name":        knownvalue.StringExact(""),
				"product":     knownvalue.StringExact("p_cos"),
				"sub_product": knownvalue.StringExact("sp_cos_pkg_std_new"),
				"region":      knownvalue.StringExact("ap-others"),
				"status":      knownvalue.StringExact("NORMAL"),
				"expire_time": knownvalue.StringExact("2025-07-06T23:59:59+08:00"),
				"expired":     knownvalue.Bool(true),
				"auto_renew":  knownvalue.Bool(false),
			})})),
		},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.Region != "" || r.AccessKey != emu.TencentCred.AccessKey {
			t.Errorf("request %+v: want no X-TC-Region (the API is global) and SecretId %s", r, emu.TencentCred.AccessKey)
		}
	}
}

// The module-test pattern: "expires in 10 days" (and a half, so that days_left does not
// depend on how long the read takes) with expiring_within = 720h fails the
// precondition; the renewal 90 days out and the one expired two days ago are outside.
func TestAccSubscriptions_expiringWithin(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: withInstances(
		instance("ins-soon", "p_cvm", "NOTIFY_AND_MANUAL_RENEW", "now+252h"),
		instance("cdb-later", "p_cdb", "NOTIFY_AND_AUTO_RENEW", "now+2160h"),
		instance("ins-gone", "p_cvm", "DISABLE_NOTIFY_AND_MANUAL_RENEW", "now-60h"),
	)})
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + data(`  expiring_within = "720h"`),
		ConfigStateChecks: []statecheck.StateCheck{
			check("total_count", knownvalue.Int64Exact(1)),
			check("min_days_left", knownvalue.Int64Exact(10)), // 10.5 days: half a day of margin for the moments between configure and answer
			check("subscriptions", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"id": knownvalue.StringExact("ins-soon"), "days_left": knownvalue.Int64Exact(10), "expired": knownvalue.Bool(false),
			})})),
		},
	}, resource.TestStep{
		Config: emu.TencentProvider("") + data(`  expiring_within = "720h"`) + `
output "guard" {
  value = "ok"
  precondition {
    condition     = data.cloudquota_tencentcloud_subscriptions.test.total_count == 0
    error_message = "A Tencent Cloud subscription expires within 30 days."
  }
}`,
		ExpectError: regexp.MustCompile(`A Tencent Cloud subscription expires within 30 days`),
	})
}

// Without expiring_within every listed instance is there, expired ones included, in order
// of expiry; products filters the answer (the API has none), auto_renew follows RenewFlag.
func TestAccSubscriptions_allOrderedAndProducts(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: withInstances(
		instance("cdb-later", "p_cdb", "NOTIFY_AND_AUTO_RENEW", "now+2160h"),
		instance("ins-soon", "p_cvm", "NOTIFY_AND_MANUAL_RENEW", "now+252h"),
		instance("ins-gone", "p_cvm", "DISABLE_NOTIFY_AND_MANUAL_RENEW", "now-60h"),
	)})
	id := func(v string) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(v)})
	}
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + data(""),
		ConfigStateChecks: []statecheck.StateCheck{
			check("subscriptions", knownvalue.ListExact([]knownvalue.Check{id("ins-gone"), id("ins-soon"), id("cdb-later")})),
			check("subscriptions", knownvalue.ListPartial(map[int]knownvalue.Check{
				0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"expired": knownvalue.Bool(true), "days_left": knownvalue.Int64Exact(-3)}),
				2: knownvalue.ObjectPartial(map[string]knownvalue.Check{"auto_renew": knownvalue.Bool(true)}),
			})),
			check("min_days_left", knownvalue.Int64Exact(-3)),
		},
	}, resource.TestStep{
		Config: emu.TencentProvider("") + data(`  products = ["p_cdb"]`),
		ConfigStateChecks: []statecheck.StateCheck{
			check("id", knownvalue.StringExact("cn/p_cdb//")),
			check("subscriptions", knownvalue.ListExact([]knownvalue.Check{id("cdb-later")})),
		},
	})
}

// Every page is read: 250 instances at MaxResults 100 are three requests.
func TestAccSubscriptions_pages(t *testing.T) {
	acctest.PreCheck(t)
	var list []tencent.BillingRenewInstance
	for i := range 250 {
		list = append(list, instance(fmt.Sprintf("ins-%03d", i), "p_cvm", "NOTIFY_AND_MANUAL_RENEW", fmt.Sprintf("now+%dh", 24+i)))
	}
	emu := acctest.StartEmulator(t, all.Options{Data: withInstances(list...)})
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + data(""),
		ConfigStateChecks: []statecheck.StateCheck{
			check("total_count", knownvalue.Int64Exact(250)),
			check("subscriptions", knownvalue.ListPartial(map[int]knownvalue.Check{
				0:   knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("ins-000")}),
				249: knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact("ins-249")}),
			})),
		},
	})
	if n := len(emu.RequestsFor(t, action)); n != 3*readsPerStep {
		t.Errorf("%d requests, want 3 pages for each of the %d reads", n, readsPerStep)
	}
}

// The window is sent: 150 instances outside it and one inside are one page, where the
// whole list would be two; and resource_ids go in batches of 100.
func TestAccSubscriptions_windowSentAndBatches(t *testing.T) {
	acctest.PreCheck(t)
	list := []tencent.BillingRenewInstance{instance("ins-soon", "p_cvm", "NOTIFY_AND_MANUAL_RENEW", "now+252h")}
	var ids []string
	for i := range 150 {
		list = append(list, instance(fmt.Sprintf("ins-%03d", i), "p_cvm", "NOTIFY_AND_MANUAL_RENEW", "now+4000h"))
		ids = append(ids, fmt.Sprintf("%q", fmt.Sprintf("ins-%03d", i)))
	}
	emu := acctest.StartEmulator(t, all.Options{Data: withInstances(list...)})
	acctest.Run(t, resource.TestStep{
		Config:            emu.TencentProvider("") + data(`  expiring_within = "720h"`),
		ConfigStateChecks: []statecheck.StateCheck{check("total_count", knownvalue.Int64Exact(1))},
	})
	if n := emu.Count(action); n != readsPerStep {
		t.Errorf("%d requests, want 1 page for each of the %d reads: the window was not sent", n, readsPerStep)
	}
	emu.Reset()
	acctest.Run(t, resource.TestStep{
		Config:            emu.TencentProvider("") + data("  resource_ids = ["+strings.Join(ids, ", ")+", \"ins-soon\"]"),
		ConfigStateChecks: []statecheck.StateCheck{check("total_count", knownvalue.Int64Exact(151))},
	})
	if n := emu.Count(action); n != 2*readsPerStep {
		t.Errorf("%d requests, want 2 batches (100 + 51 ids) for each of the %d reads", n, readsPerStep)
	}
}

// A bad duration or site is refused at plan time, before any request.
func TestAccSubscriptions_refusedBeforeSending(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	for _, tc := range []struct{ args, want string }{
		{`  expiring_within = "30d"`, `expiring_within`},
		{`  expiring_within = "-720h"`, `expiring_within`},
		{`  site = "eu"`, `site.*cn.*intl`},
		{`  products = []`, `products`},
	} {
		emu.ExpectRefused(t, emu.TencentProvider("")+data(tc.args), regexp.MustCompile(`(?s)`+tc.want))
	}
}

// A refusal for missing permission names the policy Tencent says a sub-user needs.
func TestAccSubscriptions_permission(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	emu.InjectFault(action, 1, 200, "UnauthorizedOperation.CamNoAuth", "The sub-user has no permission.")
	acctest.Run(t, resource.TestStep{
		Config: emu.TencentProvider("") + data(""),
		ExpectError: regexp.MustCompile(`(?s)Tencent Cloud Billing DescribeRenewInstances failed.*UnauthorizedOperation\.CamNoAuth.*` +
			`Request ID:\s+\S+.*QcloudFinanceRenewManageFullAccess`),
	})
}

// The API is global: a read needs no region, and none is sent.
func TestAccSubscriptions_noRegion(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: acctest.Provider("max_retries = 1", emu.TencentBlock(acctest.Block{Cred: emu.TencentCred, Endpoints: true})) + data(`  site = "intl"`),
		ConfigStateChecks: []statecheck.StateCheck{
			check("region", knownvalue.StringExact("")),
			check("id", knownvalue.StringExact("intl///")),
			check("total_count", knownvalue.Int64Exact(1)),
		},
	})
}
