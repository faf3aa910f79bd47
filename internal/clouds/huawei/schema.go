package huawei

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/attrs"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/validate"
)

// endpointList are the keys of the huaweicloud block's endpoints attribute: one per registered
// service, and IAM for the credential chain.
func endpointList() []attrs.Endpoint {
	endpoint := func(key, service, note string) attrs.Endpoint {
		return attrs.Endpoint{Key: key, Validator: validate.HTTPURL(),
			Description: "Full URL of the " + service + " endpoint, replacing the SDK's regional one " +
				"(private clouds, proxies, the cloudquota emulator). " + note}
	}
	eps := []attrs.Endpoint{endpoint(endpointIAM, "IAM", "IAM resolves project IDs from region names when "+
		"`project_id` is unset, the account's domain ID for global services when `domain_id` is unset, "+
		"assumes `assume_role`'s agency and exchanges OIDC ID tokens.")}
	for _, svc := range Services() {
		eps = append(eps, endpoint(svc.Endpoint, svc.Name, "With it set, any region name is accepted for "+svc.Name+"."))
	}
	return eps
}

// Block is the huaweicloud block of the provider schema.
func (Cloud) Block() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Huawei Cloud (HSS, MetaStudio, the ECS, VPC and EVS quotas, and BSS subscriptions). The base credentials are the first " +
			"of these sources that applies: " +
			"(1) `access_key`/`secret_key` (+ `security_token`) in this block, else `HW_ACCESS_KEY`/`HW_SECRET_KEY` " +
			"(or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`) with `HW_SECURITY_TOKEN`; " +
			"(2) OIDC web identity: `assume_role_with_oidc` or `HW_ASSUME_ROLE_IDP_ID`/`HW_ASSUME_ROLE_ID_TOKEN_FILE`; " +
			"(3) a KooCLI profile: `profile` (`HW_PROFILE`) and/or `shared_config_file` (`HW_SHARED_CONFIG_FILE`) — " +
			"a named profile that is missing or unreadable is an error, never a fall-through; " +
			"(4) the Huawei Cloud SDK's environment (`HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK`/" +
			"`HUAWEICLOUD_SDK_SECURITY_TOKEN`, or `HUAWEICLOUD_SDK_IDP_ID`/`HUAWEICLOUD_SDK_ID_TOKEN_FILE`), its " +
			"credentials file (`HUAWEICLOUD_SDK_CREDENTIALS_FILE`, default `~/.huaweicloud/credentials`, section " +
			"`[basic]`), then the current profile of `~/.hcloud/config.json` if that file exists; " +
			"(5) ECS instance metadata (the instance's agency), given up after 2 seconds. " +
			"Then, when `assume_role` (or `HW_ASSUME_ROLE_AGENCY_NAME`) is set, the agency is assumed with those base " +
			"credentials, whichever source they came from, and the data sources use the temporary credentials. " +
			"When no source has credentials, reading a Huawei data source fails with a list of every source tried " +
			"and why it gave nothing; the other clouds are not affected. Credentials are resolved once per " +
			"provider run, on the first Huawei read.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "Default region, such as `cn-north-4`. Environment: `HW_REGION_NAME`. " +
					"A region the SDK does not know is an error listing the known ones, unless an endpoint " +
					"override is set for the service.",
				Optional: true,
			},
			"access_key": schema.StringAttribute{
				MarkdownDescription: "Access key ID. Environment: `HW_ACCESS_KEY`, then `CLOUD_SDK_AK`.",
				Optional:            true,
				Sensitive:           true,
			},
			"secret_key": schema.StringAttribute{
				MarkdownDescription: "Secret access key. Environment: `HW_SECRET_KEY`, then `CLOUD_SDK_SK`.",
				Optional:            true,
				Sensitive:           true,
			},
			"security_token": schema.StringAttribute{
				MarkdownDescription: "Security token of temporary credentials. Environment: `HW_SECURITY_TOKEN`.",
				Optional:            true,
				Sensitive:           true,
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "Project ID of the provider-level `region`. Environment: `HW_PROJECT_ID`. " +
					"When unset, and for every other region, the project is resolved from the region name " +
					"through IAM (once per region per run).",
				Optional: true,
			},
			"enterprise_project_id": schema.StringAttribute{
				MarkdownDescription: "Default enterprise project for data sources that take one; " +
					"`all_granted_eps` queries all of them. Environment: `HW_ENTERPRISE_PROJECT_ID`. When unset " +
					"the API's own default applies (`0`, the default enterprise project).",
				Optional: true,
			},
			"domain_id": schema.StringAttribute{
				MarkdownDescription: "ID of the account (IAM domain) for global services such as billing (BSS), " +
					"which are called with the account's global credentials rather than a project. Environment: " +
					"`HW_DOMAIN_ID`. When unset it is resolved through IAM (`GET /v3/auth/domains`, through " +
					"`endpoints.iam`), as the SDK's global credentials do, once per provider run; that lookup needs " +
					"the `iam:users:getUser` permission, so set it for a user without that permission.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"profile": schema.StringAttribute{
				MarkdownDescription: "Name of a KooCLI (`hcloud`) profile in `shared_config_file`. Environment: " +
					"`HW_PROFILE`. Only `AKSK` profiles (access key, secret key, optional security token) are " +
					"supported; their `region` and `projectId` fill `region` and `project_id` when those are unset. " +
					"A named profile that is missing is an error.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"shared_config_file": schema.StringAttribute{
				MarkdownDescription: "Path of the KooCLI config file. Environment: `HW_SHARED_CONFIG_FILE`. " +
					"Default `~/.hcloud/config.json`. Set alone, its `current` profile is used; an unreadable file is an error.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"endpoints": attrs.EndpointsAttribute(BlockName, endpointList()),
		},
		Blocks: map[string]schema.Block{
			"assume_role": schema.SingleNestedBlock{
				MarkdownDescription: "Assume an IAM agency (IAM `CreateTemporaryAccessKeyByAgency`, through the SDK's IAM " +
					"client and `endpoints.iam`) with the base credentials, whatever their source. The environment " +
					"variables alone (block absent) also switch it on. The temporary credentials last `duration` " +
					"and are not renewed within one provider run.",
				Attributes: map[string]schema.Attribute{
					"agency_name": schema.StringAttribute{
						MarkdownDescription: "Name of the agency to assume. Environment: `HW_ASSUME_ROLE_AGENCY_NAME`.",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"domain_name": schema.StringAttribute{
						MarkdownDescription: "Name of the account (domain) that owns the agency. Environment: " +
							"`HW_ASSUME_ROLE_DOMAIN_NAME`. One of `domain_name` and `domain_id` is required.",
						Optional: true,
						Validators: []validator.String{
							stringvalidator.LengthAtLeast(1),
							stringvalidator.ConflictsWith(path.MatchRelative().AtParent().AtName("domain_id")),
						},
					},
					"domain_id": schema.StringAttribute{
						MarkdownDescription: "ID of the account (domain) that owns the agency. Environment: " +
							"`HW_ASSUME_ROLE_DOMAIN_ID`.",
						Optional:   true,
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"duration": schema.StringAttribute{
						MarkdownDescription: "Lifetime of the temporary credentials, a Go duration from `15m` to `24h`. " +
							"Default `1h`. Environment: `HW_ASSUME_ROLE_DURATION` (a Go duration or whole seconds).",
						Optional:   true,
						CustomType: attrs.DurationType{},
						Validators: []validator.String{validate.DurationBetween(AssumeRoleMinDuration, AssumeRoleMaxDuration)},
					},
				},
			},
			"assume_role_with_oidc": schema.SingleNestedBlock{
				MarkdownDescription: "OIDC web identity (e.g. a CI runner's ID token): the SDK's federated credentials " +
					"exchange the token with IAM (`CreateTokenWithIdToken`, then `CreateTemporaryAccessKeyByToken`, " +
					"through `endpoints.iam`) for temporary credentials, re-reading the file when they near expiry. " +
					"The environment variables alone (block absent) also switch it on.",
				Attributes: map[string]schema.Attribute{
					"idp_id": schema.StringAttribute{
						MarkdownDescription: "ID of the identity provider configured in IAM. Environment: " +
							"`HW_ASSUME_ROLE_IDP_ID`.",
						Optional:   true,
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"id_token_file": schema.StringAttribute{
						MarkdownDescription: "Path of a file holding the OIDC ID token. Environment: " +
							"`HW_ASSUME_ROLE_ID_TOKEN_FILE`.",
						Optional:   true,
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				},
			},
		},
	}
}
