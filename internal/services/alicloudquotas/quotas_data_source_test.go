package alicloudquotas_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const (
	addr   = "data.cloudquota_alicloud_quotas.test"
	action = "ListProductQuotas"
)

func check(path string, v knownvalue.Check) statecheck.StateCheck {
	return acctest.Expect(addr, path, v)
}

// quota checks one element of quotas, or one field of it.
func quota(v knownvalue.Check, key string, field ...string) statecheck.StateCheck {
	p := tfjsonpath.New("quotas").AtMapKey(key)
	for _, f := range field {
		p = p.AtMapKey(f)
	}
	return statecheck.ExpectKnownValue(addr, p, v)
}

func num(f float64) knownvalue.Check { return knownvalue.Float64Exact(f) }

// loadData writes raw as an emulator data file and loads it, as a user would.
func loadData(t *testing.T, raw string) *all.Data {
	t.Helper()
	d, err := all.LoadData(acctest.WriteFile(t, "data.json", raw))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The default answer in the provider's region: the reference's example quota with its
// usage, a fractional one, the quotas without usage as limits; only general quotas (no
// QuotaCategory sent); the region as the one dimension; the parameters in the form body.
func TestAccQuotas_default(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_quotas" "test" {
  region       = "cn-hangzhou"
  product_code = "ecs"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			check("id", knownvalue.StringExact("cn-hangzhou/ecs")),
			quota(knownvalue.ObjectExact(map[string]knownvalue.Check{
				"limit": num(801), "used": num(26), "available": num(775), "unlimited": knownvalue.Bool(false),
				"name":        knownvalue.StringExact("Security groups per account in a region"),
				"description": knownvalue.StringExact("The maximum number of security groups that can be created in a region."),
				"unit":        knownvalue.StringExact("AMOUNT"), "adjustable": knownvalue.Bool(true),
				"dimensions": knownvalue.MapExact(map[string]knownvalue.Check{"regionId": knownvalue.StringExact("cn-hangzhou")}),
			}), "q_security-groups"),
			quota(knownvalue.ObjectPartial(map[string]knownvalue.Check{
				"limit": num(204.8), "used": num(12.25), "available": num(192.55), "unit": knownvalue.StringExact("TiB"),
			}), "q_postpaid-disk-capacity"),
			check("quotas", knownvalue.MapSizeExact(5)),
			check("limits", knownvalue.MapExact(map[string]knownvalue.Check{
				"q_security-group-rules": num(200), "q_image-share-accounts": num(10),
			})),
		},
	})
	for _, r := range emu.RequestsFor(t, action) {
		if r.Method != "POST" || r.Path != "/" {
			t.Errorf("%s %s, want POST /", r.Method, r.Path)
		}
	}
	emu.AssertQuery(t, action, map[string]string{"ProductCode": "ecs", "MaxResults": "100", "QuotaCategory": "",
		"Dimensions.1.Key": "regionId", "Dimensions.1.Value": "cn-hangzhou", "Dimensions.2.Key": "", "NextToken": ""})
}

// quota_category is sent when set and selects that kind; dimensions set to {} are sent as
// none, so every region's quotas come back, and the one code in four regions is an error
// naming it and the differing key.
func TestAccQuotas_categoryAndDimensions(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_quotas" "test" {
  product_code   = "ecs"
  quota_category = "FlowControl"
  dimensions     = { regionId = "cn-beijing" }
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			check("region", knownvalue.StringExact("cn-shanghai")),
			check("quotas", knownvalue.MapSizeExact(0)),
			check("limits", knownvalue.MapExact(map[string]knownvalue.Check{"DescribeInstances": num(100)})),
		},
	})
	emu.AssertQuery(t, action, map[string]string{"QuotaCategory": "FlowControl", "Dimensions.1.Key": "regionId",
		"Dimensions.1.Value": "cn-beijing"})
	emu.Reset()
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_quotas" "test" {
  product_code = "ecs"
  dimensions   = {}
}`,
		ExpectError: regexp.MustCompile(`(?s)QuotaActionCode\s+"q_[a-z-]+".*` + "`regionId`" + `.*Narrow\s+` + "`dimensions`"),
	})
	emu.AssertQuery(t, action, map[string]string{"Dimensions.1.Key": ""})
}

// manyQuotas is a data file with n consumable ecs quotas in cn-shanghai (and one in
// cn-beijing that the default dimension leaves out).
func manyQuotas(n int) string {
	type q struct {
		ProductCode     string            `json:"ProductCode"`
		QuotaActionCode string            `json:"QuotaActionCode"`
		Consumable      bool              `json:"Consumable"`
		TotalQuota      float64           `json:"TotalQuota"`
		TotalUsage      float64           `json:"TotalUsage"`
		Dimensions      map[string]string `json:"Dimensions"`
	}
	qs := []q{{"ecs", "q_elsewhere", true, 1, 0, map[string]string{"regionId": "cn-beijing"}}}
	for i := range n {
		qs = append(qs, q{"ecs", fmt.Sprintf("q_%03d", i), true, float64(100 + i), float64(i) / 4,
			map[string]string{"regionId": "cn-shanghai"}})
	}
	raw, _ := json.Marshal(map[string]any{"alicloud": map[string]any{"quotas_product_quotas": qs}})
	return string(raw)
}

// A product with 250 quotas: every page is read (100, 100, 50), following NextToken, in
// 3 requests.
func TestAccQuotas_paging(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{Data: loadData(t, manyQuotas(250))})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_quotas" "test" {
  product_code = "ecs"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			check("quotas", knownvalue.MapSizeExact(250)),
			quota(num(100), "q_000", "limit"),
			quota(knownvalue.ObjectPartial(map[string]knownvalue.Check{"limit": num(349), "used": num(62.25), "available": num(286.75)}), "q_249"),
		},
	})
	reqs := emu.RequestsFor(t, action)
	// Terraform reads more than once (plan, apply, refresh); each read starts without a token.
	reads := 0
	for _, r := range reqs {
		if r.Query.Get("NextToken") == "" {
			reads++
		}
	}
	if reads == 0 || len(reqs) != 3*reads {
		t.Fatalf("%d requests in %d reads, want 3 per read", len(reqs), reads)
	}
	for i, want := range []string{"", "100", "200"} {
		if got := reqs[i].Query.Get("NextToken"); got != want {
			t.Errorf("request %d NextToken %q, want %q", i+1, got, want)
		}
	}
	t.Logf("requests per read of a product with 250 quotas: %d (%d requests, %d reads)", len(reqs)/reads, len(reqs), reads)
}

// Arguments are checked before any request.
func TestAccQuotas_refused(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	for name, tc := range map[string]struct{ args, want string }{
		"bad quota_category":  {`product_code = "ecs"` + "\n  quota_category = \"Common\"", `value must be one of.*CommonQuota.*FlowControl.*WhiteListLabel`},
		"empty product_code":  {`product_code = ""`, `product_code.*at least 1`},
		"no product_code":     {``, `product_code.*required`},
		"empty dimension key": {`product_code = "ecs"` + "\n  dimensions = { \"\" = \"x\" }", `at least 1`},
	} {
		t.Run(name, func(t *testing.T) {
			emu.ExpectRefused(t, emu.AlibabaProvider("")+"data \"cloudquota_alicloud_quotas\" \"test\" {\n  "+tc.args+"\n}\n",
				regexp.MustCompile(`(?s)`+tc.want))
		})
	}
}

// An unknown product is the API's error, with every field of the diagnostic.
func TestAccQuotas_unknownProduct(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	acctest.Run(t, resource.TestStep{
		Config: emu.AlibabaProvider("") + `data "cloudquota_alicloud_quotas" "test" {
  product_code = "nope"
}`,
		ExpectError: regexp.MustCompile(`(?s)Alibaba Cloud Quotas ListProductQuotas failed.*HTTP status: 400.*PARAMETER\.ILLEGALL.*nope.*Request ID:\s+\S+`),
	})
}
