package tencentcvm

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	cvm "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cvm/v20170312"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// Whatever JSON the API sends that the SDK decodes, mapping never panics or errors, the fixed
// keys are always there, and available is never below 0 unless unlimited.
func FuzzFlattenCVMQuotas(f *testing.F) {
	f.Add([]byte(seeds.CVMDescribeAccountQuota))
	f.Add([]byte(`{"Response":{"AppId":18446744073709551615,"AccountQuotaOverview":{"AccountQuota":{"PostPaidQuotaSet":[{"TotalQuota":18446744073709551615,"UsedQuota":1,"RemainingQuota":0},null,{}]}}}}`))
	f.Add([]byte(`{"Response":{"AccountQuotaOverview":{"AccountQuota":{"DisasterRecoverGroupQuotaSet":[{"GroupQuota":-1,"CurrentNum":-9223372036854775808,"CvmInHostGroupQuota":-5}]}}}}`))
	f.Add([]byte(`{"Response":{"AccountQuotaOverview":null}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out cvm.DescribeAccountQuotaResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m cvmQuotasModel
		if diags := flattenCVMQuotas(out.Response, &m); diags.HasError() {
			t.Fatalf("error diagnostics: %v", diags)
		}
		if m.Quotas.IsNull() || m.Limits.IsNull() || m.AppID.IsNull() || m.AppID.ValueInt64() < 0 {
			t.Fatalf("null or negative in %+v", m)
		}
		for _, k := range []string{keyImage, keyDisasterRecovery} {
			if _, ok := m.Quotas.Elements()[k]; !ok {
				t.Fatalf("no %q", k)
			}
		}
		for k, v := range m.Quotas.Elements() {
			a := v.(types.Object).Attributes()
			avail, unlimited := a["available"].(types.Float64).ValueFloat64(), a["unlimited"].(types.Bool).ValueBool()
			if avail < 0 && !(unlimited && avail == -1) {
				t.Fatalf("%s: available %v", k, avail)
			}
		}
	})
}
