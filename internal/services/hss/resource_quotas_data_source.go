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
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

var _ datasource.DataSourceWithConfigure = (*resourceQuotasDataSource)(nil)

// Versions and ChargingModes are the API's documented enumerations (seed 003).
var (
	Versions = []string{
		"hss.version.null", "hss.version.basic", "hss.version.advanced", "hss.version.enterprise",
		"hss.version.premium", "hss.version.wtp", "hss.version.container.enterprise",
	}
	ChargingModes = []string{"packet_cycle", "on_demand"}
)

// NewResourceQuotasDataSource is the factory for cloudquota_hss_resource_quotas.
func NewResourceQuotasDataSource() datasource.DataSource {
	return &resourceQuotasDataSource{conns.DataSource{TypeName: "_hss_resource_quotas"}}
}

type resourceQuotasDataSource struct{ conns.DataSource }

type resourceQuotasModel struct {
	ID                  types.String   `tfsdk:"id"`
	Region              types.String   `tfsdk:"region"`
	Timeouts            timeouts.Value `tfsdk:"timeouts"`
	EnterpriseProjectID types.String   `tfsdk:"enterprise_project_id"`
	Version             types.String   `tfsdk:"version"`
	ChargingMode        types.String   `tfsdk:"charging_mode"`
	Quotas              []quotaModel   `tfsdk:"quotas"`
	TotalNum            types.Int64    `tfsdk:"total_num"`
	UsedNum             types.Int64    `tfsdk:"used_num"`
	AvailableNum        types.Int64    `tfsdk:"available_num"`
}

type quotaModel struct {
	Version            types.String             `tfsdk:"version"`
	TotalNum           types.Int64              `tfsdk:"total_num"`
	UsedNum            types.Int64              `tfsdk:"used_num"`
	AvailableNum       types.Int64              `tfsdk:"available_num"`
	AvailableResources []availableResourceModel `tfsdk:"available_resources"`
}

type availableResourceModel struct {
	ResourceID  types.String `tfsdk:"resource_id"`
	CurrentTime types.String `tfsdk:"current_time"`
	SharedQuota types.String `tfsdk:"shared_quota"`
}

func (d *resourceQuotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "HSS protection quotas (licences) of a Huawei Cloud account: total, used and " +
			"available per edition, and the quota resources still free (API `ShowResourceQuotas`, " +
			"`GET /v5/{project_id}/billing/quotas`). The top-level `total_num`, `used_num` and `available_num` " +
			"are sums over `quotas`, ready for a precondition.\n\n" + attrs.ZeroRule,
		Blocks: map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: map[string]schema.Attribute{
			"id":                    attrs.ID(),
			"region":                attrs.Region("Huawei Cloud", "HW_REGION_NAME"),
			"enterprise_project_id": enterpriseProjectIDAttribute(),
			"version": schema.StringAttribute{
				MarkdownDescription: "Only quotas of this HSS edition: one of `" + strings.Join(Versions, "`, `") +
					"`. All editions when unset.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(Versions...)},
			},
			"charging_mode": schema.StringAttribute{
				MarkdownDescription: "Only quotas billed this way: `packet_cycle` (yearly/monthly) or `on_demand`. " +
					"All when unset.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(ChargingModes...)},
			},
			"quotas": schema.ListNestedAttribute{
				MarkdownDescription: "Quota statistics, one element per edition (the API's `data_list`).",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"version": schema.StringAttribute{
							MarkdownDescription: "HSS edition, such as `hss.version.premium` (the API's values).",
							Computed:            true,
						},
						"total_num":     attrs.Count("Total quotas."),
						"used_num":      attrs.Count("Quotas in use."),
						"available_num": attrs.Count("Quotas available."),
						"available_resources": schema.ListNestedAttribute{
							MarkdownDescription: "Quota resources still available (the API's `available_resources_list`).",
							Computed:            true,
							NestedObject: schema.NestedAttributeObject{
								Attributes: map[string]schema.Attribute{
									"resource_id": schema.StringAttribute{
										MarkdownDescription: "Resource ID of the quota.",
										Computed:            true,
									},
									"current_time": schema.StringAttribute{
										MarkdownDescription: "The API's current time for the entry (RFC 3339, passed through).",
										Computed:            true,
									},
									"shared_quota": schema.StringAttribute{
										MarkdownDescription: "Whether the quota is shared: `shared` or `unshared` (the API's values).",
										Computed:            true,
									},
								},
							},
						},
					},
				},
			},
			"total_num":     attrs.Count("Sum of `quotas[*].total_num`."),
			"used_num":      attrs.Count("Sum of `quotas[*].used_num`."),
			"available_num": attrs.Count("Sum of `quotas[*].available_num`."),
		},
	}
}

func (d *resourceQuotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *resourceQuotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *resourceQuotasModel) (diag.Diagnostics, error) {
			eps, effective := enterpriseProjectID(m.EnterpriseProjectID, d.Client)
			request := &model.ShowResourceQuotasRequest{
				EnterpriseProjectId: eps,
				Version:             m.Version.ValueStringPointer(),
				ChargingMode:        m.ChargingMode.ValueStringPointer(),
			}
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "ShowResourceQuotas", request,
				(*hss.HssClient).ShowResourceQuotas)
			if err != nil {
				return nil, err
			}
			diags := flattenResourceQuotas(out, m)
			m.ID = types.StringValue(strings.Join([]string{
				target.Project, effective, m.Version.ValueString(), m.ChargingMode.ValueString(),
			}, "/"))
			m.Region = types.StringValue(target.Region)
			m.EnterpriseProjectID = types.StringValue(effective)
			return diags, nil
		})
}

var _ attrs.Flatten[model.ShowResourceQuotasResponse, resourceQuotasModel] = flattenResourceQuotas

// flattenResourceQuotas fills the computed part of m from the API response, sums included.
//
//nolint:unparam // attrs.Flatten is one signature for every mapping, and some mappings warn
func flattenResourceQuotas(out *model.ShowResourceQuotasResponse, m *resourceQuotasModel) diag.Diagnostics {
	m.Quotas = []quotaModel{}
	var total, used, available int64
	if out != nil && out.DataList != nil {
		for _, q := range *out.DataList {
			qm := quotaModel{
				Version:            attrs.String(q.Version),
				TotalNum:           attrs.Int64(q.TotalNum),
				UsedNum:            attrs.Int64(q.UsedNum),
				AvailableNum:       attrs.Int64(q.AvailableNum),
				AvailableResources: []availableResourceModel{},
			}
			if q.AvailableResourcesList != nil {
				for _, r := range *q.AvailableResourcesList {
					qm.AvailableResources = append(qm.AvailableResources, availableResourceModel{
						ResourceID:  attrs.String(r.ResourceId),
						CurrentTime: attrs.String(r.CurrentTime),
						SharedQuota: attrs.String(r.SharedQuota),
					})
				}
			}
			total += qm.TotalNum.ValueInt64()
			used += qm.UsedNum.ValueInt64()
			available += qm.AvailableNum.ValueInt64()
			m.Quotas = append(m.Quotas, qm)
		}
	}
	m.TotalNum = types.Int64Value(total)
	m.UsedNum = types.Int64Value(used)
	m.AvailableNum = types.Int64Value(available)
	return nil
}
