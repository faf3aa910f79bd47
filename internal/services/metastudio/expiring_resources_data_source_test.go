package metastudio_test

import (
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

const addr = "data.cloudquota_metastudio_expiring_resources.test"

func TestAccExpiringResources_seedExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_metastudio_expiring_resources" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "resources", knownvalue.ListExact([]knownvalue.Check{
				knownvalue.ObjectExact(map[string]knownvalue.Check{
					"business_type":   knownvalue.StringExact("LIVE_2D"),
					"count":           knownvalue.Int64Exact(1),
					"charging_mode":   knownvalue.StringExact("ONE_TIME"),
					"resource_source": knownvalue.StringExact("SP_ALLOCATED"),
				}),
			})),
			acctest.Expect(addr, "total_count", knownvalue.Int64Exact(1)),
			acctest.Expect(addr, "resource_expire_start_time", knownvalue.Null()),
			acctest.Expect(addr, "region", knownvalue.StringExact("cn-north-4")),
		},
	})
	for _, r := range emu.RequestsFor(t, "CountTenantResources") {
		if len(r.Query) != 0 {
			t.Errorf("no arguments set, but the query was %v", r.Query)
		}
	}
}

// business and explicit times reach the API as documented: comma-separated, RFC 3339 as written.
func TestAccExpiringResources_filters(t *testing.T) {
	acctest.PreCheck(t)
	data := acctest.ExampleData(t)
	emu := acctest.StartEmulator(t, all.Options{Data: data})

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `
data "cloudquota_metastudio_expiring_resources" "test" {
  business                   = ["VOICE_CLONE", "VIDEO_2D"]
  resource_expire_start_time = "2026-01-01T00:00:00+08:00"
  resource_expire_end_time   = "2026-02-01T00:00:00Z"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "resources", knownvalue.ListSizeExact(2)),
			acctest.Expect(addr, "total_count", knownvalue.Int64Exact(15)),
			acctest.Expect(addr, "resource_expire_start_time", knownvalue.StringExact("2026-01-01T00:00:00+08:00")),
		},
	})

	want := map[string]string{
		"business":                   "VIDEO_2D,VOICE_CLONE",
		"resource_expire_start_time": "2026-01-01T00:00:00+08:00",
		"resource_expire_end_time":   "2026-02-01T00:00:00Z",
	}
	emu.AssertQuery(t, "CountTenantResources", want)
}

// expiring_within becomes a window from the moment of the read, sent as two RFC 3339 times
// and shown in state.
func TestAccExpiringResources_expiringWithin(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	before := time.Now().UTC().Truncate(time.Second)

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `
data "cloudquota_metastudio_expiring_resources" "test" {
  expiring_within = "720h"
}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(addr, "resource_expire_start_time", knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`))),
			acctest.Expect(addr, "expiring_within", knownvalue.StringExact("720h")),
		},
	})
	after := time.Now().UTC()

	for _, r := range emu.RequestsFor(t, "CountTenantResources") {
		start, err1 := time.Parse(time.RFC3339, r.Query.Get("resource_expire_start_time"))
		end, err2 := time.Parse(time.RFC3339, r.Query.Get("resource_expire_end_time"))
		if err1 != nil || err2 != nil {
			t.Fatalf("window not RFC 3339: %v", r.Query)
		}
		if start.Before(before) || start.After(after) {
			t.Errorf("window starts %s, outside the read (%s .. %s)", start, before, after)
		}
		if got := end.Sub(start); got != 720*time.Hour {
			t.Errorf("window is %s long, want 720h", got)
		}
	}
}

func TestAccExpiringResources_badInput(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	cases := []struct {
		name, args string
		re         *regexp.Regexp
	}{
		{"unknown business", `business = ["LIVE_2D", "HOLOGRAM"]`, regexp.MustCompile(`(?s)business.*VOICE_CLONE`)},
		{"malformed start", `resource_expire_start_time = "2026-01-01 00:00:00"`, regexp.MustCompile(`(?s)Invalid time.*expected RFC 3339, such as\s+2026-01-02T15:04:05Z`)},
		{"malformed end", `resource_expire_end_time = "tomorrow"`, regexp.MustCompile(`(?s)Invalid time.*expected RFC 3339, such as\s+2026-01-02T15:04:05Z.*"tomorrow"`)},
		{"end before start", `
  resource_expire_start_time = "2026-02-01T00:00:00Z"
  resource_expire_end_time   = "2026-01-01T00:00:00Z"`, regexp.MustCompile(`ends before it starts`)},
		{"window and explicit time", `
  expiring_within            = "24h"
  resource_expire_start_time = "2026-02-01T00:00:00Z"`, regexp.MustCompile(`(?s)expiring_within.*resource_expire_start_time|resource_expire_start_time.*expiring_within`)},
		{"malformed duration", `expiring_within = "30 days"`, regexp.MustCompile(`(?s)Invalid duration.*such as "30s",\s+"1.5h" or "2h45m"`)},
		{"negative duration", `expiring_within = "-1h"`, regexp.MustCompile(`positive duration`)},
		{"empty business", `business = []`, regexp.MustCompile(`business`)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			emu.ExpectRefused(t, emu.HuaweiProvider("")+"data \"cloudquota_metastudio_expiring_resources\" \"test\" {\n"+tc.args+"\n}", tc.re)
		})
	}
}
