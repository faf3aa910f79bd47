package tencentvpc

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

var _ datasource.DataSourceWithConfigure = (*eipQuotasDataSource)(nil)

// NewEIPQuotasDataSource is the factory for cloudquota_tencentcloud_eip_quotas.
func NewEIPQuotasDataSource() datasource.DataSource {
	return &eipQuotasDataSource{conns.DataSource{TypeName: "_tencentcloud_eip_quotas"}}
}

type eipQuotasDataSource struct{ conns.DataSource }

type eipQuotasModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
}

var eipShape = quotas.Shape{
	Keys: "the quota's ID as the API sends it (`QuotaId`), such as `TOTAL_EIP_QUOTA` (EIPs held in the region) or " +
		"`DAILY_EIP_APPLY` (EIPs applied for today)",
	Extras: map[string]schema.Attribute{
		"group": schema.StringAttribute{Computed: true,
			MarkdownDescription: "The network group the quota belongs to (`QuotaGroup`), such as the region; `\"\"` when the API sends null."},
	},
}

func (d *eipQuotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := map[string]schema.Attribute{
		"id":     attrs.ID(),
		"region": attrs.Region("Tencent Cloud", "TENCENTCLOUD_REGION"),
	}
	for name, a := range eipShape.Attributes() {
		attributes[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Elastic public IP (EIP) quotas of a Tencent Cloud region with their usage: EIPs held, " +
			"daily applications and reassignments, IPv6 EIPs (VPC API `DescribeAddressQuota`, version " + APIVersion +
			"). Daily quotas (`DAILY_*`) count today's operations, not resources held.\n\n" + quotas.Rules,
		Blocks:     map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: attributes,
	}
}

func (d *eipQuotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *eipQuotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *eipQuotasModel) (diag.Diagnostics, error) {
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "DescribeAddressQuota",
				vpc.NewDescribeAddressQuotaRequest(), vpc.NewDescribeAddressQuotaResponse)
			if err != nil {
				return nil, err
			}
			diags := flattenEIPQuotas(out.Response, m)
			m.ID = types.StringValue(target.Region)
			m.Region = types.StringValue(target.Region)
			return diags, nil
		})
}

var _ attrs.Flatten[vpc.DescribeAddressQuotaResponseParams, eipQuotasModel] = flattenEIPQuotas

// flattenEIPQuotas fills the computed part of m from the answer (id and region are the caller's).
func flattenEIPQuotas(in *vpc.DescribeAddressQuotaResponseParams, m *eipQuotasModel) diag.Diagnostics {
	if in == nil {
		in = &vpc.DescribeAddressQuotaResponseParams{}
	}
	qs := map[string]quotas.Quota{}
	for _, e := range in.QuotaSet {
		if e != nil {
			addQuota(qs, str(e.QuotaId), e.QuotaLimit, e.QuotaCurrent, map[string]attr.Value{"group": types.StringValue(str(e.QuotaGroup))})
		}
	}
	var diags diag.Diagnostics
	m.Quotas, m.Limits, diags = eipShape.Values(quotas.Answer{Quotas: qs})
	return diags
}
