package metastudio

import (
	"encoding/json"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/model"
)

// Whatever JSON the API sends, mapping never panics or yields null, and total_count is the
// sum of the counts.
func FuzzFlattenResourcesCount(f *testing.F) {
	f.Add([]byte(`{"resources_count":[{"business_type":"LIVE_2D","count":1,"charging_mode":"ONE_TIME","resource_source":"SP_ALLOCATED"}]}`))
	f.Add([]byte(`{"resources_count":[{"count":3.4e38},{"count":-1},{}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out model.CountTenantResourcesResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		resources, total := flattenResourcesCount(&out)
		var sum int64
		for _, r := range resources {
			if r.Count.IsNull() || r.BusinessType.IsNull() {
				t.Fatalf("null in %+v", r)
			}
			sum += r.Count.ValueInt64()
		}
		if total.ValueInt64() != sum {
			t.Fatalf("total_count %d, sum %d", total.ValueInt64(), sum)
		}
	})
}
