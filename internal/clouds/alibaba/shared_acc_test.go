package alibaba_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/alibaba"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
)

// The behaviour every Alibaba Cloud data source shares, run for each of them.
func TestAccAlibabaShared(t *testing.T) {
	sts := emulator.Credential{AccessKey: "STS.EMULATORENV01", SecretKey: "sts-secret", SecurityToken: "sts-token"}
	acctest.RunSuite(t, acctest.Suite{
		Cloud:     "Alibaba Cloud",
		BlockName: "alicloud",
		Block:     (*acctest.Emulator).AlibabaBlock,
		Cred:      func(e *acctest.Emulator) emulator.Credential { return e.AlibabaCred },
		Accept: func(_ *testing.T, creds ...emulator.Credential) all.Options {
			return all.Options{Alibaba: alibaba.Options{Credentials: append([]emulator.Credential{alibaba.DefaultCredential}, creds...)}}
		},
		Region:      "cn-shanghai",
		OtherRegion: "ap-southeast-1",
		KeyVars:     [2]string{"ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY"},
		RegionVar:   "ALICLOUD_REGION",
		SecretArg:   "secret_key",
		Env: []acctest.EnvRow{
			{Name: "ALICLOUD_ variables", Region: "cn-hangzhou", Env: func(_ *testing.T, c emulator.Credential) map[string]string {
				return map[string]string{"ALICLOUD_ACCESS_KEY": c.AccessKey, "ALICLOUD_SECRET_KEY": c.SecretKey, "ALICLOUD_REGION": "cn-hangzhou"}
			}},
			{Name: "ALIBABA_CLOUD_ variables", Region: "cn-hangzhou", Env: func(_ *testing.T, c emulator.Credential) map[string]string {
				return map[string]string{
					"ALIBABA_CLOUD_ACCESS_KEY_ID": c.AccessKey, "ALIBABA_CLOUD_ACCESS_KEY_SECRET": c.SecretKey,
					"ALIBABA_CLOUD_REGION_ID": "cn-hangzhou",
				}
			}},
			{Name: "ALICLOUD_ wins over ALIBABA_CLOUD_", Region: "cn-hangzhou", Env: func(_ *testing.T, c emulator.Credential) map[string]string {
				return map[string]string{
					"ALICLOUD_ACCESS_KEY": c.AccessKey, "ALICLOUD_SECRET_KEY": c.SecretKey, "ALICLOUD_REGION": "cn-hangzhou",
					"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAIWRONG", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "wrong",
					"ALIBABA_CLOUD_REGION_ID": "cn-beijing",
				}
			}},
			{Name: "STS token", Region: "cn-hangzhou", Cred: sts, Env: func(_ *testing.T, c emulator.Credential) map[string]string {
				return map[string]string{
					"ALICLOUD_ACCESS_KEY": c.AccessKey, "ALICLOUD_SECRET_KEY": c.SecretKey,
					"ALICLOUD_SECURITY_TOKEN": c.SecurityToken, "ALICLOUD_REGION": "cn-hangzhou",
				}
			}},
			// With nothing in HCL or the key variables, the credentials-go chain: its file.
			{Name: "SDK credentials file", Region: "cn-shanghai", Env: func(t *testing.T, c emulator.Credential) map[string]string {
				file := acctest.WriteFile(t, "credentials", fmt.Sprintf("[default]\ntype = access_key\naccess_key_id = %s\naccess_key_secret = %s\n", c.AccessKey, c.SecretKey))
				return map[string]string{"ALIBABA_CLOUD_CREDENTIALS_FILE": file, "ALICLOUD_REGION": "cn-shanghai"}
			}},
		},
		WrongSecret: acctest.Refusal{Status: 400, Code: "SignatureDoesNotMatch"},
		Faults: []acctest.Fault{
			{Name: "no permission", Status: 403, Code: "NoPermission", Message: "caller has no permission",
				Times: 1, Final: true, Hint: "not allowed this action"},
			{Name: "server error twice", Status: 500, Code: "ServerError", Message: "ServerError", Times: 2, Hint: "server-side fault"},
			{Name: "throttled once", Status: 400, Code: "Throttling.User", Message: "Request was denied due to user flow control.", Times: 1},
		},
		DataSources: []acctest.DataSource{
			{Type: "cloudquota_sas_auth_summary", Service: "SAS", Endpoint: "sas", Action: "GetAuthSummary",
				Attr: "highest_version_name", Want: knownvalue.StringExact("free")},
			{Type: "cloudquota_alicloud_quotas", Service: "Quotas", Endpoint: "quotas", Action: "ListProductQuotas",
				Args: `product_code = "ecs"`, Attr: "limits",
				Want: knownvalue.MapExact(map[string]knownvalue.Check{
					"q_security-group-rules": knownvalue.Float64Exact(200), "q_image-share-accounts": knownvalue.Float64Exact(10)})},
			{Type: "cloudquota_alicloud_ecs_quotas", Service: "ECS", Endpoint: "ecs", Action: "DescribeAccountAttributes",
				Attr: "limits", Want: knownvalue.MapExact(map[string]knownvalue.Check{"security-groups": knownvalue.Float64Exact(800),
					"elastic-network-interfaces": knownvalue.Float64Exact(1000), "dedicated-hosts": knownvalue.Float64Exact(10)})},
			{Type: "cloudquota_alicloud_subscriptions", Service: "BssOpenApi", Endpoint: "bssopenapi", Action: "QueryAvailableInstances",
				Attr: "total_count", Want: knownvalue.Int64Exact(1), Global: true},
		},
	})
}
