package alicloudquotas

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// docExample is the ListProductQuotas reference's example quota (q_security-groups, 801
// with 26 used, in cn-hangzhou), in the answer's shape, beside a quota without usage.
const docExample = `{"RequestId":"D0131FD5-5397-44FE-BF5A-4B7165B813CC","TotalCount":2,"MaxResults":100,"Quotas":[
 {"ProductCode":"ecs","QuotaActionCode":"q_security-groups","QuotaName":"Security groups per account in a region",
  "QuotaDescription":"The maximum number of security groups.","QuotaUnit":"AMOUNT","Consumable":true,"Adjustable":true,
  "TotalQuota":801,"TotalUsage":26,"Dimensions":{"regionId":"cn-hangzhou"}},
 {"ProductCode":"ecs","QuotaActionCode":"q_security-group-rules","Consumable":false,"Adjustable":false,
  "TotalQuota":200,"Dimensions":{"regionId":"cn-hangzhou"}}]}`

// model is a configuration's model before the read: product_code ecs, the rest unset.
func model() *quotasModel {
	return &quotasModel{Timeouts: attrs.NullTimeouts(), ProductCode: types.StringValue("ecs"), Dimensions: types.MapNull(types.StringType)}
}

func decodePage(t testing.TB, raw string) *productQuotasPage {
	return attrstest.Decode[productQuotasPage](t, raw)
}

type quotaWant struct {
	limit, used, available float64
	unlimited              bool
	name, unit             string
	adjustable             bool
	dims                   map[string]string
}

func checkQuota(t *testing.T, m *quotasModel, key string, want quotaWant) {
	t.Helper()
	obj, ok := m.Quotas.Elements()[key].(types.Object)
	if !ok {
		t.Fatalf("quotas[%q] missing in %v", key, m.Quotas)
	}
	a := obj.Attributes()
	for name, w := range map[string]float64{"limit": want.limit, "used": want.used, "available": want.available} {
		if got := a[name].(types.Float64).ValueFloat64(); got != w {
			t.Errorf("%s.%s = %v, want %v", key, name, got, w)
		}
	}
	if a["unlimited"].(types.Bool).ValueBool() != want.unlimited || a["adjustable"].(types.Bool).ValueBool() != want.adjustable {
		t.Errorf("%s: unlimited/adjustable %v/%v", key, a["unlimited"], a["adjustable"])
	}
	if a["name"].(types.String).ValueString() != want.name || a["unit"].(types.String).ValueString() != want.unit {
		t.Errorf("%s: name %v unit %v", key, a["name"], a["unit"])
	}
	dims := map[string]string{}
	for k, v := range a["dimensions"].(types.Map).Elements() {
		dims[k] = v.(types.String).ValueString()
	}
	if want.dims == nil {
		want.dims = map[string]string{}
	}
	if !reflect.DeepEqual(dims, want.dims) {
		t.Errorf("%s.dimensions = %v, want %v", key, dims, want.dims)
	}
}

func limitsOf(m *quotasModel) map[string]float64 {
	out := map[string]float64{}
	for k, v := range m.Limits.Elements() {
		out[k] = v.(types.Float64).ValueFloat64()
	}
	return out
}

// The documented example: a consumable quota with its usage, one without usage as a limit.
func TestFlattenQuotas_docExample(t *testing.T) {
	m := model()
	if diags := flattenQuotas(&productQuotas{Quotas: decodePage(t, docExample).Quotas}, m); diags.HasError() {
		t.Fatal(diags)
	}
	if n := len(m.Quotas.Elements()); n != 1 {
		t.Errorf("%d quotas, want 1 (the consumable one)", n)
	}
	checkQuota(t, m, "q_security-groups", quotaWant{limit: 801, used: 26, available: 775, name: "Security groups per account in a region",
		unit: "AMOUNT", adjustable: true, dims: map[string]string{"regionId": "cn-hangzhou"}})
	if got := limitsOf(m); !reflect.DeepEqual(got, map[string]float64{"q_security-group-rules": 200}) {
		t.Errorf("limits = %v", got)
	}
	attrstest.CheckModel(t, NewQuotasDataSource(), m)
}

func TestFlattenQuotas(t *testing.T) {
	cases := []struct {
		name   string
		raw    string
		quotas map[string]quotaWant
		limits map[string]float64
	}{
		{
			name: "fractional figures, numbers as strings, -1 unlimited, omitted usage and fields",
			raw: `{"Quotas":[
				{"QuotaActionCode":"q_disk","QuotaUnit":"TiB","Consumable":true,"TotalQuota":204.8,"TotalUsage":"12.25"},
				{"QuotaActionCode":"q_free","Consumable":true,"TotalQuota":-1,"TotalUsage":3},
				{"QuotaActionCode":"q_new","Consumable":true,"TotalQuota":5},
				{"QuotaActionCode":"q_rate","Consumable":false,"TotalQuota":0.5},
				{"QuotaActionCode":"q_nothing"}]}`,
			quotas: map[string]quotaWant{
				"q_disk": {limit: 204.8, used: 12.25, available: 192.55, unit: "TiB"},
				"q_free": {limit: -1, used: 3, available: -1, unlimited: true},
				"q_new":  {limit: 5, used: 0, available: 5},
			},
			limits: map[string]float64{"q_rate": 0.5, "q_nothing": 0},
		},
		{
			name:   "nothing answered: empty maps",
			raw:    `{}`,
			quotas: map[string]quotaWant{},
			limits: map[string]float64{},
		},
		{
			name: "dimension values that are not strings keep their JSON text",
			raw:  `{"Quotas":[{"QuotaActionCode":"q","Consumable":true,"TotalQuota":2,"TotalUsage":1,"Dimensions":{"regionId":"cn-beijing","n":3}}]}`,
			quotas: map[string]quotaWant{
				"q": {limit: 2, used: 1, available: 1, dims: map[string]string{"regionId": "cn-beijing", "n": "3"}},
			},
			limits: map[string]float64{},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := model()
			if diags := flattenQuotas(&productQuotas{Quotas: decodePage(t, tc.raw).Quotas}, m); diags.HasError() {
				t.Fatal(diags)
			}
			if n := len(m.Quotas.Elements()); n != len(tc.quotas) {
				t.Errorf("%d quotas, want %d: %v", n, len(tc.quotas), m.Quotas)
			}
			for k, w := range tc.quotas {
				checkQuota(t, m, k, w)
			}
			if got := limitsOf(m); !reflect.DeepEqual(got, tc.limits) {
				t.Errorf("limits = %v, want %v", got, tc.limits)
			}
			attrstest.CheckModel(t, NewQuotasDataSource(), m)
		})
	}
}

// One code for two regions (dimensions {} reads them all) is an error naming the code and
// the key that differs, and saying to narrow dimensions; never one of them chosen.
func TestFlattenQuotas_duplicateCode(t *testing.T) {
	raw := `{"Quotas":[
		{"QuotaActionCode":"q_security-groups","Consumable":true,"TotalQuota":801,"TotalUsage":26,"Dimensions":{"regionId":"cn-hangzhou","chargeType":"PostPaid"}},
		{"QuotaActionCode":"q_other","Consumable":true,"TotalQuota":1,"TotalUsage":0,"Dimensions":{"regionId":"cn-hangzhou"}},
		{"QuotaActionCode":"q_security-groups","Consumable":true,"TotalQuota":100,"TotalUsage":1,"Dimensions":{"regionId":"cn-beijing","chargeType":"PostPaid"}},
		{"QuotaActionCode":"q_security-groups","Consumable":false,"TotalQuota":5,"Dimensions":{"regionId":"cn-qingdao"}}]}`
	m := model()
	diags := flattenQuotas(&productQuotas{Quotas: decodePage(t, raw).Quotas}, m)
	if !diags.HasError() || diags.ErrorsCount() != 1 {
		t.Fatalf("diags = %v, want one error", diags)
	}
	detail := diags.Errors()[0].Detail()
	for _, want := range []string{`"q_security-groups"`, "`regionId`", `"cn-hangzhou"`, `"cn-beijing"`, "Narrow `dimensions`"} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail %q lacks %q", detail, want)
		}
	}
	if strings.Contains(detail, "chargeType") {
		t.Errorf("detail %q names a key that does not differ", detail)
	}
	if !m.Quotas.IsNull() && len(m.Quotas.Elements()) != 0 {
		t.Errorf("quotas set despite the error: %v", m.Quotas)
	}
}

// readAll follows NextToken over every page, in order, and stops at an empty token.
func TestReadAll_pages(t *testing.T) {
	pages := map[string]string{
		"":  `{"NextToken":"2","Quotas":[{"QuotaActionCode":"a"},{"QuotaActionCode":"b"}]}`,
		"2": `{"NextToken":"4","Quotas":[{"QuotaActionCode":"c"},{"QuotaActionCode":"d"}]}`,
		"4": `{"NextToken":"","Quotas":[{"QuotaActionCode":"e"}]}`,
	}
	var tokens []string
	out, err := readAll(context.Background(), func(_ context.Context, token string) (*productQuotasPage, error) {
		tokens = append(tokens, token)
		raw, ok := pages[token]
		if !ok {
			return nil, fmt.Errorf("unexpected token %q", token)
		}
		return decodePage(t, raw), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(tokens, []string{"", "2", "4"}) {
		t.Errorf("tokens %q, want three pages", tokens)
	}
	var codes []string
	for _, q := range out.Quotas {
		codes = append(codes, *q.QuotaActionCode)
	}
	if strings.Join(codes, ",") != "a,b,c,d,e" {
		t.Errorf("codes %v", codes)
	}
}

// A token handed out twice is an error, not an endless read; a page's error ends the read.
func TestReadAll_errors(t *testing.T) {
	_, err := readAll(context.Background(), func(context.Context, string) (*productQuotasPage, error) {
		return decodePage(t, `{"RequestId":"R1","NextToken":"x","Quotas":[]}`), nil
	})
	var ae *conns.APIError
	if !errors.As(err, &ae) || !strings.Contains(ae.Message, `"x" twice`) || ae.RequestID != "R1" {
		t.Errorf("err = %v", err)
	}
	boom := errors.New("boom")
	calls := 0
	_, err = readAll(context.Background(), func(_ context.Context, token string) (*productQuotasPage, error) {
		calls++
		if token == "" {
			return decodePage(t, `{"NextToken":"1"}`), nil
		}
		return nil, boom
	})
	if !errors.Is(err, boom) || calls != 2 {
		t.Errorf("err = %v after %d calls", err, calls)
	}
}

// The request: MaxResults 100, the region as the default dimension, set dimensions as
// given (even none), QuotaCategory only when set.
func TestRequest(t *testing.T) {
	cases := []struct {
		name     string
		category string
		dims     map[string]string
		want     map[string]string
	}{
		{"defaults", "", nil, map[string]string{"ProductCode": "ecs", "MaxResults": "100",
			"Dimensions.1.Key": "regionId", "Dimensions.1.Value": "cn-shanghai"}},
		{"empty dimensions are sent as none", "FlowControl", map[string]string{}, map[string]string{"ProductCode": "ecs",
			"MaxResults": "100", "QuotaCategory": "FlowControl"}},
		{"set dimensions in key order", "", map[string]string{"zoneId": "cn-shanghai-b", "chargeType": "PostPaid"},
			map[string]string{"ProductCode": "ecs", "MaxResults": "100", "Dimensions.1.Key": "chargeType",
				"Dimensions.1.Value": "PostPaid", "Dimensions.2.Key": "zoneId", "Dimensions.2.Value": "cn-shanghai-b"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := request("ecs", tc.category, "cn-shanghai", tc.dims); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("request = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestServiceHosts(t *testing.T) {
	for _, r := range []string{"cn-hangzhou", "ap-southeast-1", "eu-central-1"} {
		if got := Service.Hosts[r]; got != Host {
			t.Errorf("%s: %q, want the central %q", r, got, Host)
		}
	}
	if l := Service.Limits.For(action); l.N != 15 || l.Source == "" {
		t.Errorf("limit %+v, want 15 a second, named", l)
	}
}
