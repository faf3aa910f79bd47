package tcss

import (
	"context"
	"time"

	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

	"github.com/cloudquota/terraform-provider-cloudquota/internal/clouds/tencent"
	"github.com/cloudquota/terraform-provider-cloudquota/internal/conns"
)

// APIVersion is the TCSS API version the data sources call.
const APIVersion = "2020-11-01"

// Service is TCSS (Tencent Container Security Service) as the tencentcloud block and the
// call policy know it: service code tcss, API 2020-11-01 through the SDK's typed
// tcss/v20201101 request and response,
// endpoints.tcss, the regions the SDK names, and the rate limits Tencent documents.
var Service = tencent.Register(&tencent.Service{
	Name:       "TCSS",
	Endpoint:   "tcss",
	APIVersion: APIVersion,
	Limits: conns.Limits{
		"DescribeImageAuthorizedInfo": {N: 20, Window: time.Second,
			Source: "TCSS DescribeImageAuthorizedInfo API reference (seed 001): 默认接口请求频率限制：20次/秒, 20 requests a second"},
	},
})

// call runs one TCSS action with req (the SDK's typed request) in regionID ("" = the
// provider's region), decoding the answer into newResponse's value (the SDK's typed response).
func call[T tchttp.Response](ctx context.Context, c *conns.Client, regionID, action string, req any, newResponse func() T) (T, conns.Target, error) {
	return tencent.Call(ctx, c, Service, regionID, action, req, newResponse)
}
