package huaweievs

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// Whatever body the API sends, decoding and mapping never panic; every key of quota_set
// whose value has a numeric limit and in_use is kept, under its own name, and nothing else;
// each quota obeys the shape's rules.
func FuzzDecodeQuotaSet(f *testing.F) {
	f.Add([]byte(seeds.HuaweiEVSQuotaSet))
	f.Add([]byte(`{"quota_set":{"volumes_GPSSD":{"limit":-1,"in_use":1e308},"id":"x","g":{"limit":1.5,"in_use":null}}}`))
	f.Add([]byte(`{"quota_set":null}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out quotaSetResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m quotasModel
		if diags := flattenQuotaSet(&out, &m); diags.HasError() {
			t.Fatalf("%s: %v", raw, diags)
		}
		var body struct {
			QuotaSet map[string]json.RawMessage `json:"quota_set"`
		}
		_ = json.Unmarshal(raw, &body)
		got := m.Quotas.Elements()
		for k, v := range body.QuotaSet {
			var q struct {
				Limit *float64 `json:"limit"`
				InUse *float64 `json:"in_use"`
			}
			isQuota := json.Unmarshal(v, &q) == nil && q.Limit != nil && q.InUse != nil
			if _, kept := got[k]; kept != isQuota {
				t.Fatalf("%s: key %q kept %v, but it is a quota: %v", raw, k, kept, isQuota)
			}
		}
		for k, v := range m.Quotas.Elements() {
			if _, ok := body.QuotaSet[k]; !ok {
				t.Fatalf("%s: key %q not in the answer", raw, k)
			}
			a := v.(types.Object).Attributes()
			limit := a["limit"].(types.Float64).ValueFloat64()
			avail := a["available"].(types.Float64).ValueFloat64()
			if a["unlimited"].(types.Bool).ValueBool() != (limit == -1) || (limit == -1) != (avail == -1) {
				t.Fatalf("%s: %s unlimited/available disagree: %v", raw, k, a)
			}
			if limit != -1 && (avail < 0 || avail > math.Max(limit, 0)) {
				t.Fatalf("%s: %s available %v outside 0..limit %v", raw, k, avail, limit)
			}
		}
	})
}
