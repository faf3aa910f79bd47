package hss

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
)

func i32(v int32) *int32      { return &v }
func str(v string) *string    { return &v }
func boolean(v bool) *bool    { return &v }
func i64(v int64) types.Int64 { return types.Int64Value(v) }

func TestFlattenImageScanStatistics(t *testing.T) {
	zeros := &imageCountsModel{Local: i64(0), Registry: i64(0), Cicd: i64(0)}
	cases := []struct {
		name string
		in   *model.ShowImagePayPerScanStatisticsResponse
		want imageScanStatisticsModel
	}{
		{
			name: "nil response reads as zeros",
			in:   nil,
			want: imageScanStatisticsModel{
				RepositoryScanNum: i64(0), CicdScanNum: i64(0), FreeQuotaNum: i64(0),
				AlreadyGiven: types.BoolValue(false), ImageFreeQuota: i64(0),
				HighRisk: zeros, HasRisk: zeros, Total: zeros, Unscan: zeros,
			},
		},
		{
			name: "every field, registriy spelled right",
			in: &model.ShowImagePayPerScanStatisticsResponse{
				RepositoryScanNum: i32(5), CicdScanNum: i32(10), FreeQuotaNum: i32(2),
				AlreadyGiven: boolean(true), ImageFreeQuota: i32(10),
				HighRisk: &model.ImageTypeRiskInfo{Local: i32(1), Registriy: i32(2), Cicd: i32(3)},
				HasRisk:  &model.ImageTypeRiskInfo{Registriy: i32(7)},
				Total:    &model.ImageTypeRiskInfo{Local: i32(100), Registriy: i32(200), Cicd: i32(300)},
			},
			want: imageScanStatisticsModel{
				RepositoryScanNum: i64(5), CicdScanNum: i64(10), FreeQuotaNum: i64(2),
				AlreadyGiven: types.BoolValue(true), ImageFreeQuota: i64(10),
				HighRisk: &imageCountsModel{Local: i64(1), Registry: i64(2), Cicd: i64(3)},
				HasRisk:  &imageCountsModel{Local: i64(0), Registry: i64(7), Cicd: i64(0)},
				Total:    &imageCountsModel{Local: i64(100), Registry: i64(200), Cicd: i64(300)},
				Unscan:   zeros,
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got imageScanStatisticsModel
			flattenImageScanStatistics(tc.in, &got)
			if got.RepositoryScanNum != tc.want.RepositoryScanNum || got.CicdScanNum != tc.want.CicdScanNum ||
				got.FreeQuotaNum != tc.want.FreeQuotaNum || got.AlreadyGiven != tc.want.AlreadyGiven ||
				got.ImageFreeQuota != tc.want.ImageFreeQuota {
				t.Errorf("scalars: got %+v, want %+v", got, tc.want)
			}
			for name, pair := range map[string][2]*imageCountsModel{
				"high_risk": {got.HighRisk, tc.want.HighRisk}, "has_risk": {got.HasRisk, tc.want.HasRisk},
				"total": {got.Total, tc.want.Total}, "unscan": {got.Unscan, tc.want.Unscan},
			} {
				if pair[0] == nil || *pair[0] != *pair[1] {
					t.Errorf("%s: got %+v, want %+v", name, pair[0], pair[1])
				}
			}
		})
	}
}

func TestFlattenResourceQuotas(t *testing.T) {
	cases := []struct {
		name                   string
		in                     *model.ShowResourceQuotasResponse
		quotas                 int
		total, used, available int64
		firstResources         int
	}{
		{name: "nil response", in: nil},
		{name: "no data_list", in: &model.ShowResourceQuotasResponse{}},
		{
			name: "sums over editions, omitted counts are 0",
			in: &model.ShowResourceQuotasResponse{DataList: &[]model.ResourceQuotasInfo{
				{Version: str("hss.version.basic"), TotalNum: i32(2), UsedNum: i32(1), AvailableNum: i32(1),
					AvailableResourcesList: &[]model.AvailableResourceIdsInfo{{ResourceId: str("r1")}, {}}},
				{Version: str("hss.version.premium"), TotalNum: i32(50), UsedNum: i32(30), AvailableNum: i32(20)},
				{Version: str("hss.version.wtp")},
			}},
			quotas: 3, total: 52, used: 31, available: 21, firstResources: 2,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var m resourceQuotasModel
			flattenResourceQuotas(tc.in, &m)
			if m.Quotas == nil {
				t.Fatal("quotas must be [] rather than null")
			}
			if len(m.Quotas) != tc.quotas {
				t.Fatalf("quotas: got %d, want %d", len(m.Quotas), tc.quotas)
			}
			if m.TotalNum != i64(tc.total) || m.UsedNum != i64(tc.used) || m.AvailableNum != i64(tc.available) {
				t.Errorf("sums: got %v/%v/%v, want %d/%d/%d", m.TotalNum, m.UsedNum, m.AvailableNum, tc.total, tc.used, tc.available)
			}
			for _, q := range m.Quotas {
				if q.AvailableResources == nil {
					t.Error("available_resources must be [] rather than null")
				}
				if q.TotalNum.IsNull() || q.Version.IsNull() {
					t.Errorf("null in %+v", q)
				}
			}
			if tc.quotas > 0 {
				if got := len(m.Quotas[0].AvailableResources); got != tc.firstResources {
					t.Errorf("first quota's resources: got %d, want %d", got, tc.firstResources)
				}
				empty := m.Quotas[0].AvailableResources[1]
				if empty.ResourceID != types.StringValue("") || empty.SharedQuota != types.StringValue("") {
					t.Errorf("omitted strings must read as \"\": %+v", empty)
				}
			}
		})
	}
}

// The model structs must match the schemas exactly; State.Set refuses any missing or extra field.
func TestModelsMatchSchemas(t *testing.T) {
	ctx := context.Background()
	statistics := imageScanStatisticsModel{Timeouts: attrs.NullTimeouts()}
	flattenImageScanStatistics(nil, &statistics)
	quotas := resourceQuotasModel{Timeouts: attrs.NullTimeouts()}
	flattenResourceQuotas(&model.ShowResourceQuotasResponse{DataList: &[]model.ResourceQuotasInfo{{
		AvailableResourcesList: &[]model.AvailableResourceIdsInfo{{}},
	}}}, &quotas)
	cases := []struct {
		name  string
		ds    datasource.DataSource
		model any
	}{
		{"hss_image_scan_statistics", NewImageScanStatisticsDataSource(), &statistics},
		{"hss_resource_quotas", NewResourceQuotasDataSource(), &quotas},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var resp datasource.SchemaResponse
			tc.ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatal(resp.Diagnostics)
			}
			if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
				t.Fatal(diags)
			}
			state := tfsdk.State{Schema: resp.Schema, Raw: tftypes.NewValue(resp.Schema.Type().TerraformType(ctx), nil)}
			if diags := state.Set(ctx, tc.model); diags.HasError() {
				t.Fatalf("model does not match schema: %v", diags)
			}
		})
	}
}
