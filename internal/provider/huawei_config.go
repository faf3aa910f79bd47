package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
)

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
