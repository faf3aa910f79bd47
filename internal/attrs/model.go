package attrs

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Why not Config.Get and State.Set: the framework's reflection re-reads every struct's tags
// on every call and checks each field name with a regular expression it compiles anew; a plan
// with 500 data sources spent about 30% of the provider's CPU there (BENCHMARKS.md). These
// do the same conversions with each model type's tags read once.

// fieldsOf maps a model struct type's tfsdk tags to field indexes, read once per type.
var fieldsOf sync.Map // reflect.Type -> map[string]int

func fields(t reflect.Type) map[string]int {
	if f, ok := fieldsOf.Load(t); ok {
		if m, ok := f.(map[string]int); ok {
			return m
		}
	}
	f := make(map[string]int, t.NumField())
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("tfsdk"); tag != "" && tag != "-" {
			f[tag] = i
		}
	}
	fieldsOf.Store(t, f)
	return f
}

var attrValue = reflect.TypeFor[attr.Value]()

// SetState writes model (a pointer to a struct whose fields carry tfsdk tags) to state, as
// State.Set would: framework values as they are, a nil pointer or slice as null, structs as
// objects and slices as lists or sets.
func SetState(ctx context.Context, state *tfsdk.State, model any) diag.Diagnostics {
	var diags diag.Diagnostics
	raw, err := toTerraform(ctx, reflect.ValueOf(model), state.Schema.Type().TerraformType(ctx))
	if err != nil {
		diags.AddError("Value Conversion Error", "An unexpected error was encountered while writing the state. "+
			"This is always a bug in the provider; please report it.\n\n"+err.Error())
		return diags
	}
	state.Raw = raw
	return diags
}

func toTerraform(ctx context.Context, v reflect.Value, typ tftypes.Type) (tftypes.Value, error) {
	if av, ok := v.Interface().(attr.Value); ok {
		return av.ToTerraformValue(ctx)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return tftypes.NewValue(typ, nil), nil
		}
		return toTerraform(ctx, v.Elem(), typ)
	case reflect.Struct:
		obj, ok := typ.(tftypes.Object)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("%s cannot hold %s", typ, v.Type())
		}
		idx := fields(v.Type())
		vals := make(map[string]tftypes.Value, len(obj.AttributeTypes))
		for name, at := range obj.AttributeTypes {
			i, ok := idx[name]
			if !ok {
				return tftypes.Value{}, fmt.Errorf("%s has no field tagged %q", v.Type(), name)
			}
			fv, err := toTerraform(ctx, v.Field(i), at)
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", name, err)
			}
			vals[name] = fv
		}
		return tftypes.NewValue(obj, vals), nil
	case reflect.Slice:
		if v.IsNil() {
			return tftypes.NewValue(typ, nil), nil
		}
		var elem tftypes.Type
		switch t := typ.(type) {
		case tftypes.List:
			elem = t.ElementType
		case tftypes.Set:
			elem = t.ElementType
		default:
			return tftypes.Value{}, fmt.Errorf("%s cannot hold %s", typ, v.Type())
		}
		elems := make([]tftypes.Value, v.Len())
		for i := range elems {
			ev, err := toTerraform(ctx, v.Index(i), elem)
			if err != nil {
				return tftypes.Value{}, fmt.Errorf("[%d]: %w", i, err)
			}
			elems[i] = ev
		}
		return tftypes.NewValue(typ, elems), nil
	}
	return tftypes.Value{}, fmt.Errorf("unsupported model field type %s", v.Type())
}

// GetConfig reads the arguments of a data source's configuration into model, as Config.Get
// would. Only arguments are read: computed-only attributes are null in a configuration, which
// is what their zero values already are, and fields that are not framework values (nested
// computed models) are left alone.
func GetConfig(ctx context.Context, config tfsdk.Config, model any) diag.Diagnostics {
	var diags diag.Diagnostics
	v := reflect.ValueOf(model).Elem()
	attributes := config.Schema.GetAttributes()
	for name, i := range fields(v.Type()) {
		f := v.Field(i)
		if !f.Type().Implements(attrValue) {
			continue
		}
		if a, ok := attributes[name]; ok && a.IsComputed() && !a.IsOptional() && !a.IsRequired() {
			continue
		}
		diags.Append(config.GetAttribute(ctx, path.Root(name), f.Addr().Interface())...)
	}
	return diags
}

// Flatten is the one shape of every data source's mapping: it fills the computed part of
// the model m from the API's answer in (nil when the answer had none), leaving the
// arguments and the ID to the data source, and reports what it could not map as warnings.
// Each data source asserts its flatten function against it.
type Flatten[In, M any] func(in *In, m *M) diag.Diagnostics
