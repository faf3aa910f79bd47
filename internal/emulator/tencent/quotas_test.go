package tencent

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// typedClients are the SDK's own typed CVM and VPC clients against the fixture, as a user's
// program would build them; tune adjusts the profile.
func (f *tcFixture) typedClients(t *testing.T, region string, tune func(*profile.ClientProfile)) (*cvm.Client, *vpc.Client) {
	t.Helper()
	u, err := url.Parse(f.srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	prof := profile.NewClientProfile()
	prof.HttpProfile.Endpoint = u.Host
	prof.HttpProfile.Scheme = strings.ToUpper(u.Scheme)
	prof.RateLimitExceededMaxRetries = 0
	if tune != nil {
		tune(prof)
	}
	cred := common.NewCredential(tcCred.AccessKey, tcCred.SecretKey)
	c, err := cvm.NewClient(cred, region, prof)
	if err != nil {
		t.Fatal(err)
	}
	v, err := vpc.NewClient(cred, region, prof)
	if err != nil {
		t.Fatal(err)
	}
	c.WithHttpTransport(f.srv.Client().Transport)
	v.WithHttpTransport(f.srv.Client().Transport)
	return c, v
}

// sameAnswer fails t unless got (the SDK's response, as JSON) is the documented example
// doc, RequestId aside.
func sameAnswer(t *testing.T, got, doc string) {
	t.Helper()
	var g, w map[string]map[string]any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(doc), &w); err != nil {
		t.Fatal(err)
	}
	if !tcUUID.MatchString(g["Response"]["RequestId"].(string)) {
		t.Errorf("RequestId %v is not a UUID v4", g["Response"]["RequestId"])
	}
	delete(g["Response"], "RequestId")
	delete(w["Response"], "RequestId")
	if !reflect.DeepEqual(g, w) {
		t.Errorf("got  %v\nwant %v", g, w)
	}
}

// By default the three actions answer their documents' examples, through the SDK's typed
// clients (TC3 signatures scoped to cvm and vpc), by POST and by GET.
func TestQuotasDefaultDataIsDocExamples(t *testing.T) {
	f := newTCFixture(t, nil, false)
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			c, v := f.typedClients(t, tcRegion, func(p *profile.ClientProfile) { p.HttpProfile.ReqMethod = method })
			aq, err := c.DescribeAccountQuota(cvm.NewDescribeAccountQuotaRequest())
			if err != nil {
				t.Fatal(err)
			}
			sameAnswer(t, aq.ToJsonString(), seeds.CVMDescribeAccountQuota)
			if rec := f.lastRecord(t); rec.Action != "DescribeAccountQuota" || rec.Region != tcRegion || rec.Method != method {
				t.Errorf("record %+v", rec)
			}

			pr := vpc.NewDescribeProductQuotaRequest()
			ccn := "ccn"
			pr.Product = &ccn
			pq, err := v.DescribeProductQuota(pr)
			if err != nil {
				t.Fatal(err)
			}
			sameAnswer(t, pq.ToJsonString(), seeds.VPCDescribeProductQuotaCCN)

			eq, err := v.DescribeAddressQuota(vpc.NewDescribeAddressQuotaRequest())
			if err != nil {
				t.Fatal(err)
			}
			sameAnswer(t, eq.ToJsonString(), seeds.VPCDescribeAddressQuota)
		})
	}
}

// The zone filter narrows the zonal sets to its zones (the account-wide sets stay); the
// quota-type filter narrows the sets; GET queries (Filters.0.Values.0=...) read alike.
func TestQuotasAccountQuotaFilters(t *testing.T) {
	f := newTCFixture(t, nil, false)
	zonesOf := func(set []*cvm.PostPaidQuota) (zs []string) {
		for _, q := range set {
			zs = append(zs, *q.Zone)
		}
		return zs
	}
	filter := func(name string, values ...string) *cvm.Filter {
		vs := make([]*string, len(values))
		for i := range values {
			vs[i] = &values[i]
		}
		return &cvm.Filter{Name: &name, Values: vs}
	}
	for _, method := range []string{http.MethodPost, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			c, _ := f.typedClients(t, tcRegion, func(p *profile.ClientProfile) { p.HttpProfile.ReqMethod = method })
			req := cvm.NewDescribeAccountQuotaRequest()
			req.Filters = []*cvm.Filter{filter("zone", "ap-guangzhou-4")}
			out, err := c.DescribeAccountQuota(req)
			if err != nil {
				t.Fatal(err)
			}
			aq := out.Response.AccountQuotaOverview.AccountQuota
			if got := zonesOf(aq.PostPaidQuotaSet); !reflect.DeepEqual(got, []string{"ap-guangzhou-4"}) {
				t.Errorf("post-paid zones %v", got)
			}
			if len(aq.PrePaidQuotaSet) != 1 || *aq.PrePaidQuotaSet[0].Zone != "ap-guangzhou-4" ||
				len(aq.SpotPaidQuotaSet) != 1 || *aq.SpotPaidQuotaSet[0].TotalQuota != 199 {
				t.Errorf("pre-paid %v spot %v", aq.PrePaidQuotaSet, aq.SpotPaidQuotaSet)
			}
			if len(aq.ImageQuotaSet) != 1 || len(aq.DisasterRecoverGroupQuotaSet) != 1 {
				t.Errorf("account-wide sets dropped: %s", out.ToJsonString())
			}

			req.Filters = []*cvm.Filter{filter("quota-type", "SpotPaidQuotaSet")}
			if out, err = c.DescribeAccountQuota(req); err != nil {
				t.Fatal(err)
			}
			aq = out.Response.AccountQuotaOverview.AccountQuota
			if len(aq.SpotPaidQuotaSet) != 2 || aq.PostPaidQuotaSet != nil || aq.ImageQuotaSet != nil {
				t.Errorf("quota-type filter: %s", out.ToJsonString())
			}
		})
	}
}

// What DescribeAccountQuota, DescribeProductQuota and DescribeAddressQuota refuse, with the
// codes the SDK lists for them, and the region the CVM and VPC APIs require.
func TestQuotasRefusals(t *testing.T) {
	restricted := DefaultData()
	restricted.Regions = []string{"ap-shanghai"}
	f := newTCFixture(t, nil, false)
	fr := newTCFixture(t, &restricted, false)
	call := func(f *tcFixture, region, service, action string, params map[string]any) func(t *testing.T) error {
		return func(t *testing.T) error {
			_, err := tcCall(f.client(t, common.NewCredential(tcCred.AccessKey, tcCred.SecretKey), region, nil), service, "2017-03-12", action, params)
			return err
		}
	}
	tests := []struct {
		name      string
		call      func(t *testing.T) error
		code, msg string
	}{
		{"zone of another region", call(f, tcRegion, "cvm", "DescribeAccountQuota",
			map[string]any{"Filters": []any{map[string]any{"Name": "zone", "Values": []string{"ap-shanghai-2"}}}}),
			"InvalidZone.MismatchRegion", "The zone `ap-shanghai-2` does not exist in region `ap-guangzhou`."},
		{"unknown filter", call(f, tcRegion, "cvm", "DescribeAccountQuota",
			map[string]any{"Filters": []any{map[string]any{"Name": "instance-type", "Values": []string{"S5"}}}}),
			"InvalidFilter", "The filter `instance-type` is not supported; supported filters: zone, quota-type."},
		{"filter without values", call(f, tcRegion, "cvm", "DescribeAccountQuota",
			map[string]any{"Filters": []any{map[string]any{"Name": "zone"}}}), "InvalidFilter", "The filter `zone` has no values."},
		{"unknown quota type", call(f, tcRegion, "cvm", "DescribeAccountQuota",
			map[string]any{"Filters": []any{map[string]any{"Name": "quota-type", "Values": []string{"GpuQuotaSet"}}}}),
			"InvalidParameterValue.Range", ""},
		{"filters not a list", call(f, tcRegion, "cvm", "DescribeAccountQuota", map[string]any{"Filters": "zone"}),
			"InvalidParameter", "Parameter `Filters` type error."},
		{"unknown CVM parameter", call(f, tcRegion, "cvm", "DescribeAccountQuota", map[string]any{"Limit": 1}),
			"UnknownParameter", "The parameter `Limit` is not recognized."},
		{"no region for CVM", call(f, "", "cvm", "DescribeAccountQuota", nil),
			"MissingParameter", "The request is missing a required parameter `Region`."},
		{"no region for VPC", call(f, "", "vpc", "DescribeAddressQuota", nil),
			"MissingParameter", "The request is missing a required parameter `Region`."},
		{"region unknown to Tencent", call(f, "xx-nowhere-1", "cvm", "DescribeAccountQuota", nil),
			"UnsupportedRegion", "The action not support this region."},
		{"region outside the data file's list", call(fr, tcRegion, "vpc", "DescribeAddressQuota", nil),
			"UnsupportedRegion", "The action not support this region."},
		{"unknown product", call(f, tcRegion, "vpc", "DescribeProductQuota", map[string]any{"Product": "cvm"}),
			"InvalidParameterValue", "The value `cvm` of parameter `Product` is invalid; valid values: vpc, ccn, vpn, dc, dfw, clb, eip."},
		{"product not a string", call(f, tcRegion, "vpc", "DescribeProductQuota", map[string]any{"Product": 1}),
			"InvalidParameter", "Parameter `Product` must be a string."},
		{"no product", call(f, tcRegion, "vpc", "DescribeProductQuota", map[string]any{}),
			"MissingParameter", "The request is missing a required parameter `Product`."},
		{"EIP quota takes no parameters", call(f, tcRegion, "vpc", "DescribeAddressQuota", map[string]any{"Product": "eip"}),
			"UnknownParameter", "The parameter `Product` is not recognized."},
		{"VPC action at CVM", call(f, tcRegion, "cvm", "DescribeAddressQuota", nil),
			"InvalidAction", "The request action=`DescribeAddressQuota` is invalid or not found in service=`cvm` and version=`2017-03-12`."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tcWantSDKError(t, tt.call(t), tt.code, tt.msg)
		})
	}
}

// A product without an entry in the data answers an empty set; the data's entries replace
// the defaults.
func TestQuotasProductData(t *testing.T) {
	limit, used := int64(20), int64(3)
	id, name := "appid-max-vpcs", "每个地域可创建的私有网络个数"
	d := DefaultData()
	d.Merge(&Data{VPCProductQuotas: &VPCProductQuotas{VPC: &VPCProductQuota{ProductQuotaSet: []VPCProductQuotaRow{
		{QuotaId: &id, QuotaName: &name, QuotaLimit: &limit, QuotaCurrent: &used}}}}})
	if d.CVMAccountQuota == nil || d.VPCAddressQuota == nil {
		t.Fatal("merging product quotas lost the other defaults")
	}
	for _, tc := range []struct {
		name string
		data *Data
		ask  string
		want string
	}{
		{"default: no example for vpc", nil, "vpc", `{"ProductQuotaSet":[],"TotalCount":0}`},
		{"data file's vpc", &d, "vpc", `{"ProductQuotaSet":[{"QuotaCurrent":3,"QuotaId":"appid-max-vpcs","QuotaLimit":20,"QuotaName":"每个地域可创建的私有网络个数"}]}`},
		{"data file without ccn", &d, "ccn", `{"ProductQuotaSet":[],"TotalCount":0}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newTCFixture(t, tc.data, false)
			body, err := tcCall(f.defaultClient(t), "vpc", "2017-03-12", "DescribeProductQuota", map[string]any{"Product": tc.ask})
			if err != nil {
				t.Fatal(err)
			}
			resp := body["Response"].(map[string]any)
			delete(resp, "RequestId")
			if got, _ := json.Marshal(resp); string(got) != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// The gateway takes a signature only for the service of the host it is addressed to; on the
// emulator's own address, the credential scope's service is served.
func TestQuotasHostNamesTheService(t *testing.T) {
	f := newTCFixture(t, nil, false)
	base := tcSigned{action: "DescribeAccountQuota", version: "2017-03-12", region: tcRegion, body: "{}", service: "cvm"}
	tests := []struct {
		name string
		mod  func(*tcSigned)
		code string
	}{
		{"emulator's host, cvm scope", func(*tcSigned) {}, ""},
		{"cvm host, cvm scope", func(s *tcSigned) { s.host = "cvm.tencentcloudapi.com" }, ""},
		{"finance region host", func(s *tcSigned) { s.host = "cvm.ap-shanghai-fsi.tencentcloudapi.com" }, ""},
		{"cvm host, vpc scope", func(s *tcSigned) { s.host = "cvm.tencentcloudapi.com"; s.service = "vpc" }, "AuthFailure.InvalidAuthorization"},
		{"vpc host, cvm action", func(s *tcSigned) { s.host = "vpc.tencentcloudapi.com"; s.service = "vpc" }, "InvalidAction"},
		{"tcss scope, cvm action", func(s *tcSigned) { s.service = "tcss" }, "NoSuchVersion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base
			tt.mod(&s)
			_, body := tcDo(t, s.request(t, f.srv.URL))
			e, _ := body["Error"].(map[string]any)
			switch {
			case tt.code == "" && e != nil:
				t.Errorf("unexpected error %v", e)
			case tt.code != "" && (e == nil || e["Code"] != tt.code):
				t.Errorf("error %v, want %s", e, tt.code)
			}
		})
	}
}

// Injected faults reach the quota actions, after routing, in API 3.0's shape.
func TestQuotasInjectedFaults(t *testing.T) {
	f := newTCFixture(t, nil, false)
	c, v := f.typedClients(t, tcRegion, nil)
	f.emu.InjectFault("DescribeAccountQuota", 1, 200, "InternalError", "An internal error has occurred.")
	_, err := c.DescribeAccountQuota(cvm.NewDescribeAccountQuotaRequest())
	tcWantSDKError(t, err, "InternalError", "An internal error has occurred.")
	if _, err := c.DescribeAccountQuota(cvm.NewDescribeAccountQuotaRequest()); err != nil {
		t.Errorf("fault outlived n: %v", err)
	}
	f.emu.InjectFault("DescribeAddressQuota", 1, 200, "RequestLimitExceeded", "Your current request times exceeds the frequency limit.")
	_, err = v.DescribeAddressQuota(vpc.NewDescribeAddressQuotaRequest())
	tcWantSDKError(t, err, "RequestLimitExceeded", "")
}
