package tcss

import (
	"encoding/json"
	"testing"

	tcsssdk "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tcss/v20201101"
)

// Whatever JSON the API sends, mapping never panics or yields null, and the available count
// is never negative.
func FuzzFlattenImageAuthorizedInfo(f *testing.F) {
	f.Add([]byte(seedResponse))
	f.Add([]byte(`{"Response":{"TotalAuthorizedCnt":18446744073709551615,"UsedAuthorizedCnt":9223372036854775808}}`))
	f.Add([]byte(`{"Response":{"TotalAuthorizedCnt":9223372036854775807,"UsedAuthorizedCnt":0,"ImageScanInquireInfo":{"Capcity":18446744073709551615}}}`))
	f.Add([]byte(`{"Response":{"ImageScanInquireInfo":{"StartTime":"2024-13-45 25:61:61","EndTime":""}}}`))
	f.Add([]byte(`{"Response":null}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		var out tcsssdk.DescribeImageAuthorizedInfoResponse
		if json.Unmarshal(raw, &out) != nil {
			return
		}
		var m imageAuthorizedInfoModel
		diags := flattenImageAuthorizedInfo(out.Response, &m)
		if diags.HasError() {
			t.Fatalf("error diagnostics: %v", diags)
		}
		if m.AvailableAuthorizedCnt.ValueInt64() < 0 || m.TotalAuthorizedCnt.ValueInt64() < 0 || m.ImageScanInquireInfo.Capacity.ValueInt64() < 0 {
			t.Fatalf("available_authorized_cnt %d < 0", m.AvailableAuthorizedCnt.ValueInt64())
		}
		info := m.ImageScanInquireInfo
		if info == nil || m.TotalAuthorizedCnt.IsNull() || info.StartTime.IsNull() || info.EndTime.IsNull() {
			t.Fatalf("null in %+v", m)
		}
	})
}
