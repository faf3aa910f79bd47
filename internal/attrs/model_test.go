package attrs_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
)

type itemModel struct {
	Name  types.String `tfsdk:"name"`
	Count types.Int64  `tfsdk:"count"`
}

type testModel struct {
	Region   types.String         `tfsdk:"region"`
	Within   timetypes.GoDuration `tfsdk:"within"`
	Tags     types.Set            `tfsdk:"tags"`
	Timeouts timeouts.Value       `tfsdk:"timeouts"`
	Flag     types.Bool           `tfsdk:"flag"`
	Items    []itemModel          `tfsdk:"items"`
	Single   *itemModel           `tfsdk:"single"`
}

func testSchema(ctx context.Context) schema.Schema {
	item := map[string]schema.Attribute{
		"name":  schema.StringAttribute{Computed: true},
		"count": schema.Int64Attribute{Computed: true},
	}
	return schema.Schema{
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{Optional: true, Computed: true},
			"within": schema.StringAttribute{Optional: true, CustomType: timetypes.GoDurationType{}},
			"tags":   schema.SetAttribute{Optional: true, ElementType: types.StringType},
			"flag":   schema.BoolAttribute{Computed: true},
			"items": schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{
				Attributes: item,
			}},
			"single": schema.SingleNestedAttribute{Computed: true, Attributes: item},
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx)},
	}
}

// TestSetStateMatchesFramework: SetState must write exactly what the framework's State.Set
// writes, for full models and for models with nil pointers, nil and empty slices.
func TestSetStateMatchesFramework(t *testing.T) {
	ctx := context.Background()
	s := testSchema(ctx)
	tags := types.SetValueMust(types.StringType, nil)
	full := testModel{
		Region: types.StringValue("ap-guangzhou"), Within: timetypes.NewGoDurationValueFromStringMust("30m"),
		Tags: types.SetValueMust(types.StringType, nil), Timeouts: attrs.NullTimeouts(), Flag: types.BoolValue(true),
		Items:  []itemModel{{types.StringValue("a"), types.Int64Value(1)}, {types.StringValue("b"), types.Int64Null()}},
		Single: &itemModel{types.StringValue("s"), types.Int64Value(7)},
	}
	tests := map[string]testModel{
		"full":          full,
		"nil pointer":   {Tags: tags, Timeouts: attrs.NullTimeouts(), Items: full.Items},
		"nil slice":     {Tags: tags, Timeouts: attrs.NullTimeouts(), Single: full.Single},
		"empty slice":   {Tags: tags, Timeouts: attrs.NullTimeouts(), Items: []itemModel{}},
		"null elements": {Tags: types.SetNull(types.StringType), Timeouts: attrs.NullTimeouts()},
	}
	for name, m := range tests {
		t.Run(name, func(t *testing.T) {
			want := tfsdk.State{Schema: s}
			if d := want.Set(ctx, &m); d.HasError() {
				t.Fatalf("State.Set: %v", d)
			}
			got := tfsdk.State{Schema: s}
			if d := attrs.SetState(ctx, &got, &m); d.HasError() {
				t.Fatalf("SetState: %v", d)
			}
			if !got.Raw.Equal(want.Raw) {
				t.Errorf("SetState wrote\n%s\nState.Set writes\n%s", got.Raw, want.Raw)
			}
		})
	}
}

// TestSetStateReportsMismatch: a model that lacks an attribute of the schema is an error
// diagnostic, never a panic or a silently null attribute.
func TestSetStateReportsMismatch(t *testing.T) {
	ctx := context.Background()
	type short struct {
		Region types.String `tfsdk:"region"`
	}
	st := tfsdk.State{Schema: testSchema(ctx)}
	if d := attrs.SetState(ctx, &st, &short{}); !d.HasError() {
		t.Fatal("no error for a model without the schema's attributes")
	}
}

// TestGetConfigMatchesFramework: GetConfig reads the arguments Config.Get reads.
func TestGetConfigMatchesFramework(t *testing.T) {
	ctx := context.Background()
	s := testSchema(ctx)
	typ := s.Type().TerraformType(ctx).(tftypes.Object)
	null := func(name string) tftypes.Value { return tftypes.NewValue(typ.AttributeTypes[name], nil) }
	toType := typ.AttributeTypes["timeouts"].(tftypes.Object)
	tests := map[string]map[string]tftypes.Value{
		"all set": {
			"region": tftypes.NewValue(tftypes.String, "ap-shanghai"),
			"within": tftypes.NewValue(tftypes.String, "1h"),
			"tags": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String},
				[]tftypes.Value{tftypes.NewValue(tftypes.String, "x")}),
			"timeouts": tftypes.NewValue(toType, map[string]tftypes.Value{"read": tftypes.NewValue(tftypes.String, "2m")}),
		},
		"none set": {},
	}
	for name, set := range tests {
		t.Run(name, func(t *testing.T) {
			vals := map[string]tftypes.Value{}
			for n := range typ.AttributeTypes {
				vals[n] = null(n)
			}
			for n, v := range set {
				vals[n] = v
			}
			cfg := tfsdk.Config{Schema: s, Raw: tftypes.NewValue(typ, vals)}
			var want, got testModel
			if d := cfg.Get(ctx, &want); d.HasError() {
				t.Fatalf("Config.Get: %v", d)
			}
			if d := attrs.GetConfig(ctx, cfg, &got); d.HasError() {
				t.Fatalf("GetConfig: %v", d)
			}
			for _, c := range []struct {
				name      string
				got, want interface{ String() string }
			}{
				{"region", got.Region, want.Region}, {"within", got.Within, want.Within},
				{"tags", got.Tags, want.Tags}, {"timeouts", got.Timeouts, want.Timeouts},
			} {
				if c.got.String() != c.want.String() {
					t.Errorf("%s = %s, Config.Get reads %s", c.name, c.got, c.want)
				}
			}
			if !got.Flag.IsNull() || got.Items != nil || got.Single != nil {
				t.Errorf("computed-only fields were set: %+v", got)
			}
		})
	}
}
