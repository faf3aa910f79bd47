package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
)

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
