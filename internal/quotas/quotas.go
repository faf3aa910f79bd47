// Package quotas is the one shape of the general-quota data sources on every cloud: a
// `quotas` map of {limit, used, available, unlimited} (plus a data source's documented
// extras) and a `limits` map of numbers, and the rules that fill them from an answer. Every
// data source of the family takes its schema and its values from here, so that a module can
// take any cloud's `quotas` as one variable type.
package quotas

import (
	"fmt"
	"math"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Precondition is how the docs tell users to test a quota, so that a limit of -1 passes.
const Precondition = "`q.unlimited || q.available >= n`"

// Rules is appended to every family member's description, so the rules are documented once.
const Rules = "`quotas` holds each quota whose answer carries both a limit and a usage, as `{ limit, used, " +
	"available, unlimited }`: `limit` and `used` as the cloud sends them (in the cloud's units), " +
	"`available` is `limit - used` and never below 0 (or the cloud's own remaining figure where it sends " +
	"one), and a limit of `-1` (no limit) sets `unlimited` and makes `available` `-1`. Test a quota with " +
	Precondition + ". `limits` holds what the cloud reports as a limit with no usage. A fixed key whose " +
	"fields the answer omits reads as zeros, so that preconditions never meet null. The core four fields " +
	"are the same on every cloud: a module can take any of these data sources' `quotas` as a " +
	"`map(object({ limit = number, used = number, available = number, unlimited = bool }))`."

// Shape is one data source's `quotas` and `limits`: the core four fields plus its extras.
type Shape struct {
	// Keys says what the `quotas` map is keyed by, for its description.
	Keys string
	// LimitKeys says what the `limits` map is keyed by; "" when the API reports no limits
	// without usage, and the map is always `{}`.
	LimitKeys string
	// Extras are the data source's documented fields beside the core four, by attribute name.
	// Each must be a computed attribute of a primitive or map type.
	Extras map[string]schema.Attribute
}

// Quota is one quota as the answer gives it, before the shape's rules.
type Quota struct {
	Limit, Used float64
	// Remaining is the cloud's own remaining figure (Tencent's RemainingQuota), taken as sent;
	// nil: limit - used.
	Remaining *float64
	// Extra holds the extras' values by name; a missing one reads as its type's zero value.
	Extra map[string]attr.Value
}

// Answer is one read's figures.
type Answer struct {
	Quotas map[string]Quota
	Limits map[string]float64
}

var coreTypes = map[string]attr.Type{
	"limit":     types.Float64Type,
	"used":      types.Float64Type,
	"available": types.Float64Type,
	"unlimited": types.BoolType,
}

// Attributes returns the `quotas` and `limits` attributes, to be added to the data source's schema.
func (s Shape) Attributes() map[string]schema.Attribute {
	nested := map[string]schema.Attribute{
		"limit": schema.Float64Attribute{Computed: true,
			MarkdownDescription: "The limit as the cloud sends it, in its units; `-1` when the cloud sends `-1` (no limit)."},
		"used": schema.Float64Attribute{Computed: true,
			MarkdownDescription: "The usage as the cloud sends it."},
		"available": schema.Float64Attribute{Computed: true,
			MarkdownDescription: "What is left: `limit - used`, never below 0, or the cloud's own remaining figure " +
				"where it sends one; `-1` when `unlimited`. Test it with " + Precondition + "."},
		"unlimited": schema.BoolAttribute{Computed: true,
			MarkdownDescription: "True when the cloud sends a limit of `-1` (no limit)."},
	}
	for name, a := range s.Extras {
		nested[name] = a
	}
	limits := "Limits the cloud reports without a usage (a maximum per instance, group or order), keyed by " +
		s.LimitKeys + "."
	if s.LimitKeys == "" {
		limits = "Limits the cloud reports without a usage. This API reports none, so it is always `{}`; it is " +
			"here so that every general-quota data source has the same shape."
	}
	return map[string]schema.Attribute{
		"quotas": schema.MapNestedAttribute{
			MarkdownDescription: "Quotas with both a limit and a usage, keyed by " + s.Keys + ". Look one up with " +
				"`data.<type>.<name>.quotas[\"<key>\"]` and test it with " + Precondition + ".",
			Computed:     true,
			NestedObject: schema.NestedAttributeObject{Attributes: nested},
		},
		"limits": schema.MapAttribute{
			MarkdownDescription: limits,
			Computed:            true,
			ElementType:         types.Float64Type,
		},
	}
}

// objectType is the type of one `quotas` element: the core four plus the extras.
func (s Shape) objectType() types.ObjectType {
	at := make(map[string]attr.Type, len(coreTypes)+len(s.Extras))
	for k, t := range coreTypes {
		at[k] = t
	}
	for name, a := range s.Extras {
		at[name] = a.GetType()
	}
	return types.ObjectType{AttrTypes: at}
}

// Values applies the shape's rules to a and returns the `quotas` and `limits` values. A figure
// that is not a finite number (which no quota can be) is an error naming its key.
func (s Shape) Values(a Answer) (quotas, limits types.Map, diags diag.Diagnostics) {
	ot := s.objectType()
	elems := make(map[string]attr.Value, len(a.Quotas))
	for _, key := range sortedKeys(a.Quotas) {
		q := a.Quotas[key]
		if err := finite(key, q.Limit, q.Used); err != nil {
			diags.AddError("Unusable quota in the answer", err.Error())
			continue
		}
		unlimited := q.Limit == -1
		available := math.Max(q.Limit-q.Used, 0)
		switch {
		case unlimited:
			available = -1
		case q.Remaining != nil:
			if err := finite(key, *q.Remaining); err != nil {
				diags.AddError("Unusable quota in the answer", err.Error())
				continue
			}
			available = math.Max(*q.Remaining, 0)
		}
		vals := map[string]attr.Value{
			"limit":     types.Float64Value(q.Limit),
			"used":      types.Float64Value(q.Used),
			"available": types.Float64Value(available),
			"unlimited": types.BoolValue(unlimited),
		}
		for name, t := range ot.AttrTypes {
			if _, core := coreTypes[name]; core {
				continue
			}
			v, ok := q.Extra[name]
			if !ok || v == nil {
				if v = zero(t); v == nil {
					diags.AddError("Provider bug", fmt.Sprintf("quotas: extra %q has type %s, which has no zero value", name, t))
					continue
				}
			}
			vals[name] = v
		}
		obj, d := types.ObjectValue(ot.AttrTypes, vals)
		diags.Append(d...)
		elems[key] = obj
	}
	lim := make(map[string]attr.Value, len(a.Limits))
	for key, v := range a.Limits {
		if err := finite(key, v); err != nil {
			diags.AddError("Unusable limit in the answer", err.Error())
			continue
		}
		lim[key] = types.Float64Value(v)
	}
	if diags.HasError() {
		return types.MapNull(ot), types.MapNull(types.Float64Type), diags
	}
	quotas, d := types.MapValue(ot, elems)
	diags.Append(d...)
	limits, d = types.MapValue(types.Float64Type, lim)
	diags.Append(d...)
	return quotas, limits, diags
}

func finite(key string, vs ...float64) error {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("quota %q has the figure %v, which is not a finite number", key, v)
		}
	}
	return nil
}

// zero is the value an omitted extra reads as: "", 0, false or an empty map.
func zero(t attr.Type) attr.Value {
	switch t := t.(type) {
	case basetypes.StringType:
		return types.StringValue("")
	case basetypes.BoolType:
		return types.BoolValue(false)
	case basetypes.Int64Type:
		return types.Int64Value(0)
	case basetypes.Float64Type:
		return types.Float64Value(0)
	case basetypes.MapType:
		return types.MapValueMust(t.ElemType, map[string]attr.Value{})
	case basetypes.ListType:
		return types.ListValueMust(t.ElemType, []attr.Value{})
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Add adds limit and used to the quota at key in qs (creating it), for answers that give one
// key's figures in several entries (Tencent's image quotas, Alibaba's per-zone values). A
// limit of -1 (no limit) in any entry leaves the sum unlimited.
func Add(qs map[string]Quota, key string, limit, used float64) {
	q, seen := qs[key]
	switch {
	case !seen || q.Limit == -1 && limit == -1:
		q.Limit = limit
	case q.Limit == -1 || limit == -1:
		q.Limit = -1
	default:
		q.Limit += limit
	}
	q.Used += used
	qs[key] = q
}
