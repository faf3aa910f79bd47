package huawei_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/acctest"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/all"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator/huawei"
)

// The behaviour every Huawei Cloud data source shares, run for each of them.
func TestAccHuaweiShared(t *testing.T) {
	acctest.RunSuite(t, acctest.Suite{
		Cloud:     "Huawei Cloud",
		BlockName: "huaweicloud",
		Block:     (*acctest.Emulator).HuaweiBlock,
		Cred:      func(e *acctest.Emulator) emulator.Credential { return e.HuaweiCred },
		Accept: func(t *testing.T, creds ...emulator.Credential) all.Options {
			return all.Options{Huawei: huawei.Options{Credentials: append([]emulator.Credential{acctest.UniqueHuaweiCredential(t)}, creds...)}}
		},
		Region:      "cn-north-4",
		OtherRegion: "cn-east-3",
		KeyVars:     [2]string{"HW_ACCESS_KEY", "HW_SECRET_KEY"},
		RegionVar:   "HW_REGION_NAME",
		SecretArg:   "secret_key",
		Env: []acctest.EnvRow{
			{Name: "HW_ variables", Region: "cn-east-3", Env: func(_ *testing.T, c emulator.Credential) map[string]string {
				return map[string]string{"HW_ACCESS_KEY": c.AccessKey, "HW_SECRET_KEY": c.SecretKey, "HW_REGION_NAME": "cn-east-3"}
			}},
			{Name: "CLOUD_SDK_ fallback", Region: "cn-north-4", Env: func(_ *testing.T, c emulator.Credential) map[string]string {
				return map[string]string{"CLOUD_SDK_AK": c.AccessKey, "CLOUD_SDK_SK": c.SecretKey, "HW_REGION_NAME": "cn-north-4"}
			}},
			{Name: "HW_ wins over CLOUD_SDK_", Region: "cn-north-4", Env: func(_ *testing.T, c emulator.Credential) map[string]string {
				return map[string]string{
					"HW_ACCESS_KEY": c.AccessKey, "HW_SECRET_KEY": c.SecretKey, "HW_REGION_NAME": "cn-north-4",
					"CLOUD_SDK_AK": "WRONGAK", "CLOUD_SDK_SK": "wrong-secret",
				}
			}},
			{Name: "SDK chain (HUAWEICLOUD_SDK_)", Region: "cn-north-4", Env: func(_ *testing.T, c emulator.Credential) map[string]string {
				return map[string]string{"HUAWEICLOUD_SDK_AK": c.AccessKey, "HUAWEICLOUD_SDK_SK": c.SecretKey, "HW_REGION_NAME": "cn-north-4"}
			}},
			{Name: "temporary key pair", Region: "cn-north-4",
				Cred: emulator.Credential{AccessKey: "HWTEMPORARYAK0001", SecretKey: "temporary-secret", SecurityToken: "temporary-session-token"},
				Env: func(_ *testing.T, c emulator.Credential) map[string]string {
					return map[string]string{
						"HW_ACCESS_KEY": c.AccessKey, "HW_SECRET_KEY": c.SecretKey, "HW_SECURITY_TOKEN": c.SecurityToken,
						"HW_REGION_NAME": "cn-north-4",
					}
				}},
		},
		WrongSecret: acctest.Refusal{Status: 401, Code: "APIGW.0301"},
		// APIGW codes as API Gateway documents them (API signing guide, "Error Codes").
		Faults: []acctest.Fault{
			{Name: "not authorized", Status: 403, Code: "APIGW.0302", Message: "The IAM user is not authorized to access the API.",
				Times: 1, Final: true, Hint: "not allowed this action"},
			{Name: "backend unavailable twice", Status: 502, Code: "APIGW.0201", Message: "Backend unavailable.",
				Times: 2, Hint: "server-side fault"},
			{Name: "backend unavailable once", Status: 502, Code: "APIGW.0201", Message: "Backend unavailable.", Times: 1},
		},
		DataSources: []acctest.DataSource{
			{Type: "cloudquota_hss_resource_quotas", Service: "HSS", Endpoint: "hss", Action: "ShowResourceQuotas",
				Attr: "total_num", Want: knownvalue.Int64Exact(2)},
			{Type: "cloudquota_hss_image_scan_statistics", Service: "HSS", Endpoint: "hss", Action: "ShowImagePayPerScanStatistics",
				Attr: "free_quota_num", Want: knownvalue.Int64Exact(2)},
			{Type: "cloudquota_metastudio_expiring_resources", Service: "MetaStudio", Endpoint: "metastudio",
				Action: "CountTenantResources", Attr: "total_count", Want: knownvalue.Int64Exact(1)},
			{Type: "cloudquota_huaweicloud_ecs_quotas", Service: "ECS", Endpoint: "ecs", Action: "ShowServerLimits",
				Attr: "quotas", Want: available("cores", 20440)},
			{Type: "cloudquota_huaweicloud_vpc_quotas", Service: "VPC", Endpoint: "vpc", Action: "ShowQuota",
				Attr: "quotas", Want: available("vpc", 146)},
			{Type: "cloudquota_huaweicloud_evs_quotas", Service: "EVS", Endpoint: "evs", Action: "CinderListQuotas",
				Attr: "quotas", Want: available("gigabytes", 39998)},
			{Type: "cloudquota_huaweicloud_subscriptions", Service: "BSS", Endpoint: "bss",
				Action: "ListPayPerUseCustomerResources", Attr: "total_count", Want: knownvalue.Int64Exact(3)},
		},
	})
}

// available checks one quota's available figure in a `quotas` map.
func available(key string, n float64) knownvalue.Check {
	return knownvalue.MapPartial(map[string]knownvalue.Check{
		key: knownvalue.ObjectPartial(map[string]knownvalue.Check{"available": knownvalue.Float64Exact(n)}),
	})
}
