package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
)

type alibabaModel struct {
	Region                types.String            `tfsdk:"region"`
	AccessKey             types.String            `tfsdk:"access_key"`
	SecretKey             types.String            `tfsdk:"secret_key"`
	SecurityToken         types.String            `tfsdk:"security_token"`
	Profile               types.String            `tfsdk:"profile"`
	SharedCredentialsFile types.String            `tfsdk:"shared_credentials_file"`
	AssumeRole            *alibabaAssumeRoleModel `tfsdk:"assume_role"`
	AssumeRoleWithOIDC    *alibabaOIDCModel       `tfsdk:"assume_role_with_oidc"`
	Endpoints             *alibabaEndpointsModel  `tfsdk:"endpoints"`
}

type alibabaAssumeRoleModel struct {
	RoleARN     types.String         `tfsdk:"role_arn"`
	SessionName types.String         `tfsdk:"session_name"`
	Duration    timetypes.GoDuration `tfsdk:"duration"`
	ExternalID  types.String         `tfsdk:"external_id"`
	Policy      types.String         `tfsdk:"policy"`
}

type alibabaOIDCModel struct {
	OIDCProviderARN types.String         `tfsdk:"oidc_provider_arn"`
	RoleARN         types.String         `tfsdk:"role_arn"`
	OIDCTokenFile   types.String         `tfsdk:"oidc_token_file"`
	OIDCToken       types.String         `tfsdk:"oidc_token"`
	SessionName     types.String         `tfsdk:"session_name"`
	Duration        timetypes.GoDuration `tfsdk:"duration"`
}

type alibabaEndpointsModel struct {
	SAS types.String `tfsdk:"sas"`
	STS types.String `tfsdk:"sts"`
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
	cfg := clients.AlibabaConfig{
		Region:                s.str(m.Region, b.AtName("region"), "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION_ID"),
		AccessKey:             s.str(m.AccessKey, b.AtName("access_key"), "ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"),
		SecretKey:             s.str(m.SecretKey, b.AtName("secret_key"), "ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
		SecurityToken:         s.str(m.SecurityToken, b.AtName("security_token"), "ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"),
		Profile:               s.str(m.Profile, b.AtName("profile"), "ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"),
		SharedCredentialsFile: s.str(m.SharedCredentialsFile, b.AtName("shared_credentials_file"), "ALICLOUD_SHARED_CREDENTIALS_FILE"),
		Endpoints: clients.AlibabaEndpoints{
			SAS: s.str(ep.SAS, b.AtName("endpoints").AtName("sas")),
			STS: s.str(ep.STS, b.AtName("endpoints").AtName("sts")),
		},
	}

	ar := m.AssumeRole
	if ar == nil {
		ar = &alibabaAssumeRoleModel{}
	}
	at := b.AtName("assume_role")
	role := clients.AlibabaAssumeRole{
		RoleARN:     s.str(ar.RoleARN, at.AtName("role_arn"), "ALICLOUD_ASSUME_ROLE_ARN"),
		SessionName: s.str(ar.SessionName, at.AtName("session_name"), "ALICLOUD_ASSUME_ROLE_SESSION_NAME"),
		ExternalID:  s.str(ar.ExternalID, at.AtName("external_id"), "ALICLOUD_ASSUME_ROLE_EXTERNAL_ID"),
		Policy:      s.str(ar.Policy, at.AtName("policy"), "ALICLOUD_ASSUME_ROLE_POLICY"),
		Duration:    s.sessionDuration(&cfg, ar.Duration, at.AtName("duration"), "ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"),
	}
	if m.AssumeRole != nil || role.RoleARN != "" {
		cfg.AssumeRole = &role
	}

	o := m.AssumeRoleWithOIDC
	if o == nil {
		o = &alibabaOIDCModel{}
	}
	ot := b.AtName("assume_role_with_oidc")
	oidc := clients.AlibabaOIDC{
		ProviderARN: s.str(o.OIDCProviderARN, ot.AtName("oidc_provider_arn"), "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"),
		RoleARN:     s.str(o.RoleARN, ot.AtName("role_arn"), "ALIBABA_CLOUD_ROLE_ARN"),
		TokenFile:   s.str(o.OIDCTokenFile, ot.AtName("oidc_token_file"), "ALIBABA_CLOUD_OIDC_TOKEN_FILE"),
		Token:       s.str(o.OIDCToken, ot.AtName("oidc_token"), "ALIBABA_CLOUD_OIDC_TOKEN"),
		SessionName: s.str(o.SessionName, ot.AtName("session_name"), "ALIBABA_CLOUD_ROLE_SESSION_NAME"),
		Duration:    s.sessionDuration(&cfg, o.Duration, ot.AtName("duration"), "ALIBABA_CLOUD_ROLE_SESSION_EXPIRATION"),
	}
	if m.AssumeRoleWithOIDC != nil || oidc.ProviderARN != "" {
		cfg.OIDC = &oidc
	}
	return cfg
}

// sessionDuration is the HCL duration (validated at plan time), else env as a Go duration or
// whole seconds. An unusable env value is recorded in cfg.Problems, reported when the client is
// built, so that it never disturbs the other clouds.
func (s *settings) sessionDuration(cfg *clients.AlibabaConfig, v timetypes.GoDuration, at path.Path, env string) time.Duration {
	if v.IsUnknown() {
		s.str(types.StringUnknown(), at)
		return 0
	}
	if !v.IsNull() {
		d, diags := v.ValueGoDuration()
		s.diags.Append(diags...)
		return d
	}
	raw := s.getenv(env)
	d, err := clients.ParseSessionDuration(raw, 0, alibabaMinSession, alibabaMaxSession)
	if err != nil {
		cfg.Problems = append(cfg.Problems, fmt.Sprintf("%s = %q: %s.", env, raw, err))
		return 0
	}
	return d
}
