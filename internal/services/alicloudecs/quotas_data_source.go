package alicloudecs

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

var _ datasource.DataSourceWithConfigure = (*quotasDataSource)(nil)

// NewQuotasDataSource is the factory for cloudquota_alicloud_ecs_quotas.
func NewQuotasDataSource() datasource.DataSource {
	return &quotasDataSource{conns.DataSource{TypeName: "_alicloud_ecs_quotas"}}
}

type quotasDataSource struct{ conns.DataSource }

const action = "DescribeAccountAttributes"

// Attributes are the attributes requested (AttributeName.N), as SPEC names them.
var Attributes = []string{
	"max-postpaid-instance-vcpu-count", "used-postpaid-instance-vcpu-count",
	"max-spot-instance-vcpu-count", "used-spot-instance-vcpu-count",
	"max-security-groups", "max-elastic-network-interfaces", "max-dedicated-hosts",
}

// accountAttributes is DescribeAccountAttributes' answer, the fields read here in the
// API's spelling.
type accountAttributes struct {
	RequestID             *string         `json:"RequestId"`
	AccountAttributeItems *attributeItems `json:"AccountAttributeItems"`
}

type attributeItems struct {
	AccountAttributeItem []attributeItem `json:"AccountAttributeItem"`
}

type attributeItem struct {
	AttributeName   *string          `json:"AttributeName"`
	AttributeValues *attributeValues `json:"AttributeValues"`
}

type attributeValues struct {
	ValueItem []valueItem `json:"ValueItem"`
}

// valueItem is one value; Value is documented as a string (a number as digits), and is
// kept as sent so that a value that is not a number can be named as it is.
type valueItem struct {
	Value  json.RawMessage `json:"Value"`
	ZoneID *string         `json:"ZoneId"`
}

type quotasModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Zone     types.String   `tfsdk:"zone"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
}

var shape = quotas.Shape{
	Keys: "the attribute name without `max-`/`used-`, followed by `/<ZoneId>` when the value names a zone: " +
		"`postpaid-instance-vcpu-count` (pay-as-you-go vCPUs) and `spot-instance-vcpu-count` (spot vCPUs), " +
		"each key that has both a `max-` and a `used-` value",
	LimitKeys: "the `max-` attributes without a `used-` twin, named alike: `security-groups`, " +
		"`elastic-network-interfaces`, `dedicated-hosts`",
}

func (d *quotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	at := map[string]schema.Attribute{
		"id":     attrs.ID(),
		"region": attrs.Region("Alibaba Cloud", "ALICLOUD_REGION"),
		"zone": schema.StringAttribute{
			MarkdownDescription: "A zone of the region (sent as `ZoneId`), e.g. `cn-hangzhou-b`: the values for that " +
				"zone. Unset: the region's.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
	for k, v := range shape.Attributes() {
		at[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "ECS resource quotas of the account in one region (API `DescribeAccountAttributes`, " +
			"version 2014-05-26): pay-as-you-go and spot vCPUs with their usage, and the maximum security groups, " +
			"elastic network interfaces and dedicated hosts. Each value (a string in the API) is read as a number; " +
			"values sharing a key are added; a value that is not a number is an error naming the attribute and " +
			"the value.\n\n" + quotas.Rules,
		Blocks:     map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: at,
	}
}

// request is DescribeAccountAttributes' parameters.
func request(region, zone string) map[string]string {
	req := map[string]string{"RegionId": region}
	if zone != "" {
		req["ZoneId"] = zone
	}
	for i, name := range Attributes {
		req[fmt.Sprintf("AttributeName.%d", i+1)] = name
	}
	return req
}

func (d *quotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *quotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *quotasModel) (diag.Diagnostics, error) {
			q := request(alibaba.Region(d.Client, m.Region.ValueString()), m.Zone.ValueString())
			out, target, err := call(ctx, d.Client, m.Region.ValueString(), action, q, func() *accountAttributes { return &accountAttributes{} })
			if err != nil {
				return nil, err
			}
			diags := flattenQuotas(out, m)
			id := target.Region
			if z := m.Zone.ValueString(); z != "" {
				id += "/" + z
			}
			m.ID = types.StringValue(id)
			m.Region = types.StringValue(target.Region)
			return diags, nil
		})
}

var _ attrs.Flatten[accountAttributes, quotasModel] = flattenQuotas

// flattenQuotas fills quotas and limits from the answer (the arguments, id and region are
// the caller's).
func flattenQuotas(in *accountAttributes, m *quotasModel) diag.Diagnostics {
	var diags diag.Diagnostics
	figures := map[string]quotas.Quota{}
	hasMax, hasUsed := map[string]bool{}, map[string]bool{}
	var items []attributeItem
	if in != nil && in.AccountAttributeItems != nil {
		items = in.AccountAttributeItems.AccountAttributeItem
	}
	for _, item := range items {
		name := attrs.String(item.AttributeName).ValueString()
		base, isMax := strings.CutPrefix(name, "max-")
		base, isUsed := strings.CutPrefix(base, "used-")
		if !isRequested(name) || item.AttributeValues == nil {
			continue // attributes not asked for are not ours to read
		}
		for _, v := range item.AttributeValues.ValueItem {
			n, err := number(v.Value)
			if err != nil {
				diags.AddError("Alibaba Cloud ECS value is not a number",
					fmt.Sprintf("DescribeAccountAttributes answered the attribute %q with the value %s, which is not a number.", name, err))
				continue
			}
			key := base
			if z := attrs.String(v.ZoneID).ValueString(); z != "" {
				key += "/" + z
			}
			switch {
			case isMax:
				hasMax[key] = true
				quotas.Add(figures, key, n, 0)
			case isUsed:
				hasUsed[key] = true
				quotas.Add(figures, key, 0, n)
			}
		}
	}
	if diags.HasError() {
		return diags
	}
	answer := quotas.Answer{Quotas: map[string]quotas.Quota{}, Limits: map[string]float64{}}
	for key, q := range figures {
		switch {
		case hasMax[key] && hasUsed[key]:
			answer.Quotas[key] = q
		case hasMax[key]:
			answer.Limits[key] = q.Limit
		}
	}
	var d diag.Diagnostics
	m.Quotas, m.Limits, d = shape.Values(answer)
	diags.Append(d...)
	return diags
}

func isRequested(name string) bool {
	for _, a := range Attributes {
		if a == name {
			return true
		}
	}
	return false
}

// number reads a value: a string of digits as documented, or a bare JSON number. The error
// is the value as sent, for the diagnostic.
func number(raw json.RawMessage) (float64, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		s = string(raw)
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || len(raw) == 0 {
		return 0, fmt.Errorf("%s", strconv.Quote(s))
	}
	return f, nil
}
