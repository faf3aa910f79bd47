package huaweievs

import (
	"context"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	evsregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/evs/v2/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is Huawei Cloud EVS as the huaweicloud block and the call policy know it: the
// Cinder-compatible v2 API through the SDK's evs/v2 request definitions, endpoints.evs, the
// SDK's region table. (The package is huaweievs, so that no other cloud's disk service
// clashes with it.)
var Service = huawei.Register(&huawei.Service{
	Name:     "EVS",
	Endpoint: "evs",
	Regions:  evsregion.SafeValueOf,
	Limits:   conns.Limits{"CinderListQuotas": undocumentedLimit},
})

// undocumentedLimit: the EVS API reference publishes no flow-control figure for
// CinderListQuotas ("查询租户的详细配额"), so the conservative default every undocumented API gets.
var undocumentedLimit = func() conns.Limit {
	l := conns.DefaultLimit
	l.Source = "EVS API reference, CinderListQuotas (查询租户的详细配额): no rate limit documented; a conservative default"
	return l
}()

// call runs one EVS action with req in regionID ("" = the provider's region); fn is given
// the region's SDK HTTP client, since the read here decodes its answer itself.
func call[Req, T any](ctx context.Context, c *conns.Client, regionID, action string, req Req, fn func(*core.HcHttpClient, Req) (T, error)) (T, conns.Target, error) {
	return huawei.Call(ctx, c, Service, regionID, action, req, fn)
}
