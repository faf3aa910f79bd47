package tencent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	tc "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tcregions "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/regions"
)

// Tencent Cloud credential sources, in precedence order (the first that applies is the base;
// assume_role, when set, is then assumed on top of it):
//
//  1. explicit keys: secret_id/secret_key (+ security_token) in HCL, else
//     TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY (+ TENCENTCLOUD_SECURITY_TOKEN);
//  2. OIDC web identity: assume_role_with_oidc, or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN[_FILE];
//  3. a tccli profile named in profile/TENCENTCLOUD_PROFILE, or any profile of a
//     shared_credentials_dir/TENCENTCLOUD_SHARED_CREDENTIALS_DIR set explicitly;
//  4. SDK defaults: the SDK's credentials file (TENCENTCLOUD_CREDENTIALS_FILE, else
//     ~/.tencentcloud/credentials) and tccli's default profile (~/.tccli, TCCLI_PROFILE);
//  5. the CVM role from instance metadata, bounded by MetadataTimeout.

// Names of the Tencent settings, as diagnostics show them (HCL attribute and environment).
const (
	tcSetKeys        = "secret_id/secret_key (TENCENTCLOUD_SECRET_ID/TENCENTCLOUD_SECRET_KEY)"
	tcSetOIDC        = "assume_role_with_oidc (TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE or TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN)"
	tcSetProfile     = "profile (TENCENTCLOUD_PROFILE) / shared_credentials_dir (TENCENTCLOUD_SHARED_CREDENTIALS_DIR)"
	tcSetSDKFile     = "SDK credentials file (TENCENTCLOUD_CREDENTIALS_FILE, default ~/.tencentcloud/credentials)"
	tcSetTccliDef    = "tccli default profile (~/.tccli/<TCCLI_PROFILE or default>.credential)"
	tcSetMetadata    = "CVM role (instance metadata at metadata.tencentyun.com)"
	tcSetRoleArn     = "assume_role.role_arn (TENCENTCLOUD_ASSUME_ROLE_ARN)"
	tcSetDuration    = "assume_role.duration (TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION)"
	tcSetOIDCRole    = "assume_role_with_oidc.role_arn (TENCENTCLOUD_ASSUME_ROLE_ARN)"
	tcSetOIDCDur     = "assume_role_with_oidc.duration (TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION)"
	tcSetOIDCToken   = "assume_role_with_oidc.web_identity_token_file (TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE)"
	tcDefaultProfile = "default"
	// MaxRoleDuration is the longest session STS issues (and the SDK accepts).
	MaxRoleDuration = 12 * time.Hour
	// DefaultRoleDuration is the SDK's default session length.
	DefaultRoleDuration = 2 * time.Hour
	// tencentSTSRegion is the region the SDK's STS providers call (fixed in the SDK for AssumeRole).
	tencentSTSRegion = tcregions.Guangzhou
)

// SessionNamePattern is what STS accepts as RoleSessionName.
var SessionNamePattern = regexp.MustCompile(`^[\w+=,.@-]{2,128}$`)

// tencentBase is a base credential and where it came from.
type tencentBase struct {
	cred   tc.CredentialIface
	source string
	// roleArn/sessionName: a tccli profile's own role-arn and role-session-name, assumed
	// on top of its keys unless assume_role is set.
	roleArn, sessionName string
	region               string // a tccli profile's region
}

// credentials returns the cached credentials, building them on first use, and the region
// of the tccli profile they came from ("" if none).
func (t *clients) credentials(ctx context.Context) (tc.CredentialIface, string, error) {
	t.credMu.Lock()
	defer t.credMu.Unlock()
	if t.cred != nil {
		return t.cred, t.profileRegion, nil
	}
	cred, source, region, err := buildTencentCredentials(t.cfg)
	if err != nil {
		return nil, "", err
	}
	tflog.Info(ctx, "Tencent Cloud credentials chosen", map[string]any{"source": source})
	t.cred, t.profileRegion = cred, region
	return cred, region, nil
}

// buildTencentCredentials walks the precedence chain, then assumes a role on top when one
// is configured. source describes the choice for the log (never a secret).
func buildTencentCredentials(cfg Config) (cred tc.CredentialIface, source, region string, err error) {
	base, err := tencentBaseCredentials(cfg)
	if err != nil {
		return nil, "", "", err
	}
	roleArn, session, duration, setting := base.roleArn, base.sessionName, "", "the profile's role-arn"
	if ar := cfg.AssumeRole; ar != nil {
		if ar.RoleArn == "" {
			return nil, "", "", &conns.ConfigError{
				Summary: "Incomplete Tencent Cloud assume_role settings",
				Detail:  "The assume_role block is set but no role is: set " + tcSetRoleArn + ".",
			}
		}
		roleArn, session, duration, setting = ar.RoleArn, ar.SessionName, ar.Duration, tcSetDuration
	}
	if roleArn == "" {
		return base.cred, base.source, base.region, nil
	}
	seconds, err := tencentDurationSeconds(duration, setting)
	if err != nil {
		return nil, "", "", err
	}
	if session == "" {
		session = defaultSessionName()
	}
	p := tc.NewRoleArnProviderWithCredential(base.cred, roleArn, session, seconds)
	if p.Endpoint, err = tencentSTSEndpoint(cfg); err != nil {
		return nil, "", "", err
	}
	assumed, err := p.GetCredential()
	if err != nil {
		return nil, "", "", tencentSTSError("AssumeRole", err)
	}
	return assumed, fmt.Sprintf("assume role %s on top of %s", roleArn, base.source), base.region, nil
}

// tencentBaseCredentials is rungs 1-5.
func tencentBaseCredentials(cfg Config) (tencentBase, error) {
	trail := &conns.CredentialTrail{Cloud: Name, Block: BlockName}

	// 1. Explicit keys.
	if cfg.SecretID != "" || cfg.SecretKey != "" {
		if cfg.SecretID == "" || cfg.SecretKey == "" {
			missing := "secret_id (TENCENTCLOUD_SECRET_ID)"
			if cfg.SecretKey == "" {
				missing = "secret_key (TENCENTCLOUD_SECRET_KEY)"
			}
			return tencentBase{}, &conns.ConfigError{
				Summary: "Incomplete Tencent Cloud credentials",
				Detail:  "The tencentcloud block has only half of a key pair: set " + missing + ".",
			}
		}
		return tencentBase{cred: tc.NewTokenCredential(cfg.SecretID, cfg.SecretKey, cfg.SecurityToken),
			source: "explicit keys"}, nil
	}
	trail.Skip(tcSetKeys, "not set")

	// 2. OIDC web identity.
	if cfg.OIDC != nil {
		return tencentOIDCBase(cfg)
	}
	trail.Skip(tcSetOIDC, "not set")

	// 3. A profile named, or a shared directory set explicitly.
	if cfg.Profile != "" || cfg.SharedCredentialsDir != "" {
		return tencentProfileBase(cfg.SharedCredentialsDir, cfg.Profile, true)
	}
	trail.Skip(tcSetProfile, "no profile named and no directory set")

	// 4. SDK defaults: the SDK's own ini file, then tccli's default profile if its file exists.
	// (TENCENTCLOUD_SECRET_ID/KEY, the SDK's env provider, were rung 1.)
	if cred, err := tc.DefaultProfileProvider().GetCredential(); err == nil {
		return tencentBase{cred: cred, source: "SDK credentials file"}, nil
	} else if !isTencentNotFound(err) {
		return tencentBase{}, &conns.ConfigError{
			Summary: "Unreadable Tencent Cloud credentials file",
			Detail:  "The " + tcSetSDKFile + " could not be used: " + tencentErrText(err),
		}
	}
	trail.Skip(tcSetSDKFile, "no such file")
	profile := os.Getenv(tc.EnvTCCLIProfile)
	if profile == "" {
		profile = tcDefaultProfile
	}
	if b, err := tencentProfileBase("", profile, false); err == nil {
		return b, nil
	} else if !errors.Is(err, errNoTccliFile) {
		return tencentBase{}, err
	}
	trail.Skip(tcSetTccliDef, "no such file")

	// 5. CVM role metadata, bounded.
	cred, err := conns.FromMetadata(func() (tc.CredentialIface, error) {
		if err := probeCVMRole(); err != nil {
			return nil, err
		}
		return tc.DefaultCvmRoleProvider().GetCredential()
	})
	if err == nil {
		return tencentBase{cred: cred, source: "CVM role (instance metadata)"}, nil
	}
	trail.Skip(tcSetMetadata, tencentErrText(err))
	return tencentBase{}, trail.NotConfigured("Set secret_id and secret_key in the tencentcloud block (or " +
		"TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, with TENCENTCLOUD_SECURITY_TOKEN for temporary " +
		"keys); or name a tccli profile with profile (TENCENTCLOUD_PROFILE) and shared_credentials_dir " +
		"(TENCENTCLOUD_SHARED_CREDENTIALS_DIR, default ~/.tccli); or configure OIDC with the " +
		"assume_role_with_oidc block (TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE, " +
		"TENCENTCLOUD_ASSUME_ROLE_ARN, TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID); or run on a CVM instance with " +
		"a CAM role bound.")
}

// cvmRoleURL is where a CVM instance's metadata service names the CAM role bound to it.
const cvmRoleURL = "http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/"

// probeCVMRole asks the metadata service for the instance's role before the SDK does: the
// SDK answers every failure of that lookup with "Please confirm whether the role is bound",
// hiding the network error that, off a CVM instance, is the real cause.
func probeCVMRole() error {
	client := &http.Client{Timeout: conns.MetadataTimeout}
	resp, err := client.Get(cvmRoleURL)
	if err != nil {
		return fmt.Errorf("the instance metadata service did not answer (not on a CVM instance, or it is "+
			"unreachable): %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	switch resp.StatusCode {
	case http.StatusOK:
		return nil
	case http.StatusNotFound:
		return errors.New("the instance metadata service answered that no CAM role is bound to this instance")
	}
	return fmt.Errorf("the instance metadata service answered HTTP %d", resp.StatusCode)
}

// isTencentNotFound reports the SDK's "nothing here" answers (no variable, no file, no role).
func isTencentNotFound(err error) bool {
	var se *tcerr.TencentCloudSDKError
	return errors.As(err, &se) && (se.Message == "could not find config file" ||
		se.Message == "could not find environmental variable")
}

func tencentErrText(err error) string {
	var se *tcerr.TencentCloudSDKError
	if errors.As(err, &se) {
		return se.Message
	}
	return err.Error()
}

var errNoTccliFile = errors.New("no tccli credential file")

// tccliCredential is tccli's <profile>.credential file, with the fields the official
// tencentcloud Terraform provider reads from it.
type tccliCredential struct {
	SecretID        string `json:"secretId"`
	SecretKey       string `json:"secretKey"`
	Token           string `json:"token"`
	RoleArn         string `json:"role-arn"`
	RoleSessionName string `json:"role-session-name"`
}

// tccliConfigure is the part of tccli's <profile>.configure file that names the region.
type tccliConfigure struct {
	SysParam struct {
		Region string `json:"region"`
	} `json:"_sys_param"`
}

// tencentProfileBase reads a tccli profile (<dir>/<profile>.credential and .configure).
// explicit: the profile or the directory was named, so a missing or unusable file is an
// error; otherwise a missing file is errNoTccliFile.
//
// The SDK's TccliProfileProvider reads the same files, but only from $HOME/.tccli, and it
// ignores role-arn, role-session-name and the .configure region, which tccli (and the
// official provider) support. So the keys come from the SDK's provider when the directory is
// its default one, and from our reading of the same JSON format for any other directory;
// the role and region fields are always read here.
func tencentProfileBase(dir, profile string, explicit bool) (tencentBase, error) {
	defaultDir := dir == ""
	if defaultDir {
		home, err := conns.ExpandHome("~/.tccli")
		if err != nil {
			if !explicit {
				return tencentBase{}, errNoTccliFile
			}
			return tencentBase{}, &conns.ConfigError{Summary: "Tencent Cloud profile not found",
				Detail: "No home directory to find ~/.tccli in: " + err.Error() + ". Set shared_credentials_dir."}
		}
		dir = home
	}
	if profile == "" {
		profile = tcDefaultProfile
	}
	file := filepath.Join(dir, profile+".credential")
	fail := func(why string) (tencentBase, error) {
		return tencentBase{}, &conns.ConfigError{
			Summary: "Tencent Cloud profile " + strconv.Quote(profile) + " cannot be used",
			Detail: fmt.Sprintf("The tccli credential file %s %s. Profiles are read from %s (set with %s); "+
				"create it with `tccli configure --profile %s`, or name another profile.", file, why, dir,
				tcSetProfile, profile),
		}
	}
	raw, err := os.ReadFile(file)
	if err != nil {
		if !explicit && errors.Is(err, os.ErrNotExist) {
			return tencentBase{}, errNoTccliFile
		}
		if errors.Is(err, os.ErrNotExist) {
			return fail("does not exist")
		}
		return fail("cannot be read: " + err.Error())
	}
	var c tccliCredential
	if err := json.Unmarshal(raw, &c); err != nil {
		return fail("is not tccli's JSON format: " + err.Error())
	}
	var cred tc.CredentialIface
	if defaultDir {
		if cred, err = tc.NewTccliProfileProvider(profile).GetCredential(); err != nil {
			return fail("was refused by the SDK: " + tencentErrText(err))
		}
	} else {
		if c.SecretID == "" || c.SecretKey == "" {
			return fail(`lacks "secretId" or "secretKey"`)
		}
		cred = tc.NewTokenCredential(c.SecretID, c.SecretKey, c.Token)
	}
	b := tencentBase{cred: cred, source: "tccli profile " + strconv.Quote(profile) + " in " + dir,
		roleArn: c.RoleArn, sessionName: c.RoleSessionName}
	if raw, err := os.ReadFile(filepath.Join(dir, profile+".configure")); err == nil {
		var conf tccliConfigure
		if json.Unmarshal(raw, &conf) == nil {
			b.region = conf.SysParam.Region
		}
	}
	return b, nil
}

// tencentOIDCBase exchanges the web identity token through the SDK's OIDC role provider.
func tencentOIDCBase(cfg Config) (tencentBase, error) {
	o := cfg.OIDC
	var missing []string
	if o.RoleArn == "" {
		missing = append(missing, tcSetOIDCRole)
	}
	if o.Token == "" && o.TokenFile == "" {
		missing = append(missing, tcSetOIDCToken+" or assume_role_with_oidc.web_identity_token "+
			"(TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN)")
	}
	if len(missing) > 0 {
		return tencentBase{}, &conns.ConfigError{
			Summary: "Incomplete Tencent Cloud OIDC settings",
			Detail:  "OIDC web identity is configured but incomplete: set " + strings.Join(missing, " and ") + ".",
		}
	}
	seconds, err := tencentDurationSeconds(o.Duration, tcSetOIDCDur)
	if err != nil {
		return tencentBase{}, err
	}
	endpoint, err := tencentSTSEndpoint(cfg)
	if err != nil {
		return tencentBase{}, err
	}
	providerID := o.ProviderID
	if providerID == "" {
		providerID = "OIDC"
	}
	session := o.SessionName
	if session == "" {
		session = defaultSessionName()
	}
	region := cfg.Region
	if region == "" {
		region = tencentSTSRegion
	}
	newProvider := func(token string) *tc.OIDCRoleArnProvider {
		p := tc.NewOIDCRoleArnProvider(region, providerID, token, o.RoleArn, session, seconds)
		p.Endpoint = endpoint
		return p
	}
	if o.TokenFile == "" {
		cred, err := newProvider(o.Token).GetCredential()
		if err != nil {
			return tencentBase{}, tencentSTSError("AssumeRoleWithWebIdentity", err)
		}
		return tencentBase{cred: cred, source: "OIDC web identity token, role " + o.RoleArn}, nil
	}
	c := &tencentOIDCFileCredential{file: o.TokenFile, newProvider: newProvider,
		lifetime: time.Duration(seconds) * time.Second}
	if err := c.fetch(); err != nil {
		return tencentBase{}, err
	}
	return tencentBase{cred: c, source: "OIDC web identity token file " + o.TokenFile + ", role " + o.RoleArn}, nil
}

// tencentOIDCFileCredential re-reads the token file each time it renews the credentials.
// The SDK's OIDCRoleArnProvider takes the token's value and would reuse it on refresh (only
// its TKE variant, which reads fixed TKE_* variables, re-reads the file); CI runners and
// Kubernetes rotate the file. So the exchange is renewed here, through a new SDK provider
// built from the file's current content, before the SDK's own refresh would (at 90 % of
// the lifetime).
type tencentOIDCFileCredential struct {
	file        string
	newProvider func(token string) *tc.OIDCRoleArnProvider
	lifetime    time.Duration

	mu      sync.Mutex
	cur     tc.CredentialIface
	renewAt time.Time
}

func (c *tencentOIDCFileCredential) fetch() error {
	raw, err := os.ReadFile(c.file)
	if err != nil {
		return &conns.ConfigError{Summary: "Tencent Cloud OIDC token file cannot be read",
			Detail: "The web identity token file of " + tcSetOIDCToken + " cannot be read: " + err.Error()}
	}
	token := strings.TrimSpace(string(raw))
	if token == "" {
		return &conns.ConfigError{Summary: "Tencent Cloud OIDC token file is empty",
			Detail: "The web identity token file " + c.file + " (" + tcSetOIDCToken + ") is empty."}
	}
	cred, err := c.newProvider(token).GetCredential()
	if err != nil {
		return tencentSTSError("AssumeRoleWithWebIdentity", err)
	}
	c.cur, c.renewAt = cred, time.Now().Add(c.lifetime*8/10)
	return nil
}

func (c *tencentOIDCFileCredential) current() tc.CredentialIface {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !time.Now().Before(c.renewAt) {
		// On failure keep the current credentials: the SDK's own refresh still applies, and
		// the API's answer will say if they expired.
		_ = c.fetch()
	}
	return c.cur
}

func (c *tencentOIDCFileCredential) GetSecretId() string  { return c.current().GetSecretId() } //nolint:revive // SDK interface
func (c *tencentOIDCFileCredential) GetSecretKey() string { return c.current().GetSecretKey() }
func (c *tencentOIDCFileCredential) GetToken() string     { return c.current().GetToken() }
func (c *tencentOIDCFileCredential) GetCredential() (string, string, string) {
	return c.current().GetCredential()
}

// tencentDurationSeconds parses a role session duration ("" = the SDK's 2h) in seconds,
// within STS's range.
func tencentDurationSeconds(raw, setting string) (int64, error) {
	d, err := conns.ParseSessionDuration(raw, DefaultRoleDuration, time.Second, MaxRoleDuration)
	if err != nil {
		return 0, &conns.ConfigError{Summary: "Invalid Tencent Cloud role session duration",
			Detail: fmt.Sprintf("%s is %q: %s.", setting, raw, err)}
	}
	return int64(d / time.Second), nil
}

// tencentSTSEndpoint is the host[:port] of endpoints.sts, "" for the SDK's default.
func tencentSTSEndpoint(cfg Config) (string, error) {
	if cfg.Endpoints[endpointSTS] == "" {
		return "", nil
	}
	host, err := conns.STSHost(cfg.Endpoints[endpointSTS])
	if err != nil {
		return "", &conns.ConfigError{Summary: "Invalid Tencent Cloud STS endpoint", Detail: "endpoints.sts (else " +
			"CLOUDQUOTA_TENCENTCLOUD_ENDPOINT_STS, else CLOUDQUOTA_ENDPOINT): " + err.Error()}
	}
	return host, nil
}

func defaultSessionName() string {
	return "cloudquota-" + strconv.FormatInt(time.Now().Unix(), 10)
}

// tencentSTSError turns a failed STS exchange into the API error diagnostic (cloud, action,
// HTTP status, code, message, request ID). API 3.0 answers errors with HTTP 200, so a
// vendor code means status 200; the SDK's own client-side checks become configuration errors.
func tencentSTSError(action string, err error) error {
	e := &conns.APIError{Cloud: Name, Service: "STS", Action: action, Region: tencentSTSRegion, Attempts: 1}
	var se *tcerr.TencentCloudSDKError
	if certErr := conns.AsCertificateError(err); certErr != nil {
		e.Err = certErr
		return e
	}
	if !errors.As(err, &se) {
		e.Err = err
		return e
	}
	switch {
	case se.Code == "ClientError.CredentialError":
		return &conns.ConfigError{Summary: "Tencent Cloud " + action + " refused by the SDK", Detail: se.Message}
	case se.Code == "ClientError.NetworkError":
		cause := errors.Unwrap(se)
		if cause == nil {
			cause = errors.New(se.Message)
		}
		e.Err = cause
		return e
	case strings.HasPrefix(se.Code, "ClientError."):
		e.Code, e.Message, e.RequestID = se.Code, se.Message, se.RequestId
		return e
	}
	e.HTTPStatus = 200
	e.Code, e.Message, e.RequestID = se.Code, se.Message, se.RequestId
	return e
}
