package bssopenapi_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const (
	addr   = "data.cloudquota_alicloud_subscriptions.test"
	action = "QueryAvailableInstances"
	// readsPerStep is how often a test step reads a data source: terraform's plan, its
	// apply, and the plan that checks the apply left nothing to do.
	readsPerStep = 3
)

func data(args string) string {
	return fmt.Sprintf("data \"cloudquota_alicloud_subscriptions\" \"test\" {\n%s\n}\n", args)
}

func check(path string, v knownvalue.Check) statecheck.StateCheck {
	return acctest.Expect(addr, path, v)
}

func str(s string) *string { return &s }

// instance is a subscription instance expiring at end (a data-file time such as now+240h).
func instance(id, product, renew, end string) alibaba.BSSInstance {
	return alibaba.BSSInstance{
		InstanceID: str(id), ProductCode: str(product), ProductType: str(product + "_pre"), Region: str("cn-hangzhou"),
		Status: str("Normal"), RenewStatus: str(renew), SubscriptionType: str("Subscription"), EndTime: str(end),
	}
}

func withInstances(list ...alibaba.BSSInstance) *all.Data {
	d := all.DefaultData()
	d.AlibabaCloud.AvailableInstances = list
	return d
}

func id(v string) knownvalue.Check {
	return knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(v)})
}

// The emulator's default answer, assembled from the API reference's field examples, arrives
// intact through the real terraform CLI; every request asks for subscriptions and no region.
func TestAccSubscriptions_referenceFields(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + data(""),
		ConfigStateChecks: []statecheck.StateCheck{
			check("id", knownvalue.StringExact("cn///")),
			check("region", knownvalue.StringExact("cn-shanghai")),
			check("total_count", knownvalue.Int64Exact(1)),
			check("subscriptions", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
				"id":          knownvalue.StringExact("1049056"),
				"name":        knownvalue.StringExact(""),
				"product":     knownvalue.StringExact("rds"),
				"sub_product": knownvalue.StringExact("rds"),
				"region":      knownvalue.StringExact("cn-hangzhou"),
				"status":      knownvalue.StringExact("Normal"),
				"expire_time": knownvalue.StringExact("2019-09-08T16:00:00Z"),
				"days_left":   knownvalue.NotNull(),
				"expired":     knownvalue.Bool(true),
				"auto_renew":  knownvalue.Bool(false),
			})})),
		},
	})
	emu.AssertQuery(t, action, map[string]string{"SubscriptionType": "Subscription", "Region": "", "PageNum": "1", "PageSize": "100"})
}

// The module-test pattern: "expires in 10 days" (and a half, so that days_left does not
// depend on how long the read takes) with expiring_within = 720h; the window is
// sent as EndTimeStart/EndTimeEnd in UTC, and a pay-as-you-go instance never appears.
func TestAccSubscriptions_expiringWithin(t *testing.T) {
	acctest.PreCheck(t)
	payg := instance("i-payg", "ecs", "NotRenewal", "now+48h")
	payg.SubscriptionType = str("PayAsYouGo")
	emu := acctest.StartEmulator(t, all.Options{Data: withInstances(
		instance("sas-soon", "sas", "ManualRenewal", "now+252h"),
		instance("rm-later", "rds", "AutoRenewal", "now+2160h"),
		instance("sas-gone", "sas", "ManualRenewal", "now-60h"),
		payg,
	)})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + data(`  expiring_within = "720h"`),
		ConfigStateChecks: []statecheck.StateCheck{
			check("total_count", knownvalue.Int64Exact(1)),
			check("min_days_left", knownvalue.Int64Exact(10)), // 10.5 days: half a day of margin for the moments between configure and answer
			check("subscriptions", knownvalue.ListExact([]knownvalue.Check{id("sas-soon")})),
		},
	})
	utc := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`)
	for _, r := range emu.RequestsFor(t, action) {
		if !utc.MatchString(r.Query.Get("EndTimeStart")) || !utc.MatchString(r.Query.Get("EndTimeEnd")) {
			t.Errorf("window %q .. %q, want UTC yyyy-MM-ddTHH:mm:ssZ", r.Query.Get("EndTimeStart"), r.Query.Get("EndTimeEnd"))
		}
	}
}

// Without expiring_within every subscription is listed in order of expiry, expired ones
// included; auto_renew follows RenewStatus; products are one series of requests each.
func TestAccSubscriptions_allOrderedAndProducts(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: withInstances(
		instance("rm-later", "rds", "AutoRenewal", "now+2160h"),
		instance("sas-soon", "sas", "ManualRenewal", "now+252h"),
		instance("sas-gone", "sas", "NotRenewal", "now-60h"),
		instance("ecs-mid", "ecs", "ManualRenewal", "now+720h"),
	)})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + data(""),
		ConfigStateChecks: []statecheck.StateCheck{
			check("subscriptions", knownvalue.ListExact([]knownvalue.Check{id("sas-gone"), id("sas-soon"), id("ecs-mid"), id("rm-later")})),
			check("subscriptions", knownvalue.ListPartial(map[int]knownvalue.Check{
				0: knownvalue.ObjectPartial(map[string]knownvalue.Check{"expired": knownvalue.Bool(true), "days_left": knownvalue.Int64Exact(-3)}),
				3: knownvalue.ObjectPartial(map[string]knownvalue.Check{"auto_renew": knownvalue.Bool(true), "sub_product": knownvalue.StringExact("rds_pre")}),
			})),
		},
	})
	emu.Reset()
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + data(`  products = ["sas", "rds"]`),
		ConfigStateChecks: []statecheck.StateCheck{
			check("id", knownvalue.StringExact("cn/rds,sas//")),
			check("subscriptions", knownvalue.ListExact([]knownvalue.Check{id("sas-gone"), id("sas-soon"), id("rm-later")})),
		},
	})
	seen := map[string]int{}
	for _, r := range emu.RequestsFor(t, action) {
		seen[r.Query.Get("ProductCode")]++
	}
	if seen["sas"] != readsPerStep || seen["rds"] != readsPerStep || len(seen) != 2 {
		t.Errorf("ProductCode per request %v, want one request each of sas and rds per read", seen)
	}
}

// Every page is read: 250 subscriptions at PageSize 100 are three pages, PageNum 1 to 3.
func TestAccSubscriptions_pages(t *testing.T) {
	acctest.PreCheck(t)
	var list []alibaba.BSSInstance
	for i := range 250 {
		list = append(list, instance(fmt.Sprintf("sas-%03d", i), "sas", "ManualRenewal", fmt.Sprintf("now+%dh", 24+i)))
	}
	emu := acctest.StartEmulator(t, all.Options{Data: withInstances(list...)})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + data(""),
		ConfigStateChecks: []statecheck.StateCheck{
			check("total_count", knownvalue.Int64Exact(250)),
			check("subscriptions", knownvalue.ListPartial(map[int]knownvalue.Check{0: id("sas-000"), 249: id("sas-249")})),
		},
	})
	pages := map[string]int{}
	for _, r := range emu.RequestsFor(t, action) {
		pages[r.Query.Get("PageNum")]++
	}
	if pages["1"] != readsPerStep || pages["2"] != readsPerStep || pages["3"] != readsPerStep || len(pages) != 3 {
		t.Errorf("PageNum per request %v, want pages 1, 2 and 3 once per read", pages)
	}
}

// resource_ids go as InstanceIDs, comma-separated, in batches of 100.
func TestAccSubscriptions_batches(t *testing.T) {
	acctest.PreCheck(t)
	var list []alibaba.BSSInstance
	var ids []string
	for i := range 150 {
		list = append(list, instance(fmt.Sprintf("sas-%03d", i), "sas", "ManualRenewal", "now+252h"))
		ids = append(ids, fmt.Sprintf("%q", fmt.Sprintf("sas-%03d", i)))
	}
	list = append(list, instance("other", "sas", "ManualRenewal", "now+252h"))
	emu := acctest.StartEmulator(t, all.Options{Data: withInstances(list...)})
	acctest.Run(t, resource.TestStep{
		Config:            emu.AlibabaProvider("") + data("  resource_ids = ["+strings.Join(ids, ", ")+"]"),
		ConfigStateChecks: []statecheck.StateCheck{check("total_count", knownvalue.Int64Exact(150))},
	})
	sizes := map[int]int{}
	for _, r := range emu.RequestsFor(t, action) {
		sizes[len(strings.Split(r.Query.Get("InstanceIDs"), ","))]++
	}
	if sizes[100] != readsPerStep || sizes[50] != readsPerStep || len(sizes) != 2 {
		t.Errorf("InstanceIDs sizes %v, want batches of 100 and 50 per read", sizes)
	}
}

// A bad duration or site is refused at plan time, before any request.
func TestAccSubscriptions_refusedBeforeSending(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	for _, tc := range []struct{ args, want string }{
		{`  expiring_within = "30d"`, `expiring_within`},
		{`  expiring_within = "0s"`, `expiring_within`},
		{`  site = "eu"`, `site.*cn.*intl`},
		{`  resource_ids = [""]`, `resource_ids`},
	} {
		emu.ExpectRefused(t, emu.AlibabaProvider("")+data(tc.args), regexp.MustCompile(`(?s)`+tc.want))
	}
}

// NotApplicable, the answer to an account of the other site, says to set site.
func TestAccSubscriptions_notApplicable(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	emu.InjectFault(action, 1, 400, "NotApplicable", "This API is not applicable for caller.")
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + data(""),
		ExpectError: regexp.MustCompile(`(?s)Alibaba Cloud BssOpenApi QueryAvailableInstances failed.*HTTP status: 400.*` +
			`NotApplicable.*Request ID:\s+\S+.*Attempts:\s+1\b.*site = "intl"`),
	})
}

// The API is global: a read needs no region, and sends none.
func TestAccSubscriptions_noRegion(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: acctest.Provider("max_retries = 1", emu.AlibabaBlock(acctest.Block{Cred: emu.AlibabaCred, Endpoints: true})) + data(`  site = "intl"`),
		ConfigStateChecks: []statecheck.StateCheck{
			check("region", knownvalue.StringExact("")),
			check("id", knownvalue.StringExact("intl///")),
			check("total_count", knownvalue.Int64Exact(1)),
		},
	})
}
