package tencent

import (
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/validate"
)

// tencentCredentialsDoc is the precedence of the Tencent credential sources, as documented.
const tencentCredentialsDoc = "Tencent Cloud (TCSS data source).\n\n" +
	"Base credentials come from the first source that applies:\n\n" +
	"1. explicit keys: `secret_id`/`secret_key` (+ `security_token`) in this block, else " +
	"`TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY` (+ `TENCENTCLOUD_SECURITY_TOKEN`);\n" +
	"2. OIDC web identity: the `assume_role_with_oidc` block, or `TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE` / " +
	"`TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN` (STS AssumeRoleWithWebIdentity);\n" +
	"3. a tccli profile: `profile` (`TENCENTCLOUD_PROFILE`) in `shared_credentials_dir` " +
	"(`TENCENTCLOUD_SHARED_CREDENTIALS_DIR`, default `~/.tccli`); a profile named but missing is an error;\n" +
	"4. the SDK's defaults: `TENCENTCLOUD_CREDENTIALS_FILE` or `~/.tencentcloud/credentials`, then tccli's " +
	"default profile `~/.tccli/default.credential` (`TCCLI_PROFILE`) if it exists;\n" +
	"5. the CVM instance's CAM role from instance metadata, given up after 2 seconds.\n\n" +
	"Then, if `assume_role` is set (or `TENCENTCLOUD_ASSUME_ROLE_ARN` outside OIDC), that role is assumed " +
	"with STS AssumeRole on top of whichever base was found. A tccli profile's own `role-arn` is assumed the " +
	"same way unless `assume_role` is set. If no source has credentials, the error lists each source tried."

// endpointList are the keys of the block's endpoints attribute.
func endpointList() []attrs.Endpoint {
	// One endpoint per registered service, and STS for the credential chain.
	eps := []attrs.Endpoint{
		{Key: endpointSTS, Description: "Full `https://` URL (no path) of STS, replacing " +
			"`https://sts.tencentcloudapi.com`, for `assume_role`, `assume_role_with_oidc` and tccli " +
			"profile roles. The SDK's STS client always uses HTTPS with the system's trusted certificates.",
			Validator: validate.STSEndpoint()},
	}
	for _, svc := range Services() {
		desc := "Full URL of the " + svc.Name + " API, replacing `https://" + strings.ToLower(svc.Name) +
			".tencentcloudapi.com` (private clouds, proxies, the cloudquota emulator). With it set, any region name is accepted."
		if len(svc.Sites) > 0 {
			desc = "Full URL of the " + svc.Name + " API, replacing the global host of the data source's `site`" +
				siteHosts(svc.Sites) + " (private clouds, proxies, the cloudquota emulator)."
		}
		eps = append(eps, attrs.Endpoint{Key: svc.Endpoint, Description: desc, Validator: validate.HTTPURL()})
	}
	return eps

}

// Block is the tencentcloud block of the provider schema.
func (Cloud) Block() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: tencentCredentialsDoc,
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "Default region, such as `ap-guangzhou`. Environment: `TENCENTCLOUD_REGION`; " +
					"else the tccli profile's `.configure` region. " +
					"A region the SDK does not know is an error listing the known ones, unless `endpoints.tcss` is set.",
				Optional: true,
			},
			"secret_id": schema.StringAttribute{
				MarkdownDescription: "SecretId of an API key. Environment: `TENCENTCLOUD_SECRET_ID`. Takes precedence " +
					"over every other credential source.",
				Optional:  true,
				Sensitive: true,
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "SecretKey of an API key. Environment: `TENCENTCLOUD_SECRET_KEY`.",
				Optional:            true,
				Sensitive:           true,
			},
			"security_token": schema.StringAttribute{
				MarkdownDescription: "Token of temporary credentials. Environment: `TENCENTCLOUD_SECURITY_TOKEN`.",
				Optional:            true,
				Sensitive:           true,
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "tccli profile to read, `<shared_credentials_dir>/<profile>.credential` (JSON " +
					"`secretId`, `secretKey`, optional `token`, `role-arn`, `role-session-name`) and its `.configure` " +
					"region, as `tccli configure --profile` writes them. Environment: `TENCENTCLOUD_PROFILE`. " +
					"Default `default`. Used only when no explicit keys or OIDC settings are given; a profile named " +
					"here that does not exist is an error.",
				Optional: true,
			},
			"shared_credentials_dir": schema.StringAttribute{
				MarkdownDescription: "Directory of tccli's profile files. Environment: " +
					"`TENCENTCLOUD_SHARED_CREDENTIALS_DIR`. Default `~/.tccli`. Setting it selects the profile " +
					"source even without `profile`.",
				Optional: true,
			},
			"endpoints": attrs.EndpointsAttribute(BlockName, endpointList()),
		},
		Blocks: map[string]schema.Block{
			"assume_role":           tencentAssumeRoleBlock(),
			"assume_role_with_oidc": tencentOIDCBlock(),
		},
	}
}

func tencentAssumeRoleBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Assume a CAM role with STS AssumeRole on top of the base credentials (explicit keys, " +
			"OIDC, profile, SDK defaults or CVM role). The environment variables alone, without this block, also " +
			"switch it on when `TENCENTCLOUD_ASSUME_ROLE_ARN` is set (except when they serve the OIDC exchange: " +
			"see `assume_role_with_oidc`).",
		Attributes: map[string]schema.Attribute{
			"role_arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the role, such as `qcs::cam::uin/100000000001:roleName/reader`. " +
					"Environment: `TENCENTCLOUD_ASSUME_ROLE_ARN`. Required (here or there).",
				Optional: true,
			},
			"session_name": schema.StringAttribute{
				MarkdownDescription: "Role session name (2-128 of `[A-Za-z0-9_+=,.@-]`). Environment: " +
					"`TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME`. Default `cloudquota-<unix time>`.",
				Optional:   true,
				Validators: []validator.String{tencentSessionName()},
			},
			"duration": roleDuration(),
		},
	}
}

func tencentOIDCBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Exchange an OIDC ID token (GitHub Actions, GitLab CI, TKE service accounts) for " +
			"temporary credentials with STS AssumeRoleWithWebIdentity (unsigned: no keys needed). The environment " +
			"variables alone switch it on when `TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE` or " +
			"`TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN` is set. As in the official tencentcloud provider, " +
			"`role_arn`, `session_name` and `duration` not given in this block are read from " +
			"`TENCENTCLOUD_ASSUME_ROLE_ARN`, `TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME` and " +
			"`TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION`; those variables then serve this exchange only (an " +
			"`assume_role` on top needs the `assume_role` block).",
		Attributes: map[string]schema.Attribute{
			"provider_id": schema.StringAttribute{
				MarkdownDescription: "Name of the CAM OIDC identity provider. Environment: " +
					"`TENCENTCLOUD_ASSUME_ROLE_PROVIDER_ID`. Default `OIDC`.",
				Optional: true,
			},
			"role_arn": schema.StringAttribute{
				MarkdownDescription: "ARN of the role to assume. Environment: `TENCENTCLOUD_ASSUME_ROLE_ARN`. Required " +
					"(here or there).",
				Optional: true,
			},
			"session_name": schema.StringAttribute{
				MarkdownDescription: "Role session name. Environment: `TENCENTCLOUD_ASSUME_ROLE_SESSION_NAME`. " +
					"Default `cloudquota-<unix time>`.",
				Optional:   true,
				Validators: []validator.String{tencentSessionName()},
			},
			"duration": roleDuration(),
			"web_identity_token_file": schema.StringAttribute{
				MarkdownDescription: "File holding the OIDC token; read again whenever the credentials are renewed. " +
					"Environment: `TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN_FILE`. One of it or " +
					"`web_identity_token` is required.",
				Optional: true,
				Validators: []validator.String{
					stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("web_identity_token")),
				},
			},
			"web_identity_token": schema.StringAttribute{
				MarkdownDescription: "The OIDC token itself. Environment: `TENCENTCLOUD_ASSUME_ROLE_WEB_IDENTITY_TOKEN`.",
				Optional:            true,
				Sensitive:           true,
			},
		},
	}
}

func tencentSessionName() validator.String {
	return stringvalidator.RegexMatches(SessionNamePattern,
		"must be 2 to 128 characters of letters, digits and _+=,.@-")
}

// roleDuration is the session length of both role blocks, which read the same variable.
func roleDuration() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Session length, a Go duration from `1s` to `12h`. Environment: " +
			"`TENCENTCLOUD_ASSUME_ROLE_SESSION_DURATION` (a Go duration or whole seconds). Default `2h`.",
		Optional:   true,
		CustomType: attrs.DurationType{},
		Validators: []validator.String{validate.DurationBetween(time.Second, MaxRoleDuration)},
	}
}

// siteHosts lists a global service's hosts by site, for its endpoint's description.
func siteHosts(sites map[string]string) string {
	names := make([]string, 0, len(sites))
	for site := range sites {
		names = append(names, site)
	}
	sort.Strings(names)
	for i, site := range names {
		names[i] = "`" + site + "`: `https://" + sites[site] + "`"
	}
	return " (" + strings.Join(names, ", ") + ")"
}
