package huaweiecs

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// Whatever JSON the API sends, mapping never panics, every fixed key is present, and each
// quota obeys the shape's rules: available is -1 exactly when unlimited, else never below 0
// and never above the limit.
func FuzzFlattenServerLimits(f *testing.F) {
	f.Add([]byte(seeds.HuaweiECSServerLimits))
	f.Add([]byte(`{"absolute":{"maxTotalCores":-1,"totalCoresUsed":2147483647,"maxTotalSpotRAMSize":-2147483648}}`))
	f.Add([]byte(`{"absolute":null}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out model.ShowServerLimitsResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m quotasModel
		if diags := flattenServerLimits(&out, &m); diags.HasError() {
			t.Fatalf("%s: %v", raw, diags)
		}
		if len(m.Quotas.Elements()) != len(allQuotaKeys) || len(m.Limits.Elements()) != len(allLimitKeys) {
			t.Fatalf("%s: %d quotas, %d limits", raw, len(m.Quotas.Elements()), len(m.Limits.Elements()))
		}
		for k, v := range m.Quotas.Elements() {
			a := v.(types.Object).Attributes()
			limit := a["limit"].(types.Float64).ValueFloat64()
			avail := a["available"].(types.Float64).ValueFloat64()
			if a["unlimited"].(types.Bool).ValueBool() != (avail == -1 && limit == -1) {
				t.Fatalf("%s: %s unlimited/available disagree: %v", raw, k, a)
			}
			if limit != -1 && (avail < 0 || avail > math.Max(limit, 0)) {
				t.Fatalf("%s: %s available %v outside 0..limit %v", raw, k, avail, limit)
			}
		}
	})
}
