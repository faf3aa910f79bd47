package alibaba

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

// endpointList are the keys of the block's endpoints attribute.
func endpointList() []attrs.Endpoint {
	// One endpoint per registered service, and STS for the credential chain.
	eps := []attrs.Endpoint{
		{Key: endpointSTS, Description: "Full `https://` URL (no path) of the STS (Sts 2015-04-01) endpoint " +
			"used by `assume_role`, `assume_role_with_oidc` and role profiles, replacing " +
			"`sts.aliyuncs.com`. The SDK calls STS over HTTPS only.",
			Validator: validate.STSEndpoint()},
	}
	for _, svc := range Services() {
		desc := "Full URL of the " + svc.Title + " (" + svc.Product + ") API, replacing the regional " +
			"endpoint (private clouds, proxies, the cloudquota emulator). With it set, any region " +
			"name is accepted."
		if len(svc.Sites) > 0 {
			desc = "Full URL of the " + svc.Title + " (" + svc.Product + ") API, replacing the global host of the " +
				"data source's `site`" + siteHosts(svc.Sites) + " (private clouds, proxies, the cloudquota emulator)."
		}
		eps = append(eps, attrs.Endpoint{Key: svc.Endpoint, Description: desc, Validator: validate.HTTPURL()})
	}
	return eps

}

// Block is the alicloud block of the provider schema.
func (Cloud) Block() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Alibaba Cloud (Security Center data source). Base credentials come from the first " +
			"source that has them: (1) `access_key`/`secret_key` (+ `security_token`) in this block, else " +
			"`ALICLOUD_ACCESS_KEY`/`ALICLOUD_SECRET_KEY`, else `ALIBABA_CLOUD_ACCESS_KEY_ID`/" +
			"`ALIBABA_CLOUD_ACCESS_KEY_SECRET`; (2) OIDC web identity: `assume_role_with_oidc`, or " +
			"`ALIBABA_CLOUD_OIDC_PROVIDER_ARN` with its variables; (3) a profile of the `aliyun` CLI config " +
			"(`profile`, `shared_credentials_file` or their variables; a named profile that cannot be used is an " +
			"error); (4) the SDK's default files: the `default` profile of `~/.alibabacloud/credentials` " +
			"(`ALIBABA_CLOUD_CREDENTIALS_FILE`), then the current profile of `~/.aliyun/config.json` " +
			"(`ALIBABA_CLOUD_CONFIG_FILE`) if it exists; (5) the ECS instance RAM role from the metadata " +
			"service (`ALIBABA_CLOUD_ECS_METADATA` names the role, `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` " +
			"skips it), given at most 2 seconds. Then, if `assume_role` (or `ALICLOUD_ASSUME_ROLE_ARN`) is set, " +
			"that role is assumed with the base credentials, whichever they are. Credentials are built at the " +
			"first read of an Alibaba data source and temporary ones are refreshed by the SDK; when no source " +
			"has any, the error lists every source tried and why it gave nothing.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "Default region, such as `cn-shanghai`. Environment: `ALICLOUD_REGION`, then " +
					"`ALIBABA_CLOUD_REGION_ID`. It selects Security Center's endpoint (`tds.aliyuncs.com`, or the " +
					"Singapore and Kuala Lumpur ones); an unknown region is an error listing the known ones, " +
					"unless `endpoints.sas` is set.",
				Optional: true,
			},
			"access_key": schema.StringAttribute{
				MarkdownDescription: "AccessKey ID. Environment: `ALICLOUD_ACCESS_KEY`, then `ALIBABA_CLOUD_ACCESS_KEY_ID`.",
				Optional:            true,
				Sensitive:           true,
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "AccessKey secret. Environment: `ALICLOUD_SECRET_KEY`, then " +
					"`ALIBABA_CLOUD_ACCESS_KEY_SECRET`.",
				Optional:  true,
				Sensitive: true,
			},
			"security_token": schema.StringAttribute{
				MarkdownDescription: "STS token of temporary credentials. Environment: `ALICLOUD_SECURITY_TOKEN`, then " +
					"`ALIBABA_CLOUD_SECURITY_TOKEN`.",
				Optional:  true,
				Sensitive: true,
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "Profile of the `aliyun` CLI config file (`shared_credentials_file`) to take " +
					"credentials from; its mode (`AK`, `StsToken`, `RamRoleArn`, `ChainableRamRoleArn`, `EcsRamRole`, " +
					"`OIDC`, ...) is handled by the Alibaba Cloud credentials SDK. Environment: `ALICLOUD_PROFILE`, " +
					"then `ALIBABA_CLOUD_PROFILE`. A profile that is named but missing or unusable is an error.",
				Optional: true,
			},
			"shared_credentials_file": schema.StringAttribute{
				MarkdownDescription: "Path of the `aliyun` CLI config file. Environment: " +
					"`ALICLOUD_SHARED_CREDENTIALS_FILE`. Default `ALIBABA_CLOUD_CONFIG_FILE`, else " +
					"`~/.aliyun/config.json`. Setting it uses the file's current profile unless `profile` names one.",
				Optional: true,
			},
			"endpoints": attrs.EndpointsAttribute(BlockName, endpointList()),
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				MarkdownDescription: "Assume a RAM role (Sts AssumeRole) with the base credentials, whichever source " +
					"gave them. The environment variables alone switch it on when `ALICLOUD_ASSUME_ROLE_ARN` is set.",
				Attributes: map[string]schema.Attribute{
					"role_arn": schema.StringAttribute{
						MarkdownDescription: "ARN of the role, `acs:ram::<account>:role/<name>`. Environment: " +
							"`ALICLOUD_ASSUME_ROLE_ARN`.",
						Optional: true,
					},
					"session_name": schema.StringAttribute{
						MarkdownDescription: "Role session name. Environment: `ALICLOUD_ASSUME_ROLE_SESSION_NAME`. " +
							"Default `terraform-provider-cloudquota`.",
						Optional: true,
					},
					"duration": alibabaDuration("`ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION`"),
					"external_id": schema.StringAttribute{
						MarkdownDescription: "External ID the role's trust policy requires. Environment: " +
							"`ALICLOUD_ASSUME_ROLE_EXTERNAL_ID`.",
						Optional: true,
					},
					"policy": schema.StringAttribute{
						MarkdownDescription: "A policy document (JSON) further restricting the session. Environment: " +
							"`ALICLOUD_ASSUME_ROLE_POLICY`.",
						Optional: true,
					},
				},
			},
			"assume_role_with_oidc": schema.SingleNestedBlock{
				MarkdownDescription: "OIDC web identity (Sts AssumeRoleWithOIDC), e.g. a CI runner's ID token: base " +
					"credentials after explicit keys. The environment variables alone switch it on when " +
					"`ALIBABA_CLOUD_OIDC_PROVIDER_ARN` is set. The token file is re-read when the SDK refreshes.",
				Attributes: map[string]schema.Attribute{
					"oidc_provider_arn": schema.StringAttribute{
						MarkdownDescription: "ARN of the RAM OIDC identity provider. Environment: " +
							"`ALIBABA_CLOUD_OIDC_PROVIDER_ARN`.",
						Optional: true,
					},
					"role_arn": schema.StringAttribute{
						MarkdownDescription: "ARN of the role to assume. Environment: `ALIBABA_CLOUD_ROLE_ARN`.",
						Optional:            true,
					},
					"oidc_token_file": schema.StringAttribute{
						MarkdownDescription: "Path of a file holding the OIDC ID token. Environment: " +
							"`ALIBABA_CLOUD_OIDC_TOKEN_FILE`. Conflicts with `oidc_token`.",
						Optional: true,
						Validators: []validator.String{
							stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("oidc_token")),
						},
					},
					"oidc_token": schema.StringAttribute{
						MarkdownDescription: "The OIDC ID token itself. Environment: `ALIBABA_CLOUD_OIDC_TOKEN`.",
						Optional:            true,
						Sensitive:           true,
					},
					"session_name": schema.StringAttribute{
						MarkdownDescription: "Role session name. Environment: `ALIBABA_CLOUD_ROLE_SESSION_NAME`. " +
							"Default `terraform-provider-cloudquota`.",
						Optional: true,
					},
					"duration": alibabaDuration("`ALIBABA_CLOUD_ROLE_SESSION_EXPIRATION`"),
				},
			},
		},
	}
}

// Alibaba Sts session durations: 15 minutes to the role's maximum, at most 12 hours.
const (
	alibabaMinSession = 15 * time.Minute
	alibabaMaxSession = 12 * time.Hour
)

func alibabaDuration(env string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "Session duration, a Go duration from `\"15m\"` to `\"12h\"` (and at most the role's " +
			"maximum session duration). Default `\"1h\"`. Environment: " + env + " (a Go duration or whole seconds).",
		Optional:   true,
		CustomType: attrs.DurationType{},
		Validators: []validator.String{validate.DurationBetween(alibabaMinSession, alibabaMaxSession)},
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
