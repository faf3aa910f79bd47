// Package tencentvpc holds the Tencent Cloud VPC data sources: network product quotas and EIP
// quotas, both actions of the VPC API. It is named for its cloud, unlike the Huawei and
// Alibaba services' packages, because three clouds have a VPC service.
package tencentvpc

import (
	"context"
	"time"

	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/tencent"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// APIVersion is the VPC API version the data sources call.
const APIVersion = "2017-03-12"

// Service is VPC as the tencentcloud block and the call policy know it: service code vpc,
// API 2017-03-12 through the SDK's typed vpc/v20170312 requests and responses,
// endpoints.vpc, the regions the SDK names, and the rate limits Tencent documents.
var Service = tencent.Register(&tencent.Service{
	Name:       "VPC",
	Endpoint:   "vpc",
	APIVersion: APIVersion,
	Limits: conns.Limits{
		"DescribeProductQuota": {N: 20, Window: time.Second,
			Source: "VPC API reference, DescribeProductQuota (document 215/49629): 默认接口请求频率限制：20次/秒, 20 requests a second"},
		"DescribeAddressQuota": {N: 10, Window: time.Second,
			Source: "VPC API reference, DescribeAddressQuota (document 215/16701): A maximum of 10 requests can be initiated per second for this API"},
	},
})

// call runs one VPC action with req (the SDK's typed request) in regionID ("" = the
// provider's region), decoding the answer into newResponse's value (the SDK's typed response).
func call[T tchttp.Response](ctx context.Context, c *conns.Client, regionID, action string, req any, newResponse func() T) (T, conns.Target, error) {
	return tencent.Call(ctx, c, Service, regionID, action, req, newResponse)
}
