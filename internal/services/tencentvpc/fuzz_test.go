package tencentvpc

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// checkQuotas fails t when a quota's available is negative without being unlimited, or a
// value is null.
func checkQuotas(t *testing.T, q, l types.Map) {
	if q.IsNull() || l.IsNull() {
		t.Fatal("null quotas or limits")
	}
	for k, v := range q.Elements() {
		a := v.(types.Object).Attributes()
		for name, x := range a {
			if x.IsNull() {
				t.Fatalf("%s.%s is null", k, name)
			}
		}
		avail, unlimited := a["available"].(types.Float64).ValueFloat64(), a["unlimited"].(types.Bool).ValueBool()
		if avail < 0 && !(unlimited && avail == -1) {
			t.Fatalf("%s: available %v", k, avail)
		}
	}
}

// Whatever JSON the API sends that the SDK decodes, mapping never panics, errs or yields null.
func FuzzFlattenVPCQuotas(f *testing.F) {
	f.Add([]byte(seeds.VPCDescribeProductQuotaCCN))
	f.Add([]byte(`{"Response":{"ProductQuotaSet":[{"QuotaId":"1","QuotaLimit":-1,"QuotaCurrent":-9223372036854775808},{"QuotaId":"1","QuotaLimit":9223372036854775807},null]}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out vpc.DescribeProductQuotaResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m vpcQuotasModel
		if diags := flattenVPCQuotas(out.Response, &m); diags.HasError() {
			t.Fatalf("error diagnostics: %v", diags)
		}
		checkQuotas(t, m.Quotas, m.Limits)
	})
}

func FuzzFlattenEIPQuotas(f *testing.F) {
	f.Add([]byte(seeds.VPCDescribeAddressQuota))
	f.Add([]byte(`{"Response":{"QuotaSet":[{"QuotaId":"","QuotaGroup":null,"QuotaLimit":-2},{}]}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out vpc.DescribeAddressQuotaResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m eipQuotasModel
		if diags := flattenEIPQuotas(out.Response, &m); diags.HasError() {
			t.Fatalf("error diagnostics: %v", diags)
		}
		checkQuotas(t, m.Quotas, m.Limits)
	})
}
