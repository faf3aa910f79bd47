package tencentcvm

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

func decode(t testing.TB, raw string) *cvm.DescribeAccountQuotaResponseParams {
	return attrstest.Decode[cvm.DescribeAccountQuotaResponse](t, raw).Response
}

// figures is one quota's {limit, used, available, unlimited}.
type figures struct {
	limit, used, available float64
	unlimited              bool
}

// read flattens in and returns the quotas' figures and the limits, failing t on errors.
func read(t *testing.T, in *cvm.DescribeAccountQuotaResponseParams) (cvmQuotasModel, map[string]figures, map[string]float64) {
	t.Helper()
	var m cvmQuotasModel
	if diags := flattenCVMQuotas(in, &m); diags.HasError() {
		t.Fatal(diags)
	}
	qs := map[string]figures{}
	for k, v := range m.Quotas.Elements() {
		a := v.(types.Object).Attributes()
		qs[k] = figures{
			a["limit"].(types.Float64).ValueFloat64(), a["used"].(types.Float64).ValueFloat64(),
			a["available"].(types.Float64).ValueFloat64(), a["unlimited"].(types.Bool).ValueBool(),
		}
	}
	ls := map[string]float64{}
	for k, v := range m.Limits.Elements() {
		ls[k] = v.(types.Float64).ValueFloat64()
	}
	return m, qs, ls
}

// The documented example (API reference 213/55628): one key per zone and billing mode, the
// account-wide image and placement group quotas, pre_paid_once and the per-group limits.
func TestFlattenCVMQuotasDocExample(t *testing.T) {
	m, qs, ls := read(t, decode(t, seeds.CVMDescribeAccountQuota))
	if m.AppID.ValueInt64() != 251007416 {
		t.Errorf("app_id = %v", m.AppID)
	}
	wantQ := map[string]figures{
		"post_paid/ap-guangzhou-3": {288, 0, 288, false},
		"post_paid/ap-guangzhou-4": {1250, 2, 1248, false},
		"pre_paid/ap-guangzhou-3":  {255, 0, 255, false},
		"pre_paid/ap-guangzhou-4":  {222, 0, 222, false},
		"spot_paid/ap-guangzhou-3": {244, 0, 244, false},
		"spot_paid/ap-guangzhou-4": {199, 4, 195, false},
		"image":                    {10, 0, 10, false},
		"disaster_recover_groups":  {10, 0, 10, false},
	}
	if !reflect.DeepEqual(qs, wantQ) {
		t.Errorf("quotas\n got  %v\n want %v", qs, wantQ)
	}
	wantL := map[string]float64{
		"pre_paid_once/ap-guangzhou-3": 300, "pre_paid_once/ap-guangzhou-4": 300,
		"cvm_in_host_group": 50, "cvm_in_switch_group": 20, "cvm_in_rack_group": 30,
	}
	if !reflect.DeepEqual(ls, wantL) {
		t.Errorf("limits\n got  %v\n want %v", ls, wantL)
	}
}

func TestFlattenCVMQuotas(t *testing.T) {
	cases := []struct {
		name   string
		raw    string
		quotas map[string]figures
		limits map[string]float64
	}{
		{
			name: "RemainingQuota is available as sent, even where it is not total - used",
			raw: `{"Response":{"AccountQuotaOverview":{"AccountQuota":{
				"PostPaidQuotaSet":[{"Zone":"ap-guangzhou-3","TotalQuota":50,"UsedQuota":30,"RemainingQuota":12}],
				"SpotPaidQuotaSet":[{"Zone":"ap-guangzhou-3","TotalQuota":10,"UsedQuota":2,"RemainingQuota":9}]}}}}`,
			quotas: map[string]figures{
				"post_paid/ap-guangzhou-3": {50, 30, 12, false}, "spot_paid/ap-guangzhou-3": {10, 2, 9, false},
				"image": {}, "disaster_recover_groups": {},
			},
			limits: map[string]float64{"cvm_in_host_group": 0, "cvm_in_switch_group": 0, "cvm_in_rack_group": 0},
		},
		{
			name: "RemainingQuota omitted: limit - used, never below 0",
			raw: `{"Response":{"AccountQuotaOverview":{"AccountQuota":{
				"PostPaidQuotaSet":[{"Zone":"ap-guangzhou-3","TotalQuota":50,"UsedQuota":30},{"Zone":"ap-guangzhou-4","TotalQuota":5,"UsedQuota":8}],
				"PrePaidQuotaSet":[{"Zone":"ap-guangzhou-3","TotalQuota":20,"UsedQuota":5}]}}}}`,
			quotas: map[string]figures{
				"post_paid/ap-guangzhou-3": {50, 30, 20, false}, "post_paid/ap-guangzhou-4": {5, 8, 0, false},
				"pre_paid/ap-guangzhou-3": {20, 5, 15, false}, "image": {}, "disaster_recover_groups": {},
			},
			limits: map[string]float64{"pre_paid_once/ap-guangzhou-3": 0, "cvm_in_host_group": 0, "cvm_in_switch_group": 0, "cvm_in_rack_group": 0},
		},
		{
			name: "image and placement group entries are summed; per-group limits keep the largest",
			raw: `{"Response":{"AccountQuotaOverview":{"AccountQuota":{
				"ImageQuotaSet":[{"TotalQuota":10,"UsedQuota":7},{"TotalQuota":10,"UsedQuota":2},null],
				"DisasterRecoverGroupQuotaSet":[
					{"GroupQuota":10,"CurrentNum":3,"CvmInHostGroupQuota":50,"CvmInSwitchGroupQuota":20,"CvmInRackGroupQuota":30},
					{"GroupQuota":5,"CurrentNum":5,"CvmInHostGroupQuota":40,"CvmInSwitchGroupQuota":25}]}}}}`,
			quotas: map[string]figures{"image": {20, 9, 11, false}, "disaster_recover_groups": {15, 8, 7, false}},
			limits: map[string]float64{"cvm_in_host_group": 50, "cvm_in_switch_group": 25, "cvm_in_rack_group": 30},
		},
		{
			name: "a zone listed twice is added, remaining included; pre_paid_once keeps the larger",
			raw: `{"Response":{"AccountQuotaOverview":{"AccountQuota":{
				"PrePaidQuotaSet":[{"Zone":"ap-guangzhou-3","TotalQuota":20,"UsedQuota":5,"RemainingQuota":10,"OnceQuota":300},
				                   {"Zone":"ap-guangzhou-3","TotalQuota":10,"UsedQuota":1,"RemainingQuota":9,"OnceQuota":100}]}}}}`,
			quotas: map[string]figures{"pre_paid/ap-guangzhou-3": {30, 6, 19, false}, "image": {}, "disaster_recover_groups": {}},
			limits: map[string]float64{"pre_paid_once/ap-guangzhou-3": 300, "cvm_in_host_group": 0, "cvm_in_switch_group": 0, "cvm_in_rack_group": 0},
		},
		{
			name:   "nothing sent: the fixed keys as zeros",
			raw:    `{"Response":{}}`,
			quotas: map[string]figures{"image": {}, "disaster_recover_groups": {}},
			limits: map[string]float64{"cvm_in_host_group": 0, "cvm_in_switch_group": 0, "cvm_in_rack_group": 0},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, qs, ls := read(t, decode(t, tc.raw))
			if !reflect.DeepEqual(qs, tc.quotas) {
				t.Errorf("quotas\n got  %v\n want %v", qs, tc.quotas)
			}
			if !reflect.DeepEqual(ls, tc.limits) {
				t.Errorf("limits\n got  %v\n want %v", ls, tc.limits)
			}
		})
	}
	// No answer at all reads like an empty one.
	_, qs, _ := read(t, nil)
	if len(qs) != 2 {
		t.Errorf("nil answer: %v", qs)
	}
}

// zones are sent as one zone filter, sorted, so that equal sets make one request.
func TestNewRequest(t *testing.T) {
	if got := newRequest(nil).ToJsonString(); got != `{}` {
		t.Errorf("no zones: %s", got)
	}
	got := newRequest([]string{"ap-guangzhou-6", "ap-guangzhou-3"})
	raw, _ := json.Marshal(got)
	if string(raw) != `{"Filters":[{"Name":"zone","Values":["ap-guangzhou-3","ap-guangzhou-6"]}]}` {
		t.Errorf("request %s", raw)
	}
}

// Zone names are checked at plan time.
func TestZonePattern(t *testing.T) {
	for _, z := range []string{"ap-guangzhou-3", "na-siliconvalley-1", "ap-shanghai-fsi-1", "eu-frankfurt-2"} {
		if !zonePattern.MatchString(z) {
			t.Errorf("%q refused", z)
		}
	}
	for _, z := range []string{"", "ap-guangzhou", "AP-GUANGZHOU-3", "ap-guangzhou-3 ", "3"} {
		if zonePattern.MatchString(z) {
			t.Errorf("%q accepted", z)
		}
	}
}

// Tencent documents 20 requests per second for DescribeAccountQuota.
func TestServiceRateLimit(t *testing.T) {
	l := Service.Limits.For("DescribeAccountQuota")
	if l.N != 20 || l.Window != time.Second || l.Source == "" {
		t.Errorf("limit %+v, want 20 per second with its source", l)
	}
}

// The model struct must match the schema exactly.
func TestModelMatchesSchema(t *testing.T) {
	m := cvmQuotasModel{Timeouts: attrs.NullTimeouts(), Zones: types.SetNull(types.StringType)}
	flattenCVMQuotas(decode(t, seeds.CVMDescribeAccountQuota), &m)
	m.ID, m.Region = types.StringValue("ap-guangzhou"), types.StringValue("ap-guangzhou")
	attrstest.CheckModel(t, NewCVMQuotasDataSource(), &m)
}
