package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
)

type huaweiModel struct {
	Region              types.String           `tfsdk:"region"`
	AccessKey           types.String           `tfsdk:"access_key"`
	SecretKey           types.String           `tfsdk:"secret_key"`
	SecurityToken       types.String           `tfsdk:"security_token"`
	ProjectID           types.String           `tfsdk:"project_id"`
	EnterpriseProjectID types.String           `tfsdk:"enterprise_project_id"`
	Endpoints           *huaweiEndpointsModel  `tfsdk:"endpoints"`
	Profile             types.String           `tfsdk:"profile"`
	SharedConfigFile    types.String           `tfsdk:"shared_config_file"`
	AssumeRole          *huaweiAssumeRoleModel `tfsdk:"assume_role"`
	OIDC                *huaweiOIDCModel       `tfsdk:"assume_role_with_oidc"`
}

type huaweiAssumeRoleModel struct {
	AgencyName types.String         `tfsdk:"agency_name"`
	DomainName types.String         `tfsdk:"domain_name"`
	DomainID   types.String         `tfsdk:"domain_id"`
	Duration   timetypes.GoDuration `tfsdk:"duration"`
}

type huaweiOIDCModel struct {
	IdpID       types.String `tfsdk:"idp_id"`
	IDTokenFile types.String `tfsdk:"id_token_file"`
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
	ar := m.AssumeRole
	if ar == nil {
		ar = &huaweiAssumeRoleModel{}
	}
	oidc := m.OIDC
	if oidc == nil {
		oidc = &huaweiOIDCModel{}
	}
	b := path.Root("huaweicloud")
	arp, op := b.AtName("assume_role"), b.AtName("assume_role_with_oidc")
	return clients.HuaweiConfig{
		Profile:          s.str(m.Profile, b.AtName("profile"), "HW_PROFILE"),
		SharedConfigFile: s.str(m.SharedConfigFile, b.AtName("shared_config_file"), "HW_SHARED_CONFIG_FILE"),
		AssumeRole: clients.HuaweiAssumeRole{
			AgencyName: s.str(ar.AgencyName, arp.AtName("agency_name"), "HW_ASSUME_ROLE_AGENCY_NAME"),
			DomainName: s.str(ar.DomainName, arp.AtName("domain_name"), "HW_ASSUME_ROLE_DOMAIN_NAME"),
			DomainID:   s.str(ar.DomainID, arp.AtName("domain_id"), "HW_ASSUME_ROLE_DOMAIN_ID"),
			Duration:   s.str(ar.Duration.StringValue, arp.AtName("duration"), "HW_ASSUME_ROLE_DURATION"),
		},
		OIDC: clients.HuaweiOIDC{
			IdpID:       s.str(oidc.IdpID, op.AtName("idp_id"), "HW_ASSUME_ROLE_IDP_ID"),
			IDTokenFile: s.str(oidc.IDTokenFile, op.AtName("id_token_file"), "HW_ASSUME_ROLE_ID_TOKEN_FILE"),
		},
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
