package quotas_test

import (
	"context"
	"math"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/quotas"
)

func ptr(v float64) *float64 { return &v }

var shape = quotas.Shape{
	Keys: "the resource type",
	Extras: map[string]schema.Attribute{
		"min":  schema.Float64Attribute{Computed: true, MarkdownDescription: "Minimum."},
		"name": schema.StringAttribute{Computed: true, MarkdownDescription: "Name."},
		"dimensions": schema.MapAttribute{Computed: true, ElementType: types.StringType,
			MarkdownDescription: "Dimensions."},
	},
}

func TestValuesRules(t *testing.T) {
	cases := []struct {
		name                   string
		in                     quotas.Quota
		limit, used, available float64
		unlimited              bool
	}{
		{"limit minus used", quotas.Quota{Limit: 100, Used: 30}, 100, 30, 70, false},
		{"used above limit is 0 available", quotas.Quota{Limit: 10, Used: 12}, 10, 12, 0, false},
		{"-1 is unlimited", quotas.Quota{Limit: -1, Used: 12}, -1, 12, -1, true},
		{"remaining taken as sent", quotas.Quota{Limit: 50, Used: 10, Remaining: ptr(25)}, 50, 10, 25, false},
		{"negative remaining is 0", quotas.Quota{Limit: 50, Used: 10, Remaining: ptr(-3)}, 50, 10, 0, false},
		{"unlimited wins over remaining", quotas.Quota{Limit: -1, Remaining: ptr(5)}, -1, 0, -1, true},
		{"fractional", quotas.Quota{Limit: 2.5, Used: 0.5}, 2.5, 0.5, 2, false},
		{"omitted fields are zeros", quotas.Quota{}, 0, 0, 0, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			q, l, diags := shape.Values(quotas.Answer{Quotas: map[string]quotas.Quota{"k": tc.in}})
			if diags.HasError() {
				t.Fatal(diags)
			}
			if len(l.Elements()) != 0 || l.IsNull() {
				t.Errorf("limits = %v, want {}", l)
			}
			obj, ok := q.Elements()["k"].(types.Object)
			if !ok {
				t.Fatalf("quotas[k] = %v", q.Elements()["k"])
			}
			a := obj.Attributes()
			for name, want := range map[string]float64{"limit": tc.limit, "used": tc.used, "available": tc.available} {
				if got := a[name].(types.Float64).ValueFloat64(); got != want {
					t.Errorf("%s = %v, want %v", name, got, want)
				}
			}
			if got := a["unlimited"].(types.Bool).ValueBool(); got != tc.unlimited {
				t.Errorf("unlimited = %v, want %v", got, tc.unlimited)
			}
			// Omitted extras read as zeros, never null.
			if a["name"].(types.String).ValueString() != "" || a["min"].(types.Float64).ValueFloat64() != 0 ||
				a["dimensions"].IsNull() || len(a["dimensions"].(types.Map).Elements()) != 0 {
				t.Errorf("extras = %v, want zeros", a)
			}
		})
	}
}

func TestValuesExtrasAndLimits(t *testing.T) {
	q, l, diags := shape.Values(quotas.Answer{
		Quotas: map[string]quotas.Quota{"vpc": {Limit: 5, Used: 1, Extra: map[string]attr.Value{
			"name": types.StringValue("VPCs"), "min": types.Float64Value(1),
		}}},
		Limits: map[string]float64{"key_pairs": 100},
	})
	if diags.HasError() {
		t.Fatal(diags)
	}
	a := q.Elements()["vpc"].(types.Object).Attributes()
	if a["name"].(types.String).ValueString() != "VPCs" || a["min"].(types.Float64).ValueFloat64() != 1 {
		t.Errorf("extras = %v", a)
	}
	if got := l.Elements()["key_pairs"].(types.Float64).ValueFloat64(); got != 100 {
		t.Errorf("limits[key_pairs] = %v", got)
	}
}

func TestValuesRefusesNonFinite(t *testing.T) {
	for _, a := range []quotas.Answer{
		{Quotas: map[string]quotas.Quota{"k": {Limit: math.NaN()}}},
		{Quotas: map[string]quotas.Quota{"k": {Limit: 1, Used: math.Inf(1)}}},
		{Quotas: map[string]quotas.Quota{"k": {Limit: 1, Remaining: ptr(math.NaN())}}},
		{Limits: map[string]float64{"k": math.Inf(-1)}},
	} {
		if _, _, diags := shape.Values(a); !diags.HasError() {
			t.Errorf("%+v: no error", a)
		}
	}
}

func TestAdd(t *testing.T) {
	cases := []struct {
		name        string
		adds        [][2]float64
		limit, used float64
	}{
		{"sums", [][2]float64{{10, 1}, {20, 2}}, 30, 3},
		{"one unlimited entry makes the sum unlimited", [][2]float64{{10, 1}, {-1, 2}}, -1, 3},
		{"unlimited first", [][2]float64{{-1, 1}, {10, 2}}, -1, 3},
		{"two unlimited", [][2]float64{{-1, 1}, {-1, 2}}, -1, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			qs := map[string]quotas.Quota{}
			for _, a := range tc.adds {
				quotas.Add(qs, "k", a[0], a[1])
			}
			if qs["k"].Limit != tc.limit || qs["k"].Used != tc.used {
				t.Errorf("got %+v, want limit %v used %v", qs["k"], tc.limit, tc.used)
			}
		})
	}
}

func TestAttributes(t *testing.T) {
	a := shape.Attributes()
	q, ok := a["quotas"].(schema.MapNestedAttribute)
	if !ok {
		t.Fatalf("quotas is %T", a["quotas"])
	}
	for _, name := range []string{"limit", "used", "available", "unlimited", "min", "name", "dimensions"} {
		if _, ok := q.NestedObject.Attributes[name]; !ok {
			t.Errorf("quotas has no %q", name)
		}
	}
	if _, ok := a["limits"].(schema.MapAttribute); !ok {
		t.Errorf("limits is %T", a["limits"])
	}
}

// The values Values returns fit the attributes Attributes declares, so a data source's model
// of two types.Map fields matches its schema.
func TestValuesMatchAttributes(t *testing.T) {
	ctx := context.Background()
	s := schema.Schema{Attributes: shape.Attributes()}
	if diags := s.ValidateImplementation(ctx); diags.HasError() {
		t.Fatal(diags)
	}
	q, l, diags := shape.Values(quotas.Answer{Quotas: map[string]quotas.Quota{"a": {Limit: 1}}})
	if diags.HasError() {
		t.Fatal(diags)
	}
	m := struct {
		Quotas types.Map `tfsdk:"quotas"`
		Limits types.Map `tfsdk:"limits"`
	}{q, l}
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(ctx), nil)}
	if diags := state.Set(ctx, &m); diags.HasError() {
		t.Fatalf("values do not match the attributes: %v", diags)
	}
}
