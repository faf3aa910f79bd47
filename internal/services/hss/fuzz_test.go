package hss

import (
	"encoding/json"
	"testing"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"
)

// Whatever JSON the API sends, mapping never panics, never yields null, and the sums are
// the sums of the list.
func FuzzFlattenResourceQuotas(f *testing.F) {
	f.Add([]byte(`{"data_list":[{"available_num":1,"available_resources_list":[{"current_time":"2022-09-17T17:00:24Z","resource_id":"9ecb83a7","shared_quota":"shared"}],"total_num":2,"used_num":1,"version":"hss.version.basic"}]}`))
	f.Add([]byte(`{"data_list":[{},{"total_num":2147483647},{"total_num":2147483647}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"data_list":null}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out model.ShowResourceQuotasResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m resourceQuotasModel
		flattenResourceQuotas(&out, &m)
		var total int64
		for _, q := range m.Quotas {
			if q.TotalNum.IsNull() || q.Version.IsNull() || q.AvailableResources == nil {
				t.Fatalf("null in %+v", q)
			}
			total += q.TotalNum.ValueInt64()
		}
		if m.TotalNum.ValueInt64() != total {
			t.Fatalf("total_num %d, sum of list %d", m.TotalNum.ValueInt64(), total)
		}
	})
}

func FuzzFlattenImageScanStatistics(f *testing.F) {
	f.Add([]byte(`{"repository_scan_num":5,"cicd_scan_num":10,"free_quota_num":2,"already_given":true,"image_free_quota":10}`))
	f.Add([]byte(`{"high_risk":{"registriy":4},"unscan":null}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out model.ShowImagePayPerScanStatisticsResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m imageScanStatisticsModel
		flattenImageScanStatistics(&out, &m)
		for _, c := range []*imageCountsModel{m.HighRisk, m.HasRisk, m.Total, m.Unscan} {
			if c == nil || c.Local.IsNull() || c.Registry.IsNull() || c.Cicd.IsNull() {
				t.Fatalf("null counts in %+v", m)
			}
		}
	})
}
