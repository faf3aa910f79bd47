package emulator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

func TestLoadDataExample(t *testing.T) {
	d, err := emulator.LoadData("testdata/example-data.json")
	if err != nil {
		t.Fatal(err)
	}
	h := d.HuaweiCloud
	if h.Projects["cn-north-4"] != "0a1b2c3d4e5f60718293a4b5c6d7e8f9" {
		t.Errorf("projects %v", h.Projects)
	}
	if s := h.ImagePayPerScanStatistics; s == nil || s.HighRisk == nil || *s.HighRisk.Registriy != 4 || s.Unscan == nil || *s.Unscan.Cicd != 0 {
		t.Errorf("statistics %+v", s)
	}
	var premium *emulator.HSSResourceQuota
	for i, q := range h.ResourceQuotas.DataList {
		if *q.Version == "hss.version.premium" {
			premium = &h.ResourceQuotas.DataList[i]
		}
	}
	if len(h.ResourceQuotas.DataList) < 3 || premium == nil || *premium.TotalNum != 50 || *premium.UsedNum != 30 || *premium.AvailableNum != 20 {
		t.Errorf("quotas %+v", h.ResourceQuotas.DataList)
	}
	if n := len(h.TenantResourcesCount.ResourcesCount); n < 3 {
		t.Errorf("%d resources_count entries", n)
	}
	tc := d.TencentCloud.ImageAuthorizedInfo
	if tc == nil || *tc.TotalAuthorizedCnt != 1000 || *tc.UsedAuthorizedCnt != 380 ||
		tc.ImageScanInquireInfo == nil || *tc.ImageScanInquireInfo.EndTime != "2026-12-31 23:59:59" {
		t.Errorf("tcss_image_authorized_info %+v", tc)
	}
	sas := d.AlibabaCloud.AuthSummary
	if sas == nil || *sas.HighestVersion != 7 || sas.Machine == nil || *sas.Machine.UnBindEcsCount != 10 ||
		len(sas.VersionSummary) != 2 || len(sas.PostPaidVersionSummary) != 1 || *sas.PostPaidHostAutoBind != "1" {
		t.Errorf("sas_auth_summary %+v", sas)
	}
}

func TestLoadDataPartialAndStrict(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	def := emulator.DefaultData().HuaweiCloud

	d, err := emulator.LoadData(write("partial.json", `{"huaweicloud":{"metastudio_tenant_resources_count":{"resources_count":[{"business_type":"VDS_3D","count":7}]}}}`))
	if err != nil {
		t.Fatal(err)
	}
	if rc := d.HuaweiCloud.TenantResourcesCount.ResourcesCount; len(rc) != 1 || *rc[0].BusinessType != "VDS_3D" || *rc[0].Count != 7 || rc[0].ChargingMode != nil {
		t.Errorf("replaced section %+v", rc)
	}
	if *d.HuaweiCloud.ResourceQuotas.DataList[0].Version != *def.ResourceQuotas.DataList[0].Version ||
		*d.HuaweiCloud.ImagePayPerScanStatistics.RepositoryScanNum != 5 {
		t.Error("omitted sections lost their defaults")
	}

	for name, content := range map[string]string{
		"typo.json":     `{"huaweicloud":{"hss_resource_quota":{}}}`,
		"nested.json":   `{"huaweicloud":{"hss_resource_quotas":{"data_list":[{"verison":"x"}]}}}`, //nolint:misspell // a deliberate typo: unknown fields are refused
		"trailing.json": `{"huaweicloud":{}} {}`,
		"broken.json":   `{"huaweicloud":`,
	} {
		if _, err := emulator.LoadData(write(name, content)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := emulator.LoadData(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
}

func TestNewCopiesData(t *testing.T) {
	d := emulator.DefaultData()
	srv := emulator.New(emulator.Options{Data: d})
	d.HuaweiCloud.Projects = map[string]string{"cn-north-4": "mutated"}
	if got := srv.HuaweiProjectID("cn-north-4"); got == "mutated" {
		t.Error("server shares the caller's data")
	}
}
