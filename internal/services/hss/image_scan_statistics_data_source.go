// Package hss holds the Huawei Cloud Host Security Service (HSS) data sources.
package hss

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	hss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

var _ datasource.DataSourceWithConfigure = (*imageScanStatisticsDataSource)(nil)

// NewImageScanStatisticsDataSource is the factory for cloudquota_hss_image_scan_statistics.
func NewImageScanStatisticsDataSource() datasource.DataSource {
	return &imageScanStatisticsDataSource{conns.DataSource{TypeName: "_hss_image_scan_statistics"}}
}

type imageScanStatisticsDataSource struct{ conns.DataSource }

type imageScanStatisticsModel struct {
	ID                  types.String      `tfsdk:"id"`
	Region              types.String      `tfsdk:"region"`
	Timeouts            timeouts.Value    `tfsdk:"timeouts"`
	EnterpriseProjectID types.String      `tfsdk:"enterprise_project_id"`
	RepositoryScanNum   types.Int64       `tfsdk:"repository_scan_num"`
	CicdScanNum         types.Int64       `tfsdk:"cicd_scan_num"`
	FreeQuotaNum        types.Int64       `tfsdk:"free_quota_num"`
	AlreadyGiven        types.Bool        `tfsdk:"already_given"`
	ImageFreeQuota      types.Int64       `tfsdk:"image_free_quota"`
	HighRisk            *imageCountsModel `tfsdk:"high_risk"`
	HasRisk             *imageCountsModel `tfsdk:"has_risk"`
	Total               *imageCountsModel `tfsdk:"total"`
	Unscan              *imageCountsModel `tfsdk:"unscan"`
}

// imageCountsModel is the API's ImageTypeRiskInfo, with its `registriy` spelled correctly.
type imageCountsModel struct {
	Local    types.Int64 `tfsdk:"local"`
	Registry types.Int64 `tfsdk:"registry"`
	Cicd     types.Int64 `tfsdk:"cicd"`
}

func (d *imageScanStatisticsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	counts := func(what string) schema.SingleNestedAttribute {
		return schema.SingleNestedAttribute{
			MarkdownDescription: what + ", by where the images are.",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"local":    attrs.Count("Local images (on hosts)."),
				"registry": attrs.Count("Registry images (the API's `registriy`)."),
				"cicd":     attrs.Count("CI/CD images."),
			},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Pay-per-scan statistics of Huawei Cloud HSS container image scanning " +
			"(API `ShowImagePayPerScanStatistics`, `GET /v5/{project_id}/image/pay-per-scan/statistics`): " +
			"scans used, free scans left, and image counts by risk.\n\n" + attrs.ZeroRule,
		Blocks: map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: map[string]schema.Attribute{
			"id":                    attrs.ID(),
			"region":                attrs.Region("Huawei Cloud", "HW_REGION_NAME"),
			"enterprise_project_id": enterpriseProjectIDAttribute(),
			"repository_scan_num":   attrs.Count("Successful scans of registry images."),
			"cicd_scan_num":         attrs.Count("Successful scans of CI/CD images."),
			"free_quota_num":        attrs.Count("Free scans remaining."),
			"already_given": schema.BoolAttribute{
				MarkdownDescription: "Whether the free scans have been granted.",
				Computed:            true,
			},
			"image_free_quota": attrs.Count("Free scans granted on first visit to the container image console."),
			"high_risk":        counts("High-risk images"),
			"has_risk":         counts("Images with any risk"),
			"total":            counts("All images"),
			"unscan":           counts("Images not yet scanned"),
		},
	}
}

// enterpriseProjectIDAttribute is shared by both HSS data sources.
func enterpriseProjectIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Enterprise project to query; `all_granted_eps` for all of them. Defaults to the " +
			"provider's `enterprise_project_id`, else the API's default `0` (the default enterprise project). " +
			"Computed: the value in effect.",
		Optional:   true,
		Computed:   true,
		Validators: []validator.String{stringvalidator.LengthBetween(1, 256)},
	}
}

// enterpriseProjectID applies the argument > provider default > API default order; the
// API default is not sent, only reported.
func enterpriseProjectID(arg types.String, c *conns.Client) (sent *string, effective string) {
	v := arg.ValueString()
	if v == "" {
		v = huawei.ConfigOf(c).EnterpriseProjectID
	}
	if v == "" {
		return nil, "0"
	}
	return &v, v
}

func (d *imageScanStatisticsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *imageScanStatisticsModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *imageScanStatisticsModel) (diag.Diagnostics, error) {
			eps, effective := enterpriseProjectID(m.EnterpriseProjectID, d.Client)
			request := &model.ShowImagePayPerScanStatisticsRequest{EnterpriseProjectId: eps}
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "ShowImagePayPerScanStatistics", request,
				(*hss.HssClient).ShowImagePayPerScanStatistics)
			if err != nil {
				return nil, err
			}
			diags := flattenImageScanStatistics(out, m)
			m.ID = types.StringValue(strings.Join([]string{target.Project, effective}, "/"))
			m.Region = types.StringValue(target.Region)
			m.EnterpriseProjectID = types.StringValue(effective)
			return diags, nil
		})
}

var _ attrs.Flatten[model.ShowImagePayPerScanStatisticsResponse, imageScanStatisticsModel] = flattenImageScanStatistics

// flattenImageScanStatistics fills the computed part of m from the API response.
//
//nolint:unparam // attrs.Flatten is one signature for every mapping, and some mappings warn
func flattenImageScanStatistics(out *model.ShowImagePayPerScanStatisticsResponse, m *imageScanStatisticsModel) diag.Diagnostics {
	if out == nil {
		out = &model.ShowImagePayPerScanStatisticsResponse{}
	}
	m.RepositoryScanNum = attrs.Int64(out.RepositoryScanNum)
	m.CicdScanNum = attrs.Int64(out.CicdScanNum)
	m.FreeQuotaNum = attrs.Int64(out.FreeQuotaNum)
	m.AlreadyGiven = attrs.Bool(out.AlreadyGiven)
	m.ImageFreeQuota = attrs.Int64(out.ImageFreeQuota)
	m.HighRisk = flattenImageCounts(out.HighRisk)
	m.HasRisk = flattenImageCounts(out.HasRisk)
	m.Total = flattenImageCounts(out.Total)
	m.Unscan = flattenImageCounts(out.Unscan)
	return nil
}

func flattenImageCounts(in *model.ImageTypeRiskInfo) *imageCountsModel {
	if in == nil {
		in = &model.ImageTypeRiskInfo{}
	}
	return &imageCountsModel{
		Local:    attrs.Int64(in.Local),
		Registry: attrs.Int64(in.Registriy),
		Cicd:     attrs.Int64(in.Cicd),
	}
}
