package all

import (
	"time"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/emulator"
)

// DocumentedLimit is one API's rate limit as its vendor documents it, per
// access key, with where it is documented.
type DocumentedLimit struct {
	Cloud, Action string
	Limit         emulator.Limit
	Source        string
}

// LimitTable is every emulated data API's documented rate limit, enforced per
// access key (sliding window) unless Options.NoLimits. Credential sources
// (STS, IAM, metadata) and IAM's project lookup have none here.
var LimitTable = []DocumentedLimit{
	{"huaweicloud", "ShowImagePayPerScanStatistics", emulator.Limit{N: 5, Window: time.Minute},
		"HSS API reference, \"Limitations and Constraints\": 600 calls/min per API overall, 5/min per user or IP"},
	{"huaweicloud", "ShowResourceQuotas", emulator.Limit{N: 5, Window: time.Minute},
		"HSS API reference, \"Limitations and Constraints\": 600 calls/min per API overall, 5/min per user or IP"},
	{"huaweicloud", "CountTenantResources", emulator.Limit{N: 1, Window: time.Second},
		"MetaStudio \"API限制\" table: no figure for the tenant-management APIs; its lowest single-tenant figure, 1 call/s, as a conservative default"},
	{"huaweicloud", "ListPayPerUseCustomerResources", emulator.Limit{N: 10, Window: time.Second},
		"Customer operations API reference, \"Request Throttling\" (流控信息): default 10/1(s) per source IP, API and account; no row of its own for this API"},
	{"tencentcloud", "DescribeImageAuthorizedInfo", emulator.Limit{N: 20, Window: time.Second},
		"TCSS DescribeImageAuthorizedInfo (seed 001): 默认接口请求频率限制：20次/秒"},
	{"tencentcloud", "DescribeAccountQuota", emulator.Limit{N: 20, Window: time.Second},
		"CVM DescribeAccountQuota (API reference document 213/55628): 默认接口请求频率限制：20次/秒"},
	{"tencentcloud", "DescribeProductQuota", emulator.Limit{N: 20, Window: time.Second},
		"VPC DescribeProductQuota (API reference document 215/49629): 默认接口请求频率限制：20次/秒"},
	{"tencentcloud", "DescribeAddressQuota", emulator.Limit{N: 10, Window: time.Second},
		"VPC DescribeAddressQuota (API reference document 215/16701): a maximum of 10 requests per second"},
	{"alicloud", "GetAuthSummary", emulator.Limit{N: 10, Window: time.Second},
		"Security Center \"API rate quota\": 10/1(s) per regionId,API,ParentUid for its query APIs (no row for GetAuthSummary: that prevailing figure)"},
	{"alicloud", "ListProductQuotas", emulator.Limit{N: 15, Window: time.Second},
		"Quota Center API overview: ListProductQuotas 15 calls a second per account"},
	// Huawei's general quotas: none of the three references documents a limit, so the
	// conservative default the provider gives them (conns.DefaultLimit, 10 a second).
	{"huaweicloud", "ShowServerLimits", emulator.Limit{N: 10, Window: time.Second},
		"ECS API reference, \"查询租户配额\" (ShowServerLimits): no limit documented; the conservative default, 10 calls/s"},
	{"huaweicloud", "ShowQuota", emulator.Limit{N: 10, Window: time.Second},
		"VPC API reference, \"查询配额\" (ShowQuota): no limit documented; the conservative default, 10 calls/s"},
	{"huaweicloud", "CinderListQuotas", emulator.Limit{N: 10, Window: time.Second},
		"EVS API reference, \"查询租户的详细配额\" (CinderListQuotas): no limit documented; the conservative default, 10 calls/s"},
	{"tencentcloud", "DescribeRenewInstances", emulator.Limit{N: 20, Window: time.Second},
		"Tencent Cloud billing DescribeRenewInstances (document 555/78424): 默认接口请求频率限制：20次/秒"},
	{"alicloud", "QueryAvailableInstances", emulator.Limit{N: 10, Window: time.Second},
		"BssOpenApi QueryAvailableInstances: no published figure; the provider's conservative default, 10/s"},
}

// DocumentedLimits returns LimitTable as Options.Limits.
func DocumentedLimits() map[string]emulator.Limit {
	out := make(map[string]emulator.Limit, len(LimitTable))
	for _, row := range LimitTable {
		out[row.Action] = row.Limit
	}
	return out
}
