package bss_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

const (
	addr   = "data.cloudquota_huaweicloud_subscriptions.test"
	action = huawei.ActionListCustomerResources
)

// body is the JSON body of a recorded request.
type body struct {
	ResourceIDs      []string `json:"resource_ids"`
	OnlyMainResource *int     `json:"only_main_resource"`
	Offset           int      `json:"offset"`
	Limit            int      `json:"limit"`
	ExpireTimeBegin  string   `json:"expire_time_begin"`
	ExpireTimeEnd    string   `json:"expire_time_end"`
	ServiceTypeCode  string   `json:"service_type_code"`
}

// bodies are the distinct bodies of the recorded requests, in order: a test step reads the
// data source several times (plan, apply, the plan after it), each read the same requests.
func bodies(t *testing.T, emu *acctest.Emulator) []body {
	t.Helper()
	var out []body
	seen := map[string]bool{}
	for _, r := range emu.RequestsFor(t, action) {
		if seen[r.Body] {
			continue
		}
		seen[r.Body] = true
		var b body
		if err := json.Unmarshal([]byte(r.Body), &b); err != nil {
			t.Fatalf("body %q: %v", r.Body, err)
		}
		if b.OnlyMainResource == nil || *b.OnlyMainResource != 1 {
			t.Errorf("only_main_resource not 1 in %s", r.Body)
		}
		out = append(out, b)
	}
	return out
}

func sub(id string, days int64, expired, autoRenew bool, status string) knownvalue.Check {
	return knownvalue.ObjectPartial(map[string]knownvalue.Check{
		"id": knownvalue.StringExact(id), "days_left": knownvalue.Int64Exact(days), "expired": knownvalue.Bool(expired),
		"auto_renew": knownvalue.Bool(autoRenew), "status": knownvalue.StringExact(status),
	})
}

// The default answer (times relative to the answer): the attached disk is left out, the
// rest ordered by expiry, each with its whole days left; the domain is resolved through IAM
// once, and every call carries it.
func TestAccSubscriptions_default(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	domain := emu.Huawei.DomainID(emu.HuaweiCred.AccessKey)
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_huaweicloud_subscriptions" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "subscriptions", knownvalue.ListExact([]knownvalue.Check{
				sub("c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f", -2, true, false, "5"),
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"id": knownvalue.StringExact("9ecb83a7-8b03-4e37-a26d-c3e90ca97eea"), "name": knownvalue.StringExact("hss-enterprise-quota"),
					"product": knownvalue.StringExact("hws.service.type.hss"), "sub_product": knownvalue.StringExact("hws.resource.type.hss.quota"),
					"region": knownvalue.StringExact("cn-north-4"), "status": knownvalue.StringExact("2"),
					"expire_time": knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)),
					"days_left":   knownvalue.Int64Exact(10), "expired": knownvalue.Bool(false), "auto_renew": knownvalue.Bool(false),
				}),
				sub("3f2c5a1e-6b7d-4c8e-9f0a-1b2c3d4e5f60", 100, false, true, "2"),
			})),
			acctest.Expect(addr, "total_count", knownvalue.Int64Exact(3)),
			acctest.Expect(addr, "min_days_left", knownvalue.Int64Exact(-2)),
			acctest.Expect(addr, "soonest_expire_time", knownvalue.StringRegexp(regexp.MustCompile(`Z$`))),
			acctest.Expect(addr, "region", knownvalue.StringExact("cn-north-4")),
			acctest.Expect(addr, "id", knownvalue.StringExact(domain+"/cn///")),
		},
	})
	if n := len(emu.RequestsFor(t, "KeystoneListAuthDomains")); n != 1 {
		t.Errorf("IAM domain lookups: %d, want 1", n)
	}
	for _, b := range bodies(t, emu) {
		if b.ExpireTimeBegin != "" || b.ExpireTimeEnd != "" || b.ServiceTypeCode != "" || b.ResourceIDs != nil {
			t.Errorf("no arguments, but sent %+v", b)
		}
	}
}

// expiring_within is sent as the API's window, in UTC whole seconds around the read, and
// only what expires in it is listed.
func TestAccSubscriptions_expiringWithin(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	before := time.Now().UTC().Truncate(time.Second)
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `
data "cloudquota_huaweicloud_subscriptions" "test" {
  expiring_within = "720h"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "subscriptions", knownvalue.ListExact([]knownvalue.Check{
				sub("9ecb83a7-8b03-4e37-a26d-c3e90ca97eea", 10, false, false, "2"),
			})),
			acctest.Expect(addr, "total_count", knownvalue.Int64Exact(1)),
			acctest.Expect(addr, "min_days_left", knownvalue.Int64Exact(10)),
		},
	})
	after := time.Now().UTC()
	for _, b := range bodies(t, emu) {
		begin, err1 := time.Parse("2006-01-02T15:04:05Z", b.ExpireTimeBegin)
		end, err2 := time.Parse("2006-01-02T15:04:05Z", b.ExpireTimeEnd)
		if err1 != nil || err2 != nil {
			t.Fatalf("window not yyyy-MM-ddTHH:mm:ssZ: %q .. %q", b.ExpireTimeBegin, b.ExpireTimeEnd)
		}
		if begin.Before(before.Add(-time.Minute)) || begin.After(after) {
			t.Errorf("window begins %s, not at the read (%s .. %s)", begin, before, after)
		}
		if d := end.Sub(begin); d < 720*time.Hour || d > 720*time.Hour+time.Second {
			t.Errorf("window is %s long, want 720h (to the whole second)", d)
		}
	}
}

// products: one request series per code, each sent as service_type_code.
func TestAccSubscriptions_products(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `
data "cloudquota_huaweicloud_subscriptions" "test" {
  products = ["hws.service.type.waf", "hws.service.type.hss", "hws.service.type.dcs"]
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "total_count", knownvalue.Int64Exact(2)),
			acctest.Expect(addr, "soonest_expire_time", knownvalue.NotNull()),
		},
	})
	var codes []string
	for _, b := range bodies(t, emu) {
		codes = append(codes, b.ServiceTypeCode)
	}
	slices.Sort(codes)
	if want := []string{"hws.service.type.dcs", "hws.service.type.hss", "hws.service.type.waf"}; !slices.Equal(codes, want) {
		t.Errorf("service_type_code sent %v, want %v", codes, want)
	}
}

// manyResources is a data file's BSS section of n resources expiring a day apart.
func manyResources(n int) *all.Data {
	d := all.DefaultData()
	d.HuaweiCloud.CustomerResources = &huawei.BSSCustomerResources{}
	for i := range n {
		id, code, exp := fmt.Sprintf("res-%03d", i), "hws.service.type.hss", fmt.Sprintf("now+%dh", 24*(i+1)+1)
		d.HuaweiCloud.CustomerResources.Data = append(d.HuaweiCloud.CustomerResources.Data,
			huawei.BSSResource{ResourceID: &id, ServiceTypeCode: &code, ExpireTime: &exp})
	}
	return d
}

// Every page is read: 250 resources in pages of 100.
func TestAccSubscriptions_paging(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: manyResources(250)})
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_huaweicloud_subscriptions" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "total_count", knownvalue.Int64Exact(250)),
			acctest.Expect(addr, "min_days_left", knownvalue.Int64Exact(1)),
		},
	})
	var offsets []int
	for _, b := range bodies(t, emu) {
		offsets = append(offsets, b.Offset)
		if b.Limit != 100 {
			t.Errorf("limit %d, want 100", b.Limit)
		}
	}
	if !slices.Equal(offsets, []int{0, 100, 200}) {
		t.Errorf("offsets %v, want [0 100 200]", offsets)
	}
}

// resource_ids go in batches of at most 50.
func TestAccSubscriptions_batches(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: manyResources(130)})
	ids := make([]string, 120)
	for i := range ids {
		ids[i] = fmt.Sprintf("%q", fmt.Sprintf("res-%03d", i+5))
	}
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `
data "cloudquota_huaweicloud_subscriptions" "test" {
  resource_ids = [` + strings.Join(ids, ", ") + `]
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "total_count", knownvalue.Int64Exact(120)),
			acctest.Expect(addr, "min_days_left", knownvalue.Int64Exact(6)),
		},
	})
	var sizes []int
	for _, b := range bodies(t, emu) {
		sizes = append(sizes, len(b.ResourceIDs))
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{20, 50, 50}) {
		t.Errorf("batches of %v, want 50, 50 and 20", sizes)
	}
}

// A configured domain_id is used as it is (no IAM lookup); one that is not the caller's is
// refused by the API, with the gateway's diagnostic.
func TestAccSubscriptions_domainID(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	domain := emu.Huawei.DomainID(emu.HuaweiCred.AccessKey)
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider(fmt.Sprintf("domain_id = %q", domain)) + `data "cloudquota_huaweicloud_subscriptions" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "total_count", knownvalue.Int64Exact(3)),
		},
	})
	if n := emu.Count("KeystoneListAuthDomains"); n != 0 {
		t.Errorf("domain_id set, yet IAM was asked %d times", n)
	}
	t.Setenv("HW_DOMAIN_ID", "0123456789abcdef0123456789abcdef")
	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_huaweicloud_subscriptions" "test" {}`,
		ExpectError: regexp.MustCompile(`(?s)Huawei Cloud BSS ListPayPerUseCustomerResources failed.*HTTP status: 403.*` +
			`APIGW.0301.*domain id does not\s+belong to the user`),
	})
}

// site chooses the billing endpoint, which endpoints.bss overrides: with it set, every site
// reads the emulator.
func TestAccSubscriptions_siteWithOverride(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	for _, site := range []string{"intl", "eu"} {
		acctest.Run(t, resource.TestStep{
			Config: emu.HuaweiProvider("") + fmt.Sprintf(`
data "cloudquota_huaweicloud_subscriptions" "test" {
  site = %q
}`, site),
			ConfigStateChecks: []statecheck.StateCheck{
				acctest.Expect(addr, "total_count", knownvalue.Int64Exact(3)),
				acctest.Expect(addr, "site", knownvalue.StringExact(site)),
				acctest.Expect(addr, "id", knownvalue.StringRegexp(regexp.MustCompile("/"+site+"/"))),
			},
		})
	}
}

// Bad arguments are refused at plan time: nothing reaches the emulator.
func TestAccSubscriptions_badInput(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	cases := []struct {
		name, args string
		re         *regexp.Regexp
	}{
		{"malformed duration", `expiring_within = "30 days"`, regexp.MustCompile(`(?s)Invalid duration`)},
		{"negative duration", `expiring_within = "-1h"`, regexp.MustCompile(`positive duration`)},
		{"zero duration", `expiring_within = "0s"`, regexp.MustCompile(`positive duration`)},
		{"unknown site", `site = "moon"`, regexp.MustCompile(`(?s)site value must be one of: \["cn" "intl" "eu"\], got: "moon"`)},
		{"empty products", `products = []`, regexp.MustCompile(`products`)},
		{"empty product code", `products = [""]`, regexp.MustCompile(`products`)},
		{"empty resource id", `resource_ids = [""]`, regexp.MustCompile(`resource_ids`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			emu.ExpectRefused(t, emu.HuaweiProvider("")+"data \"cloudquota_huaweicloud_subscriptions\" \"test\" {\n"+tc.args+"\n}", tc.re)
		})
	}
}
