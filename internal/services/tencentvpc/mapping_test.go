package tencentvpc

import (
	"reflect"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// row is one quota as the data source shows it: the core four and the extras, as strings
// for the string extras and as a bool for regional.
type row struct {
	limit, used, available float64
	unlimited              bool
	text                   string // name or group
	regional               bool
}

func rows(t *testing.T, q types.Map, l types.Map, text string) map[string]row {
	t.Helper()
	if l.IsNull() || len(l.Elements()) != 0 {
		t.Errorf("limits = %v, want {}", l)
	}
	out := map[string]row{}
	for k, v := range q.Elements() {
		a := v.(types.Object).Attributes()
		r := row{
			limit: a["limit"].(types.Float64).ValueFloat64(), used: a["used"].(types.Float64).ValueFloat64(),
			available: a["available"].(types.Float64).ValueFloat64(), unlimited: a["unlimited"].(types.Bool).ValueBool(),
			text: a[text].(types.String).ValueString(),
		}
		if b, ok := a["regional"].(types.Bool); ok {
			r.regional = b.ValueBool()
		}
		out[k] = r
	}
	return out
}

func TestFlattenVPCQuotas(t *testing.T) {
	cases := []struct {
		name string
		raw  string
		want map[string]row
	}{
		{"documented example (215/49629, product ccn)", seeds.VPCDescribeProductQuotaCCN, map[string]row{
			"1": {100, 50, 50, false, "每个开发商可创建的CCN对象个数", false},
			"2": {1000, 25, 975, false, "每个CCN对象可关联的实例个数", false},
		}},
		{"-1 is unlimited; regional; omitted fields are zeros", `{"Response":{"ProductQuotaSet":[
			{"QuotaId":"2","QuotaName":"subnets","QuotaCurrent":40,"QuotaLimit":-1,"QuotaRegion":true},{"QuotaId":"x"},null]}}`,
			map[string]row{"2": {-1, 40, -1, true, "subnets", true}, "x": {}}},
		{"an ID listed twice is added, the first name kept", `{"Response":{"ProductQuotaSet":[
			{"QuotaId":"1","QuotaName":"a","QuotaCurrent":1,"QuotaLimit":5},{"QuotaId":"1","QuotaName":"b","QuotaCurrent":2,"QuotaLimit":5}]}}`,
			map[string]row{"1": {10, 3, 7, false, "a", false}}},
		{"nothing sent", `{"Response":{}}`, map[string]row{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var m vpcQuotasModel
			if diags := flattenVPCQuotas(attrstest.Decode[vpc.DescribeProductQuotaResponse](t, tc.raw).Response, &m); diags.HasError() {
				t.Fatal(diags)
			}
			if got := rows(t, m.Quotas, m.Limits, "name"); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestFlattenEIPQuotas(t *testing.T) {
	var m eipQuotasModel
	if diags := flattenEIPQuotas(attrstest.Decode[vpc.DescribeAddressQuotaResponse](t, seeds.VPCDescribeAddressQuota).Response, &m); diags.HasError() {
		t.Fatal(diags)
	}
	g := "ap-guangzhou"
	want := map[string]row{
		"MONTHLY_RECOVER_QUOTA":  {3, 0, 3, false, g, false},
		"TOTAL_EIP_QUOTA":        {20, 2, 18, false, g, false},
		"DAILY_EIP_APPLY":        {40, 2, 38, false, g, false},
		"DAILY_PUBLIC_IP_ASSIGN": {10, 0, 10, false, g, false},
		"LOCALBGP_EIP_QUOTA":     {10, 0, 10, false, g, false},
		"SINGLEISP_EIP_QUOTA":    {6, 0, 6, false, g, false},
		"DAILY_SINGLEISP_APPLY":  {12, 0, 12, false, g, false},
	}
	if got := rows(t, m.Quotas, m.Limits, "group"); !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	// QuotaGroup may be null (the reference says so): "".
	if diags := flattenEIPQuotas(attrstest.Decode[vpc.DescribeAddressQuotaResponse](t,
		`{"Response":{"QuotaSet":[{"QuotaId":"TOTAL_EIP6_QUOTA","QuotaGroup":null,"QuotaLimit":5,"QuotaCurrent":6}]}}`).Response, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if got := rows(t, m.Quotas, m.Limits, "group"); !reflect.DeepEqual(got, map[string]row{"TOTAL_EIP6_QUOTA": {5, 6, 0, false, "", false}}) {
		t.Errorf("got %v", got)
	}
}

// Tencent documents 20 requests a second for DescribeProductQuota and 10 for
// DescribeAddressQuota.
func TestServiceRateLimits(t *testing.T) {
	for action, n := range map[string]int{"DescribeProductQuota": 20, "DescribeAddressQuota": 10} {
		if l := Service.Limits.For(action); l.N != n || l.Window != time.Second || l.Source == "" {
			t.Errorf("%s: limit %+v, want %d per second with its source", action, l, n)
		}
	}
}

func TestModelsMatchSchemas(t *testing.T) {
	vm := vpcQuotasModel{Timeouts: attrs.NullTimeouts(), Product: types.StringValue("ccn")}
	flattenVPCQuotas(attrstest.Decode[vpc.DescribeProductQuotaResponse](t, seeds.VPCDescribeProductQuotaCCN).Response, &vm)
	vm.ID, vm.Region = types.StringValue("ap-guangzhou/ccn"), types.StringValue("ap-guangzhou")
	attrstest.CheckModel(t, NewVPCQuotasDataSource(), &vm)

	em := eipQuotasModel{Timeouts: attrs.NullTimeouts()}
	flattenEIPQuotas(attrstest.Decode[vpc.DescribeAddressQuotaResponse](t, seeds.VPCDescribeAddressQuota).Response, &em)
	em.ID, em.Region = types.StringValue("ap-guangzhou"), types.StringValue("ap-guangzhou")
	attrstest.CheckModel(t, NewEIPQuotasDataSource(), &em)
}
