package tcss

import (
	"math"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	tcsssdk "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/tcss/v20201101"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/seeds"
)

// seedResponse is seed 001's example output.
var seedResponse = seeds.TCSSImageAuthorizedInfo

func decode(t testing.TB, raw string) *tcsssdk.DescribeImageAuthorizedInfoResponseParams {
	return attrstest.Decode[tcsssdk.DescribeImageAuthorizedInfoResponse](t, raw).Response
}

func TestFlattenImageAuthorizedInfo(t *testing.T) {
	i := types.Int64Value
	s := types.StringValue
	zeroInfo := &imageScanInquireModel{
		Capacity: i(0), Usage: i(0), StartTime: s(""), EndTime: s(""), InquireKey: s(""), PurchaseStatus: s(""), ResourceID: s(""),
	}
	cases := []struct {
		name     string
		in       *tcsssdk.DescribeImageAuthorizedInfoResponseParams
		want     imageAuthorizedInfoModel
		warnings int
	}{
		{
			name: "seed example: every field, spellings corrected, Beijing times in RFC 3339",
			in:   decode(t, seedResponse),
			want: imageAuthorizedInfoModel{
				TotalAuthorizedCnt: i(300000), UsedAuthorizedCnt: i(300000), AvailableAuthorizedCnt: i(0),
				ScannedImageCnt: i(11687), NotScannedImageCnt: i(38), NotScannedLocalImageCnt: i(12),
				TrialAuthorizedCnt: i(0), UsedTrialAuthorizedCnt: i(0), PurchasedAuthorizedCnt: i(300000),
				UsedPurchasedAuthorizedCnt: i(300000), CanApplyFreeImageAuthorize: types.BoolValue(false),
				RepeatImageIDCnt: i(2),
				ImageScanInquireInfo: &imageScanInquireModel{
					Capacity: i(18601), Usage: i(17365),
					StartTime: s("2024-09-24T13:01:18+08:00"), EndTime: s("2024-12-24T13:01:18+08:00"),
					InquireKey: s("sv_yunjing_cssil_image"), PurchaseStatus: s("Normal"),
					ResourceID: s("427c59056cbd64e30b3990e8d7b25c19"),
				},
			},
		},
		{
			name: "nothing sent reads as zeros and an object of zeros",
			in:   nil,
			want: imageAuthorizedInfoModel{
				TotalAuthorizedCnt: i(0), UsedAuthorizedCnt: i(0), AvailableAuthorizedCnt: i(0),
				ScannedImageCnt: i(0), NotScannedImageCnt: i(0), NotScannedLocalImageCnt: i(0),
				TrialAuthorizedCnt: i(0), UsedTrialAuthorizedCnt: i(0), PurchasedAuthorizedCnt: i(0),
				UsedPurchasedAuthorizedCnt: i(0), CanApplyFreeImageAuthorize: types.BoolValue(false),
				RepeatImageIDCnt: i(0), ImageScanInquireInfo: zeroInfo,
			},
		},
		{
			name: "available is total minus used; RFC 3339 times pass through; odd times kept with a warning",
			in: decode(t, `{"Response":{"TotalAuthorizedCnt":50,"UsedAuthorizedCnt":20,"CanApplyFreeImageAuthorize":true,
				"ImageScanInquireInfo":{"StartTime":"2024-09-24T05:01:18Z","EndTime":"next week"}}}`),
			want: imageAuthorizedInfoModel{
				TotalAuthorizedCnt: i(50), UsedAuthorizedCnt: i(20), AvailableAuthorizedCnt: i(30),
				ScannedImageCnt: i(0), NotScannedImageCnt: i(0), NotScannedLocalImageCnt: i(0),
				TrialAuthorizedCnt: i(0), UsedTrialAuthorizedCnt: i(0), PurchasedAuthorizedCnt: i(0),
				UsedPurchasedAuthorizedCnt: i(0), CanApplyFreeImageAuthorize: types.BoolValue(true),
				RepeatImageIDCnt: i(0),
				ImageScanInquireInfo: &imageScanInquireModel{
					Capacity: i(0), Usage: i(0), StartTime: s("2024-09-24T05:01:18Z"), EndTime: s("next week"),
					InquireKey: s(""), PurchaseStatus: s(""), ResourceID: s(""),
				},
			},
			warnings: 1,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := imageAuthorizedInfoModel{Timeouts: tc.want.Timeouts} // the configuration's, kept
			diags := flattenImageAuthorizedInfo(tc.in, &got)
			if diags.HasError() || diags.WarningsCount() != tc.warnings {
				t.Errorf("diagnostics %v, want %d warning(s)", diags, tc.warnings)
			}
			gotInfo, wantInfo := *got.ImageScanInquireInfo, *tc.want.ImageScanInquireInfo
			got.ImageScanInquireInfo, tc.want.ImageScanInquireInfo = nil, nil
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if gotInfo != wantInfo {
				t.Errorf("image_scan_inquire_info: got %+v, want %+v", gotInfo, wantInfo)
			}
		})
	}
}

func TestAvailable(t *testing.T) {
	cases := []struct{ total, used, want int64 }{
		{50, 20, 30},
		{20, 20, 0},
		{20, 50, 0}, // over-used while a purchase lapses: never below zero
		{0, 0, 0},
		{-5, 0, 0},
		{math.MaxInt64, -1, math.MaxInt64}, // saturates instead of wrapping
		{math.MaxInt64, 0, math.MaxInt64},
	}
	for _, tc := range cases {
		if got := available(tc.total, tc.used); got != tc.want {
			t.Errorf("available(%d, %d) = %d, want %d", tc.total, tc.used, got, tc.want)
		}
	}
}

// The model struct must match the schema exactly; State.Set refuses any missing or extra field.
func TestModelMatchesSchema(t *testing.T) {
	m := imageAuthorizedInfoModel{Timeouts: attrs.NullTimeouts()}
	flattenImageAuthorizedInfo(nil, &m)
	m.ID, m.Region = types.StringValue("ap-guangzhou"), types.StringValue("ap-guangzhou")
	attrstest.CheckModel(t, NewImageAuthorizedInfoDataSource(), &m)
}

// The SDK's counts are uint64: omitted is 0, and one beyond int64 saturates.
func TestCount(t *testing.T) {
	big, five := uint64(math.MaxUint64), uint64(5)
	for _, tc := range []struct {
		in   *uint64
		want int64
	}{{nil, 0}, {&five, 5}, {&big, math.MaxInt64}} {
		if got := count(tc.in).ValueInt64(); got != tc.want {
			t.Errorf("count(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
}
