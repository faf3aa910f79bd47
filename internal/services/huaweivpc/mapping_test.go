package huaweivpc

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

func decode(t testing.TB, raw string) *model.ShowQuotaResponse {
	return attrstest.Decode[model.ShowQuotaResponse](t, raw)
}

type quota struct {
	limit, used, available, min float64
	unlimited                   bool
}

func quotasOf(t *testing.T, m types.Map) map[string]quota {
	t.Helper()
	out := map[string]quota{}
	for k, v := range m.Elements() {
		a := v.(types.Object).Attributes()
		out[k] = quota{
			a["limit"].(types.Float64).ValueFloat64(), a["used"].(types.Float64).ValueFloat64(),
			a["available"].(types.Float64).ValueFloat64(), a["min"].(types.Float64).ValueFloat64(),
			a["unlimited"].(types.Bool).ValueBool(),
		}
	}
	return out
}

func TestFlattenQuota(t *testing.T) {
	cases := []struct {
		name string
		in   *model.ShowQuotaResponse
		want map[string]quota
	}{
		{
			name: "the vendor's example, keyed by type as sent",
			in:   decode(t, seeds.HuaweiVPCQuotas),
			want: map[string]quota{
				"vpc": {150, 4, 146, 0, false}, "subnet": {400, 5, 395, 0, false},
				"securityGroup": {100, 1, 99, 0, false}, "securityGroupRule": {5000, 6, 4994, 0, false},
				"publicIp": {10, 2, 8, 0, false}, "vpn": {5, 0, 5, 0, false}, "vpngw": {2, 0, 2, 0, false},
				"vpcPeer": {50, 0, 50, 0, false}, "physicalConnect": {10, 0, 10, 0, false},
				"virtualInterface": {50, 0, 50, 0, false}, "firewall": {200, 0, 200, 0, false},
				"shareBandwidth": {5, 0, 5, 0, false}, "shareBandwidthIP": {20, 0, 20, 0, false},
				"loadbalancer": {10, 0, 10, 0, false}, "listener": {10, 0, 10, 0, false},
				"vpcContainRoutetable": {1, 0, 1, 0, false}, "routetableContainRoutes": {200, 0, 200, 0, false},
			},
		},
		{
			name: "-1 is unlimited, used above the quota leaves 0, types newer than the SDK kept, min kept",
			in: decode(t, `{"quotas":{"resources":[{"type":"address_group","used":3,"quota":-1,"min":0},
				{"type":"publicIp","used":12,"quota":10,"min":2},{"type":"flow_log"}]}}`),
			want: map[string]quota{
				"address_group": {-1, 3, -1, 0, true}, "publicIp": {10, 12, 0, 2, false}, "flow_log": {},
			},
		},
		{name: "no quotas: {}", in: &model.ShowQuotaResponse{}, want: map[string]quota{}},
		{name: "nil response: {}", in: nil, want: map[string]quota{}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var m quotasModel
			if diags := flattenQuota(tc.in, &m); diags.HasError() {
				t.Fatal(diags)
			}
			got := quotasOf(t, m.Quotas)
			if len(got) != len(tc.want) {
				t.Errorf("%d quotas, want %d: %+v", len(got), len(tc.want), got)
			}
			for k, want := range tc.want {
				if q, ok := got[k]; !ok || q != want {
					t.Errorf("quotas[%s] = %+v (present %v), want %+v", k, q, ok, want)
				}
			}
			if m.Limits.IsNull() || len(m.Limits.Elements()) != 0 {
				t.Errorf("limits = %v, want {}", m.Limits)
			}
		})
	}
}

// Every documented type, the ones the SDK's enumeration lacks included, goes out as written.
func TestBuildShowQuotaRequest(t *testing.T) {
	for _, typ := range Types {
		req, err := buildShowQuotaRequest(typ)
		if err != nil || req.Type == nil || req.Type.Value() != typ {
			t.Errorf("%s: %+v, %v", typ, req, err)
			continue
		}
		b, _ := json.Marshal(req)
		if string(b) != `{"type":"`+typ+`"}` {
			t.Errorf("%s: encoded as %s", typ, b)
		}
	}
	if req, err := buildShowQuotaRequest(""); err != nil || req.Type != nil {
		t.Errorf("unset type: %+v, %v; want no type sent", req, err)
	}
}

func TestModelMatchesSchema(t *testing.T) {
	m := quotasModel{Timeouts: attrs.NullTimeouts()}
	flattenQuota(decode(t, seeds.HuaweiVPCQuotas), &m)
	attrstest.CheckModel(t, NewQuotasDataSource(), &m)
}
