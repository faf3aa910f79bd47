package main

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

// quotasFloor is the floor of a general-quota data source: the same schema as the provider's
// cloudquota_huaweicloud_<name>_quotas (built from the same internal/quotas shape, which needs
// no cloud SDK; TestFloorSchemasMatch keeps them equal), answering constants of the same size
// as the emulator's default answer, through the framework's own Config.Get and State.Set, with
// no I/O. A plan of N of them is what any framework provider pays for N reads of that schema,
// so the ratio against it shows the provider's own cost, not the schema's size.
type quotasFloor struct {
	name   string
	shape  quotas.Shape
	answer quotas.Answer
	typ    bool // a `type` argument, as the VPC data source has
}

type quotasFloorModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
}

// quotasFloorTypeModel is quotasFloorModel with VPC's type argument.
type quotasFloorTypeModel struct {
	ID       types.String   `tfsdk:"id"`
	Region   types.String   `tfsdk:"region"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	Quotas   types.Map      `tfsdk:"quotas"`
	Limits   types.Map      `tfsdk:"limits"`
	Type     types.String   `tfsdk:"type"`
}

func (d quotasFloor) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_huaweicloud_" + d.name + "_quotas"
}

func (d quotasFloor) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	as := d.shape.Attributes()
	as["id"] = attrs.ID()
	as["region"] = attrs.Region("Huawei Cloud", "HW_REGION_NAME")
	if d.typ {
		as["type"] = dschema.StringAttribute{MarkdownDescription: "Echoed; not sent anywhere.", Optional: true}
	}
	resp.Schema = dschema.Schema{
		MarkdownDescription: "The schema of cloudquota_huaweicloud_" + d.name + "_quotas, answering constants.",
		Blocks:              map[string]dschema.Block{"timeouts": attrs.Timeouts(ctx)},
		Attributes:          as,
	}
}

func (d quotasFloor) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if d.typ {
		var m quotasFloorTypeModel
		resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
		if resp.Diagnostics.HasError() {
			return
		}
		m.ID, m.Region, m.Quotas, m.Limits = d.values(&resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
		return
	}
	var m quotasFloorModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m.ID, m.Region, m.Quotas, m.Limits = d.values(&resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// values are the constants every read answers: the id, the region and the two maps.
func (d quotasFloor) values(diags *diag.Diagnostics) (id, region types.String, q, l types.Map) {
	q, l, ds := d.shape.Values(d.answer)
	diags.Append(ds...)
	return types.StringValue("0123456789abcdef0123456789abcdef"), types.StringValue("cn-north-4"), q, l
}

// answerOf is n quotas named k0..k(n-1) with figures, and limits named likewise.
func answerOf(n, limits int, extra string) quotas.Answer {
	a := quotas.Answer{Quotas: map[string]quotas.Quota{}, Limits: map[string]float64{}}
	for i := range n {
		q := quotas.Quota{Limit: float64(100 + i), Used: float64(i)}
		if extra != "" {
			q.Extra = map[string]attr.Value{extra: types.Float64Value(0)}
		}
		a.Quotas[key(i)] = q
	}
	for i := range limits {
		a.Limits[key(i)] = float64(10 + i)
	}
	return a
}

func key(i int) string { return string(rune('a'+i%26)) + string(rune('a'+i/26)) }

func extraAttr(name string) map[string]dschema.Attribute {
	return map[string]dschema.Attribute{name: dschema.Float64Attribute{Computed: true, MarkdownDescription: "Extra."}}
}

// quotasFloors are the three, answering as many quotas and limits as the emulator's default
// answers hold (the vendors' examples): ECS 9 and 7, VPC 17 with min, EVS 14 with reserved.
func quotasFloors() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		func() datasource.DataSource {
			return quotasFloor{name: "ecs", shape: quotas.Shape{Keys: "k", LimitKeys: "k"}, answer: answerOf(9, 7, "")}
		},
		func() datasource.DataSource {
			return quotasFloor{name: "vpc", typ: true, shape: quotas.Shape{Keys: "k", Extras: extraAttr("min")}, answer: answerOf(17, 0, "min")}
		},
		func() datasource.DataSource {
			return quotasFloor{name: "evs", shape: quotas.Shape{Keys: "k", Extras: extraAttr("reserved")}, answer: answerOf(14, 0, "reserved")}
		},
	}
}
