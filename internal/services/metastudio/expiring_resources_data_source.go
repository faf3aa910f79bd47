// Package metastudio holds the Huawei Cloud MetaStudio data sources.
package metastudio

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	metastudio "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/metastudio/v1/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/validate"
)

var (
	_ datasource.DataSourceWithConfigure      = (*expiringResourcesDataSource)(nil)
	_ datasource.DataSourceWithValidateConfig = (*expiringResourcesDataSource)(nil)
)

// BusinessTypes are the API's documented business types (seed 004).
var BusinessTypes = []string{
	"VOICE_CLONE", "SYNTHETICS_SOUND", "ASSET_MANAGER", "MODELING_2D", "LIVE_2D", "VIDEO_2D", "CHAT_2D",
	"BUSINESS_CARD_2D", "PICTURE_2D", "MODELING_3D", "VDS_3D", "TTSA_3D", "FLEXUS_2D",
}

// NewExpiringResourcesDataSource is the factory for cloudquota_metastudio_expiring_resources.
func NewExpiringResourcesDataSource() datasource.DataSource {
	return &expiringResourcesDataSource{conns.DataSource{TypeName: "_metastudio_expiring_resources"}}
}

type expiringResourcesDataSource struct{ conns.DataSource }

type expiringResourcesModel struct {
	ID             types.String    `tfsdk:"id"`
	Region         types.String    `tfsdk:"region"`
	Timeouts       timeouts.Value  `tfsdk:"timeouts"`
	Business       types.Set       `tfsdk:"business"`
	StartTime      attrs.Time      `tfsdk:"resource_expire_start_time"`
	EndTime        attrs.Time      `tfsdk:"resource_expire_end_time"`
	ExpiringWithin attrs.Duration  `tfsdk:"expiring_within"`
	Resources      []resourceModel `tfsdk:"resources"`
	TotalCount     types.Int64     `tfsdk:"total_count"`
}

type resourceModel struct {
	BusinessType   types.String `tfsdk:"business_type"`
	Count          types.Int64  `tfsdk:"count"`
	ChargingMode   types.String `tfsdk:"charging_mode"`
	ResourceSource types.String `tfsdk:"resource_source"`
}

func (d *expiringResourcesDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	window := func(which string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: which + " of the expiry window, RFC 3339 (such as `2026-01-10T08:43:17Z`). " +
				"Conflicts with `expiring_within`. Computed: with `expiring_within`, the window actually queried.",
			Optional:   true,
			Computed:   true,
			CustomType: attrs.TimeType{},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Counts the Huawei Cloud MetaStudio yearly/monthly and one-off resources that expire " +
			"within a time window (API `CountTenantResources`, `GET /v1/{project_id}/tenants/resources-count`). " +
			"Use `expiring_within` for a window that starts at the moment of the read and is known at plan " +
			"time, unlike one built from `timestamp()`.\n\n" + attrs.ZeroRule,
		Blocks: map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: map[string]schema.Attribute{
			"id":     attrs.ID(),
			"region": attrs.Region("Huawei Cloud", "HW_REGION_NAME"),
			"business": schema.SetAttribute{
				MarkdownDescription: "Only these business types: any of `" + strings.Join(BusinessTypes, "`, `") +
					"`. All when unset. Sent comma-separated.",
				Optional:    true,
				ElementType: types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(BusinessTypes...)),
				},
			},
			"resource_expire_start_time": window("Start"),
			"resource_expire_end_time":   window("End"),
			"expiring_within": schema.StringAttribute{
				MarkdownDescription: "Window from the moment of the read to this far ahead, as a Go duration " +
					"such as `\"720h\"` (30 days). Conflicts with the two explicit times.",
				Optional:   true,
				CustomType: attrs.DurationType{},
				Validators: []validator.String{
					validate.PositiveDuration(),
					stringvalidator.ConflictsWith(
						path.MatchRoot("resource_expire_start_time"),
						path.MatchRoot("resource_expire_end_time"),
					),
				},
			},
			"resources": schema.ListNestedAttribute{
				MarkdownDescription: "Expiring resources, grouped as the API reports them (its `resources_count`).",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"business_type": schema.StringAttribute{
							MarkdownDescription: "Business type, such as `LIVE_2D`.",
							Computed:            true,
						},
						"count": attrs.Count("Number of resources."),
						"charging_mode": schema.StringAttribute{
							MarkdownDescription: "Billing: `PERIODIC`, `ONE_TIME` or `ON_DEMAND` (the API's values).",
							Computed:            true,
						},
						"resource_source": schema.StringAttribute{
							MarkdownDescription: "Origin: `PURCHASED`, `SP_ALLOCATED` or `ADMIN_ALLOCATED` (the API's values).",
							Computed:            true,
						},
					},
				},
			},
			"total_count": attrs.Count("Sum of `resources[*].count`."),
		},
	}
}

// ValidateConfig catches a window that ends before it starts, at plan time, before any request.
func (d *expiringResourcesDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var start, end attrs.Time
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("resource_expire_start_time"), &start)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("resource_expire_end_time"), &end)...)
	if resp.Diagnostics.HasError() || start.IsNull() || start.IsUnknown() || end.IsNull() || end.IsUnknown() {
		return
	}
	s, diags := start.ValueRFC3339Time()
	if diags.HasError() {
		return // the type has reported the syntax error
	}
	e, diags := end.ValueRFC3339Time()
	if diags.HasError() {
		return
	}
	if e.Before(s) {
		resp.Diagnostics.AddAttributeError(path.Root("resource_expire_end_time"), "Expiry window ends before it starts",
			"resource_expire_end_time ("+end.ValueString()+") is before resource_expire_start_time ("+
				start.ValueString()+").")
	}
}

func (d *expiringResourcesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *expiringResourcesModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *expiringResourcesModel) (diag.Diagnostics, error) {
			request, diags := buildCountRequest(ctx, m, d.Client.Configured())
			if diags.HasError() {
				return diags, nil
			}
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "CountTenantResources", request,
				(*metastudio.MetaStudioClient).CountTenantResources)
			if err != nil {
				return diags, err
			}
			diags.Append(flattenResourcesCount(out, m)...)
			m.Region = types.StringValue(target.Region)
			m.ID = types.StringValue(strings.Join([]string{
				target.Project, deref(request.Business), deref(request.ResourceExpireStartTime), deref(request.ResourceExpireEndTime),
			}, "/"))
			return diags, nil
		})
}

// buildCountRequest turns the arguments into the API request and records the effective
// window in m. expiring_within is resolved against at: the moment the provider was
// configured, so that every read of one plan sees the same window (and identical reads
// share one call).
func buildCountRequest(ctx context.Context, m *expiringResourcesModel, at time.Time) (*model.CountTenantResourcesRequest, diag.Diagnostics) {
	var diags diag.Diagnostics
	request := &model.CountTenantResourcesRequest{}
	if !m.Business.IsNull() {
		var business []string
		diags.Append(m.Business.ElementsAs(ctx, &business, false)...)
		sort.Strings(business)
		joined := strings.Join(business, ",")
		request.Business = &joined
	}
	if !m.ExpiringWithin.IsNull() {
		within, d := m.ExpiringWithin.ValueGoDuration()
		diags.Append(d...)
		start := at.UTC().Truncate(time.Second)
		m.StartTime = attrs.TimeValue(start)
		m.EndTime = attrs.TimeValue(start.Add(within))
	}
	// Explicit times go to the API exactly as written; RFC 3339 is what it documents.
	// An unset bound stays null: it is the API's open end, not a time.
	request.ResourceExpireStartTime = m.StartTime.ValueStringPointer()
	request.ResourceExpireEndTime = m.EndTime.ValueStringPointer()
	return request, diags
}

var _ attrs.Flatten[model.CountTenantResourcesResponse, expiringResourcesModel] = flattenResourcesCount

// flattenResourcesCount fills the computed part of m from the API's list, and its sum.
//
//nolint:unparam // attrs.Flatten is one signature for every mapping, and some mappings warn
func flattenResourcesCount(out *model.CountTenantResourcesResponse, m *expiringResourcesModel) diag.Diagnostics {
	resources := []resourceModel{}
	var total int64
	if out != nil && out.ResourcesCount != nil {
		for _, r := range *out.ResourcesCount {
			rm := resourceModel{
				BusinessType:   attrs.String(r.BusinessType),
				Count:          attrs.Int64FromFloat(r.Count),
				ChargingMode:   attrs.String(r.ChargingMode),
				ResourceSource: attrs.String(r.ResourceSource),
			}
			total += rm.Count.ValueInt64()
			resources = append(resources, rm)
		}
	}
	m.Resources, m.TotalCount = resources, types.Int64Value(total)
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
