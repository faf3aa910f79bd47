package alibaba

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// BlockName is the cloud's block in the provider configuration.
const BlockName = "alicloud"

// Config is the alicloud block after HCL and environment are merged.
type Config struct {
	Region        string
	AccessKey     string
	SecretKey     string
	SecurityToken string
	// Profile names a profile of the aliyun CLI's config file; SharedCredentialsFile is that
	// file when set explicitly ("" = ALIBABA_CLOUD_CONFIG_FILE, else ~/.aliyun/config.json).
	Profile               string
	SharedCredentialsFile string
	AssumeRole            *AssumeRole // nil = no role assumed
	OIDC                  *OIDC       // nil = no OIDC web identity
	// Problems are settings from the environment that could not be used (an unparsable
	// duration, ...): reported when the client is built, so that they never disturb the
	// other clouds.
	Problems []string
	// Endpoints are full URLs by endpoints key (a service's Endpoint, or "sts") that replace
	// the documented endpoints; only the keys that are set.
	Endpoints map[string]string
}

// AssumeRole is the assume_role block (or its environment variables).
type AssumeRole struct {
	RoleARN     string
	SessionName string
	Duration    time.Duration // 0 = the API's default, one hour
	ExternalID  string
	Policy      string
}

// OIDC is the assume_role_with_oidc block (or its environment variables).
type OIDC struct {
	ProviderARN string
	RoleARN     string
	TokenFile   string
	Token       string
	SessionName string
	Duration    time.Duration
}

// secrets are the settings that logs must never show.
func (c Config) secrets() []string {
	out := []string{c.SecretKey, c.SecurityToken}
	if c.OIDC != nil {
		out = append(out, c.OIDC.Token)
	}
	return out
}

// Model is the alicloud block as Terraform sends it.
type Model struct {
	Region                types.String            `tfsdk:"region"`
	AccessKey             types.String            `tfsdk:"access_key"`
	SecretKey             types.String            `tfsdk:"secret_key"`
	SecurityToken         types.String            `tfsdk:"security_token"`
	Profile               types.String            `tfsdk:"profile"`
	SharedCredentialsFile types.String            `tfsdk:"shared_credentials_file"`
	AssumeRole            *alibabaAssumeRoleModel `tfsdk:"assume_role"`
	AssumeRoleWithOIDC    *alibabaOIDCModel       `tfsdk:"assume_role_with_oidc"`
	Endpoints             types.Map               `tfsdk:"endpoints"`
}

type alibabaAssumeRoleModel struct {
	RoleARN     types.String   `tfsdk:"role_arn"`
	SessionName types.String   `tfsdk:"session_name"`
	Duration    attrs.Duration `tfsdk:"duration"`
	ExternalID  types.String   `tfsdk:"external_id"`
	Policy      types.String   `tfsdk:"policy"`
}

type alibabaOIDCModel struct {
	OIDCProviderARN types.String   `tfsdk:"oidc_provider_arn"`
	RoleARN         types.String   `tfsdk:"role_arn"`
	OIDCTokenFile   types.String   `tfsdk:"oidc_token_file"`
	OIDCToken       types.String   `tfsdk:"oidc_token"`
	SessionName     types.String   `tfsdk:"session_name"`
	Duration        attrs.Duration `tfsdk:"duration"`
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
	return map[string]any{"alicloud_region": cfg.Region, "alicloud_configured": cfg.AccessKey != ""}
}

// merge is the environment table: each setting from HCL, else its variables in order.
func merge(s *conns.Env, m *Model) Config {
	if m == nil {
		m = &Model{}
	}
	b := path.Root(BlockName)
	cfg := Config{
		Region:                s.Str(m.Region, b.AtName("region"), "ALICLOUD_REGION", "ALIBABA_CLOUD_REGION_ID"),
		AccessKey:             s.Str(m.AccessKey, b.AtName("access_key"), "ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"),
		SecretKey:             s.Str(m.SecretKey, b.AtName("secret_key"), "ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
		SecurityToken:         s.Str(m.SecurityToken, b.AtName("security_token"), "ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"),
		Profile:               s.Str(m.Profile, b.AtName("profile"), "ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"),
		SharedCredentialsFile: s.Str(m.SharedCredentialsFile, b.AtName("shared_credentials_file"), "ALICLOUD_SHARED_CREDENTIALS_FILE"),
		Endpoints:             s.Endpoints(m.Endpoints, BlockName, attrs.EndpointKeys(endpointList())),
	}

	ar := m.AssumeRole
	if ar == nil {
		ar = &alibabaAssumeRoleModel{}
	}
	at := b.AtName("assume_role")
	role := AssumeRole{
		RoleARN:     s.Str(ar.RoleARN, at.AtName("role_arn"), "ALICLOUD_ASSUME_ROLE_ARN"),
		SessionName: s.Str(ar.SessionName, at.AtName("session_name"), "ALICLOUD_ASSUME_ROLE_SESSION_NAME"),
		ExternalID:  s.Str(ar.ExternalID, at.AtName("external_id"), "ALICLOUD_ASSUME_ROLE_EXTERNAL_ID"),
		Policy:      s.Str(ar.Policy, at.AtName("policy"), "ALICLOUD_ASSUME_ROLE_POLICY"),
		Duration:    sessionDuration(s, &cfg, ar.Duration, at.AtName("duration"), "ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION"),
	}
	if m.AssumeRole != nil || role.RoleARN != "" {
		cfg.AssumeRole = &role
	}

	o := m.AssumeRoleWithOIDC
	if o == nil {
		o = &alibabaOIDCModel{}
	}
	ot := b.AtName("assume_role_with_oidc")
	oidc := OIDC{
		ProviderARN: s.Str(o.OIDCProviderARN, ot.AtName("oidc_provider_arn"), "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"),
		RoleARN:     s.Str(o.RoleARN, ot.AtName("role_arn"), "ALIBABA_CLOUD_ROLE_ARN"),
		TokenFile:   s.Str(o.OIDCTokenFile, ot.AtName("oidc_token_file"), "ALIBABA_CLOUD_OIDC_TOKEN_FILE"),
		Token:       s.Str(o.OIDCToken, ot.AtName("oidc_token"), "ALIBABA_CLOUD_OIDC_TOKEN"),
		SessionName: s.Str(o.SessionName, ot.AtName("session_name"), "ALIBABA_CLOUD_ROLE_SESSION_NAME"),
		Duration:    sessionDuration(s, &cfg, o.Duration, ot.AtName("duration"), "ALIBABA_CLOUD_ROLE_SESSION_EXPIRATION"),
	}
	if m.AssumeRoleWithOIDC != nil || oidc.ProviderARN != "" {
		cfg.OIDC = &oidc
	}
	return cfg
}

// sessionDuration is the HCL duration (validated at plan time), else env as a Go duration or
// whole seconds. An unusable env value is recorded in cfg.Problems, reported when the client is
// built, so that it never disturbs the other clouds.
func sessionDuration(s *conns.Env, cfg *Config, v attrs.Duration, at path.Path, env string) time.Duration {
	if v.IsUnknown() {
		s.Str(types.StringUnknown(), at)
		return 0
	}
	if !v.IsNull() {
		d, diags := v.ValueGoDuration()
		s.Diags.Append(diags...)
		return d
	}
	raw := s.Getenv(env)
	d, err := conns.ParseSessionDuration(raw, 0, alibabaMinSession, alibabaMaxSession)
	if err != nil {
		cfg.Problems = append(cfg.Problems, fmt.Sprintf("%s = %q: %s.", env, raw, err))
		return 0
	}
	return d
}
