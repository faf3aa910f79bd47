package alicloudquotas

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
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

// NewQuotasDataSource is the factory for cloudquota_alicloud_quotas.
func NewQuotasDataSource() datasource.DataSource {
	return &quotasDataSource{conns.DataSource{TypeName: "_alicloud_quotas"}}
}

type quotasDataSource struct{ conns.DataSource }

const action = "ListProductQuotas"

// Categories are ListProductQuotas' QuotaCategory values.
var Categories = []string{"CommonQuota", "FlowControl", "WhiteListLabel"}

// pageSize is MaxResults: the largest page every copy of the API reference allows.
const pageSize = 100

// productQuotasPage is one page of ListProductQuotas' answer, the fields read here in the
// API's spelling. The generated quotas module is not available, so the generic OpenAPI
// client's body is decoded into this type of ours.
type productQuotasPage struct {
	RequestID  *string        `json:"RequestId"`
	NextToken  *string        `json:"NextToken"`
	TotalCount *number        `json:"TotalCount"`
	MaxResults *number        `json:"MaxResults"`
	Quotas     []productQuota `json:"Quotas"`
}

// productQuota is one quota of the answer.
type productQuota struct {
	QuotaActionCode  *string        `json:"QuotaActionCode"`
	QuotaName        *string        `json:"QuotaName"`
	QuotaDescription *string        `json:"QuotaDescription"`
	QuotaUnit        *string        `json:"QuotaUnit"`
	QuotaCategory    *string        `json:"QuotaCategory"`
	Consumable       *bool          `json:"Consumable"`
	Adjustable       *bool          `json:"Adjustable"`
	TotalQuota       *number        `json:"TotalQuota"`
	TotalUsage       *number        `json:"TotalUsage"`
	Dimensions       map[string]any `json:"Dimensions"`
}

// productQuotas is every page's quotas, in the API's order.
type productQuotas struct {
	Quotas []productQuota
}

// number is a figure the API documents as a number (a float: quotas may be fractional);
// a numeric string is read too.
type number float64

func (n *number) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	if s == "null" || s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return fmt.Errorf("%s is not a number", b)
	}
	*n = number(f)
	return nil
}

func (n *number) value() float64 {
	if n == nil {
		return 0
	}
	return float64(*n)
}

type quotasModel struct {
	ID            types.String   `tfsdk:"id"`
	Region        types.String   `tfsdk:"region"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
	ProductCode   types.String   `tfsdk:"product_code"`
	Dimensions    types.Map      `tfsdk:"dimensions"`
	QuotaCategory types.String   `tfsdk:"quota_category"`
	Quotas        types.Map      `tfsdk:"quotas"`
	Limits        types.Map      `tfsdk:"limits"`
}

// shape is the family's shape with Quota Center's extras.
var shape = quotas.Shape{
	Keys:      "`QuotaActionCode` (e.g. `q_security-groups`), for the quotas whose `Consumable` is true",
	LimitKeys: "`QuotaActionCode`, for the quotas whose `Consumable` is false (`TotalQuota`)",
	Extras: map[string]schema.Attribute{
		"name":        schema.StringAttribute{Computed: true, MarkdownDescription: "The quota's name (`QuotaName`)."},
		"description": schema.StringAttribute{Computed: true, MarkdownDescription: "The quota's description (`QuotaDescription`)."},
		"unit":        schema.StringAttribute{Computed: true, MarkdownDescription: "The quota's unit (`QuotaUnit`), e.g. `AMOUNT`."},
		"adjustable":  schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether an increase can be requested (`Adjustable`)."},
		"dimensions": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The quota's dimensions (`Dimensions`), e.g. `{ regionId = \"cn-hangzhou\" }`."},
	},
}

func (d *quotasDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	at := map[string]schema.Attribute{
		"id":     attrs.ID(),
		"region": attrs.Region("Alibaba Cloud", "ALICLOUD_REGION"),
		"product_code": schema.StringAttribute{
			MarkdownDescription: "The product whose quotas to read (`ProductCode`), e.g. `ecs`, `vpc`, `eip`, `disk`: " +
				"Quota Center's ListProducts names them all. A code Quota Center does not know is refused by the API.",
			Required:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"dimensions": schema.MapAttribute{
			MarkdownDescription: "The quota dimensions to select (sent as `Dimensions.N.Key`/`Dimensions.N.Value`), e.g. " +
				"`{ regionId = \"cn-hangzhou\", chargeType = \"PostPaid\" }`. When unset, `{ regionId = <region> }`; when " +
				"set, even to `{}`, sent as given (`{}` selects every region's quotas, which usually repeats codes: see " +
				"`quotas`).",
			Optional:    true,
			ElementType: types.StringType,
			Validators:  []validator.Map{mapvalidator.KeysAre(stringvalidator.LengthAtLeast(1))},
		},
		"quota_category": schema.StringAttribute{
			MarkdownDescription: "The kind of quotas (`QuotaCategory`): `CommonQuota` (general quotas), `FlowControl` " +
				"(API rate quotas) or `WhiteListLabel` (privilege quotas). Not sent when unset (the API then answers " +
				"general quotas).",
			Optional:   true,
			Validators: []validator.String{stringvalidator.OneOf(Categories...)},
		},
	}
	for k, v := range shape.Attributes() {
		at[k] = v
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Quotas of one Alibaba Cloud product from Quota Center (API `ListProductQuotas`, " +
			"version 2020-05-10), with their usage: security groups, vCPUs, EIPs, disks and most other products' " +
			"quotas, selected by dimensions (by default the region). Every page is read (`NextToken`, `MaxResults` " +
			"100) within `timeouts.read`: a product with 250 quotas in the region takes 3 requests. Two quotas with " +
			"one `QuotaActionCode` (the same code for different dimensions) are an error that names the code and " +
			"the dimensions that differ: narrow `dimensions`.\n\n" + quotas.Rules,
		Blocks:     map[string]schema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes: at,
	}
}

// request is ListProductQuotas' parameters, less NextToken: dims nil is the default
// dimension, the region; set dimensions (even none) are sent as given, in key order.
func request(product, category, region string, dims map[string]string) map[string]string {
	req := map[string]string{"ProductCode": product, "MaxResults": strconv.Itoa(pageSize)}
	if category != "" {
		req["QuotaCategory"] = category
	}
	if dims == nil {
		dims = map[string]string{"regionId": region}
	}
	keys := make([]string, 0, len(dims))
	for k := range dims {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		req[fmt.Sprintf("Dimensions.%d.Key", i+1)] = k
		req[fmt.Sprintf("Dimensions.%d.Value", i+1)] = dims[k]
	}
	return req
}

// readAll reads every page, fetch reading the one after token ("" = the first). A token
// handed out twice would loop for ever: it is an error.
func readAll(ctx context.Context, fetch func(ctx context.Context, token string) (*productQuotasPage, error)) (*productQuotas, error) {
	all := &productQuotas{}
	seen := map[string]bool{}
	token := ""
	for {
		page, err := fetch(ctx, token)
		if err != nil {
			return nil, err
		}
		all.Quotas = append(all.Quotas, page.Quotas...)
		if page.NextToken == nil || *page.NextToken == "" {
			return all, nil
		}
		token = *page.NextToken
		if seen[token] {
			return nil, &conns.APIError{Cloud: alibaba.Name, Service: Service.Name, Action: action, HTTPStatus: 200,
				Message: fmt.Sprintf("Quota Center handed out the NextToken %q twice; "+
					"the pages would never end", token), RequestID: attrs.String(page.RequestID).ValueString()}
		}
		seen[token] = true
	}
}

func (d *quotasDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	conns.Read(ctx, req, resp, func(m *quotasModel) timeouts.Value { return m.Timeouts },
		func(ctx context.Context, m *quotasModel) (diag.Diagnostics, error) {
			var dims map[string]string
			if !m.Dimensions.IsNull() {
				dims = map[string]string{}
				if diags := m.Dimensions.ElementsAs(ctx, &dims, false); diags.HasError() {
					return diags, nil
				}
			}
			region := alibaba.Region(d.Client, m.Region.ValueString())
			base := request(m.ProductCode.ValueString(), m.QuotaCategory.ValueString(), region, dims)
			var target conns.Target
			out, err := readAll(ctx, func(ctx context.Context, token string) (*productQuotasPage, error) {
				q := base
				if token != "" {
					q = make(map[string]string, len(base)+1)
					for k, v := range base {
						q[k] = v
					}
					q["NextToken"] = token
				}
				page, t, err := call(ctx, d.Client, m.Region.ValueString(), action, q, func() *productQuotasPage { return &productQuotasPage{} })
				target = t
				return page, err
			})
			if err != nil {
				return nil, err
			}
			diags := flattenQuotas(out, m)
			m.ID = types.StringValue(target.Region + "/" + m.ProductCode.ValueString())
			m.Region = types.StringValue(target.Region)
			return diags, nil
		})
}

var _ attrs.Flatten[productQuotas, quotasModel] = flattenQuotas

// flattenQuotas fills quotas and limits from every page's quotas (the arguments, id and
// region are the caller's). One code twice is an error naming the dimensions that differ.
func flattenQuotas(in *productQuotas, m *quotasModel) diag.Diagnostics {
	if in == nil {
		in = &productQuotas{}
	}
	var diags diag.Diagnostics
	answer := quotas.Answer{Quotas: map[string]quotas.Quota{}, Limits: map[string]float64{}}
	first := map[string]map[string]string{}
	reported := map[string]bool{}
	for _, q := range in.Quotas {
		code := attrs.String(q.QuotaActionCode).ValueString()
		dims := dimensionStrings(q.Dimensions)
		if prev, dup := first[code]; dup {
			if !reported[code] {
				reported[code] = true
				diags.AddError("One Alibaba Cloud quota code answered more than once",
					fmt.Sprintf("Quota Center answered several quotas with the QuotaActionCode %q for product %q; "+
						"their dimensions differ in %s. Narrow `dimensions` (give each of these keys one value) so "+
						"that one quota per code is left.", code, m.ProductCode.ValueString(), differing(prev, dims)))
			}
			continue
		}
		first[code] = dims
		if q.Consumable == nil || !*q.Consumable {
			answer.Limits[code] = q.TotalQuota.value()
			continue
		}
		dv := make(map[string]attr.Value, len(dims))
		for k, v := range dims {
			dv[k] = types.StringValue(v)
		}
		answer.Quotas[code] = quotas.Quota{
			Limit: q.TotalQuota.value(),
			Used:  q.TotalUsage.value(),
			Extra: map[string]attr.Value{
				"name":        attrs.String(q.QuotaName),
				"description": attrs.String(q.QuotaDescription),
				"unit":        attrs.String(q.QuotaUnit),
				"adjustable":  attrs.Bool(q.Adjustable),
				"dimensions":  types.MapValueMust(types.StringType, dv),
			},
		}
	}
	if diags.HasError() {
		return diags
	}
	var d diag.Diagnostics
	m.Quotas, m.Limits, d = shape.Values(answer)
	diags.Append(d...)
	return diags
}

// dimensionStrings are a quota's dimensions as strings: a value that is not a string
// (which the API does not document) keeps its JSON text.
func dimensionStrings(in map[string]any) map[string]string {
	out := make(map[string]string, len(in))
	for k, v := range in {
		if s, ok := v.(string); ok {
			out[k] = s
			continue
		}
		raw, _ := json.Marshal(v)
		out[k] = string(raw)
	}
	return out
}

// differing names the keys whose values differ between a and b (present in one only
// included), e.g. `regionId` ("cn-hangzhou" / "cn-beijing"); "no dimension" when none do.
func differing(a, b map[string]string) string {
	keys := map[string]bool{}
	for k := range a {
		keys[k] = true
	}
	for k := range b {
		keys[k] = true
	}
	var parts []string
	for k := range keys {
		va, oka := a[k]
		vb, okb := b[k]
		if oka != okb || va != vb {
			parts = append(parts, fmt.Sprintf("`%s` (%s / %s)", k, show(va, oka), show(vb, okb)))
		}
	}
	if len(parts) == 0 {
		return "no dimension (the answer repeats the quota)"
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

func show(v string, ok bool) string {
	if !ok {
		return "unset"
	}
	return strconv.Quote(v)
}
