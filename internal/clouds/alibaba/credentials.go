package alibaba

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/aliyun/credentials-go/credentials"
	"github.com/aliyun/credentials-go/credentials/providers"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// The Sts actions credentials-go calls for role assumption.
const (
	serviceSTS            = "STS"
	stsAssumeRole         = "AssumeRole"
	stsAssumeRoleWithOIDC = "AssumeRoleWithOIDC"
)

// alibabaSessionName is the RoleSessionName sent when none is configured (the SDK's own
// default is a random "credentials-go-..." name, which says nothing in an audit log).
const alibabaSessionName = "terraform-provider-cloudquota"

// credentials builds the alicloud block's credential once, at the first call that needs it,
// and shares it between regions: the SDK's providers refresh temporary credentials
// themselves. A failed build is not cached.
func (a *clients) credentials(ctx context.Context) (credentials.Credential, error) {
	a.buildMu.Lock()
	defer a.buildMu.Unlock()
	if a.cred != nil {
		return a.cred, nil
	}
	p, source, err := alibabaCredentialsProvider(a.cfg)
	if err != nil {
		return nil, err
	}
	tflog.Info(ctx, "Alibaba Cloud credentials chosen", map[string]any{"source": source, "sdk_provider": p.GetProviderName()})
	a.cred = credentials.FromCredentialsProvider(p.GetProviderName(), p)
	return a.cred, nil
}

// alibabaCredentialsProvider resolves the base credentials (explicit keys > OIDC web
// identity > named profile > SDK environment and default files > ECS instance RAM role),
// assumes the configured role on top of them, and fetches the credentials once, so that a
// refused exchange is reported now as Sts's error. source describes the choice for logs.
func alibabaCredentialsProvider(cfg Config) (p providers.CredentialsProvider, source string, err error) {
	if len(cfg.Problems) > 0 {
		return nil, "", &conns.ConfigError{
			Summary: "Invalid Alibaba Cloud credential settings",
			Detail:  strings.Join(cfg.Problems, "\n"),
		}
	}
	sts := ""
	if cfg.Endpoints[endpointSTS] != "" {
		if sts, err = conns.STSHost(cfg.Endpoints[endpointSTS]); err != nil {
			// CLOUDQUOTA_ENDPOINT (an emulator's http:// URL) sets sts too; static keys without a
			// role call no STS, so only a chain that would call it is refused.
			if cfg.AccessKey == "" || cfg.SecretKey == "" || cfg.AssumeRole != nil {
				return nil, "", &conns.ConfigError{Summary: "Invalid Alibaba Cloud STS endpoint", Detail: err.Error() +
					" (endpoints.sts in the alicloud block, else CLOUDQUOTA_ALICLOUD_ENDPOINT_STS, else CLOUDQUOTA_ENDPOINT)."}
			}
			sts = ""
		}
	}
	p, source, err = alibabaBase(cfg, sts)
	if err != nil {
		return nil, "", err
	}
	usesSTS := cfg.OIDC != nil
	if ar := cfg.AssumeRole; ar != nil {
		if ar.RoleARN == "" {
			return nil, "", &conns.ConfigError{
				Summary: "Alibaba Cloud assume_role has no role",
				Detail: "The alicloud block's assume_role is configured (by the block, or ALICLOUD_ASSUME_ROLE_SESSION_NAME, " +
					"ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION, ALICLOUD_ASSUME_ROLE_EXTERNAL_ID or ALICLOUD_ASSUME_ROLE_POLICY) " +
					"but names no role: set role_arn in the assume_role block or ALICLOUD_ASSUME_ROLE_ARN.",
			}
		}
		b := providers.NewRAMRoleARNCredentialsProviderBuilder().
			WithCredentialsProvider(p).
			WithRoleArn(ar.RoleARN).
			WithRoleSessionName(orDefault(ar.SessionName, alibabaSessionName)).
			WithDurationSeconds(int(ar.Duration.Seconds())).
			WithExternalId(ar.ExternalID).
			WithPolicy(ar.Policy)
		if sts != "" {
			b = b.WithStsEndpoint(sts)
		}
		if p, err = b.Build(); err != nil {
			return nil, "", &conns.ConfigError{Summary: "Invalid Alibaba Cloud assume_role", Detail: err.Error()}
		}
		source = fmt.Sprintf("assume_role %s on %s", ar.RoleARN, source)
		usesSTS = true
	}
	if _, err := p.GetCredentials(); err != nil {
		return nil, "", alibabaCredentialError(err, usesSTS, cfg)
	}
	return p, source, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// alibabaBase finds the base credentials; it returns trail.notConfigured when no source has any.
func alibabaBase(cfg Config, sts string) (providers.CredentialsProvider, string, error) {
	trail := &conns.CredentialTrail{Cloud: Name, Block: BlockName}

	// 1. Explicit keys (HCL, then the provider's key variables).
	if cfg.AccessKey != "" || cfg.SecretKey != "" {
		if cfg.AccessKey == "" || cfg.SecretKey == "" {
			missing := "access_key (ALICLOUD_ACCESS_KEY or ALIBABA_CLOUD_ACCESS_KEY_ID)"
			if cfg.SecretKey == "" {
				missing = "secret_key (ALICLOUD_SECRET_KEY or ALIBABA_CLOUD_ACCESS_KEY_SECRET)"
			}
			return nil, "", &conns.ConfigError{
				Summary: "Incomplete Alibaba Cloud credentials",
				Detail:  "The alicloud block has only half of an access key pair: set " + missing + ".",
			}
		}
		var p providers.CredentialsProvider
		var err error
		if cfg.SecurityToken != "" {
			p, err = providers.NewStaticSTSCredentialsProviderBuilder().WithAccessKeyId(cfg.AccessKey).
				WithAccessKeySecret(cfg.SecretKey).WithSecurityToken(cfg.SecurityToken).Build()
		} else {
			p, err = providers.NewStaticAKCredentialsProviderBuilder().WithAccessKeyId(cfg.AccessKey).
				WithAccessKeySecret(cfg.SecretKey).Build()
		}
		if err != nil {
			return nil, "", &conns.ConfigError{Summary: "Invalid Alibaba Cloud credentials", Detail: err.Error()}
		}
		return p, "access keys (alicloud block or key environment variables)", nil
	}
	trail.Skip("access keys", "access_key/secret_key are not set, nor ALICLOUD_ACCESS_KEY/ALICLOUD_SECRET_KEY or "+
		"ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET")

	// 2. OIDC web identity.
	if o := cfg.OIDC; o != nil {
		p, err := alibabaOIDC(o, sts)
		if err != nil {
			return nil, "", err
		}
		return p, fmt.Sprintf("OIDC web identity (assume_role_with_oidc, role %s)", o.RoleARN), nil
	}
	trail.Skip("OIDC web identity", "no assume_role_with_oidc block, and ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set")

	// 3. A named profile, or an explicitly set aliyun CLI config file.
	if cfg.Profile != "" || cfg.SharedCredentialsFile != "" {
		file := cfg.SharedCredentialsFile
		if file == "" {
			file = alibabaCLIConfigFile()
		}
		name := cfg.Profile
		p, err := alibabaCLIProfile(file, name, sts)
		if err == nil {
			_, err = p.GetCredentials()
		}
		if err != nil {
			if apiErr := alibabaSTSError(err, ""); apiErr != nil {
				return nil, "", apiErr
			}
			shown := name
			if shown == "" {
				shown = "(the file's current profile)"
			}
			return nil, "", &conns.ConfigError{
				Summary: "Alibaba Cloud profile cannot be used",
				Detail: fmt.Sprintf("Profile %s of the aliyun CLI config file %s gave no credentials: %v\n\n"+
					"Set profile (ALICLOUD_PROFILE or ALIBABA_CLOUD_PROFILE) to a profile of that file, or "+
					"shared_credentials_file (ALICLOUD_SHARED_CREDENTIALS_FILE) to the file that has it.", shown, file, err),
			}
		}
		return p, fmt.Sprintf("profile %q of %s", name, file), nil
	}
	trail.Skip("profile", "profile (ALICLOUD_PROFILE, ALIBABA_CLOUD_PROFILE) and shared_credentials_file "+
		"(ALICLOUD_SHARED_CREDENTIALS_FILE) are not set")

	// 4. The SDK's default files: the credentials file's default profile, then the aliyun CLI
	// config's current profile.
	credFile := os.Getenv("ALIBABA_CLOUD_CREDENTIALS_FILE")
	if credFile == "" {
		credFile = homePath("~/.alibabacloud/credentials")
	}
	if fileExists(credFile) {
		p, err := providers.NewProfileCredentialsProviderBuilder().Build()
		if err == nil {
			_, err = p.GetCredentials()
		}
		if err == nil {
			return p, "default profile of the credentials file " + credFile, nil
		}
		trail.Skip("credentials file "+credFile, err.Error())
	} else {
		trail.Skip("credentials file", fmt.Sprintf("%s does not exist (ALIBABA_CLOUD_CREDENTIALS_FILE)", credFile))
	}
	cliFile := alibabaCLIConfigFile()
	if fileExists(cliFile) {
		p, err := alibabaCLIProfile(cliFile, "", sts)
		if err == nil {
			_, err = p.GetCredentials()
		}
		if err == nil {
			return p, "current profile of the aliyun CLI config " + cliFile, nil
		}
		trail.Skip("aliyun CLI config "+cliFile, err.Error())
	} else {
		trail.Skip("aliyun CLI config", fmt.Sprintf("%s does not exist (ALIBABA_CLOUD_CONFIG_FILE)", cliFile))
	}

	// 5. The ECS instance RAM role, bounded.
	if strings.EqualFold(os.Getenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED"), "true") {
		trail.Skip("ECS instance RAM role", "disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true")
	} else {
		p, err := providers.NewECSRAMRoleCredentialsProviderBuilder().Build()
		if err == nil {
			_, err = conns.FromMetadata(p.GetCredentials)
		}
		if err == nil {
			return p, "ECS instance RAM role (metadata service)", nil
		}
		trail.Skip("ECS instance RAM role (metadata service 100.100.100.200)", err.Error())
	}

	return nil, "", trail.NotConfigured("Set access_key and secret_key in the alicloud block, or the " +
		"ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID and " +
		"ALIBABA_CLOUD_ACCESS_KEY_SECRET are also read); or an assume_role_with_oidc block (or " +
		"ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE); or profile " +
		"(ALICLOUD_PROFILE) and shared_credentials_file (ALICLOUD_SHARED_CREDENTIALS_FILE, default " +
		"~/.aliyun/config.json); or run on an ECS instance with a RAM role (ALIBABA_CLOUD_ECS_METADATA names it).")
}

// alibabaOIDC builds the SDK's OIDC provider after checking the settings that may come from
// the environment.
func alibabaOIDC(o *OIDC, sts string) (providers.CredentialsProvider, error) {
	var missing []string
	if o.ProviderARN == "" {
		missing = append(missing, "oidc_provider_arn (ALIBABA_CLOUD_OIDC_PROVIDER_ARN)")
	}
	if o.RoleARN == "" {
		missing = append(missing, "role_arn (ALIBABA_CLOUD_ROLE_ARN)")
	}
	if o.Token == "" && o.TokenFile == "" {
		missing = append(missing, "oidc_token_file (ALIBABA_CLOUD_OIDC_TOKEN_FILE) or oidc_token (ALIBABA_CLOUD_OIDC_TOKEN)")
	}
	if len(missing) > 0 {
		return nil, &conns.ConfigError{
			Summary: "Incomplete Alibaba Cloud assume_role_with_oidc",
			Detail:  "OIDC web identity is configured but lacks " + strings.Join(missing, ", ") + ".",
		}
	}
	if o.Token != "" && o.TokenFile != "" {
		return nil, &conns.ConfigError{
			Summary: "Conflicting Alibaba Cloud OIDC token settings",
			Detail: "Both an OIDC token (oidc_token or ALIBABA_CLOUD_OIDC_TOKEN) and a token file (oidc_token_file or " +
				"ALIBABA_CLOUD_OIDC_TOKEN_FILE) are set: set only one.",
		}
	}
	b := providers.NewOIDCCredentialsProviderBuilder().
		WithOIDCProviderARN(o.ProviderARN).
		WithRoleArn(o.RoleARN).
		WithRoleSessionName(orDefault(o.SessionName, alibabaSessionName)).
		WithDurationSeconds(int(o.Duration.Seconds()))
	if o.Token != "" {
		b = b.WithOIDCToken(o.Token)
	} else {
		b = b.WithOIDCTokenFilePath(o.TokenFile)
	}
	if sts != "" {
		b = b.WithSTSEndpoint(sts)
	}
	p, err := b.Build()
	if err != nil {
		return nil, &conns.ConfigError{Summary: "Invalid Alibaba Cloud assume_role_with_oidc", Detail: err.Error()}
	}
	return p, nil
}

// alibabaCLIConfigFile is the aliyun CLI config the SDK reads by default.
func alibabaCLIConfigFile() string {
	if f := os.Getenv("ALIBABA_CLOUD_CONFIG_FILE"); f != "" {
		return f
	}
	return homePath("~/.aliyun/config.json")
}

// homePath is p with "~/" expanded, or p as it is when there is no home directory (the
// file is then reported as missing, under its usual name).
func homePath(p string) string {
	if expanded, err := conns.ExpandHome(p); err == nil {
		return expanded
	}
	return p
}

func fileExists(name string) bool {
	st, err := os.Stat(name)
	return err == nil && !st.IsDir()
}

// alibabaCLIProfile is the SDK's CLI profile provider for profile name ("" = the file's
// current profile) of file. The SDK's provider takes no STS endpoint, so when endpoints.sts is
// set, the role modes (RamRoleArn, ChainableRamRoleArn, OIDC) are built from the same SDK
// providers the CLI profile provider uses, with the endpoint.
func alibabaCLIProfile(file, name, sts string) (providers.CredentialsProvider, error) {
	if sts != "" {
		if p, ok, err := alibabaCLIRoleProfile(file, name, sts, 0); ok || err != nil {
			return p, err
		}
	}
	return providers.NewCLIProfileCredentialsProviderBuilder().WithProfileFile(file).WithProfileName(name).Build()
}

// aliyunProfile is the part of an aliyun CLI profile the role modes use.
type aliyunProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	RoleArn         string `json:"ram_role_arn"`
	RoleSessionName string `json:"ram_session_name"`
	DurationSeconds int    `json:"expired_seconds"`
	SourceProfile   string `json:"source_profile"`
	OIDCTokenFile   string `json:"oidc_token_file"`
	OIDCProviderARN string `json:"oidc_provider_arn"`
	Policy          string `json:"policy"`
	ExternalID      string `json:"external_id"`
}

// alibabaCLIRoleProfile builds a role-mode profile with the STS endpoint; ok is false for the
// other modes (and for files the SDK should report on itself).
func alibabaCLIRoleProfile(file, name, sts string, depth int) (providers.CredentialsProvider, bool, error) {
	raw, err := os.ReadFile(file)
	if err != nil || depth > 8 {
		return nil, false, nil //nolint:nilerr // the SDK's profile provider reports unreadable files itself
	}
	var conf struct {
		Current  string          `json:"current"`
		Profiles []aliyunProfile `json:"profiles"`
	}
	if err := json.Unmarshal(raw, &conf); err != nil {
		return nil, false, nil //nolint:nilerr // and malformed ones
	}
	if name == "" {
		name = conf.Current
	}
	var prof *aliyunProfile
	for i := range conf.Profiles {
		if conf.Profiles[i].Name == name {
			prof = &conf.Profiles[i]
		}
	}
	if prof == nil {
		return nil, false, nil
	}
	var base providers.CredentialsProvider
	switch prof.Mode {
	case "RamRoleArn":
		base, err = providers.NewStaticAKCredentialsProviderBuilder().WithAccessKeyId(prof.AccessKeyID).
			WithAccessKeySecret(prof.AccessKeySecret).Build()
	case "ChainableRamRoleArn":
		var ok bool
		base, ok, err = alibabaCLIRoleProfile(file, prof.SourceProfile, sts, depth+1)
		if !ok && err == nil {
			base, err = providers.NewCLIProfileCredentialsProviderBuilder().WithProfileFile(file).
				WithProfileName(prof.SourceProfile).Build()
		}
	case "OIDC":
		p, err := providers.NewOIDCCredentialsProviderBuilder().WithOIDCProviderARN(prof.OIDCProviderARN).
			WithOIDCTokenFilePath(prof.OIDCTokenFile).WithRoleArn(prof.RoleArn).
			WithRoleSessionName(prof.RoleSessionName).WithDurationSeconds(prof.DurationSeconds).
			WithPolicy(prof.Policy).WithSTSEndpoint(sts).Build()
		return p, true, err
	default:
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	p, err := providers.NewRAMRoleARNCredentialsProviderBuilder().WithCredentialsProvider(base).
		WithRoleArn(prof.RoleArn).WithRoleSessionName(prof.RoleSessionName).
		WithDurationSeconds(prof.DurationSeconds).WithPolicy(prof.Policy).WithExternalId(prof.ExternalID).
		WithStsEndpoint(sts).Build()
	return p, true, err
}

// alibabaCredentialError turns a failed credential fetch into a diagnostic: Sts's own error
// when an exchange was refused, else a configuration error.
func alibabaCredentialError(err error, usesSTS bool, cfg Config) error {
	if apiErr := alibabaSTSError(err, ""); apiErr != nil {
		return apiErr
	}
	if usesSTS {
		action := stsAssumeRole
		if cfg.AssumeRole == nil {
			action = stsAssumeRoleWithOIDC
		}
		return alibabaSTSError(err, action)
	}
	return &conns.ConfigError{Summary: "Alibaba Cloud credentials cannot be used", Detail: err.Error()}
}

// alibabaSTSError reads the Sts error credentials-go wraps in its message ("refresh session
// token failed: <body>" for AssumeRole, "get session token failed: <body>" for
// AssumeRoleWithOIDC). The SDK keeps the body but drops the HTTP status, so the status is the
// one Alibaba documents for the code. Other errors become a transport APIError for
// defaultAction, or nil when defaultAction is "".
func alibabaSTSError(err error, defaultAction string) *conns.APIError {
	msg := err.Error()
	action := defaultAction
	body := ""
	for prefix, a := range map[string]string{
		"refresh session token failed: ": stsAssumeRole,
		"get session token failed: ":     stsAssumeRoleWithOIDC,
	} {
		if i := strings.Index(msg, prefix); i >= 0 {
			action, body = a, msg[i+len(prefix):]
		}
	}
	if action == "" {
		return nil
	}
	var b struct {
		RequestID string `json:"RequestId"`
		Code      string `json:"Code"`
		Message   string `json:"Message"`
	}
	if body != "" && json.Unmarshal([]byte(body), &b) == nil && b.Code != "" {
		return &conns.APIError{
			Cloud: Name, Service: serviceSTS, Action: action, HTTPStatus: alibabaSTSStatus(b.Code),
			Code: b.Code, Message: b.Message, RequestID: b.RequestID,
		}
	}
	if body != "" {
		return &conns.APIError{Cloud: Name, Service: serviceSTS, Action: action, Message: body, Err: errors.New(body)}
	}
	return &conns.APIError{Cloud: Name, Service: serviceSTS, Action: action, Err: err}
}

// alibabaSTSStatus is the HTTP status Alibaba documents for an Sts (and POP gateway) error code.
func alibabaSTSStatus(code string) int {
	switch {
	case strings.HasPrefix(code, "EntityNotExist"), code == "InvalidAccessKeyId.NotFound",
		strings.HasPrefix(code, "InvalidAction"):
		return http.StatusNotFound
	case code == "NoPermission", strings.HasPrefix(code, "Forbidden"), code == "InvalidAccessKeyId.Inactive":
		return http.StatusForbidden
	case code == "InternalError", code == "ServerError", code == "ServiceUnavailable":
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}
