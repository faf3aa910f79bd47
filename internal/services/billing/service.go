package billing

import (
	"context"
	"time"

	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/tencent"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/subscriptions"
)

// APIVersion is the billing API version the data source calls.
const APIVersion = "2018-07-09"

// Sites are Tencent Cloud's sites and the billing API's one global host on each (the
// DescribeRenewInstances API reference, cn document 555/127836 and intl 555/78424): the API
// takes no region ("Region: 公共参数，此参数为可选参数" / "This parameter is not required").
var Sites = []subscriptions.Site{
	{Name: "cn", Host: "billing.tencentcloudapi.com"},
	{Name: "intl", Host: "billing.intl.tencentcloudapi.com"},
}

// Service is the Tencent Cloud billing API as the tencentcloud block and the call policy
// know it: service code billing, API 2018-07-09, endpoints.billing, a global host per site,
// and the rate limit Tencent documents.
var Service = tencent.Register(&tencent.Service{
	Name:       "Billing",
	Endpoint:   "billing",
	APIVersion: APIVersion,
	Sites:      siteHosts(),
	Limits: conns.Limits{
		"DescribeRenewInstances": {N: 20, Window: time.Second,
			Source: "Tencent Cloud billing DescribeRenewInstances API reference (document 555/78424): 默认接口请求频率限制：20次/秒, 20 requests a second"},
	},
})

func siteHosts() map[string]string {
	m := make(map[string]string, len(Sites))
	for _, s := range Sites {
		m[s.Name] = s.Host
	}
	return m
}

// call runs one billing action at site with params as its JSON body, decoding the answer
// into newResponse's value; regionID is only reported back (the API takes none).
func call[T tchttp.Response](ctx context.Context, c *conns.Client, regionID, site, action string, params map[string]any, newResponse func() T) (T, conns.Target, error) {
	return tencent.CallSite(ctx, c, Service, regionID, site, action, params, newResponse)
}
