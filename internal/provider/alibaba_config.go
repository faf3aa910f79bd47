package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
)

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
