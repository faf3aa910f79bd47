package tencentvpc

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	vpc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/vpc/v20170312"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

var _ datasource.DataSourceWithConfigure = (*vpcQuotasDataSource)(nil)

// NewVPCQuotasDataSource is the factory for cloudquota_tencentcloud_vpc_quotas.
func NewVPCQuotasDataSource() datasource.DataSource {
	return &vpcQuotasDataSource{conns.DataSource{TypeName: "_tencentcloud_vpc_quotas"}}
}

type vpcQuotasDataSource struct{ conns.DataSource }

// Products are the network products DescribeProductQuota answers for (its Product parameter).
var Products = []string{"vpc", "ccn", "vpn", "dc", "dfw", "clb", "eip"}

// DefaultProduct is the product read when `product` is unset.
const DefaultProduct = "vpc"

type vpcQuotasModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Product  types.String   `tfsdk:"product"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
}

var vpcShape = quotas.Shape{
	Keys: "the quota's ID as the API sends it (`QuotaId`)",
	Extras: map[string]schema.Attribute{
		"name": schema.StringAttribute{Computed: true,
			MarkdownDescription: "The quota's name as the API sends it (`QuotaName`), in the API's language."},
		"regional": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "Whether the quota counts per region (`QuotaRegion`); false for account-wide quotas."},
	},
}

func (d *vpcQuotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attributes := map[string]schema.Attribute{
		"id":     attrs.ID(),
		"region": attrs.Region("Tencent Cloud", "TENCENTCLOUD_REGION"),
		"product": schema.StringAttribute{
			MarkdownDescription: "The network product whose quotas to read: one of `" + strings.Join(Products, "`, `") +
				"`. Default `" + DefaultProduct + "`; computed: the product read.",
			Optional:   true,
			Computed:   true,
			Validators: []validator.String{stringvalidator.OneOf(Products...)},
		},
	}
	for name, a := range vpcShape.Attributes() {
		attributes[name] = a
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Quotas of one Tencent Cloud network product (VPC, CCN, VPN, Direct Connect, " +
			"firewall, CLB or EIP) with their usage (VPC API `DescribeProductQuota`, version " + APIVersion + "). " +
			"The API names its quotas by ID; `name` says what each counts.\n\n" + quotas.Rules,
		Blocks:     map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: attributes,
	}
}

func (d *vpcQuotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *vpcQuotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *vpcQuotasModel) (diag.Diagnostics, error) {
			product := m.Product.ValueString()
			if product == "" {
				product = DefaultProduct
			}
			r := vpc.NewDescribeProductQuotaRequest()
			r.Product = &product
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), "DescribeProductQuota", r,
				vpc.NewDescribeProductQuotaResponse)
			if err != nil {
				return nil, err
			}
			diags := flattenVPCQuotas(out.Response, m)
			m.ID = types.StringValue(target.Region + "/" + product)
			m.Region = types.StringValue(target.Region)
			m.Product = types.StringValue(product)
			return diags, nil
		})
}

var _ attrs.Flatten[vpc.DescribeProductQuotaResponseParams, vpcQuotasModel] = flattenVPCQuotas

// flattenVPCQuotas fills the computed part of m from the answer (id, region and product are
// the caller's).
func flattenVPCQuotas(in *vpc.DescribeProductQuotaResponseParams, m *vpcQuotasModel) diag.Diagnostics {
	if in == nil {
		in = &vpc.DescribeProductQuotaResponseParams{}
	}
	qs := map[string]quotas.Quota{}
	for _, e := range in.ProductQuotaSet {
		if e == nil {
			continue
		}
		addQuota(qs, str(e.QuotaId), e.QuotaLimit, e.QuotaCurrent, map[string]attr.Value{
			"name": types.StringValue(str(e.QuotaName)), "regional": types.BoolValue(e.QuotaRegion != nil && *e.QuotaRegion),
		})
	}
	var diags diag.Diagnostics
	m.Quotas, m.Limits, diags = vpcShape.Values(quotas.Answer{Quotas: qs})
	return diags
}

// addQuota adds one entry of a QuotaId-keyed answer; the extras are the first entry's, and an
// ID listed twice has its figures added (quotas.Add: a -1 limit stays unlimited).
func addQuota(qs map[string]quotas.Quota, key string, limit, used *int64, extra map[string]attr.Value) {
	_, seen := qs[key]
	quotas.Add(qs, key, inum(limit), inum(used))
	if !seen {
		q := qs[key]
		q.Extra = extra
		qs[key] = q
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// inum is an omitted count as 0.
func inum(p *int64) float64 {
	if p == nil {
		return 0
	}
	return float64(*p)
}
