package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/provider"
)

// exampleCase is one examples/data-sources/<name>/data-source.tf.
type exampleCase struct {
	name string
	// tooMuch sets the example's variable beyond the example data, and fails names the error.
	tooMuch config.Variables
	fails   *regexp.Regexp
}

// exampleCases are the data-source examples with what makes each one's precondition fire
// against the emulator's example data (internal/emulator/testdata/example-data.json).
var exampleCases = []exampleCase{
	{
		name:    "cloudquota_hss_image_scan_statistics",
		tooMuch: config.Variables{"images_to_scan": config.IntegerVariable(4)},
		fails:   message(`Only 3 free HSS image scans are left; 4 are needed.`),
	},
	{
		name:    "cloudquota_hss_resource_quotas",
		tooMuch: config.Variables{"hosts_to_protect": config.IntegerVariable(21)},
		fails:   message(`Only 20 HSS premium licences are free; 21 are needed.`),
	},
	{
		// LIVE_2D and VIDEO_2D: 1 + 12 in the example data.
		name:    "cloudquota_metastudio_expiring_resources",
		tooMuch: config.Variables{"renewals_ordered": config.IntegerVariable(12)},
		fails:   regexp.MustCompile(`13\s+MetaStudio\s+resources\s+expire\s+before\s+\S+;\s+the\s+order\s+renews\s+12\.`),
	},
	{
		name:    "cloudquota_tcss_image_authorized_info",
		tooMuch: config.Variables{"images_to_scan": config.IntegerVariable(621)},
		fails:   message(`Only 620 TCSS image authorizations are free; 621 are needed.`),
	},
	{
		name:    "cloudquota_sas_auth_summary",
		tooMuch: config.Variables{"servers_to_add": config.IntegerVariable(13)},
		fails:   message(`Security Center has 12 unused enterprise server authorizations; 13 are needed.`),
	},
	{
		name:    "cloudquota_alicloud_quotas",
		tooMuch: config.Variables{"security_groups_to_add": config.IntegerVariable(13)},
		fails:   message(`Only 12 of 100 security groups are left in cn-shanghai; 13 are needed.`),
	},
	{
		name:    "cloudquota_alicloud_ecs_quotas",
		tooMuch: config.Variables{"vcpus_to_add": config.IntegerVariable(65)},
		fails:   message(`Only 64 of 200 pay-as-you-go vCPUs are left in cn-shanghai; 65 are needed.`),
	},
	{
		// 50 instances, 48 in use; 20 vCPUs and 40960 MiB free.
		name:    "cloudquota_huaweicloud_ecs_quotas",
		tooMuch: config.Variables{"instances_to_add": config.IntegerVariable(3)},
		fails:   message(`Only 2 more ECS instances fit the quota; 3 are needed.`),
	},
	{
		name:    "cloudquota_huaweicloud_vpc_quotas",
		tooMuch: config.Variables{"subnets_to_add": config.IntegerVariable(89)},
		fails:   message(`Only 88 subnets are free; 89 are needed.`),
	},
	{
		// GPSSD, a type newer than the SDK: 50 disks, 12 in use.
		name:    "cloudquota_huaweicloud_evs_quotas",
		tooMuch: config.Variables{"disks_to_add": config.IntegerVariable(39)},
		fails:   message(`Only 38 GPSSD disks are free; 39 are needed.`),
	},
	{
		// RemainingQuota 12 in ap-guangzhou-3, where 50 - 30 would be 20: taken as sent.
		name:    "cloudquota_tencentcloud_cvm_quotas",
		tooMuch: config.Variables{"instance_count": config.IntegerVariable(13)},
		fails:   message(`Only 12 post-paid CVM quota is left in ap-guangzhou-3; 13 instances are needed.`),
	},
	{
		name:    "cloudquota_tencentcloud_vpc_quotas",
		tooMuch: config.Variables{"vpcs_to_create": config.IntegerVariable(4)},
		fails:   message(`Only 3 more VPCs fit`),
	},
	{
		name:    "cloudquota_tencentcloud_eip_quotas",
		tooMuch: config.Variables{"eips_to_allocate": config.IntegerVariable(4)},
		fails:   message(`Only 3 more EIPs fit in this region (17 of 20 held); 4 are needed.`),
	},
	{
		// ins-7d2a9c1e expires in 10 and a half days without auto-renewal in the example data.
		name:    "cloudquota_tencentcloud_subscriptions",
		tooMuch: config.Variables{"notice": config.StringVariable("720h")},
		fails:   regexp.MustCompile(`Tencent\s+Cloud\s+subscriptions\s+expire\s+within\s+720h\s+without\s+auto-renewal:\s+p_cvm\s+ins-7d2a9c1e\s+\(\S+\+08:00\)\.`),
	},
	{
		// sas-cn-7pp2a1b3c4 expires in 10 and a half days in the example data.
		name:    "cloudquota_alicloud_subscriptions",
		tooMuch: config.Variables{"notice": config.StringVariable("720h")},
		fails:   regexp.MustCompile(`A\s+Security\s+Center\s+subscription\s+expires\s+on\s+\S+Z\s+\(in\s+10\s+days\)\.`),
	},
	{
		// The example data's HSS premium quota expires in 20 days.
		name:    "cloudquota_huaweicloud_subscriptions",
		tooMuch: config.Variables{"renew_within": config.StringVariable("720h")},
		fails:   message(`HSS subscriptions expire within 720h: hss-premium-quota (0b6d3e2a-5c4f-4a1e-9d8b-7c6a5e4f3d21) in 20 days.`),
	},
}

// message matches an error message however terraform wraps its lines.
func message(text string) *regexp.Regexp {
	words := strings.Fields(text)
	for i, w := range words {
		words[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(strings.Join(words, `\s+`))
}

// Every data source the provider serves has an example (tfplugindocs puts it on the data
// source's page), every example is applied by TestAccExamples, and every example shows a
// precondition, the provider's reason to exist.
func TestExamplesCoverEveryDataSource(t *testing.T) {
	ctx := context.Background()
	var served []string
	for _, newDataSource := range provider.New("test")().DataSources(ctx) {
		var resp datasource.MetadataResponse
		newDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "cloudquota"}, &resp)
		served = append(served, resp.TypeName)
	}
	dirs, err := os.ReadDir(filepath.Join("..", "..", "examples", "data-sources"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []string
	for _, d := range dirs {
		examples = append(examples, d.Name())
	}
	var tested []string
	for _, tc := range exampleCases {
		tested = append(tested, tc.name)
	}
	slices.Sort(served)
	slices.Sort(examples)
	slices.Sort(tested)
	if !slices.Equal(served, examples) {
		t.Errorf("examples/data-sources has %v, the provider serves %v", examples, served)
	}
	if !slices.Equal(tested, examples) {
		t.Errorf("TestAccExamples applies %v, examples/data-sources has %v", tested, examples)
	}
	for _, tc := range exampleCases {
		example, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", tc.name, "data-source.tf"))
		if err != nil {
			t.Error(err)
			continue
		}
		if !strings.Contains(string(example), "precondition {") {
			t.Errorf("examples/data-sources/%s/data-source.tf shows no precondition", tc.name)
		}
		if tc.tooMuch == nil || tc.fails == nil {
			t.Errorf("%s: no variables that make its precondition fail", tc.name)
		}
	}
}

// The examples in docs/ are what users copy: each must plan and apply against the emulator's
// example data, and each precondition must stop the plan when asked for more than there is.
func TestAccExamples(t *testing.T) {
	for _, tc := range exampleCases {
		t.Run(tc.name, func(t *testing.T) {
			acctest.PreCheck(t)
			example, err := os.ReadFile(filepath.Join("..", "..", "examples", "data-sources", tc.name, "data-source.tf"))
			if err != nil {
				t.Fatal(err)
			}
			emu := acctest.StartEmulator(t, all.Options{Data: acctest.ExampleData(t)})
			cfg := emu.AllCloudsProvider("max_retries = 1") + string(example)
			steps := []resource.TestStep{{Config: cfg}}
			if tc.tooMuch != nil {
				steps = append(steps, resource.TestStep{Config: cfg, ConfigVariables: tc.tooMuch, ExpectError: tc.fails})
			}
			acctest.Run(t, steps...)
			if n := emu.Count(""); n == 0 {
				t.Error("the example read nothing from the emulator")
			}
		})
	}
}

// examples/capacity-guard is the module `make demo` plans: as there, it reads all five data
// sources from the emulator's example data with credentials from the environment, passes for
// a rollout the accounts can take, and each of its preconditions stops a rollout they cannot.
func TestAccCapacityGuard(t *testing.T) {
	acctest.PreCheck(t)
	module, err := os.ReadFile(filepath.Join("..", "..", "examples", "capacity-guard", "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	emu := acctest.StartEmulator(t, all.Options{Data: acctest.ExampleData(t)})
	// The variables demo.sh sets (the provider is served in-process and reads them here).
	t.Setenv("HW_ACCESS_KEY", emu.HuaweiCred.AccessKey)
	t.Setenv("HW_SECRET_KEY", emu.HuaweiCred.SecretKey)
	t.Setenv("TENCENTCLOUD_SECRET_ID", emu.TencentCred.AccessKey)
	t.Setenv("TENCENTCLOUD_SECRET_KEY", emu.TencentCred.SecretKey)
	t.Setenv("ALICLOUD_ACCESS_KEY", emu.AlibabaCred.AccessKey)
	t.Setenv("ALICLOUD_SECRET_KEY", emu.AlibabaCred.SecretKey)

	vars := func(hosts, images, servers int) config.Variables {
		return config.Variables{
			"emulator_url":     config.StringVariable(emu.URL),
			"hosts_to_protect": config.IntegerVariable(hosts),
			"images_to_scan":   config.IntegerVariable(images),
			"servers_to_add":   config.IntegerVariable(servers),
		}
	}
	figures := func(needed, free, used, total int64) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"needed": knownvalue.Int64Exact(needed), "free": knownvalue.Int64Exact(free),
			"used": knownvalue.Int64Exact(used), "total": knownvalue.Int64Exact(total),
		})
	}
	cfg := string(module)
	acctest.Run(t, resource.TestStep{
		Config:          cfg,
		ConfigVariables: vars(10, 200, 8),
		ConfigStateChecks: []statecheck.StateCheck{
			statecheck.ExpectKnownOutputValue("hss_premium_licences", figures(10, 20, 30, 50)),
			statecheck.ExpectKnownOutputValue("tcss_image_authorizations", figures(200, 620, 380, 1000)),
			statecheck.ExpectKnownOutputValue("sas_server_authorizations", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"needed": knownvalue.Int64Exact(8), "free": knownvalue.Int64Exact(16),
				"highest_edition": knownvalue.StringExact("ultimate"), "auto_bind": knownvalue.Bool(true),
			})),
			statecheck.ExpectKnownOutputValue("hss_image_scans", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"free_scans_left": knownvalue.Int64Exact(3), "registry_images_unscanned": knownvalue.Int64Exact(11),
				"high_risk_images": knownvalue.Int64Exact(7),
			})),
			statecheck.ExpectKnownOutputValue("metastudio_expiring", knownvalue.ListSizeExact(4)),
			statecheck.ExpectKnownOutputValue("ecs_capacity", knownvalue.ObjectExact(map[string]knownvalue.Check{
				"vcpus_needed": knownvalue.Int64Exact(16), "vcpus_free": knownvalue.Int64Exact(20),
				"ram_mib_needed": knownvalue.Int64Exact(32768), "ram_mib_free": knownvalue.Int64Exact(40960),
				"unlimited": knownvalue.Bool(false),
			})),
		},
	}, resource.TestStep{
		Config:          cfg,
		ConfigVariables: vars(25, 200, 8),
		ExpectError: message(`Huawei Cloud HSS: the rollout protects 25 hosts, but only 20 of 50 premium ` +
			`licences are free (30 in use). Buy 5 more or protect fewer hosts.`),
	}, resource.TestStep{
		Config:          cfg,
		ConfigVariables: vars(10, 621, 8),
		ExpectError: message(`Tencent Cloud TCSS: the rollout adds 621 images to scan, but only 620 of 1000 ` +
			`image authorizations are free.`),
	}, resource.TestStep{
		Config:          cfg,
		ConfigVariables: vars(10, 200, 17),
		ExpectError: message(`Alibaba Cloud Security Center: the rollout adds 17 servers, but only 16 server ` +
			`authorizations of the enterprise edition or higher are free.`),
	}, resource.TestStep{
		Config: cfg,
		ConfigVariables: func() config.Variables {
			v := vars(10, 200, 8)
			v["instances_to_add"] = config.IntegerVariable(6)
			return v
		}(),
		ExpectError: message(`Huawei Cloud ECS: 6 instances of 4 vCPUs need 24 vCPUs, but only 20 of 200 are free (180 in use).`),
	})
	for _, action := range []string{
		"ShowResourceQuotas", "ShowImagePayPerScanStatistics", "CountTenantResources",
		"DescribeImageAuthorizedInfo", "GetAuthSummary", "ShowServerLimits",
	} {
		emu.RequestsFor(t, action)
	}
}
