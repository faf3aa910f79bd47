package huaweivpc

import (
	"context"

	core "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	vpc "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2"
	vpcregion "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/vpc/v2/region"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/huawei"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// Service is Huawei Cloud VPC as the huaweicloud block and the call policy know it: API v1
// paths through the SDK's vpc/v2 client, endpoints.vpc, the SDK's region table. (The
// package is huaweivpc, not vpc, so that it never clashes with another cloud's VPC.)
var Service = huawei.Register(&huawei.Service{
	Name:     "VPC",
	Endpoint: "vpc",
	Regions:  vpcregion.SafeValueOf,
	Limits:   conns.Limits{"ShowQuota": undocumentedLimit},
})

// undocumentedLimit: the VPC API reference publishes no flow-control figure for ShowQuota
// ("查询配额"), so the conservative default every undocumented API gets.
var undocumentedLimit = func() conns.Limit {
	l := conns.DefaultLimit
	l.Source = "VPC API reference, ShowQuota (查询配额): no rate limit documented; a conservative default"
	return l
}()

// call runs one VPC action with req in regionID ("" = the provider's region); fn is the SDK
// method, such as (*vpc.VpcClient).ShowQuota.
func call[Req, T any](ctx context.Context, c *conns.Client, regionID, action string, req Req, fn func(*vpc.VpcClient, Req) (T, error)) (T, conns.Target, error) {
	return huawei.Call(ctx, c, Service, regionID, action, req, func(hc *core.HcHttpClient, req Req) (T, error) {
		return fn(vpc.NewVpcClient(hc), req)
	})
}
