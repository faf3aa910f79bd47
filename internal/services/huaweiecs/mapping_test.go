package huaweiecs

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

func decode(t testing.TB, raw string) *model.ShowServerLimitsResponse {
	return attrstest.Decode[model.ShowServerLimitsResponse](t, raw)
}

// quota is one `quotas` element as plain values.
type quota struct {
	limit, used, available float64
	unlimited              bool
}

func quotasOf(t *testing.T, m types.Map) map[string]quota {
	t.Helper()
	out := map[string]quota{}
	for k, v := range m.Elements() {
		a := v.(types.Object).Attributes()
		out[k] = quota{
			a["limit"].(types.Float64).ValueFloat64(), a["used"].(types.Float64).ValueFloat64(),
			a["available"].(types.Float64).ValueFloat64(), a["unlimited"].(types.Bool).ValueBool(),
		}
	}
	return out
}

func limitsOf(m types.Map) map[string]float64 {
	out := map[string]float64{}
	for k, v := range m.Elements() {
		out[k] = v.(types.Float64).ValueFloat64()
	}
	return out
}

var allQuotaKeys = []string{"instances", "cores", "ram", "spot_instances", "spot_cores", "spot_ram",
	"server_groups", "security_groups", "floating_ips"}

var allLimitKeys = []string{"key_pairs", "security_group_rules", "server_group_members",
	"server_metadata_items", "image_metadata_items", "personality", "personality_size"}

func TestFlattenServerLimits(t *testing.T) {
	zero := quota{}
	cases := []struct {
		name   string
		in     *model.ShowServerLimitsResponse
		quotas map[string]quota
		limits map[string]float64
	}{
		{
			name: "the vendor's example: Spot fields omitted read as zeros, -1 key pairs kept",
			in:   decode(t, seeds.HuaweiECSServerLimits),
			quotas: map[string]quota{
				"instances":       {2048, 21, 2027, false},
				"cores":           {20480, 40, 20440, false},
				"ram":             {25165824, 75776, 25165824 - 75776, false},
				"spot_instances":  zero,
				"spot_cores":      zero,
				"spot_ram":        zero,
				"server_groups":   {10, 2, 8, false},
				"security_groups": {10, 1, 9, false},
				"floating_ips":    {10, 0, 10, false},
			},
			limits: map[string]float64{
				"key_pairs": -1, "security_group_rules": 20, "server_group_members": 16,
				"server_metadata_items": 128, "image_metadata_items": 128, "personality": 5, "personality_size": 10240,
			},
		},
		{
			name: "-1 is unlimited, used above the limit leaves 0, Spot fields read",
			in: decode(t, `{"absolute":{"maxTotalInstances":-1,"totalInstancesUsed":7,"maxTotalCores":8,"totalCoresUsed":12,
				"maxTotalSpotInstances":5,"totalSpotInstancesUsed":2,"maxTotalSpotCores":-1,"totalSpotCoresUsed":4,
				"maxTotalSpotRAMSize":4096,"totalSpotRAMUsed":1024}}`),
			quotas: map[string]quota{
				"instances":       {-1, 7, -1, true},
				"cores":           {8, 12, 0, false},
				"ram":             zero,
				"spot_instances":  {5, 2, 3, false},
				"spot_cores":      {-1, 4, -1, true},
				"spot_ram":        {4096, 1024, 3072, false},
				"server_groups":   zero,
				"security_groups": zero,
				"floating_ips":    zero,
			},
		},
		{name: "no absolute: every fixed key, zeros", in: &model.ShowServerLimitsResponse{}},
		{name: "nil response: every fixed key, zeros", in: nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var m quotasModel
			if diags := flattenServerLimits(tc.in, &m); diags.HasError() {
				t.Fatal(diags)
			}
			got, lim := quotasOf(t, m.Quotas), limitsOf(m.Limits)
			if len(got) != len(allQuotaKeys) || len(lim) != len(allLimitKeys) {
				t.Errorf("keys: %d quotas, %d limits; want all %d and %d", len(got), len(lim), len(allQuotaKeys), len(allLimitKeys))
			}
			for _, k := range allQuotaKeys {
				want, ok := tc.quotas[k]
				if !ok {
					want = zero
				}
				if q, present := got[k]; !present || q != want {
					t.Errorf("quotas[%s] = %+v (present %v), want %+v", k, q, present, want)
				}
			}
			for _, k := range allLimitKeys {
				if v, present := lim[k]; !present || v != tc.limits[k] {
					t.Errorf("limits[%s] = %v (present %v), want %v", k, v, present, tc.limits[k])
				}
			}
		})
	}
}

func TestModelMatchesSchema(t *testing.T) {
	m := quotasModel{Timeouts: attrs.NullTimeouts()}
	flattenServerLimits(decode(t, seeds.HuaweiECSServerLimits), &m)
	attrstest.CheckModel(t, NewQuotasDataSource(), &m)
}
