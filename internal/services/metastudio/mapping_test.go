package metastudio

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs/attrstest"
)

func str(v string) *string { return &v }

func TestFlattenResourcesCount(t *testing.T) {
	cases := []struct {
		name  string
		in    *model.CountTenantResourcesResponse
		n     int
		total int64
	}{
		{name: "nil response", in: nil},
		{name: "no list", in: &model.CountTenantResourcesResponse{}},
		{
			name: "sums, and float counts become exact integers",
			in: &model.CountTenantResourcesResponse{ResourcesCount: &[]model.ResourcesCount{
				{BusinessType: str("LIVE_2D"), Count: 1, ChargingMode: str("ONE_TIME"), ResourceSource: str("SP_ALLOCATED")},
				{BusinessType: str("VIDEO_2D"), Count: 12},
				{Count: 16777216},
			}},
			n: 3, total: 1 + 12 + 16777216,
		},
		{
			name: "NaN reads as 0, out-of-range saturates",
			in: &model.CountTenantResourcesResponse{ResourcesCount: &[]model.ResourcesCount{
				{Count: float32(math.NaN())}, {Count: float32(math.Inf(1))},
			}},
			n: 2, total: math.MaxInt64,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var m expiringResourcesModel
			flattenResourcesCount(tc.in, &m)
			got, total := m.Resources, m.TotalCount
			if got == nil {
				t.Fatal("resources must be [] rather than null")
			}
			if len(got) != tc.n || total != types.Int64Value(tc.total) {
				t.Errorf("got %d resources totalling %v, want %d totalling %d", len(got), total, tc.n, tc.total)
			}
			for _, r := range got {
				if r.BusinessType.IsNull() || r.ChargingMode.IsNull() || r.ResourceSource.IsNull() {
					t.Errorf("null string in %+v", r)
				}
			}
		})
	}
}

func TestBuildCountRequest(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 11, 23, 10, 30, 15, 999, time.FixedZone("CST", 8*3600))
	business, _ := types.SetValueFrom(ctx, types.StringType, []string{"VOICE_CLONE", "LIVE_2D"})
	cases := []struct {
		name                 string
		m                    expiringResourcesModel
		business, start, end *string
		stateStart, stateEnd string
	}{
		{
			name: "nothing set sends nothing",
			m:    expiringResourcesModel{Business: types.SetNull(types.StringType)},
		},
		{
			name:     "business sorted and comma-joined",
			m:        expiringResourcesModel{Business: business},
			business: str("LIVE_2D,VOICE_CLONE"),
		},
		{
			name: "explicit times pass through as written",
			m: expiringResourcesModel{
				Business:  types.SetNull(types.StringType),
				StartTime: attrs.Time{RFC3339: timetypes.NewRFC3339ValueMust("2026-01-01T00:00:00+08:00")},
				EndTime:   attrs.Time{RFC3339: timetypes.NewRFC3339ValueMust("2026-02-01T00:00:00Z")},
			},
			start: str("2026-01-01T00:00:00+08:00"), end: str("2026-02-01T00:00:00Z"),
			stateStart: "2026-01-01T00:00:00+08:00", stateEnd: "2026-02-01T00:00:00Z",
		},
		{
			name: "expiring_within is a window from the read, in UTC to the second",
			m: expiringResourcesModel{
				Business:       types.SetNull(types.StringType),
				ExpiringWithin: attrs.Duration{GoDuration: timetypes.NewGoDurationValue(720 * time.Hour)},
			},
			start: str("2026-11-23T02:30:15Z"), end: str("2026-12-23T02:30:15Z"),
			stateStart: "2026-11-23T02:30:15Z", stateEnd: "2026-12-23T02:30:15Z",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m
			req, diags := buildCountRequest(ctx, &m, at)
			if diags.HasError() {
				t.Fatal(diags)
			}
			for name, pair := range map[string][2]*string{
				"business": {req.Business, tc.business},
				"start":    {req.ResourceExpireStartTime, tc.start},
				"end":      {req.ResourceExpireEndTime, tc.end},
			} {
				if deref(pair[0]) != deref(pair[1]) || (pair[0] == nil) != (pair[1] == nil) {
					t.Errorf("%s: sent %q, want %q", name, deref(pair[0]), deref(pair[1]))
				}
			}
			if m.StartTime.ValueString() != tc.stateStart || m.EndTime.ValueString() != tc.stateEnd {
				t.Errorf("state window %q..%q, want %q..%q", m.StartTime.ValueString(), m.EndTime.ValueString(), tc.stateStart, tc.stateEnd)
			}
		})
	}
}

func TestModelMatchesSchema(t *testing.T) {
	m := expiringResourcesModel{Business: types.SetNull(types.StringType), Timeouts: attrs.NullTimeouts()}
	flattenResourcesCount(&model.CountTenantResourcesResponse{ResourcesCount: &[]model.ResourcesCount{{}}}, &m)
	attrstest.CheckModel(t, NewExpiringResourcesDataSource(), &m)
}
