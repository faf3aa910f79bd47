package alicloudquotas

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Whatever JSON a page holds, mapping never panics; it either fails with a diagnostic or
// yields non-null maps whose every key is a code of the answer and whose available figures
// are never below 0 unless unlimited.
func FuzzFlattenQuotas(f *testing.F) {
	f.Add([]byte(docExample))
	f.Add([]byte(`{"Quotas":[{"QuotaActionCode":"a","Consumable":true,"TotalQuota":"1e400"},{"QuotaActionCode":"a"}]}`))
	f.Add([]byte(`{"Quotas":[{"Consumable":true,"TotalQuota":-1,"TotalUsage":"2.5","Dimensions":{"k":null}}],"NextToken":""}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var page productQuotasPage
		if json.Unmarshal(raw, &page) != nil {
			return
		}
		m := model()
		if diags := flattenQuotas(&productQuotas{Quotas: page.Quotas}, m); diags.HasError() {
			return
		}
		if m.Quotas.IsNull() || m.Limits.IsNull() {
			t.Fatalf("null map from %s", raw)
		}
		codes := map[string]bool{}
		for _, q := range page.Quotas {
			if q.QuotaActionCode != nil {
				codes[*q.QuotaActionCode] = true
			} else {
				codes[""] = true
			}
		}
		for k, v := range m.Quotas.Elements() {
			if !codes[k] {
				t.Fatalf("key %q not in the answer", k)
			}
			a := v.(types.Object).Attributes()
			if a["available"].(types.Float64).ValueFloat64() < 0 && !a["unlimited"].(types.Bool).ValueBool() {
				t.Fatalf("negative available for %q", k)
			}
		}
		for k := range m.Limits.Elements() {
			if !codes[k] {
				t.Fatalf("limit key %q not in the answer", k)
			}
		}
	})
}
