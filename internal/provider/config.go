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

type huaweiModel struct {
	Region              types.String          `tfsdk:"region"`
	AccessKey           types.String          `tfsdk:"access_key"`
	SecretKey           types.String          `tfsdk:"secret_key"`
	SecurityToken       types.String          `tfsdk:"security_token"`
	ProjectID           types.String          `tfsdk:"project_id"`
	EnterpriseProjectID types.String          `tfsdk:"enterprise_project_id"`
	Endpoints           *huaweiEndpointsModel `tfsdk:"endpoints"`
}

type huaweiEndpointsModel struct {
	HSS        types.String `tfsdk:"hss"`
	MetaStudio types.String `tfsdk:"metastudio"`
	IAM        types.String `tfsdk:"iam"`
}

type tencentModel struct {
	Region        types.String           `tfsdk:"region"`
	SecretID      types.String           `tfsdk:"secret_id"`
	SecretKey     types.String           `tfsdk:"secret_key"`
	SecurityToken types.String           `tfsdk:"security_token"`
	Endpoints     *tencentEndpointsModel `tfsdk:"endpoints"`
}

type tencentEndpointsModel struct {
	TCSS types.String `tfsdk:"tcss"`
}

type alibabaModel struct {
	Region        types.String           `tfsdk:"region"`
	AccessKey     types.String           `tfsdk:"access_key"`
	SecretKey     types.String           `tfsdk:"secret_key"`
	SecurityToken types.String           `tfsdk:"security_token"`
	Endpoints     *alibabaEndpointsModel `tfsdk:"endpoints"`
}

type alibabaEndpointsModel struct {
	SAS types.String `tfsdk:"sas"`
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

func (s *settings) huawei(m *huaweiModel) clients.HuaweiConfig {
	if m == nil {
		m = &huaweiModel{}
	}
	ep := m.Endpoints
	if ep == nil {
		ep = &huaweiEndpointsModel{}
	}
	b := path.Root("huaweicloud")
	return clients.HuaweiConfig{
		Region:              s.str(m.Region, b.AtName("region"), "HW_REGION_NAME"),
		AccessKey:           s.str(m.AccessKey, b.AtName("access_key"), "HW_ACCESS_KEY", "CLOUD_SDK_AK"),
		SecretKey:           s.str(m.SecretKey, b.AtName("secret_key"), "HW_SECRET_KEY", "CLOUD_SDK_SK"),
		SecurityToken:       s.str(m.SecurityToken, b.AtName("security_token"), "HW_SECURITY_TOKEN"),
		ProjectID:           s.str(m.ProjectID, b.AtName("project_id"), "HW_PROJECT_ID"),
		EnterpriseProjectID: s.str(m.EnterpriseProjectID, b.AtName("enterprise_project_id"), "HW_ENTERPRISE_PROJECT_ID"),
		Endpoints: clients.HuaweiEndpoints{
			HSS:        s.str(ep.HSS, b.AtName("endpoints").AtName("hss")),
			MetaStudio: s.str(ep.MetaStudio, b.AtName("endpoints").AtName("metastudio")),
			IAM:        s.str(ep.IAM, b.AtName("endpoints").AtName("iam")),
		},
	}
}

func (s *settings) tencent(m *tencentModel) clients.TencentConfig {
	if m == nil {
		m = &tencentModel{}
	}
	ep := m.Endpoints
	if ep == nil {
		ep = &tencentEndpointsModel{}
	}
	b := path.Root("tencentcloud")
	return clients.TencentConfig{
		Region:        s.str(m.Region, b.AtName("region"), "TENCENTCLOUD_REGION"),
		SecretID:      s.str(m.SecretID, b.AtName("secret_id"), "TENCENTCLOUD_SECRET_ID"),
		SecretKey:     s.str(m.SecretKey, b.AtName("secret_key"), "TENCENTCLOUD_SECRET_KEY"),
		SecurityToken: s.str(m.SecurityToken, b.AtName("security_token"), "TENCENTCLOUD_SECURITY_TOKEN"),
		Endpoints: clients.TencentEndpoints{
			TCSS: s.str(ep.TCSS, b.AtName("endpoints").AtName("tcss")),
		},
	}
}

func (s *settings) alibaba(m *alibabaModel) clients.AlibabaConfig {
	if m == nil {
		m = &alibabaModel{}
	}
	ep := m.Endpoints
	if ep == nil {
		ep = &alibabaEndpointsModel{}
	}
	b := path.Root("alicloud")
	return clients.AlibabaConfig{
		Region:        s.str(m.Region, b.AtName("region"), "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION_ID"),
		AccessKey:     s.str(m.AccessKey, b.AtName("access_key"), "ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"),
		SecretKey:     s.str(m.SecretKey, b.AtName("secret_key"), "ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
		SecurityToken: s.str(m.SecurityToken, b.AtName("security_token"), "ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"),
		Endpoints: clients.AlibabaEndpoints{
			SAS: s.str(ep.SAS, b.AtName("endpoints").AtName("sas")),
		},
	}
}
