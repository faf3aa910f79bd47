package tencent_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/tencent"
)

// The behaviour every Tencent Cloud data source shares, run for each of them.
func TestAccTencentShared(t *testing.T) {
	acctest.RunSuite(t, acctest.Suite{
		Cloud:     "Tencent Cloud",
		BlockName: "tencentcloud",
		Block:     (*acctest.Emulator).TencentBlock,
		Cred:      func(e *acctest.Emulator) emulator.Credential { return e.TencentCred },
		Accept: func(_ *testing.T, creds ...emulator.Credential) all.Options {
			return all.Options{Tencent: tencent.Options{Credentials: append([]emulator.Credential{tencent.DefaultCredential}, creds...)}}
		},
		Region:      "ap-guangzhou",
		OtherRegion: "ap-singapore",
		KeyVars:     [2]string{"TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"},
		RegionVar:   "TENCENTCLOUD_REGION",
		SecretArg:   "secret_key",
		Env: []acctest.EnvRow{
			{Name: "TENCENTCLOUD_ variables with a token", Region: "ap-shanghai",
				Cred: emulator.Credential{AccessKey: "AKIDENVTEST0001", SecretKey: "env-secret", SecurityToken: "env-session-token"},
				Env: func(_ *testing.T, c emulator.Credential) map[string]string {
					return map[string]string{
						"TENCENTCLOUD_SECRET_ID": c.AccessKey, "TENCENTCLOUD_SECRET_KEY": c.SecretKey,
						"TENCENTCLOUD_SECURITY_TOKEN": c.SecurityToken, "TENCENTCLOUD_REGION": "ap-shanghai",
					}
				}},
			// With nothing in HCL or TENCENTCLOUD_ key variables, the SDK's own chain: its
			// credentials file.
			{Name: "SDK credentials file", Region: "ap-guangzhou", Env: func(t *testing.T, c emulator.Credential) map[string]string {
				file := acctest.WriteFile(t, "credentials", fmt.Sprintf("[default]\nsecret_id = %s\nsecret_key = %s\n", c.AccessKey, c.SecretKey))
				return map[string]string{"TENCENTCLOUD_CREDENTIALS_FILE": file, "TENCENTCLOUD_REGION": "ap-guangzhou"}
			}},
		},
		WrongSecret: acctest.Refusal{Status: 200, Code: "AuthFailure.SignatureFailure"},
		Faults: []acctest.Fault{
			{Name: "internal error twice", Status: 200, Code: "InternalError", Message: "An internal error has occurred.",
				Times: 2, Hint: "server-side fault"},
			{Name: "request limit once", Status: 200, Code: "RequestLimitExceeded",
				Message: "Your current request times exceeds the frequency limit.", Times: 1},
			{Name: "unauthorized operation", Status: 200, Code: "AuthFailure.UnauthorizedOperation",
				Message: "The request is not authorized.", Times: 1, Final: true, Hint: "not allowed this action"},
		},
		DataSources: []acctest.DataSource{
			{Type: "cloudquota_tcss_image_authorized_info", Service: "TCSS", Endpoint: "tcss", Action: "DescribeImageAuthorizedInfo",
				Attr: "total_authorized_cnt", Want: knownvalue.Int64Exact(300000)},
			{Type: "cloudquota_tencentcloud_cvm_quotas", Service: "CVM", Endpoint: "cvm", Action: "DescribeAccountQuota",
				Attr: "app_id", Want: knownvalue.Int64Exact(251007416)},
			// vpc, the default product, has no documented example: the emulator answers none.
			{Type: "cloudquota_tencentcloud_vpc_quotas", Service: "VPC", Endpoint: "vpc", Action: "DescribeProductQuota",
				Attr: "product", Want: knownvalue.StringExact("vpc")},
			{Type: "cloudquota_tencentcloud_eip_quotas", Service: "VPC", Endpoint: "vpc", Action: "DescribeAddressQuota",
				Attr: "quotas", Want: knownvalue.MapSizeExact(7)},
			{Type: "cloudquota_tencentcloud_subscriptions", Service: "Billing", Endpoint: "billing", Action: "DescribeRenewInstances",
				Attr: "total_count", Want: knownvalue.Int64Exact(1), Global: true},
		},
	})
}
