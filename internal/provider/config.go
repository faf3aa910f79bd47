package provider

import (
	"context"
	"os"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/tencent"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

var osGetenv = os.Getenv

// cloud is one cloud's package as the provider uses it: its block in the schema, and its
// Configure, which merges the block with the environment and attaches the cloud to the
// policy (returning the fields to log).
type cloud interface {
	Name() string
	Block() schema.SingleNestedBlock
	Configure(ctx context.Context, config tfsdk.Config, env *conns.Env, c *conns.Client) map[string]any
}

// clouds are the clouds the provider speaks to, one block each.
var clouds = []cloud{huawei.Cloud{}, tencent.Cloud{}, alibaba.Cloud{}}

// globalModel is the provider's own attributes, those every cloud shares.
type globalModel struct {
	MaxRetries     types.Int64          `tfsdk:"max_retries"`
	RequestTimeout timetypes.GoDuration `tfsdk:"request_timeout"`
	Insecure       types.Bool           `tfsdk:"insecure"`
}

// get reads the provider's own attributes from the configuration.
func (m *globalModel) get(ctx context.Context, config tfsdk.Config) diag.Diagnostics {
	var diags diag.Diagnostics
	diags.Append(config.GetAttribute(ctx, path.Root("max_retries"), &m.MaxRetries)...)
	diags.Append(config.GetAttribute(ctx, path.Root("request_timeout"), &m.RequestTimeout)...)
	diags.Append(config.GetAttribute(ctx, path.Root("insecure"), &m.Insecure)...)
	return diags
}

// settings are the provider-wide settings, defaults filled in.
func (m globalModel) settings() (conns.Settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := conns.Settings{
		MaxRetries:     conns.DefaultMaxRetries,
		RequestTimeout: conns.DefaultRequestTimeout,
	}
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		s.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if !m.RequestTimeout.IsNull() && !m.RequestTimeout.IsUnknown() {
		d, ds := m.RequestTimeout.ValueGoDuration()
		diags.Append(ds...)
		s.RequestTimeout = d
	}
	s.Insecure = m.Insecure.ValueBool()
	return s, diags
}
