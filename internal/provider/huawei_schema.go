package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/validate"
)

func huaweiBlock() schema.SingleNestedBlock {
	endpoint := func(service, note string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: "Full URL of the " + service + " endpoint, replacing the SDK's regional one " +
				"(private clouds, proxies, the cloudquota emulator). " + note,
			Optional:   true,
			Validators: []validator.String{validate.HTTPURL()},
		}
	}
	return schema.SingleNestedBlock{
		MarkdownDescription: "Huawei Cloud (HSS and MetaStudio data sources). Credentials are taken from this " +
			"block, then `HW_ACCESS_KEY`/`HW_SECRET_KEY` (or `CLOUD_SDK_AK`/`CLOUD_SDK_SK`), then the Huawei " +
			"Cloud SDK's own chain (`HUAWEICLOUD_SDK_AK`/`HUAWEICLOUD_SDK_SK`, `~/.huaweicloud/credentials`, " +
			"ECS instance metadata).",
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
			"endpoints": schema.SingleNestedAttribute{
				MarkdownDescription: "Endpoint overrides, as full URLs.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"hss":        endpoint("HSS", "With it set, any region name is accepted for HSS."),
					"metastudio": endpoint("MetaStudio", "With it set, any region name is accepted for MetaStudio."),
					"iam":        endpoint("IAM", "IAM resolves project IDs from region names when `project_id` is unset."),
				},
			},
		},
	}
}
