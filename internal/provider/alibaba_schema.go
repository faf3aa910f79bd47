package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/validate"
)

func alibabaBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Alibaba Cloud (Security Center data source). Credentials are taken from this block, " +
			"then `ALICLOUD_ACCESS_KEY`/`ALICLOUD_SECRET_KEY`, then `ALIBABA_CLOUD_ACCESS_KEY_ID`/" +
			"`ALIBABA_CLOUD_ACCESS_KEY_SECRET`, then the Alibaba Cloud credentials chain " +
			"(`~/.alibabacloud/credentials`, the `aliyun` CLI profile, OIDC, ECS RAM role).",
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
			"endpoints": schema.SingleNestedAttribute{
				MarkdownDescription: "Endpoint overrides, as full URLs.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"sas": schema.StringAttribute{
						MarkdownDescription: "Full URL of the Security Center (Sas) API, replacing the regional " +
							"endpoint (private clouds, proxies, the cloudquota emulator). With it set, any region " +
							"name is accepted.",
						Optional:   true,
						Validators: []validator.String{validate.HTTPURL()},
					},
				},
			},
		},
	}
}
