package huawei

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// BlockName is the cloud's block in the provider configuration.
const BlockName = "huaweicloud"

// Config is the huaweicloud block after HCL and environment are merged. Anything still
// empty falls back to the SDK's own chain when a client is built.
type Config struct {
	Region              string
	AccessKey           string
	SecretKey           string
	SecurityToken       string
	ProjectID           string
	EnterpriseProjectID string
	// DomainID is the account (IAM domain) that global services' calls are made for; ""
	// = resolved through IAM, as the SDK's global credentials do.
	DomainID string
	// Endpoints are full URLs by endpoints key (a service's Endpoint, or "iam") that
	// replace the SDK's regional endpoints; only the keys that are set.
	Endpoints        map[string]string
	Profile          string // KooCLI profile name
	SharedConfigFile string // KooCLI config file, "" = ~/.hcloud/config.json
	AssumeRole       AssumeRole
	OIDC             OIDC
}

// secrets are the settings that logs must never show.
func (c Config) secrets() []string {
	return []string{c.SecretKey, c.SecurityToken}
}

// Model is the huaweicloud block as Terraform sends it.
type Model struct {
	Region              types.String     `tfsdk:"region"`
	AccessKey           types.String     `tfsdk:"access_key"`
	SecretKey           types.String     `tfsdk:"secret_key"`
	SecurityToken       types.String     `tfsdk:"security_token"`
	ProjectID           types.String     `tfsdk:"project_id"`
	EnterpriseProjectID types.String     `tfsdk:"enterprise_project_id"`
	DomainID            types.String     `tfsdk:"domain_id"`
	Endpoints           types.Map        `tfsdk:"endpoints"`
	Profile             types.String     `tfsdk:"profile"`
	SharedConfigFile    types.String     `tfsdk:"shared_config_file"`
	AssumeRole          *assumeRoleModel `tfsdk:"assume_role"`
	OIDC                *oidcModel       `tfsdk:"assume_role_with_oidc"`
}

type assumeRoleModel struct {
	AgencyName types.String   `tfsdk:"agency_name"`
	DomainName types.String   `tfsdk:"domain_name"`
	DomainID   types.String   `tfsdk:"domain_id"`
	Duration   attrs.Duration `tfsdk:"duration"`
}

type oidcModel struct {
	IdpID       types.String `tfsdk:"idp_id"`
	IDTokenFile types.String `tfsdk:"id_token_file"`
}

// Cloud is the cloud as the provider sees it: a block, and its Configure.
type Cloud struct{}

// Name is the block's name.
func (Cloud) Name() string { return BlockName }

// Configure merges the block with the environment (no I/O) and attaches the cloud to c;
// it returns the fields the provider logs (never a credential).
func (Cloud) Configure(ctx context.Context, config tfsdk.Config, env *conns.Env, c *conns.Client) map[string]any {
	cfg := merge(env, conns.Block[Model](ctx, config, BlockName, env))
	Attach(c, cfg)
	return map[string]any{"huaweicloud_region": cfg.Region, "huaweicloud_configured": cfg.AccessKey != ""}
}

// merge is the environment table: each setting from HCL, else its variables in order.
func merge(s *conns.Env, m *Model) Config {
	if m == nil {
		m = &Model{}
	}
	ar := m.AssumeRole
	if ar == nil {
		ar = &assumeRoleModel{}
	}
	oidc := m.OIDC
	if oidc == nil {
		oidc = &oidcModel{}
	}
	b := path.Root(BlockName)
	arp, op := b.AtName("assume_role"), b.AtName("assume_role_with_oidc")
	return Config{
		Profile:          s.Str(m.Profile, b.AtName("profile"), "HW_PROFILE"),
		SharedConfigFile: s.Str(m.SharedConfigFile, b.AtName("shared_config_file"), "HW_SHARED_CONFIG_FILE"),
		AssumeRole: AssumeRole{
			AgencyName: s.Str(ar.AgencyName, arp.AtName("agency_name"), "HW_ASSUME_ROLE_AGENCY_NAME"),
			DomainName: s.Str(ar.DomainName, arp.AtName("domain_name"), "HW_ASSUME_ROLE_DOMAIN_NAME"),
			DomainID:   s.Str(ar.DomainID, arp.AtName("domain_id"), "HW_ASSUME_ROLE_DOMAIN_ID"),
			Duration:   s.Duration(ar.Duration, arp.AtName("duration"), "HW_ASSUME_ROLE_DURATION"),
		},
		OIDC: OIDC{
			IdpID:       s.Str(oidc.IdpID, op.AtName("idp_id"), "HW_ASSUME_ROLE_IDP_ID"),
			IDTokenFile: s.Str(oidc.IDTokenFile, op.AtName("id_token_file"), "HW_ASSUME_ROLE_ID_TOKEN_FILE"),
		},
		Region:              s.Str(m.Region, b.AtName("region"), "HW_REGION_NAME"),
		AccessKey:           s.Str(m.AccessKey, b.AtName("access_key"), "HW_ACCESS_KEY", "CLOUD_SDK_AK"),
		SecretKey:           s.Str(m.SecretKey, b.AtName("secret_key"), "HW_SECRET_KEY", "CLOUD_SDK_SK"),
		SecurityToken:       s.Str(m.SecurityToken, b.AtName("security_token"), "HW_SECURITY_TOKEN"),
		ProjectID:           s.Str(m.ProjectID, b.AtName("project_id"), "HW_PROJECT_ID"),
		EnterpriseProjectID: s.Str(m.EnterpriseProjectID, b.AtName("enterprise_project_id"), "HW_ENTERPRISE_PROJECT_ID"),
		DomainID:            s.Str(m.DomainID, b.AtName("domain_id"), "HW_DOMAIN_ID"),
		Endpoints:           s.Endpoints(m.Endpoints, BlockName, attrs.EndpointKeys(endpointList())),
	}
}
