package conns

import (
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
)

// Env resolves each provider setting as HCL > the first set environment variable, for
// every cloud's block alike. Unknown values (from resources not yet created) cannot
// configure a client at plan time, so they are reported on the attribute at fault.
type Env struct {
	Getenv func(string) string
	Diags  diag.Diagnostics
}

// Str is v when set, else the first of envs that is set, else "".
func (s *Env) Str(v types.String, at path.Path, envs ...string) string {
	if v.IsUnknown() {
		s.Diags.AddAttributeError(at, "Unknown provider setting",
			fmt.Sprintf("%s depends on a value that is not known until apply; data sources are read at plan "+
				"time, so it must be known then. Use a literal, a variable or an environment variable.", at))
		return ""
	}
	if !v.IsNull() && v.ValueString() != "" {
		return v.ValueString()
	}
	for _, env := range envs {
		if val := s.Getenv(env); val != "" {
			return val
		}
	}
	return ""
}

// Duration is Str for a Go duration attribute: its string form, else the first set variable
// (a Go duration or whole seconds, checked when the client is built).
func (s *Env) Duration(v attrs.Duration, at path.Path, envs ...string) string {
	return s.Str(v.StringValue, at, envs...)
}

// Endpoints resolves every key of a cloud block's endpoints attribute (keys: one per
// registered service, and the credential service's): the HCL entry, else the key's own
// variable (attrs.EndpointEnv, CLOUDQUOTA_<BLOCK>_ENDPOINT_<KEY>), else CLOUDQUOTA_ENDPOINT.
// Only the keys that are set are kept. HCL values were checked at plan time; a variable's
// value is checked here, since a variable has no plan-time validator. m is null when the
// attribute is unset.
func (s *Env) Endpoints(m types.Map, block string, keys []string) map[string]string {
	at := path.Root(block).AtName("endpoints")
	if m.IsUnknown() {
		s.Str(types.StringUnknown(), at)
		return nil
	}
	var out map[string]string
	elems := m.Elements()
	for _, key := range keys {
		v, _ := elems[key].(types.String)
		if v.IsUnknown() {
			s.Str(v, at.AtMapKey(key))
			continue
		}
		val := v.ValueString()
		if val == "" {
			for _, env := range []string{attrs.EndpointEnv(block, key), attrs.EnvEndpoint} {
				if val = s.Getenv(env); val == "" {
					continue
				}
				if u, err := url.Parse(val); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					s.Diags.AddAttributeError(at.AtMapKey(key), "Invalid "+env,
						fmt.Sprintf("%s must be an absolute http:// or https:// URL, got %q.", env, val))
					val = ""
				}
				break
			}
		}
		if val != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[key] = val
		}
	}
	return out
}
