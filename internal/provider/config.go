package provider

import (
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
)

var osGetenv = os.Getenv

type providerModel struct {
	HuaweiCloud    *huaweiModel         `tfsdk:"huaweicloud"`
	TencentCloud   *tencentModel        `tfsdk:"tencentcloud"`
	AliCloud       *alibabaModel        `tfsdk:"alicloud"`
	MaxRetries     types.Int64          `tfsdk:"max_retries"`
	RequestTimeout timetypes.GoDuration `tfsdk:"request_timeout"`
	Insecure       types.Bool           `tfsdk:"insecure"`
}

// settings resolves each setting as HCL > the first set environment variable.
// Unknown values (from resources not yet created) cannot configure a client at plan time,
// so they are reported on the attribute at fault.
type settings struct {
	getenv func(string) string
	diags  diag.Diagnostics
}

func (s *settings) str(v types.String, at path.Path, envs ...string) string {
	if v.IsUnknown() {
		s.diags.AddAttributeError(at, "Unknown provider setting",
			fmt.Sprintf("%s depends on a value that is not known until apply; data sources are read at plan "+
				"time, so it must be known then. Use a literal, a variable or an environment variable.", at))
		return ""
	}
	if !v.IsNull() && v.ValueString() != "" {
		return v.ValueString()
	}
	for _, env := range envs {
		if val := s.getenv(env); val != "" {
			return val
		}
	}
	return ""
}

// clientConfig merges the HCL configuration with the environment. It performs no I/O: the
// vendor SDK chains are consulted only when a cloud's client is first needed.
func (m providerModel) clientConfig(getenv func(string) string) (clients.Config, diag.Diagnostics) {
	s := &settings{getenv: getenv}
	cfg := clients.Config{
		MaxRetries:     clients.DefaultMaxRetries,
		RequestTimeout: clients.DefaultRequestTimeout,
	}
	if !m.MaxRetries.IsNull() && !m.MaxRetries.IsUnknown() {
		cfg.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if !m.RequestTimeout.IsNull() && !m.RequestTimeout.IsUnknown() {
		d, diags := m.RequestTimeout.ValueGoDuration()
		s.diags.Append(diags...)
		cfg.RequestTimeout = d
	}
	cfg.Insecure = m.Insecure.ValueBool()

	cfg.Huawei = s.huawei(m.HuaweiCloud)
	cfg.Tencent = s.tencent(m.TencentCloud)
	cfg.Alibaba = s.alibaba(m.AliCloud)
	return cfg, s.diags
}
