// Package tencentcvm holds the Tencent Cloud CVM (Cloud Virtual Machine) data sources. It is
// named for its cloud, unlike the Huawei and Alibaba services' packages, because three
// clouds have an ECS/CVM and a VPC service.
package tencentcvm

import (
	"context"
	"time"

	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/tencent"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// APIVersion is the CVM API version the data sources call.
const APIVersion = "2017-03-12"

// Service is CVM as the tencentcloud block and the call policy know it: service code cvm,
// API 2017-03-12 through the SDK's typed cvm/v20170312 requests and responses,
// endpoints.cvm, the regions the SDK names, and the rate limit Tencent documents.
var Service = tencent.Register(&tencent.Service{
	Name:       "CVM",
	Endpoint:   "cvm",
	APIVersion: APIVersion,
	Limits: conns.Limits{
		"DescribeAccountQuota": {N: 20, Window: time.Second,
			Source: "CVM API reference, DescribeAccountQuota (document 213/55628): 默认接口请求频率限制：20次/秒, 20 requests a second"},
	},
})

// call runs one CVM action with req (the SDK's typed request) in regionID ("" = the
// provider's region), decoding the answer into newResponse's value (the SDK's typed response).
func call[T tchttp.Response](ctx context.Context, c *conns.Client, regionID, action string, req any, newResponse func() T) (T, conns.Target, error) {
	return tencent.Call(ctx, c, Service, regionID, action, req, newResponse)
}
