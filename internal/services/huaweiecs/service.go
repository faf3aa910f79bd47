package huaweiecs

import (
	"context"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	ecs "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2"
	ecsregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/ecs/v2/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is Huawei Cloud ECS as the huaweicloud block and the call policy know it: API v1
// paths through the SDK's ecs/v2 client, endpoints.ecs, the SDK's region table. (The
// package is huaweiecs, not ecs, so that it never clashes with another cloud's ECS.)
var Service = huawei.Register(&huawei.Service{
	Name:     "ECS",
	Endpoint: "ecs",
	Regions:  ecsregion.SafeValueOf,
	Limits:   conns.Limits{"ShowServerLimits": undocumentedLimit},
})

// undocumentedLimit: the ECS API reference publishes no flow-control figure for
// ShowServerLimits ("查询租户配额"), so the conservative default every undocumented API gets.
var undocumentedLimit = func() conns.Limit {
	l := conns.DefaultLimit
	l.Source = "ECS API reference, ShowServerLimits (查询租户配额): no rate limit documented; a conservative default"
	return l
}()

// call runs one ECS action with req in regionID ("" = the provider's region); fn is the SDK
// method, such as (*ecs.EcsClient).ShowServerLimits.
func call[Req, T any](ctx context.Context, c *conns.Client, regionID, action string, req Req, fn func(*ecs.EcsClient, Req) (T, error)) (T, conns.Target, error) {
	return huawei.Call(ctx, c, Service, regionID, action, req, func(hc *core.HcHttpClient, req Req) (T, error) {
		return fn(ecs.NewEcsClient(hc), req)
	})
}
