package conns

import (
	"fmt"

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

// Endpoints reads an endpoints attribute (an object of URL strings) into a map by key,
// keeping only the keys that are set. obj is null when the attribute is unset.
func (s *Env) Endpoints(obj types.Object, at path.Path) map[string]string {
	var out map[string]string
	if obj.IsUnknown() {
		s.Str(types.StringUnknown(), at)
		return nil
	}
	for key, v := range obj.Attributes() {
		str, ok := v.(types.String)
		if !ok {
			continue
		}
		if val := s.Str(str, at.AtName(key)); val != "" {
			if out == nil {
				out = map[string]string{}
			}
			out[key] = val
		}
	}
	return out
}
