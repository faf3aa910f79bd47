package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/validate"
)

func tencentBlock() schema.SingleNestedBlock {
	return schema.SingleNestedBlock{
		MarkdownDescription: "Tencent Cloud (TCSS data source). Credentials are taken from this block, then " +
			"`TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`, then the Tencent Cloud SDK's own chain " +
			"(`~/.tencentcloud/credentials` or `TENCENTCLOUD_CREDENTIALS_FILE`, CVM role metadata).",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				MarkdownDescription: "Default region, such as `ap-guangzhou`. Environment: `TENCENTCLOUD_REGION`. " +
					"A region the SDK does not know is an error listing the known ones, unless `endpoints.tcss` is set.",
				Optional: true,
			},
			"secret_id": schema.StringAttribute{
				MarkdownDescription: "SecretId of an API key. Environment: `TENCENTCLOUD_SECRET_ID`.",
				Optional:            true,
				Sensitive:           true,
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
			"endpoints": schema.SingleNestedAttribute{
				MarkdownDescription: "Endpoint overrides, as full URLs.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"tcss": schema.StringAttribute{
						MarkdownDescription: "Full URL of the TCSS API, replacing `https://tcss.tencentcloudapi.com` " +
							"(private clouds, proxies, the cloudquota emulator). With it set, any region name is accepted.",
						Optional:   true,
						Validators: []validator.String{validate.HTTPURL()},
					},
				},
			},
		},
	}
}
