package attrs

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// EnvEndpoint is the one variable that points every service of every cloud at one base URL
// (the emulator's), for the keys that neither HCL nor their own variable set.
const EnvEndpoint = "CLOUDQUOTA_ENDPOINT"

// EndpointEnv is the variable of one endpoints key of a cloud block:
// CLOUDQUOTA_<BLOCK>_ENDPOINT_<KEY>, such as CLOUDQUOTA_HUAWEICLOUD_ENDPOINT_HSS.
func EndpointEnv(block, key string) string {
	return "CLOUDQUOTA_" + envName(block) + "_ENDPOINT_" + envName(key)
}

// envName upper-cases s and turns anything but letters and digits into "_".
func envName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		case r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
			return r
		}
		return '_'
	}, s)
}

// Endpoint is one key of a cloud block's endpoints attribute: a registered service's, or the
// cloud's credential service's, with the check its URL must pass.
type Endpoint struct {
	Key         string
	Description string
	Validator   validator.String
}

// EndpointsAttribute is a cloud block's endpoints attribute, built from the cloud's
// registered services: a map from their keys to URLs. A map rather than an object, because
// Terraform silently drops an object's unknown attributes: a typo such as `metastudo` would
// send that service's reads to the real cloud. Here it is an error at plan time that names
// the known keys.
func EndpointsAttribute(block string, eps []Endpoint) schema.MapAttribute {
	eps = slices.Clone(eps)
	slices.SortFunc(eps, func(a, b Endpoint) int { return strings.Compare(a.Key, b.Key) })
	var b strings.Builder
	fmt.Fprintf(&b, "Endpoint overrides, as full URLs, by key. An unknown key is an error that names the known ones. "+
		"Each key is taken from HCL, else its variable `%s`, else `%s` (one base URL for every service of every "+
		"cloud, such as the cloudquota emulator's). Keys:", "CLOUDQUOTA_"+envName(block)+"_ENDPOINT_<KEY>", EnvEndpoint)
	for _, e := range eps {
		fmt.Fprintf(&b, "\n  - `%s` (`%s`): %s", e.Key, EndpointEnv(block, e.Key), e.Description)
	}
	return schema.MapAttribute{
		MarkdownDescription: b.String(),
		Optional:            true,
		ElementType:         types.StringType,
		Validators:          []validator.Map{endpointsValidator{block: block, eps: eps}},
	}
}

// EndpointKeys are the keys of eps, sorted.
func EndpointKeys(eps []Endpoint) []string {
	keys := make([]string, len(eps))
	for i, e := range eps {
		keys[i] = e.Key
	}
	slices.Sort(keys)
	return keys
}

// endpointsValidator refuses unknown keys, naming the known ones, and checks each URL with
// its key's validator.
type endpointsValidator struct {
	block string
	eps   []Endpoint
}

func (v endpointsValidator) Description(context.Context) string {
	return "keys must be one of: " + strings.Join(EndpointKeys(v.eps), ", ")
}

func (v endpointsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v endpointsValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	keys := EndpointKeys(v.eps)
	elems := req.ConfigValue.Elements()
	names := make([]string, 0, len(elems))
	for k := range elems {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		i := slices.IndexFunc(v.eps, func(e Endpoint) bool { return e.Key == k })
		at := req.Path.AtMapKey(k)
		if i < 0 {
			resp.Diagnostics.AddAttributeError(at, "Unknown endpoints key",
				fmt.Sprintf("%q is not an endpoints key of the %s block, so its URL would be ignored and that "+
					"service's reads would go to the cloud's own endpoint. %sKnown keys: %s.",
					k, v.block, Suggest(k, keys), strings.Join(keys, ", ")))
			continue
		}
		str, ok := elems[k].(types.String)
		if !ok || v.eps[i].Validator == nil {
			continue
		}
		sreq := validator.StringRequest{Path: at, PathExpression: at.Expression(), ConfigValue: str, Config: req.Config}
		sresp := &validator.StringResponse{}
		v.eps[i].Validator.ValidateString(ctx, sreq, sresp)
		resp.Diagnostics.Append(sresp.Diagnostics...)
	}
}
