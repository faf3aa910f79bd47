package huawei

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/provider"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/impl"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/region"
	iam "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3"
	iammodel "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3/model"
	iamregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/iam/v3/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// AssumeRole is the assume_role block (or its environment variables): an IAM agency to
// assume on top of the base credentials. AgencyName == "" means no role is assumed.
type AssumeRole struct {
	AgencyName string
	DomainName string
	DomainID   string
	// Duration is a Go duration ("1h") or whole seconds ("3600"); "" = 1h.
	Duration string
}

// OIDC is the assume_role_with_oidc block (or its environment variables): an OIDC ID
// token file exchanged through IAM identity provider IdpID for temporary credentials.
type OIDC struct {
	IdpID       string
	IDTokenFile string
}

// Limits of IAM CreateTemporaryAccessKeyByAgency's duration_seconds.
const (
	AssumeRoleMinDuration     = 15 * time.Minute
	AssumeRoleMaxDuration     = 24 * time.Hour
	AssumeRoleDefaultDuration = time.Hour
)

// DefaultSharedConfigFile is where KooCLI (hcloud) keeps its profiles, relative to the
// home directory.
const DefaultSharedConfigFile = "~/.hcloud/config.json"

const huaweiHint = "Set access_key and secret_key in the huaweicloud block (or HW_ACCESS_KEY and HW_SECRET_KEY), " +
	"an assume_role_with_oidc block (or HW_ASSUME_ROLE_IDP_ID and HW_ASSUME_ROLE_ID_TOKEN_FILE), " +
	"profile and/or shared_config_file (or HW_PROFILE and HW_SHARED_CONFIG_FILE) for a KooCLI profile, " +
	"the SDK's HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or run on an ECS instance with an agency."

// huaweiBase is the resolved credential source: a template copied for each region's client
// (the SDK stores the region's project ID in the credentials object).
type huaweiBase struct {
	source    string
	cred      *auth.BasicCredentials
	region    string // from a KooCLI profile, for an unset region
	projectID string // from a KooCLI profile, for that region
}

// copyFor returns a copy of the template for one region's client.
func (b *huaweiBase) copyFor() *auth.BasicCredentials {
	c := *b.cred
	c.ProjectId = ""
	return &c
}

// resolve finds the credentials once per provider process: the base source (the first of
// the chain that has credentials), then the agency assumed on top of it when assume_role is
// set. A failure is not cached, so the next read tries again.
func (h *clients) resolve(ctx context.Context, regionID string) (*huaweiBase, error) {
	h.credMu.Lock()
	defer h.credMu.Unlock()
	if h.base != nil {
		return h.base, nil
	}
	base, err := h.baseCredentials()
	if err != nil {
		return nil, err
	}
	if ep := h.cfg.Endpoints[endpointIAM]; ep != "" {
		base.cred.IamEndpoint = ep
	}
	if regionID == "" {
		regionID = base.region
	}
	// Federated (OIDC) credentials are exchanged here, once, so that every region's copy
	// shares them, and a failing exchange is a diagnostic of its own.
	if base.cred.IdpId != "" {
		if err := h.exchangeOIDC(ctx, base.cred, regionID); err != nil {
			return nil, err
		}
	}
	if ar := h.cfg.AssumeRole; ar.AgencyName != "" || ar.DomainName != "" || ar.DomainID != "" || ar.Duration != "" {
		if base, err = h.assumeAgency(ctx, base, regionID); err != nil {
			return nil, err
		}
	}
	tflog.Info(ctx, "Huawei Cloud credentials resolved", map[string]any{"source": base.source, "access_key": base.cred.AK})
	h.base = base
	return base, nil
}

// baseCredentials walks the chain: explicit keys, OIDC, profile, the SDK's environment and
// files, instance metadata.
func (h *clients) baseCredentials() (*huaweiBase, error) {
	cfg := h.cfg
	trail := &conns.CredentialTrail{Cloud: Name, Block: BlockName}

	// 1. Explicit keys.
	if cfg.AccessKey != "" || cfg.SecretKey != "" {
		if cfg.AccessKey == "" || cfg.SecretKey == "" {
			missing := "access_key (HW_ACCESS_KEY or CLOUD_SDK_AK)"
			if cfg.SecretKey == "" {
				missing = "secret_key (HW_SECRET_KEY or CLOUD_SDK_SK)"
			}
			return nil, &conns.ConfigError{
				Summary: "Incomplete Huawei Cloud credentials",
				Detail:  "The huaweicloud block has only half of an access key pair: set " + missing + ".",
			}
		}
		cred, err := auth.NewBasicCredentialsBuilder().WithAk(cfg.AccessKey).WithSk(cfg.SecretKey).
			WithSecurityToken(cfg.SecurityToken).SafeBuild()
		if err != nil {
			return nil, &conns.ConfigError{Summary: "Invalid Huawei Cloud credentials", Detail: err.Error()}
		}
		return &huaweiBase{source: "access_key/secret_key", cred: cred}, nil
	}
	trail.Skip("access_key/secret_key (HCL, HW_ACCESS_KEY/HW_SECRET_KEY, CLOUD_SDK_AK/CLOUD_SDK_SK)", "not set")

	// 2. OIDC web identity, through the SDK's federated credentials.
	if cfg.OIDC.IdpID != "" || cfg.OIDC.IDTokenFile != "" {
		if cfg.OIDC.IdpID == "" || cfg.OIDC.IDTokenFile == "" {
			missing := "idp_id (HW_ASSUME_ROLE_IDP_ID)"
			if cfg.OIDC.IDTokenFile == "" {
				missing = "id_token_file (HW_ASSUME_ROLE_ID_TOKEN_FILE)"
			}
			return nil, &conns.ConfigError{
				Summary: "Incomplete Huawei Cloud OIDC settings",
				Detail:  "assume_role_with_oidc needs both idp_id and id_token_file: set " + missing + ".",
			}
		}
		cred, err := auth.NewBasicCredentialsBuilder().WithIdpId(cfg.OIDC.IdpID).
			WithIdTokenFile(cfg.OIDC.IDTokenFile).SafeBuild()
		if err != nil {
			return nil, &conns.ConfigError{Summary: "Invalid Huawei Cloud OIDC settings", Detail: err.Error()}
		}
		return &huaweiBase{source: "assume_role_with_oidc", cred: cred}, nil
	}
	trail.Skip("assume_role_with_oidc (HCL, HW_ASSUME_ROLE_IDP_ID/HW_ASSUME_ROLE_ID_TOKEN_FILE)", "not set")

	// 3. A named profile or an explicit shared config file: errors are final.
	if cfg.Profile != "" || cfg.SharedConfigFile != "" {
		return huaweiFromProfile(cfg.SharedConfigFile, cfg.Profile)
	}
	trail.Skip("profile (profile/HW_PROFILE, shared_config_file/HW_SHARED_CONFIG_FILE)", "not set")

	// 4. The SDK's environment variables and credentials file, then KooCLI's default file.
	if ic, err := provider.NewEnvCredentialProvider("basic").GetCredentials(); err == nil {
		if cred, ok := ic.(*auth.BasicCredentials); ok {
			cred.ProjectId = ""
			return &huaweiBase{source: "SDK environment (HUAWEICLOUD_SDK_*)", cred: cred}, nil
		}
	} else {
		trail.Skip("SDK environment (HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK or HUAWEICLOUD_SDK_IDP_ID/HUAWEICLOUD_SDK_ID_TOKEN_FILE)", err.Error())
	}
	if ic, err := provider.NewProfileCredentialProvider("basic").GetCredentials(); err == nil {
		if cred, ok := ic.(*auth.BasicCredentials); ok {
			return &huaweiBase{source: "SDK credentials file", cred: cred, projectID: cred.ProjectId}, nil
		}
	} else {
		trail.Skip("SDK credentials file (HUAWEICLOUD_SDK_CREDENTIALS_FILE, default ~/.huaweicloud/credentials)", sdkFileReason(err))
	}
	if path, err := conns.ExpandHome(DefaultSharedConfigFile); err != nil {
		trail.Skip("KooCLI default config ("+DefaultSharedConfigFile+")", err.Error())
	} else if _, err := os.Stat(path); err != nil {
		trail.Skip("KooCLI default config ("+DefaultSharedConfigFile+")", "no such file")
	} else {
		return huaweiFromProfile(path, "")
	}

	// 5. ECS instance metadata, bounded.
	ic, err := conns.FromMetadata(func() (auth.ICredential, error) {
		return provider.BasicCredentialMetadataProvider().GetCredentials()
	})
	if err == nil {
		if cred, ok := ic.(*auth.BasicCredentials); ok {
			return &huaweiBase{source: "ECS instance metadata", cred: cred}, nil
		}
	}
	why := "returned no credentials"
	if err != nil {
		why = metadataReason(err)
	}
	trail.Skip("ECS instance metadata (http://169.254.169.254/openstack/latest/securitykey)", why)
	return nil, trail.NotConfigured(huaweiHint)
}

func sdkFileReason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) && errors.Is(err, os.ErrNotExist) {
		return "no such file: " + pe.Path
	}
	return err.Error()
}

// metadataReason keeps the SDK's error short: its ServiceResponseError is JSON.
func metadataReason(err error) string {
	msg := err.Error()
	var body struct {
		StatusCode   int    `json:"status_code"`
		ErrorMessage string `json:"error_message"`
	}
	if json.Unmarshal([]byte(msg), &body) == nil && body.StatusCode != 0 {
		return fmt.Sprintf("HTTP %d: %s", body.StatusCode, body.ErrorMessage)
	}
	return msg
}

// hcloudConfig is KooCLI's (hcloud's) config.json, the part this provider reads.
type hcloudConfig struct {
	Current     string          `json:"current"`
	AuthEncrypt json.RawMessage `json:"authEncrypt"`
	Profiles    []hcloudProfile `json:"profiles"`
}

type hcloudProfile struct {
	Name            string `json:"name"`
	Mode            string `json:"mode"`
	AccessKeyID     string `json:"accessKeyId"`
	SecretAccessKey string `json:"secretAccessKey"`
	SecurityToken   string `json:"securityToken"`
	Region          string `json:"region"`
	ProjectID       string `json:"projectId"`
}

// huaweiFromProfile reads profile name ("" = the file's current profile) from KooCLI's
// config file (file "" = the default). Every failure is final: a profile that was asked for
// must not silently fall through to other sources.
func huaweiFromProfile(file, name string) (*huaweiBase, error) {
	setting := "shared_config_file (HW_SHARED_CONFIG_FILE)"
	if file == "" {
		file = DefaultSharedConfigFile
		setting = "the default shared config file"
	}
	fail := func(format string, args ...any) (*huaweiBase, error) {
		return nil, &conns.ConfigError{
			Summary: "Huawei Cloud profile cannot be used",
			Detail: fmt.Sprintf(format, args...) + "\n\nprofile (HW_PROFILE) names a profile of the KooCLI (hcloud) " +
				"config file, " + setting + ", default " + DefaultSharedConfigFile + ".",
		}
	}
	path, err := conns.ExpandHome(file)
	if err != nil {
		return fail("Cannot locate %s: %s.", file, err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return fail("Cannot read the shared config file %s: %s.", file, err)
	}
	var hc hcloudConfig
	if err := json.Unmarshal(raw, &hc); err != nil {
		return fail("The shared config file %s is not KooCLI's JSON: %s.", file, err)
	}
	if enc := strings.Trim(string(hc.AuthEncrypt), `"`); enc == "true" {
		return fail("The shared config file %s has encrypted credentials (authEncrypt); run `hcloud configure set "+
			"--cli-auth-encrypt=false` or use another source.", file)
	}
	want := name
	if want == "" {
		want = hc.Current
	}
	if want == "" {
		want = "default"
	}
	var p *hcloudProfile
	names := make([]string, 0, len(hc.Profiles))
	for i := range hc.Profiles {
		names = append(names, hc.Profiles[i].Name)
		if hc.Profiles[i].Name == want {
			p = &hc.Profiles[i]
		}
	}
	if p == nil {
		return fail("Profile %q is not in %s (profiles: %s).", want, file, strings.Join(names, ", "))
	}
	if p.Mode != "" && !strings.EqualFold(p.Mode, "AKSK") {
		return fail("Profile %q in %s has mode %q; only AKSK profiles (access key, secret key, optional "+
			"security token) are supported. For an agency, use the assume_role block on top of it.", want, file, p.Mode)
	}
	if p.AccessKeyID == "" || p.SecretAccessKey == "" {
		return fail("Profile %q in %s has no accessKeyId/secretAccessKey.", want, file)
	}
	cred, err := auth.NewBasicCredentialsBuilder().WithAk(p.AccessKeyID).WithSk(p.SecretAccessKey).
		WithSecurityToken(p.SecurityToken).SafeBuild()
	if err != nil {
		return fail("Profile %q in %s: %s.", want, file, err)
	}
	source := fmt.Sprintf("profile %q of %s", want, file)
	return &huaweiBase{source: source, cred: cred, region: p.Region, projectID: p.ProjectID}, nil
}

func (h *clients) httpConfig() *config.HttpConfig {
	hc := config.DefaultHttpConfig().WithTimeout(h.settings.RequestTimeout).WithIgnoreSSLVerification(h.settings.Insecure)
	if h.settings.UserAgent != "" {
		hc = hc.WithUserAgent(h.settings.UserAgent)
	}
	return hc
}

// exchangeOIDC runs the SDK's federated exchange (IAM CreateTokenWithIdToken, then
// CreateTemporaryAccessKeyByToken) once; the SDK repeats it when the credentials near expiry.
func (h *clients) exchangeOIDC(ctx context.Context, cred *auth.BasicCredentials, regionID string) error {
	client := impl.NewDefaultHttpClient(h.httpConfig())
	op := conns.Operation{Cloud: Name, Service: serviceIAM, Action: "CreateTokenWithIdToken", Region: regionID}
	_, err := conns.Retry(ctx, h.policy, op, classifyBuild, func(ctx context.Context) (struct{}, error) {
		return conns.WithContext(ctx, func() (struct{}, error) { return struct{}{}, cred.ProcessSts(client) })
	})
	return err
}

// AssumeRoleDuration parses an assume_role duration (Go duration or whole seconds; "" = 1h)
// against IAM's range.
func AssumeRoleDuration(s string) (time.Duration, error) {
	return conns.ParseSessionDuration(s, AssumeRoleDefaultDuration, AssumeRoleMinDuration, AssumeRoleMaxDuration)
}

// assumeAgency assumes the agency with the base credentials through the SDK's IAM client.
func (h *clients) assumeAgency(ctx context.Context, base *huaweiBase, regionID string) (*huaweiBase, error) {
	ar := h.cfg.AssumeRole
	bad := func(detail string) (*huaweiBase, error) {
		return nil, &conns.ConfigError{Summary: "Invalid Huawei Cloud assume_role settings", Detail: detail}
	}
	switch {
	case ar.AgencyName == "":
		return bad("assume_role needs agency_name (HW_ASSUME_ROLE_AGENCY_NAME).")
	case ar.DomainName == "" && ar.DomainID == "":
		return bad("assume_role needs the agency's account: domain_name (HW_ASSUME_ROLE_DOMAIN_NAME) or domain_id (HW_ASSUME_ROLE_DOMAIN_ID).")
	case ar.DomainName != "" && ar.DomainID != "":
		return bad("assume_role takes domain_name (HW_ASSUME_ROLE_DOMAIN_NAME) or domain_id (HW_ASSUME_ROLE_DOMAIN_ID), not both.")
	}
	d, err := AssumeRoleDuration(ar.Duration)
	if err != nil {
		return bad("assume_role duration (HW_ASSUME_ROLE_DURATION): " + err.Error() + ".")
	}

	var iamRegion *region.Region
	if ep := h.cfg.Endpoints[endpointIAM]; ep != "" {
		iamRegion = region.NewRegion(regionID, ep)
	} else {
		r, err := iamregion.SafeValueOf(regionID)
		if err != nil {
			return nil, &conns.ConfigError{
				Summary: fmt.Sprintf("Unknown Huawei Cloud region %q for IAM", regionID),
				Detail:  err.Error() + "\n\nSet endpoints.iam in the huaweicloud block to assume an agency through another IAM endpoint.",
			}
		}
		iamRegion = r
	}
	cred := base.copyFor()
	if regionID == h.cfg.Region && h.cfg.ProjectID != "" {
		cred.ProjectId = h.cfg.ProjectID
	}
	secs := int32(d / time.Second)
	identity := &iammodel.IdentityAssumerole{AgencyName: ar.AgencyName, DurationSeconds: &secs}
	if ar.DomainName != "" {
		identity.DomainName = &ar.DomainName
	} else {
		identity.DomainId = &ar.DomainID
	}
	req := &iammodel.CreateTemporaryAccessKeyByAgencyRequest{Body: &iammodel.CreateTemporaryAccessKeyByAgencyRequestBody{
		Auth: &iammodel.AgencyAuth{Identity: &iammodel.AgencyAuthIdentity{
			Methods:    []iammodel.AgencyAuthIdentityMethods{iammodel.GetAgencyAuthIdentityMethodsEnum().ASSUME_ROLE},
			AssumeRole: identity,
		}},
	}}
	op := conns.Operation{Cloud: Name, Service: serviceIAM, Action: "CreateTemporaryAccessKeyByAgency", Region: regionID}
	resp, err := conns.Retry(ctx, h.policy, op, classifyBuild, func(ctx context.Context) (*iammodel.CreateTemporaryAccessKeyByAgencyResponse, error) {
		return conns.WithContext(ctx, func() (*iammodel.CreateTemporaryAccessKeyByAgencyResponse, error) {
			hc, err := iam.IamClientBuilder().
				WithRegion(iamRegion).
				WithCredential(cred).
				WithHttpConfig(h.httpConfig()).
				SafeBuild()
			if err != nil {
				return nil, err
			}
			return iam.NewIamClient(hc).CreateTemporaryAccessKeyByAgency(req)
		})
	})
	if err != nil {
		return nil, err
	}
	if resp.Credential == nil {
		return nil, errors.New("IAM CreateTemporaryAccessKeyByAgency answered without a credential")
	}
	tmp, err := auth.NewBasicCredentialsBuilder().WithAk(resp.Credential.Access).WithSk(resp.Credential.Secret).
		WithSecurityToken(resp.Credential.Securitytoken).WithIamEndpointOverride(h.cfg.Endpoints[endpointIAM]).SafeBuild()
	if err != nil {
		return nil, &conns.ConfigError{Summary: "Invalid Huawei Cloud temporary credentials", Detail: err.Error()}
	}
	return &huaweiBase{
		source: fmt.Sprintf("assume_role %s/%s%s on %s", ar.DomainName, ar.AgencyName, ar.DomainID, base.source),
		cred:   tmp, region: base.region, projectID: "",
	}, nil
}
