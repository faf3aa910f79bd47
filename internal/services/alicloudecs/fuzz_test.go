package alicloudecs

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Whatever JSON the API sends, mapping never panics; it either fails with a diagnostic or
// yields non-null maps keyed by requested attribute names without their max-/used- prefix.
func FuzzFlattenQuotas(f *testing.F) {
	f.Add([]byte(answer(item("max-postpaid-instance-vcpu-count", "100@z-b", "1e3"), item("used-postpaid-instance-vcpu-count", "3@z-b"))))
	f.Add([]byte(answer(item("max-security-groups", "NaN"), item("instance-network-type", "vpc"))))
	f.Add([]byte(`{"AccountAttributeItems":{"AccountAttributeItem":[{"AttributeName":null,"AttributeValues":null},{"AttributeName":"max-dedicated-hosts","AttributeValues":{"ValueItem":[{"Value":null}]}}]}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var in accountAttributes
		if json.Unmarshal(raw, &in) != nil {
			return
		}
		m := model()
		if diags := flattenQuotas(&in, m); diags.HasError() {
			return
		}
		if m.Quotas.IsNull() || m.Limits.IsNull() {
			t.Fatalf("null map from %s", raw)
		}
		bases := []string{"postpaid-instance-vcpu-count", "spot-instance-vcpu-count", "security-groups",
			"elastic-network-interfaces", "dedicated-hosts"}
		check := func(k string) {
			base, _, _ := strings.Cut(k, "/")
			for _, b := range bases {
				if b == base {
					return
				}
			}
			t.Fatalf("key %q is no requested attribute's", k)
		}
		for k, v := range m.Quotas.Elements() {
			check(k)
			a := v.(types.Object).Attributes()
			if a["available"].(types.Float64).ValueFloat64() < 0 && !a["unlimited"].(types.Bool).ValueBool() {
				t.Fatalf("negative available for %q", k)
			}
		}
		for k := range m.Limits.Elements() {
			check(k)
		}
	})
}
