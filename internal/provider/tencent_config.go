package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clients"
)

type tencentModel struct {
	Region               types.String            `tfsdk:"region"`
	SecretID             types.String            `tfsdk:"secret_id"`
	SecretKey            types.String            `tfsdk:"secret_key"`
	SecurityToken        types.String            `tfsdk:"security_token"`
	Profile              types.String            `tfsdk:"profile"`
	SharedCredentialsDir types.String            `tfsdk:"shared_credentials_dir"`
	Endpoints            *tencentEndpointsModel  `tfsdk:"endpoints"`
	AssumeRole           *tencentAssumeRoleModel `tfsdk:"assume_role"`
	OIDC                 *tencentOIDCModel       `tfsdk:"assume_role_with_oidc"`
}

type tencentEndpointsModel struct {
	TCSS types.String `tfsdk:"tcss"`
	STS  types.String `tfsdk:"sts"`
}

type tencentAssumeRoleModel struct {
	RoleArn     types.String         `tfsdk:"role_arn"`
	SessionName types.String         `tfsdk:"session_name"`
	Duration    timetypes.GoDuration `tfsdk:"duration"`
}

type tencentOIDCModel struct {
	ProviderID  types.String         `tfsdk:"provider_id"`
	RoleArn     types.String         `tfsdk:"role_arn"`
	SessionName types.String         `tfsdk:"session_name"`
	Duration    timetypes.GoDuration `tfsdk:"duration"`
	TokenFile   types.String         `tfsdk:"web_identity_token_file"`
	Token       types.String         `tfsdk:"web_identity_token"`
}

// Environment variables of the Tencent credential settings, named as in the official
// tencentcloud provider.
const (
	envTCProfile         = "TENCENTCLOUD_PROFILE"
	envTCSharedDir       = "TENCENTCLOUD_SHARED_CREDENTIALS_DIR"
	envTCRoleArn         = "TENCENTCLOUD_ASSUME_ROLE_ARN"
	envTCSessionName     = "TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME"
	envTCDuration        = "TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION"
	envTCProviderID      = "TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID"
	envTCWebIdentity     = "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN"
	envTCWebIdentityFile = "TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE"
)

func (s *settings) tencent(m *tencentModel) clients.TencentConfig {
	if m == nil {
		m = &tencentModel{}
	}
	ep := m.Endpoints
	if ep == nil {
		ep = &tencentEndpointsModel{}
	}
	b := path.Root("tencentcloud")
	cfg := clients.TencentConfig{
		Region:               s.str(m.Region, b.AtName("region"), "TENCENTCLOUD_REGION"),
		SecretID:             s.str(m.SecretID, b.AtName("secret_id"), "TENCENTCLOUD_SECRET_ID"),
		SecretKey:            s.str(m.SecretKey, b.AtName("secret_key"), "TENCENTCLOUD_SECRET_KEY"),
		SecurityToken:        s.str(m.SecurityToken, b.AtName("security_token"), "TENCENTCLOUD_SECURITY_TOKEN"),
		Profile:              s.str(m.Profile, b.AtName("profile"), envTCProfile),
		SharedCredentialsDir: s.str(m.SharedCredentialsDir, b.AtName("shared_credentials_dir"), envTCSharedDir),
		Endpoints: clients.TencentEndpoints{
			TCSS: s.str(ep.TCSS, b.AtName("endpoints").AtName("tcss")),
			STS:  s.str(ep.STS, b.AtName("endpoints").AtName("sts")),
		},
	}

	// OIDC: the block, or its token variables. The shared TENCENTCLOUD_ASSUME_ROLE_* variables
	// fill the exchange's role settings when the block does not name a role; they then serve
	// the exchange only, as in the official provider.
	o := m.OIDC
	oidcEnvRole := false
	if o != nil || s.getenv(envTCWebIdentityFile) != "" || s.getenv(envTCWebIdentity) != "" {
		if o == nil {
			o = &tencentOIDCModel{}
		}
		ob := b.AtName("assume_role_with_oidc")
		oc := &clients.TencentOIDC{
			ProviderID: s.str(o.ProviderID, ob.AtName("provider_id"), envTCProviderID),
			TokenFile:  s.str(o.TokenFile, ob.AtName("web_identity_token_file"), envTCWebIdentityFile),
			Token:      s.str(o.Token, ob.AtName("web_identity_token"), envTCWebIdentity),
			RoleArn:    s.str(o.RoleArn, ob.AtName("role_arn")),
		}
		// One token source: what HCL sets wins over the environment; between two variables
		// the file wins (both in HCL is refused at plan time).
		hclToken := !o.Token.IsNull() && o.Token.ValueString() != ""
		hclFile := !o.TokenFile.IsNull() && o.TokenFile.ValueString() != ""
		switch {
		case hclToken && !hclFile:
			oc.TokenFile = ""
		case oc.TokenFile != "":
			oc.Token = ""
		}
		oidcEnvRole = oc.RoleArn == ""
		if oidcEnvRole {
			oc.RoleArn = s.getenv(envTCRoleArn)
			oc.SessionName = s.str(o.SessionName, ob.AtName("session_name"), envTCSessionName)
			oc.Duration = s.duration(o.Duration, ob.AtName("duration"), envTCDuration)
		} else {
			oc.SessionName = s.str(o.SessionName, ob.AtName("session_name"))
			oc.Duration = s.duration(o.Duration, ob.AtName("duration"))
		}
		cfg.OIDC = oc
	}

	// assume_role: the block, or TENCENTCLOUD_ASSUME_ROLE_ARN unless the OIDC exchange took it.
	a := m.AssumeRole
	if a != nil || (!oidcEnvRole && s.getenv(envTCRoleArn) != "") {
		if a == nil {
			a = &tencentAssumeRoleModel{}
		}
		ab := b.AtName("assume_role")
		envs := func(name string) []string {
			if oidcEnvRole {
				return nil
			}
			return []string{name}
		}
		cfg.AssumeRole = &clients.TencentAssumeRole{
			RoleArn:     s.str(a.RoleArn, ab.AtName("role_arn"), envs(envTCRoleArn)...),
			SessionName: s.str(a.SessionName, ab.AtName("session_name"), envs(envTCSessionName)...),
			Duration:    s.duration(a.Duration, ab.AtName("duration"), envs(envTCDuration)...),
		}
	}
	return cfg
}

// duration is str for a Go duration attribute: its string form, else the first set variable
// (a Go duration or whole seconds, checked when the client is built).
func (s *settings) duration(v timetypes.GoDuration, at path.Path, envs ...string) string {
	return s.str(v.StringValue, at, envs...)
}
