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
	{"alicloud", "GetAuthSummary", emulator.Limit{N: 10, Window: time.Second},
		"Security Center \"API rate quota\": 10/1(s) per regionId,API,ParentUid for its query APIs (no row for GetAuthSummary: that prevailing figure)"},
}

// DocumentedLimits returns LimitTable as Options.Limits.
func DocumentedLimits() map[string]emulator.Limit {
	out := make(map[string]emulator.Limit, len(LimitTable))
	for _, row := range LimitTable {
		out[row.Action] = row.Limit
	}
	return out
}
