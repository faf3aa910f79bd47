package all

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

func TestLoadDataExample(t *testing.T) {
	d, err := LoadData("../testdata/example-data.json")
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
	var premium *huawei.HSSResourceQuota
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
		tc.ImageScanInquireInfo == nil || *tc.ImageScanInquireInfo.EndTime != "now+8760h" {
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
	def := DefaultData().HuaweiCloud

	d, err := LoadData(write("partial.json", `{"huaweicloud":{"metastudio_tenant_resources_count":{"resources_count":[{"business_type":"VDS_3D","count":7}]}}}`))
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
		"typo.json":       `{"huaweicloud":{"hss_resource_quota":{}}}`,
		"nested.json":     `{"huaweicloud":{"hss_resource_quotas":{"data_list":[{"verison":"x"}]}}}`, //nolint:misspell // a deliberate typo: unknown fields are refused
		"trailing.json":   `{"huaweicloud":{}} {}`,
		"bad-time.json":   `{"huaweicloud":{"hss_resource_quotas":{"data_list":[{"available_resources_list":[{"current_time":"now+soon"}]}]}}}`,
		"bad-expiry.json": `{"huaweicloud":{"metastudio_tenant_resources_count":{"resources_count":[{"expire_time":"tomorrow"}]}}}`,
		"bad-tcss.json":   `{"tencentcloud":{"tcss_image_authorized_info":{"ImageScanInquireInfo":{"EndTime":"now+1y"}}}}`,
		"broken.json":     `{"huaweicloud":`,
	} {
		if _, err := LoadData(write(name, content)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := LoadData(filepath.Join(dir, "missing.json")); err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Errorf("missing file: %v", err)
	}
}

func TestNewCopiesData(t *testing.T) {
	d := DefaultData()
	srv := New(Options{Data: d})
	d.HuaweiCloud.Projects = map[string]string{"cn-north-4": "mutated"}
	if got := srv.Huawei.ProjectID("cn-north-4"); got == "mutated" {
		t.Error("server shares the caller's data")
	}
}

func TestTencentLoadData(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	d, err := LoadData(write("tencent.json", `{"tencentcloud":{"regions":["ap-beijing"],"tcss_image_authorized_info":{"TotalAuthorizedCnt":7,"ImageScanInquireInfo":{"Capcity":3}}}}`)) //nolint:misspell // vendor spelling
	if err != nil {
		t.Fatal(err)
	}
	tc := d.TencentCloud
	if !reflect.DeepEqual(tc.Regions, []string{"ap-beijing"}) || *tc.ImageAuthorizedInfo.TotalAuthorizedCnt != 7 ||
		tc.ImageAuthorizedInfo.UsedAuthorizedCnt != nil || *tc.ImageAuthorizedInfo.ImageScanInquireInfo.Capcity != 3 ||
		tc.ImageAuthorizedInfo.ImageScanInquireInfo.Useage != nil {
		t.Errorf("tencent section %+v", tc)
	}
	if d.HuaweiCloud.ResourceQuotas == nil {
		t.Error("huawei defaults lost")
	}

	// A section that sets only regions keeps the default answer.
	d, err = LoadData(write("regions.json", `{"tencentcloud":{"regions":["ap-beijing"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	if info := d.TencentCloud.ImageAuthorizedInfo; info == nil || *info.PurchasedAuthorizedCnt != 300000 {
		t.Errorf("default info lost: %+v", info)
	}
	for name, content := range map[string]string{
		"section typo": `{"tencentcloud":{"tcss_image_authorised_info":{}}}`,
		"field typo":   `{"tencentcloud":{"tcss_image_authorized_info":{"TotalAuthorizedCount":1}}}`,
		"nested typo":  `{"tencentcloud":{"tcss_image_authorized_info":{"ImageScanInquireInfo":{"Capacity":1}}}}`,
		"negative":     `{"tencentcloud":{"tcss_image_authorized_info":{"TotalAuthorizedCnt":-1}}}`,
		"regions type": `{"tencentcloud":{"regions":"ap-beijing"}}`,
	} {
		if _, err := LoadData(write(strings.ReplaceAll(name, " ", "_")+".json", content)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestAlibabaLoadData(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}

	d, err := LoadData(write("alicloud.json", `{"alicloud":{"sas_auth_summary":{"HighestVersion":7,"VersionSummary":[],"PostPaidHostAutoBind":"0"}}}`))
	if err != nil {
		t.Fatal(err)
	}
	s := d.AlibabaCloud.AuthSummary
	if s == nil || *s.HighestVersion != 7 || *s.PostPaidHostAutoBind != "0" || s.VersionSummary == nil || len(s.VersionSummary) != 0 ||
		s.Machine != nil || s.DefaultAuthToAll != nil {
		t.Errorf("replaced summary %+v", s)
	}
	if d.HuaweiCloud.ResourceQuotas == nil || d.TencentCloud.ImageAuthorizedInfo == nil {
		t.Error("other clouds lost their defaults")
	}

	for name, content := range map[string]string{
		"omitted.json": `{"huaweicloud":{}}`,
		"null.json":    `{"alicloud":{"sas_auth_summary":null}}`,
	} {
		d, err := LoadData(write(name, content))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(d.AlibabaCloud, alibaba.DefaultData()) {
			t.Errorf("%s: alicloud %+v, want the defaults", name, d.AlibabaCloud)
		}
	}

	for name, content := range map[string]string{
		"typo.json":        `{"alicloud":{"sas_auth_summaries":{}}}`,
		"nested.json":      `{"alicloud":{"sas_auth_summary":{"Machine":{"TotalEcsCounts":1}}}}`,
		"in-a-list.json":   `{"alicloud":{"sas_auth_summary":{"VersionSummary":[{"Edition":1}]}}}`,
		"string-type.json": `{"alicloud":{"sas_auth_summary":{"PostPaidHostAutoBind":1}}}`,
	} {
		if _, err := LoadData(write(name, content)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestRouting(t *testing.T) {
	emu := New(Options{})
	tests := []struct {
		name   string
		method string
		path   string
		header map[string]string
		cloud  string
	}{
		{"X-TC-Action", "POST", "/", map[string]string{"X-TC-Action": "DescribeImageAuthorizedInfo"}, "tencentcloud"},
		{"TC3 Authorization only", "POST", "/", map[string]string{"Authorization": "TC3-HMAC-SHA256 Credential=x"}, "tencentcloud"},
		{"Huawei IAM", "GET", "/v3/projects", map[string]string{"Authorization": "SDK-HMAC-SHA256 Access=x"}, "huaweicloud"},
		{"Huawei HSS", "GET", "/v5/" + strings.Repeat("0", 32) + "/billing/quotas", nil, "huaweicloud"},
		{"unknown", "GET", "/nothing", nil, "huaweicloud"},
		{"x-acs-action", "POST", "/", map[string]string{"x-acs-action": "GetAuthSummary"}, "alicloud"},
		{"ACS3 Authorization only", "POST", "/", map[string]string{"Authorization": "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=00"}, "alicloud"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hr := httptest.NewRequest(tt.method, tt.path, nil)
			for k, v := range tt.header {
				hr.Header.Set(k, v)
			}
			emu.ServeHTTP(httptest.NewRecorder(), hr)
			reqs := emu.Requests()
			if got := reqs[len(reqs)-1].Cloud; got != tt.cloud {
				t.Errorf("cloud %q, want %q", got, tt.cloud)
			}
		})
	}

	// An unsigned Alibaba request is refused in Alibaba's shape, not Huawei's.
	r := httptest.NewRequest(http.MethodPost, "/", nil)
	r.Header.Set("x-acs-action", "GetAuthSummary")
	w := httptest.NewRecorder()
	emu.ServeHTTP(w, r)
	if reqs := emu.Requests(); len(reqs) > 0 {
		rec := reqs[len(reqs)-1]
		if w.Code != 400 || rec.Cloud != "alicloud" || !strings.Contains(w.Body.String(), `"Code":"IncompleteSignature"`) {
			t.Errorf("status %d, record %+v, body %s", w.Code, rec, w.Body)
		}
	}
}
