package tencent

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// BlockName is the cloud's block in the provider configuration.
const BlockName = "tencentcloud"

// Config is the tencentcloud block after HCL and environment are merged.
type Config struct {
	Region        string
	SecretID      string
	SecretKey     string
	SecurityToken string
	// Profile is the tccli profile named in HCL or TENCENTCLOUD_PROFILE; "" = none named
	// ("default" is then read only as an SDK default, rung 4).
	Profile string
	// SharedCredentialsDir is the tccli directory set in HCL or
	// TENCENTCLOUD_SHARED_CREDENTIALS_DIR; "" = ~/.tccli.
	SharedCredentialsDir string
	// AssumeRole, when not nil, assumes a role on top of the base credentials.
	AssumeRole *AssumeRole
	// OIDC, when not nil, exchanges a web identity token for the base credentials.
	OIDC *OIDC
	// Endpoints are full URLs by endpoints key (a service's Endpoint, or "sts": an https URL
	// without path, whose host the SDK's STS providers take); only the keys that are set.
	Endpoints map[string]string
}

// AssumeRole is the assume_role block merged with its environment variables.
type AssumeRole struct {
	RoleArn     string
	SessionName string
	// Duration is a Go duration, or whole seconds from the environment; "" = 2h.
	Duration string
}

// OIDC is the assume_role_with_oidc block merged with its environment variables.
type OIDC struct {
	ProviderID  string
	RoleArn     string
	SessionName string
	Duration    string
	TokenFile   string
	Token       string
}

// secrets are the settings that logs must never show.
func (c Config) secrets() []string {
	s := []string{c.SecretKey, c.SecurityToken}
	if c.OIDC != nil {
		s = append(s, c.OIDC.Token)
	}
	return s
}

// Model is the tencentcloud block as Terraform sends it.
type Model struct {
	Region               types.String            `tfsdk:"region"`
	SecretID             types.String            `tfsdk:"secret_id"`
	SecretKey            types.String            `tfsdk:"secret_key"`
	SecurityToken        types.String            `tfsdk:"security_token"`
	Profile              types.String            `tfsdk:"profile"`
	SharedCredentialsDir types.String            `tfsdk:"shared_credentials_dir"`
	Endpoints            types.Map               `tfsdk:"endpoints"`
	AssumeRole           *tencentAssumeRoleModel `tfsdk:"assume_role"`
	OIDC                 *tencentOIDCModel       `tfsdk:"assume_role_with_oidc"`
}

type tencentAssumeRoleModel struct {
	RoleArn     types.String   `tfsdk:"role_arn"`
	SessionName types.String   `tfsdk:"session_name"`
	Duration    attrs.Duration `tfsdk:"duration"`
}

type tencentOIDCModel struct {
	ProviderID  types.String   `tfsdk:"provider_id"`
	RoleArn     types.String   `tfsdk:"role_arn"`
	SessionName types.String   `tfsdk:"session_name"`
	Duration    attrs.Duration `tfsdk:"duration"`
	TokenFile   types.String   `tfsdk:"web_identity_token_file"`
	Token       types.String   `tfsdk:"web_identity_token"`
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

// Cloud is the cloud as the provider sees it: a block, and its Configure.
type Cloud struct{}

// Name is the block's name.
func (Cloud) Name() string { return BlockName }

// Configure merges the block with the environment (no I/O) and attaches the cloud to c;
// it returns the fields the provider logs (never a credential).
func (Cloud) Configure(ctx context.Context, config tfsdk.Config, env *conns.Env, c *conns.Client) map[string]any {
	cfg := merge(env, conns.Block[Model](ctx, config, BlockName, env))
	Attach(c, cfg)
	return map[string]any{"tencentcloud_region": cfg.Region, "tencentcloud_configured": cfg.SecretID != ""}
}

// merge is the environment table: each setting from HCL, else its variables in order.
func merge(s *conns.Env, m *Model) Config {
	if m == nil {
		m = &Model{}
	}
	b := path.Root(BlockName)
	cfg := Config{
		Region:               s.Str(m.Region, b.AtName("region"), "TENCENTCLOUD_REGION"),
		SecretID:             s.Str(m.SecretID, b.AtName("secret_id"), "TENCENTCLOUD_SECRET_ID"),
		SecretKey:            s.Str(m.SecretKey, b.AtName("secret_key"), "TENCENTCLOUD_SECRET_KEY"),
		SecurityToken:        s.Str(m.SecurityToken, b.AtName("security_token"), "TENCENTCLOUD_SECURITY_TOKEN"),
		Profile:              s.Str(m.Profile, b.AtName("profile"), envTCProfile),
		SharedCredentialsDir: s.Str(m.SharedCredentialsDir, b.AtName("shared_credentials_dir"), envTCSharedDir),
		Endpoints:            s.Endpoints(m.Endpoints, BlockName, attrs.EndpointKeys(endpointList())),
	}

	// OIDC: the block, or its token variables. The shared TENCENTCLOUD_ASSUME_ROLE_* variables
	// fill the exchange's role settings when the block does not name a role; they then serve
	// the exchange only, as in the official provider.
	o := m.OIDC
	oidcEnvRole := false
	if o != nil || s.Getenv(envTCWebIdentityFile) != "" || s.Getenv(envTCWebIdentity) != "" {
		if o == nil {
			o = &tencentOIDCModel{}
		}
		ob := b.AtName("assume_role_with_oidc")
		oc := &OIDC{
			ProviderID: s.Str(o.ProviderID, ob.AtName("provider_id"), envTCProviderID),
			TokenFile:  s.Str(o.TokenFile, ob.AtName("web_identity_token_file"), envTCWebIdentityFile),
			Token:      s.Str(o.Token, ob.AtName("web_identity_token"), envTCWebIdentity),
			RoleArn:    s.Str(o.RoleArn, ob.AtName("role_arn")),
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
			oc.RoleArn = s.Getenv(envTCRoleArn)
			oc.SessionName = s.Str(o.SessionName, ob.AtName("session_name"), envTCSessionName)
			oc.Duration = s.Duration(o.Duration, ob.AtName("duration"), envTCDuration)
		} else {
			oc.SessionName = s.Str(o.SessionName, ob.AtName("session_name"))
			oc.Duration = s.Duration(o.Duration, ob.AtName("duration"))
		}
		cfg.OIDC = oc
	}

	// assume_role: the block, or TENCENTCLOUD_ASSUME_ROLE_ARN unless the OIDC exchange took it.
	a := m.AssumeRole
	if a != nil || (!oidcEnvRole && s.Getenv(envTCRoleArn) != "") {
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
		cfg.AssumeRole = &AssumeRole{
			RoleArn:     s.Str(a.RoleArn, ab.AtName("role_arn"), envs(envTCRoleArn)...),
			SessionName: s.Str(a.SessionName, ab.AtName("session_name"), envs(envTCSessionName)...),
			Duration:    s.Duration(a.Duration, ab.AtName("duration"), envs(envTCDuration)...),
		}
	}
	return cfg
}
