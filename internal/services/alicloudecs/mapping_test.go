package alicloudecs

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
)

func decode(t testing.TB, raw string) *accountAttributes {
	return attrstest.Decode[accountAttributes](t, raw)
}

func model() *quotasModel { return &quotasModel{Timeouts: attrs.NullTimeouts()} }

// item is one attribute with its values, each "value" or "value@zone".
func item(name string, values ...string) string {
	var vs []string
	for _, v := range values {
		value, zone, ok := strings.Cut(v, "@")
		if ok {
			vs = append(vs, `{"Value":"`+value+`","ZoneId":"`+zone+`"}`)
		} else {
			vs = append(vs, `{"Value":"`+value+`"}`)
		}
	}
	return `{"AttributeName":"` + name + `","AttributeValues":{"ValueItem":[` + strings.Join(vs, ",") + `]}}`
}

func answer(items ...string) string {
	return `{"RequestId":"8CE45CD5-31FB-47C2-959D-CA8144CE****","AccountAttributeItems":{"AccountAttributeItem":[` +
		strings.Join(items, ",") + `]}}`
}

type fig struct{ limit, used, available float64 }

func figures(t *testing.T, m *quotasModel) (map[string]fig, map[string]float64) {
	t.Helper()
	qs := map[string]fig{}
	for k, v := range m.Quotas.Elements() {
		a := v.(types.Object).Attributes()
		qs[k] = fig{a["limit"].(types.Float64).ValueFloat64(), a["used"].(types.Float64).ValueFloat64(),
			a["available"].(types.Float64).ValueFloat64()}
	}
	ls := map[string]float64{}
	for k, v := range m.Limits.Elements() {
		ls[k] = v.(types.Float64).ValueFloat64()
	}
	return qs, ls
}

func TestFlattenQuotas(t *testing.T) {
	cases := []struct {
		name   string
		raw    string
		quotas map[string]fig
		limits map[string]float64
	}{
		{
			name: "region values: max and used twins are quotas, lone max values limits, other attributes ignored",
			raw: answer(item("max-postpaid-instance-vcpu-count", "500"), item("used-postpaid-instance-vcpu-count", "24"),
				item("max-spot-instance-vcpu-count", "800"), item("used-spot-instance-vcpu-count", "8"),
				item("max-security-groups", "800"), item("max-elastic-network-interfaces", "1000"),
				item("max-dedicated-hosts", "10"), item("instance-network-type", "vpc", "classic")),
			quotas: map[string]fig{"postpaid-instance-vcpu-count": {500, 24, 476}, "spot-instance-vcpu-count": {800, 8, 792}},
			limits: map[string]float64{"security-groups": 800, "elastic-network-interfaces": 1000, "dedicated-hosts": 10},
		},
		{
			name: "zone values get /<ZoneId> keys, values sharing a key are added, fractions kept",
			raw: answer(item("max-postpaid-instance-vcpu-count", "100@cn-hangzhou-b", "50@cn-hangzhou-b", "70@cn-hangzhou-h"),
				item("used-postpaid-instance-vcpu-count", "10.5@cn-hangzhou-b", "2@cn-hangzhou-b", "0.25@cn-hangzhou-h"),
				item("max-security-groups", "400", "400.5")),
			quotas: map[string]fig{
				"postpaid-instance-vcpu-count/cn-hangzhou-b": {150, 12.5, 137.5},
				"postpaid-instance-vcpu-count/cn-hangzhou-h": {70, 0.25, 69.75},
			},
			limits: map[string]float64{"security-groups": 800.5},
		},
		{
			name:   "a used value without a max twin is neither; -1 is unlimited",
			raw:    answer(item("used-spot-instance-vcpu-count", "3"), item("max-postpaid-instance-vcpu-count", "-1"), item("used-postpaid-instance-vcpu-count", "9")),
			quotas: map[string]fig{"postpaid-instance-vcpu-count": {-1, 9, -1}},
			limits: map[string]float64{},
		},
		{
			name:   "nothing answered: empty maps",
			raw:    `{}`,
			quotas: map[string]fig{},
			limits: map[string]float64{},
		},
		{
			name:   "a bare JSON number is read too",
			raw:    `{"AccountAttributeItems":{"AccountAttributeItem":[{"AttributeName":"max-dedicated-hosts","AttributeValues":{"ValueItem":[{"Value":7}]}}]}}`,
			quotas: map[string]fig{},
			limits: map[string]float64{"dedicated-hosts": 7},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := model()
			if diags := flattenQuotas(decode(t, tc.raw), m); diags.HasError() {
				t.Fatal(diags)
			}
			qs, ls := figures(t, m)
			if !reflect.DeepEqual(qs, tc.quotas) {
				t.Errorf("quotas = %v, want %v", qs, tc.quotas)
			}
			if !reflect.DeepEqual(ls, tc.limits) {
				t.Errorf("limits = %v, want %v", ls, tc.limits)
			}
			attrstest.CheckModel(t, NewQuotasDataSource(), m)
		})
	}
}

// A value that is not a number is an error naming the attribute and the value.
func TestFlattenQuotas_notANumber(t *testing.T) {
	for _, value := range []string{"unlimited", "", "12 vCPUs"} {
		m := model()
		diags := flattenQuotas(decode(t, answer(item("max-security-groups", value), item("max-dedicated-hosts", "10"))), m)
		if !diags.HasError() {
			t.Fatalf("%q: no error", value)
		}
		detail := diags.Errors()[0].Detail()
		if !strings.Contains(detail, `"max-security-groups"`) || !strings.Contains(detail, `"`+value+`"`) {
			t.Errorf("%q: detail %q does not name the attribute and the value", value, detail)
		}
	}
}

// The request names the region, the zone only when set, and exactly SPEC's attributes.
func TestRequest(t *testing.T) {
	want := map[string]string{"RegionId": "cn-hangzhou",
		"AttributeName.1": "max-postpaid-instance-vcpu-count", "AttributeName.2": "used-postpaid-instance-vcpu-count",
		"AttributeName.3": "max-spot-instance-vcpu-count", "AttributeName.4": "used-spot-instance-vcpu-count",
		"AttributeName.5": "max-security-groups", "AttributeName.6": "max-elastic-network-interfaces",
		"AttributeName.7": "max-dedicated-hosts"}
	if got := request("cn-hangzhou", ""); !reflect.DeepEqual(got, want) {
		t.Errorf("request = %v", got)
	}
	want["ZoneId"] = "cn-hangzhou-b"
	if got := request("cn-hangzhou", "cn-hangzhou-b"); !reflect.DeepEqual(got, want) {
		t.Errorf("request with zone = %v", got)
	}
}

func TestServiceHosts(t *testing.T) {
	for region, want := range map[string]string{
		"cn-hangzhou": "ecs-cn-hangzhou.aliyuncs.com", "cn-shanghai": "ecs.cn-shanghai.aliyuncs.com",
		"ap-southeast-1": "ecs.ap-southeast-1.aliyuncs.com", "cn-wuhan": "ecs.aliyuncs.com",
	} {
		if got := Service.Hosts[region]; got != want {
			t.Errorf("%s: %q, want %q", region, got, want)
		}
	}
	if l := Service.Limits.For(action); l.N != 10 || !strings.Contains(l.Source, "none documented") {
		t.Errorf("limit %+v, want the named conservative default", l)
	}
}
