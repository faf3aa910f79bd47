package hss

import (
	"context"
	"time"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	hss "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	hssregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is HSS as the huaweicloud block and the call policy know it: API v5 through the
// SDK's hss/v5 client, endpoints.hss, the SDK's region table, and the rate limit Huawei
// documents for every HSS API.
var Service = huawei.Register(&huawei.Service{
	Name:     "HSS",
	Endpoint: "hss",
	Regions:  hssregion.SafeValueOf,
	Limits: conns.Limits{
		"ShowResourceQuotas":            documentedLimit,
		"ShowImagePayPerScanStatistics": documentedLimit,
	},
})

// documentedLimit is the HSS API reference's "Limitations and Constraints" (约束与限制): an API
// takes 600 calls a minute in all, of which one user (or IP address) may make 5.
var documentedLimit = conns.Limit{N: 5, Window: time.Minute,
	Source: "HSS API reference, Limitations and Constraints: 5 calls a minute per user per API (600 a minute per API overall)"}

// call runs one HSS action with req in regionID ("" = the provider's region); fn is the
// SDK method, such as (*hss.HssClient).ShowResourceQuotas.
func call[Req, T any](ctx context.Context, c *conns.Client, regionID, action string, req Req, fn func(*hss.HssClient, Req) (T, error)) (T, conns.Target, error) {
	return huawei.Call(ctx, c, Service, regionID, action, req, func(hc *core.HcHttpClient, req Req) (T, error) {
		return fn(hss.NewHssClient(hc), req)
	})
}
