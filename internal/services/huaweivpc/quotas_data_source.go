// Package huaweivpc holds the Huawei Cloud VPC data sources.
package huaweivpc

import (
	"context"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	vpc "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2/model"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

var _ datasource.DataSourceWithConfigure = (*quotasDataSource)(nil)

// Types are the resource types the API documents for its `type` query parameter (VPC API
// reference, 查询配额). The SDK's enumeration stops at routetableContainRoutes; the API
// also documents address_group and flow_log, which are sent all the same.
var Types = []string{
	"vpc", "subnet", "securityGroup", "securityGroupRule", "publicIp", "vpn", "vpngw", "vpcPeer", "firewall",
	"shareBandwidth", "shareBandwidthIP", "loadbalancer", "listener", "physicalConnect", "virtualInterface",
	"vpcContainRoutetable", "routetableContainRoutes", "address_group", "flow_log",
}

// NewQuotasDataSource is the factory for cloudquota_huaweicloud_vpc_quotas.
func NewQuotasDataSource() datasource.DataSource {
	return &quotasDataSource{conns.DataSource{TypeName: "_huaweicloud_vpc_quotas"}}
}

type quotasDataSource struct{ conns.DataSource }

type quotasModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Type     types.String   `tfsdk:"type"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
}

var shape = quotas.Shape{
	Keys: "each resource's `type` as the API sends it (`vpc`, `subnet`, `securityGroup`, `securityGroupRule`, " +
		"`publicIp`, ...; exactly those the answer holds)",
	Extras: map[string]schema.Attribute{
		"min": schema.Float64Attribute{Computed: true,
			MarkdownDescription: "The lowest value this quota may be changed to (the API's `min`)."},
	},
}

func (d *quotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	as := shape.Attributes()
	as["id"] = attrs.ID()
	as["region"] = attrs.Region("Huawei Cloud", "HW_REGION_NAME")
	as["type"] = schema.StringAttribute{
		MarkdownDescription: "Only this resource type: one of `" + strings.Join(Types, "`, `") + "`. All types " +
			"when unset. Sent as the `type` query parameter.",
		Optional:   true,
		Validators: []validator.String{stringvalidator.OneOf(Types...)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The network quotas of a Huawei Cloud project, with what is used of each (API " +
			"`ShowQuota`, `GET /v1/{project_id}/quotas`): VPCs, subnets, security groups and their rules, EIPs " +
			"(`publicIp`), VPNs, peerings, shared bandwidths, load balancers and more.\n\n" + quotas.Rules,
		Blocks:     map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: as,
	}
}

func (d *quotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *quotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *quotasModel) (diag.Diagnostics, error) {
			request, err := buildShowQuotaRequest(m.Type.ValueString())
			if err != nil {
				return nil, err
			}
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "ShowQuota", request, (*vpc.VpcClient).ShowQuota)
			if err != nil {
				return nil, err
			}
			diags := flattenQuota(out, m)
			m.Region = types.StringValue(target.Region)
			m.ID = types.StringValue(target.Project + "/" + m.Type.ValueString())
			return diags, nil
		})
}

// buildShowQuotaRequest sends typ ("" = every type). The SDK's type enumeration has no
// setter and lacks the newer documented types, so the value goes in through the enum's own
// JSON decoding, which takes any string; the schema has already checked it.
func buildShowQuotaRequest(typ string) (*model.ShowQuotaRequest, error) {
	request := &model.ShowQuotaRequest{}
	if typ == "" {
		return request, nil
	}
	var t model.ShowQuotaRequestType
	if err := t.UnmarshalJSON([]byte(strconv.Quote(typ))); err != nil {
		return nil, err
	}
	request.Type = &t
	return request, nil
}

var _ attrs.Flatten[model.ShowQuotaResponse, quotasModel] = flattenQuota

// flattenQuota keys `quotas` by each resource's type as sent. A type the answer lists twice
// (no documented answer does) keeps its last entry rather than summing two views of one quota.
func flattenQuota(out *model.ShowQuotaResponse, m *quotasModel) diag.Diagnostics {
	answer := quotas.Answer{Quotas: map[string]quotas.Quota{}}
	if out != nil && out.Quotas != nil {
		for _, r := range out.Quotas.Resources {
			answer.Quotas[r.Type.Value()] = quotas.Quota{
				Limit: float64(r.Quota), Used: float64(r.Used),
				Extra: map[string]attr.Value{"min": types.Float64Value(float64(r.Min))},
			}
		}
	}
	var diags diag.Diagnostics
	m.Quotas, m.Limits, diags = shape.Values(answer)
	return diags
}
