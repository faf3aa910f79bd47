package hss_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

const statsAddr = "data.cloudquota_hss_image_scan_statistics.test"

func zeroCounts() knownvalue.Check {
	return counts(0, 0, 0)
}

func counts(local, registry, cicd int64) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"local":    knownvalue.Int64Exact(local),
		"registry": knownvalue.Int64Exact(registry),
		"cicd":     knownvalue.Int64Exact(cicd),
	})
}

// The seed's example omits the four nested objects: they must read as objects of zeros.
func TestAccImageScanStatistics_seedExample(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})
	project := emu.Huawei.ProjectID("cn-north-4")

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_hss_image_scan_statistics" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(statsAddr, "repository_scan_num", knownvalue.Int64Exact(5)),
			acctest.Expect(statsAddr, "cicd_scan_num", knownvalue.Int64Exact(10)),
			acctest.Expect(statsAddr, "free_quota_num", knownvalue.Int64Exact(2)),
			acctest.Expect(statsAddr, "already_given", knownvalue.Bool(true)),
			acctest.Expect(statsAddr, "image_free_quota", knownvalue.Int64Exact(10)),
			acctest.Expect(statsAddr, "high_risk", zeroCounts()),
			acctest.Expect(statsAddr, "has_risk", zeroCounts()),
			acctest.Expect(statsAddr, "total", zeroCounts()),
			acctest.Expect(statsAddr, "unscan", zeroCounts()),
			acctest.Expect(statsAddr, "region", knownvalue.StringExact("cn-north-4")),
			acctest.Expect(statsAddr, "enterprise_project_id", knownvalue.StringExact("0")),
			acctest.Expect(statsAddr, "id", knownvalue.StringExact(project+"/0")),
		},
	})

	// No enterprise project configured anywhere: the API's default applies, nothing is sent.
	for _, r := range emu.RequestsFor(t, "ShowImagePayPerScanStatistics") {
		if r.Query.Has("enterprise_project_id") {
			t.Errorf("enterprise_project_id sent although unset: %v", r.Query)
		}
		if r.ProjectID != project {
			t.Errorf("called project %q, want %q", r.ProjectID, project)
		}
	}
}

// Richer data exercises every field, including the API's `registriy` spelling.
func TestAccImageScanStatistics_allFields(t *testing.T) {
	acctest.PreCheck(t)
	data := acctest.ExampleData(t)
	s := data.HuaweiCloud.ImagePayPerScanStatistics
	emu := acctest.StartEmulator(t, all.Options{Data: data})
	want := func(c *huawei.HSSImageTypeCount) knownvalue.Check {
		return counts(deref(c.Local), deref(c.Registriy), deref(c.Cicd))
	}

	acctest.Run(t, resource.TestStep{
		Config: emu.HuaweiProvider("") + `data "cloudquota_hss_image_scan_statistics" "test" {}`,
		ConfigStateChecks: []statecheck.StateCheck{
			acctest.Expect(statsAddr, "repository_scan_num", knownvalue.Int64Exact(deref(s.RepositoryScanNum))),
			acctest.Expect(statsAddr, "cicd_scan_num", knownvalue.Int64Exact(deref(s.CicdScanNum))),
			acctest.Expect(statsAddr, "high_risk", want(s.HighRisk)),
			acctest.Expect(statsAddr, "has_risk", want(s.HasRisk)),
			acctest.Expect(statsAddr, "total", want(s.Total)),
			acctest.Expect(statsAddr, "unscan", want(s.Unscan)),
		},
	})
}

// The provider's enterprise project is the default; the argument overrides it; both reach
// the API as the enterprise_project_id query parameter.
func TestAccImageScanStatistics_enterpriseProject(t *testing.T) {
	acctest.PreCheck(t)
	emu := acctest.StartEmulator(t, all.Options{})

	cases := []struct {
		name, providerEPS, argument, want string
	}{
		{"provider default", `enterprise_project_id = "eps-from-provider"`, "", "eps-from-provider"},
		{"argument overrides", `enterprise_project_id = "eps-from-provider"`, `enterprise_project_id = "all_granted_eps"`, "all_granted_eps"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			emu.Reset()
			acctest.Run(t, resource.TestStep{
				Config: emu.HuaweiProvider(tc.providerEPS) +
					`data "cloudquota_hss_image_scan_statistics" "test" {` + tc.argument + `}`,
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.Expect(statsAddr, "enterprise_project_id", knownvalue.StringExact(tc.want)),
				},
			})
			for _, r := range emu.RequestsFor(t, "ShowImagePayPerScanStatistics") {
				if got := r.Query.Get("enterprise_project_id"); got != tc.want {
					t.Errorf("enterprise_project_id sent = %q, want %q", got, tc.want)
				}
			}
		})
	}
}

func deref[T int32 | int64 | int](p *T) int64 {
	if p == nil {
		return 0
	}
	return int64(*p)
}
