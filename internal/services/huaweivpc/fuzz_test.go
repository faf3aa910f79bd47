package huaweivpc

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// Whatever JSON the API sends, mapping never panics, keeps one key per type sent, and each
// quota obeys the shape's rules.
func FuzzFlattenQuota(f *testing.F) {
	f.Add([]byte(seeds.HuaweiVPCQuotas))
	f.Add([]byte(`{"quotas":{"resources":[{"type":"vpc","used":2147483647,"quota":-1},{"type":""},{"type":"vpc","quota":-2147483648}]}}`))
	f.Add([]byte(`{"quotas":null}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out model.ShowQuotaResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m quotasModel
		if diags := flattenQuota(&out, &m); diags.HasError() {
			t.Fatalf("%s: %v", raw, diags)
		}
		sent := map[string]bool{}
		if out.Quotas != nil {
			for _, r := range out.Quotas.Resources {
				sent[r.Type.Value()] = true
			}
		}
		if len(m.Quotas.Elements()) != len(sent) {
			t.Fatalf("%s: %d quotas for %d types", raw, len(m.Quotas.Elements()), len(sent))
		}
		checkRules(t, raw, m.Quotas.Elements())
	})
}

func checkRules(t *testing.T, raw []byte, elems map[string]attr.Value) {
	t.Helper()
	for k, v := range elems {
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
}
